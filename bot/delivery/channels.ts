import type { OutboxRow } from '../../data/outbox.js';
import { WECHAT_CHANNEL } from '../channels/wechat/activities.js';

/**
 * What a delivery attempt came to: sent; refused for good (`permanent`) or for now; or held
 * back until `deferUntil` without being tried (a rate limit), which is not an attempt.
 */
export type SendOutcome = { ok: true } | { ok: false; error: string; permanent: boolean; deferUntil?: Date };

/** One way of reaching people (SMS, WeChat, ...): the notifier picks it by the row's `conversation.channelId`. */
export interface DeliveryChannel {
  send(row: OutboxRow): Promise<SendOutcome>;
}

/** The channelId of rows that are an SMS only (no chat). */
export const SMS_CHANNEL = 'sms';

/**
 * The channels with a delivery of their own and none through the connector: a row for one of
 * them while it is off (not in the table) cannot be delivered, and why.
 */
const OFF: Record<string, string> = {
  [SMS_CHANNEL]: 'SMS is off (SMS_* not configured)',
  [WECHAT_CHANNEL]: 'the WeChat channel is off (WECHAT_* not configured)',
};

export interface RowRouting {
  /** The Bot Framework connector: every channel without a delivery channel of its own. */
  chat: (row: OutboxRow) => Promise<SendOutcome>;
  /** Delivery channels by channelId (`sms`, `wechat`): those that are on. */
  channels: Record<string, DeliveryChannel>;
  /** The chat has had its time (its last attempt, or retried as long as a fallback waits): a chat failure now is for good. */
  chatHadItsTime: boolean;
}

/**
 * Sends a row by its channel. A chat row that carries an SMS falls back to it when the chat
 * delivery fails for good: at once when it cannot succeed (refused as permanent: the
 * conversation is gone, the channel answers 403 or 404, a WeChat follower unsubscribed or
 * outside the 48-hour window), or once the chat has had its time (bot/delivery/chatRetries.ts).
 * The person hears by text message instead of not at all.
 */
export async function deliverRow(row: OutboxRow, routing: RowRouting): Promise<SendOutcome> {
  const channelId = row.conversation.channelId ?? '';
  const sms = routing.channels[SMS_CHANNEL];
  const own = Object.hasOwn(routing.channels, channelId) ? routing.channels[channelId] : undefined;
  const off = !own && Object.hasOwn(OFF, channelId) ? OFF[channelId] : undefined;
  const outcome: SendOutcome = own ? await own.send(row) : off ? { ok: false, error: off, permanent: true } : await routing.chat(row);
  if (outcome.ok || channelId === SMS_CHANNEL || !row.sms || !sms || outcome.deferUntil) return outcome;
  if (!outcome.permanent && !routing.chatHadItsTime) return outcome;
  const fallback = await sms.send(row);
  return fallback.ok ? fallback : { ...fallback, error: `${outcome.error}; SMS: ${fallback.error}` };
}
