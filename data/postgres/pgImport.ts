import type { StoreItem } from 'botbuilder';
import type { AgentAccount } from '../agents.js';
import { seqOf } from '../conversationRecord.js';
import type { Booking, Slot } from '../appraisal.js';
import { parseCallId, type CallRecord } from '../calls.js';
import { idKey, parseCaseNo } from '../caseQuery.js';
import type { CaseRecord } from '../cases.js';
import type { Handoff } from '../handoffs.js';
import type { OutboxRow } from '../outbox.js';
import { shownOf } from './pgOutboxStore.js';
import type { SmsSnapshot } from '../memory/memorySmsStore.js';
import type { WechatData } from '../memory/memoryWechatStore.js';
import type { Rating } from '../ratings.js';
import type { AnswerFeedback, EntryFeedbackSummary, UnansweredQuestion } from '../stores.js';
import { stageSince } from '../workflow.js';
import type { PgDatabase, Queryable } from './db.js';

/**
 * Writes records made by another backend into PostgreSQL as they are (numbers, ids, times and
 * eTags kept), and moves the counters past them, so numbering goes on where it stopped. Each
 * call is one transaction; a record already there is left as it is, so a run can be repeated.
 */
export class PgImport {
  constructor(private readonly db: PgDatabase) {}

  /** In one statement (arrays unnested): a batch of tens of thousands loads in seconds, a million in minutes. */
  cases(records: CaseRecord[]): Promise<number> {
    return this.db.transaction(async (client) => {
      const column = <T>(of: (r: CaseRecord) => T) => records.map(of);
      const { rowCount } = await client.query(
        `INSERT INTO cases (case_no, created_at, updated_at, status, stage, stage_since, id_key, user_key, submission_id, has_pending, record)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::jsonb[])
         ON CONFLICT DO NOTHING`,
        [
          column((r) => r.caseNo),
          column((r) => r.createdAt),
          column((r) => r.updatedAt),
          column((r) => r.status),
          column((r) => r.stage),
          column(stageSince),
          column((r) => idKey(r.applicant.idNumber)),
          column((r) => r.submittedBy.userKey),
          column((r) => r.submissionId ?? null),
          column((r) => Boolean(r.pendingNotifications?.length)),
          column((r) => JSON.stringify(r)),
        ],
      );
      await this.raiseCounters(client, 'case_days', records.map((r) => parseCaseNo(r.caseNo)));
      return rowCount ?? 0;
    });
  }

