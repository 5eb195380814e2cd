import type { ConversationReference } from 'botbuilder';
import type { Part } from '../data/appraisal.js';
import type { CaseRecord } from '../data/cases.js';
import type { FamilyStore } from '../data/family.js';
import type { CaseNotice, NewOutboxRow, RowSms, SmsTemplateKey } from '../data/outbox.js';
import { isMobile } from '../data/idNumber.js';
import { maskName } from '../data/personalData.js';
import type { NotificationKey } from '../data/workflow.js';

/**
 * The wording of status updates: the catalogue's `statusTexts` (dialogs/text), passed in by the
 * wiring because cases/ sits below dialogs/.
 */
export interface StatusTexts {
  prefixApplicant(caseNo: string): string;
  prefixFamily(name: string, caseNo: string): string;
  /** SMS templates with {1}, {2}, ... for their parameters. */
  sms: Record<SmsTemplateKey, string>;
  /** Stages (and `closed`) in words: an SMS names where the case is now. */
  stageNames: Record<string, string>;
  parts: Record<Part, string>;
  /** The materials to hand in, by key, as the applicant reads them. */
  materialNames: Record<string, string>;
  /** Where a certificate changed to mailing goes, as its audit note says it (never the address itself). */
  mailTo: { applicant: string; other: string };
  notify: Record<Exclude<NotificationKey, 'returned' | 'public_notice' | 'item_approved' | 'item_rejected'>, string> & {
    returned(reason: string): string;
    public_notice(endsOn: string): string;
    item_approved(item: string): string;
    item_rejected(item: string, reason: string): string;
    booked(when: string, hospital: string): string;
    rescheduled(when: string, hospital: string): string;
    booking_cancelled: string;
    home_requested: string;
    home_cancelled: string;
    mail_chosen: string;
    /** `appraisal_scheduled` for a case whose applicant asked for the appraisal at home. */
    appraisal_scheduled_home: string;
    reminder(when: string, hospital: string, address: string): string;
    material_rejected(material: string, reason: string): string;
    materials_accepted(materials: string, allDone: boolean): string;
    materials_missing(materials: string): string;
  };
  /** The family's copy of an update that asks what only the applicant's account can do (book, correct). */
  notifyFamily: {
    returned(reason: string): string;
    appraisal_scheduled: string;
  };
}

/** Who hears about a change: everyone following the case, only the family (the applicant saw it in the chat), or only the applicant (someone looked at their case). */
export type Audience = 'everyone' | 'family' | 'applicant';

/**
 * The applicant's SMS for news that needs more than where the case stands: its template and
 * the parameters after the masked name and the case number. Without one, the SMS is `status`.
 */
export interface SmsNotice {
  template: Exclude<SmsTemplateKey, 'status' | 'staff_new_case' | 'staff_deadline'>;
  params?: string[];
}

/** The longest a parameter written by staff (a return's reason) may run in an SMS. */
const SMS_PARAM_MAX = 30;
const clip = (text: string) => (text.length > SMS_PARAM_MAX ? `${text.slice(0, SMS_PARAM_MAX - 1)}…` : text);

export interface Recipient {
  userKey: string;
  /** The chat to write to; none for an applicant reached by SMS only (a case entered at a window). */
  conversation?: Partial<ConversationReference>;
  role: 'applicant' | 'subscriber';
  /**
   * The applicant's mobile: `send` by SMS (preferred, as well as or instead of the chat, or no
   * chat at all); `fallback` when the chat delivery fails for good.
   */
  sms?: { phone: string; use: 'send' | 'fallback' };
}

/** How the applicant is reached: by their choice, by SMS when there is no chat, never by SMS without a mobile. */
function applicantChannels(record: CaseRecord): Pick<Recipient, 'conversation' | 'sms'> | undefined {
  const mobile = isMobile(record.applicant.phone) ? record.applicant.phone : undefined;
  const chat = record.conversation;
  if (!mobile) return chat && { conversation: chat };
  if (!chat) return { sms: { phone: mobile, use: 'send' } };
  switch (record.notifyBy ?? 'chat') {
    case 'sms':
      return { sms: { phone: mobile, use: 'send' } };
    case 'both':
      return { conversation: chat, sms: { phone: mobile, use: 'send' } };
    default:
      return { conversation: chat, sms: { phone: mobile, use: 'fallback' } };
  }
}

