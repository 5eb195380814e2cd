import { OPEN_STATUSES, newHandoff, trimMessages, type Handoff, type HandoffStatus, type HandoffStore, type NewHandoff } from '../handoffs.js';
import { validTime } from '../validation.js';
import type { PgDatabase } from './db.js';
import { DeskRecords } from './deskRecords.js';

const OPEN = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Hand-offs in PostgreSQL, shared by every instance: one open per conversation (advisory lock
 * and unique partial index), and of two agents taking one, the row lock lets one win. A change
 * is decided under that lock, so after `update` starts waiting, not before.
 */
export class PgHandoffStore implements HandoffStore {
  private readonly records: DeskRecords<Handoff>;

  constructor(private readonly db: PgDatabase) {
    this.records = new DeskRecords(db, { table: 'handoffs', time: 'queued_at', json: 'handoff', timeOf: (h) => h.queuedAt });
  }

  open(input: NewHandoff, at: Date): Promise<{ handoff: Handoff; created: boolean }> {
    validTime(at, 'open');
    return this.records.forConversation(input.conversationKey, async (client, nextSeq) => {
      const existing = await this.records.openFor(client, input.conversationKey, OPEN);
      if (existing) return { handoff: existing, created: false };
      const seq = await nextSeq();
      const handoff = newHandoff(input, seq, at);
      await this.records.insert(client, seq, handoff);
      return { handoff, created: true };
    });
  }

  get(id: string): Promise<Handoff | undefined> {
    return this.records.get(id);
  }

  openFor(conversationKey: string): Promise<Handoff | undefined> {
    return this.records.openFor(this.db, conversationKey, OPEN);
  }

  update(id: string, change: (h: Handoff) => boolean | void): Promise<Handoff | undefined> {
    return this.records.update(id, change, trimMessages);
  }

  list(filter: { status?: HandoffStatus[]; since?: Date; conversationKey?: string } = {}): Promise<Handoff[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`status = ANY($${params.push(filter.status)})`);
    if (filter.since) where.push(`queued_at >= $${params.push(filter.since.toISOString())}`);
    if (filter.conversationKey) where.push(`conversation_key = $${params.push(filter.conversationKey)}`);
    return this.records.list(where.join(' AND '), params);
  }
}
