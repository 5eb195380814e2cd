import type { NewOutboxRow, OutboxRow, OutboxStore } from '../outbox.js';
import { MAX_ERROR_LENGTH, checkedListFilter, checkedNewRow, validTime } from '../outboxRules.js';
import type { PgDatabase } from './db.js';

type Row = {
  id: string;
  dedupe_key: string;
  case_no: string | null;
  conversation: OutboxRow['conversation'];
  recipient: string;
  text: string;
  created_at: string;
  due_at: string;
  attempts: number;
  status: OutboxRow['status'];
  last_error: string | null;
  delivered_at: string | null;
  shown: Pick<OutboxRow, 'live' | 'buttons' | 'from' | 'notice'> | null;
  sms: OutboxRow['sms'] | null;
};

const FIELDS = 'id, dedupe_key, case_no, conversation, recipient, text, created_at, due_at, attempts, status, last_error, delivered_at, shown, sms';

/** The `shown` column: how a row is shown (live, its buttons, its sender, the case notice it is); NULL for a row with none of them. */
export const shownOf = ({ live, buttons, from, notice }: Pick<OutboxRow, 'live' | 'buttons' | 'from' | 'notice'>) =>
  live === undefined && buttons === undefined && from === undefined && notice === undefined ? null : JSON.stringify({ live, buttons, from, notice });

function rowOf(r: Row): OutboxRow {
  return {
    id: r.id,
    dedupeKey: r.dedupe_key,
    ...(r.case_no !== null && { caseNo: r.case_no }),
    conversation: r.conversation,
    recipient: r.recipient,
    text: r.text,
    createdAt: r.created_at,
    dueAt: r.due_at,
    attempts: r.attempts,
    status: r.status,
    ...r.shown,
    ...(r.sms !== null && { sms: r.sms }),
    ...(r.last_error !== null && { lastError: r.last_error }),
    ...(r.delivered_at !== null && { deliveredAt: r.delivered_at }),
  };
}

/** RETURNING gives no order: creation order is the sequence's. */
const bySeq = (rows: (Row & { seq: string })[]) => rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(rowOf);

/**
 * The outbox in PostgreSQL. Ids come from the table's sequence (OB00000001, in creation order);
 * a dedupe key is unique, so an enqueue repeated by any instance adds nothing. Instances take
 * due rows with `claimDue` (FOR UPDATE SKIP LOCKED and a lease), so each row goes to one
 * scheduler at a time and is delivered once.
 */
export class PgOutboxStore implements OutboxStore {
  constructor(private readonly db: PgDatabase) {}

  async enqueue(rows: NewOutboxRow[], at: Date): Promise<OutboxRow[]> {
    validTime(at, 'enqueue');
    if (!Array.isArray(rows)) throw new TypeError('enqueue: rows must be an array');
    const inputs = rows.map(checkedNewRow);
    const createdAt = at.toISOString();
    // The first of a key in the batch wins, as stored keys win over the batch.
    const firsts = inputs.filter((row, i) => inputs.findIndex((r) => r.dedupeKey === row.dedupeKey) === i);
    if (!firsts.length) return [];
    const { rows: added } = await this.db.query<Row & { seq: string }>(
      `INSERT INTO outbox (seq, id, dedupe_key, case_no, conversation, recipient, text, created_at, due_at, attempts, status, shown, sms)
       SELECT s, 'OB' || lpad(s::text, 8, '0'), k, c, conv, r, t, $6, coalesce(d, $6), 0, 'pending', sh, m
       FROM (SELECT nextval('outbox_seq_seq') AS s, x.* FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $7::text[], $8::jsonb[], $9::jsonb[])
             WITH ORDINALITY AS x(k, c, conv, r, t, d, sh, m, n) ORDER BY n) numbered
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING seq, ${FIELDS}`,
      [
        firsts.map((r) => r.dedupeKey),
        firsts.map((r) => r.caseNo ?? null),
        firsts.map((r) => JSON.stringify(r.conversation)),
        firsts.map((r) => r.recipient),
        firsts.map((r) => r.text),
        createdAt,
        firsts.map((r) => (r.dueAt === undefined ? null : new Date(r.dueAt).toISOString())),
        firsts.map(shownOf),
        firsts.map((r) => (r.sms ? JSON.stringify(r.sms) : null)),
      ],
    );
    return bySeq(added);
  }

