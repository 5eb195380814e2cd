import type { ConversationReference } from 'botbuilder';
import type { Part } from './appraisal.js';
import type { Department, Grade, ItemId } from './bundle.js';
import type { DisabilityCategory } from './region.js';

/** Where one bundled item stands with its department. */
export type ItemStatus = 'submitted' | 'queued' | 'approved' | 'rejected';

export interface CaseItem {
  id: ItemId;
  department: Department;
  status: ItemStatus;
  /** Why an item was queued or rejected, in words the applicant can act on. */
  reason?: string;
}

export type CaseStatus = 'submitted' | 'closed';

export interface Applicant {
  name: string;
  idNumber: string;
  birthDate: string;
  phone: string;
  hukou: string;
  address?: string;
  category?: DisabilityCategory;
  grade?: Grade;
}

export interface Guardian {
  name: string;
  idNumber: string;
  relation: string;
}

export interface Appointment {
  bookingId: string;
  slotId: string;
  hospitalId: string;
  date: string;
  part: Part;
  /** yyyy-mm-dd, the day before the appraisal. */
  remindOn: string;
}

export interface AuditEntry {
  at: string;
  by: string;
  action: string;
  from?: string;
  to?: string;
  note?: string;
}

export interface CaseRecord {
  caseNo: string;
  createdAt: string;
  updatedAt: string;
  status: CaseStatus;
  applicant: Applicant;
  /** Who filled the form: the applicant, or a family member / guardian for them. */
  submittedBy: { role: 'self' | 'proxy'; relation?: string; userKey: string };
  guardian?: Guardian;
  items: CaseItem[];
  facts: { dibao?: boolean; student?: string; wheelchair?: boolean };
  materials: { verified: string[]; toSubmit: string[] };
  channel: 'online' | 'window';
  delivery?: 'mail' | 'pickup';
  /** The booked appraisal session; the reminder goes out on `remindOn`. */
  appointment?: Appointment;
  /** Asked for a home appraisal (上门鉴定): the hospital arranges it by phone. */
  homeAppraisal?: { requestedAt: string; reason: string };
  /** Where to send status updates to the applicant (proactive messages). */
  conversation?: Partial<ConversationReference>;
  audit: AuditEntry[];
}

/** A case as submitted: the store assigns its number and times. */
export type NewCase = Omit<CaseRecord, 'caseNo' | 'createdAt' | 'updatedAt' | 'status' | 'audit'> & { by: string };

export interface CaseFilter {
  status?: CaseStatus;
  department?: Department;
  /** Created at or after (ISO date or time). */
  from?: string;
  /** Created before the end of this day (ISO date) or time. */
  to?: string;
  limit?: number;
}

/** The case's overall status follows from its items: open while any item is still undecided. */
export function deriveCaseStatus(items: CaseItem[]): CaseStatus {
  return items.some((i) => i.status === 'submitted' || i.status === 'queued') ? 'submitted' : 'closed';
}

export interface CaseStore {
  /** Stores a new case atomically and durably; resolves once it is on disk. */
  create(input: NewCase, at: Date): Promise<CaseRecord>;
  get(caseNo: string): Promise<CaseRecord | undefined>;
  /** Open cases of one person (by resident ID number), newest first. */
  openCasesOf(idNumber: string): Promise<CaseRecord[]>;
  /** Open cases filed from one chat user (`submittedBy.userKey`), newest first. */
  openCasesOfUser(userKey: string): Promise<CaseRecord[]>;
  /**
   * Changes one case atomically: `change` edits a copy, the status is derived again from the
   * items, and the audit trail gets `entry` with the time and the status before and after.
   * Resolves to the updated case once it is on disk; undefined when there is no such case.
   */
  update(caseNo: string, change: (record: CaseRecord) => void, entry: { by: string; action: string; note?: string }, at: Date): Promise<CaseRecord | undefined>;
  /** Newest first. */
  list(filter: CaseFilter): Promise<CaseRecord[]>;
  count(): Promise<number>;
}
