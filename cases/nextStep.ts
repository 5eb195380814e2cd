import type { CaseRecord, CaseStatus } from '../data/cases.js';

/**
 * What comes next for a case. At the appraisal stage it depends on what the applicant arranged:
 * nothing yet (book a time), a session booked, or a home appraisal requested (the hospital
 * phones). The chat, the agent console and the status updates word this one answer for their
 * readers, so they never tell different next steps.
 */
export type NextStep = Exclude<CaseStatus, 'appraisal_scheduled'> | 'appraisal_book' | 'appraisal_booked' | 'appraisal_home';

export function nextStep(c: Pick<CaseRecord, 'status' | 'homeAppraisal' | 'appointment'>): NextStep {
  if (c.status !== 'appraisal_scheduled') return c.status;
  if (c.appointment) return 'appraisal_booked';
  return c.homeAppraisal ? 'appraisal_home' : 'appraisal_book';
}
