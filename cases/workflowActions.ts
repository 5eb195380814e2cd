import { shanghaiDate } from '../data/caseQuery.js';
import type { CaseRecord } from '../data/cases.js';
import { planAction, type ActionBody, type NotificationKey } from '../data/workflow.js';
import { Refused, type CaseChanges, type ChangeResult } from './caseChanges.js';
import type { CaseUseCaseDeps } from './deps.js';
import { monthDay } from './statusUpdates.js';

export type WorkflowDeps = Pick<CaseUseCaseDeps, 'region' | 'clock' | 'texts' | 'itemNames' | 'onSettled'> & { changes: CaseChanges };

/** The note kept in the audit trail: staff's note, and the reason for an override. */
function auditNote(body: ActionBody): { note?: string } {
  const note = [body.note, body.override && `提前办理，理由：${body.override}`].filter(Boolean).join('；');
  return note ? { note } : {};
}

/**
 * The staff workflow's actions (back office, daily jobs): each is checked against the workflow
 * table inside the case write, audited, and tells everyone following the case.
 */
export class WorkflowActions {
  constructor(private readonly deps: WorkflowDeps) {}

  async perform(caseNo: string, body: ActionBody, before?: (c: CaseRecord) => void): Promise<ChangeResult> {
    const result = await this.change(caseNo, body, before);
    if (result.ok && this.deps.onSettled) {
      const { record } = result;
      if (body.action === 'deliver') await this.deps.onSettled(record, 'delivered');
      else if (body.action === 'reject_item' && record.items.every((i) => i.status === 'rejected')) await this.deps.onSettled(record, 'rejected');
    }
    return result;
  }

  private change(caseNo: string, body: ActionBody, before?: (c: CaseRecord) => void): Promise<ChangeResult> {
    const today = shanghaiDate(this.deps.clock.now());
    return this.deps.changes.change(caseNo, {
      by: body.by,
      action: body.action,
      ...auditNote(body),
      apply: (c) => {
        // Checked inside the update: two staff acting at once cannot both pass the check.
        const plan = planAction(c, body, today, this.deps.region);
        if (!plan.ok) throw new Refused(plan.status, plan.error);
        before?.(c);
        plan.change(c);
        const sms = plan.message === 'returned' ? { template: 'returned' as const, params: [c.returned?.reason ?? body.note ?? ''] } : undefined;
        const family = this.familyMessage(plan.message, c, body);
        return { message: this.message(plan.message, c, body, today), to: 'everyone', ...(family && { family }), ...(sms && { sms }) };
      },
    });
  }

  /** The family's own words for news that asks the applicant to act: who acts, and how they can help. */
  private familyMessage(key: NotificationKey, record: CaseRecord, body: ActionBody): string | undefined {
    const n = this.deps.texts.notifyFamily;
    if (key === 'returned') return n.returned(record.returned?.reason ?? body.note ?? '');
    if (key === 'appraisal_scheduled' && !record.homeAppraisal) return n.appraisal_scheduled;
    return undefined;
  }

  private message(key: NotificationKey, record: CaseRecord, body: ActionBody, today: string): string {
    const n = this.deps.texts.notify;
    const item = () => this.deps.itemNames[body.item ?? ''] ?? body.item ?? '';
    switch (key) {
      case 'returned':
        return n.returned(record.returned?.reason ?? body.note ?? '');
      case 'appraisal_scheduled':
        return record.homeAppraisal ? n.appraisal_scheduled_home : n.appraisal_scheduled;
      case 'public_notice':
        return n.public_notice(monthDay(record.noticeEndsOn ?? today));
      case 'item_approved':
        return n.item_approved(item());
      case 'item_rejected':
        return n.item_rejected(item(), body.note ?? '');
      default:
        return n[key];
    }
  }
}
