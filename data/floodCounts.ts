/**
 * The flood limits' counts: hits per key in fixed windows. Windows are aligned to multiples of
 * their length from the epoch, so every instance sharing the counts (PostgreSQL) counts a key's
 * hits in the same window.
 */
export interface FloodCounts {
  /**
   * Counts one hit on `key` at `at` in its window of `windowMs`, atomically (hits from any
   * instance at once are all counted). Resolves to the hits of that window so far, this one
   * included, and when the window ends.
   */
  hit(key: string, at: Date, windowMs: number): Promise<{ count: number; endsAt: Date }>;
  /** Forgets the windows that ended at or before `before` (the daily housekeeping job); resolves to how many. */
  forgetBefore(before: Date): Promise<number>;
}

/** The window of `windowMs` holding `at`: its start and end (ms). */
export function windowOf(at: Date, windowMs: number): { start: number; end: number } {
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError(`a flood window must be a whole number of ms, not ${windowMs}`);
  const start = Math.floor(at.getTime() / windowMs) * windowMs;
  return { start, end: start + windowMs };
}
