import { join } from 'node:path';
import type { StoredDraft } from '../stores.js';
import { MemoryDraftStore } from '../memory/memoryDraftStore.js';
import { LogRecords } from './logRecords.js';

/** Drafts of one kind of form, by user, in an append-only log; every save is awaited and fsynced. */
export class LowdbDraftStore<T> extends MemoryDraftStore<T> {
  private constructor(private readonly log: LogRecords<StoredDraft<T>>) {
    super(log);
  }

  static async open<T>(dataDir: string, form: string): Promise<LowdbDraftStore<T>> {
    return new LowdbDraftStore<T>(await LogRecords.open<StoredDraft<T>>(join(dataDir, `drafts-${form}`), { fsync: true }));
  }

  /** Rewrites the log without deleted drafts (an erasure: gone from disk now). */
  purge(): Promise<void> {
    return this.log.purge();
  }
}
