import type { CaseRecord } from '../data/cases.js';
import type { Department } from '../data/bundle.js';
import type { NewOutboxRow } from '../data/outbox.js';
import { maskName } from '../data/personalData.js';
import type { CaseUseCaseDeps } from './deps.js';
import { smsRow } from './statusUpdates.js';

export type StaffAlertDeps = Pick<CaseUseCaseDeps, 'cases' | 'outbox' | 'region' | 'clock' | 'texts' | 'sms'>;

/**
 * SMS alerts to the departments' duty phones (the region file's `dutyPhones`): a new case to
 * pre-review, a case near its stage's time limit. Each is written once per case and event (the
 * dedupe key names them), however often the job or a repeated submission asks. None while SMS is off.
 */
export class StaffAlerts {
  constructor(private readonly deps: StaffAlertDeps) {}

  /** A new case: every department it was routed to. */
  async newCase(record: CaseRecord): Promise<number> {
    return this.write(record, 'staff_new_case', 'new', [record.caseNo, maskName(record.applicant.name)], departmentsOf(record, () => true));
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

  private async write(record: CaseRecord, template: 'staff_new_case' | 'staff_deadline', event: string, params: string[], departments: Department[]): Promise<number> {
    if (!this.deps.sms) return 0;
    const phones = this.deps.region.dutyPhones ?? {};
    const rows: NewOutboxRow[] = departments.flatMap((dept) => {
      const phone = phones[dept];
      if (!phone) return [];
      const fields = { dedupeKey: `${record.caseNo}:${template}:${event}:${dept}`, caseNo: record.caseNo, recipient: `staff:${dept}` };
      return [smsRow(fields, { phone, template, params }, this.deps.texts)];
    });
    return rows.length ? (await this.deps.outbox.enqueue(rows, this.deps.clock.now())).length : 0;
  }
}

function departmentsOf(record: CaseRecord, which: (status: CaseRecord['items'][number]['status']) => boolean): Department[] {
  return [...new Set(record.items.filter((i) => which(i.status)).map((i) => i.department))];
}