  calls(records: CallRecord[]): Promise<number> {
    return this.db.transaction(async (client) => {
      let added = 0;
      for (const c of records) {
        const { rowCount } = await client.query('INSERT INTO calls (id, at, follow_up_needed, follow_up_done, call) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
          c.id, c.at, c.followUpNeeded, Boolean(c.followUp), JSON.stringify(c),
        ]);
        added += rowCount ?? 0;
      }
      await this.raiseCounters(client, 'call_days', records.map((c) => parseCallId(c.id)));
      return added;
    });
  }

  /** Sessions with their booked counts, and the active bookings behind those counts. */
  slots(sessions: Slot[], bookings: Booking[]): Promise<number> {
    return this.db.transaction(async (client) => {
      let added = 0;
      for (const s of sessions) {
        const { rowCount } = await client.query(
          'INSERT INTO slot_sessions (id, hospital_id, date, part, capacity, booked, closed) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
          [s.id, s.hospitalId, s.date, s.part, s.capacity, s.booked, s.closed],
        );
        added += rowCount ?? 0;
      }
      for (const b of bookings) {
        await client.query(
          'INSERT INTO bookings (id, slot_id, case_no, user_key, category, status, created_at, cancelled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING',
          [b.id, b.slotId, b.caseNo, b.userKey, b.category, b.status, b.createdAt, b.cancelledAt ?? null],
        );
      }
      return added;
    });
  }

  /** Every row, delivered and dead ones too (their dedupe keys keep a repeat from being sent). */
  outbox(rows: OutboxRow[]): Promise<number> {
    return this.db.transaction(async (client) => {
      let added = 0;
      for (const r of rows) {
        const { rowCount } = await client.query(
          `INSERT INTO outbox (seq, id, dedupe_key, case_no, conversation, recipient, text, created_at, due_at, attempts, status, last_error, delivered_at, shown, sms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING`,
          [Number(r.id.replace(/^OB/, '')), r.id, r.dedupeKey, r.caseNo ?? null, JSON.stringify(r.conversation), r.recipient, r.text, r.createdAt, r.dueAt, r.attempts, r.status, r.lastError ?? null, r.deliveredAt ?? null, shownOf(r), r.sms ? JSON.stringify(r.sms) : null],
        );
        added += rowCount ?? 0;
      }
      await client.query(`SELECT setval('outbox_seq_seq', greatest((SELECT coalesce(max(seq), 0) FROM outbox), 1))`);
      return added;
    });
  }

  /** Chat state with its eTags. */
  botState(items: [string, StoreItem][]): Promise<number> {
    return this.db.transaction(async (client) => {
      let added = 0;
      for (const [key, item] of items) {
        const { rowCount } = await client.query('INSERT INTO bot_state (key, etag, item) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [key, String(item.eTag ?? '*'), JSON.stringify(item)]);
        added += rowCount ?? 0;
      }
      return added;
    });
  }

  knowledge(unanswered: UnansweredQuestion[], totals: EntryFeedbackSummary[], recentOldestFirst: AnswerFeedback[]): Promise<void> {
    return this.db.transaction(async (client) => {
      for (const u of unanswered) {
        await client.query('INSERT INTO unanswered (key, example, count, first_at, last_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [u.key, u.example, u.count, u.firstAt, u.lastAt]);
      }
      for (const t of totals) {
        await client.query('INSERT INTO feedback_totals (entry_id, helpful, not_helpful, last_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [t.entryId, t.helpful, t.notHelpful, t.lastAt]);
      }
      for (const f of recentOldestFirst) await client.query('INSERT INTO feedback_recent (feedback) VALUES ($1)', [JSON.stringify(f)]);
    });
  }

  /** Agent accounts with their password hashes (sessions are not carried: agents log in again). */
  agents(accounts: AgentAccount[]): Promise<number> {
    return this.db.transaction(async (client) => {
      let added = 0;
      for (const a of accounts) added += (await client.query('INSERT INTO agents (name, account) VALUES ($1, $2) ON CONFLICT DO NOTHING', [a.name, JSON.stringify(a)])).rowCount ?? 0;
      return added;
    });
  }

  /** Hand-offs (open ones too: the queue goes on) and ratings, numbering going on after them. */
  desk(handoffs: Handoff[], ratings: Rating[]): Promise<number> {
    return this.db.transaction(async (client) => {
      let added = 0;
      for (const h of handoffs) {
        added += (await client.query(
          'INSERT INTO handoffs (id, seq, conversation_key, status, queued_at, handoff) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
          [h.id, seqOf(h.id), h.conversationKey, h.status, h.queuedAt, JSON.stringify(h)],
        )).rowCount ?? 0;
      }
      for (const r of ratings) {
        added += (await client.query(
          'INSERT INTO ratings (id, seq, conversation_key, status, asked_at, rating) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
          [r.id, seqOf(r.id), r.conversationKey, r.status, r.askedAt, JSON.stringify(r)],
        )).rowCount ?? 0;
      }
      for (const [name, records] of [['handoffs', handoffs], ['ratings', ratings]] as const) {
        const top = Math.max(0, ...records.map((r) => seqOf(r.id)));
        await client.query('INSERT INTO desk_counters (name, last) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last = greatest(desk_counters.last, $2)', [name, top]);
      }
      return added;
    });
  }

  /** The SMS store: TD opt-outs, per-phone send counts (the limits hold across the move), messages with their receipts; a statement per table. */
  sms(snapshot: SmsSnapshot): Promise<number> {
    return this.db.transaction(async (client) => {
      const { optOuts, counters, messages } = snapshot;
      return (
        (await insertAll(client, 'sms_opt_outs', { phone: 'text', at: 'text' }, optOuts.map((o) => [o.phone, o.at]))) +
        (await insertAll(client, 'sms_send_counts', { phone: 'text', counter: 'jsonb' }, counters.map((c) => [c.phone, JSON.stringify(c.counter)]))) +
        (await insertAll(client, 'sms_messages', { serial_no: 'text', message: 'jsonb' }, messages.map((m) => [m.serialNo, JSON.stringify(m)])))
      );
    });
  }

  /** The WeChat channel's followers (subscribed or not, their 48-hour window) and recent push keys (a platform retry across the move is still run once). */
  wechat(data: WechatData): Promise<number> {
    return this.db.transaction(async (client) => {
      const followers = Object.values(data.followers).map((f) => [f.openId, f.subscribed, f.lastMessageAt ?? null]);
      const added = await insertAll(client, 'wechat_followers', { open_id: 'text', subscribed: 'boolean', last_message_at: 'timestamptz' }, followers);
      await insertAll(client, 'wechat_deliveries', { key: 'text', taken_at: 'timestamptz' }, Object.entries(data.deliveries));
      return added;
    });
  }

  /** A day's counter never goes back: at least the highest number imported for it. */
  private async raiseCounters(client: { query(sql: string, params: unknown[]): Promise<unknown> }, table: 'case_days' | 'call_days', numbers: ({ day: string; seq: number } | undefined)[]) {
    const top = new Map<string, number>();
    for (const n of numbers) if (n) top.set(n.day, Math.max(top.get(n.day) ?? 0, n.seq));
    for (const [day, seq] of top) {
      await client.query(`INSERT INTO ${table} (day, last) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET last = greatest(${table}.last, $2)`, [day, seq]);
    }
  }
}

/**
 * Inserts `rows` (values in the order of `columns`, which maps each column to its SQL type) in
 * one statement, an array per column unnested, skipping rows already there. Resolves to the count added.
 */
async function insertAll(client: Queryable, table: string, columns: Record<string, string>, rows: unknown[][]): Promise<number> {
  if (!rows.length) return 0;
  const names = Object.keys(columns);
  const arrays = names.map((_, i) => rows.map((row) => row[i]));
  const unnested = Object.values(columns).map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  const { rowCount } = await client.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnested}) ON CONFLICT DO NOTHING`, arrays);
  return rowCount ?? 0;
}
