import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { AuditedAccess } from '../../cases/auditedAccess.js';
import type { Privacy, PersonExport } from '../../cases/privacy.js';
import type { CaseStore } from '../../data/cases.js';
import type { Clock } from '../../data/clock.js';
import type { FamilyStore } from '../../data/family.js';
import { userKeyOf } from '../application/applicationDialog.js';
import { labelChoices, recognizeChoice } from '../choices.js';
import { nonAnswer } from '../nonAnswers.js';
import { FlowDialog, NotAnswered, type FlowDeps, type StepResult } from '../flowDialog.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { FamilyChecks, caseNumberIn, idTailIn, idTailMatches } from '../status/familyChecks.js';
import { text } from '../text/index.js';
import { setTurnOutcome } from '../turnOutcome.js';

const p = text.privacy;
export const PRIVACY_DIALOG = 'privacy';
export type PrivacyAction = 'myData' | 'eraseMe';

interface PrivacyState {
  action: PrivacyAction;
  step: 'caseNo' | 'idTail' | 'confirm';
  caseNo?: string;
}

export interface PrivacyDialogDeps {
  privacy: Privacy;
  access: AuditedAccess;
  cases: CaseStore;
  family: FamilyStore;
  clock: Clock;
}

/** The data as its owner reads it: in full, since they have just proven who they are. */
function renderExport(data: PersonExport, caseNo: string): string {
  const c = data.cases.find((x) => x.caseNo === caseNo)!;
  const a = c.applicant;
  const lines = [p.title(caseNo), p.person(a.name, a.idNumber, a.phone, a.hukou)];
  if (a.address) lines.push(p.address(a.address));
  if (c.mailTo) lines.push(p.mailTo(c.mailTo));
  if (a.category) lines.push(p.category(a.category));
  if (c.guardian) lines.push(p.guardian(c.guardian.name, c.guardian.relation));
  lines.push(p.items(c.items.map((i) => text.application.itemNames[i.id] ?? i.id).join('、')));
  lines.push(p.followers(data.followers.filter((f) => f.caseNo === caseNo).length));
  if (data.drafts.length) lines.push(p.draft);
  lines.push(p.footer);
  return lines.join('\n');
}

/**
 * "我要查看我的个人信息" / "导出我的数据": a copy of the applicant's data after the family check
 * (case number + last 6 of the ID, with its lockouts), only for the account that filed the
 * case; "删除我的信息": the account's draft, once no case of it is in progress, after a clear yes.
 */
export class PrivacyDialog extends FlowDialog<PrivacyState, { action: PrivacyAction }> {
  private readonly checks: FamilyChecks;

  constructor(private readonly deps: PrivacyDialogDeps, flow: FlowDeps) {
    super(PRIVACY_DIALOG, flow);
    this.checks = new FamilyChecks(deps);
  }

  async beginDialog(dc: DialogContext, options?: { action: PrivacyAction }): Promise<DialogTurnResult> {
    const action = options?.action ?? 'myData';
    setTurnOutcome(dc.context, { outcome: `privacy-${action}` });
    if (action === 'myData') return this.ask(dc, { action, step: 'caseNo' }, p.askCaseNo);
    const open = await this.deps.cases.openCasesOfUser(userKeyOf(dc.context));
    if (open.length) return this.end(dc, p.eraseInProgress(open.map((c) => c.caseNo).join('、')));
    return this.ask(dc, { action, step: 'confirm' }, p.eraseConfirm, labelChoices(p.eraseButtons));
  }

  protected async onStep(dc: DialogContext, state: PrivacyState, input: string): Promise<StepResult> {
    switch (state.step) {
      case 'caseNo': {
        const caseNo = caseNumberIn(input);
        if (!caseNo) return new NotAnswered(p.askCaseNo);
        return this.ask(dc, { ...state, step: 'idTail', caseNo }, p.askIdTail);
      }
      case 'idTail':
        // Only six characters are a guess that counts towards the lockout; a question is answered.
        if (!idTailIn(input)) return new NotAnswered(p.askIdTail);
        return this.deliver(dc, state.caseNo!, input);
      case 'confirm': {
        // Only a clear yes: the button, its words or its number; a question is answered and the
        // confirmation asked again; anything else keeps the data.
        const erase = recognizeChoice(input, labelChoices(p.eraseButtons))?.value === 0;
        // "不知道" is no answer either: said a word to, and asked again.
        if (!erase && (asksSomething(input) || nonAnswer(input))) return new NotAnswered(p.eraseConfirm);
        if (!erase) return this.end(dc, p.notErased);
        const result = await this.deps.privacy.eraseOwn(userKeyOf(dc.context));
        if (!result.ok) return this.end(dc, result.reason === 'in_progress' ? p.eraseInProgress(result.cases.join('、')) : p.nothingToErase);
        setTurnOutcome(dc.context, { outcome: 'privacy-erased' });
        return this.end(dc, result.drafts ? p.erased : p.nothingToErase);
      }
    }
  }

  private async deliver(dc: DialogContext, caseNo: string, input: string): Promise<DialogTurnResult> {
    const userKey = userKeyOf(dc.context);
    const record = await this.deps.cases.get(caseNo);
    if (await this.checks.locked(userKey, caseNo, record)) return this.end(dc, text.status.familyLocked);
    if (!record || record.submittedBy.userKey !== userKey || !idTailMatches(record, input)) {
      const locked = await this.checks.failed(userKey, caseNo, record);
      setTurnOutcome(dc.context, { outcome: 'privacy-mismatch' });
      return this.end(dc, locked ? text.status.familyLocked : p.mismatch);
    }
    const data = await this.deps.privacy.export(record.applicant.idNumber, { by: `chat:${userKey}`, reason: '本人在线查阅' });
    setTurnOutcome(dc.context, { outcome: 'privacy-exported' });
    return this.end(dc, renderExport(data!, caseNo));
  }
}
