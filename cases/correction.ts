import type { CaseRecord } from '../data/cases.js';
import type { ChangeResult } from './caseChanges.js';
import type { WorkflowActions } from './workflowActions.js';

/** Answers to the fields a return flagged, by the application form's slot keys. */
export type Corrections = Partial<Record<'name' | 'idNumber' | 'phone' | 'hukou' | 'address' | 'category' | 'birthDate' | 'guardianName' | 'guardianId' | 'guardianRelation' | 'channel' | 'delivery', string>>;

/** Puts each corrected answer where the form put it on the case. */
function applyCorrections(c: CaseRecord, v: Corrections): void {
  for (const key of ['name', 'idNumber', 'phone', 'hukou', 'address', 'category'] as const) if (v[key] !== undefined) (c.applicant as unknown as Record<string, string>)[key] = v[key];
  if (v.birthDate) c.applicant.birthDate = v.birthDate;
  if (v.guardianName || v.guardianId || v.guardianRelation) {
    c.guardian = { name: v.guardianName ?? c.guardian?.name ?? '', idNumber: v.guardianId ?? c.guardian?.idNumber ?? '', relation: v.guardianRelation ?? c.guardian?.relation ?? '' };
  }
  if (v.channel) c.channel = v.channel as CaseRecord['channel'];
  if (v.delivery) c.delivery = v.delivery as NonNullable<CaseRecord['delivery']>;
  // Picked up after all: a mailing address left from an earlier change to mailing goes with it.
  if (c.delivery === 'pickup') delete c.mailTo;
}

/**
 * A returned case corrected and sent back to pre-review in one write: the corrected fields and
 * the resubmission cannot be separated by a crash, and the audit entry names what was changed
 * and which flagged fields the applicant confirmed as they were (`kept`). `textOnly`, the words
 * for staff when the applicant said they can be reached only by SMS or in writing: kept on the case too.
 */
export function correctAndResubmit(workflow: WorkflowActions, caseNo: string, values: Corrections, by: string, kept: string[] = [], textOnly?: string): Promise<ChangeResult> {
  const fields = Object.keys(values);
  const note = [fields.length && `更正：${fields.join(',')}`, kept.length && `申请人确认无误：${kept.join(',')}`, textOnly].filter(Boolean).join('；');
  return workflow.perform(caseNo, { action: 'resubmit', by, ...(note ? { note } : {}) }, (c) => {
    applyCorrections(c, values);
    if (textOnly) c.contact = 'text-only';
  });
}
