import type { AnswerFeedback, EntryFeedbackSummary, FeedbackStore, UnansweredQuestion, UnansweredStore } from '../stores.js';
import type { PgDatabase } from './db.js';

// As in the other backends: curators need recent feedback, the totals keep the rest.
const MAX_RECENT_FEEDBACK = 5000;

type UnansweredRow = { key: string; example: string; count: number; first_at: string; last_at: string };
const unansweredOf = (r: UnansweredRow): UnansweredQuestion => ({ key: r.key, example: r.example, count: r.count, firstAt: r.first_at, lastAt: r.last_at });

/** Unanswered questions, one row per folded question, counted by an atomic upsert. */
export class PgUnansweredStore implements UnansweredStore {
  constructor(private readonly db: PgDatabase) {}

  async record(key: string, example: string, at: Date): Promise<UnansweredQuestion> {
    const iso = at.toISOString();
    const { rows } = await this.db.query<UnansweredRow>(
      `INSERT INTO unanswered (key, example, count, first_at, last_at) VALUES ($1, $2, 1, $3, $3)
       ON CONFLICT (key) DO UPDATE SET count = unanswered.count + 1, example = $2, last_at = $3 RETURNING *`,
      [key, example, iso],
    );
    return unansweredOf(rows[0]);
  }

  async list(limit: number): Promise<UnansweredQuestion[]> {
    const { rows } = await this.db.query<UnansweredRow>('SELECT * FROM unanswered ORDER BY count DESC, last_at DESC LIMIT $1', [Math.max(0, limit)]);
    return rows.map(unansweredOf);
  }
}

type TotalRow = { entry_id: string; helpful: number; not_helpful: number; last_at: string };

/** Answer ratings: totals per entry (upserted) and the recent ratings, trimmed to the newest 5,000. */
export class PgFeedbackStore implements FeedbackStore {
  constructor(private readonly db: PgDatabase) {}

  async record(feedback: AnswerFeedback): Promise<void> {
    await this.db.transaction(async (client) => {
      await client.query(
        `INSERT INTO feedback_totals (entry_id, helpful, not_helpful, last_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (entry_id) DO UPDATE SET helpful = feedback_totals.helpful + $2, not_helpful = feedback_totals.not_helpful + $3, last_at = $4`,
        [feedback.entryId, feedback.helpful ? 1 : 0, feedback.helpful ? 0 : 1, feedback.at],
      );
      const { rows } = await client.query<{ seq: string }>('INSERT INTO feedback_recent (feedback) VALUES ($1) RETURNING seq', [JSON.stringify(feedback)]);
      await client.query('DELETE FROM feedback_recent WHERE seq <= $1', [Number(rows[0].seq) - MAX_RECENT_FEEDBACK]);
    });
  }

  async summary(): Promise<EntryFeedbackSummary[]> {
    const { rows } = await this.db.query<TotalRow>('SELECT * FROM feedback_totals ORDER BY not_helpful DESC, last_at DESC');
    return rows.map((r) => ({ entryId: r.entry_id, helpful: r.helpful, notHelpful: r.not_helpful, lastAt: r.last_at }));
  }

  async recent(limit: number): Promise<AnswerFeedback[]> {
    const { rows } = await this.db.query<{ feedback: AnswerFeedback }>('SELECT feedback FROM feedback_recent ORDER BY seq DESC LIMIT $1', [Math.max(0, limit)]);
    return rows.map((r) => r.feedback);
  }
}
