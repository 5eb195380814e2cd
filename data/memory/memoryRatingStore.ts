import { MapRecords, type KeyedRecords } from '../keyedRecords.js';
import { newRating, type NewRating, type Rating, type RatingStore } from '../ratings.js';
import { validTime } from '../validation.js';
import { ConversationRecords } from './conversationRecords.js';

/** RatingStore over records where a backend keeps them; one pending request per conversation. */
export class MemoryRatingStore implements RatingStore {
  private readonly records: ConversationRecords<Rating>;

  constructor(records: KeyedRecords<Rating> = new MapRecords()) {
    this.records = new ConversationRecords(records, (r) => r.status !== 'done');
  }

  async ask(input: NewRating, at: Date): Promise<Rating> {
    validTime(at, 'ask');
    const rating = newRating(input, this.records.nextSeq(), at);
    const earlier = this.records.openId(rating.conversationKey);
    const closing = earlier ? this.records.stored(earlier) : undefined;
    await this.records.put([...(closing ? [{ ...closing, status: 'done' as const }] : []), rating]);
    return structuredClone(rating);
  }

  async pendingFor(conversationKey: string): Promise<Rating | undefined> {
    const id = this.records.openId(conversationKey);
    const r = id === undefined ? undefined : this.records.stored(id);
    return r && structuredClone(r);
  }

  update(id: string, change: (r: Rating) => boolean | void): Promise<Rating | undefined> {
    return this.records.update(id, change);
  }

  async list(filter: { since?: Date; status?: Rating['status'][] } = {}): Promise<Rating[]> {
    const since = filter.since?.toISOString();
    return this.records.list((r) => (!since || r.askedAt >= since) && (!filter.status || filter.status.includes(r.status)));
  }
}
