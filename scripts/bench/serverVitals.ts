import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

/** What a served bot's process spent over a stretch of a benchmark: what its latencies are made of. */
export interface ServerVitals {
  /** CPU (user + system) the process used, ms. */
  cpuMs: number;
  /** Garbage-collection pauses: count, total and longest, and the same for major (mark-compact) collections alone. */
  gc: { count: number; totalMs: number; maxMs: number; majorCount: number; majorTotalMs: number; majorMaxMs: number };
  /** Event-loop delay (how late a timer ran: the longest synchronous stretch in the way), ms. */
  loopDelay: { p50: number; p99: number; max: number };
  /** Heap in use at the end, MB. */
  heapMb: number;
}

/**
 * Measures the process it runs in from `reset()` to `read()`: CPU, GC pauses, event-loop delay.
 * `reset(profileTo)` also records a CPU profile and samples allocations, which `read()` writes to
 * `<profileTo>.cpuprofile` and `<profileTo>.heapprofile` (for Chrome DevTools, or
 * `node dist/scripts/bench/profileTop.js <file>`).
 */
export function vitalsMeter() {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let cpu = process.cpuUsage();
  let gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, majorTotalMs: 0, majorMaxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majorCount++;
        gc.majorTotalMs += entry.duration;
        gc.majorMaxMs = Math.max(gc.majorMaxMs, entry.duration);
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  let session: Session | undefined;
  let profileTo: string | undefined;
  return {
    async reset(profile?: string): Promise<void> {
      profileTo = profile;
      if (profileTo) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        await session.post('HeapProfiler.enable');
        await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      }
      delay.disable();
      delay.reset();
      delay.enable();
      cpu = process.cpuUsage();
      gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, majorTotalMs: 0, majorMaxMs: 0 };
    },
    async read(): Promise<ServerVitals> {
      const used = process.cpuUsage(cpu);
      const vitals = {
        cpuMs: (used.user + used.system) / 1000,
        gc: { ...gc },
        loopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
        heapMb: process.memoryUsage().heapUsed / 1048576,
      };
      if (session && profileTo) {
        const { profile } = await session.post('Profiler.stop');
        const { profile: allocations } = await session.post('HeapProfiler.stopSampling');
        session.disconnect();
        session = undefined;
        await writeFile(`${profileTo}.cpuprofile`, JSON.stringify(profile));
        await writeFile(`${profileTo}.heapprofile`, JSON.stringify(allocations));
      }
      return vitals;
    },
  };
}
