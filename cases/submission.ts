import type { CaseRecord, CaseStore, NewCase } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import type { NotificationRelay } from './notificationRelay.js';
import type { StaffAlerts } from './staffAlerts.js';
import { registeredBySms, type StatusTexts } from './statusUpdates.js';

/**
 * Submitting an application: one draft, one case. The draft's submission id goes into the
 * store's atomic create, so a "确认提交" sent twice, or ten times at once, answers every time
 * with the same case.
 */
export class Submission {
  constructor(private readonly deps: { cases: CaseStore; clock: Clock; staffAlerts: StaffAlerts; relay: NotificationRelay; texts: StatusTexts; sms?: boolean }) {}

  /**
   * The case, and the duty phones told of it (and a window applicant, by SMS, of its number).
   * The alerts are worded inside the case's creation
   * (kept in the case as pending notifications, in the same write) and relayed to the outbox
   * right after; a crash in between leaves them in the case for the relay at the next start,
   * so they are sent exactly once. A repeat of the submission writes nothing.
   */
  async submit(input: NewCase & { submissionId: string }): Promise<CaseRecord> {
    return (await this.file(input)).record;
  }

  /**
   * `submit`, saying whether this call made the case (`created`) or found the one an earlier or
   * concurrent call with the same submission id made. The store words the new case's messages
   * for the case it numbers in this call; the case returned is that one only if this call made it.
   */
  async file(input: NewCase & { submissionId: string }): Promise<{ record: CaseRecord; created: boolean }> {
    let numbered: string | undefined;
    const notify = (made: CaseRecord) => {
      numbered = made.caseNo;
      return [...this.deps.staffAlerts.newCaseRows(made), ...(this.deps.sms ? registeredBySms(made, this.deps.texts) : [])];
    };
    const record = await this.deps.cases.create(input, this.deps.clock.now(), notify);
    this.deps.relay.relayAfterWrite(record);
    return { record, created: numbered === record.caseNo };
  }

  /** The case a submission made, for a repeat that arrives after the draft is gone. */
  submitted(submissionId: string): Promise<CaseRecord | undefined> {
    return this.deps.cases.findBySubmission(submissionId);
  }

  /**
   * The user's case submitted in the last `withinMs`, for a repeat that arrives after the
   * conversation has left the application (its dialog ended by the first confirmation).
   */
  async recentOf(userKey: string, withinMs: number): Promise<CaseRecord | undefined> {
    const since = this.deps.clock.now().getTime() - withinMs;
    return (await this.deps.cases.openCasesOfUser(userKey)).find((c) => c.submissionId !== undefined && Date.parse(c.createdAt) >= since);
  }
}
