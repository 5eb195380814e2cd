import { createHash } from 'node:crypto';
import { countLeading } from '../sorted.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { DEFAULT_CASE_LIST_LIMIT, createdRange, formatCaseNo, idKey, newestFirst, parseCaseNo, shanghaiDate } from '../caseQuery.js';
import { caseRecordOf, deriveCaseStatus, erasePersonalFields, ERASED, type CaseFilter, type CaseRecord, type CaseStore, type NewCase } from '../cases.js';
import { openLow } from './open.js';

/**
 * ~3,000 applications a year. A create rewrites (serializes, writes, fsyncs) one shard: 128
 * shards keep that under ~0.5 MB at 50,000 cases (17 years), where 64 measured about twice the
 * create time. See scripts/bench/caseStoreBench.ts.
 */
export const DEFAULT_CASE_SHARDS = 128;

type Shard = Record<string, CaseRecord>;

/**
 * `cases/sequence.json`: the shard count the files were laid out with. `days` (last number per
 * Beijing day) is rebuilt from the cases at open and kept in memory; an import records it.
 */
interface SequenceFile {
  shards: number;
  days: Record<string, number>;
}

const CASES_DIR = 'cases';
const SEQUENCE_FILE = 'sequence.json';
const shardName = (i: number) => `shard-${String(i).padStart(3, '0')}.json`;
const shardIndex = (caseNo: string, shards: number) => createHash('sha1').update(caseNo).digest().readUInt32BE(0) % shards;

/**
 * CaseStore over lowdb files under `<dataDir>/cases/`: cases are spread over shard files by a
 * hash of the case number, each written atomically with fsync (one file write per create);
 * the daily sequence is recomputed from the stored numbers at open. Creates are serialized (one at a time,
 * in call order), so numbers never repeat within the process; one process per data folder.
 *
 * Everything is held in memory (read at open) with indexes by case number, by ID number and
 * by creation time, so reads never touch the disk.
 */
export class LowdbCaseStore implements CaseStore {
  private readonly byNo = new Map<string, CaseRecord>();
  private readonly byIdNumber = new Map<string, CaseRecord[]>();
  private readonly byUser = new Map<string, CaseRecord[]>();
  private readonly bySubmission = new Map<string, CaseRecord>();
  /** Case numbers holding status updates not yet relayed. */
  private readonly withPending = new Set<string>();
  /** Oldest first by (createdAt, caseNo): `list` walks it from the end. */
  private readonly ordered: CaseRecord[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly shards: Low<Shard>[],
    private readonly sequence: Low<SequenceFile>,
  ) {}

  static async open(dataDir: string, options: { shards?: number } = {}): Promise<LowdbCaseStore> {
    const dir = join(dataDir, CASES_DIR);
    const sequence = await openLow<SequenceFile>(dir, SEQUENCE_FILE, { shards: 0, days: {} }, { fsync: true });
    const layout = sequence.data.shards;
    if (layout && options.shards !== undefined && options.shards !== layout) {
      throw new Error(`${dir} is laid out in ${layout} shards, not ${options.shards}`);
    }
    const count = layout || options.shards || DEFAULT_CASE_SHARDS;
    if (!Number.isInteger(count) || count < 1 || count > 4096) throw new RangeError(`shards must be an integer in 1..4096, not ${count}`);
    if (!layout) {
      sequence.data.shards = count;
      await sequence.write();
    }
    const shards = await Promise.all(Array.from({ length: count }, (_, i) => openLow<Shard>(dir, shardName(i), {}, { fsync: true })));
    const store = new LowdbCaseStore(shards, sequence);
    store.buildIndex();
    return store;
  }

  /**
   * Bulk load into a folder that has no cases yet (benchmarks, a migration from another system):
   * writes the shard files and the sequence directly, far faster than one `create` per case.
   * Records are taken as they are; their numbers must follow the `YC` format and be unique.
   */
  static async importInto(dataDir: string, records: CaseRecord[], options: { shards?: number } = {}): Promise<void> {
    const dir = join(dataDir, CASES_DIR);
    const existing = await readdir(dir).catch(() => [] as string[]);
    if (existing.some((f) => f.endsWith('.json'))) throw new Error(`${dir} already holds cases: import only into an empty folder`);
    const count = options.shards ?? DEFAULT_CASE_SHARDS;
    const files: Shard[] = Array.from({ length: count }, () => ({}));
    const days: Record<string, number> = {};
    for (const record of records) {
      const no = parseCaseNo(record.caseNo);
      if (!no) throw new Error(`not a case number: ${record.caseNo}`);
      const shard = files[shardIndex(record.caseNo, count)];
      if (shard[record.caseNo]) throw new Error(`duplicate case number: ${record.caseNo}`);
      shard[record.caseNo] = record;
      days[no.day] = Math.max(days[no.day] ?? 0, no.seq);
    }
    await Promise.all(
      files.map(async (data, i) => {
        const db = await openLow<Shard>(dir, shardName(i), {}, { fsync: true });
        db.data = data;
        await db.write();
      }),
    );
    const sequence = await openLow<SequenceFile>(dir, SEQUENCE_FILE, { shards: count, days }, { fsync: true });
    await sequence.write();
  }

