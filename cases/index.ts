import { Appointments } from './appointments.js';
import { AuditedAccess } from './auditedAccess.js';
import { CaseChanges } from './caseChanges.js';
import { Delivery } from './delivery.js';
import type { CaseUseCaseDeps } from './deps.js';
import { correctAndResubmit, type Corrections } from './correction.js';
import { Contact } from './contact.js';
import { Materials } from './materials.js';
import { NotificationRelay } from './notificationRelay.js';
import { StaffAlerts } from './staffAlerts.js';
import { Submission } from './submission.js';
import { WorkflowActions } from './workflowActions.js';

export type { Corrections } from './correction.js';

/**
 * Every change of a case, in one place: dialogs, routes and daily jobs call these and nothing
 * else writes a case. Each use case checks the workflow, audits who/when/why, and writes its
 * status updates in the same case write (relayed to the outbox right after).
 */
export class CaseUseCases {
  readonly relay: NotificationRelay;
  readonly workflow: WorkflowActions;
  readonly appointments: Appointments;
  readonly submission: Submission;
  readonly access: AuditedAccess;
  readonly materials: Materials;
  readonly staffAlerts: StaffAlerts;
  readonly delivery: Delivery;
  readonly contact: Contact;

  constructor(deps: CaseUseCaseDeps) {
    this.relay = new NotificationRelay(deps);
    const changes = new CaseChanges({ ...deps, relay: this.relay });
    this.workflow = new WorkflowActions({ ...deps, changes });
    this.appointments = new Appointments({ ...deps, changes });
    this.staffAlerts = new StaffAlerts(deps);
    this.submission = new Submission({ ...deps, staffAlerts: this.staffAlerts, relay: this.relay });
    this.access = new AuditedAccess(changes);
    this.materials = new Materials({ ...deps, changes });
    this.delivery = new Delivery({ ...deps, changes });
    this.contact = new Contact({ changes });
  }

  correctAndResubmit(caseNo: string, values: Corrections, by: string, kept: string[] = [], textOnly?: string) {
    return correctAndResubmit(this.workflow, caseNo, values, by, kept, textOnly);
  }
}
