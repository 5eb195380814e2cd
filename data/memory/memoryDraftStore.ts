import { MapRecords, type KeyedRecords } from '../keyedRecords.js';
import type { DraftStore, StoredDraft } from '../stores.js';

/** Drafts of one kind of form, by user; a save resolves once the backend holding `records` has it. */
export class MemoryDraftStore<T> implements DraftStore<T> {
  constructor(private readonly records: KeyedRecords<StoredDraft<T>> = new MapRecords()) {}

  async get(userKey: string): Promise<StoredDraft<T> | undefined> {
    const row = this.records.get(userKey);
    return row ? structuredClone(row) : undefined;
  }

  async save(userKey: string, draft: T, at: Date): Promise<void> {
    await this.records.put([[userKey, { draft: structuredClone(draft), updatedAt: at.toISOString() }]]);
  }

  /** Every user's draft, as copies: what a move to another backend carries over. */
  *entries(): IterableIterator<[userKey: string, draft: StoredDraft<T>]> {
    for (const [key, row] of this.records.entries()) yield [key, structuredClone(row)];
  }

  async delete(userKey: string): Promise<void> {
    // Not fsynced by itself: a draft back after a power cut is offered again, and submitting it
    // answers with the case its submission id already made (submitted drafts are deleted here).
    if (this.records.get(userKey) !== undefined) await this.records.put([[userKey, undefined]], { fsync: false });
  }
}
