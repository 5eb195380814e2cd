import { shanghaiDate } from '../caseQuery.js';
import { DEFAULT_CALL_LIST_LIMIT, type CallFilter, type CallRecord, type CallStore, type FollowUpResult, type NewCall } from '../calls.js';
import { validTime } from '../validation.js';
import type { PgDatabase } from './db.js';

// `oldestFirst` of calls.ts: time, then the (possibly widened) daily sequence.
const OLDEST_FIRST = 'at, length(id), id';
const NEWEST_FIRST = 'at DESC, length(id) DESC, id DESC';

/** Hotline calls in PostgreSQL, numbered from a counter row per Beijing day taken with the insert. */
export class PgCallStore implements CallStore {
  constructor(private readonly db: PgDatabase) {}

  record(input: NewCall, at: Date): Promise<CallRecord> {
    validTime(at, 'record');
    const { callerPhone, category, question, answer, followUpNeeded, agent } = structuredClone(input);
    const day = shanghaiDate(at).replaceAll('-', '');
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ last: number }>(
        'INSERT INTO call_days (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = call_days.last + 1 RETURNING last',
        [day],
      );
      const call: CallRecord = { id: `LD${day}${String(rows[0].last).padStart(4, '0')}`, at: at.toISOString(), callerPhone, category, question, answer, followUpNeeded, agent };
      await client.query('INSERT INTO calls (id, at, follow_up_needed, follow_up_done, call) VALUES ($1, $2, $3, false, $4)', [call.id, call.at, Boolean(followUpNeeded), JSON.stringify(call)]);
      return JSON.parse(JSON.stringify(call)) as CallRecord;
    });
  }

  async get(id: string): Promise<CallRecord | undefined> {
    const { rows } = await this.db.query<{ call: CallRecord }>('SELECT call FROM calls WHERE id = $1', [id]);
    return rows[0]?.call;
  }

  async list(filter: CallFilter = {}): Promise<CallRecord[]> {
    const where =
      filter.followUp === 'pending' ? 'WHERE follow_up_needed AND NOT follow_up_done' : filter.followUp === 'done' ? 'WHERE follow_up_done' : '';
    const order = filter.followUp === 'pending' ? OLDEST_FIRST : NEWEST_FIRST;
    const { rows } = await this.db.query<{ call: CallRecord }>(`SELECT call FROM calls ${where} ORDER BY ${order} LIMIT $1`, [
      Math.max(0, filter.limit ?? DEFAULT_CALL_LIST_LIMIT),
    ]);
    return rows.map((r) => r.call);
  }

  markFollowUpDone(id: string, by: string, at: Date, note?: string): Promise<FollowUpResult> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ call: CallRecord }>('SELECT call FROM calls WHERE id = $1 FOR UPDATE', [id]);
      const current = rows[0]?.call;
      if (!current) return { ok: false, reason: 'not_found' };
      if (!current.followUpNeeded) return { ok: false, reason: 'not_needed', call: current };
      if (current.followUp) return { ok: false, reason: 'already_done', call: current };
      const next: CallRecord = { ...current, followUp: { doneBy: by, doneAt: at.toISOString(), ...(note ? { note } : {}) } };
      await client.query('UPDATE calls SET follow_up_done = true, call = $2 WHERE id = $1', [id, JSON.stringify(next)]);
      return { ok: true, call: next };
    });
  }
}
