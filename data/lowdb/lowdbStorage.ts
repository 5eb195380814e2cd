import { join } from 'node:path';
import type { StoreItem } from 'botbuilder';
import type { Clock } from '../clock.js';
import { VersionedStorage } from '../versionedStorage.js';
import { LogRecords } from './logRecords.js';
import { setAsideToStderr, type CorruptFilePolicy } from './secureJsonFile.js';

/** Chat state untouched for this long is dropped: a month on, the user starts afresh. */
export const DEFAULT_CHAT_STATE_IDLE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface LowdbStorageOptions {
  /** Days a user's or conversation's state is kept after its last change. */
  idleDays?: number;
  clock?: Clock;
  onWriteError?: (err: Error) => void;
  /** What to do with an unreadable shard (default: set it aside and start it empty). */
  onCorrupt?: CorruptFilePolicy;
}

/**
 * Bot Framework `Storage` for ConversationState/UserState over an append-only log, with the
 * eTag checks of `VersionedStorage` made against the records in memory (the authoritative view).
 *
 * Saves are written behind: the turn goes on while the file is written (the next read is served
 * from memory). A crash can lose the last moments of chat state, never a file half written;
 * data that must not be lost or double-booked goes through the stores, whose writes are awaited.
 * An unreadable segment is chat state only: by default it is set aside and the service starts.
 * State not written for `idleDays` expires (reads miss it; compaction removes it from disk).
 */
export class LowdbStorage extends VersionedStorage {
  private readonly pending: Set<Promise<void>>;

  private constructor(private readonly log: LogRecords<StoreItem>, onWriteError: (err: Error) => void) {
    const pending = new Set<Promise<void>>();
    super({
      get: (key) => log.get(key),
      entries: () => log.entries(),
      put: (changes) => {
        const write = log.put(changes).catch((err: Error) => onWriteError(err));
        pending.add(write);
        void write.finally(() => pending.delete(write));
      },
    });
    this.pending = pending;
  }

  static async open(
    dataDir: string,
    { idleDays = DEFAULT_CHAT_STATE_IDLE_DAYS, clock, onWriteError = (err: Error) => console.error(err), onCorrupt = setAsideToStderr }: LowdbStorageOptions = {},
  ): Promise<LowdbStorage> {
    if (!(idleDays > 0)) throw new RangeError(`idleDays must be a positive number, not ${idleDays}`);
    // Conversation state is rebuilt by the user's next message: no fsync.
    const records = await LogRecords.open<StoreItem>(join(dataDir, 'bot-state'), { fsync: false, idleMs: idleDays * DAY_MS, clock, onCorrupt, onError: onWriteError });
    return new LowdbStorage(records, onWriteError);
  }

  /** Rewrites the log without deleted or superseded state (an erasure: gone from disk now). */
  async purge(): Promise<void> {
    await Promise.all([...this.pending]);
    await this.log.purge();
  }

  /** Resolves when every save made so far is on disk (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
    await this.log.settled();
  }
}
