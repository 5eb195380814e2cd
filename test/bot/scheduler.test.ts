import { expect } from 'chai';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFields, Logger } from '../../bot/logger.js';
import type { TickResult } from '../../bot/notifier.js';
import { dailyJobsDue, startScheduler, type DailyJob } from '../../bot/scheduler.js';
import { LowdbJobState } from '../../data/lowdb/lowdbJobState.js';
import { FakeClock, tempDir } from '../support.js';

/** Beijing wall-clock time as an instant (UTC+8). */
const beijing = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
const jobs = [
  { name: 'reminders', at: '08:30' },
  { name: 'overdue', at: '00:15' },
];
const due = (now: Date, lastRuns: Record<string, string>) => dailyJobsDue(jobs, now, new Map(Object.entries(lastRuns)));

describe('daily jobs due', () => {
  it('runs a new job from the first time its hour is reached, not before', () => {
    expect(due(beijing('2026-11-20', '00:14'), {})).to.deep.equal([]);
    expect(due(beijing('2026-11-20', '08:29'), {})).to.deep.equal([{ name: 'overdue', day: '2026-11-20' }]);
    expect(due(beijing('2026-11-20', '08:30'), {})).to.deep.equal([
      { name: 'reminders', day: '2026-11-20' },
      { name: 'overdue', day: '2026-11-20' },
    ]);
  });

  it('runs a job once per Beijing day, at or after its time', () => {
    const ranToday = { reminders: '2026-11-20', overdue: '2026-11-20' };
    expect(due(beijing('2026-11-20', '08:30'), ranToday)).to.deep.equal([]);
    expect(due(beijing('2026-11-20', '23:59'), ranToday)).to.deep.equal([]);
    expect(due(beijing('2026-11-21', '00:14'), ranToday)).to.deep.equal([]);
    expect(due(beijing('2026-11-21', '00:15'), ranToday)).to.deep.equal([{ name: 'overdue', day: '2026-11-21' }]);
    expect(due(beijing('2026-11-21', '08:29'), { ...ranToday, overdue: '2026-11-21' })).to.deep.equal([]);
    expect(due(beijing('2026-11-21', '08:30'), { ...ranToday, overdue: '2026-11-21' })).to.deep.equal([{ name: 'reminders', day: '2026-11-21' }]);
  });

  it('catches up a run missed while the bot was down, at start', () => {
    // Down at 08:30 today, back at 10:00.
    expect(due(beijing('2026-11-20', '10:00'), { reminders: '2026-11-19', overdue: '2026-11-20' })).to.deep.equal([
      { name: 'reminders', day: '2026-11-20' },
    ]);
    // Down all of yesterday, back at 07:00: yesterday's 08:30 now, today's at 08:30.
    const lastRuns = { reminders: '2026-11-18', overdue: '2026-11-20' };
    expect(due(beijing('2026-11-20', '07:00'), lastRuns)).to.deep.equal([{ name: 'reminders', day: '2026-11-19' }]);
    expect(due(beijing('2026-11-20', '07:01'), { ...lastRuns, reminders: '2026-11-19' })).to.deep.equal([]);
    expect(due(beijing('2026-11-20', '08:30'), { ...lastRuns, reminders: '2026-11-19' })).to.deep.equal([{ name: 'reminders', day: '2026-11-20' }]);
    // Down for a week: one catch-up run, not seven.
    expect(due(beijing('2026-11-20', '09:00'), { reminders: '2026-11-13', overdue: '2026-11-20' })).to.deep.equal([
      { name: 'reminders', day: '2026-11-20' },
    ]);
  });

  it('takes the day and hour in Beijing, whatever the machine time zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      // 16:20 UTC on the 20th is 00:20 on the 21st in Beijing.
      expect(dailyJobsDue([{ name: 'overdue', at: '00:15' }], new Date('2026-11-20T16:20:00Z'), new Map([['overdue', '2026-11-20']]))).to.deep.equal([
        { name: 'overdue', day: '2026-11-21' },
      ]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

function recordingLogger(): Logger & { events: { event: string; fields: LogFields }[] } {
  const events: { event: string; fields: LogFields }[] = [];
  const log = (event: string, fields: LogFields = {}) => void events.push({ event, fields });
  return { events, info: log, error: log };
}

describe('startScheduler', () => {
  // Never fires during a test: only the pass made at start runs.
  const YEARLY = '0 0 1 1 *';
  const idle: TickResult = { delivered: 0, failed: 0, dead: 0, deferred: 0 };

  it('at start, runs the due and missed daily jobs once, records them, then delivers the outbox', async () => {
    const dataDir = tempDir();
    const state = await LowdbJobState.open(dataDir);
    await state.setLastRun('reminders', '2026-11-18');
    const clock = new FakeClock(beijing('2026-11-20', '07:00'));
    const order: string[] = [];
    const daily: DailyJob[] = [
      { name: 'reminders', at: '08:30', run: async (now) => void order.push(`reminders@${now.toISOString()}`) },
      { name: 'publicity', at: '09:00', run: async () => void order.push('publicity') },
    ];
    const notifier = { tick: async () => (order.push('tick'), { ...idle, delivered: 2 }) };
    const logger = recordingLogger();
    await startScheduler({ notifier, schedule: YEARLY, daily, clock, state, logger }).stop();
    expect(order).to.deep.equal([`reminders@${clock.now().toISOString()}`, 'tick']);
    expect(await state.lastRun('reminders')).to.equal('2026-11-19');
    expect(await state.lastRun('publicity')).to.equal(undefined);
    expect(logger.events.find((e) => e.event === 'notify_tick')?.fields).to.include({ delivered: 2 });
    // Recorded on disk: after a restart the same hour, nothing runs again.
    order.length = 0;
    await startScheduler({ notifier, schedule: YEARLY, daily, clock, state: await LowdbJobState.open(dataDir), logger }).stop();
    expect(order).to.deep.equal(['tick']);
  });

  it('does not record a job that failed, so the next pass runs it again', async () => {
    const state = await LowdbJobState.open(tempDir());
    const clock = new FakeClock(beijing('2026-11-20', '10:00'));
    let runs = 0;
    const daily: DailyJob[] = [
      {
        name: 'publicity',
        at: '09:00',
        run: async () => {
          runs += 1;
          throw new Error('case store unavailable');
        },
      },
    ];
    const logger = recordingLogger();
    const notifier = { tick: async () => idle };
    await startScheduler({ notifier, schedule: YEARLY, daily, clock, state, logger }).stop();
    await startScheduler({ notifier, schedule: YEARLY, daily, clock, state, logger }).stop();
    expect(runs).to.equal(2);
    expect(await state.lastRun('publicity')).to.equal(undefined);
    expect(logger.events.filter((e) => e.event === 'daily_job_failed').map((e) => e.fields.message)).to.deep.equal([
      'case store unavailable',
      'case store unavailable',
    ]);
  });

  it('refuses a bad schedule, a bad job time, or a job listed twice', async () => {
    const base = { notifier: { tick: async () => idle }, clock: new FakeClock(), state: await LowdbJobState.open(tempDir()), logger: recordingLogger() };
    const run = async () => undefined;
    expect(() => startScheduler({ ...base, schedule: 'every minute' })).to.throw(/NOTIFY_SCHEDULE 无效/);
    expect(() => startScheduler({ ...base, schedule: YEARLY, daily: [{ name: 'x', at: '8点', run }] })).to.throw(/HH:MM/);
    expect(() =>
      startScheduler({
        ...base,
        schedule: YEARLY,
        daily: [
          { name: 'x', at: '08:00', run },
          { name: 'x', at: '09:00', run },
        ],
      }),
    ).to.throw(/twice/);
  });
});

describe('LowdbJobState', () => {
  it('keeps the last run of each job across reopening, in an owner-only file', async () => {
    const dataDir = tempDir();
    const state = await LowdbJobState.open(dataDir);
    expect(await state.lastRun('reminders')).to.equal(undefined);
    expect(await state.lastRun('constructor')).to.equal(undefined);
    await state.setLastRun('reminders', '2026-11-20');
    await state.setLastRun('overdue', '2026-11-19');
    await state.setLastRun('reminders', '2026-11-21');
    const reopened = await LowdbJobState.open(dataDir);
    expect(await reopened.lastRun('reminders')).to.equal('2026-11-21');
    expect(await reopened.lastRun('overdue')).to.equal('2026-11-19');
    expect(statSync(join(dataDir, 'jobs.json')).mode & 0o777).to.equal(0o600);
    let error: unknown;
    await state.setLastRun('reminders', '2026-11-21T08:30:00Z').catch((err) => (error = err));
    expect(error).to.be.instanceOf(TypeError);
  });
});
