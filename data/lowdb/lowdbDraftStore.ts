import { join } from 'node:path';
import type { StoredDraft } from '../stores.js';
import { MemoryDraftStore } from '../memory/memoryDraftStore.js';
import { LogRecords } from './logRecords.js';

/** Drafts of one kind of form, by user, in an append-only log; every save is awaited and fsynced. */
export class LowdbDraftStore<T> extends MemoryDraftStore<T> {
  static async open<T>(dataDir: string, form: string): Promise<LowdbDraftStore<T>> {
    return new LowdbDraftStore<T>(await LogRecords.open<StoredDraft<T>>(join(dataDir, `drafts-${form}`), { fsync: true }));
  }
}
