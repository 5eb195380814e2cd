import type { SlotStore } from '../data/appraisal.js';
import { addDays, dayKind } from '../data/calendar.js';
import { createdBound, shanghaiDate } from '../data/caseQuery.js';
import { outstandingMaterials } from '../data/caseMaterials.js';
import { STAGES, type CaseStore, type Stage } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import type { Region } from '../data/region.js';
import { WECHAT_DELIVERY_KEEP_MS, type WechatStore } from '../data/wechat.js';
import type { FloodCounts } from '../data/floodCounts.js';
import { STAGE_LIMITS } from '../data/workflow.js';
import { text } from '../dialogs/text/index.js';
import type { CaseUseCases } from '../cases/index.js';
import type { Logger } from './logger.js';
import { inQuietHours, type QuietHours } from './notifier.js';

const s = text.status;
/** After every stored time: "entered the stage at any time". */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';
/** No stage limit spans more calendar days than this, holidays included (the Spring Festival week). */
const MAX_LOOKBACK_DAYS = 366;
const DAY_MS = 24 * 3600_000;

export interface OverdueCase {
  caseNo: string;
  stage: string;
  since: string;
  workingDays: number;
  limit: number;
}

export interface DailyJobDeps {
  cases: CaseStore;
  slots: SlotStore;
  useCases: CaseUseCases;
  region: Region;
  clock: Clock;
  logger: Logger;
  /** QUIET_HOURS: a catch-up run inside them writes no reminder of materials (the next day's run does). */
  quietHours?: QuietHours | null;
  /** Whether SMS is on: the duty phones' deadline alerts are SMS only, so without it their scan is not scheduled. */
  sms?: boolean;
  /** The WeChat push keys, forgotten once past their keeping time by the housekeeping job. */
  wechat?: Pick<WechatStore, 'forgetPushes'>;
  /** The flood limits' counts, whose ended windows the housekeeping job deletes. */
  flood?: Pick<FloodCounts, 'forgetBefore'>;
}

/** The jobs that run once a Beijing day: reminders (appraisals, missing materials), the end of 公示, and the overdue watch. */
export class DailyJobs {
  constructor(private readonly deps: DailyJobDeps) {}

  /** Tomorrow's appraisals: one reminder per booking (its dedupe key names the day). */
  async remindAppraisals(now = this.deps.clock.now()): Promise<number> {
    const tomorrow = addDays(shanghaiDate(now), 1);
    let sent = 0;
    for (const booking of await this.deps.slots.bookingsOn(tomorrow)) if (await this.deps.useCases.appointments.remind(booking)) sent++;
    return sent;
  }

  /** 公示 with no objection for its 5 working days: the case moves on to approved. */
  async completeNotices(now = this.deps.clock.now()): Promise<string[]> {
    const today = shanghaiDate(now);
    const done: string[] = [];
    for (const waiting of await this.deps.cases.waitingAt('public_notice', END_OF_TIME)) {
      const c = await this.deps.cases.get(waiting.caseNo);
      if (!c?.noticeEndsOn || c.noticeEndsOn >= today) continue;
      const result = await this.deps.useCases.workflow.perform(c.caseNo, { action: 'complete_notice', by: 'system:notice', note: `公示至${c.noticeEndsOn}无异议` });
      if (result.ok) done.push(c.caseNo);
    }
    return done;
  }

  /**
   * Online cases still missing materials: one reminder a day, three at most (cases/materials
   * decides), never written in quiet hours: a reminder is not worth a message at night. Every
   * open case is looked at (the stage index holds them all), never the closed history.
   */
  async remindMissingMaterials(now = this.deps.clock.now()): Promise<string[]> {
    const reminded: string[] = [];
    if (this.deps.quietHours && inQuietHours(this.deps.quietHours, now)) return reminded;
    for (const stage of STAGES) {
      for (const waiting of await this.deps.cases.waitingAt(stage, END_OF_TIME)) {
        const c = await this.deps.cases.get(waiting.caseNo);
        if (!c || c.channel !== 'online' || outstandingMaterials(c).length === 0) continue;
        if (await this.deps.useCases.materials.remindMissing(c.caseNo, now)) reminded.push(c.caseNo);
      }
    }
    return reminded;
  }

