import { requireEvent, type CaseChanges, type ChangeResult } from './caseChanges.js';

/** Looks at a case that change nothing in it but must be on its record: who, when and why. */
export class AuditedAccess {
  constructor(private readonly changes: CaseChanges) {}

  /** A hotline agent saw the applicant's personal data in full; `reason` is stored as given (mask it first). */
  recordReveal(caseNo: string, agent: string, reason: string): Promise<ChangeResult> {
    return this.changes.change(caseNo, { by: `agent:${agent}`, action: 'agent-reveal', note: reason, apply: (c) => requireEvent(c, 'agent-reveal') });
  }

  /** A family member passed the check (case number + ID tail) and saw the case; `tellApplicant` is the notice, when one is due. */
  recordFamilyCheck(caseNo: string, requester: string, tellApplicant?: string): Promise<ChangeResult> {
    return this.changes.change(caseNo, {
      by: `chat:${requester}`,
      action: 'family-check',
      apply: (c) => (requireEvent(c, 'family-check'), tellApplicant ? { message: tellApplicant, to: 'applicant', sms: { template: 'family_checked' } } : undefined),
    });
  }

  /** Family checks on the case were locked after too many wrong answers; `tellApplicant` when the case itself is locked. */
  recordFamilyLock(caseNo: string, requester: string, tellApplicant?: string): Promise<ChangeResult> {
    return this.changes.change(caseNo, {
      by: `chat:${requester}`,
      action: 'family-check-locked',
      apply: (c) => (requireEvent(c, 'family-check-locked'), tellApplicant ? { message: tellApplicant, to: 'applicant', sms: { template: 'family_locked' } } : undefined),
    });
  }
}
