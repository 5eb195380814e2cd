import type { CaseRecord, CaseStore } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import type { FamilyStore, Subscription } from '../data/family.js';
import type { FileStore } from '../data/files/fileStore.js';
import type { DraftStore, StoredDraft } from '../data/stores.js';

/** Everything kept about one person: their cases in full, the drafts of the accounts that filed them, who follows them. */
export interface PersonExport {
  idNumber: string;
  exportedAt: string;
  cases: CaseRecord[];
  drafts: (StoredDraft<unknown> & { userKey: string })[];
  followers: Subscription[];
}

export type EraseResult =
  | { ok: true; cases: string[]; drafts: number }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'in_progress'; cases: string[] };

export interface PrivacyDeps {
  cases: CaseStore;
  drafts: DraftStore<unknown>;
  family: FamilyStore;
  /** The materials' bytes: a person's documents and photo go with the rest of their data. */
  files: FileStore;
  clock: Clock;
}

/** ID numbers as people type them: spaces and dashes out, the check character upper-case. */
export function normalizeIdNumber(input: string): string | undefined {
  const id = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^\d{17}[\dX]$|^\d{15}$/.test(id) ? id : undefined;
}

/**
 * A person's rights over their data (PIPL): a copy of it, and its erasure where no case is in
 * progress (or forced by staff with a reason). Every access is written into the audit trail of
 * each case it touched.
 */
export class Privacy {
  constructor(private readonly deps: PrivacyDeps) {}

  /** The person's data, audited on each case; undefined when nothing is kept about them. */
  async export(idNumber: string, who: { by: string; reason: string }): Promise<PersonExport | undefined> {
    const now = this.deps.clock.now();
    const found = await this.deps.cases.casesOf(idNumber);
    const drafts = await this.draftsOf(found);
    if (found.length === 0 && drafts.length === 0) return undefined;
    const cases: CaseRecord[] = [];
    for (const c of found) {
      // The copy handed out includes its own audit entry: the export is on record before anyone sees it.
      const audited = await this.deps.cases.update(c.caseNo, () => undefined, { by: who.by, action: 'export', note: who.reason }, now);
      if (audited) cases.push(audited);
    }
    const followers = (await Promise.all(cases.map((c) => this.deps.family.subscribersOf(c.caseNo)))).flat();
    return { idNumber, exportedAt: now.toISOString(), cases, drafts, followers };
  }

  /**
   * Erases the person's data: each case's personal fields (the case number, stages and audit
   * stay), the files of its materials, its followers, and the drafts of the accounts that filed them. Refused while a case
   * is in progress unless `force` (staff, with a reason).
   */
  async erase(idNumber: string, who: { by: string; reason: string; force?: boolean }): Promise<EraseResult> {
    const found = await this.deps.cases.casesOf(idNumber);
    const drafts = await this.draftsOf(found);
    if (found.length === 0 && drafts.length === 0) return { ok: false, reason: 'not_found' };
    const open = found.filter((c) => c.status !== 'closed').map((c) => c.caseNo);
    if (open.length && !who.force) return { ok: false, reason: 'in_progress', cases: open };
    return this.eraseFound(found, drafts.map((d) => d.userKey), { by: who.by, action: who.force && open.length ? 'erase-forced' : 'erase', note: who.reason });
  }

  /**
   * The chat's "删除我的信息": the account's half-filled application. Refused while a case filed
   * from it is in progress; finished case records are erased by staff (`erase`), who can find
   * them by ID number.
   */
  async eraseOwn(userKey: string): Promise<EraseResult> {
    const open = (await this.deps.cases.openCasesOfUser(userKey)).map((c) => c.caseNo);
    if (open.length) return { ok: false, reason: 'in_progress', cases: open };
    return this.eraseFound([], [userKey], { by: `chat:${userKey}`, action: 'erase', note: '' });
  }

  private async eraseFound(cases: CaseRecord[], userKeys: string[], entry: { by: string; action: string; note: string }): Promise<EraseResult> {
    const now = this.deps.clock.now();
    for (const c of cases) {
      for (const sub of await this.deps.family.subscribersOf(c.caseNo)) await this.deps.family.unsubscribe(c.caseNo, sub.userKey);
      await this.deps.cases.erasePersonalData(c.caseNo, entry, now);
      for (const file of Object.values(c.materials.files ?? {}).flat()) await this.deps.files.delete(file.fileId);
    }
    let drafts = 0;
    for (const userKey of new Set(userKeys)) {
      if (await this.deps.drafts.get(userKey)) drafts++;
      await this.deps.drafts.delete(userKey);
    }
    return { ok: true, cases: cases.map((c) => c.caseNo), drafts };
  }

  /** Drafts of the chat accounts that filed the person's cases. */
  private async draftsOf(cases: CaseRecord[]): Promise<(StoredDraft<unknown> & { userKey: string })[]> {
    const out: (StoredDraft<unknown> & { userKey: string })[] = [];
    for (const userKey of new Set(cases.map((c) => c.submittedBy.userKey))) {
      const draft = await this.deps.drafts.get(userKey);
      if (draft) out.push({ userKey, ...draft });
    }
    return out;
  }
}
