import type { ConversationReference } from 'botbuilder';
import type { Part } from '../data/appraisal.js';
import type { CaseRecord } from '../data/cases.js';
import type { FamilyStore } from '../data/family.js';
import type { NewOutboxRow } from '../data/outbox.js';
import { maskName } from '../data/personalData.js';
import type { NotificationKey } from '../data/workflow.js';

/**
 * The wording of status updates: the catalogue's `statusTexts` (dialogs/text), passed in by the
 * wiring because cases/ sits below dialogs/.
 */
export interface StatusTexts {
  prefixApplicant(caseNo: string): string;
  prefixFamily(name: string, caseNo: string): string;
  parts: Record<Part, string>;
  /** The materials to hand in, by key, as the applicant reads them. */
  materialNames: Record<string, string>;
  notify: Record<Exclude<NotificationKey, 'returned' | 'public_notice' | 'item_approved' | 'item_rejected'>, string> & {
    returned(reason: string): string;
    public_notice(endsOn: string): string;
    item_approved(item: string): string;
    item_rejected(item: string, reason: string): string;
    booked(when: string, hospital: string): string;
    rescheduled(when: string, hospital: string): string;
    booking_cancelled: string;
    home_requested: string;
    reminder(when: string, hospital: string, address: string): string;
    material_rejected(material: string, reason: string): string;
    materials_accepted(materials: string, allDone: boolean): string;
    materials_missing(materials: string): string;
  };
}

/** Who hears about a change: everyone following the case, only the family (the applicant saw it in the chat), or only the applicant (someone looked at their case). */
export type Audience = 'everyone' | 'family' | 'applicant';

export interface Recipient {
  userKey: string;
  conversation: Partial<ConversationReference>;
  role: 'applicant' | 'subscriber';
}

/** "12月3日" for a yyyy-mm-dd date. */
export const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The applicant (when the case has a conversation) and every subscribed family member, minus those who opted out. */
export async function recipientsOf(family: FamilyStore, record: CaseRecord): Promise<Recipient[]> {
  const found: Recipient[] = [];
  const applicantKey = record.submittedBy.userKey;
  if (record.conversation && !(await family.isOptedOut(applicantKey))) found.push({ userKey: applicantKey, conversation: record.conversation, role: 'applicant' });
  for (const sub of await family.subscribersOf(record.caseNo)) {
    if (!(await family.isOptedOut(sub.userKey))) found.push({ userKey: sub.userKey, conversation: sub.conversation, role: 'subscriber' });
  }
  return found;
}

/**
 * One outbox row per recipient. The dedupe key names the case and the event (its place in the
 * audit trail, or a booking), so writing the same event twice never notifies twice.
 */
export function statusUpdateRows(record: CaseRecord, recipients: Recipient[], message: string, event: string, texts: StatusTexts): NewOutboxRow[] {
  return recipients.map((r) => ({
    dedupeKey: `${record.caseNo}:${event}:${r.userKey}`,
    caseNo: record.caseNo,
    conversation: r.conversation,
    recipient: r.role === 'applicant' ? 'applicant' : `subscriber:${r.userKey}`,
    text: (r.role === 'applicant' ? texts.prefixApplicant(record.caseNo) : texts.prefixFamily(maskName(record.applicant.name), record.caseNo)) + message,
  }));
}
