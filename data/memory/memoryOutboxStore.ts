import type { NewOutboxRow, OutboxRow, OutboxStore } from '../outbox.js';
import { MAX_ERROR_LENGTH, pendingRow, checkedListFilter, checkedNewRow, validTime } from '../outboxRules.js';

/**
 * The reference OutboxStore: every row in creation order in one array, found by scanning. Each
 * call checks and changes memory with no await in between, so it is atomic within the process.
 */
export class MemoryOutboxStore implements OutboxStore {
  private readonly rows: OutboxRow[] = [];
  private readonly keys = new Set<string>();

  async enqueue(rows: NewOutboxRow[], at: Date): Promise<OutboxRow[]> {
    validTime(at, 'enqueue');
    if (!Array.isArray(rows)) throw new TypeError('enqueue: rows must be an array');
    const inputs = rows.map(checkedNewRow);
    const createdAt = at.toISOString();
    const added: OutboxRow[] = [];
    for (const input of inputs) {
      if (this.keys.has(input.dedupeKey)) continue;
      this.keys.add(input.dedupeKey);
      const row = pendingRow(input, this.rows.length + 1, createdAt);
      this.rows.push(row);
      added.push(structuredClone(row));
    }
    return added;
  }

  async due(at: Date, limit: number): Promise<OutboxRow[]> {
    const now = validTime(at, 'due');
    if (!(limit > 0)) return [];
    return this.rows.filter((r) => r.status === 'pending' && Date.parse(r.dueAt) <= now).slice(0, limit).map((r) => structuredClone(r));
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    const deliveredAt = new Date(validTime(at, 'markDelivered')).toISOString();
    this.change(id, 'markDelivered', (row) => ({ ...row, attempts: row.attempts + 1, status: 'delivered', deliveredAt }));
  }

  async markFailed(id: string, error: string, at: Date, next: { retryAt: Date; deferred?: boolean } | { dead: true }): Promise<void> {
    validTime(at, 'markFailed');
    const lastError = String(error).slice(0, MAX_ERROR_LENGTH);
    if ('dead' in next && next.dead === true) {
      this.change(id, 'markFailed', (row) => ({ ...row, attempts: row.attempts + 1, status: 'dead', lastError }));
      return;
    }
    if (!('retryAt' in next)) throw new TypeError('markFailed: next must be { retryAt } or { dead: true }');
    const dueAt = new Date(validTime(next.retryAt, 'markFailed (retryAt)')).toISOString();
    const tried = next.deferred ? 0 : 1;
    this.change(id, 'markFailed', (row) => ({ ...row, attempts: row.attempts + tried, lastError, dueAt }));
  }

  async list(filter: { status?: OutboxRow['status']; caseNo?: string; limit?: number } = {}): Promise<OutboxRow[]> {
    const { status, limit } = checkedListFilter(filter);
    return this.rows
      .filter((r) => (status === undefined || r.status === status) && (filter.caseNo === undefined || r.caseNo === filter.caseNo))
      .reverse()
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }

  /** Replaces a pending row; marking a row that is unknown or finished is a caller's bug. */
  private change(id: string, method: string, next: (row: OutboxRow) => OutboxRow): void {
    const i = this.rows.findIndex((r) => r.id === id);
    if (i < 0 || this.rows[i].status !== 'pending') throw new Error(`${method}: outbox row ${id} is not pending`);
    this.rows[i] = next(this.rows[i]);
  }
}
