import { randomBytes } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';

/** A stale write: the item changed since it was read. BotState saves reject with it. */
export class ETagConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: "${key}" was changed by someone else since it was read (eTag conflict); read it again and retry`);
    this.name = 'ETagConflictError';
  }
}

/** The authoritative view of the items: changes are visible to the next `get` as soon as `put` returns. */
export interface StateRecords {
  get(key: string): StoreItem | undefined;
  put(changes: [key: string, item: StoreItem | undefined][]): void;
  entries(): Iterable<[key: string, item: StoreItem]>;
}

/**
 * The eTag of an item read as absent: writing with it succeeds only while the item is still
 * absent, so two turns that both start a conversation's state cannot overwrite each other.
 */
export const ABSENT_ETAG = 'absent';

// Unique across restarts, so an eTag read before a restart never matches one given after it.
const ETAG_PREFIX = randomBytes(6).toString('hex');
let etagCounter = 0;
export const newETag = () => `${ETAG_PREFIX}-${(++etagCounter).toString(36)}`;

/**
 * Bot Framework `Storage` with eTag optimistic concurrency, as botbuilder's storageBaseTests
 * expect: a write whose eTag differs from the stored one is rejected (ETagConflictError) and
 * changes nothing of its batch (an eTag for an item that is gone is stale too, ABSENT_ETAG one
 * for an item that now exists); "*" or no eTag writes unconditionally; every written item gets
 * a new eTag, also set on the caller's object so a second save in the same turn is not stale.
 * Null or undefined keys read nothing and write nothing. The check and the change happen with
 * no await between them, so they are atomic within the process.
 */
export class VersionedStorage implements Storage {
  constructor(private readonly records: StateRecords) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys ?? []) {
      const value = this.records.get(key);
      // Copies, so a turn's in-memory edits never reach the store without a write.
      if (value !== undefined) items[key] = structuredClone(value);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) return;
    const entries = Object.entries(changes).filter(([, item]) => item !== null && item !== undefined);
    for (const [key, item] of entries) {
      const expected = (item as StoreItem).eTag;
      const stored = this.records.get(key);
      if (expected === undefined || expected === '*') continue;
      if (stored ? expected !== stored.eTag : expected !== ABSENT_ETAG) throw new ETagConflictError(key);
    }
    const put: [string, StoreItem][] = entries.map(([key, item]) => {
      const eTag = newETag();
      (item as StoreItem).eTag = eTag;
      return [key, { ...structuredClone(item as StoreItem), eTag }];
    });
    this.records.put(put);
  }

  /** Every item, as copies with their eTags: what a move to another backend carries over. */
  *entries(): IterableIterator<[key: string, item: StoreItem]> {
    for (const [key, item] of this.records.entries()) yield [key, structuredClone(item)];
  }

  async delete(keys: string[]): Promise<void> {
    const known = (keys ?? []).filter((key) => this.records.get(key) !== undefined);
    if (known.length) this.records.put(known.map((key) => [key, undefined]));
  }
}
