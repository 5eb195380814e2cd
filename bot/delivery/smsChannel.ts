import type { Clock } from '../../data/clock.js';
import type { OutboxRow, SmsTemplateKey } from '../../data/outbox.js';
import type { SmsRateLimits, SmsStore } from '../../data/sms.js';
import type { DeliveryChannel, SendOutcome } from './channels.js';
import type { SmsProvider } from './smsProvider.js';

/** A mainland mobile number as providers take it. */
export const e164 = (mobile: string) => `+86${mobile}`;

export interface SmsChannelOptions {
  provider: SmsProvider;
  store: SmsStore;
  /** The provider's approved template id for each template (SMS_TEMPLATES). */
  templateIds: Record<SmsTemplateKey, string>;
  limits: SmsRateLimits;
  clock: Clock;
}

/**
 * Sends a row's SMS: never to a phone that replied TD, within the per-phone limits (a send over
 * them is deferred to when a place frees, not dropped), through the provider; the provider's
 * answer becomes the outbox's retry or give-up, and its message id is kept for the receipt.
 */
export class SmsChannel implements DeliveryChannel {
  constructor(private readonly options: SmsChannelOptions) {}

  async send(row: OutboxRow): Promise<SendOutcome> {
    const sms = row.sms;
    if (!sms) return { ok: false, error: 'the row carries no SMS', permanent: true };
    const { store, provider, clock } = this.options;
    const phone = e164(sms.phone);
    if (await store.isOptedOut(phone)) return { ok: false, error: 'the phone replied TD (no SMS)', permanent: true };
    const rate = await store.takeSend(phone, clock.now(), this.options.limits);
    if (!rate.ok) return { ok: false, error: 'SMS rate limit for this phone', permanent: false, deferUntil: rate.retryAt };
    const result = await provider.send({ phone, templateId: this.options.templateIds[sms.template], params: sms.params, context: row.id });
    if (result.ok) {
      await store.recordSent({ serialNo: result.serialNo, phone, rowId: row.id }, clock.now());
      return { ok: true };
    }
    // The provider's own unsubscribe list: kept here too, so later sends stop before the provider.
    if (result.unsubscribed) await store.optOut(phone, clock.now());
    return { ok: false, error: `SMS ${result.code}: ${result.message}`, permanent: !result.retry };
  }
}
