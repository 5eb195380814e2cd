import type pg from 'pg';
import { DEFAULT_CASE_LIST_LIMIT, createdRange, formatCaseNo, idKey, shanghaiDate } from '../caseQuery.js';
import { caseRecordOf, changedRecord, erasePersonalFields, ERASED, type CaseFilter, type CaseRecord, type CaseStore, type NewCase, type NotifyOnCreate, type Stage, type WaitingCase } from '../cases.js';
import { validTime } from '../validation.js';
import { stageSince } from '../workflow.js';
import type { PgDatabase, Queryable } from './db.js';

// Newest first as `newestFirst` in caseQuery.ts: time, then the (possibly widened) daily sequence.
const NEWEST_FIRST = 'ORDER BY created_at DESC, length(case_no) DESC, case_no DESC';

type Entry = { by: string; action: string; note?: string };

/** The row of a case: the record as JSON, and the columns that find it. */
function rowOf(record: CaseRecord): unknown[] {
  return [
    record.caseNo,
    record.createdAt,
    record.updatedAt,
    record.status,
    record.stage,
    stageSince(record),
    idKey(record.applicant.idNumber),
    record.submittedBy.userKey,
    record.submissionId ?? null,
    Boolean(record.pendingNotifications?.length),
    JSON.stringify(record),
  ];
}

