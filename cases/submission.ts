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
    const notify = (made: CaseRecord) => [...this.deps.staffAlerts.newCaseRows(made), ...(this.deps.sms ? registeredBySms(made, this.deps.texts) : [])];
    const record = await this.deps.cases.create(input, this.deps.clock.now(), notify);
    await this.deps.relay.relayAfterWrite(record);
    return record;
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
