import type { Low } from 'lowdb';
import type { DraftStore, StoredDraft } from '../stores.js';
import { openLow } from './open.js';

/** Drafts of one kind of form in one lowdb file (few at a time: only unfinished forms). */
export class LowdbDraftStore<T> implements DraftStore<T> {
  private constructor(private readonly db: Low<Record<string, StoredDraft<T>>>) {}

  static async open<T>(dataDir: string, form: string): Promise<LowdbDraftStore<T>> {
    return new LowdbDraftStore<T>(await openLow<Record<string, StoredDraft<T>>>(dataDir, `drafts-${form}.json`, {}));
  }

  async get(userKey: string): Promise<StoredDraft<T> | undefined> {
    const row = this.db.data[userKey];
    return row ? structuredClone(row) : undefined;
  }

  async save(userKey: string, draft: T, at: Date): Promise<void> {
    this.db.data[userKey] = { draft: structuredClone(draft), updatedAt: at.toISOString() };
    await this.db.write();
  }

  async delete(userKey: string): Promise<void> {
    if (!(userKey in this.db.data)) return;
    delete this.db.data[userKey];
    await this.db.write();
  }
}
