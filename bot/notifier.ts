import { ActionTypes, ActivityTypes, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { Clock } from '../data/clock.js';
import type { OutboxRow, OutboxStore } from '../data/outbox.js';
import { deliverRow, type DeliveryChannel, type SendOutcome } from './delivery/channels.js';
import { chatHadItsTime, DEFAULT_CHAT_FALLBACK_MS, retryWait, type RetryPolicy } from './delivery/chatRetries.js';
import type { Logger } from './logger.js';

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991): plain arithmetic is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MINUTES = 24 * 60;
const MINUTE_MS = 60 * 1000;

/** Minutes after Beijing midnight at `at`, whatever the machine's time zone. */
export function shanghaiMinutes(at: Date): number {
  const ms = (at.getTime() + SHANGHAI_OFFSET_MS) % (DAY_MINUTES * MINUTE_MS);
  return Math.floor((ms < 0 ? ms + DAY_MINUTES * MINUTE_MS : ms) / MINUTE_MS);
}

/** 'HH:MM' (00:00-23:59) as minutes after midnight, or undefined. */
export function parseClockTime(value: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h <= 23 && min <= 59 ? h * 60 + min : undefined;
}

/** A daily window in Beijing time, minutes after midnight; `from` > `to` spans midnight. */
export interface QuietHours {
  from: number;
  to: number;
}

export const DEFAULT_QUIET_HOURS = '21:00-08:00';

/** QUIET_HOURS: 'HH:MM-HH:MM' in Beijing time (default 21:00-08:00), or 'off'. Throws on anything else. */
export function parseQuietHours(value: string | undefined): QuietHours | null {
  const raw = value?.trim() || DEFAULT_QUIET_HOURS;
  if (raw.toLowerCase() === 'off') return null;
  const parts = raw.split('-');
  const [from, to] = parts.map((part) => parseClockTime(part));
  if (parts.length !== 2 || from === undefined || to === undefined || from === to) {
    throw new Error(`QUIET_HOURS 无效: "${value}"。应写成 开始-结束（北京时间，如 21:00-08:00，两者不同），或 off 表示不设免打扰时段`);
  }
  return { from, to };
}

export function inQuietHours(quiet: QuietHours, at: Date): boolean {
  const m = shanghaiMinutes(at);
  return quiet.from < quiet.to ? m >= quiet.from && m < quiet.to : m >= quiet.from || m < quiet.to;
}

/** 1 min, 2, 4, ... doubling after each failure, at most 6 hours. */
export function defaultBackoff(attempt: number): number {
  return Math.min(MINUTE_MS * 2 ** (attempt - 1), 6 * 60 * MINUTE_MS);
}

export interface NotifierOptions {
  adapter: CloudAdapter;
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
  /** MicrosoftAppId; empty (the default) when the bot runs anonymously. */
  appId?: string;
  quietHours: QuietHours | null;
  /** Rows read from the outbox at a time; a tick goes on until nothing due is left. */
  batchSize?: number;
  /** Attempts before a row is dead-lettered. */
  maxAttempts?: number;
  /** Wait before the next attempt, after `attempt` failures (1, 2, ...). */
  backoff?: (attempt: number) => number;
  /** CHAT_FALLBACK_MINUTES: how long a failing chat delivery that can fall back to SMS is retried first (15 minutes). */
  fallbackAfterMs?: number;
  /** Status updates being copied into the outbox right now (the relay after a case change): a pass waits for them, so one right after a change delivers it. */
  relaysUnderWay?: () => Promise<void>;
  /**
   * Many instances on one database: this instance's self-hosted Direct Line serviceUrl. Every
   * instance's channel serves every conversation (the transcript is shared), so an update for
   * one goes through this instance's own channel, whichever instance the conversation began on
   * (that one may be gone, and only its own bot may post to it).
   */
  sharedDirectLine?: () => string;
  /** Delivery channels of their own by channelId (`sms`, `wechat`); every other row goes through the adapter. */
  channels?: Record<string, DeliveryChannel>;
  /**
   * Run in the conversation right after an update with no buttons of its own reached a chat (not a
   * desk message): a chat shows only the latest message's buttons, so the flow in progress asks its
   * step again (the correction's "号码没错，就用原来的" stays to tap after a 退回 notice).
   */
  afterNotice?: (context: TurnContext) => Promise<void>;
}

/**
 * A claimed batch is this instance's alone this long, and is small: even a slow channel (the
 * connector retries a failing send for about 5 s) sends it well within the lease, so no other
 * instance takes a row that is still being sent.
 */
export const CLAIM_LEASE_MS = 5 * MINUTE_MS;
const CLAIM_BATCH = 20;

export interface TickResult {
  delivered: number;
  /** Failed and scheduled for a retry. */
  failed: number;
  /** Failed for the last time (or undeliverable) and dead-lettered. */
  dead: number;
  /** Due but held back by quiet hours (counted up to one batch) or by a rate limit. */
  deferred: number;
}

