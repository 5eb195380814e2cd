import type { JobState } from '../jobState.js';
import type { PgDatabase } from './db.js';

/**
 * When each daily job last ran, and who runs today's occurrence: `claimRun` inserts the
 * (job, day) row, or takes it over once its lease has run out unfinished, so of many instances
 * exactly one runs each job each day.
 */
export class PgJobState implements JobState {
  constructor(private readonly db: PgDatabase) {}

  async lastRun(name: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ last_run: string }>('SELECT last_run FROM job_state WHERE name = $1', [name]);
    return rows[0]?.last_run;
  }

  async setLastRun(name: string, isoDate: string): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new TypeError(`setLastRun: not a yyyy-mm-dd date: ${isoDate}`);
    await this.db.transaction(async (client) => {
      await client.query('INSERT INTO job_state (name, last_run) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_run = $2', [name, isoDate]);
      await client.query('UPDATE job_runs SET done = true WHERE name = $1 AND day = $2', [name, isoDate]);
    });
  }

  async claimRun(name: string, day: string, at: Date, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO job_runs (name, day, lease_until) VALUES ($1, $2, $4)
       ON CONFLICT (name, day) DO UPDATE SET lease_until = $4 WHERE NOT job_runs.done AND job_runs.lease_until <= $3`,
      [name, day, at.toISOString(), new Date(at.getTime() + leaseMs).toISOString()],
    );
    return Boolean(rowCount);
  }
}
