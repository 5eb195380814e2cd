import { nextStep, type NextStep } from '../../cases/nextStep.js';
import { materialViews, outstandingMaterials, type MaterialState } from '../../data/caseMaterials.js';
import type { CaseItem, CaseRecord, Stage } from '../../data/cases.js';
import { maskName, maskText } from '../../data/personalData.js';
import { DECIDING } from '../../data/workflow.js';
import { text } from '../text/index.js';

const s = text.status;

const day = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

/**
 * Who did a step. A relative sees the chat's steps as done by whoever the case says submitted it
 * (a daughter who filled it in is no 申请人), named by relation only, never by name.
 */
function who(by: string, record: CaseRecord, forFamily: boolean): string {
  const kind = by.split(':')[0];
  if (kind === 'chat') return forFamily ? s.bySubmitter(record.submittedBy) : s.byNames.chat;
  return s.byNames[kind] ?? s.byNames.staff;
}

/**
 * An item's status as read with its case: one still undecided reads as where it waits (before
 * pre-review has passed no department has it; a certificate waits on its appraisal and notice),
 * so the item never says 审批中 while the case's line says 已提交.
 */
export function itemStatusName(item: Pick<CaseItem, 'id' | 'status'>, stage: Stage): string {
  const waiting = s.itemWaiting[stage];
  if (item.status === 'submitted' && waiting && (!DECIDING.includes(stage) || item.id.startsWith('cert-'))) return waiting;
  return s.itemStatus[item.status] ?? item.status;
}

/**
 * A case as the applicant (or a verified family member) reads it: stage, each step with its
 * date and who, each item's status, and what comes next. Family members see personal data masked.
 */
export function renderCase(record: CaseRecord, forFamily = false): string {
  const lines = [s.timelineTitle(record.caseNo, s.stageNames[record.status])];
  if (forFamily) {
    const { name, idNumber, phone } = record.applicant;
    lines.push(s.familyFound(maskName(name), maskText(idNumber), maskText(phone)));
  }
  for (const entry of record.audit) {
    const name = s.actionNames[entry.action];
    // A return says why, so the applicant knows what to change without calling.
    const reason = entry.action === 'return' && entry.note ? s.returnReason(forFamily ? maskText(entry.note) : entry.note) : '';
    if (name) lines.push(`· ${day(entry.at)} ${name}（${who(entry.by, record, forFamily)}）${reason}`);
  }
  lines.push(s.itemsTitle);
  for (const item of record.items) {
    const reason = item.status === 'rejected' && item.reason ? `：${item.reason}` : '';
    lines.push(`· ${text.application.itemNames[item.id]}：${itemStatusName(item, record.stage)}${reason}`);
  }
  const materials = record.channel === 'online' ? materialViews(record) : [];
  if (materials.length) {
    const named = (states: MaterialState[]) => materials.filter((m) => states.includes(m.state)).map((m) => text.upload.names[m.key]);
    lines.push(s.materialsLine(named(['received', 'accepted']), named(['missing', 'rejected'])));
  }
  lines.push(nextLine(record, forFamily));
  return lines.join('\n');
}

const nextLine = (record: CaseRecord, forFamily: boolean) => {
  const step = nextStep(record);
  return (forFamily && s.familyNext[step]) || s.next[step];
};

/** The next steps that ask something of the applicant; at the others the case waits on the offices. */
const ACTING: readonly NextStep[] = ['returned', 'appraisal_book', 'appraisal_booked'];

/**
 * What is to be done now on a case ("要我干啥不"): the materials still to come, then the next step
 * when it asks something of the applicant (a home appraisal: the phone the hospital calls);
 * otherwise that nothing is, and what comes next.
 */
export function renderToDo(record: CaseRecord, forFamily = false): string {
  const todo: string[] = [];
  const missing = record.channel === 'online' ? outstandingMaterials(record) : [];
  if (missing.length) todo.push((forFamily ? s.toDo.uploadFamily : s.toDo.upload)(missing.map((key) => text.upload.names[key] ?? key).join('、')));
  const step = nextStep(record);
  if (step === 'appraisal_home') todo.push(s.toDo.homePhone(maskText(record.applicant.phone)));
  else if (ACTING.includes(step)) todo.push(nextLine(record, forFamily));
  if (!todo.length) return `${s.toDo.nothing}${nextLine(record, forFamily)}`;
  return [s.toDo.intro, ...todo.map((line) => `· ${line}`)].join('\n');
}