/** A button's title: numbered for typing back, unless its label starts with its own number (a rating's points). */
export const numbered = (label: string, i: number) => (/^\d/.test(label) ? label : `${i + 1}. ${label}`);
const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The channel refused the message in a way no retry changes: the conversation is gone (404) or
 * the bot may not write to it any more (403). The connector client's errors carry the status.
 */
const refusedForGood = (err: unknown) => [403, 404].includes((err as { statusCode?: unknown } | undefined)?.statusCode as number);

/**
 * Delivers due outbox rows through `adapter.continueConversationAsync`, oldest first, marks each
 * delivered, retries failures with backoff and dead-letters a row after `maxAttempts`.
 *
 * Ordering: rows go out one at a time in creation order, so one person's messages arrive in the
 * order they were written. A row waiting for a retry does not hold back later rows.
 *
 * Restart safety: a row is marked right after its send returns. A crash in between leaves it
 * pending, so it is sent once more at the next start (at most twice in all); the activity
 * carries `channelData.dedupeKey`, so a channel can drop the repeat. Nothing due is lost: rows
 * leave the outbox only once marked.
 */
export class Notifier {
  private readonly adapter: CloudAdapter;
  private readonly outbox: OutboxStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly appId: string;
  private readonly quietHours: QuietHours | null;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly retries: RetryPolicy;
  private readonly sharedDirectLine?: () => string;
  private readonly channels: Record<string, DeliveryChannel>;
  private running = false;
  /** Rows being sent right now (by a tick or `deliverNow`): never sent twice at once. */
  private readonly inFlight = new Set<string>();
  /** `deliverNow`'s sends per conversation, in order. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly relaysUnderWay?: () => Promise<void>;
  private readonly afterNotice?: (context: TurnContext) => Promise<void>;

  constructor(options: NotifierOptions) {
    const { batchSize = 100, maxAttempts = 8 } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, not ${batchSize}`);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, not ${maxAttempts}`);
    this.adapter = options.adapter;
    this.outbox = options.outbox;
    this.clock = options.clock;
    this.logger = options.logger;
    this.appId = options.appId ?? '';
    this.quietHours = options.quietHours;
    this.batchSize = batchSize;
    this.maxAttempts = maxAttempts;
    this.retries = { maxAttempts, backoff: options.backoff ?? defaultBackoff, fallbackAfterMs: options.fallbackAfterMs ?? DEFAULT_CHAT_FALLBACK_MS };
    this.sharedDirectLine = options.sharedDirectLine;
    this.channels = options.channels ?? {};
    this.relaysUnderWay = options.relaysUnderWay;
    this.afterNotice = options.afterNotice;
  }

  /** Delivers what is due now. A tick started while another runs returns at once with nothing done. */
  async tick(): Promise<TickResult> {
    const result: TickResult = { delivered: 0, failed: 0, dead: 0, deferred: 0 };
    if (this.running) return result;
    this.running = true;
    try {
      await this.relaysUnderWay?.();
      await this.deliverDue(result);
    } finally {
      this.running = false;
    }
    return result;
  }