  async create(input: NewCase, at: Date): Promise<CaseRecord> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('create: `at` is not a valid Date');
    // Taken now, as JSON will store it: later changes to `input` do not reach the store.
    const { by, caseNo: _n, createdAt: _c, updatedAt: _u, status: _s, audit: _a, ...fields } = JSON.parse(
      JSON.stringify(input),
    ) as NewCase & Partial<CaseRecord>;
    return this.serialized(async () => {
      // Checked inside the queue: concurrent confirmations of one submission see the first one's case.
      const existing = fields.submissionId === undefined ? undefined : this.bySubmission.get(fields.submissionId);
      if (existing) return structuredClone(existing);
      const caseNo = this.takeCaseNo(at);
      const record = caseRecordOf({ ...fields, by }, caseNo, at);
      // The case file is the only write: at open the daily counter is raised past every stored
      // number, so an acknowledged number is never handed out again. A failed create leaves its
      // number unused (it may be taken by the next case).
      const shard = this.shardOf(caseNo);
      shard.data[caseNo] = record;
      try {
        await shard.write();
      } catch (err) {
        delete shard.data[caseNo];
        throw err;
      }
      this.addToIndex(record, true);
      return structuredClone(record);
    });
  }

  async get(caseNo: string): Promise<CaseRecord | undefined> {
    const record = this.byNo.get(caseNo);
    return record && structuredClone(record);
  }

  async findBySubmission(submissionId: string): Promise<CaseRecord | undefined> {
    const record = this.bySubmission.get(submissionId);
    return record && structuredClone(record);
  }

  async openCasesOf(idNumber: string): Promise<CaseRecord[]> {
    return (this.byIdNumber.get(idKey(idNumber)) ?? [])
      .filter((c) => c.status !== 'closed')
      .sort(newestFirst)
      .map((c) => structuredClone(c));
  }

  async openCasesOfUser(userKey: string): Promise<CaseRecord[]> {
    return (this.byUser.get(userKey) ?? [])
      .filter((c) => c.status !== 'closed')
      .sort(newestFirst)
      .map((c) => structuredClone(c));
  }

  async update(
    caseNo: string,
    change: (record: CaseRecord) => void,
    entry: { by: string; action: string; note?: string },
    at: Date,
  ): Promise<CaseRecord | undefined> {
    return this.serialized(async () => {
      const current = this.byNo.get(caseNo);
      if (!current) return undefined;
      const next = structuredClone(current);
      change(next);
      next.caseNo = current.caseNo;
      next.createdAt = current.createdAt;
      next.status = deriveCaseStatus(next.items, next.stage);
      next.updatedAt = at.toISOString();
      next.audit = [...current.audit, { at: next.updatedAt, ...entry, from: current.status, to: next.status }];
      await this.replace(current, next);
      return structuredClone(next);
    });
  }

  async casesOf(idNumber: string): Promise<CaseRecord[]> {
    return (this.byIdNumber.get(idKey(idNumber)) ?? []).sort(newestFirst).map((c) => structuredClone(c));
  }

  async erasePersonalData(caseNo: string, entry: { by: string; action: string; note?: string }, at: Date): Promise<CaseRecord | undefined> {
    const current = this.byNo.get(caseNo);
    if (!current) return undefined;
    const personKey = idKey(current.applicant.idNumber);
    const userKey = current.submittedBy.userKey;
    const erased = await this.update(caseNo, erasePersonalFields, entry, at);
    // The record is no longer anyone's: out of the person's and the chat user's indexes.
    for (const [index, key] of [[this.byIdNumber, personKey], [this.byUser, userKey]] as const) {
      const rest = (index.get(key) ?? []).filter((c) => c.caseNo !== caseNo);
      if (rest.length) index.set(key, rest);
      else index.delete(key);
    }
    return erased;
  }

  async withPendingNotifications(limit: number): Promise<CaseRecord[]> {
    const found = [...this.withPending].map((no) => this.byNo.get(no)!).sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
    return found.slice(0, Math.max(0, limit)).map((c) => structuredClone(c));
  }

  async markRelayed(caseNo: string, dedupeKeys: string[]): Promise<void> {
    return this.serialized(async () => {
      const current = this.byNo.get(caseNo);
      if (!current?.pendingNotifications?.some((n) => dedupeKeys.includes(n.dedupeKey))) return;
      const next = structuredClone(current);
      next.pendingNotifications = current.pendingNotifications.filter((n) => !dedupeKeys.includes(n.dedupeKey));
      if (next.pendingNotifications.length === 0) delete next.pendingNotifications;
      await this.replace(current, next);
    });
  }

  /** Writes `next` in place of `current` (same case number), then swaps it in every index. */
  private async replace(current: CaseRecord, next: CaseRecord): Promise<void> {
    const shard = this.shardOf(current.caseNo);
    shard.data[current.caseNo] = next;
    try {
      await shard.write();
    } catch (err) {
      shard.data[current.caseNo] = current;
      throw err;
    }
    // The indexes hold the record object itself: swap it everywhere it is listed.
    this.byNo.set(current.caseNo, next);
    if (current.submissionId !== undefined) this.bySubmission.set(current.submissionId, next);
    this.trackPending(next);
    for (const list of [this.byIdNumber.get(idKey(current.applicant.idNumber)), this.byUser.get(current.submittedBy.userKey), this.ordered]) {
      const at = list?.indexOf(current) ?? -1;
      if (list && at >= 0) list[at] = next;
    }
  }

  private trackPending(record: CaseRecord): void {
    if (record.pendingNotifications?.length) this.withPending.add(record.caseNo);
    else this.withPending.delete(record.caseNo);
  }

  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    const { from, to } = createdRange(filter);
    const limit = filter.limit ?? DEFAULT_CASE_LIST_LIMIT;
    const found: CaseRecord[] = [];
    if (limit <= 0) return found;
    // Start at the last case created at or before `to`, walk back until `from`.
    let i = to === undefined ? this.ordered.length - 1 : this.lastIndexAtOrBefore(to);
    for (; i >= 0 && found.length < limit; i--) {
      const c = this.ordered[i];
      if (from !== undefined && c.createdAt < from) break;
      if (filter.status && c.status !== filter.status) continue;
      if (filter.department && !c.items.some((item) => item.department === filter.department)) continue;
      found.push(c);
    }
    return found.map((c) => structuredClone(c));
  }

  async count(): Promise<number> {
    return this.byNo.size;
  }

  /** Runs `task` after every earlier one has settled. */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Takes the next number of `at`'s Beijing day (in memory; `create` writes the counter). */
  private takeCaseNo(at: Date): string {
    const days = this.sequence.data.days;
    const day = shanghaiDate(at).replaceAll('-', '');
    days[day] = (days[day] ?? 0) + 1;
    return formatCaseNo(at, days[day]);
  }

  private shardOf(caseNo: string): Low<Shard> {
    return this.shards[shardIndex(caseNo, this.shards.length)];
  }

  private buildIndex(): void {
    const days = this.sequence.data.days;
    for (const shard of this.shards) {
      for (const record of Object.values(shard.data)) {
        this.addToIndex(record, false);
        // A counter behind the cases (files restored from a backup, say) must not hand out a used number.
        const no = parseCaseNo(record.caseNo);
        if (no && no.seq > (days[no.day] ?? 0)) days[no.day] = no.seq;
      }
    }
    this.ordered.sort((a, b) => newestFirst(b, a));
  }

  private addToIndex(record: CaseRecord, keepOrder: boolean): void {
    this.byNo.set(record.caseNo, record);
    if (record.submissionId !== undefined) this.bySubmission.set(record.submissionId, record);
    this.trackPending(record);
    if (record.submittedBy.userKey !== ERASED) this.addToOwners(record);
    if (!keepOrder) {
      this.ordered.push(record);
      return;
    }
    // Usually the newest case: append; a back-dated `at` is inserted in its place.
    this.ordered.splice(countLeading(this.ordered, (c) => newestFirst(c, record) > 0), 0, record);
  }

  /** The person's and the chat user's indexes (an erased case is in neither). */
  private addToOwners(record: CaseRecord): void {
    const key = idKey(record.applicant.idNumber);
    const ofPerson = this.byIdNumber.get(key);
    if (ofPerson) ofPerson.push(record);
    else this.byIdNumber.set(key, [record]);
    const ofUser = this.byUser.get(record.submittedBy.userKey);
    if (ofUser) ofUser.push(record);
    else this.byUser.set(record.submittedBy.userKey, [record]);
  }

  /** Index of the last case created at or before `iso`, -1 if none. */
  private lastIndexAtOrBefore(iso: string): number {
    return countLeading(this.ordered, (c) => c.createdAt <= iso) - 1;
  }
}
