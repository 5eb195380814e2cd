import { windowOf, type FloodCounts } from '../floodCounts.js';
import type { PgDatabase } from './db.js';

/** FloodCounts in PostgreSQL: one row per key, one UPSERT per hit, so every instance counts against one budget. */
export class PgFloodCounts implements FloodCounts {
  constructor(private readonly db: PgDatabase) {}

  async hit(key: string, at: Date, windowMs: number): Promise<{ count: number; endsAt: Date }> {
    const { end } = windowOf(at, windowMs);
    const { rows } = await this.db.query<{ count: number }>(
      `INSERT INTO flood_counts (key, window_end, count) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN flood_counts.window_end = EXCLUDED.window_end THEN flood_counts.count + 1 ELSE 1 END,
         window_end = EXCLUDED.window_end
       RETURNING count`,
      [key, end],
    );
    return { count: rows[0].count, endsAt: new Date(end) };
  }

  async forgetBefore(before: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM flood_counts WHERE window_end <= $1', [before.getTime()]);
    return rowCount ?? 0;
  }
}