  /**
   * Sends these rows now, without waiting for the scheduler (a live chat: an agent's reply, the
   * rating after it): each conversation's rows in order, rows of different conversations at
   * once. A row a tick is sending is skipped (and the tick skips rows sent here); a failed send
   * is marked for a retry by the scheduler like any other.
   */
  deliverNow(rows: OutboxRow[]): void {
    for (const row of rows) {
      const key = row.conversation.conversation?.id ?? row.id;
      const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.deliverOne(row));
      this.chains.set(key, next);
      void next.finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    }
  }

  private async deliverOne(row: OutboxRow): Promise<void> {
    if (this.inFlight.has(row.id)) return;
    this.inFlight.add(row.id);
    try {
      // A shared outbox: another instance's scheduler may have claimed the row already.
      if (this.outbox.claim && !(await this.outbox.claim(row.id, this.clock.now(), CLAIM_LEASE_MS))) return;
      await this.record(row, await this.deliver(row), { delivered: 0, failed: 0, dead: 0, deferred: 0 });
    } catch (err) {
      this.logger.error('notify_now_failed', { id: row.id, message: errorMessage(err) });
    } finally {
      this.inFlight.delete(row.id);
    }
  }

  private async deliverDue(result: TickResult): Promise<void> {
    // Rows tried in this tick are not tried again in it (a retry due at once, a row whose mark failed).
    const tried = new Set<string>();
    for (;;) {
      // A shared outbox hands each due row to one instance at a time (claimed with a lease).
      const now = this.clock.now();
      const batch = this.outbox.claimDue ? await this.outbox.claimDue(now, Math.min(this.batchSize, CLAIM_BATCH), CLAIM_LEASE_MS) : await this.outbox.due(now, this.batchSize);
      const rows = batch.filter((row) => !tried.has(row.id) && !this.inFlight.has(row.id));
      if (rows.length === 0) return;
      // Marks are written while the next row is sent (the store commits them together); they
      // are all settled before the next batch is read, so no row is offered twice in a tick.
      const marks: Promise<void>[] = [];
      let quiet = false;
      for (const row of rows) {
        tried.add(row.id);
        // Live chat replies go in quiet hours too: the person is waiting for them.
        if (!row.live && this.quietHours && inQuietHours(this.quietHours, this.clock.now())) {
          result.deferred += 1;
          quiet = true;
          continue;
        }
        this.inFlight.add(row.id);
        const outcome = await this.deliver(row);
        marks.push(this.record(row, outcome, result).finally(() => this.inFlight.delete(row.id)));
      }
      await Promise.all(marks);
      if (quiet) return;
    }
  }

  /** Sends one row by its channel (bot/delivery). */
  private deliver(row: OutboxRow): Promise<SendOutcome> {
    return deliverRow(row, { chat: (r) => this.send(r), channels: this.channels, chatHadItsTime: chatHadItsTime(row, this.retries) });
  }

  /**
   * Sends one row through the adapter. Success is only a send that returned: errors inside the turn go to
   * onTurnError and `continueConversationAsync` still resolves, so a flag set after the send is
   * what tells a delivered message from a lost one.
   */
  private async send(row: OutboxRow): Promise<SendOutcome> {
    const reference = this.routed(row.conversation);
    if (!reference.serviceUrl || !reference.conversation?.id) {
      return { ok: false, error: 'conversation reference has no serviceUrl or conversation id', permanent: true };
    }
    let sent = false;
    let error: string | undefined;
    let permanent = false;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        // What follows the update in this turn (the step asked again) is keyed after it: sent again after a crash, shown once.
        let after = 0;
        try {
          context.onSendActivities(async (_, activities, next) => {
            for (const a of activities) {
              if (!a.channelData?.dedupeKey) a.channelData = { ...a.channelData, dedupeKey: `${row.dedupeKey}:then:${++after}` };
              // An update answers nothing: left alone, it would reply to the continuation's own id, which no
              // client ever receives, and Web Chat holds such a message back for seconds waiting for it.
              delete a.replyToId;
              // The sender's name (an agent's), set after the reference has made the bot the sender.
              if (row.from && a.from) a.from.name = row.from;
            }
            return next();
          });
          const response = await context.sendActivity({
            type: ActivityTypes.Message,
            text: row.text,
            channelData: { dedupeKey: row.dedupeKey },
            ...(row.buttons?.length
              ? { suggestedActions: { to: [], actions: row.buttons.map((b, i) => ({ type: ActionTypes.ImBack, title: numbered(b, i), value: b })) } }
              : {}),
          });
          // A send handler that does not call next() swallows the message: no response, nothing sent.
          if (response) sent = true;
          else error = 'the message was not handed to the channel';
          if (sent && !row.live && !row.buttons?.length) await this.stepAgain(row, context);
        } catch (err) {
          // Kept from onTurnError, which would apologise to the user for a message they never saw.
          error = errorMessage(err);
          permanent = refusedForGood(err);
        }
      });
    } catch (err) {
      error = errorMessage(err);
    }
    if (sent) return { ok: true };
    return { ok: false, error: error ?? 'the turn failed before the message was sent (see turn_error)', permanent };
  }

  /** The flow's step asked again after an update; the update is delivered whatever becomes of this. */
  private async stepAgain(row: OutboxRow, context: TurnContext): Promise<void> {
    try {
      await this.afterNotice?.(context);
    } catch (err) {
      this.logger.error('notify_step_again_failed', { id: row.id, message: errorMessage(err) });
    }
  }

  /** The reference as given, or (shared store) a self-hosted Direct Line conversation's through this instance's channel. */
  private routed(reference: OutboxRow['conversation']): OutboxRow['conversation'] {
    const own = this.sharedDirectLine?.();
    if (!own || reference.channelId !== 'directline' || !/\/v3\/directline\/?$/.test(reference.serviceUrl ?? '')) return reference;
    return { ...reference, serviceUrl: own };
  }

  /** Marks the outcome; never throws (a row whose mark failed stays pending and is tried again). */
  private async record(row: OutboxRow, outcome: SendOutcome, result: TickResult): Promise<void> {
    const at = this.clock.now();
    const about = { id: row.id, caseNo: row.caseNo, recipient: row.recipient, attempts: row.attempts + 1 };
    try {
      if (outcome.ok) {
        await this.outbox.markDelivered(row.id, at);
        result.delivered += 1;
        return;
      }
      if (outcome.deferUntil) {
        await this.outbox.markFailed(row.id, outcome.error, at, { retryAt: outcome.deferUntil, deferred: true });
        result.deferred += 1;
        return;
      }
      if (outcome.permanent || row.attempts + 1 >= this.maxAttempts) {
        await this.outbox.markFailed(row.id, outcome.error, at, { dead: true });
        result.dead += 1;
        this.logger.error('notify_dead', { ...about, error: outcome.error });
        return;
      }
      const retryAt = new Date(at.getTime() + retryWait(row, row.attempts + 1, this.retries));
      await this.outbox.markFailed(row.id, outcome.error, at, { retryAt });
      result.failed += 1;
      this.logger.info('notify_retry', { ...about, error: outcome.error, retryAt: retryAt.toISOString() });
    } catch (err) {
      this.logger.error('notify_mark_failed', { ...about, sent: outcome.ok, message: errorMessage(err) });
    }
  }
}
