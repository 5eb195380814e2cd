import type { Storage } from 'botbuilder';
import type { CaseRecord, CaseStore } from '../data/cases.js';
import { conversationStateKey, splitChatKey, userStateKey } from '../data/chatStateKeys.js';
import type { HandoffStore } from '../data/handoffs.js';
import type { ErasedKind } from '../data/openStores.js';
import type { RatingStore } from '../data/ratings.js';
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
  /** The chat state (ConversationState, UserState) of the person's accounts and conversations. */
  chatState?: Pick<Storage, 'delete'>;
  /** 好差评 ratings: their comments and call-back phones. */
  ratings?: RatingStore;
  /** Hand-offs to the desk: their transcripts. */
  handoffs?: HandoffStore;
  /**
   * Removes from disk what was just deleted or blanked, where a store keeps superseded
   * versions until a later compaction (lowdb's logs); absent where a delete is already gone.
   */
  purge?: (which?: readonly ErasedKind[]) => Promise<void>;
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
   * stay), the files of its materials, its followers, the drafts and chat state of the accounts
   * that filed them and of the cases' conversations, the transcripts of their hand-offs to the
   * desk and their ratings' comments and phones (levels stay, counted), all gone from disk
   * before it resolves. Refused while a case
   * is in progress unless `force` (staff, with a reason).
   */
  async erase(idNumber: string, who: { by: string; reason: string; force?: boolean }): Promise<EraseResult> {
    const found = await this.deps.cases.casesOf(idNumber);
    const drafts = await this.draftsOf(found);
    if (found.length === 0 && drafts.length === 0) return { ok: false, reason: 'not_found' };
    const open = found.filter((c) => c.status !== 'closed').map((c) => c.caseNo);
    if (open.length && !who.force) return { ok: false, reason: 'in_progress', cases: open };
    const userKeys = new Set([...found.map((c) => c.submittedBy.userKey), ...drafts.map((d) => d.userKey)]);
    const result = await this.eraseFound(found, [...userKeys], { by: who.by, action: who.force && open.length ? 'erase-forced' : 'erase', note: who.reason });
    await this.eraseChats(found, userKeys);
    await this.deps.purge?.();
    return result;
  }

  /**
   * What the chat kept of the person: the state of their accounts and of the cases'
   * conversations, their hand-offs' transcripts, their ratings' comments and phones.
   */
  private async eraseChats(cases: CaseRecord[], userKeys: Set<string>): Promise<void> {
    const caseNos = new Set(cases.map((c) => c.caseNo));
    const theirs = (r: { userKey: string; caseNo?: string }) => userKeys.has(r.userKey) || (r.caseNo !== undefined && caseNos.has(r.caseNo));
    const conversations = new Set(cases.flatMap((c) => (c.conversation?.channelId && c.conversation.conversation?.id ? [`${c.conversation.channelId}:${c.conversation.conversation.id}`] : [])));
    for (const h of (await this.deps.handoffs?.list()) ?? []) {
      if (!theirs(h)) continue;
      conversations.add(h.conversationKey);
      await this.deps.handoffs!.update(h.id, (x) => {
        x.messages = [];
        x.conversation = {};
        for (const entry of x.audit) delete entry.note;
      });
    }
    for (const r of (await this.deps.ratings?.list()) ?? []) {
      if (!theirs(r)) continue;
      conversations.add(r.conversationKey);
      await this.deps.ratings!.update(r.id, (x) => {
        delete x.comment;
        delete x.phone;
        x.conversation = {};
      });
    }
    const keys = [
      ...[...userKeys].map(splitChatKey).flatMap((k) => (k ? [userStateKey(k.channelId, k.id)] : [])),
      ...[...conversations].map(splitChatKey).flatMap((k) => (k ? [conversationStateKey(k.channelId, k.id)] : [])),
    ];
    if (keys.length) await this.deps.chatState?.delete(keys);
  }

  /**
   * The chat's "删除我的信息": the account's half-filled application, gone from disk before it
   * resolves (the conversation's own state lives on: this very turn is saving it). Refused while a case filed
   * from it is in progress; finished case records are erased by staff (`erase`), who can find
   * them by ID number.
   */
  async eraseOwn(userKey: string): Promise<EraseResult> {
    const open = (await this.deps.cases.openCasesOfUser(userKey)).map((c) => c.caseNo);
    if (open.length) return { ok: false, reason: 'in_progress', cases: open };
    const result = await this.eraseFound([], [userKey], { by: `chat:${userKey}`, action: 'erase', note: '' });
    // Only the drafts' log: rewriting every chat's state would hold up the person's own turn.
    await this.deps.purge?.(['drafts']);
    return result;
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
