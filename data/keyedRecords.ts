/**
 * Records by key, held in memory, where a backend keeps them: a change is visible to `get` as
 * soon as `put` is called (before it resolves), and `put` resolves once the change is durable.
 */
export interface KeyedRecords<T> {
  /** The stored record itself (not a copy): callers copy what they hand out. */
  get(key: string): T | undefined;
  entries(): Iterable<[key: string, value: T]>;
  /**
   * Sets or (with undefined) deletes records. `fsync: false`: a change whose loss in a power
   * cut the writer can live with (it repeats it, or nothing relies on it) need not wait for
   * the disk's flush by itself.
   */
  put(changes: [key: string, value: T | undefined][], options?: { fsync?: boolean }): Promise<void>;
}

/**
 * Resolves after the event loop has turned once: work done in batches (compaction, expiry)
 * awaits it between batches, so requests are served in between even when a batch's write
 * resolves at once (a log line that needs no fsync is acknowledged as soon as it is written).
 */
export const letRequestsIn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** KeyedRecords in this process only (the memory backend). */
export class MapRecords<T> implements KeyedRecords<T> {
  private readonly map = new Map<string, T>();

  get(key: string): T | undefined {
    return this.map.get(key);
  }

  entries(): Iterable<[string, T]> {
    return this.map.entries();
  }

  async put(changes: [string, T | undefined][]): Promise<void> {
    for (const [key, value] of changes) {
      if (value === undefined) this.map.delete(key);
      else this.map.set(key, value);
    }
  }
}
