import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { countLeading } from '../sorted.js';
import { DEFAULT_CASE_LIST_LIMIT, createdRange, formatCaseNo, idKey, longestWaitingFirst, newestFirst, parseCaseNo, shanghaiDate } from '../caseQuery.js';
import { caseRecordOf, deriveCaseStatus, erasePersonalFields, ERASED, type CaseFilter, type CaseRecord, type CaseStore, type NewCase, type NotifyOnCreate, type Stage, type WaitingCase } from '../cases.js';
import { stageSince } from '../workflow.js';
import { BackgroundCompaction } from './backgroundCompaction.js';
import { AppendLog, reaches, type LogPosition } from './appendLog.js';
import { CaseIndexFile, type CaseEntry } from './caseIndexFile.js';
import { readLegacyShards, removeLegacyShards } from './legacyShards.js';

const CASES_DIR = 'cases';
/** ~2,000 case versions a segment. */
const SEGMENT_BYTES = 8 * 1024 * 1024;
/** The index beside the log is saved after this many changes (and at close): a start replays at most these. */
const SAVE_INDEX_AFTER = 2000;
/** The log is compacted once it is this big and more than half of it is superseded versions. */
const COMPACT_MIN_BYTES = 64 * 1024 * 1024;
/** Cases copied at once while compacting: their appends share fsyncs, requests interleave between batches. */
const COMPACT_BATCH = 500;
/**
 * Latest versions kept in memory, the most recently read or written: a change reads its case,
 * writes it, and the relay marks it, all within moments (a few MB at most).
 */
const RECENT_RECORDS = 512;
/** Reads of this many cases at most are kept among the recent ones. */
const REMEMBER_READS_UP_TO = 4;

/**
 * CaseStore over an append-only log under `<dataDir>/cases/` (`000001.jsonl`, ..., owner-only,
 * fsynced): a create or change appends the case's new version, one line, so its cost follows
 * the case, not how many are stored. Only a small entry per case is held in memory (number,
 * times, stage, owners, where its latest version is); records are read from the log when asked
 * for. The entries are saved beside the log (`index.json`, every few thousand changes and at
 * close), so a start reads them and replays only the lines after them; a missing or damaged
 * index is rebuilt from the whole log. Changes of one case are serialized (in call order);
 * changes of different cases run together, so their appends share one fsync. Numbers are
 * taken with no await in between, so they never repeat within the process; one process per
 * data folder. A damaged line stops the open, naming it.
 */
export class LowdbCaseStore implements CaseStore {
  private readonly byNo = new Map<string, CaseEntry>();
  private readonly byIdNumber = new Map<string, CaseEntry[]>();
  private readonly byUser = new Map<string, CaseEntry[]>();
  private readonly bySubmission = new Map<string, CaseEntry>();
  /** Case numbers holding status updates not yet relayed. */
  private readonly withPending = new Set<string>();
  /** Oldest first by (createdAt, caseNo): `list` walks it from the end. */
  private readonly ordered: CaseEntry[] = [];
  /** Open cases per stage, longest in it first: the overdue watch reads the front only. */
  private readonly byStage = new Map<Stage, CaseEntry[]>();
  /** Last number given per Beijing day (yyyymmdd). */
  private readonly days = new Map<string, number>();
  private changesSinceSave = 0;
  /** The last change queued per case number: the next one runs after it. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Creates in flight by submission id: a second confirmation of one submission waits for the first. */
  private readonly creating = new Map<string, Promise<CaseRecord>>();
  /** Changes whose append has not yet reached the indexes (an index save waits for them). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private saving: Promise<void> | null = null;
  /** Bytes of the cases' latest versions in the log: the rest of it is superseded. */
  private liveBytes = 0;
  /** Recently read or written versions by case number, oldest first, each with where it is stored. */
  private readonly recent = new Map<string, { position: LogPosition; record: CaseRecord }>();

  /** The log compacted once it is big enough and more than half of it superseded versions. */
  private readonly compactions = new BackgroundCompaction(
    () => this.log.totalBytes >= this.compactMinBytes && this.log.totalBytes - this.liveBytes > this.liveBytes,
    () => this.compact(),
    (err) => console.error(`cases: compacting the log failed (${err.message}); its segments stay as they were`),
  );

