import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import type { Low } from 'lowdb';
import { openLow } from './open.js';

type Shard = Record<string, StoreItems[string]>;

/** Enough shards that one turn's save rewrites a small file, few enough to open at once. */
export const DEFAULT_STATE_SHARDS = 32;

/**
 * Bot Framework `Storage` for ConversationState/UserState over lowdb files. Keys are spread
 * over shard files by hash, so a save rewrites one small file, not every conversation.
 *
 * Saves are last-write-wins (eTag "*") and written behind: the turn goes on while the file is
 * written (the next read is served from memory). A crash can lose the last moments of chat
 * state, never a file half written; data that must not be lost or double-booked goes through
 * the stores, whose writes are awaited.
 */
export class LowdbStorage implements Storage {
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    private readonly shards: Low<Shard>[],
    private readonly onWriteError: (err: Error) => void,
  ) {}

  static async open(
    dataDir: string,
    { shards: shardCount = DEFAULT_STATE_SHARDS, onWriteError = (err: Error) => console.error(err) } = {},
  ): Promise<LowdbStorage> {
    const dir = join(dataDir, 'bot-state');
    const names = Array.from({ length: shardCount }, (_, i) => `shard-${String(i).padStart(3, '0')}.json`);
    // Conversation state is last-write-wins and rebuilt by the user's next message: no fsync.
    const shards = await Promise.all(names.map((name) => openLow<Shard>(dir, name, {}, { fsync: false })));
    return new LowdbStorage(shards, onWriteError);
  }

  private shardOf(key: string): Low<Shard> {
    return this.shards[createHash('sha1').update(key).digest().readUInt32BE(0) % this.shards.length];
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const value = this.shardOf(key).data[key];
      // Copies, so a turn's in-memory edits never reach the store without a write.
      if (value !== undefined) items[key] = structuredClone(value);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const touched = new Set<Low<Shard>>();
    for (const [key, value] of Object.entries(changes)) {
      const shard = this.shardOf(key);
      shard.data[key] = { ...structuredClone(value), eTag: '*' };
      touched.add(shard);
    }
    this.writeBehind(touched);
  }

  async delete(keys: string[]): Promise<void> {
    const touched = new Set<Low<Shard>>();
    for (const key of keys) {
      const shard = this.shardOf(key);
      delete shard.data[key];
      touched.add(shard);
    }
    this.writeBehind(touched);
  }

  /** Resolves when every save made so far is on disk (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private writeBehind(shards: Set<Low<Shard>>): void {
    for (const shard of shards) {
      const write = shard.write().catch((err: Error) => this.onWriteError(err));
      this.pending.add(write);
      void write.finally(() => this.pending.delete(write));
    }
  }
}
