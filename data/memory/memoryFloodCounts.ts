import { windowOf, type FloodCounts } from '../floodCounts.js';

/** With this many keys counted, a hit sweeps out those whose window has ended: a flood of new keys cannot grow the map without bound. */
const SWEEP_AT = 10_000;

/** FloodCounts in this process (memory and lowdb stores: one process counts alone). */
export class MemoryFloodCounts implements FloodCounts {
  private readonly windows = new Map<string, { end: number; count: number }>();
  private sweepAt = SWEEP_AT;

  async hit(key: string, at: Date, windowMs: number): Promise<{ count: number; endsAt: Date }> {
    const { end } = windowOf(at, windowMs);
    const current = this.windows.get(key);
    const counted = current?.end === end ? { end, count: current.count + 1 } : { end, count: 1 };
    this.windows.set(key, counted);
    if (this.windows.size >= this.sweepAt) {
      this.forget(at.getTime());
      this.sweepAt = Math.max(SWEEP_AT, 2 * this.windows.size);
    }
    return { count: counted.count, endsAt: new Date(end) };
  }

  async forgetBefore(before: Date): Promise<number> {
    return this.forget(before.getTime());
  }

  private forget(before: number): number {
    let forgotten = 0;
    for (const [key, { end }] of this.windows) {
      if (end <= before) {
        this.windows.delete(key);
        forgotten++;
      }
    }
    return forgotten;
  }
}
