import type { CaseRecord, CaseStore, NewCase } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import type { StaffAlerts } from './staffAlerts.js';

/**
 * Submitting an application: one draft, one case. The draft's submission id goes into the
 * store's atomic create, so a "确认提交" sent twice, or ten times at once, answers every time
 * with the same case.
 */
export class Submission {
  constructor(private readonly deps: { cases: CaseStore; clock: Clock; staffAlerts: StaffAlerts }) {}

  /**
   * The case, and the duty phones told of it. The alert is written after the case (its number
   * is the store's); a repeat of the submission writes it again, which its dedupe key makes a
   * no-op, so only a crash between the two writes can lose it (the deadline alert still comes).
   */
  async submit(input: NewCase & { submissionId: string }): Promise<CaseRecord> {
    const record = await this.deps.cases.create(input, this.deps.clock.now());
    await this.deps.staffAlerts.newCase(record);
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
