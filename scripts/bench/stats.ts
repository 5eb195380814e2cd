import { readFileSync } from 'node:fs';

/** Percentile of already-measured values (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (x: number) => `${x.toFixed(3)} ms`;

/** CPU time of the process so far, all threads, in ms: on a shared machine the wall clock is mostly the queue. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU time of the main thread alone so far, in ms (Linux: the scheduler's count), or undefined
 * elsewhere: what a build costs the thread that serves, whatever helper threads run beside it.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

// Shared with the knowledge base's model training, which must be deterministic too.
export { seededRandom } from '../../knowledge/random.js';