const COLUMNS = `(case_no, created_at, updated_at, status, stage, stage_since, id_key, user_key, submission_id, has_pending, record)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
/** A new case, unless its submission already made one. */
const INSERT_NEW = `INSERT INTO cases ${COLUMNS} ON CONFLICT (submission_id) DO NOTHING`;
const SAVE = `INSERT INTO cases ${COLUMNS}
  ON CONFLICT (case_no) DO UPDATE SET updated_at = $3, status = $4, stage = $5, stage_since = $6, id_key = $7, user_key = $8, submission_id = $9, has_pending = $10, record = $11`;

const records = (result: pg.QueryResult<{ record: CaseRecord }>) => result.rows.map((r) => r.record);

/**
 * CaseStore in PostgreSQL, for any number of instances: a case is numbered from its day's
 * counter row in the same transaction as its insert, one submission makes one case (a unique
 * submission id), and a change reads the case FOR UPDATE, so concurrent changes queue.
 */
export class PgCaseStore implements CaseStore {
  constructor(private readonly db: PgDatabase) {}

  async create(input: NewCase, at: Date, notify?: NotifyOnCreate): Promise<CaseRecord> {
    validTime(at, 'create');
    const { by, caseNo: _n, createdAt: _c, updatedAt: _u, status: _s, audit: _a, ...fields } = JSON.parse(JSON.stringify(input)) as NewCase & Partial<CaseRecord>;
    if (fields.submissionId !== undefined) {
      const existing = await this.findBySubmission(fields.submissionId);
      if (existing) return existing;
    }
    const made = await this.db.transaction(async (client) => {
      const day = shanghaiDate(at).replaceAll('-', '');
      const { rows } = await client.query<{ last: number }>(
        'INSERT INTO case_days (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = case_days.last + 1 RETURNING last',
        [day],
      );
      const record = caseRecordOf({ ...fields, by }, formatCaseNo(at, rows[0].last), at, notify);
      const inserted = await client.query(INSERT_NEW, rowOf(record));
      // Another instance made this submission's case first: undo the number taken, give theirs.
      if (!inserted.rowCount) throw new SubmissionTaken();
      return record;
    }).catch((err: unknown) => (err instanceof SubmissionTaken ? undefined : Promise.reject(err)));
    return made ?? (await this.findBySubmission(fields.submissionId!))!;
  }

  async get(caseNo: string): Promise<CaseRecord | undefined> {
    return records(await this.db.query('SELECT record FROM cases WHERE case_no = $1', [caseNo]))[0];
  }

  async findBySubmission(submissionId: string): Promise<CaseRecord | undefined> {
    return records(await this.db.query('SELECT record FROM cases WHERE submission_id = $1', [submissionId]))[0];
  }

  async openCasesOf(idNumber: string): Promise<CaseRecord[]> {
    return records(await this.db.query(`SELECT record FROM cases WHERE id_key = $1 AND status <> 'closed' ${NEWEST_FIRST}`, [idKey(idNumber)]));
  }

  async openCasesOfUser(userKey: string): Promise<CaseRecord[]> {
    return records(await this.db.query(`SELECT record FROM cases WHERE user_key = $1 AND status <> 'closed' ${NEWEST_FIRST}`, [userKey]));
  }

  update(caseNo: string, change: (record: CaseRecord) => void, entry: Entry, at: Date): Promise<CaseRecord | undefined> {
    return this.db.transaction(async (client) => {
      const current = await this.locked(client, caseNo);
      if (!current) return undefined;
      // As JSON stores it: what `get` gives back next is what this resolves to.
      const stored = JSON.parse(JSON.stringify(changedRecord(current, change, entry, at))) as CaseRecord;
      await client.query(SAVE, rowOf(stored));
      return stored;
    });
  }

  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    const { from, to } = createdRange(filter);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (from !== undefined) add('created_at >= ?', from);
    if (to !== undefined) add('created_at <= ?', to);
    if (filter.status) add('status = ?', filter.status);
    if (filter.department) add(`record -> 'items' @> ?::jsonb`, JSON.stringify([{ department: filter.department }]));
    params.push(Math.max(0, filter.limit ?? DEFAULT_CASE_LIST_LIMIT));
    const sql = `SELECT record FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${NEWEST_FIRST} LIMIT $${params.length}`;
    return records(await this.db.query(sql, params));
  }

  async waitingAt(stage: Stage, enteredBefore: string): Promise<WaitingCase[]> {
    const { rows } = await this.db.query<{ case_no: string; stage_since: string }>(
      `SELECT case_no, stage_since FROM cases WHERE status <> 'closed' AND stage = $1 AND stage_since < $2 ORDER BY stage_since, case_no`,
      [stage, enteredBefore],
    );
    return rows.map((r) => ({ caseNo: r.case_no, stage, since: r.stage_since }));
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM cases');
    return Number(rows[0].n);
  }

  async withPendingNotifications(limit: number): Promise<CaseRecord[]> {
    return records(await this.db.query('SELECT record FROM cases WHERE has_pending ORDER BY updated_at LIMIT $1', [Math.max(0, limit)]));
  }

  async markRelayed(caseNo: string, dedupeKeys: string[]): Promise<void> {
    await this.db.transaction(async (client) => {
      const current = await this.locked(client, caseNo);
      if (!current?.pendingNotifications) return;
      const left = current.pendingNotifications.filter((n) => !dedupeKeys.includes(n.dedupeKey));
      const { pendingNotifications: _relayed, ...rest } = current;
      await client.query(SAVE, rowOf(left.length ? { ...rest, pendingNotifications: left } : rest));
    });
  }

  async casesOf(idNumber: string): Promise<CaseRecord[]> {
    return records(await this.db.query(`SELECT record FROM cases WHERE id_key = $1 AND user_key <> $2 ${NEWEST_FIRST}`, [idKey(idNumber), ERASED]));
  }

  erasePersonalData(caseNo: string, entry: Entry, at: Date): Promise<CaseRecord | undefined> {
    return this.update(caseNo, erasePersonalFields, entry, at);
  }

  private async locked(client: Queryable, caseNo: string): Promise<CaseRecord | undefined> {
    return records(await client.query<{ record: CaseRecord }>('SELECT record FROM cases WHERE case_no = $1 FOR UPDATE', [caseNo]))[0];
  }
}

/** Rolls a create back when its submission already has a case. */
class SubmissionTaken extends Error {}
