import type { JobState } from '../jobState.js';

/** JobState over one object in memory (job name -> date of its last run); a change resolves once `persist` has. */
export class MemoryJobState implements JobState {
  constructor(
    private readonly data: Record<string, string> = {},
    private readonly persist: () => Promise<void> = async () => undefined,
  ) {}

  async lastRun(name: string): Promise<string | undefined> {
    return Object.hasOwn(this.data, name) ? this.data[name] : undefined;
  }

  async setLastRun(name: string, isoDate: string): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new TypeError(`setLastRun: not a yyyy-mm-dd date: ${isoDate}`);
    const before = await this.lastRun(name);
    this.data[name] = isoDate;
    try {
      await this.persist();
    } catch (err) {
      // Not on disk, so not run as far as the next start knows: keep memory saying the same.
      if (before === undefined) delete this.data[name];
      else this.data[name] = before;
      throw err;
    }
  }
}
