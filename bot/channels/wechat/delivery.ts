import type { Clock } from '../../../data/clock.js';
import type { CaseStore } from '../../../data/cases.js';
import type { OutboxRow } from '../../../data/outbox.js';
import { maskName, maskText } from '../../../data/personalData.js';
import type { WechatStore } from '../../../data/wechat.js';
import type { SendOutcome } from '../../notifier.js';
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
  cases: CaseStore;
  clock: Clock;
  /** Unset: status updates go through the customer-service API like any other message. */
  template?: WechatTemplate;
}

/**
 * A case's status update (not an agent's reply, a rating question or an appraisal reminder): it
 * may reach the follower any time through a template message.
 */
const isStatusUpdate = (row: OutboxRow) => Boolean(row.caseNo) && !row.live && !row.from && !row.buttons?.length && !row.dedupeKey.includes(':reminder-');

const failed = (error: string, permanent: boolean): SendOutcome => ({ ok: false, error, permanent });

/**
 * Delivers an outbox row whose conversation is a WeChat follower, for the notifier. Nothing goes
 * to a follower who unsubscribed; a status update goes as a template message (masked name and
 * case number only); anything else through the customer-service API, only within 48 hours of
 * the follower's last message. Those two refusals, and the platform's own (not following,
 * window closed), are permanent, so the notifier's fallback can take over.
 */
export class WechatDelivery {
  constructor(private readonly deps: WechatDeliveryDeps) {}

  async send(row: OutboxRow): Promise<SendOutcome> {
    const openId = row.conversation.user?.id ?? row.conversation.conversation?.id;
    if (!openId) return failed('conversation reference names no WeChat follower', true);
    const follower = await this.deps.store.follower(openId);
    if (follower && !follower.subscribed) return failed('the follower has unsubscribed', true);
    try {
      const template = this.deps.template;
      if (template && isStatusUpdate(row)) {
        await this.deps.api.sendTemplate(openId, template.id, await this.templateData(row, template));
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

  /** The case number, the applicant's masked name and the update with any ID or phone number masked. */
  private async templateData(row: OutboxRow, template: WechatTemplate): Promise<Record<string, string>> {
    const record = await this.deps.cases.get(row.caseNo!);
    return {
      [template.fields.caseNo]: row.caseNo!,
      [template.fields.name]: record ? maskName(record.applicant.name) : '',
      [template.fields.status]: maskText(row.text),
    };
  }
}
