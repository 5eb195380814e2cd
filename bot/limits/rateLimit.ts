import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** "N requests per S seconds". */
export interface Rate {
  points: number;
  seconds: number;
}

/** Admitted, or refused until `retryAfterSeconds`; `firstRefusal` for the first request over the budget in its window. */
export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number; firstRefusal: boolean };

/**
 * A flood limit per key. Behind this interface so that several bot instances can later share
 * one store (rate-limiter-flexible has Redis and PostgreSQL backends with the same calls).
 */
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

/** One process's limits, kept in memory (rate-limiter-flexible's memory backend). */
export function memoryRateLimit(rate: Rate): RateLimit {
  const limiter = new RateLimiterMemory({ points: rate.points, duration: rate.seconds });
  return {
    consume: async (key) => {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (rejected) {
        if (!(rejected instanceof RateLimiterRes)) throw rejected;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejected.msBeforeNext / 1000)), firstRefusal: rejected.consumedPoints === rate.points + 1 };
      }
    },
  };
}
