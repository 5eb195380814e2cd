/** One SMS by an approved template: what any provider takes. */
export interface SmsRequest {
  /** E.164: +8613812345678. */
  phone: string;
  templateId: string;
  /** The template's parameters, in order ({1}, {2}, ...). */
  params: string[];
  /** Comes back in the provider's answer and receipts: the outbox row's id. */
  context?: string;
}

/**
 * The provider's answer: accepted (its id for the message, for the receipt), or refused with
 * its code, and whether trying again later can help (throttling, the provider's own trouble)
 * or not (a number that cannot receive, a template not approved, a phone that unsubscribed).
 */
export type SmsResult = { ok: true; serialNo: string } | { ok: false; code: string; message: string; retry: boolean; unsubscribed?: boolean };

export interface SmsProvider {
  send(request: SmsRequest): Promise<SmsResult>;
}
