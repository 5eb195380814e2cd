import { looksPersonal } from '../data/personalData.js';

/**
 * The last `size` values worked out, by key: the least recently used goes first when a new one
 * comes. For pure functions of their key only (the same key always gives the same value), and
 * for values nobody changes. A key holding personal data (an ID or phone number typed in a
 * message) is never kept: worked out each time, it goes with its turn.
 */
export class RecentlyUsed<V> {
  // A Map iterates in insertion order: a value read is put back last.
  private readonly values = new Map<string, V>();

  constructor(private readonly size: number) {}

  /** The value kept for `key`, else `make()`'s, kept. */
  get(key: string, make: () => V): V {
    if (looksPersonal(key)) return make();
    let value = this.values.get(key);
    if (value !== undefined) {
      this.values.delete(key);
    } else {
      value = make();
      if (this.values.size >= this.size) this.values.delete(this.values.keys().next().value!);
    }
    this.values.set(key, value);
    return value;
  }

  clear(): void {
    this.values.clear();
  }
}
