import { requireEvent, type CaseChanges, type ChangeResult } from './caseChanges.js';

/** Looks at a case that change nothing in it but must be on its record: who, when and why. */
export class AuditedAccess {
  constructor(private readonly changes: CaseChanges) {}

  /** A hotline agent saw the applicant's personal data in full; `reason` is stored as given (mask it first). */
  recordReveal(caseNo: string, agent: string, reason: string): Promise<ChangeResult> {
    return this.changes.change(caseNo, { by: `agent:${agent}`, action: 'agent-reveal', note: reason, apply: (c) => requireEvent(c, 'agent-reveal') });
  }

  /** Family checks on the case were locked after too many wrong answers. */
  recordFamilyLock(caseNo: string, requester: string): Promise<ChangeResult> {
    return this.changes.change(caseNo, { by: `chat:${requester}`, action: 'family-check-locked', apply: (c) => requireEvent(c, 'family-check-locked') });
  }
}
