import { join } from 'node:path';
import type { StoredDraft } from '../stores.js';
import { MemoryDraftStore } from '../memory/memoryDraftStore.js';
import { ShardedRecords } from './shardedRecords.js';

const DRAFT_SHARDS = 16;

/** Drafts of one kind of form, by user, in sharded lowdb files; every save is awaited and fsynced. */
export class LowdbDraftStore<T> extends MemoryDraftStore<T> {
  static async open<T>(dataDir: string, form: string): Promise<LowdbDraftStore<T>> {
    return new LowdbDraftStore<T>(await ShardedRecords.open<StoredDraft<T>>(join(dataDir, `drafts-${form}`), DRAFT_SHARDS, { fsync: true }));
  }
}