  /**
   * Cases whose stage has taken longer than its limit, in working days: for each stage, the
   * cases that entered it on or before the last day that is already too long ago, read from
   * the store's index by stage and time (every one of them, however many cases are stored).
   */
  async overdue(now = this.deps.clock.now()): Promise<OverdueCase[]> {
    const today = shanghaiDate(now);
    const found: OverdueCase[] = [];
    // Working days from each day to today, counted in one walk back for every case (thousands
    // of cases, a few dozen days): the day before `d` adds `d` itself to the range.
    const counted = new Map<string, number>([[today, 0]]);
    let walked = today;
    const workingDaysSince = (day: string) => {
      for (let n = counted.get(walked)!; walked > day; counted.set(walked, n)) {
        if (dayKind(this.deps.region, walked).open) n++;
        walked = addDays(walked, -1);
      }
      return counted.get(day) ?? 0;
    };
    for (const [stage, limit] of Object.entries(STAGE_LIMITS) as [Stage, number][]) {
      const lastLateDay = this.lastDayOver(limit, today);
      if (!lastLateDay) continue;
      for (const { caseNo, since } of await this.deps.cases.waitingAt(stage, createdBound(addDays(lastLateDay, 1), 'from')!)) {
        found.push({ caseNo, stage, since, workingDays: workingDaysSince(shanghaiDate(new Date(since))), limit });
      }
    }
    return found;
  }

  /** The latest day from which more than `limit` working days have passed by `today`. */
  private lastDayOver(limit: number, today: string): string | undefined {
    // One walk back: stepping from `day` to the day before adds `day` itself to the range (day, today].
    let day = today;
    let working = 0;
    for (let back = 0; back < MAX_LOOKBACK_DAYS; back++, day = addDays(day, -1)) {
      if (working > limit) return day;
      if (dayKind(this.deps.region, day).open) working++;
    }
    return undefined;
  }

  /** The overdue watch as a daily job: staff see the list in the admin API and in the log. */
  async reportOverdue(now = this.deps.clock.now()): Promise<OverdueCase[]> {
    const list = await this.overdue(now);
    for (const o of list) this.deps.logger.info('case_overdue', { caseNo: o.caseNo, message: s.notify.overdue(o.caseNo, s.stageNames[o.stage], o.workingDays) });
    return list;
  }

  /** The duty phones get an SMS for each case that is past its limit or will be by tomorrow (once per case and stage). */
  async alertNearDeadline(now = this.deps.clock.now()): Promise<string[]> {
    const alerted: string[] = [];
    for (const o of await this.overdue(new Date(now.getTime() + DAY_MS))) if (await this.deps.useCases.staffAlerts.nearDeadline(o.caseNo)) alerted.push(o.caseNo);
    return alerted;
  }

  /** What the stores keep only for a while, cleared: WeChat push keys older than a day, ended flood windows. Resolves to how many records went. */
  async housekeeping(now = this.deps.clock.now()): Promise<number> {
    const pushes = this.deps.wechat ? await this.deps.wechat.forgetPushes(new Date(now.getTime() - WECHAT_DELIVERY_KEEP_MS)) : 0;
    return pushes + (this.deps.flood ? await this.deps.flood.forgetBefore(now) : 0);
  }

  /** Every daily job once, for the scheduler (and its catch-up after downtime); the deadline alerts only with SMS on. */
  jobs(): { name: string; at: string; run: (now: Date) => Promise<unknown> }[] {
    return [
      { name: 'complete-notices', at: '00:30', run: (now) => this.completeNotices(now) },
      { name: 'appraisal-reminders', at: '09:00', run: (now) => this.remindAppraisals(now) },
      { name: 'overdue-watch', at: '08:30', run: (now) => this.reportOverdue(now) },
      ...(this.deps.sms ? [{ name: 'deadline-alerts', at: '08:35', run: (now: Date) => this.alertNearDeadline(now) }] : []),
      { name: 'materials-reminders', at: '10:00', run: (now) => this.remindMissingMaterials(now) },
      { name: 'housekeeping', at: '03:00', run: (now) => this.housekeeping(now) },
    ];
  }
}