  private constructor(
    private readonly log: AppendLog<CaseRecord>,
    private readonly index: CaseIndexFile,
    private readonly compactMinBytes: number,
  ) {}

  /** `compactMinBytes`: tests compact small logs. */
  static async open(dataDir: string, { compactMinBytes = COMPACT_MIN_BYTES } = {}): Promise<LowdbCaseStore> {
    const dir = join(dataDir, CASES_DIR);
    const index = new CaseIndexFile(dir);
    const saved = await index.read();
    const skipTo = saved && (await reaches(dir, saved.end)) ? saved.end : undefined;
    const entries = new Map<string, CaseEntry>();
    if (skipTo) for (const entry of saved!.cases) entries.set(entry.caseNo, entry);
    const log = await AppendLog.open<CaseRecord>(dir, { segmentBytes: SEGMENT_BYTES, fsync: true, skipTo }, (record, position) => {
      entries.set(record.caseNo, entryOf(record, position));
    });
    const store = new LowdbCaseStore(log, index, compactMinBytes);
    // A folder from before the log: its shard files' cases move into the log, once.
    const legacy = await readLegacyShards<CaseRecord>(dir);
    if (legacy.files.length && entries.size === 0) {
      const records = legacy.records.map(([, record]) => record);
      const positions = await log.append(records);
      records.forEach((record, i) => entries.set(record.caseNo, entryOf(record, positions[i])));
      await removeLegacyShards([...legacy.files, join(dir, 'sequence.json')]);
    }
    for (const entry of entries.values()) {
      store.addToIndex(entry, false);
      store.liveBytes += entry.position.length + 1;
    }
    store.ordered.sort((a, b) => newestFirst(b, a));
    for (const list of store.byStage.values()) list.sort(longestWaitingFirst);
    if (!skipTo || entries.size !== saved!.cases.length) await store.saveIndex();
    return store;
  }

  /**
   * Bulk load into a folder that has no cases yet (benchmarks, a migration from another system):
   * appends every record in one write, far faster than one `create` per case. Records are
   * taken as they are; their numbers must follow the `YC` format and be unique.
   */
  static async importInto(dataDir: string, records: CaseRecord[]): Promise<void> {
    const dir = join(dataDir, CASES_DIR);
    const existing = await readdir(dir).catch(() => [] as string[]);
    if (existing.some((f) => /\.jsonl?$/.test(f))) throw new Error(`${dir} already holds cases: import only into an empty folder`);
    const seen = new Set<string>();
    for (const record of records) {
      if (!parseCaseNo(record.caseNo)) throw new Error(`not a case number: ${record.caseNo}`);
      if (seen.has(record.caseNo)) throw new Error(`duplicate case number: ${record.caseNo}`);
      seen.add(record.caseNo);
    }
    const log = await AppendLog.open<CaseRecord>(dir, { segmentBytes: SEGMENT_BYTES, fsync: true }, () => undefined);
    for (let i = 0; i < records.length; i += 10_000) await log.append(records.slice(i, i + 10_000));
  }

