import type { Clock } from '../../../data/clock.js';
import type { CaseNotice, OutboxRow } from '../../../data/outbox.js';
import { maskText } from '../../../data/personalData.js';
import type { WechatStore } from '../../../data/wechat.js';
import type { DeliveryChannel, SendOutcome } from '../../delivery/channels.js';
import { PERMANENT_ERRORS, WechatApiError, type WechatApi } from './api.js';
import { wechatTexts } from './render.js';

/** The customer-service API may write to a follower this long after their last message. */
export const SERVICE_WINDOW_MS = 48 * 3600_000;

/** WECHAT_TEMPLATE_ID and which template field holds each value (WECHAT_TEMPLATE_FIELDS). */
export interface WechatTemplate {
  id: string;
  fields: { caseNo: string; name: string; status: string };
}

export interface WechatDeliveryDeps {
  api: WechatApi;
  store: WechatStore;
  clock: Clock;
  /** Unset: status updates go through the customer-service API like any other message. */
  template?: WechatTemplate;
}

/**
 * A case's status update (not an agent's reply, a rating question or an appraisal reminder), as
 * the case use cases mark it: it may reach the follower any time through a template message.
 */
const statusUpdate = (row: OutboxRow): (CaseNotice & { caseNo: string }) | undefined =>
  row.notice?.kind === 'status' && row.caseNo ? { ...row.notice, caseNo: row.caseNo } : undefined;

const failed = (error: string, permanent: boolean): SendOutcome => ({ ok: false, error, permanent });

/**
 * The delivery channel of outbox rows whose conversation is a WeChat follower. Nothing goes
 * to a follower who unsubscribed; a status update goes as a template message (masked name and
 * case number only); anything else through the customer-service API, only within 48 hours of
 * the follower's last message. Those two refusals, and the platform's own (not following,
 * window closed), are permanent, so the notifier's fallback can take over.
 */
export class WechatDelivery implements DeliveryChannel {
  constructor(private readonly deps: WechatDeliveryDeps) {}

  async send(row: OutboxRow): Promise<SendOutcome> {
    const openId = row.conversation.user?.id ?? row.conversation.conversation?.id;
    if (!openId) return failed('conversation reference names no WeChat follower', true);
    const follower = await this.deps.store.follower(openId);
    if (follower && !follower.subscribed) return failed('the follower has unsubscribed', true);
    try {
      const template = this.deps.template;
      const update = statusUpdate(row);
      if (template && update) {
        await this.deps.api.sendTemplate(openId, template.id, {
          [template.fields.caseNo]: update.caseNo,
          [template.fields.name]: update.applicant,
          // The update's words, any ID or phone number in them masked.
          [template.fields.status]: maskText(row.text),
        });
        return { ok: true };
      }
      const last = follower?.lastMessageAt ? Date.parse(follower.lastMessageAt) : NaN;
      if (!(this.deps.clock.now().getTime() - last <= SERVICE_WINDOW_MS)) return failed('outside the 48-hour window of the follower\'s last message', true);
      const texts = wechatTexts([{ type: 'message', text: row.text, suggestedActions: row.buttons?.length ? { to: [], actions: row.buttons.map((b) => ({ type: 'imBack', title: b, value: b })) } : undefined }]);
      for (const text of texts) await this.deps.api.sendText(openId, text);
      return { ok: true };
    } catch (err) {
      if (err instanceof WechatApiError) return failed(err.message, PERMANENT_ERRORS.has(err.code));
      return failed(err instanceof Error ? err.message : String(err), false);
    }
  }
}
