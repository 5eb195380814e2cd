import type { ConversationReference } from 'botbuilder';
import type { Part } from './appraisal.js';
import type { Department, Grade, ItemId } from './bundle.js';
import type { NewOutboxRow } from './outbox.js';
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

/**
 * Where the case stands (DESIGN.md): submitted -> pre_review -> (returned | appraisal_scheduled
 * -> appraised -> public_notice -> approved -> delivered). A case with no certificate item goes
 * from pre-review to in_decision, the departments deciding its items.
 */
export const STAGES = ['submitted', 'pre_review', 'returned', 'appraisal_scheduled', 'appraised', 'public_notice', 'approved', 'delivered', 'in_decision'] as const;
export type Stage = (typeof STAGES)[number];

/** The case's overall status: its stage while anything is undecided, then closed. */
export type CaseStatus = Stage | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = [...STAGES, 'closed'];

/** Where the applicant wants status updates: this chat, SMS, or both (asked once in the application). */
export const NOTIFY_CHANNELS = ['chat', 'sms', 'both'] as const;
export type NotifyBy = (typeof NOTIFY_CHANNELS)[number];

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

/** What 民政 is left to check when the applicant did not say: on 低保 at all, or (said not on 低保) low-income. */
export type MinzhengChecks = 'dibao' | 'lowIncome';

/**
 * The answers behind the items: `dibao` only as said (absent when left to 民政), `lowIncome` only when
 * said to be a low-income family, `minzhengChecks` when the status was left to 民政 to check.
 */
