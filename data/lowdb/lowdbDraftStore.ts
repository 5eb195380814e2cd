import { join } from 'node:path';
import type { DraftStore, StoredDraft } from '../stores.js';
import { ShardedRecords } from './shardedRecords.js';

const DRAFT_SHARDS = 16;

/** Drafts of one kind of form, by user, in sharded lowdb files; every save is awaited and fsynced. */
export class LowdbDraftStore<T> implements DraftStore<T> {
  private constructor(private readonly records: ShardedRecords<StoredDraft<T>>) {}

  static async open<T>(dataDir: string, form: string): Promise<LowdbDraftStore<T>> {
    return new LowdbDraftStore<T>(await ShardedRecords.open(join(dataDir, `drafts-${form}`), DRAFT_SHARDS, { fsync: true }));
  }

  async get(userKey: string): Promise<StoredDraft<T> | undefined> {
    const row = this.records.get(userKey);
    return row ? structuredClone(row) : undefined;
  }

  async save(userKey: string, draft: T, at: Date): Promise<void> {
    await this.records.put([[userKey, { draft: structuredClone(draft), updatedAt: at.toISOString() }]]);
  }

  async delete(userKey: string): Promise<void> {
    if (this.records.get(userKey) !== undefined) await this.records.put([[userKey, undefined]]);
  }
}
