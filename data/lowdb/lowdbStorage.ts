import { join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { ShardedRecords } from './shardedRecords.js';

/** Enough shards that one turn's save rewrites a small file, few enough to open at once. */
export const DEFAULT_STATE_SHARDS = 32;

/**
 * Bot Framework `Storage` for ConversationState/UserState over sharded lowdb files.
 *
 * Saves are last-write-wins (eTag "*") and written behind: the turn goes on while the file is
 * written (the next read is served from memory). A crash can lose the last moments of chat
 * state, never a file half written; data that must not be lost or double-booked goes through
 * the stores, whose writes are awaited.
 */
export class LowdbStorage implements Storage {
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    private readonly records: ShardedRecords<StoreItems[string]>,
    private readonly onWriteError: (err: Error) => void,
  ) {}

  static async open(
    dataDir: string,
    { shards = DEFAULT_STATE_SHARDS, onWriteError = (err: Error) => console.error(err) } = {},
  ): Promise<LowdbStorage> {
    // Conversation state is last-write-wins and rebuilt by the user's next message: no fsync.
    const records = await ShardedRecords.open<StoreItems[string]>(join(dataDir, 'bot-state'), shards, { fsync: false });
    return new LowdbStorage(records, onWriteError);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const value = this.records.get(key);
      // Copies, so a turn's in-memory edits never reach the store without a write.
      if (value !== undefined) items[key] = structuredClone(value);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.writeBehind(Object.entries(changes).map(([key, value]) => [key, { ...structuredClone(value), eTag: '*' }]));
  }

  async delete(keys: string[]): Promise<void> {
    this.writeBehind(keys.map((key) => [key, undefined]));
  }

  /** Resolves when every save made so far is on disk (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private writeBehind(changes: [string, StoreItems[string] | undefined][]): void {
    const write = this.records.put(changes).catch((err: Error) => this.onWriteError(err));
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }
}
