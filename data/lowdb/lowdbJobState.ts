import type { Low } from 'lowdb';
import type { JobState } from '../jobState.js';
import { openLow } from './open.js';

/** JobState in `<dataDir>/jobs.json` (job name -> date of its last run), written atomically with fsync. */
export class LowdbJobState implements JobState {
  private constructor(private readonly db: Low<Record<string, string>>) {}

  static async open(dataDir: string): Promise<LowdbJobState> {
    return new LowdbJobState(await openLow<Record<string, string>>(dataDir, 'jobs.json', {}, { fsync: true }));
  }

  async lastRun(name: string): Promise<string | undefined> {
    return Object.hasOwn(this.db.data, name) ? this.db.data[name] : undefined;
  }

  async setLastRun(name: string, isoDate: string): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new TypeError(`setLastRun: not a yyyy-mm-dd date: ${isoDate}`);
    const before = await this.lastRun(name);
    this.db.data[name] = isoDate;
    try {
      await this.db.write();
    } catch (err) {
      // Not on disk, so not run as far as the next start knows: keep memory saying the same.
      if (before === undefined) delete this.db.data[name];
      else this.db.data[name] = before;
      throw err;
    }
  }
}
