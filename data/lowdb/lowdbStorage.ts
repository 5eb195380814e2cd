import { join } from 'node:path';
import type { StoreItem } from 'botbuilder';
import { VersionedStorage } from '../versionedStorage.js';
import { setAsideToStderr, type CorruptFilePolicy } from './secureJsonFile.js';
import { ShardedRecords } from './shardedRecords.js';

/** Enough shards that one turn's save rewrites a small file, few enough to open at once. */
export const DEFAULT_STATE_SHARDS = 32;

export interface LowdbStorageOptions {
  shards?: number;
  onWriteError?: (err: Error) => void;
  /** What to do with an unreadable shard (default: set it aside and start it empty). */
  onCorrupt?: CorruptFilePolicy;
}

/**
 * Bot Framework `Storage` for ConversationState/UserState over sharded lowdb files, with the
 * eTag checks of `VersionedStorage` made against the records in memory (the authoritative view).
 *
 * Saves are written behind: the turn goes on while the file is written (the next read is served
 * from memory). A crash can lose the last moments of chat state, never a file half written;
 * data that must not be lost or double-booked goes through the stores, whose writes are awaited.
 * An unreadable shard is chat state only: by default it is set aside and the service starts.
 */
export class LowdbStorage extends VersionedStorage {
  private readonly pending: Set<Promise<void>>;

  private constructor(records: ShardedRecords<StoreItem>, onWriteError: (err: Error) => void) {
    const pending = new Set<Promise<void>>();
    super({
      get: (key) => records.get(key),
      entries: () => records.entries(),
      put: (changes) => {
        const write = records.put(changes).catch((err: Error) => onWriteError(err));
        pending.add(write);
        void write.finally(() => pending.delete(write));
      },
    });
    this.pending = pending;
  }

  static async open(
    dataDir: string,
    { shards = DEFAULT_STATE_SHARDS, onWriteError = (err: Error) => console.error(err), onCorrupt = setAsideToStderr }: LowdbStorageOptions = {},
  ): Promise<LowdbStorage> {
    // Conversation state is rebuilt by the user's next message: no fsync.
    const records = await ShardedRecords.open<StoreItem>(join(dataDir, 'bot-state'), shards, { fsync: false, onCorrupt });
    return new LowdbStorage(records, onWriteError);
  }

  /** Resolves when every save made so far is on disk (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
