import type { CaseRecord } from '../data/cases.js';
import { allowsEvent, type CaseEvent } from '../data/workflow.js';
import type { CaseUseCaseDeps } from './deps.js';
import type { NotificationRelay } from './notificationRelay.js';
import { recipientsOf, statusUpdateRows, type Audience, type SmsNotice } from './statusUpdates.js';

/** A change the case does not allow now (400: something it needs is missing; 409: not at this stage). */
export class Refused extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses a change the workflow table does not allow at the case's stage. */
export function requireEvent(c: CaseRecord, event: CaseEvent): void {
  if (!allowsEvent(c, event)) throw new Refused(409, `现在（${c.stage}）不能 ${event}`);
}

export type ChangeResult = { ok: true; record: CaseRecord } | { ok: false; status: 400 | 404 | 409; error: string };

/** What a use case does to a case: who, what, why, and the edit itself. */
export interface CaseChange {
  by: string;
  action: string;
  note?: string;
  /**
   * Checks the case as it is now and edits it (throws `Refused` when not allowed); returns the
   * status update to send, worded from the edited case (and its SMS, when the stage alone
   * does not say the news), or nothing. `family`: the family's copy, where the applicant's tells
   * them to do what only the applicant's account can.
   */
  apply(c: CaseRecord): { message: string; family?: string; to: Audience; sms?: SmsNotice } | void;
}

export type CaseChangeDeps = Pick<CaseUseCaseDeps, 'cases' | 'family' | 'clock' | 'texts' | 'sms'> & { relay: NotificationRelay };

/**
 * The one write path for a case change: the check, the edit, the audit entry and the status
 * updates go into one atomic `CaseStore.update`, then the relay moves the updates to the outbox.
 */
export class CaseChanges {
  constructor(private readonly deps: CaseChangeDeps) {}

  async change(caseNo: string, change: CaseChange): Promise<ChangeResult> {
    const before = await this.deps.cases.get(caseNo);
    if (!before) return { ok: false, status: 404, error: `没有案件 ${caseNo}` };
    // Read before the write: the edit itself runs synchronously inside the store's update.
    const recipients = await recipientsOf(this.deps.family, before, this.deps.sms);
    const now = this.deps.clock.now();
    try {
      const record = await this.deps.cases.update(
        caseNo,
        (c) => {
          const update = change.apply(c);
          if (!update) return;
          const to = recipients.filter((r) => update.to === 'everyone' || r.role === (update.to === 'applicant' ? 'applicant' : 'subscriber'));
          // The audit entry this update appends is the event the rows are keyed on.
          const rows = statusUpdateRows(c, to, update, { key: `audit-${c.audit.length + 1}`, kind: 'status' }, this.deps.texts);
          if (rows.length) c.pendingNotifications = [...(c.pendingNotifications ?? []), ...rows];
        },
        { by: change.by, action: change.action, ...(change.note ? { note: change.note } : {}) },
        now,
      );
      if (!record) return { ok: false, status: 404, error: `没有案件 ${caseNo}` };
      this.deps.relay.relayAfterWrite(record);
      return { ok: true, record };
    } catch (err) {
      if (err instanceof Refused) return { ok: false, status: err.status, error: err.message };
      throw err;
    }
  }
}
