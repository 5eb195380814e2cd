import type { CaseRecord, CaseStore } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import { shanghaiDate } from '../data/caseQuery.js';
import type { FamilyStore } from '../data/family.js';
import type { NewOutboxRow, OutboxStore } from '../data/outbox.js';
import { maskName } from '../data/personalData.js';
import type { Region } from '../data/region.js';
import { planAction, type ActionBody, type NotificationKey } from '../data/workflow.js';
import { text } from '../dialogs/text/index.js';

const s = text.status;

class ActionRefused extends Error {
  constructor(readonly status: 400 | 409, message: string) {
    super(message);
  }
}

export type PerformResult = { ok: true; record: CaseRecord } | { ok: false; status: 400 | 404 | 409; error: string };

/** The note kept in the audit trail: staff's note, and the reason for an override. */
function auditNote(body: ActionBody): { note?: string } {
  const note = [body.note, body.override && `提前办理，理由：${body.override}`].filter(Boolean).join('；');
  return note ? { note } : {};
}

/** "12月3日" for a yyyy-mm-dd date. */
export const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * Performs case actions (back office, daily jobs, the applicant's resubmission): checks the
 * action against the case inside the store's atomic update, records it in the audit trail, and
 * writes one outbox row per recipient (the applicant and every subscribed family member).
 */
export class CaseWorkflow {
  constructor(
    private readonly deps: { cases: CaseStore; outbox: OutboxStore; family: FamilyStore; region: Region; clock: Clock },
  ) {}

  async perform(caseNo: string, body: ActionBody): Promise<PerformResult> {
    const now = this.deps.clock.now();
    let message: NotificationKey | undefined;
    try {
      const record = await this.deps.cases.update(
        caseNo,
        (c) => {
          // Checked inside the update: two staff acting at once cannot both pass the check.
          const plan = planAction(c, body, shanghaiDate(now), this.deps.region);
          if (!plan.ok) throw new ActionRefused(plan.status, plan.error);
          plan.change(c);
          message = plan.message;
        },
        { by: body.by, action: body.action, ...auditNote(body) },
        now,
      );
      if (!record) return { ok: false, status: 404, error: `没有案件 ${caseNo}` };
      await this.notify(record, this.notification(message!, record, body));
      return { ok: true, record };
    } catch (err) {
      if (err instanceof ActionRefused) return { ok: false, status: err.status, error: err.message };
      throw err;
    }
  }

  /**
   * Writes the message for everyone following the case. The dedupe key names the event (its
   * place in the audit trail), so a retried job never notifies twice.
   */
  async notify(record: CaseRecord, message: string, event = `audit-${record.audit.length}`): Promise<void> {
    const rows: NewOutboxRow[] = [];
    const applicantKey = record.submittedBy.userKey;
    if (record.conversation && !(await this.deps.family.isOptedOut(applicantKey))) {
      rows.push({
        dedupeKey: `${record.caseNo}:${event}:${applicantKey}`,
        caseNo: record.caseNo,
        conversation: record.conversation,
        recipient: 'applicant',
        text: s.prefixApplicant(record.caseNo) + message,
      });
    }
    for (const sub of await this.deps.family.subscribersOf(record.caseNo)) {
      if (await this.deps.family.isOptedOut(sub.userKey)) continue;
      rows.push({
        dedupeKey: `${record.caseNo}:${event}:${sub.userKey}`,
        caseNo: record.caseNo,
        conversation: sub.conversation,
        recipient: `subscriber:${sub.userKey}`,
        text: s.prefixFamily(maskName(record.applicant.name), record.caseNo) + message,
      });
    }
    if (rows.length) await this.deps.outbox.enqueue(rows, this.deps.clock.now());
  }

  private notification(key: NotificationKey, record: CaseRecord, body: ActionBody): string {
    const item = () => text.application.itemNames[body.item ?? ''] ?? body.item ?? '';
    switch (key) {
      case 'returned':
        return s.notify.returned(record.returned?.reason ?? body.note ?? '');
      case 'public_notice':
        return s.notify.public_notice(monthDay(record.noticeEndsOn ?? shanghaiDate(this.deps.clock.now())));
      case 'item_approved':
        return s.notify.item_approved(item());
      case 'item_rejected':
        return s.notify.item_rejected(item(), body.note ?? '');
      default:
        return s.notify[key];
    }
  }
}
