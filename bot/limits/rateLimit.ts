import type { Clock } from '../../data/clock.js';
import type { FloodCounts } from '../../data/floodCounts.js';

/** "N requests per S seconds". */
export interface Rate {
  points: number;
  seconds: number;
}

/** Admitted, or refused until `retryAfterSeconds`; `firstRefusal` for the first request over the budget in its window. */
export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number; firstRefusal: boolean };

/** A flood limit per key. */
export interface RateLimit {
  consume(key: string): Promise<Verdict>;
}

/** "30/10" → 30 requests per 10 seconds; throws with the variable's name on anything else. */
export function parseRate(name: string, raw: string): Rate {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const rate = m && { points: Number(m[1]), seconds: Number(m[2]) };
  if (!rate || rate.points < 1 || rate.seconds < 1) throw new Error(`${name} 应是“次数/秒数”，如 30/10：${raw}`);
  return rate;
}

/**
 * `rate` per key over the stores' flood counts (`name` keeps each limit's keys apart): in this
 * process (memory, lowdb), or shared by every instance (PostgreSQL), so a flooder spread over
 * instances meets one budget. A window of `rate.seconds` admits its first `rate.points` hits.
 */
export function countedRateLimit(counts: FloodCounts, rate: Rate, clock: Clock, name: string): RateLimit {
  const windowMs = rate.seconds * 1000;
  return {
    consume: async (key) => {
      const now = clock.now();
      const { count, endsAt } = await counts.hit(`${name}:${key}`, now, windowMs);
      if (count <= rate.points) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)), firstRefusal: count === rate.points + 1 };
    },
  };
}
