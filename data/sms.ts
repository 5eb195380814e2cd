/**
 * What the SMS channel keeps: phones that replied TD (退订), the provider's delivery receipts
 * of the messages sent, and per-phone send counts for the rate limits. Phones are kept as the
 * provider writes them (E.164, +8613812345678).
 */

/** Per-phone limits: at most `perMinute` in a minute and `perDay` in a Beijing day. */
export interface SmsRateLimits {
  perMinute: number;
  perDay: number;
}

/** One SMS handed to the provider, and its delivery receipt once the provider posts it. */
export interface SmsMessage {
  /** The provider's id of the message (Tencent: SerialNo). */
  serialNo: string;
  phone: string;
  /** The outbox row it carried, when known (a receipt may come before the send is recorded). */
  rowId?: string;
  sentAt?: string;
  receipt?: { status: 'delivered' | 'failed'; code: string; description?: string; at: string };
}

export type RateDecision = { ok: true } | { ok: false; retryAt: Date };

export interface SmsStore {
  /** "TD": no more SMS to this phone, by anyone. */
  optOut(phone: string, at: Date): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;
  /**
   * Counts one send to `phone` at `at` when the limits allow it, atomically (two senders never
   * both take the last place); otherwise nothing is counted and the answer says when to try again.
   */
  takeSend(phone: string, at: Date, limits: SmsRateLimits): Promise<RateDecision>;
  /** Records a message handed to the provider. */
  recordSent(message: { serialNo: string; phone: string; rowId: string }, at: Date): Promise<void>;
  /** Records a delivery receipt; false when the message already has one (a repeated callback changes nothing). */
  recordReceipt(serialNo: string, phone: string, receipt: NonNullable<SmsMessage['receipt']>): Promise<boolean>;
  message(serialNo: string): Promise<SmsMessage | undefined>;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The send counts of one phone: the current minute window and Beijing day. */
export interface SendCounter {
  minuteStart: number;
  minuteCount: number;
  /** Beijing midnight (ms) of the day counted. */
  dayStart: number;
  dayCount: number;
}

const beijingMidnight = (ms: number) => ms - ((ms + SHANGHAI_OFFSET_MS) % DAY_MS);

/** The rate decision every backend makes, and the counter after a send it allows. */
export function decideSend(counter: SendCounter | undefined, atMs: number, limits: SmsRateLimits): { decision: RateDecision; next?: SendCounter } {
  const dayStart = beijingMidnight(atMs);
  const sameDay = counter?.dayStart === dayStart;
  const sameMinute = counter !== undefined && atMs - counter.minuteStart < MINUTE_MS;
  const dayCount = sameDay ? counter!.dayCount : 0;
  const minuteCount = sameMinute ? counter!.minuteCount : 0;
  if (dayCount >= limits.perDay) return { decision: { ok: false, retryAt: new Date(dayStart + DAY_MS) } };
  if (minuteCount >= limits.perMinute) return { decision: { ok: false, retryAt: new Date(counter!.minuteStart + MINUTE_MS) } };
  return {
    decision: { ok: true },
    next: { minuteStart: sameMinute ? counter!.minuteStart : atMs, minuteCount: minuteCount + 1, dayStart, dayCount: dayCount + 1 },
  };
}

/** Limits a store is asked to apply: whole numbers of at least 1. */
export function checkedLimits(limits: SmsRateLimits): SmsRateLimits {
  for (const [name, n] of Object.entries(limits)) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`SMS rate limit ${name} must be a whole number of at least 1, not ${n}`);
  }
  return limits;
}

/** A phone as stored: E.164, or a TypeError (a caller's bug). */
export function checkedPhone(phone: string): string {
  if (typeof phone !== 'string' || !/^\+\d{6,15}$/.test(phone)) throw new TypeError(`not an E.164 phone number: ${String(phone).slice(0, 4)}…`);
  return phone;
}