  async due(at: Date, limit: number): Promise<OutboxRow[]> {
    const now = new Date(validTime(at, 'due')).toISOString();
    if (!(limit > 0)) return [];
    const { rows } = await this.db.query<Row>(`SELECT ${FIELDS} FROM outbox WHERE status = 'pending' AND due_at <= $1 ORDER BY seq LIMIT $2`, [now, limit]);
    return rows.map(rowOf);
  }

  /**
   * The due rows no other instance holds, taken for `leaseMs`: skipped by every other
   * `claimDue` until marked or until the lease runs out (the holder died mid-delivery).
   */
  async claimDue(at: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const now = new Date(validTime(at, 'claimDue')).toISOString();
    if (!(limit > 0)) return [];
    const { rows } = await this.db.query<Row & { seq: string }>(
      `UPDATE outbox SET lease_until = $3 WHERE seq IN (
         SELECT seq FROM outbox WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING seq, ${FIELDS}`,
      [now, limit, new Date(at.getTime() + leaseMs).toISOString()],
    );
    return bySeq(rows);
  }

  async claim(id: string, at: Date, leaseMs: number): Promise<boolean> {
    const now = new Date(validTime(at, 'claim')).toISOString();
    const { rowCount } = await this.db.query(
      `UPDATE outbox SET lease_until = $3 WHERE id = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until <= $2)`,
      [id, now, new Date(at.getTime() + leaseMs).toISOString()],
    );
    return rowCount === 1;
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    const deliveredAt = new Date(validTime(at, 'markDelivered')).toISOString();
    await this.change(id, 'markDelivered', `attempts = attempts + 1, status = 'delivered', delivered_at = $2`, [deliveredAt]);
  }

  async markFailed(id: string, error: string, at: Date, next: { retryAt: Date; deferred?: boolean } | { dead: true }): Promise<void> {
    validTime(at, 'markFailed');
    const lastError = String(error).slice(0, MAX_ERROR_LENGTH);
    if ('dead' in next && next.dead === true) {
      await this.change(id, 'markFailed', `attempts = attempts + 1, status = 'dead', last_error = $2`, [lastError]);
      return;
    }
    if (!('retryAt' in next)) throw new TypeError('markFailed: next must be { retryAt } or { dead: true }');
    const dueAt = new Date(validTime(next.retryAt, 'markFailed (retryAt)')).toISOString();
    await this.change(id, 'markFailed', `attempts = attempts + ${next.deferred ? 0 : 1}, last_error = $2, due_at = $3`, [lastError, dueAt]);
  }

  async list(filter: { status?: OutboxRow['status']; caseNo?: string; limit?: number } = {}): Promise<OutboxRow[]> {
    const { status, limit } = checkedListFilter(filter);
    const { rows } = await this.db.query<Row>(
      `SELECT ${FIELDS} FROM outbox WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR case_no = $2) ORDER BY seq DESC LIMIT $3`,
      [status ?? null, filter.caseNo ?? null, limit],
    );
    return rows.map(rowOf);
  }

  /** Changes a pending row and ends its lease; marking a row that is unknown or finished is a caller's bug. */
  private async change(id: string, method: string, set: string, params: unknown[]): Promise<void> {
    const { rowCount } = await this.db.query(`UPDATE outbox SET ${set}, lease_until = NULL WHERE id = $1 AND status = 'pending'`, [id, ...params]);
    if (!rowCount) throw new Error(`${method}: outbox row ${id} is not pending`);
  }
}
