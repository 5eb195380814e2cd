import { DEFAULT_CASE_LIST_LIMIT, createdRange, formatCaseNo, idKey, longestWaitingFirst, newestFirst, shanghaiDate } from '../caseQuery.js';
import { caseRecordOf, changedRecord, erasePersonalFields, ERASED, type CaseFilter, type CaseRecord, type CaseStore, type NewCase, type NotifyOnCreate, type Stage, type WaitingCase } from '../cases.js';
import { validTime } from '../validation.js';
import { stageSince } from '../workflow.js';

/**
 * The reference CaseStore: every case in one map, lists by scanning and sorting. Each call
 * changes memory with no await in between, so it is atomic within the process.
 */
export class MemoryCaseStore implements CaseStore {
  private readonly cases = new Map<string, CaseRecord>();
  private readonly days = new Map<string, number>();

  async create(input: NewCase, at: Date, notify?: NotifyOnCreate): Promise<CaseRecord> {
    validTime(at, 'create');
    // As JSON will store it: later changes to `input` do not reach the store.
    const { by, caseNo: _n, createdAt: _c, updatedAt: _u, status: _s, audit: _a, ...fields } = JSON.parse(JSON.stringify(input)) as NewCase & Partial<CaseRecord>;
    const existing = fields.submissionId === undefined ? undefined : this.find((c) => c.submissionId === fields.submissionId);
    if (existing) return structuredClone(existing);
    const day = shanghaiDate(at);
    const seq = (this.days.get(day) ?? 0) + 1;
    this.days.set(day, seq);
    const record = caseRecordOf({ ...fields, by }, formatCaseNo(at, seq), at, notify);
    this.cases.set(record.caseNo, record);
    return structuredClone(record);
  }

  async get(caseNo: string): Promise<CaseRecord | undefined> {
    const record = this.cases.get(caseNo);
    return record && structuredClone(record);
  }

  async findBySubmission(submissionId: string): Promise<CaseRecord | undefined> {
    const record = this.find((c) => c.submissionId === submissionId);
    return record && structuredClone(record);
  }

  async openCasesOf(idNumber: string): Promise<CaseRecord[]> {
    return this.openWhere((c) => idKey(c.applicant.idNumber) === idKey(idNumber));
  }

  async openCasesOfUser(userKey: string): Promise<CaseRecord[]> {
    return this.openWhere((c) => c.submittedBy.userKey === userKey);
  }

  async update(caseNo: string, change: (record: CaseRecord) => void, entry: { by: string; action: string; note?: string }, at: Date): Promise<CaseRecord | undefined> {
    const current = this.cases.get(caseNo);
    if (!current) return undefined;
    const updated = changedRecord(current, change, entry, at);
    this.cases.set(caseNo, updated);
    return structuredClone(updated);
  }

  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    const { from, to } = createdRange(filter);
    return [...this.cases.values()]
      .filter((c) => (from === undefined || c.createdAt >= from) && (to === undefined || c.createdAt <= to))
      .filter((c) => !filter.status || c.status === filter.status)
      .filter((c) => !filter.department || c.items.some((item) => item.department === filter.department))
      .sort(newestFirst)
      .slice(0, Math.max(0, filter.limit ?? DEFAULT_CASE_LIST_LIMIT))
      .map((c) => structuredClone(c));
  }

  async waitingAt(stage: Stage, enteredBefore: string): Promise<WaitingCase[]> {
    return [...this.cases.values()]
      .filter((c) => c.status !== 'closed' && c.stage === stage)
      .map((c) => ({ caseNo: c.caseNo, stage, since: stageSince(c) }))
      .filter((w) => w.since < enteredBefore)
      .sort(longestWaitingFirst);
  }

  async count(): Promise<number> {
    return this.cases.size;
  }

  async withPendingNotifications(limit: number): Promise<CaseRecord[]> {
    return [...this.cases.values()]
      .filter((c) => c.pendingNotifications?.length)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0))
      .slice(0, Math.max(0, limit))
      .map((c) => structuredClone(c));
  }

  async markRelayed(caseNo: string, dedupeKeys: string[]): Promise<void> {
    const current = this.cases.get(caseNo);
    if (!current?.pendingNotifications) return;
    const left = current.pendingNotifications.filter((n) => !dedupeKeys.includes(n.dedupeKey));
    const { pendingNotifications: _relayed, ...rest } = current;
    this.cases.set(caseNo, left.length ? { ...rest, pendingNotifications: left } : rest);
  }

  async casesOf(idNumber: string): Promise<CaseRecord[]> {
    const key = idKey(idNumber);
    return [...this.cases.values()]
      .filter((c) => c.submittedBy.userKey !== ERASED && idKey(c.applicant.idNumber) === key)
      .sort(newestFirst)
      .map((c) => structuredClone(c));
  }

  /** The erased fields no longer match anyone's ID number or account, so the scans above leave the case out. */
  erasePersonalData(caseNo: string, entry: { by: string; action: string; note?: string }, at: Date): Promise<CaseRecord | undefined> {
    return this.update(caseNo, erasePersonalFields, entry, at);
  }

  private find(match: (c: CaseRecord) => boolean): CaseRecord | undefined {
    for (const c of this.cases.values()) if (match(c)) return c;
    return undefined;
  }

  private openWhere(match: (c: CaseRecord) => boolean): CaseRecord[] {
    return [...this.cases.values()].filter((c) => c.status !== 'closed' && match(c)).sort(newestFirst).map((c) => structuredClone(c));
  }
}
