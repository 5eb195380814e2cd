import cron from 'node-cron';
import { addDays } from '../data/calendar.js';
import { shanghaiDate } from '../data/caseQuery.js';
import type { Clock } from '../data/clock.js';
import type { JobState } from '../data/jobState.js';
import type { Logger } from './logger.js';
import { parseClockTime, shanghaiMinutes, type Notifier } from './notifier.js';

export interface DailyJob {
  name: string;
  /** 'HH:MM', Beijing time. */
  at: string;
  /** What it resolves to is not used; a rejection leaves the run unrecorded, to be tried again. */
  run: (now: Date) => Promise<unknown>;
}

export const DEFAULT_NOTIFY_SCHEDULE = '* * * * *';
/** Many instances: a job's run is one instance's this long; one that died or failed is taken over after it. */
export const JOB_LEASE_MS = 15 * 60 * 1000;

/**
 * Which daily jobs should run at `now`, each with the Beijing date of the occurrence it stands
 * for. A job's latest occurrence is today at its time if that has passed, else yesterday at its
 * time; the job is due when its last run is older than that occurrence. So a job runs once per
 * day at or after its time, and one missed while the bot was down runs at the next start (at
 * 07:00, yesterday's 08:30 run is caught up; today's follows at 08:30). A job that has never
 * run starts with today's occurrence: nothing is caught up from before it existed.
 */
export function dailyJobsDue(
  jobs: readonly Pick<DailyJob, 'name' | 'at'>[],
  now: Date,
  lastRuns: ReadonlyMap<string, string | undefined>,
): { name: string; day: string }[] {
  const today = shanghaiDate(now);
  const minutes = shanghaiMinutes(now);
  const due: { name: string; day: string }[] = [];
  for (const job of jobs) {
    const at = parseClockTime(job.at);
    if (at === undefined) throw new Error(`daily job ${job.name}: time must be HH:MM, not "${job.at}"`);
    const last = lastRuns.get(job.name);
    const reached = minutes >= at;
    if (last === undefined) {
      if (reached) due.push({ name: job.name, day: today });
      continue;
    }
    const day = reached ? today : addDays(today, -1);
    if (last < day) due.push({ name: job.name, day });
  }
  return due;
}

export interface SchedulerOptions {
  notifier: Pick<Notifier, 'tick'>;
  /** Tells people whose agent went quiet in a live chat (each pass). */
  handoffs?: { checkQuiet(): Promise<number> };
  /** Gives poor ratings whose comment never came their 回访 (each pass). */
  ratings?: { settleStale(): Promise<number> };
  /** Moves status updates a crash left inside cases to the outbox; runs first on every pass (it logs its own failures). */
  relay?: () => Promise<void>;
  /** A cron expression in Beijing time; NOTIFY_SCHEDULE, default every minute. */
  schedule?: string;
  daily?: DailyJob[];
  clock: Clock;
  state: JobState;
  logger: Logger;
}

export interface Scheduler {
  /** Stops the cron task; resolves once a pass in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Every `schedule` (node-cron, Asia/Shanghai, no overlap): relays leftover status updates, runs
 * the daily jobs that are due, then delivers the outbox. One pass also runs at once, so due messages and jobs missed while
 * the bot was down do not wait for the first beat. Throws on a bad schedule or job.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { notifier, daily = [], clock, state, logger } = options;
  const schedule = options.schedule ?? process.env.NOTIFY_SCHEDULE ?? DEFAULT_NOTIFY_SCHEDULE;
  if (!cron.validate(schedule)) {
    throw new Error(`NOTIFY_SCHEDULE 无效: "${schedule}"。应是 cron 表达式（北京时间），如 "* * * * *" 表示每分钟`);
  }
  const names = new Set<string>();
  for (const job of daily) {
    if (names.has(job.name)) throw new Error(`daily job ${job.name} is listed twice`);
    names.add(job.name);
    if (parseClockTime(job.at) === undefined) throw new Error(`daily job ${job.name}: time must be HH:MM, not "${job.at}"`);
  }

  const runJobs = async () => {
    const lastRuns = new Map(await Promise.all(daily.map(async (job) => [job.name, await state.lastRun(job.name)] as const)));
    for (const { name, day } of dailyJobsDue(daily, clock.now(), lastRuns)) {
      const job = daily.find((j) => j.name === name)!;
      try {
        // A shared state (many instances): only the instance that claims the occurrence runs it.
        if (state.claimRun && !(await state.claimRun(name, day, clock.now(), JOB_LEASE_MS))) continue;
        await job.run(clock.now());
        await state.setLastRun(name, day);
        logger.info('daily_job_done', { job: name, day });
      } catch (err) {
        // Not recorded as run: the next pass tries again.
        logger.error('daily_job_failed', { job: name, day, message: err instanceof Error ? err.message : String(err) });
      }
    }
  };

  // node-cron's noOverlap covers its own beats; this also covers the pass run at start.
  let running: Promise<void> | null = null;
  const pass = (): Promise<void> => {
    running ??= (async () => {
      try {
        await options.relay?.();
        await runJobs();
        const told = (await options.handoffs?.checkQuiet()) ?? 0;
        if (told) logger.info('handoff_agent_quiet', { told });
        await options.ratings?.settleStale();
        const result = await notifier.tick();
        // Quiet in quiet hours: rows merely waiting are not news every minute.
        if (result.delivered + result.failed + result.dead > 0) logger.info('notify_tick', { ...result });
      } catch (err) {
        logger.error('scheduler_pass_failed', { message: err instanceof Error ? err.message : String(err) });
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const task = cron.schedule(schedule, pass, { timezone: 'Asia/Shanghai', noOverlap: true, name: 'onevisit-notify' });
  void pass();
  return {
    stop: async () => {
      await task.destroy();
      await running;
    },
  };
}
