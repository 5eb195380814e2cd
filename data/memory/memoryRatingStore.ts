import { MapRecords, type KeyedRecords } from '../keyedRecords.js';
import { ratingId, type NewRating, type Rating, type RatingStore } from '../ratings.js';
import { validTime } from '../validation.js';

const seqOf = (id: string) => Number(id.slice(2));

/** RatingStore over records where a backend keeps them; the pending one per conversation indexed in memory. */
export class MemoryRatingStore implements RatingStore {
  private readonly pending = new Map<string, string>();
  private seq = 0;

  constructor(private readonly records: KeyedRecords<Rating> = new MapRecords()) {
    for (const [id, r] of records.entries()) {
      this.seq = Math.max(this.seq, seqOf(id));
      if (r.status !== 'done') this.pending.set(r.conversationKey, id);
    }
  }

  async ask(input: NewRating, at: Date): Promise<Rating> {
    validTime(at, 'ask');
    const fields = JSON.parse(JSON.stringify(input)) as NewRating;
    const rating: Rating = { ...fields, id: ratingId(++this.seq), askedAt: at.toISOString(), status: 'asked' };
    const earlier = this.pending.get(rating.conversationKey);
    const closing = earlier ? this.records.get(earlier) : undefined;
    this.pending.set(rating.conversationKey, rating.id);
    await this.records.put([...(closing ? [[closing.id, { ...closing, status: 'done' as const }] as [string, Rating]] : []), [rating.id, rating]]);
    return structuredClone(rating);
  }

  async pendingFor(conversationKey: string): Promise<Rating | undefined> {
    const id = this.pending.get(conversationKey);
    const r = id === undefined ? undefined : this.records.get(id);
    return r && structuredClone(r);
  }

  async update(id: string, change: (r: Rating) => boolean | void): Promise<Rating | undefined> {
    const current = this.records.get(id);
    if (!current) return undefined;
    const next = structuredClone(current);
    if (change(next) === false) return undefined;
    next.id = current.id;
    if (next.status === 'done' && this.pending.get(next.conversationKey) === id) this.pending.delete(next.conversationKey);
    await this.records.put([[id, next]]);
    return structuredClone(next);
  }

  async list(filter: { since?: Date; status?: Rating['status'][] } = {}): Promise<Rating[]> {
    const since = filter.since?.toISOString();
    return [...this.records.entries()]
      .map(([, r]) => r)
      .filter((r) => (!since || r.askedAt >= since) && (!filter.status || filter.status.includes(r.status)))
      .sort((a, b) => seqOf(a.id) - seqOf(b.id))
      .map((r) => structuredClone(r));
  }
}