/** "12月3日" for a yyyy-mm-dd date. */
export const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * The applicant (by chat, and with `sms` on by SMS as they chose) and every subscribed family
 * member (by their chat), minus those who opted out.
 */
export async function recipientsOf(family: FamilyStore, record: CaseRecord, sms = false): Promise<Recipient[]> {
  const found: Recipient[] = [];
  const applicantKey = record.submittedBy.userKey;
  const channels = sms ? applicantChannels(record) : record.conversation && { conversation: record.conversation };
  if (channels && !(await family.isOptedOut(applicantKey))) found.push({ userKey: applicantKey, role: 'applicant', ...channels });
  for (const sub of await family.subscribersOf(record.caseNo)) {
    if (!(await family.isOptedOut(sub.userKey))) found.push({ userKey: sub.userKey, conversation: sub.conversation, role: 'subscriber' });
  }
  return found;
}

/**
 * The SMS that gives a window applicant their case number when staff register the case: they
 * have no chat to read it in, and every later SMS names the case by it. None for a chat applicant
 * (the chat showed the number) or without a mobile.
 */
export function registeredBySms(record: CaseRecord, texts: StatusTexts): NewOutboxRow[] {
  const sms = record.conversation ? undefined : applicantChannels(record)?.sms;
  if (!sms) return [];
  const params = [maskName(record.applicant.name), record.caseNo, texts.stageNames[record.stage] ?? ''];
  return [smsRow({ dedupeKey: `${record.caseNo}:registered:applicant:sms`, caseNo: record.caseNo, recipient: 'applicant' }, { phone: sms.phone, template: 'status', params }, texts)];
}

/** A template with its parameters filled in: the SMS as the phone shows it (after the provider's 【signature】). */
export const smsText = (template: string, params: string[]) => template.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1] ?? '');

/** An outbox row that is an SMS only, by template: its text is the template filled in. */
export function smsRow(fields: Pick<NewOutboxRow, 'dedupeKey' | 'caseNo' | 'recipient'>, sms: RowSms, texts: Pick<StatusTexts, 'sms'>): NewOutboxRow {
  return { ...fields, conversation: { channelId: 'sms' }, text: smsText(texts.sms[sms.template], sms.params), sms };
}

/**
 * One outbox row per recipient and channel. The dedupe key names the case and the event (its
 * place in the audit trail, or a booking), so writing the same event twice never notifies
 * twice. An SMS names the masked name and the case number, then the news by its own template
 * (a return's reason, the appraisal's time and place, someone looking at the case), or else
 * where the case stands; the chat says what happened in full. A chat row says which `kind` of
 * notice it is, for a channel that words one its own way.
 */
export function statusUpdateRows(
  record: CaseRecord,
  recipients: Recipient[],
  update: { message: string; family?: string; sms?: SmsNotice },
  event: { key: string; kind: CaseNotice['kind'] },
  texts: StatusTexts,
): NewOutboxRow[] {
  const { message } = update;
  const notice: CaseNotice = { kind: event.kind, applicant: maskName(record.applicant.name) };
  const smsOf = (phone: string): RowSms => {
    const who = [notice.applicant, record.caseNo];
    return update.sms
      ? { phone, template: update.sms.template, params: [...who, ...(update.sms.params ?? []).map(clip)] }
      : { phone, template: 'status', params: [...who, texts.stageNames[record.stage] ?? ''] };
  };
  return recipients.flatMap((r) => {
    const key = `${record.caseNo}:${event.key}:${r.userKey}`;
    const recipient = r.role === 'applicant' ? 'applicant' : `subscriber:${r.userKey}`;
    const sms: RowSms | undefined = r.sms && smsOf(r.sms.phone);
    const rows: NewOutboxRow[] = [];
    if (r.conversation) {
      rows.push({
        dedupeKey: key,
        caseNo: record.caseNo,
        conversation: r.conversation,
        recipient,
        text: r.role === 'applicant' ? texts.prefixApplicant(record.caseNo) + message : texts.prefixFamily(notice.applicant, record.caseNo) + (update.family ?? message),
        notice,
        ...(sms && r.sms?.use === 'fallback' ? { sms } : {}),
      });
    }
    if (sms && r.sms?.use === 'send') rows.push(smsRow({ dedupeKey: `${key}:sms`, caseNo: record.caseNo, recipient }, sms, texts));
    return rows;
  });
}