export interface CaseFacts {
  dibao?: boolean;
  lowIncome?: boolean;
  minzhengChecks?: MinzhengChecks;
  student?: string;
  wheelchair?: boolean;
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

/** Where one file sent for a material stands with staff. */
export type MaterialFileStatus = 'received' | 'accepted' | 'rejected';

/** One file received for a material: its bytes are in the FileStore under `fileId`. */
export interface MaterialFile {
  fileId: string;
  mime: 'image/jpeg' | 'application/pdf';
  size: number;
  receivedAt: string;
  status: MaterialFileStatus;
  /** Staff's reason for a rejection, in words the applicant can act on. */
  reason?: string;
  decidedBy?: string;
  decidedAt?: string;
  /** When the applicant was told the file passed (accepted files, told once). */
  toldAt?: string;
}

/** The case's one set of materials, and the files received for those to be handed in. */
export interface CaseMaterials {
  verified: string[];
  toSubmit: string[];
  /** Files received in the chat, per material key of `toSubmit`, oldest first. */
  files?: Record<string, MaterialFile[]>;
  /** Days (yyyy-mm-dd, Beijing) a reminder of missing materials was written. */
  reminded?: string[];
}

export interface CaseRecord {
  caseNo: string;
  createdAt: string;
  updatedAt: string;
  status: CaseStatus;
  stage: Stage;
  applicant: Applicant;
  /** Who filled the form: the applicant, or a family member / guardian for them. */
  submittedBy: { role: 'self' | 'proxy'; relation?: string; userKey: string };
  guardian?: Guardian;
  items: CaseItem[];
  facts: CaseFacts;
  materials: CaseMaterials;
  channel: 'online' | 'window';
  delivery?: 'mail' | 'pickup';
  /**
   * Where a certificate changed to mailing after submitting goes, when not to the applicant's own address
   * (a daughter's home): kept apart, so the applicant's address stays as given. Unset: to `applicant.address`.
   */
  mailTo?: string;
  /** The booked appraisal session; the reminder goes out on `remindOn`. */
  appointment?: Appointment;
  /** Asked for a home appraisal (上门鉴定): the hospital arranges it by phone. */
  homeAppraisal?: { requestedAt: string; reason: string };
  /** Why the case was returned and which fields the applicant must correct. */
  returned?: { reason: string; fields: string[]; at: string };
  /** Last working day of the 公示; with no objection the case moves on after it. */
  noticeEndsOn?: string;
  /** Where to send status updates to the applicant (proactive messages); none for a case entered at a window. */
  conversation?: Partial<ConversationReference>;
  /** The applicant's choice of channel for status updates; unset: the chat when there is one, else SMS. */
  notifyBy?: NotifyBy;
  /** How staff and the hospital may reach the applicant: `text-only`, by SMS or in writing, never a call (a deaf applicant). */
  contact?: 'text-only';
  /** The draft's submission this case was made from: one submission, one case. */
  submissionId?: string;
  /**
   * Status updates written with the change that caused them (a transactional outbox): no crash
   * can separate the two. The relay copies them into the OutboxStore (its dedupe keys make a
   * repeat harmless) and then removes them here.
   */
  pendingNotifications?: NewOutboxRow[];
  audit: AuditEntry[];
}

/** A case waiting at its stage, as the index by stage and time holds it. */
export interface WaitingCase {
  caseNo: string;
  stage: Stage;
  /** When it entered the stage (`stageSince`). */
  since: string;
}

/** A case as submitted: the store assigns its number, times and status; the stage starts at submitted. */
export type NewCase = Omit<CaseRecord, 'caseNo' | 'createdAt' | 'updatedAt' | 'status' | 'stage' | 'audit'> & { by: string; stage?: Stage; note?: string };

export interface CaseFilter {
  status?: CaseStatus;
  department?: Department;
  /** Created at or after (ISO date or time). */
  from?: string;
  /** Created before the end of this day (ISO date) or time. */
  to?: string;
  limit?: number;
}

const CARD_ITEMS: readonly ItemId[] = ['cert-new', 'cert-renew', 'cert-transfer', 'cert-replace', 'cert-change'];

/**
 * The overall status follows from the items: the stage while any item is undecided, or while an
 * approved card is not yet delivered; closed once everything is decided and handed over.
 */
export function deriveCaseStatus(items: CaseItem[], stage: Stage = 'submitted'): CaseStatus {
  const undecided = items.some((i) => i.status === 'submitted' || i.status === 'queued');
  const cardPending = items.some((i) => CARD_ITEMS.includes(i.id) && i.status === 'approved') && stage !== 'delivered';
  return undecided || cardPending ? stage : 'closed';
}

/** The status updates and alerts a new case causes, worded from the case as stored (its number). */
export type NotifyOnCreate = (record: CaseRecord) => NewOutboxRow[];

export interface CaseStore {
  /**
   * Stores a new case atomically and durably; resolves once it is on disk. When a case with the
   * same `submissionId` exists, resolves to it and writes nothing: however often or concurrently
   * one submission is sent, it makes one case. `notify` words the messages the new case causes
   * (it needs the number the store gives): they are kept in its `pendingNotifications`, in the
   * same write, so no crash can keep the case and lose them.
   */
  create(input: NewCase, at: Date, notify?: NotifyOnCreate): Promise<CaseRecord>;
  get(caseNo: string): Promise<CaseRecord | undefined>;
  /** The case made from one submission, if any. */
  findBySubmission(submissionId: string): Promise<CaseRecord | undefined>;
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
  /**
   * Open cases at `stage` that entered it before `enteredBefore` (ISO instant; the time of the
   * last audit entry that changed the status, see `stageSince`), longest waiting first: the
   * overdue watch, from an index by stage and time, however many cases are stored.
   */
  waitingAt(stage: Stage, enteredBefore: string): Promise<WaitingCase[]>;
  /** Cases holding status updates not yet relayed to the outbox, oldest change first, at most `limit`. */
  withPendingNotifications(limit: number): Promise<CaseRecord[]>;
  /**
   * Removes relayed status updates (by dedupe key) from a case, durably; not a change of the
   * case (no audit entry, `updatedAt` kept). Unknown keys and cases are ignored.
   */
  markRelayed(caseNo: string, dedupeKeys: string[]): Promise<void>;
  /** Every case of one person (by resident ID number), closed ones too, newest first: what an export holds. */
  casesOf(idNumber: string): Promise<CaseRecord[]>;
  /**
   * Erases one case's personal data (`erasePersonalFields`) atomically and durably, with `entry` in its
   * audit trail. The number, stage, items and audit stay (counts and references hold); the case
   * no longer belongs to anyone (`casesOf`, `openCasesOf`, `openCasesOfUser` leave it out).
   * Undefined when there is no such case.
   */
  erasePersonalData(caseNo: string, entry: { by: string; action: string; note?: string }, at: Date): Promise<CaseRecord | undefined>;
}

/** Who an erased case belonged to: nobody. */
export const ERASED = '（已删除）';

/** Removes everything that identifies or describes the person from a case (PIPL erasure), in place. */
export function erasePersonalFields(record: CaseRecord): void {
  delete record.guardian;
  delete record.conversation;
  delete record.homeAppraisal;
  delete record.mailTo;
  delete record.pendingNotifications;
  record.applicant = { name: ERASED, idNumber: '', birthDate: '', phone: '', hukou: '' };
  record.submittedBy = { role: record.submittedBy.role, userKey: ERASED };
  record.facts = {};
  // The files are the person's documents and photo: the links go with them (privacy deletes the bytes).
  delete record.materials.files;
  if (record.returned) record.returned = { ...record.returned, reason: ERASED };
}

/**
 * A case after `change` (made on a copy): number and creation time kept, status derived again
 * from the items, the audit trail extended with `entry`, the status before and after.
 */
export function changedRecord(current: CaseRecord, change: (record: CaseRecord) => void, entry: { by: string; action: string; note?: string }, at: Date): CaseRecord {
  const next = structuredClone(current);
  change(next);
  const updatedAt = at.toISOString();
  const status = deriveCaseStatus(next.items, next.stage);
  return {
    ...next,
    caseNo: current.caseNo,
    createdAt: current.createdAt,
    status,
    updatedAt,
    audit: [...current.audit, { at: updatedAt, ...entry, from: current.status, to: status }],
  };
}

/**
 * The stored form of a new case: its number and times, its status derived, the first audit
 * entry, and what `notify` words for it among its pending notifications.
 */
export function caseRecordOf(input: NewCase, caseNo: string, at: Date, notify?: NotifyOnCreate): CaseRecord {
  const { by, note, ...fields } = input;
  const iso = at.toISOString();
  const stage = fields.stage ?? 'submitted';
  const status = deriveCaseStatus(fields.items, stage);
  const record: CaseRecord = { caseNo, createdAt: iso, updatedAt: iso, status, ...fields, stage, audit: [{ at: iso, by, action: 'submit', to: status, ...(note ? { note } : {}) }] };
  const rows = notify ? JSON.parse(JSON.stringify(notify(structuredClone(record)))) as NewOutboxRow[] : [];
  if (rows.length) record.pendingNotifications = [...(record.pendingNotifications ?? []), ...rows];
  return record;
}
