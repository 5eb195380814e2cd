import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { shanghaiDate } from '../caseQuery.js';
import { DEFAULT_CALL_LIST_LIMIT, oldestFirst, parseCallId, type CallFilter, type CallRecord, type CallStore, type FollowUpResult, type NewCall } from '../calls.js';
import { openLow } from './open.js';

type MonthFile = Record<string, CallRecord>;

const CALLS_DIR = 'calls';
const MONTH_FILE = /^(\d{4}-\d{2})\.json$/;

/** The month file a call lives in, from the Beijing date in its number. */
const monthOf = (day: string) => `${day.slice(0, 4)}-${day.slice(4, 6)}`;

/**
 * CallStore over lowdb files under `<dataDir>/calls/`, one per Beijing month (`2026-11.json`),
 * owner-only, written atomically with fsync: recording a call rewrites only this month's file.
 * Everything is read at open and held in memory; writes are serialized in call order, so
 * numbers never repeat within the process. One process per data folder.
 */
export class LowdbCallStore implements CallStore {
  private readonly byId = new Map<string, CallRecord>();
  /** Oldest first. */
  private readonly ordered: CallRecord[] = [];
  private readonly days = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly months: Map<string, Low<MonthFile>>,
  ) {}

  static async open(dataDir: string): Promise<LowdbCallStore> {
    const dir = join(dataDir, CALLS_DIR);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((f) => MONTH_FILE.test(f));
    const months = new Map<string, Low<MonthFile>>();
    for (const name of names) months.set(MONTH_FILE.exec(name)![1], await openLow<MonthFile>(dir, name, {}, { fsync: true }));
    const store = new LowdbCallStore(dir, months);
    for (const file of months.values()) {
      for (const call of Object.values(file.data)) {
        store.byId.set(call.id, call);
        store.ordered.push(call);
        const no = parseCallId(call.id);
        if (no) store.days.set(no.day, Math.max(store.days.get(no.day) ?? 0, no.seq));
      }
    }
    store.ordered.sort(oldestFirst);
    return store;
  }

  async record(input: NewCall, at: Date): Promise<CallRecord> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('record: `at` is not a valid Date');
    const { callerPhone, category, question, answer, followUpNeeded, agent, dueBy } = structuredClone(input);
    return this.serialized(async () => {
      const day = shanghaiDate(at).replaceAll('-', '');
      const seq = (this.days.get(day) ?? 0) + 1;
      const id = `LD${day}${String(seq).padStart(4, '0')}`;
      const call: CallRecord = { id, at: at.toISOString(), callerPhone, category, question, answer, followUpNeeded, agent, ...(dueBy ? { dueBy } : {}) };
      const file = await this.monthFile(monthOf(day));
      file.data[id] = call;
      try {
        await file.write();
      } catch (err) {
        delete file.data[id];
        throw err;
      }
      this.days.set(day, seq);
      this.byId.set(id, call);
      // Nearly always the newest: insert from the end.
      let i = this.ordered.length;
      while (i > 0 && oldestFirst(this.ordered[i - 1], call) > 0) i--;
      this.ordered.splice(i, 0, call);
      return structuredClone(call);
    });
  }

  async get(id: string): Promise<CallRecord | undefined> {
    const call = this.byId.get(id);
    return call && structuredClone(call);
  }

  async list(filter: CallFilter = {}): Promise<CallRecord[]> {
    const limit = filter.limit ?? DEFAULT_CALL_LIST_LIMIT;
    const out: CallRecord[] = [];
    if (filter.followUp === 'pending') {
      for (const call of this.ordered) {
        if (out.length >= limit) break;
        if (call.followUpNeeded && !call.followUp) out.push(structuredClone(call));
      }
      return out;
    }
    for (let i = this.ordered.length - 1; i >= 0 && out.length < limit; i--) {
      const call = this.ordered[i];
      if (filter.followUp === 'done' && !call.followUp) continue;
      out.push(structuredClone(call));
    }
    return out;
  }

  async markFollowUpDone(id: string, by: string, at: Date, note?: string): Promise<FollowUpResult> {
    return this.serialized(async () => {
      const current = this.byId.get(id);
      const no = parseCallId(id);
      if (!current || !no) return { ok: false, reason: 'not_found' };
      if (!current.followUpNeeded) return { ok: false, reason: 'not_needed', call: structuredClone(current) };
      if (current.followUp) return { ok: false, reason: 'already_done', call: structuredClone(current) };
      const next: CallRecord = { ...current, followUp: { doneBy: by, doneAt: at.toISOString(), ...(note ? { note } : {}) } };
      const file = await this.monthFile(monthOf(no.day));
      file.data[id] = next;
      try {
        await file.write();
      } catch (err) {
        file.data[id] = current;
        throw err;
      }
      this.byId.set(id, next);
      this.ordered[this.ordered.indexOf(current)] = next;
      return { ok: true, call: structuredClone(next) };
    });
  }

  private async monthFile(month: string): Promise<Low<MonthFile>> {
    let file = this.months.get(month);
    if (!file) {
      file = await openLow<MonthFile>(this.dir, `${month}.json`, {}, { fsync: true });
      this.months.set(month, file);
    }
    return file;
  }

  /** Runs writes one at a time, in call order; a failure does not block the next. */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
