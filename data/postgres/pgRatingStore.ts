import { newRating, type NewRating, type Rating, type RatingStore } from '../ratings.js';
import { validTime } from '../validation.js';
import type { PgDatabase } from './db.js';
import { DeskRecords } from './deskRecords.js';

const PENDING = `status <> 'done'`;

/** 好差评 ratings in PostgreSQL: a new request closes the conversation's pending one in the same transaction. */
export class PgRatingStore implements RatingStore {
  private readonly records: DeskRecords<Rating>;

  constructor(private readonly db: PgDatabase) {
    this.records = new DeskRecords(db, { table: 'ratings', time: 'asked_at', json: 'rating', timeOf: (r) => r.askedAt });
  }

  ask(input: NewRating, at: Date): Promise<Rating> {
    validTime(at, 'ask');
    return this.records.forConversation(input.conversationKey, async (client, nextSeq) => {
      const earlier = await this.records.openFor(client, input.conversationKey, PENDING);
      if (earlier) await this.records.write(client, { ...earlier, status: 'done' });
      const seq = await nextSeq();
      const rating = newRating(input, seq, at);
      await this.records.insert(client, seq, rating);
      return rating;
    });
  }

  pendingFor(conversationKey: string): Promise<Rating | undefined> {
    return this.records.openFor(this.db, conversationKey, PENDING);
  }

  update(id: string, change: (r: Rating) => boolean | void): Promise<Rating | undefined> {
    return this.records.update(id, change);
  }

  list(filter: { since?: Date; status?: Rating['status'][] } = {}): Promise<Rating[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.since) where.push(`asked_at >= $${params.push(filter.since.toISOString())}`);
    if (filter.status) where.push(`status = ANY($${params.push(filter.status)})`);
    return this.records.list(where.join(' AND '), params);
  }
}
