import { changedCopy, seqOf, type ConversationRecord } from '../conversationRecord.js';
import type { KeyedRecords } from '../keyedRecords.js';

/**
 * Records numbered in creation order, each of one conversation, with the conversation's open
 * one (hand-off, rating request) indexed in memory: rebuilt from the records at start, kept
 * current by every write, so a check on each chat message costs a map lookup. The hand-off and
 * rating stores of every backend are built on it.
 */
export class ConversationRecords<T extends ConversationRecord> {
  private readonly open = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly records: KeyedRecords<T>,
    private readonly isOpen: (record: T) => boolean,
  ) {
    for (const [id, record] of records.entries()) {
      this.seq = Math.max(this.seq, seqOf(id));
      if (isOpen(record)) this.open.set(record.conversationKey, id);
    }
  }

  /** The next number in creation order. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** The stored record itself (callers copy what they hand out). */
  stored(id: string): T | undefined {
    return this.records.get(id);
  }

  openId(conversationKey: string): string | undefined {
    return this.open.get(conversationKey);
  }

  /** Writes records, keeping the open index current before the first await. */
  async put(records: T[]): Promise<void> {
    for (const r of records) {
      if (this.isOpen(r)) this.open.set(r.conversationKey, r.id);
      else if (this.open.get(r.conversationKey) === r.id) this.open.delete(r.conversationKey);
    }
    await this.records.put(records.map((r) => [r.id, r]));
  }

  /** Changes a copy; `change` returning false leaves the record as it was. The result is a copy. */
  async update(id: string, change: (record: T) => boolean | void, tidy?: (record: T) => void): Promise<T | undefined> {
    const current = this.records.get(id);
    if (!current) return undefined;
    const next = changedCopy(current, change, tidy);
    if (!next) return undefined;
    await this.put([next]);
    return structuredClone(next);
  }

  /** Copies of the records that pass `keep`, in creation order. */
  list(keep: (record: T) => boolean): T[] {
    return [...this.records.entries()]
      .map(([, r]) => r)
      .filter(keep)
      .sort((a, b) => seqOf(a.id) - seqOf(b.id))
      .map((r) => structuredClone(r));
  }
}