  async create(input: NewCase, at: Date, notify?: NotifyOnCreate): Promise<CaseRecord> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('create: `at` is not a valid Date');
    // Taken now, as JSON will store it: later changes to `input` do not reach the store.
    const { by, caseNo: _n, createdAt: _c, updatedAt: _u, status: _s, audit: _a, ...fields } = JSON.parse(
      JSON.stringify(input),
    ) as NewCase & Partial<CaseRecord>;
    // Checked with no await before the number is taken: concurrent confirmations of one submission get one case.
    const submission = fields.submissionId;
    if (submission !== undefined) {
      const existing = this.bySubmission.get(submission);
      if (existing) return this.read(existing);
      const pending = this.creating.get(submission);
      if (pending) return pending.then((record) => structuredClone(record));
    }
    const day = shanghaiDate(at).replaceAll('-', '');
    const seq = (this.days.get(day) ?? 0) + 1;
    // Taken now: an acknowledged number is never handed out again (at open the counter is raised
    // past every stored number); a failed create leaves its number unused.
    this.days.set(day, seq);
    const record = caseRecordOf({ ...fields, by }, formatCaseNo(at, seq), at, notify);
    const created = this.tracked(async () => {
      const [position] = await this.log.append([record]);
      this.remember(structuredClone(record), position);
      this.liveBytes += position.length + 1;
      this.addToIndex(entryOf(record, position), true);
      this.changed();
      return record;
    });
    if (submission !== undefined) {
      this.creating.set(submission, created);
      void created.finally(() => this.creating.delete(submission)).catch(() => undefined);
    }
    return created.then((r) => structuredClone(r));
  }

  async get(caseNo: string): Promise<CaseRecord | undefined> {
    const entry = this.byNo.get(caseNo);
    return entry && this.read(entry);
  }

  async findBySubmission(submissionId: string): Promise<CaseRecord | undefined> {
    const entry = this.bySubmission.get(submissionId);
    return entry && this.read(entry);
  }

  async openCasesOf(idNumber: string): Promise<CaseRecord[]> {
    return this.readAll((this.byIdNumber.get(idKey(idNumber)) ?? []).filter((c) => c.status !== 'closed').sort(newestFirst));
  }

  async openCasesOfUser(userKey: string): Promise<CaseRecord[]> {
    return this.readAll((this.byUser.get(userKey) ?? []).filter((c) => c.status !== 'closed').sort(newestFirst));
  }

  async casesOf(idNumber: string): Promise<CaseRecord[]> {
    return this.readAll([...(this.byIdNumber.get(idKey(idNumber)) ?? [])].sort(newestFirst));
  }

  async update(
    caseNo: string,
    change: (record: CaseRecord) => void,
    entry: { by: string; action: string; note?: string },
    at: Date,
  ): Promise<CaseRecord | undefined> {
    return this.serialized(caseNo, async () => {
      const found = this.byNo.get(caseNo);
      if (!found) return undefined;
      const current = await this.read(found);
      const next = structuredClone(current);
      change(next);
      next.caseNo = current.caseNo;
      next.createdAt = current.createdAt;
      next.status = deriveCaseStatus(next.items, next.stage);
      next.updatedAt = at.toISOString();
      next.audit = [...current.audit, { at: next.updatedAt, ...entry, from: current.status, to: next.status }];
      await this.replace(found, next);
      return structuredClone(next);
    });
  }

  async erasePersonalData(caseNo: string, entry: { by: string; action: string; note?: string }, at: Date): Promise<CaseRecord | undefined> {
    return this.update(caseNo, erasePersonalFields, entry, at);
  }

  async withPendingNotifications(limit: number): Promise<CaseRecord[]> {
    const found = [...this.withPending].map((no) => this.byNo.get(no)!).sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
    return this.readAll(found.slice(0, Math.max(0, limit)));
  }

  async markRelayed(caseNo: string, dedupeKeys: string[]): Promise<void> {
    return this.serialized(caseNo, async () => {
      const found = this.byNo.get(caseNo);
      if (!found?.pending) return;
      const current = await this.read(found);
      if (!current.pendingNotifications?.some((n) => dedupeKeys.includes(n.dedupeKey))) return;
      const next = structuredClone(current);
      next.pendingNotifications = current.pendingNotifications.filter((n) => !dedupeKeys.includes(n.dedupeKey));
      if (next.pendingNotifications.length === 0) delete next.pendingNotifications;
      // Not fsynced by itself: lost in a crash, the rows are relayed again and the outbox's dedupe keys drop them.
      await this.replace(found, next, { fsync: false });
    });
  }

  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    const { from, to } = createdRange(filter);
    const limit = filter.limit ?? DEFAULT_CASE_LIST_LIMIT;
    const found: CaseEntry[] = [];
    if (limit <= 0) return [];
    // Start at the last case created at or before `to`, walk back until `from`.
    let i = to === undefined ? this.ordered.length - 1 : countLeading(this.ordered, (c) => c.createdAt <= to) - 1;
    for (; i >= 0 && found.length < limit; i--) {
      const c = this.ordered[i];
      if (from !== undefined && c.createdAt < from) break;
      if (filter.status && c.status !== filter.status) continue;
      if (filter.department && !c.departments.includes(filter.department)) continue;
      found.push(c);
    }
    return this.readAll(found);
  }

  async waitingAt(stage: Stage, enteredBefore: string): Promise<WaitingCase[]> {
    const list = this.byStage.get(stage) ?? [];
    return list.slice(0, countLeading(list, (c) => c.since < enteredBefore)).map(({ caseNo, since }) => ({ caseNo, stage, since }));
  }

  async count(): Promise<number> {
    return this.byNo.size;
  }

  /** Saves the index beside the log (shutdown: the next start replays nothing). */
  async close(): Promise<void> {
    await this.saving;
    await this.compactions.settled();
    await this.saveIndex();
  }

  /**
   * Copies every case's latest version that lies before a new segment into it, saves the
   * index, then deletes the older segments. Each copy runs in its case's queue, so a change
   * made meanwhile is never followed by an older copy; until the old segments are deleted a
   * start reads them and the copies after them (the last line of a case wins), so a stop at
   * any point loses nothing. Runs in the background once more than half the log is superseded.
   */
  async compact(): Promise<void> {
    const first = await this.log.startSegment();
    for (;;) {
      // Again until none is left: a case created while the new segment started may come late.
      const old = [...this.byNo.values()].filter((entry) => entry.position.segment < first);
      if (old.length === 0) break;
      for (let i = 0; i < old.length; i += COMPACT_BATCH) {
        await Promise.all(old.slice(i, i + COMPACT_BATCH).map((entry) => this.serialized(entry.caseNo, () => this.copyForward(entry, first))));
      }
    }
    await this.saveIndex();
    await this.log.removeSegmentsBefore(first);
  }

  private async copyForward(entry: CaseEntry, first: number): Promise<void> {
    if (entry.position.segment >= first) return;
    const record = await this.read(entry);
    const [position] = await this.log.append([record]);
    this.liveBytes += position.length - entry.position.length;
    entry.position = position;
    this.remember(record, position);
  }

  /** Runs `task` after every earlier change of the same case has settled. */
  private serialized<T>(caseNo: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(caseNo) ?? Promise.resolve()).then(task, task);
    const tail = this.tracked(() => run).catch(() => undefined);
    this.queues.set(caseNo, tail);
    void tail.then(() => {
      if (this.queues.get(caseNo) === tail) this.queues.delete(caseNo);
    });
    return run;
  }

  /** Runs a change, known to an index save until it has reached the indexes. */
  private tracked<T>(task: () => Promise<T>): Promise<T> {
    const run = task();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  private async read(entry: CaseEntry): Promise<CaseRecord> {
    const [record] = await this.readAll([entry]);
    return record;
  }

  /** Copies of the entries' latest versions: from memory when recent, else from the log (and then kept). */
  private async readAll(entries: CaseEntry[]): Promise<CaseRecord[]> {
    const records: (CaseRecord | undefined)[] = entries.map((e) => {
      const kept = this.recent.get(e.caseNo);
      return kept && samePosition(kept.position, e.position) ? structuredClone(kept.record) : undefined;
    });
    const missing = entries.filter((_, i) => !records[i]);
    if (missing.length === 0) return records as CaseRecord[];
    const read = await this.readLog(missing);
    let next = 0;
    return records.map((r, i) => {
      if (r) return r;
      const record = read[next++];
      // A long list (staff's, an export) would push out the cases being changed right now.
      if (entries.length <= REMEMBER_READS_UP_TO) this.remember(structuredClone(record), entries[i].position);
      return record;
    });
  }

  private async readLog(entries: CaseEntry[]): Promise<CaseRecord[]> {
    try {
      return await this.log.read(entries.map((e) => e.position));
    } catch (err) {
      // A compaction deleted the segment meanwhile: the entries point at the copies now.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return this.log.read(entries.map((e) => e.position));
    }
  }

  /** Keeps `record` (not to be changed by anyone after) as the case's version at `position`. */
  private remember(record: CaseRecord, position: LogPosition): void {
    this.recent.delete(record.caseNo);
    this.recent.set(record.caseNo, { position, record });
    if (this.recent.size > RECENT_RECORDS) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Appends `next` (same case number, kept by the store from now on), then updates its entry and every index it is in. */
  private async replace(entry: CaseEntry, next: CaseRecord, options?: { fsync: boolean }): Promise<void> {
    const [position] = await this.log.append([next], options);
    this.remember(next, position);
    this.liveBytes += position.length - entry.position.length;
    const updated = entryOf(next, position);
    this.removeFromStage(entry);
    if (entry.userKey !== updated.userKey || entry.idKey !== updated.idKey) {
      this.removeFromOwners(entry);
      if (updated.userKey !== ERASED) this.addToOwners(entry, updated);
    }
    Object.assign(entry, updated);
    this.trackPending(entry);
    this.addToStage(entry, true);
    this.changed();
  }

  /** Counts a change; every few thousand, the index is saved in the background; the log compacted when due. */
  private changed(): void {
    this.compactions.startIfDue();
    if (++this.changesSinceSave < SAVE_INDEX_AFTER || this.saving) return;
    this.saving = this.saveIndex()
      .catch((err: Error) => console.error(`cases: saving the index failed (${err.message}); the next start replays more of the log`))
      .finally(() => (this.saving = null));
  }

  /**
   * Saves every entry with a log position they cover. The position is taken first, then the
   * changes in flight are waited for: every line before it is then in the entries, and lines
   * after it that are too are replayed harmlessly (the last line of a case wins).
   */
  private async saveIndex(): Promise<void> {
    this.changesSinceSave = 0;
    const end = this.log.end;
    await Promise.allSettled([...this.inFlight]);
    await this.index.write(end, this.byNo.values());
  }

  private addToIndex(entry: CaseEntry, keepOrder: boolean): void {
    this.byNo.set(entry.caseNo, entry);
    if (entry.submissionId !== undefined) this.bySubmission.set(entry.submissionId, entry);
    this.trackPending(entry);
    if (entry.userKey !== ERASED) this.addToOwners(entry, entry);
    this.addToStage(entry, keepOrder);
    // A counter behind the cases (files restored from a backup, say) must not hand out a used number.
    const no = parseCaseNo(entry.caseNo);
    if (no && no.seq > (this.days.get(no.day) ?? 0)) this.days.set(no.day, no.seq);
    if (!keepOrder) {
      this.ordered.push(entry);
      return;
    }
    // Usually the newest case: append; a back-dated `at` is inserted in its place.
    this.ordered.splice(countLeading(this.ordered, (c) => newestFirst(c, entry) > 0), 0, entry);
  }

  private trackPending(entry: CaseEntry): void {
    if (entry.pending) this.withPending.add(entry.caseNo);
    else this.withPending.delete(entry.caseNo);
  }

  /** The person's and the chat user's indexes (an erased case is in neither), under `keys`' owners. */
  private addToOwners(entry: CaseEntry, keys: Pick<CaseEntry, 'idKey' | 'userKey'>): void {
    for (const [index, key] of [[this.byIdNumber, keys.idKey], [this.byUser, keys.userKey]] as const) {
      const list = index.get(key);
      if (list) list.push(entry);
      else index.set(key, [entry]);
    }
  }

  private removeFromOwners(entry: CaseEntry): void {
    for (const [index, key] of [[this.byIdNumber, entry.idKey], [this.byUser, entry.userKey]] as const) {
      const rest = (index.get(key) ?? []).filter((c) => c !== entry);
      if (rest.length) index.set(key, rest);
      else index.delete(key);
    }
  }

  private addToStage(entry: CaseEntry, keepOrder: boolean): void {
    if (entry.status === 'closed') return;
    const list = this.byStage.get(entry.stage);
    if (!list) this.byStage.set(entry.stage, [entry]);
    else if (!keepOrder) list.push(entry);
    else list.splice(countLeading(list, (c) => longestWaitingFirst(c, entry) <= 0), 0, entry);
  }

  private removeFromStage(entry: CaseEntry): void {
    const list = this.byStage.get(entry.stage);
    const at = list?.indexOf(entry) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
  }
}

const samePosition = (a: LogPosition, b: LogPosition) => a.segment === b.segment && a.offset === b.offset;

/** The entry kept in memory for a case version stored at `position`. */
function entryOf(record: CaseRecord, position: LogPosition): CaseEntry {
  return {
    caseNo: record.caseNo,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    status: record.status,
    stage: record.stage,
    since: stageSince(record),
    idKey: idKey(record.applicant.idNumber),
    userKey: record.submittedBy.userKey,
    ...(record.submissionId !== undefined ? { submissionId: record.submissionId } : {}),
    departments: [...new Set(record.items.map((item) => item.department))],
    pending: (record.pendingNotifications?.length ?? 0) > 0,
    position,
  };
}
