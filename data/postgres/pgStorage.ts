import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ABSENT_ETAG, ETagConflictError, newETag } from '../versionedStorage.js';
import type { PgDatabase } from './db.js';

/**
 * Bot Framework `Storage` in PostgreSQL with the eTag rules of `VersionedStorage`: a write
 * naming an eTag is a conditional UPDATE (or an INSERT that only succeeds while the key is
 * absent), and a batch is one transaction, so a conflict on any item changes nothing, whichever
 * instance wrote in between.
 */
export class PgStorage implements Storage {
  constructor(private readonly db: PgDatabase) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (!keys?.length) return items;
    const found = await this.db.query<{ key: string; item: StoreItem }>('SELECT key, item FROM bot_state WHERE key = ANY($1)', [keys]);
    for (const row of found.rows) Object.defineProperty(items, row.key, { value: row.item, enumerable: true, writable: true, configurable: true });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) return;
    const entries = Object.entries(changes).filter(([, item]) => item !== null && item !== undefined) as [string, StoreItem][];
    if (!entries.length) return;
    const written = entries.map(([key, item]) => ({ key, expected: item.eTag as string | undefined, item: { ...structuredClone(item), eTag: newETag() } }));
    await this.db.transaction(async (client) => {
      for (const { key, expected, item } of written) {
        const params = [key, item.eTag, JSON.stringify(item)];
        let changed: number | null;
        if (expected === undefined || expected === '*') {
          changed = (await client.query('INSERT INTO bot_state (key, etag, item) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET etag = $2, item = $3', params)).rowCount;
        } else if (expected === ABSENT_ETAG) {
          changed = (await client.query('INSERT INTO bot_state (key, etag, item) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', params)).rowCount;
        } else {
          changed = (await client.query('UPDATE bot_state SET etag = $2, item = $3 WHERE key = $1 AND etag = $4', [...params, expected])).rowCount;
        }
        if (!changed) throw new ETagConflictError(key);
      }
    });
    // Only once stored: a second save in the same turn then names the current eTag.
    for (const [i, [, item]] of entries.entries()) item.eTag = written[i].item.eTag;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys?.length) await this.db.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }

  /** Every write is awaited: nothing is behind. */
  async flush(): Promise<void> {}
}
