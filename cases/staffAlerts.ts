import type { CaseRecord } from '../data/cases.js';
import type { Department } from '../data/bundle.js';
import type { NewOutboxRow } from '../data/outbox.js';
import { maskName } from '../data/personalData.js';
import type { CaseUseCaseDeps } from './deps.js';
import { smsRow } from './statusUpdates.js';

type Template = 'staff_new_case' | 'staff_deadline';

export type StaffAlertDeps = Pick<CaseUseCaseDeps, 'cases' | 'outbox' | 'region' | 'clock' | 'texts' | 'sms'>;

/**
 * SMS alerts to the departments' duty phones (the region file's `dutyPhones`): a new case to
 * pre-review, a case near its stage's time limit. Each is written once per case and event (the
 * dedupe key names them), however often the job or a repeated submission asks. None while SMS is off.
 */
export class StaffAlerts {
  constructor(private readonly deps: StaffAlertDeps) {}

  /**
   * A new case: one row for every department it was routed to. Worded inside the case's
   * creation (the store keeps them in the case, relayed like any status update), so a crash
   * right after the case is written cannot lose them.
   */
  newCaseRows(record: CaseRecord): NewOutboxRow[] {
    return this.rows(record, 'staff_new_case', 'new', [record.caseNo, maskName(record.applicant.name)], departmentsOf(record, () => true));
  }

  /** A case whose stage is near (or past) its limit: the departments still deciding (the federation for the certificate's own stages). */
  async nearDeadline(caseNo: string): Promise<number> {
    if (!this.deps.sms) return 0;
    const record = await this.deps.cases.get(caseNo);
    if (!record || record.status === 'closed') return 0;
    const undecided = departmentsOf(record, (status) => status === 'submitted' || status === 'queued');
    const stageName = this.deps.texts.stageNames[record.stage] ?? record.stage;
    return this.write(record, 'staff_deadline', record.stage, [record.caseNo, maskName(record.applicant.name), stageName], undecided.length ? undecided : ['残联']);
  }

  private async write(record: CaseRecord, template: Template, event: string, params: string[], departments: Department[]): Promise<number> {
    const rows = this.rows(record, template, event, params, departments);
    return rows.length ? (await this.deps.outbox.enqueue(rows, this.deps.clock.now())).length : 0;
  }

  private rows(record: CaseRecord, template: Template, event: string, params: string[], departments: Department[]): NewOutboxRow[] {
    if (!this.deps.sms) return [];
    const phones = this.deps.region.dutyPhones ?? {};
    return departments.flatMap((dept) => {
      const phone = phones[dept];
      if (!phone) return [];
      const fields = { dedupeKey: `${record.caseNo}:${template}:${event}:${dept}`, caseNo: record.caseNo, recipient: `staff:${dept}` };
      return [smsRow(fields, { phone, template, params }, this.deps.texts)];
    });
  }
}

function departmentsOf(record: CaseRecord, which: (status: CaseRecord['items'][number]['status']) => boolean): Department[] {
  return [...new Set(record.items.filter((i) => which(i.status)).map((i) => i.department))];
}
