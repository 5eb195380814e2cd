import type { CallStore } from '../data/calls.js';
import { addWorkingDays } from '../data/calendar.js';
import { shanghaiDate } from '../data/caseQuery.js';
import type { CaseRecord } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import type { Handoff } from '../data/handoffs.js';
import type { OutboxRow, OutboxStore } from '../data/outbox.js';
import { maskText } from '../data/personalData.js';
import { RATING_LEVELS, isPoor, levelValue, type NewRating, type Rating, type RatingLevel, type RatingStage, type RatingStore } from '../data/ratings.js';
import type { Region } from '../data/region.js';

/** What the rating says through the outbox (the catalogue's `rating` texts). */
export interface RatingTexts {
  askHandoff: string;
  askCase: (caseNo: string, stage: 'delivered' | 'rejected') => string;
  followUpQuestion: (level: string, stage: string, about: string, comment?: string) => string;
  stageNames: Record<RatingStage, string>;
  button: (points: number, level: string) => string;
}

export interface RatingDeps {
  ratings: RatingStore;
  outbox: OutboxStore;
  calls: CallStore;
  clock: Clock;
  region: Region;
  texts: RatingTexts;
  /** Sends these outbox rows now (after a live chat). */
  deliverNow?: (rows: OutboxRow[]) => void;
}

/** A poor rating whose comment never came gets its 回访 after this long anyway. */
export const COMMENT_WAIT_MS = 10 * 60_000;
/** How long a rating may wait for its level before it is closed unrated. */
export const ANSWER_WAIT_MS = 24 * 60 * 60_000;

/** A rating's question said in the person's own turn: its words and the levels' buttons. */
export interface RatingQuestion {
  text: string;
  buttons: string[];
}

type Counts = Record<string, { count: number; average: number; levels: Record<RatingLevel, number> }>;

/**
 * 好差评: asks the person once (after a hand-off, when a case is delivered or finally
 * rejected), records the one-tap level and the optional comment, and puts a 回访 on the desk's
 * list for 不满意 or worse, due within the region's `desk.followUpDays` working days.
 */
export class Ratings {
  constructor(private readonly deps: RatingDeps) {}

  /**
   * Ended by the agent, the question goes through the outbox at once. Ended by the person in the
   * chat (`inTurn`), it is recorded and returned for that turn to say last: a message of the turn
   * sent after it would take its buttons off the screen.
   */
  async askAfterHandoff(h: Handoff, phone?: string, inTurn = false): Promise<RatingQuestion | undefined> {
    const input: NewRating = { conversationKey: h.conversationKey, userKey: h.userKey, channel: h.channel, conversation: h.conversation, stage: 'handoff', ...(h.agent ? { agent: h.agent } : {}), handoffId: h.id, ...(h.caseNo ? { caseNo: h.caseNo } : {}), ...(phone ? { phone } : {}) };
    if (!inTurn) return void (await this.ask(input, this.deps.texts.askHandoff, true));
    await this.deps.ratings.ask(input, this.deps.clock.now());
    return { text: this.deps.texts.askHandoff, buttons: this.buttons() };
  }

  /** A case delivered or finally rejected: its applicant is asked, in the chat they applied from. */
  async askForCase(record: CaseRecord, stage: 'delivered' | 'rejected'): Promise<void> {
    const conversation = record.conversation;
    if (!conversation?.conversation?.id || !conversation.channelId) return;
    await this.ask(
      { conversationKey: `${conversation.channelId}:${conversation.conversation.id}`, userKey: record.submittedBy.userKey ?? '', channel: conversation.channelId, conversation, stage, caseNo: record.caseNo, phone: record.applicant.phone },
      this.deps.texts.askCase(record.caseNo, stage),
      false,
    );
  }

  pendingFor(conversationKey: string): Promise<Rating | undefined> {
    return this.deps.ratings.pendingFor(conversationKey);
  }

  /**
   * The level (and maybe a comment said with it). A comment may still follow unless one came;
   * until then a corrected level replaces the first.
   */
  async rate(id: string, level: RatingLevel, comment?: string): Promise<Rating | undefined> {
    const at = this.deps.clock.now().toISOString();
    const rated = await this.deps.ratings.update(id, (r) => {
      if (r.status === 'done') return false;
      Object.assign(r, { level, ratedAt: at, status: comment ? 'done' : 'comment', ...(comment ? { comment: maskText(comment) } : {}) });
    });
    if (rated?.status === 'done') return this.followUp(rated);
    return rated;
  }

