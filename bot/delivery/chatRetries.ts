import type { OutboxRow } from '../../data/outbox.js';
import { SMS_CHANNEL } from './channels.js';

/** CHAT_FALLBACK_MINUTES' default: a chat that keeps failing this long gives way to the SMS. */
export const DEFAULT_CHAT_FALLBACK_MS = 15 * 60_000;

export interface RetryPolicy {
  /** Attempts before a row is dead-lettered. */
  maxAttempts: number;
  /** Wait before the next attempt, after `attempt` failures (1, 2, ...). */
  backoff: (attempt: number) => number;
  /** How long a chat row that can fall back to SMS is retried before it does. */
  fallbackAfterMs: number;
}

/** A chat row that carries the SMS to send when the chat delivery fails for good. */
const fallsBack = (row: OutboxRow) => Boolean(row.sms) && row.conversation.channelId !== SMS_CHANNEL;

/**
 * The wait before the next attempt after `attempt` failures. A row that can fall back to SMS
 * retries on the short schedule that ends at `fallbackAfterMs` (1, 2, 4, 8 minutes for 15):
 * someone who waits for news should not wait hours for a chat that may never answer. Past that
 * point (the SMS failed too, and is retried with the chat) the usual backoff applies.
 */
export function retryWait(row: OutboxRow, attempt: number, policy: RetryPolicy): number {
  const wait = policy.backoff(attempt);
  const left = fallsBack(row) ? policy.fallbackAfterMs - waited(row, attempt - 1, policy) : 0;
  return left > 0 ? Math.min(wait, left) : wait;
}

/** The retries' waits so far, after `failures` failed attempts. */
function waited(row: OutboxRow, failures: number, policy: RetryPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt <= failures; attempt++) total += retryWait(row, attempt, policy);
  return total;
}

/**
 * The attempt about to be made is the chat's last chance: the row's last attempt, or (a row that
 * can fall back) its retries have taken `fallbackAfterMs`. A failure now, of any kind, is for good.
 */
export const chatHadItsTime = (row: OutboxRow, policy: RetryPolicy): boolean =>
  row.attempts + 1 >= policy.maxAttempts || (fallsBack(row) && waited(row, row.attempts, policy) >= policy.fallbackAfterMs);
