import { materialOfFile, materialViews, outstandingMaterials, type MaterialView } from '../data/caseMaterials.js';
import { shanghaiDate } from '../data/caseQuery.js';
import type { CaseRecord, MaterialFile } from '../data/cases.js';
import { DEFAULT_UPLOAD_LIMITS, inspectUpload, type UploadLimits, type UploadProblem } from '../data/files/inspectUpload.js';
import { allowsEvent } from '../data/workflow.js';
import { Refused, requireEvent, type CaseChanges, type ChangeResult } from './caseChanges.js';
import type { CaseUseCaseDeps } from './deps.js';

export type MaterialDeps = Pick<CaseUseCaseDeps, 'cases' | 'clock' | 'texts' | 'files' | 'uploadLimits'> & { changes: CaseChanges };

/** Why a file was not taken: its content (inspectUpload), or a file the case holds already (rejected, or for another material). */
export type MaterialProblem = UploadProblem | 'sameAsRejected' | 'usedElsewhere';

export type Received =
  | { ok: true; record: CaseRecord; file: MaterialFile; again: boolean }
  | { ok: false; problem: MaterialProblem }
  | { ok: false; status: 404 | 409; error: string };

export type FileRead = { ok: true; bytes: Buffer; mime: MaterialFile['mime']; material: string } | { ok: false; status: 404; error: string };

export interface Decision {
  decision: 'accept' | 'reject';
  by: string;
  /** Required to reject: what is wrong, in words the applicant can act on. */
  reason?: string;
  /** Accepts a file staff rejected before: only with a reason, kept in the audit trail. */
  force?: boolean;
}

/** Reminders of missing materials a case gets in all (one a day at most). */
export const MAX_MATERIAL_REMINDERS = 3;

/** The two-inch photo, checked as a portrait (photos only); anything else is a document. */
export const PORTRAIT_MATERIAL = 'photos';
const purposeOf = (material: string) => (material === PORTRAIT_MATERIAL ? 'portrait' : 'document');

/**
 * The materials handed in online: files received in the chat (checked by content, stored
 * content-addressed, linked to the case), staff's decisions on them, audited reads, and the
 * daily reminder of what is still missing.
 */
export class Materials {
  constructor(private readonly deps: MaterialDeps) {}

  get limits(): UploadLimits {
    return this.deps.uploadLimits ?? DEFAULT_UPLOAD_LIMITS;
  }

  /**
   * One file for one material: inspected, and only when it passes stored and linked to the case
   * in one audited write. A refused file leaves nothing behind.
   */
  async receive(caseNo: string, material: string, bytes: Buffer, by: string): Promise<Received> {
    const before = await this.deps.cases.get(caseNo);
    if (!before) return { ok: false, status: 404, error: `没有案件 ${caseNo}` };
    const refusal = this.refusal(before, material);
    if (refusal) return { ok: false, status: 409, error: refusal };
    const inspected = await inspectUpload(bytes, purposeOf(material), this.limits);
    if (!inspected.ok) return { ok: false, problem: inspected.problem };
    const fileId = await this.deps.files.put(inspected.bytes, caseNo);
    const known = materialOfFile(before, fileId);
    if (known && known.key !== material) return { ok: false, problem: 'usedElsewhere' };
    if (known?.file.status === 'rejected') return { ok: false, problem: 'sameAsRejected' };
    if (known) return { ok: true, record: before, file: known.file, again: true };
    const file: MaterialFile = { fileId, mime: inspected.mime, size: inspected.bytes.length, receivedAt: this.deps.clock.now().toISOString(), status: 'received' };
    const result = await this.deps.changes.change(caseNo, {
      by,
      action: 'material-received',
      note: material,
      apply: (c) => {
        const refused = this.refusal(c, material);
        if (refused) throw new Refused(409, refused);
        c.materials.files = { ...c.materials.files, [material]: [...(c.materials.files?.[material] ?? []), file] };
      },
    });
    if (!result.ok) {
      // The case changed meanwhile: the bytes go too, unless the case already held them.
      const now = await this.deps.cases.get(caseNo);
      if (!now || !materialOfFile(now, fileId)) await this.deps.files.delete(fileId);
      return { ok: false, status: result.status === 400 ? 409 : result.status, error: result.error };
    }
    return { ok: true, record: result.record, file, again: false };
  }

  /** Each material to hand in with its state and files; undefined for an unknown case. */
  async list(caseNo: string): Promise<MaterialView[] | undefined> {
    const record = await this.deps.cases.get(caseNo);
    return record && materialViews(record);
  }

