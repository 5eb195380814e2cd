import { shanghaiDate } from '../caseQuery.js';
import { DEFAULT_CALL_LIST_LIMIT, oldestFirst, type CallFilter, type CallRecord, type CallStore, type FollowUpResult, type NewCall } from '../calls.js';
import { validTime } from '../validation.js';

/** The reference CallStore: every call in one map, lists by scanning and sorting. */
export class MemoryCallStore implements CallStore {
  private readonly calls = new Map<string, CallRecord>();
  private readonly days = new Map<string, number>();

  async record(input: NewCall, at: Date): Promise<CallRecord> {
    validTime(at, 'record');
    const { callerPhone, category, question, answer, followUpNeeded, agent, dueBy } = structuredClone(input);
    const day = shanghaiDate(at).replaceAll('-', '');
    const seq = (this.days.get(day) ?? 0) + 1;
    this.days.set(day, seq);
    const call: CallRecord = { id: `LD${day}${String(seq).padStart(4, '0')}`, at: at.toISOString(), callerPhone, category, question, answer, followUpNeeded, agent, ...(dueBy ? { dueBy } : {}) };
    this.calls.set(call.id, call);
    return structuredClone(call);
  }

  async get(id: string): Promise<CallRecord | undefined> {
    const call = this.calls.get(id);
    return call && structuredClone(call);
  }

  async list(filter: CallFilter = {}): Promise<CallRecord[]> {
    const all = [...this.calls.values()].sort(oldestFirst);
    const chosen =
      filter.followUp === 'pending'
        ? all.filter((c) => c.followUpNeeded && !c.followUp)
        : all.filter((c) => filter.followUp !== 'done' || c.followUp).reverse();
    return chosen.slice(0, filter.limit ?? DEFAULT_CALL_LIST_LIMIT).map((c) => structuredClone(c));
  }

  async markFollowUpDone(id: string, by: string, at: Date, note?: string): Promise<FollowUpResult> {
    const current = this.calls.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    if (!current.followUpNeeded) return { ok: false, reason: 'not_needed', call: structuredClone(current) };
    if (current.followUp) return { ok: false, reason: 'already_done', call: structuredClone(current) };
    const next: CallRecord = { ...current, followUp: { doneBy: by, doneAt: at.toISOString(), ...(note ? { note } : {}) } };
    this.calls.set(id, next);
    return { ok: true, call: structuredClone(next) };
  }
}