  /** The comment after the level (with a phone to call back, maybe), or none (不用了): the rating is complete. */
  async comment(id: string, comment?: string, phone?: string): Promise<Rating | undefined> {
    const done = await this.deps.ratings.update(id, (r) => {
      if (r.status !== 'comment') return false;
      r.status = 'done';
      if (comment) r.comment = maskText(comment);
      if (phone) r.phone = phone;
    });
    return done && this.followUp(done);
  }

  /**
   * The scheduler's pass: a poor rating left waiting for a comment gets its 回访 now; a rating
   * nobody gave within a day is closed unrated, so it no longer reads the person's later messages.
   */
  async settleStale(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    let settled = 0;
    for (const r of await this.deps.ratings.list({ status: ['comment', 'asked'] })) {
      if (r.status === 'comment' && Date.parse(r.ratedAt ?? r.askedAt) <= now - COMMENT_WAIT_MS && (await this.comment(r.id))) settled += 1;
      if (r.status === 'asked' && Date.parse(r.askedAt) <= now - ANSWER_WAIT_MS && (await this.deps.ratings.update(r.id, (x) => (x.status === 'asked' ? void (x.status = 'done') : false)))) settled += 1;
    }
    return settled;
  }

  /** Ratings counted per channel, agent and stage (since `since`), for supervisors. */
  async summary(since?: Date) {
    const rated = (await this.deps.ratings.list(since ? { since } : {})).filter((r) => r.level);
    const by = (key: (r: Rating) => string | undefined): Counts => {
      const out: Counts = {};
      for (const r of rated) {
        const k = key(r);
        if (!k) continue;
        const c = (out[k] ??= { count: 0, average: 0, levels: Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number> });
        c.levels[r.level!] += 1;
        c.average = (c.average * c.count + levelValue(r.level!)) / (c.count + 1);
        c.count += 1;
      }
      for (const c of Object.values(out)) c.average = Math.round(c.average * 100) / 100;
      return out;
    };
    return { total: rated.length, poor: rated.filter((r) => isPoor(r.level!)).length, byChannel: by((r) => r.channel), byAgent: by((r) => r.agent), byStage: by((r) => r.stage) };
  }

  private async ask(input: NewRating, message: string, live: boolean): Promise<void> {
    const rating = await this.deps.ratings.ask(input, this.deps.clock.now());
    const rows = await this.deps.outbox.enqueue(
      [{ dedupeKey: `rating:${rating.id}`, conversation: input.conversation, recipient: `rating:${input.userKey}`, text: message, buttons: this.buttons(), ...(live ? { live } : {}), ...(input.caseNo ? { caseNo: input.caseNo } : {}) }],
      this.deps.clock.now(),
    );
    if (live) this.deps.deliverNow?.(rows);
  }

  /** One button a level, best first, its points with it. */
  private buttons(): string[] {
    return RATING_LEVELS.map((l) => this.deps.texts.button(levelValue(l), l));
  }

  /** A poor rating puts a 回访 on the desk's list, with the case and the comment. */
  private async followUp(r: Rating): Promise<Rating> {
    if (!r.level || !isPoor(r.level) || r.callId) return r;
    const now = this.deps.clock.now();
    const about = [r.caseNo ? `办件 ${r.caseNo}` : '', r.agent ? `坐席 ${r.agent}` : '', r.handoffId ?? ''].filter(Boolean).join('，');
    const call = await this.deps.calls.record(
      {
        // No number known: the desk calls back through the chat's case or hand-off named in the question.
        callerPhone: r.phone ?? '',
        category: '投诉',
        question: this.deps.texts.followUpQuestion(r.level, this.deps.texts.stageNames[r.stage], about || r.userKey, r.comment),
        answer: '待回访',
        followUpNeeded: true,
        agent: 'bot',
        dueBy: addWorkingDays(this.deps.region, shanghaiDate(now), this.deps.region.desk.followUpDays),
      },
      now,
    );
    return (await this.deps.ratings.update(r.id, (x) => void (x.callId = call.id))) ?? r;
  }
}