  /** A file's bytes for staff, the read recorded in the case's audit trail first. */
  async read(caseNo: string, fileId: string, staff: string): Promise<FileRead> {
    const record = await this.deps.cases.get(caseNo);
    const found = record && materialOfFile(record, fileId);
    if (!found) return { ok: false, status: 404, error: `案件 ${caseNo} 没有这个文件` };
    const audited = await this.deps.changes.change(caseNo, { by: staff, action: 'material-read', note: `${found.key} ${fileId.slice(0, 12)}`, apply: (c) => requireEvent(c, 'material-read') });
    const bytes = audited.ok ? await this.deps.files.get(fileId) : undefined;
    if (!bytes) return { ok: false, status: 404, error: `文件 ${fileId.slice(0, 12)}… 已不在存储里` };
    return { ok: true, bytes, mime: found.file.mime, material: found.key };
  }

  /**
   * Staff accept or reject one file; a rejection tells the applicant what to send again and why.
   * A file rejected before is accepted only with `force` and a reason (the applicant may have sent
   * a better one since). Accepted files are told to the applicant once nothing handed in waits
   * for review: several accepted together make one message.
   */
  decide(caseNo: string, fileId: string, decision: Decision): Promise<ChangeResult> {
    const reason = decision.reason?.trim();
    if (decision.decision === 'reject' && !reason) return Promise.resolve({ ok: false, status: 400, error: 'reject 需要 reason（退回原因，申请人能照着改的话）' });
    if (decision.force && !reason) return Promise.resolve({ ok: false, status: 400, error: 'force 需要 reason（为什么改为通过），会记入办理记录' });
    const accept = decision.decision === 'accept';
    return this.deps.changes.change(caseNo, {
      by: decision.by,
      action: accept ? 'material-accepted' : 'material-rejected',
      ...(reason ? { note: accept && decision.force ? `force：${reason}` : reason } : {}),
      apply: (c) => {
        requireEvent(c, 'material-decide');
        const found = materialOfFile(c, fileId);
        if (!found) throw new Refused(409, `案件 ${caseNo} 没有文件 ${fileId}`);
        const { file } = found;
        if (accept && file.status === 'rejected' && !decision.force) {
          throw new Refused(409, `这个文件已被 ${file.decidedBy ?? '经办人'} 退回（${file.reason ?? '无原因'}），申请人可能已经重新上传。确实要改为通过，请加上 "force": true 和 "reason"（改判的理由），会记入办理记录。`);
        }
        file.status = accept ? 'accepted' : 'rejected';
        file.decidedBy = decision.by;
        file.decidedAt = this.deps.clock.now().toISOString();
        if (reason && !accept) file.reason = reason;
        else delete file.reason;
        if (!accept) return { message: this.deps.texts.notify.material_rejected(this.name(found.key), reason!), to: 'applicant' };
        return this.acceptedNotice(c);
      },
    });
  }

  /** The accepted files not yet told, in one message, once no file waits for review. */
  private acceptedNotice(c: CaseRecord): { message: string; to: 'applicant' } | undefined {
    const views = materialViews(c);
    if (views.some((m) => m.state === 'received')) return undefined;
    const untold = views.flatMap((m) => m.files.filter((f) => f.status === 'accepted' && !f.toldAt).map((f) => ({ key: m.key, file: f })));
    if (untold.length === 0) return undefined;
    const now = this.deps.clock.now().toISOString();
    for (const { file } of untold) file.toldAt = now;
    const names = [...new Set(untold.map((u) => this.name(u.key)))].join('、');
    return { message: this.deps.texts.notify.materials_accepted(names, views.every((m) => m.state === 'accepted')), to: 'applicant' };
  }

  /**
   * The daily reminder for one online case still missing materials: at most once a Beijing day
   * and three times in all, none on the day it was submitted. Resolves to whether one was written.
   */
  async remindMissing(caseNo: string, now = this.deps.clock.now()): Promise<boolean> {
    const today = shanghaiDate(now);
    let due = false;
    const result = await this.deps.changes.change(caseNo, {
      by: 'system:materials',
      action: 'material-reminder',
      apply: (c) => {
        const missing = outstandingMaterials(c);
        const reminded = c.materials.reminded ?? [];
        due = c.channel === 'online' && !!c.conversation && missing.length > 0 && allowsEvent(c, 'material-reminder') && reminded.length < MAX_MATERIAL_REMINDERS && !reminded.includes(today) && shanghaiDate(new Date(c.createdAt)) < today;
        // Nothing due: refused, so no audit entry is written.
        if (!due) throw new Refused(409, 'no reminder due');
        c.materials.reminded = [...reminded, today];
        return { message: this.deps.texts.notify.materials_missing(missing.map((k) => this.name(k)).join('、')), to: 'applicant' };
      },
    });
    return result.ok && due;
  }

  /** Why a case takes no file for this material now, or nothing. */
  private refusal(c: CaseRecord, material: string): string | undefined {
    if (!allowsEvent(c, 'material-receive') || c.status === 'closed') return `案件 ${c.caseNo} 现在（${c.stage}）不收材料`;
    if (!c.materials.toSubmit.includes(material)) return `案件 ${c.caseNo} 不需要交 ${material}`;
    return undefined;
  }

  private name(key: string): string {
    return this.deps.texts.materialNames[key] ?? key;
  }
}
