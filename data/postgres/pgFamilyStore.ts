import type { FamilyStore, Subscription } from '../family.js';
import type { PgDatabase } from './db.js';

/** Who follows which case, opt-outs, and failed family checks, as rows. */
export class PgFamilyStore implements FamilyStore {
  constructor(private readonly db: PgDatabase) {}

  async subscribe(sub: Subscription): Promise<void> {
    // A repeat keeps its place in the list (`ord`) and takes the new details.
    await this.db.query(
      `INSERT INTO subscriptions (case_no, user_key, subscription) VALUES ($1, $2, $3)
       ON CONFLICT (case_no, user_key) DO UPDATE SET subscription = $3`,
      [sub.caseNo, sub.userKey, JSON.stringify(sub)],
    );
  }

  async unsubscribe(caseNo: string, userKey: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM subscriptions WHERE case_no = $1 AND user_key = $2', [caseNo, userKey]);
    return Boolean(rowCount);
  }

  async subscribersOf(caseNo: string): Promise<Subscription[]> {
    const { rows } = await this.db.query<{ subscription: Subscription }>('SELECT subscription FROM subscriptions WHERE case_no = $1 ORDER BY ord', [caseNo]);
    return rows.map((r) => r.subscription);
  }

  async optOut(userKey: string, at: Date): Promise<void> {
    await this.db.query('INSERT INTO opted_out (user_key, at) VALUES ($1, $2) ON CONFLICT (user_key) DO UPDATE SET at = $2', [userKey, at.toISOString()]);
  }

  async optIn(userKey: string): Promise<void> {
    await this.db.query('DELETE FROM opted_out WHERE user_key = $1', [userKey]);
  }

  async isOptedOut(userKey: string): Promise<boolean> {
    return Boolean((await this.db.query('SELECT 1 FROM opted_out WHERE user_key = $1', [userKey])).rowCount);
  }

  recordFailure(keys: string[], at: Date, since: Date): Promise<number[]> {
    return this.db.transaction(async (client) => {
      // Failures of one key are counted one transaction at a time (locks taken in a fixed order: no deadlock).
      for (const key of [...new Set(keys)].sort()) await client.query(`SELECT pg_advisory_xact_lock(hashtext('check_failures:' || $1))`, [key]);
      const counts: number[] = [];
      for (const key of keys) {
        // Only the window matters: older failures are dropped as new ones come.
        await client.query('DELETE FROM check_failures WHERE key = $1 AND at < $2', [key, since.toISOString()]);
        await client.query('INSERT INTO check_failures (key, at) VALUES ($1, $2)', [key, at.toISOString()]);
        const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM check_failures WHERE key = $1', [key]);
        counts.push(Number(rows[0].n));
      }
      return counts;
    });
  }

  async failuresSince(key: string, since: Date): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM check_failures WHERE key = $1 AND at >= $2', [key, since.toISOString()]);
    return Number(rows[0].n);
  }
}
