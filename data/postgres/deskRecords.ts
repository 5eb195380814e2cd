import type pg from 'pg';
import { changedCopy, type ConversationRecord } from '../conversationRecord.js';
import type { PgDatabase, Queryable } from './db.js';

/** A hand-off or rating row: its JSON beside the indexed columns. */
interface DeskRecord extends ConversationRecord {
  status: string;
}

/** The table's own columns: `time` is queued_at or asked_at, `json` the record's column. */
export interface DeskTable<T extends DeskRecord> {
  table: 'handoffs' | 'ratings';
  time: 'queued_at' | 'asked_at';
  json: 'handoff' | 'rating';
  timeOf(record: T): string;
}

/**
 * The hand-off and rating tables' shared moves. A conversation's opens are serialised by a
 * transaction-scoped advisory lock on its key (the unique partial index guards the rule too), so
 * two instances never open two at once; a change runs under the row's lock, so of two racing
 * changes the second sees the first's result.
 */
export class DeskRecords<T extends DeskRecord> {
  constructor(
    private readonly db: PgDatabase,
    private readonly t: DeskTable<T>,
  ) {}

  /** In one transaction holding the conversation's lock: `work` gets the next number on demand. */
  forConversation<R>(conversationKey: string, work: (client: pg.PoolClient, nextSeq: () => Promise<number>) => Promise<R>): Promise<R> {
    return this.db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [this.t.table, conversationKey]);
      const nextSeq = async () =>
        (
          await client.query<{ last: number }>(
            'INSERT INTO desk_counters (name, last) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET last = desk_counters.last + 1 RETURNING last',
            [this.t.table],
          )
        ).rows[0].last;
      return work(client, nextSeq);
    });
  }

  async insert(client: Queryable, seq: number, record: T): Promise<void> {
    await client.query(`INSERT INTO ${this.t.table} (id, seq, conversation_key, status, ${this.t.time}, ${this.t.json}) VALUES ($1, $2, $3, $4, $5, $6)`, [
      record.id,
      seq,
      record.conversationKey,
      record.status,
      this.t.timeOf(record),
      JSON.stringify(record),
    ]);
  }

  async write(client: Queryable, record: T): Promise<void> {
    await client.query(`UPDATE ${this.t.table} SET status = $2, ${this.t.json} = $3 WHERE id = $1`, [record.id, record.status, JSON.stringify(record)]);
  }

  async get(id: string): Promise<T | undefined> {
    const { rows } = await this.db.query<{ r: T }>(`SELECT ${this.t.json} AS r FROM ${this.t.table} WHERE id = $1`, [id]);
    return rows[0]?.r;
  }

  /** The conversation's record in one of `open`'s statuses (at most one: the unique index). */
  async openFor(client: Queryable, conversationKey: string, openWhere: string): Promise<T | undefined> {
    const { rows } = await client.query<{ r: T }>(`SELECT ${this.t.json} AS r FROM ${this.t.table} WHERE conversation_key = $1 AND ${openWhere}`, [conversationKey]);
    return rows[0]?.r;
  }

  /** Changes a copy under the row's lock; `change` returning false leaves the record as it was. */
  update(id: string, change: (record: T) => boolean | void, tidy?: (record: T) => void): Promise<T | undefined> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ r: T }>(`SELECT ${this.t.json} AS r FROM ${this.t.table} WHERE id = $1 FOR UPDATE`, [id]);
      const current = rows[0]?.r;
      if (!current) return undefined;
      const next = changedCopy(current, change, tidy);
      if (!next) return undefined;
      await this.write(client, next);
      return next;
    });
  }

  /** Records passing the SQL condition (parameters `params`), in creation order. */
  async list(where: string, params: unknown[]): Promise<T[]> {
    const { rows } = await this.db.query<{ r: T }>(`SELECT ${this.t.json} AS r FROM ${this.t.table} ${where ? `WHERE ${where}` : ''} ORDER BY seq`, params);
    return rows.map((r) => r.r);
  }
}
