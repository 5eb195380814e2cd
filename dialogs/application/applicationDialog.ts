import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ItemId } from '../../data/bundle.js';
import { outstandingMaterials } from '../../data/caseMaterials.js';
import type { CaseRecord, CaseStore } from '../../data/cases.js';
import { isMobile } from '../../data/idNumber.js';
import type { CaseUseCases } from '../../cases/index.js';
import type { Clock } from '../../data/clock.js';
import type { DisabilityCategory, Region } from '../../data/region.js';
import type { DraftStore } from '../../data/stores.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { extractSlots } from '../../knowledge/questionFacets.js';
import { labelChoices, recognizeChoice, recognizeChoices, recognizeConfirmation, recognizeMention, recognizeYesNo, type ChoiceOption } from '../choices.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { recognizeCommand, saysCannotPhone } from '../commands.js';
import { kinIn, PERSON_KIN } from '../kinship.js';
import { fieldAnswer } from '../fieldQuestions.js';
import { keepsAsIs, nonAnswer } from '../nonAnswers.js';
import { FlowDialog, NotAnswered, type StepResult } from '../flowDialog.js';
import type { HandoffRequester } from '../handoff/handoffGate.js';
import type { PolicyAnswers } from '../policyAnswers.js';
import { messageWithButtons, smsSaid } from '../replies.js';
import { text } from '../text/index.js';
import { setTurnOutcome } from '../turnOutcome.js';
import { caseItemsOf, nameDiffers, openCaseWith } from './caseItems.js';
import { materialsFor } from './materials.js';
import { addressPartsSaid, CHANGE_REQUEST, NUMERAL } from './addressParts.js';
import { phoneIn, withoutPhone } from '../numbersIn.js';
import { asksIfPhoned, asksOtherContact, textOnlySaid } from '../textOnly.js';
import { addressDenied, addressSaid, addressValue, applicationSlots, deliveryMentioned, livingKeptSaid, asksHomeVisit, certificateSaid, dibaoSaid, lowIncomeSaid, speaksOfStep, fieldSaidEarly, itemsLeft, LEAVE_FILLER, LEAVE_WORDS, speakerRelation, saysSelf, wantsSomeoneToCome, channelOptions, itemsPicked, needsAppraisal, readOpening, type ParseResult, type Slot, type SlotContext, type SlotKey } from './slots.js';
import { droppedItems, finalItems, livingKept, needsGuardian, queuedItems, requestedItems, type Pick, type Values } from './values.js';

const t = text.application;
/**
 * Answers given within the items (whether a certificate is held, which certificate service,
 * which employment help): the summary's items line shows them, and they change with the items.
 */
const WITH_THE_ITEMS: SlotKey[] = ['hasCertificate', 'certAction', 'employment'];

export const APPLICATION_DIALOG = 'application';
export const DRAFT_MAX_AGE_DAYS = 30;
const MAX_TRIES = 3;
/** How long a repeated "确认提交" is answered with the case it made. */
const REPEAT_CONFIRM_MS = 10 * 60_000;
/** Asking to see the ID numbers in full on the summary ("显示完整号码", "看完整的身份证号"). */
const SHOW_FULL = /(显示|看|给我看).{0,3}(完整|全部|全)|完整.{0,2}(号码|身份证)/;

type Phase = 'resume' | 'consent' | 'form' | 'summary' | 'editPick' | 'confirmCancel' | 'tooManyTries' | 'confirmChange';

/** A half-filled application, saved after every answer so a restart or a week away loses nothing. */
export interface ApplicationDraft {
  phase: Phase;
  values: Values;
  /** Slots in the order they were answered, for 返回/上一步. */
  history: SlotKey[];
  /** The slot being changed from the summary. */
  editing?: SlotKey;
  /** A field corrected in part at the summary ("门牌是18号"), its whole new value waiting for 对. */
  pending?: { key: SlotKey; set: Values };
  /** The answers as the summary last showed them: "算了不改了" during a change goes back to them. */
  shown?: Values;
  attempts: number;
  /** Times the "好像不太顺利" menu was shown; the second time, the person is handed to the desk. */
  stuck?: number;
  /** The items just left out, so "还是要吧" right after puts them back. */
  dropped?: Pick[];
  /** Where to go back to when the user does not confirm a cancel. */
  before?: Phase;
  /** The materials list last told, so a summary after an edit repeats it only if it changed. */
  materialsTold?: string;
  /** Given when the summary is first shown: however often "确认提交" arrives, one case. */
  submissionId?: string;
  /** The answers before a 返回: "跟刚才一样" at the question gone back to gives its answer again. */
  undone?: Values;
}

/** What the application hands back once submitted: the router asks for the materials next when some are due online. */
export interface SubmittedApplication {
  caseNo: string;
  materialsDue: boolean;
}

/** What the dialog keeps in its own state: the submission, for a repeat that finds the draft gone. */
interface ApplicationDialogState {
  submissionId?: string;
}

export interface ApplicationDeps {
  drafts: DraftStore<ApplicationDraft>;
  cases: CaseStore;
  useCases: CaseUseCases;
  answers: PolicyAnswers;
  handoff: HandoffRequester;
  region: Region;
  clock: Clock;
  /** SMS is on: the applicant chooses where progress notices go (chat, SMS, both). */
  sms?: boolean;
}

export const userKeyOf = (context: TurnContext) => `${context.activity.channelId}:${context.activity.from?.id ?? 'anonymous'}`;

/**
 * The combined application as one table-driven form: each turn asks the first required slot
 * that is still empty, validates the answer where it is typed, and ends with the materials
 * list, a summary with 修改 for any field, and the submitted case.
 */
export class ApplicationDialog extends FlowDialog<ApplicationDraft> {
  private readonly slots: Slot[];

  constructor(private readonly deps: ApplicationDeps) {
    super(APPLICATION_DIALOG, { answers: deps.answers, hotlines: deps.region.hotlines, handoff: deps.handoff });
    this.slots = applicationSlots({ sms: deps.sms });
  }

  async beginDialog(dc: DialogContext, options?: { resume?: boolean; confirm?: boolean; opening?: string }): Promise<DialogTurnResult> {
    const key = userKeyOf(dc.context);
    const stored = await this.deps.drafts.get(key);
    if (options?.confirm) {
      // "确认提交" outside the application: a repeat of a confirmation that already made the case,
      // or a summary waiting in the draft (the dialog state was lost).
      if (stored?.draft.phase === 'summary') return this.submit(dc, stored.draft);
      const recent = stored ? undefined : await this.deps.useCases.submission.recentOf(key, REPEAT_CONFIRM_MS);
      if (recent) return this.confirmed(dc, recent);
      if (!stored) {
        await this.deps.answers.answer(dc.context, dc.context.activity.text ?? '');
        return dc.endDialog();
      }
    }
    const ageDays = stored ? (this.deps.clock.now().getTime() - Date.parse(stored.updatedAt)) / 86_400_000 : 0;
    if (stored && ageDays > DRAFT_MAX_AGE_DAYS) {
      await this.deps.drafts.delete(key);
      await this.say(dc, t.expired);
    } else if (stored) {
      if (options?.resume) return this.resume(dc, stored.draft);
      const draft = { ...stored.draft, before: stored.draft.phase, phase: 'resume' as const };
      await this.save(dc, draft);
      await this.say(dc, t.resumeAsk(formatDay(stored.updatedAt)), labelChoices(t.resumeButtons));
      return Dialog.EndOfTurn;
    }
    const draft: ApplicationDraft = { phase: 'consent', values: {}, history: [], attempts: 0 };
    const opened = options?.opening ? await this.takeOpening(dc, draft, options.opening) : draft;
    // "家里有个傻孩子 十来岁 想给他办个证": the guardian applies, said with the start, before anything is asked.
    await this.say(dc, options?.opening && guardianSaid(options.opening) ? `${t.start}\n${t.opening.guardianNeeded}` : t.start);
    return this.proceed(dc, opened);
  }

  /**
   * The message that started the application may already say for whom and how to hand in
   * ("俺想给俺娘办个残疾证…能不能网上弄"): those answers are kept, and what it asks besides is
   * answered (a question about the channel by the channel it names).
   */
  private async takeOpening(dc: DialogContext, draft: ApplicationDraft, opening: string): Promise<ApplicationDraft> {
    const clauses = clausesOf(opening);
    const told = clauses.filter((c) => !asksSomething(c)).join('，');
    // "办个残急证": the items are read with sound-alike typos corrected, as the knowledge base reads questions.
    const values = readOpening(clauses.find(isApplyClause) ?? opening, told && this.flow.answers.spelledRight(told), opening, this.context());
    for (const clause of clauses.filter((c) => asksSomething(c))) {
      const channel = recognizeMention(clause, channelOptions());
      if (channel && channel.value === values.channel) await this.say(dc, t.opening.channelAsked[channel.value]);
      // "…想给他办个残疾证，先要干啥": a short question is read with what was said before it.
      else await this.deps.answers.answerAside(dc.context, clause, 'asked', told);
    }
    return { ...draft, values, history: this.slots.map((s) => s.key).filter((k) => values[k] !== undefined) };
  }

  /**
   * "我听不见接不了电话 只能发短信", said at any question or at the summary, read before any command
   * ("别给我打电话" is no call for a person): kept for the case, said back, and the step goes on
   * (its answer taken when the message gives it: the phone said with it).
   */
  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const draft = await this.load(dc);
    const input = dc.context.activity.text ?? '';
    const filling = draft && (draft.phase === 'form' || draft.phase === 'summary') ? draft : undefined;
    // "医院会打电话给俺吗 俺听不见" from someone who can only type: no call, and how they are reached (noted now if said now).
    const phoned = filling ? asksIfPhoned(input) : undefined;
    if (filling && phoned && (filling.values.textOnly || saysCannotPhone(input))) {
      const answer = phoned === 'hospital' ? t.textOnly.noCallsHospital : [t.textOnly.noCallsUs, filling.values.textOnly ? '' : this.deps.sms ? t.textOnly.noted : t.textOnly.notedInChat].filter(Boolean).join('\n');
      return this.proceed(dc, { ...filling, values: { ...filling.values, textOnly: true } }, `${answer}\n`);
    }
    // "我没法接电话，可以只留微信吗": a phone is still needed; calls said impossible are noted, and the step goes on.
    if (draft && (draft.phase === 'form' || draft.phase === 'summary') && asksOtherContact(input)) {
      const noCalls = saysCannotPhone(input);
      return this.proceed(dc, { ...draft, values: noCalls ? { ...draft.values, textOnly: true } : draft.values, attempts: 0 }, `${t.textOnly.otherContact(noCalls)}\n`);
    }
    // "我听不见 转人工 打字聊" still asks for a person: the desk takes it.
    if (!draft || (draft.phase !== 'form' && draft.phase !== 'summary') || !textOnlySaid(input) || ASKS_A_PERSON.test(input)) return super.continueDialog(dc);
    const slot = draft.phase === 'form' ? this.currentSlot(draft) : undefined;
    // "13603751188 只能发短信" at another step: the phone is kept for its field (a mobile never given up for a landline), as any step keeps one.
    const phone = slot && slot.key !== 'phone' && !ID_STEPS.includes(slot.key) ? phoneIn(input) : undefined;
    const kept = phone && !(isMobile(draft.values.phone) && !isMobile(phone)) ? phone : undefined;
    const noting: ApplicationDraft = { ...draft, values: { ...draft.values, textOnly: true, ...(kept ? { phone: kept } : {}) }, attempts: 0 };
    const noted = [this.deps.sms ? t.textOnly.noted : t.textOnly.notedInChat, kept ? (draft.values.phone && draft.values.phone !== kept ? t.phoneChanged : t.phoneKept) : undefined].filter(Boolean).join('\n');
    const answer = slot?.parse(phone ? withoutPhone(input) : input, noting.values, this.context());
    if (!slot || !answer?.ok) return this.proceed(dc, noting, `${noted}\n`);
    await this.say(dc, noted);
    return this.take(dc, noting, slot, answer);
  }

  /** The draft is the truth: gone means submitted or cancelled elsewhere (another device). */
  protected async load(dc: DialogContext): Promise<ApplicationDraft | undefined> {
    return (await this.deps.drafts.get(userKeyOf(dc.context)))?.draft;
  }

  /** A draft gone because this very submission was confirmed by a turn that ran alongside this one. */
  protected async gone(dc: DialogContext): Promise<DialogTurnResult> {
    const { submissionId } = dc.activeDialog!.state as ApplicationDialogState;
    const record = submissionId ? await this.deps.useCases.submission.submitted(submissionId) : undefined;
    return record ? this.confirmed(dc, record) : dc.endDialog();
  }

  protected async onStep(dc: DialogContext, draft: ApplicationDraft, input: string): Promise<StepResult> {
    // "要上门评定", "俺娘出不了门 能上门办的那种不" at any question, the summary too: kept for submitting, the question asked again.
    if (draft.phase !== 'resume' && wantsSomeoneToCome(input)) return this.homeVisit(dc, draft, input);
    // "她没有残疾证", "我已经有证了" at the consent or any question: what it means for the form is said, and it is kept.
    const held = draft.phase === 'consent' || draft.phase === 'form' ? certificateSaid(input) : undefined;
    if (held !== undefined && !this.otherCertificate(draft, input)) return this.certificateHeld(dc, draft, held);
    // "哎 还是要吧" just after an item was left out: it is put back.
    if ((draft.phase === 'form' || draft.phase === 'summary') && draft.dropped?.length && WANTS_BACK.test(normalizeText(input).replace(/[\s\p{P}]+/gu, ''))) {
      return this.addItems(dc, draft, { picks: [...(draft.values.picks ?? []), ...draft.dropped.filter((p) => !draft.values.picks?.includes(p))] });
    }
    // "算了不改了" while changing a field from the summary: nothing changed, the summary again.
    // (Items picked one by one before it are put back too: the answers are those the summary showed.)
    if (this.changing(draft) && (keepsAsIs(input) || this.stillRight(draft, input))) {
      const values = draft.shown ?? { ...draft.values, addressDraft: undefined };
      return this.proceed(dc, { ...draft, phase: 'form', editing: undefined, pending: undefined, dropped: undefined, values, attempts: 0 }, `${t.summary.keptAsIs}\n`);
    }
    switch (draft.phase) {
      case 'confirmChange': {
        const pending = draft.pending!;
        const slot = this.slots.find((s) => s.key === pending.key)!;
        const back: ApplicationDraft = { ...draft, phase: 'summary', pending: undefined };
        // "不对 是28号": another correction, read as at the summary.
        const again = this.changeSaid(back, input);
        if (again) return this.change(dc, back, again);
        // "不对 是28号": the part said again, put into the old value and read back in turn.
        const rest = normalizeText(input).trim().replace(NOT_THAT, '');
        const part = rest && rest !== normalizeText(input).trim() ? this.changedTo(back, { key: pending.key, value: rest }) : undefined;
        if (part?.ok && part.amended) return this.proceed(dc, { ...back, phase: 'confirmChange', pending: { key: pending.key, set: part.set }, attempts: 0 });
        // 不对: not what was meant, the field is asked whole.
        return this.confirm(dc, labelChoices(t.summary.amendButtons), (yes) =>
          yes ? this.take(dc, { ...back, phase: 'form', editing: pending.key }, slot, { ok: true, set: pending.set }) : this.proceed(dc, { ...back, phase: 'form', editing: pending.key, attempts: 0 }),
        );
      }
      case 'resume':
        return this.choose(dc, labelChoices(t.resumeButtons), (i) => (i === 0 ? this.resume(dc, { ...draft, phase: draft.before ?? 'form' }) : this.restart(dc)));
      case 'consent': {
        // "他瘫在床上好几年了" before agreeing: heard, the consent asked again. "我家住城关镇东街12号", an ID
        // number: personal data, never kept before the consent is given; said so, and the consent asked again.
        if (asksHomeVisit(input)) return this.homeVisit(dc, draft, input);
        const early = recognizeConfirmation(input, labelChoices(t.consentButtons)) === undefined ? fieldSaidEarly(input, draft.values, this.context()) : undefined;
        if (early) return this.proceed(dc, { ...draft, attempts: 0 }, `${t.consentFirst(t.labels[early.key])}\n`);
        // "为啥要这么多信息", "不同意会怎样": asked about the consent itself, answered by it.
        return this.confirm(
          dc,
          labelChoices(t.consentButtons),
          async (yes) => {
            if (yes) return this.proceed(dc, { ...draft, phase: 'form' });
            await this.deps.drafts.delete(userKeyOf(dc.context));
            await this.say(dc, t.consentDeclined);
            return dc.endDialog();
          },
          fieldAnswer(input, t.consentAnswers, CONSENTING),
        );
      }
      case 'confirmCancel':
        // "是的 取消", "对 不办了", "嗯 取消吧": a yes said with the cancel it confirms; "不是 接着填", a no with going on.
        switch (cancelSaidAgain(input)) {
          case true:
            return this.discard(dc);
          case false:
            return this.proceed(dc, { ...draft, phase: draft.before ?? 'form' });
        }
        return this.confirm(dc, labelChoices(t.cancelButtons), (yes) => (yes ? this.discard(dc) : this.proceed(dc, { ...draft, phase: draft.before ?? 'form' })));
      case 'tooManyTries':
        // 转人工 and 不办了 are commands; 再试一次 asks again, anything else is another try.
        if (recognizeChoice(input, labelChoices(t.tooManyTriesButtons))?.value === 0) return this.proceed(dc, this.settled(draft));
        return this.onStep(dc, this.settled(draft), input);
      case 'summary': {
        if (SHOW_FULL.test(normalizeText(input))) {
          await this.say(dc, this.summaryText(draft.values, true), this.summaryOptions());
          return Dialog.EndOfTurn;
        }
        // "那个护理补贴俺也不要了": the item taken off, the summary (or what is now missing) shown again.
        const left = asksSomething(input) ? [] : itemsLeft(input, draft.values.picks ?? []);
        if (left.length) return this.dropItems(dc, { ...draft, phase: 'form' }, left);
        const added = this.itemsAdded(draft, input);
        if (added) return this.addItems(dc, draft, added.set, added.note);
        // "不是低保 是低收入户 村里给认定过" with the allowance left out for no 低保: kept for 民政 to judge.
        const kept = droppedItems(draft.values).includes('living-allowance') && !asksSomething(input) && dibaoSaid(input) !== true ? livingKeptSaid(input, true) : undefined;
        if (kept) return this.proceed(dc, { ...draft, values: { ...draft.values, ...kept.set }, attempts: 0 }, `${kept.note}\n`);
        const change = this.changeSaid(draft, input);
        if (change) return this.change(dc, draft, change);
        // "那还是给俺寄家里吧 俺奶奶下不了床": the other way to get the certificate, no field named, as "领证方式改成邮寄".
        const way = asksSomething(input) || OTHER_THAN_THE_CARD.test(normalizeText(input)) ? undefined : deliveryMentioned(input);
        if (way && way.value !== draft.values.delivery && this.editableFields(draft).some((f) => f.value === 'delivery')) return this.change(dc, draft, { key: 'delivery', value: way.label });
        // "地址改成城关镇李家庄村" with the card to be picked up: no address is on the form, and how to have it mailed.
        if (draft.values.delivery === 'pickup' && !asksSomething(input) && ADDRESS_NAMED.test(normalizeText(input))) {
          return new NotAnswered(t.errors.choice, { answer: t.summary.pickupNoAddress });
        }
        // "确认提交要多久" asks, though it holds a button's words: a question picks no button.
        const picked =
          asksSomething(input) && !saysSubmit(input)
            ? undefined
            : (recognizeChoice(input, this.summaryOptions())?.value ?? (saysSubmit(input) || recognizeYesNo(input) === true ? 0 : WRONG.test(normalizeText(input)) ? 1 : undefined));
        if (picked === 0) return this.submit(dc, draft);
        if (picked === 1) return this.proceed(dc, { ...draft, phase: 'editPick' });
        if (picked === 2) return this.proceed(dc, { ...draft, before: 'summary', phase: 'confirmCancel' });
        // "那生活补贴我们家还能申请不 刚才没选", the allowance left out or never picked: who gets it, and how to add it,
        // never a "不一定" beside the form's own "要低保家庭".
        if (asksSomething(input) && LIVING_NAMED.test(normalizeText(input)) && !finalItems(draft.values).includes('living-allowance')) {
          return new NotAnswered(t.errors.choice, { answer: t.summary.livingAsked });
        }
        // "评定那天孩子要去吗 得请一天假不": who goes to the appraisal, from this very application.
        if (asksSomething(input) && needsAppraisal(draft.values) && APPRAISAL_DAY.test(normalizeText(input).replace(/\s+/gu, ''))) {
          return new NotAnswered(t.errors.choice, { answer: draft.values.homeAppraisal ? t.summary.appraisalDayHome : t.summary.appraisalDay });
        }
        // "在哪领 我上班没空" with the card to be picked up: where, and mailing offered instead.
        if (asksSomething(input) && draft.values.delivery === 'pickup' && PICKUP_ASKED.test(normalizeText(input).replace(/\s+/gu, ''))) {
          return new NotAnswered(t.errors.choice, { answer: t.summary.pickupWhere });
        }
        // "提交了我还得干啥 要跑几趟": what is left to do, from this very application.
        if (ASKS_WHAT_IS_LEFT.test(normalizeText(input).replace(/\s+/gu, ''))) return new NotAnswered(t.errors.choice, { answer: this.whatIsLeft(draft.values) });
        // "提交了以后多久有结果": a question about submitting, answered by the step itself.
        // "不知道" here is no question about submitting: the base's word for it is said.
        const answer = nonAnswer(input) ? undefined : fieldAnswer(input, t.summary.answers, SUBMITTING);
        // With a home appraisal asked for, the hospital phones ("提交以后多久有人打电话"): not a time to book.
        const said = answer === t.summary.answers.when && draft.values.homeAppraisal ? t.summary.whenHome : answer;
        return new NotAnswered(t.errors.choice, { answer: said && smsSaid(said, this.deps.sms ?? false, true) });
      }
      case 'editPick': {
        const picked = recognizeChoice(input, this.editableFields(draft));
        if (picked) return this.proceed(dc, { ...draft, phase: 'form', editing: picked.value, attempts: 0 });
        // "低保那一项改成是", "低保填错了": the field in people's words, and its new value when one is said.
        const named = this.changeSaid(draft, input, true);
        if (named) return this.change(dc, draft, named);
        // "确认提交", "不改了": nothing to change after all, the summary again (submitting is its own button there).
        if (saysSubmit(input) || NOTHING_TO_CHANGE.test(normalizeText(input).replace(/[\s\p{P}]+/gu, ''))) return this.proceed(dc, { ...draft, phase: 'summary' });
        return new NotAnswered(t.errors.choice);
      }
      case 'form':
        return this.answerSlot(dc, draft, input);
    }
  }

  /**
   * A field named at the summary as wrong ("地址不对，要改成…", "电话写错了，是…", "改一下地址"):
   * the field, and the new value when one follows. `picking`: said where the field to change is
   * asked, where naming it is enough ("低保那一项").
   */
  private changeSaid(draft: ApplicationDraft, saidAs: string, picking = false): { key: SlotKey; value?: string; wrong?: string } | undefined {
    // "村子名字写错了": the village's name, never the applicant's.
    const input = saidAs.replace(/村(?:子|里)?的?名字/gu, '村名');
    // "没错", "不错" and "没写错" say nothing is wrong.
    const said = normalizeText(input).replace(/没有?[写打填说记弄搞]?错|不错/gu, '');
    const changing = CHANGE.test(said);
    if (asksSomething(input)) return undefined;
    // "低保那个不知道算不算 让民政看着办吧": a field named with a new value that fits it, no word of change.
    const plain = !picking && !changing && !WRITE.test(said);
    const fields = this.editableFields(draft).map((f) => ({ ...f, synonyms: t.fieldWords[f.value] }));
    const named = recognizeChoices(input, fields);
    // "后面还有个二单元", "村名不对 是李庄": parts of the address, which no other field has; "不是幸福路8号 是幸福路18号",
    // no field named: the one field whose value holds the part said wrong.
    if (named.length === 0) return this.addressPartCorrected(draft, input) ?? (plain ? undefined : this.partCorrected(draft, input));
    if (named.length !== 1) return undefined;
    const key = named[0].value;
    const after = newValueOf(input, [named[0].label, ...(named[0].synonyms ?? [])]);
    // "地址弄乱了 应该是城关镇…": only the address is the new value, never the words leading to it; "地址是七组九号",
    // "地址错了 是西街村", "地址里的东街村改成西街村": parts of the address there, read as the whole they make.
    const current = draft.values.address;
    const parts = key === 'address' && after !== undefined && typeof current === 'string' ? addressPartsSaid(current, after) : undefined;
    const value = key === 'address' && after !== undefined ? (parts ? after : addressValue(after)) : after;
    const whole = parts ?? value;
    // "地址填城关镇幸福路8号" says no change in words: only a value that fits the field makes it one.
    const read = whole ? this.slots.find((s) => s.key === key)!.parse(whole, draft.values, this.context()) : undefined;
    if (!changing && !read?.ok) return picking ? { key } : undefined;
    if (plain && (!read?.ok || read.set[key] === draft.values[key])) return undefined;
    // "不是东大街十八号 是西大街十八号": the old part named, for the new one to take its place.
    return { key, value, wrong: key === 'address' && after !== undefined && value !== undefined ? addressDenied(after) : undefined };
  }

  /** Parts of the address said with no field named ("后头还得加上 三单元二楼", "村名不对 是李庄"): the address, and the words. */
  private addressPartCorrected(draft: ApplicationDraft, input: string): { key: SlotKey; value: string } | undefined {
    const current = draft.values.address;
    if (typeof current !== 'string' || !this.editableFields(draft).some((f) => f.value === 'address')) return undefined;
    return typeof addressPartsSaid(current, input, false) === 'string' ? { key: 'address', value: input } : undefined;
  }

  /** A correction of a part of one field's value, no field named ("不是幸福路8号 是幸福路18号"): that field, and the words. */
  private partCorrected(draft: ApplicationDraft, input: string): { key: SlotKey; value: string } | undefined {
    // "把3单元改成5单元", "单元号错了 不是3单元 是5单元": what leads to the part said wrong is none of it.
    const said = normalizeText(input).trim().replace(PART_LEAD_IN, '');
    const { wrong } = notWrong(said);
    if (!wrong) return undefined;
    const holding = this.editableFields(draft).filter((f) => {
      const value = draft.values[f.value];
      return typeof value === 'string' && replacePart(value, wrong, '') !== undefined;
    });
    return holding.length === 1 ? { key: holding[0].value, value: said } : undefined;
  }

  /** "没错", "对的" at a field asked again from the summary, where it is no answer (at 低保户吗, "对的" is one). */
  private stillRight(draft: ApplicationDraft, input: string): boolean {
    const slot = draft.phase === 'form' ? this.currentSlot(draft) : undefined;
    return slot !== undefined && STILL_RIGHT.test(normalizeText(input).replace(/[\s\p{P}]+/gu, '')) && !slot.parse(input, draft.values, this.context()).ok;
  }

  /**
   * Whether something is being changed from the summary: its field list, a part read back, a field asked again,
   * or a question an item added there brought (the 低保 of a living allowance).
   */
  private changing(draft: ApplicationDraft): boolean {
    if (draft.phase === 'editPick' || draft.phase === 'confirmChange') return true;
    return draft.phase === 'form' && (draft.shown !== undefined || (draft.submissionId !== undefined && draft.editing !== undefined && draft.values[draft.editing] !== undefined));
  }

  /** Takes a new value said at the summary and shows the summary again; without one, asks the field. */
  private async change(dc: DialogContext, draft: ApplicationDraft, change: { key: SlotKey; value?: string; wrong?: string }): Promise<DialogTurnResult> {
    const editing: ApplicationDraft = { ...draft, phase: 'form', editing: change.key, attempts: 0 };
    const slot = this.slots.find((s) => s.key === change.key)!;
    const result = this.changedTo(draft, change);
    if (!result?.ok) return this.proceed(dc, editing);
    // A part put in place of the old ("门牌是18号"): the whole new value read back, kept only on 对.
    if (result.amended && result.set[change.key] !== draft.values[change.key]) {
      return this.proceed(dc, { ...draft, phase: 'confirmChange', pending: { key: change.key, set: result.set }, attempts: 0 });
    }
    // The value already there: said so, never a change claimed that did not happen.
    if (result.set[change.key] === draft.values[change.key] && !result.stay) {
      return this.proceed(dc, { ...draft, attempts: 0 }, `${t.summary.unchanged(t.labels[change.key], slot.display(draft.values, false))}\n`);
    }
    // The new value said back, so a misheard one is caught before 确认提交 (the certificate is mailed to it).
    const readBack = t.summary.changedTo(t.labels[change.key], slot.display({ ...draft.values, ...result.set }, false));
    return this.take(dc, editing, slot, { ...result, note: [result.note, readBack].filter(Boolean).join('\n') });
  }

  /** Items asked for at the summary ("还有那个低保的生活补贴俺也要"): the items with them, as the items' step reads them. */
  private itemsAdded(draft: ApplicationDraft, input: string): { set: Values; note?: string } | undefined {
    const said = normalizeText(input);
    if (!ADDS.test(said) || asksSomething(said)) return undefined;
    // An item an answer left out ("不是低保户") is added back as any other.
    const dropped = droppedItems(draft.values) as Pick[];
    const before = (draft.values.picks ?? []).filter((p) => !dropped.includes(p));
    const read = this.slots.find((s) => s.key === 'picks')!.parse(said, { ...draft.values, picks: before }, this.context());
    if (!read.ok || !read.set.picks) return undefined;
    const picks = read.set.picks;
    if (!before.every((p) => picks.includes(p)) || picks.length <= before.length) return undefined;
    const set: Values = { ...read.set, picks: [...new Set([...(draft.values.picks ?? []), ...picks])] };
    // "把生活补贴也加上吧 让民政看着办": kept for 民政 to judge; otherwise the answer that left it out is asked again.
    // Dropped for no 低保, so not on 低保: 民政 is left to check only whether the family is low-income.
    const kept = picks.includes('living-allowance') && dropped.includes('living-allowance') ? livingKeptSaid(said, true) : undefined;
    for (const item of picks.filter((p) => dropped.includes(p))) {
      const step = STEP_OF_ITEM[item];
      if (item === 'living-allowance' && kept) Object.assign(set, kept.set);
      else if (step) set[step] = undefined;
    }
    return { set, note: [read.note, kept?.note].filter(Boolean).join('\n') || undefined };
  }

  /** Items added (or put back): said back, and whatever they need asked before the summary again. */
  private addItems(dc: DialogContext, draft: ApplicationDraft, set: Values, note?: string): Promise<DialogTurnResult> {
    const left = droppedItems(draft.values) as Pick[];
    const added = (set.picks ?? []).filter((p) => !(draft.values.picks ?? []).includes(p) || left.includes(p));
    const names = added.map((item) => t.itemOptions[item as keyof typeof t.itemOptions]).join('、');
    const values: Values = { ...draft.values, ...set, picksSaid: undefined };
    return this.proceed(dc, { ...draft, phase: 'form', values, editing: undefined, dropped: undefined, attempts: 0 }, `${[t.itemAdded(names), note].filter(Boolean).join('\n')}\n`);
  }

  /** What the applicant still does after submitting this application: hand in, the appraisal, the certificate. */
  private whatIsLeft(v: Values): string {
    const left = t.summary.left;
    const appraisal = needsAppraisal(v) ? (v.homeAppraisal ? left.home : left.hospital) : '';
    return left.intro([v.channel ? left[v.channel] : '', appraisal, v.delivery ? left[v.delivery] : ''].join(''));
  }

  /**
   * The new value said for a field, read by its slot; `amended` when a part said was put into the old value
   * ("门牌是18号", "把8号改成18号"), so the whole is read back before it is kept.
   */
  private changedTo(draft: ApplicationDraft, change: { key: SlotKey; value?: string; wrong?: string }): (ParseResult & { amended?: boolean }) | undefined {
    const said = change.value === undefined ? undefined : notWrong(change.value);
    if (!said) return undefined;
    const wrong = change.wrong ?? said.wrong;
    const current = draft.values[change.key];
    // "是五组 不是二十三号 是三十二号", "后头还得加上 三单元二楼": parts of the address, each in place of the old one of
    // its kind or added where it belongs, the rest kept, and the whole read back.
    const parts = change.key === 'address' && typeof current === 'string' && change.value !== undefined ? addressPartsSaid(current, change.value) : undefined;
    if (parts === null) return undefined;
    if (parts !== undefined) return { ...this.slots.find((s) => s.key === 'address')!.parse(parts, draft.values, this.context()), amended: true };
    // "东大街二十八号" for "城关镇东大街十八号": an address said in part keeps what it leaves unsaid, and a part
    // that has no place in it is no address (the field is asked). Another field's part said wrong
    // ("不是王建国 是王建军") is put in its place.
    const value =
      change.key === 'address' && typeof current === 'string'
        ? amendAddress(current, said.value, wrong)
        : wrong && typeof current === 'string'
          ? (replacePart(current, wrong, said.value) ?? said.value)
          : said.value;
    // "地址最后再写上二楼" unread: the words of the request are never the address (it is asked instead).
    if (value === undefined || (change.key === 'address' && CHANGE_REQUEST.test(value))) return undefined;
    // A street or village said ("西大街18号") is read back with the summary, the town above it kept; a bare part ("18号"), put
    // into the old value, is asked about first.
    const amended = value !== said.value && !(change.key === 'address' && addressSaid(said.value));
    return { ...this.slots.find((s) => s.key === change.key)!.parse(value, draft.values, this.context()), amended };
  }

  /**
   * After the "too many tries" menu, any way out leads back to the question itself: the field still
   * to ask, or the summary when every field is filled (the menu is reached there too).
   */
  private settled(draft: ApplicationDraft): ApplicationDraft {
    if (draft.phase !== 'tooManyTries') return draft;
    const form: ApplicationDraft = { ...draft, phase: 'form' };
    return this.currentSlot(form) ? form : { ...draft, phase: 'summary' };
  }

  /** The question the draft stands at, asked again from outside a turn's steps. */
  async repromptDialog(context: TurnContext): Promise<void> {
    const draft = (await this.deps.drafts.get(userKeyOf(context)))?.draft;
    if (!draft) return;
    const { message, options } = this.question(this.settled(draft));
    await context.sendActivity(messageWithButtons(message, options.map((o) => o.label)));
  }

  protected shownLabels(_dc: DialogContext, draft: ApplicationDraft): string[] {
    return this.question(this.settled(draft)).options.map((o) => o.label);
  }

  protected reprompt(dc: DialogContext, draft: ApplicationDraft, prefix = ''): Promise<DialogTurnResult> {
    return this.proceed(dc, this.settled(draft), prefix);
  }

  protected notUnderstood(dc: DialogContext, draft: ApplicationDraft, error = t.errors.choice): Promise<DialogTurnResult> {
    return this.retry(dc, draft, error);
  }

  /** Once the consent is given the person applies here; before it they may yet go to a window. */
  protected appliesHere(draft: ApplicationDraft): boolean {
    return draft.phase !== 'consent';
  }

  /**
   * "俺家娃脑子不太灵光想给他办个残疾证" + "上哪个医院看": the category the form has heard (said, or
   * described and still to confirm), so where to be appraised is that category's hospital.
   */
  protected conditionOf(draft: ApplicationDraft): string | undefined {
    const category = draft.values.category ?? draft.values.categoryGuess;
    return category && `${category}残疾`;
  }

  protected get continuePrefix(): string {
    return t.continueAfterAnswer;
  }

  protected helpText(draft: ApplicationDraft): string {
    const slot = this.currentSlot(draft);
    return t.help(slot ? t.examples[slot.key as keyof typeof t.examples] ?? '' : '');
  }

  protected humanNote(): string {
    return t.humanKept;
  }

  /** "取消" asks to confirm, since the draft is deleted; said again when asked, it confirms. */
  protected cancel(dc: DialogContext, draft: ApplicationDraft): Promise<DialogTurnResult> {
    if (draft.phase === 'confirmCancel') return this.discard(dc);
    return this.proceed(dc, { ...draft, before: this.settled(draft).phase, phase: 'confirmCancel' });
  }

  /** The draft stays where it is: "继续上次的申请" picks it up (at the question, not at a "确定不办了吗"). */
  protected async pause(dc: DialogContext, draft: ApplicationDraft): Promise<DialogTurnResult> {
    if (draft.phase === 'confirmCancel' || draft.phase === 'resume') await this.save(dc, { ...draft, phase: draft.before ?? 'form' });
    setTurnOutcome(dc.context, { outcome: 'application-paused' });
    await this.say(dc, t.paused);
    return dc.endDialog();
  }

  private async discard(dc: DialogContext): Promise<DialogTurnResult> {
    await this.deps.drafts.delete(userKeyOf(dc.context));
    setTurnOutcome(dc.context, { outcome: 'application-cancelled' });
    await this.say(dc, t.cancelled);
    return dc.endDialog();
  }

  /** Validates an answer to the current slot, stores it, and moves to the next question. */
  private async answerSlot(dc: DialogContext, draft: ApplicationDraft, input: string): Promise<StepResult> {
    const slot = this.currentSlot(draft);
    if (!slot) return this.proceed(dc, draft);
    // "跟刚才一样" at the question gone back to: the answer it had (with the items, their sub-answers).
    const before = draft.undone?.[slot.key];
    if (before !== undefined && SAME_AS_BEFORE.test(normalizeText(input).replace(/[\s\p{P}]+/gu, ''))) {
      const { certAction, employment } = draft.undone!;
      const set: Values = slot.key === 'picks' ? { picks: before as Pick[], picksSaid: undefined, certAction, employment } : { [slot.key]: before };
      return this.take(dc, draft, slot, { ok: true, set });
    }
    // The address asked again from the summary: read against the one it had, never the words of a change kept.
    const again = slot.key === 'address' ? this.addressAgain(dc, draft, slot, input) : undefined;
    if (again) return again;
    // "她不是低保 能领生活补贴吗" at the 低保 question: the answer is what was said, and what it means for the allowance is told (never a general "不一定").
    // "不是低保 是低收入家庭 能领不": a low-income family, the allowance kept for 民政 to judge.
    const toldDibao = slot.key === 'dibao' && asksSomething(input) ? clausesOf(input).filter((c) => !asksSomething(c)).join('，') : '';
    const statedDibao = toldDibao ? dibaoSaid(toldDibao) : undefined;
    if (statedDibao !== undefined || (toldDibao && lowIncomeSaid(toldDibao))) {
      const stated = slot.parse(lowIncomeSaid(toldDibao) ? toldDibao : statedDibao ? '是' : '不是', draft.values, this.context());
      if (stated.ok) return this.take(dc, draft, slot, stated);
    }
    // "证和生活补贴 他是一级的能领护理补贴不" at the items: the items told are taken, and what is asked answered beside them.
    if (slot.key === 'picks' && asksSomething(input)) {
      const clauses = clausesOf(input);
      // Being on 低保 or not ("我家不是低保 能领护理补贴吗") is no pick of the living allowance.
      const told = clauses.filter((c) => !asksSomething(c) && dibaoSaid(c) === undefined).join(' ');
      const asked = clauses.filter((c) => asksSomething(c));
      const picked = told && asked.length ? slot.parse(told, draft.values, this.context()) : undefined;
      if (picked?.ok && (picked.set.picks?.length ?? 0) > (draft.values.picks?.length ?? 0)) {
        for (const question of asked) await this.deps.answers.answerAside(dc.context, question, 'asked', told, undefined, true);
        return this.take(dc, draft, slot, picked);
      }
    }
    // "跳过", "算了这个不要" at a step that serves one item: that item is left out, and the form goes on.
    const item = ITEM_OF_STEP[slot.key];
    if (item && leavesItem(input, item)) return this.dropItems(dc, draft, [item]);
    // A phone said at another step ("王建国 13912345678", "电话13912345678" at 户籍) is kept for the
    // phone's field, which is then not asked; the rest of the message is this step's answer.
    const phone = slot.key === 'phone' ? undefined : phoneIn(input);
    // At an ID step only a phone named as one, with no other long number beside it ("用我的电话吧 135…"): a partial ID may look like a mobile.
    const phoneOnly = phone !== undefined && (!ID_STEPS.includes(slot.key) || (PHONE_NAMED.test(input) && !/\d{6,}/u.test(withoutPhone(input).replace(/\s+/gu, ''))));
    const said = phoneOnly ? withoutPhone(input).replace(PHONE_WORDS, ' ').trim() : input;
    // Slots read item names, categories and numbers out of whole sentences: a question that
    // names one ("残疾证怎么办") is a question, unless the slot explains the item itself
    // ("护理补贴是什么"). A typed value (a phone) that fails its check is a wrong answer.
    // Nothing left to read (a blank message, or only a phone): the step's question again, not the buttons' error where it has none.
    const shown = slot.prompt(draft.values, this.context());
    const parsed: ParseResult = said ? slot.parse(said, draft.values, this.context()) : { ok: false, error: shown.options.length ? t.errors.choice : shown.text };
    // A landline beside the mobile given before: the mobile, where the notices go, stays; a phone changed is said so.
    const keepsMobile = phone !== undefined && isMobile(draft.values.phone) && !isMobile(phone);
    const phoneNote = keepsMobile ? t.landlineNotKept : draft.values.phone && draft.values.phone !== phone ? t.phoneChanged : undefined;
    const withPhone: ParseResult =
      phone && parsed.ok ? { ...parsed, set: keepsMobile ? parsed.set : { ...parsed.set, phone }, note: [phoneNote, parsed.note].filter(Boolean).join('\n') || undefined } : parsed;
    // "还有生活补贴 我家低保" at the items: the 低保 said is its own question's answer, not asked again.
    const dibao = slot.key === 'picks' && withPhone.ok && draft.values.dibao === undefined && !asksSomething(input) && dibaoSaid(input) === true;
    const result: ParseResult = dibao && withPhone.ok ? { ...withPhone, set: { ...withPhone.set, dibao: true }, note: [withPhone.note, t.keptDibao(true)].filter(Boolean).join('\n') } : withPhone;
    if (phone && !result.ok && !result.attempt) {
      const values = keepsMobile ? draft.values : { ...draft.values, phone };
      // "王建国 身份证110… 电话139…" at the name: the name and the field said after it are kept with the phone.
      const named = NAME_STEPS.includes(slot.key) ? this.nameWithField({ ...draft, values }, slot, said) : undefined;
      if (named) return this.take(dc, { ...draft, values, attempts: 0 }, slot, named);
      return this.proceed(dc, { ...draft, values, attempts: 0 }, `${phoneNote ?? t.phoneKept}\n`);
    }
    // "给我爸办 护理补贴也要" before the items: kept for the items' step, which shows it picked and asks for more.
    const itemsEarly = slot.key !== 'picks' && draft.values.picks === undefined && (result.ok || !result.attempt) ? this.itemsAdded({ ...draft, values: { ...draft.values, picks: draft.values.picksSaid } }, input) : undefined;
    if (itemsEarly) {
      const { picks, ...sub } = itemsEarly.set;
      const names = picks!.filter((p) => !draft.values.picksSaid?.includes(p)).map((p) => t.itemOptions[p as keyof typeof t.itemOptions]);
      const noted = [t.itemAdded(names.join('、')), itemsEarly.note].filter(Boolean).join('\n');
      const keeping: ApplicationDraft = { ...draft, values: { ...draft.values, ...sub, picksSaid: picks }, attempts: 0 };
      return result.ok ? this.take(dc, keeping, slot, { ...result, note: [noted, result.note].filter(Boolean).join('\n') }) : this.proceed(dc, keeping, `${noted}\n`);
    }
    // "等一下，生活补贴也想申请，我家是低保户" at a step after the items: the item added (with the 低保 said), this step asked again.
    const added = !result.ok && !result.attempt && slot.key !== 'picks' && draft.history.includes('picks') ? this.itemsAdded(draft, input) : undefined;
    if (added) {
      const dibao = draft.values.dibao === undefined && added.set.picks?.includes('living-allowance') && dibaoSaid(input) === true;
      return this.addItems(dc, draft, dibao ? { ...added.set, dibao: true } : added.set, [added.note, dibao ? t.keptDibao(true) : undefined].filter(Boolean).join('\n') || undefined);
    }
    // "张桂兰 住城关镇东街12号" at the name: the name, and the field said after it, both kept.
    const named = !result.ok && NAME_STEPS.includes(slot.key) ? this.nameWithField(draft, slot, input) : undefined;
    if (named) return this.take(dc, draft, slot, named);
    // "住址改一下 城关镇西大街18号院2单元" at the name, "交材料那个改成网上" at the next step: changed, this step asked again.
    const change = !result.ok && !result.attempt ? this.changeSaid(draft, input) : undefined;
    // Away from a name step, only a value that fits the field named ("还是网上弄吧 俺孙子会弄手机" names 手机 in passing).
    if (change?.value && change.key !== slot.key && (NAME_STEPS.includes(slot.key) || this.changedTo(draft, change)?.ok)) return this.change(dc, draft, change);
    // "不对 还是网上弄吧" just after answering the step before: that answer changed, this step asked again.
    const undo = !result.ok && !result.attempt ? this.previousChanged(draft, slot, input) : undefined;
    if (undo) return this.take(dc, { ...draft, editing: undo.slot.key }, undo.slot, undo.result);
    // "城关镇东街12号" at the category, an ID number at the name: kept for its own field, this one asked again.
    // A name step would take "柳树乡王庄村" or "户口就在示范县" for a name: another field is read first there.
    const early = result.ok && !NAME_STEPS.includes(slot.key) ? undefined : fieldSaidEarly(input, draft.values, this.context(), slot.key);
    if (early) return this.keepEarly(dc, draft, early);
    // "俺是她儿子 替她办" at a step about something else: who applies for whom is kept, and the step
    // takes what else was said ("…她叫张桂兰") or is asked again.
    const heard = result.ok || result.attempt || !RELATION_HEARD.includes(slot.key) ? undefined : speakerRelation(input);
    if (heard) {
      const relative: ApplicationDraft = { ...draft, values: { ...draft.values, role: 'proxy', relation: heard.relation }, attempts: 0 };
      const rest = heard.rest ? slot.parse(heard.rest, relative.values, this.context()) : undefined;
      return rest?.ok ? this.take(dc, relative, slot, rest) : this.proceed(dc, relative, `${text.flow.kinNoted}\n`);
    }
    // "俺自己办 就是俺本人" at a step about something else: for the speaker, kept, and the step asked again.
    if (!result.ok && !result.attempt && RELATION_HEARD.includes(slot.key) && saysSelf(input)) {
      return this.proceed(dc, { ...draft, values: { ...draft.values, role: 'self', relation: undefined }, attempts: 0 }, `${text.flow.selfNoted}\n`);
    }
    // "上门办的那种" at whatever field: what can come to the person, kept for submitting.
    if (!result.ok && !result.attempt && asksHomeVisit(input)) return this.homeVisit(dc, draft, input);
    // Not this field's answer: the base reads it as a question, or says the field's error.
    if (!result.ok) return new NotAnswered(result.error, result);
    const explains = (result.stay && result.note !== undefined && Object.keys(result.set).length === 0) || result.answers === true;
    // "说不好算啥 他腿脚不利索 脑子也有点糊涂了": asked which category, the question is answered and the one it describes offered
    // after it ("盲人能办残疾证不" asks no such thing: the step as it was).
    const guessed = result.stay && result.set.categoryGuess && ASKS_WHICH_CATEGORY.test(normalizeText(input)) ? { ...draft, values: { ...draft.values, categoryGuess: result.set.categoryGuess } } : draft;
    const aside = explains ? undefined : await this.questionFirst(dc, guessed, input, slot.freeText);
    return aside ?? this.take(dc, draft, slot, result);
  }

  /**
   * The address asked again from the summary (修改, 返回, a change in words it could not read), where the old one is
   * known: a change in words ("原来那个后面加上二单元就行", "村名不对 是李庄") is put into the old address, and a
   * new whole address is taken as it is; either is read back for 对/不对 before it is kept. Words of a change that
   * hold no part nor address are never the address (asked again how to change it). Undefined: read as any answer.
   */
  private addressAgain(dc: DialogContext, draft: ApplicationDraft, slot: Slot, input: string): Promise<StepResult> | StepResult | undefined {
    const old = draft.values.address ?? draft.shown?.address ?? draft.undone?.address;
    if (typeof old !== 'string' || asksSomething(input)) return undefined;
    const said = normalizeText(input).trim();
    // "原来那个就行", "跟原来一样": the old one kept.
    const bare = said.replace(/[\s\p{P}]+/gu, '');
    if (SAME_AS_BEFORE.test(bare) || OLD_KEPT.test(bare)) return this.take(dc, draft, slot, { ok: true, set: { address: old, addressDraft: undefined }, note: t.summary.unchanged(t.labels.address, old) });
    // Asked for the number of a street said whole: the number goes after that street, as at any time.
    const parts = draft.values.addressDraft ? undefined : addressPartsSaid(old, said);
    const request = parts === undefined && (CHANGE_REQUEST.test(said) || OLD_ADDRESS.test(said));
    const value = parts ?? (request ? addressSaid(said) : said);
    if (value === undefined || parts === null) return new NotAnswered(t.errors.addressPart, { attempt: true });
    const read = slot.parse(value, draft.values, this.context());
    // A plain answer that sets no address (a street whose number is asked, the way to get the card): as any answer.
    if (!read.ok || read.set.address === undefined) return value === said ? undefined : read.ok ? this.take(dc, draft, slot, read) : new NotAnswered(read.error, { attempt: true });
    if (read.set.address === old) return this.take(dc, draft, slot, { ...read, note: t.summary.unchanged(t.labels.address, old) });
    return this.proceed(dc, { ...draft, phase: 'confirmChange', pending: { key: 'address', set: read.set }, attempts: 0 });
  }

  /**
   * The answer just given, changed in the next message ("不对 还是网上弄吧", "改成自己去领"): said with a
   * change word and read as that step's answer; the new value is said back.
   */
  private previousChanged(draft: ApplicationDraft, current: Slot, input: string): { slot: Slot; result: Extract<ParseResult, { ok: true }> } | undefined {
    const said = normalizeText(input);
    const lead = CHANGES_PREVIOUS.exec(said);
    const key = draft.history.at(-1);
    const slot = key && key !== current.key && key !== 'picks' ? this.slots.find((s) => s.key === key) : undefined;
    // "不是低保 …村里…" at the 低保 question answers it: words of this step are never another's answer.
    if (!lead || !slot || asksSomething(said) || speaksOfStep(current.key, said)) return undefined;
    const rest = said.replace(CHANGES_PREVIOUS, ' ').trim();
    // Any text fits the address: only an address said there changes it.
    const value = slot.key === 'address' ? addressSaid(rest) : rest;
    if (value === undefined) return undefined;
    const result = slot.parse(value, draft.values, this.context());
    if (!result.ok || result.stay || result.set[slot.key] === undefined || result.set[slot.key] === draft.values[slot.key]) return undefined;
    const readBack = t.summary.changedTo(t.labels[slot.key], slot.display({ ...draft.values, ...result.set }, false));
    return { slot, result: { ...result, note: [result.note, readBack].filter(Boolean).join('\n') } };
  }

  /** A name first, then another field's value, apart ("张桂兰，家住柳树乡王庄村3组"): both, the field said kept. */
  private nameWithField(draft: ApplicationDraft, slot: Slot, input: string): Extract<ParseResult, { ok: true }> | undefined {
    const [head, ...rest] = input.trim().split(/[\s，,；;。]+/u);
    if (!rest.length) return undefined;
    const name = slot.parse(head, draft.values, this.context());
    const early = name.ok ? fieldSaidEarly(rest.join(' '), draft.values, this.context(), slot.key) : undefined;
    return name.ok && early ? { ok: true, set: { ...name.set, ...early.set }, note: earlyNote(draft.values, early) } : undefined;
  }

  /** A later field's value said before its question: kept (not asked when its turn comes), and the question now asked again, in one message. */
  private keepEarly(dc: DialogContext, draft: ApplicationDraft, early: { key: SlotKey; set: Values }): Promise<DialogTurnResult> {
    setTurnOutcome(dc.context, { outcome: `application-early-${early.key}` });
    return this.proceed(dc, { ...draft, values: { ...draft.values, ...early.set }, attempts: 0 }, `${earlyNote(draft.values, early)}\n`);
  }

  /**
   * Whether the applicant holds a certificate, said in a statement: at its own question, its
   * answer; before it, said what that means (no certificate: this form applies for it and the
   * subsidies together) and kept, unless the items picked say otherwise; the question asked again.
   */
  private async certificateHeld(dc: DialogContext, draft: ApplicationDraft, held: boolean): Promise<DialogTurnResult> {
    const slot = draft.phase === 'form' ? this.currentSlot(draft) : undefined;
    if (slot?.key === 'hasCertificate') return this.take(dc, draft, slot, { ok: true, set: { hasCertificate: held }, note: held ? undefined : t.certificateAdded });
    // Answered otherwise before: a statement never overturns the answer (the certificate applied for would silently go); its question is asked again.
    if (draft.values.hasCertificate === !held) return this.proceed(dc, { ...draft, editing: 'hasCertificate', attempts: 0 });
    await this.say(dc, held ? t.certificateHeld : t.noCertificateYet);
    const picks = draft.values.picks ?? draft.values.picksSaid ?? [];
    const contradicts = held ? picks.includes('cert-new') : picks.includes('cert-other');
    const values = contradicts ? draft.values : { ...draft.values, hasCertificate: held };
    return this.proceed(dc, { ...draft, values, attempts: 0 }, t.continueAfterAnswer);
  }

  /** "有证" at the 低保 question speaks of the 低保证: a bare 证 there is not the disability certificate. */
  private otherCertificate(draft: ApplicationDraft, input: string): boolean {
    return draft.phase === 'form' && this.currentSlot(draft)?.key === 'dibao' && !/残疾/u.test(input);
  }

  /**
   * Items left out at their own step or at the summary: their answers go with them, a certificate added
   * for them alone too; with nothing left, the items are asked again. Said in the same message as what comes next.
   */
  private dropItems(dc: DialogContext, draft: ApplicationDraft, items: Pick[]): Promise<DialogTurnResult> {
    const values: Values = { ...draft.values, picks: (draft.values.picks ?? []).filter((p) => !items.includes(p)) };
    for (const [key, of] of Object.entries(ITEM_OF_STEP)) if (items.includes(of)) delete values[key as SlotKey];
    if (!this.slots.find((s) => s.key === 'hasCertificate')!.required(values)) delete values.hasCertificate;
    let history = draft.history.filter((k) => values[k] !== undefined);
    if (!values.picks!.length) {
      delete values.picks;
      history = history.filter((k) => k !== 'picks');
    }
    const dropped = t.itemDropped(items.map((item) => t.itemOptions[item as keyof typeof t.itemOptions]).join('、'));
    return this.proceed(dc, { ...draft, values, history, editing: undefined, attempts: 0, dropped: items }, `${dropped}\n`);
  }

  /**
   * No one comes to collect the form, but an appraisal can come to the person: what is possible
   * is said, the wish kept (when an item needs an appraisal) and requested on submitting, and
   * the field asked again.
   */
  private async homeVisit(dc: DialogContext, draft: ApplicationDraft, input: string): Promise<DialogTurnResult> {
    const appraisal = needsAppraisal(draft.values);
    // Asked before any item is picked ("上门的那种" at "给谁申请"): kept for an appraisal that may come.
    const unknown = !itemsPicked(draft.values);
    await this.say(dc, appraisal ? t.homeVisit.appraisal : unknown ? t.homeVisit.beforeItems : t.homeVisit.noAppraisal);
    return this.proceed(dc, appraisal || unknown ? { ...draft, values: { ...draft.values, homeAppraisal: input.trim().slice(0, 200) } } : draft);
  }

  /** Keeps a slot's value, says its note, and asks what comes next (the same slot again while it stays). */
  private async take(dc: DialogContext, draft: ApplicationDraft, slot: Slot, result: Extract<ParseResult, { ok: true }>): Promise<DialogTurnResult> {
    const values = { ...draft.values, ...result.set };
    const history = result.stay || draft.history.includes(slot.key) ? draft.history : [...draft.history, slot.key];
    if (result.note) await this.say(dc, result.note);
    // A slot that stays (items picked one by one) is asked again until the user is done.
    const next: ApplicationDraft = { ...draft, values, history, attempts: 0, editing: result.stay ? slot.key : undefined, dropped: undefined };
    if (!result.stay && finalItems(values).length === 0 && draft.history.includes('picks')) {
      await this.deps.drafts.delete(userKeyOf(dc.context));
      await this.say(dc, t.nothingLeft);
      return dc.endDialog();
    }
    return this.proceed(dc, next);
  }

  /** Asks whatever comes next: the current slot, or the materials and summary when all is filled. */
  private async proceed(dc: DialogContext, draft: ApplicationDraft, prefix = ''): Promise<DialogTurnResult> {
    let next = draft;
    if (draft.phase === 'form' && !this.currentSlot(draft)) {
      const materials = this.materialsText(draft.values);
      next = { ...draft, phase: 'summary', materialsTold: materials, submissionId: draft.submissionId ?? randomUUID() };
      // What was just said is answered first ("好，给您加上…"), then the materials it brings, then the summary.
      if (materials !== draft.materialsTold) {
        await this.say(dc, `${prefix}${materials}`);
        prefix = '';
      }
    }
    if (next.submissionId) (dc.activeDialog!.state as ApplicationDialogState).submissionId = next.submissionId;
    if (next.phase === 'summary') next = { ...next, shown: next.values };
    await this.save(dc, next);
    const { message, options } = this.question(next);
    await this.say(dc, prefix ? `${prefix}${message}` : message, options);
    return Dialog.EndOfTurn;
  }

  private question(draft: ApplicationDraft): { message: string; options: ChoiceOption<unknown>[] } {
    switch (draft.phase) {
      case 'resume':
        return { message: t.resumeAsk(), options: labelChoices(t.resumeButtons) };
      case 'consent':
        return { message: t.consent, options: labelChoices(t.consentButtons) };
      case 'confirmCancel':
        return { message: t.cancelConfirm, options: labelChoices(t.cancelButtons) };
      case 'tooManyTries':
        return { message: t.tooManyTries, options: labelChoices(t.tooManyTriesButtons) };
      case 'summary':
        return { message: this.summaryText(draft.values), options: this.summaryOptions() };
      case 'confirmChange': {
        const { key, set } = draft.pending!;
        const shown = this.slots.find((s) => s.key === key)!.display({ ...draft.values, ...set }, false);
        return { message: t.summary.amendAsk(t.labels[key], shown), options: labelChoices(t.summary.amendButtons) };
      }
      case 'editPick':
        return { message: t.summary.pickField, options: this.editableFields(draft) };
      case 'form': {
        const prompt = this.currentSlot(draft)!.prompt(draft.values, this.context());
        return { message: prompt.text, options: prompt.options };
      }
    }
  }

  private async retry(dc: DialogContext, draft: ApplicationDraft, error: string): Promise<DialogTurnResult> {
    const attempts = draft.attempts + 1;
    if (attempts >= MAX_TRIES) {
      const stuck = (draft.stuck ?? 0) + 1;
      if (stuck >= 2) {
        // Still failing after the menu once: a person takes over; the answers so far are kept.
        await this.save(dc, { ...draft, attempts: 0, stuck: 0 });
        await this.say(dc, `${text.handoff.stuck}${t.humanKept}`);
        await this.flow.handoff.request(dc.context, 'stuck');
        return Dialog.EndOfTurn;
      }
      setTurnOutcome(dc.context, { outcome: 'application-too-many-tries' });
      return this.proceed(dc, { ...draft, attempts: 0, stuck, phase: 'tooManyTries' });
    }
    const next = { ...draft, attempts };
    await this.save(dc, next);
    await this.say(dc, error, this.question(next).options);
    return Dialog.EndOfTurn;
  }

  /** "返回": the answer before is asked again; when confirming a cancel, it means "继续填". */
  protected async back(dc: DialogContext, draft: ApplicationDraft): Promise<DialogTurnResult> {
    if (draft.phase === 'confirmCancel') return this.proceed(dc, { ...draft, phase: draft.before ?? 'form' });
    // At a part read back: the summary as it was (the address asked again, when 返回 had taken it off).
    if (draft.phase === 'confirmChange') return this.proceed(dc, { ...draft, phase: 'form', editing: undefined, pending: undefined });
    if (draft.phase === 'resume') return super.back(dc, draft);
    const history = [...draft.history];
    const last = history.pop();
    if (!last) return super.back(dc, draft);
    const values = { ...draft.values };
    delete values[last];
    delete values.addressDraft;
    delete values.certDropAsked;
    // The items are asked again with those picked shown ("已选：…还要别的吗"), to add to, take off or keep.
    if (last === 'picks') values.picksSaid = draft.values.picks;
    // What each step held before going back, kept across several 返回 ("跟刚才一样" at each step gives it back).
    return this.proceed(dc, { ...draft, phase: 'form', values, history, editing: undefined, attempts: 0, undone: { ...draft.undone, ...draft.values } });
  }

  private async resume(dc: DialogContext, draft: ApplicationDraft): Promise<DialogTurnResult> {
    await this.say(dc, t.resumed);
    return this.proceed(dc, { ...draft, phase: draft.phase === 'resume' ? 'form' : draft.phase });
  }

  private async restart(dc: DialogContext): Promise<DialogTurnResult> {
    await this.deps.drafts.delete(userKeyOf(dc.context));
    await this.say(dc, t.start);
    return this.proceed(dc, { phase: 'consent', values: {}, history: [], attempts: 0 });
  }

  private async submit(dc: DialogContext, draft: ApplicationDraft): Promise<DialogTurnResult> {
    const key = userKeyOf(dc.context);
    const v = draft.values;
    let items = finalItems(v);
    const submissionId = draft.submissionId ?? randomUUID();
    // This submission's own case (a repeat of "确认提交") is not a duplicate of itself.
    const open = await this.deps.cases.openCasesOf(v.idNumber!);
    if (nameDiffers(open, submissionId, v.name!)) {
      // The draft stays, so the person can correct the name or the number and submit again.
      setTurnOutcome(dc.context, { outcome: 'application-name-mismatch' });
      await this.say(dc, t.nameMismatch);
      return dc.endDialog();
    }
    const already = (id: ItemId) => openCaseWith(open, submissionId, id);
    // Another case's number is said only to whoever filed it from this chat.
    const own = (c: CaseRecord) => c.submittedBy.userKey === key;
    const duplicates = items.filter((id) => already(id));
    if (duplicates.length === items.length) {
      await this.deps.drafts.delete(key);
      setTurnOutcome(dc.context, { outcome: 'application-duplicate' });
      const other = already(items[0])!;
      await this.say(dc, own(other) ? t.duplicate(other.caseNo) : t.duplicateElsewhere);
      return dc.endDialog();
    }
    if (duplicates.length) {
      const other = already(duplicates[0])!;
      const names = duplicates.map((id) => t.itemNames[id]).join('、');
      await this.say(dc, own(other) ? t.partlyDuplicate(other.caseNo, names) : t.partlyDuplicateElsewhere(names));
      items = items.filter((id) => !duplicates.includes(id));
    }
    const materials = materialsFor(v);
    const record = await this.deps.useCases.submission.submit({
      submissionId,
      by: `chat:${key}`,
      applicant: {
        name: v.name!,
        idNumber: v.idNumber!,
        birthDate: v.birthDate!,
        phone: v.phone!,
        hukou: v.hukou!,
        ...(v.address ? { address: v.address } : {}),
        ...(v.category ? { category: v.category } : {}),
        ...(v.grade ? { grade: v.grade } : {}),
      },
      submittedBy: { role: v.role!, ...(v.relation ? { relation: v.relation } : {}), userKey: key },
      ...(v.guardianName ? { guardian: { name: v.guardianName, idNumber: v.guardianId!, relation: v.guardianRelation! } } : {}),
      items: caseItemsOf(v, items),
      // Left to 民政 with nothing said of 低保: no 低保 answer is recorded, only what 民政 is to check.
      facts: {
        ...(v.minzhengChecks === 'dibao' ? {} : { dibao: v.dibao }),
        ...(v.lowIncome ? { lowIncome: true } : {}),
        ...(v.minzhengChecks ? { minzhengChecks: v.minzhengChecks } : {}),
        student: v.student,
        wheelchair: v.wheelchair,
      },
      materials: { verified: materials.verified, toSubmit: materials.toSubmit },
      channel: v.channel!,
      ...(v.delivery ? { delivery: v.delivery } : {}),
      ...(v.notifyBy && this.slots.some((s) => s.key === 'notifyBy' && s.required(v)) ? { notifyBy: v.notifyBy } : {}),
      ...(v.textOnly ? { contact: 'text-only' as const, note: t.textOnly.caseNote } : {}),
      conversation: TurnContext.getConversationReference(dc.context.activity),
    });
    await this.deps.drafts.delete(key);
    // Asked for at the channel question: requested now the case exists.
    const home = v.homeAppraisal && needsAppraisal(v) ? await this.deps.useCases.appointments.requestHome(record.caseNo, key, v.homeAppraisal) : undefined;
    return this.confirmed(dc, record, true, home === 'recorded' ? (v.textOnly ? t.textOnly.homeRecorded : t.homeVisit.recorded) : '');
  }

  /**
   * The case number and what comes next: the same answer to every repeat of one submission. The
   * submitting turn goes on to the materials; a repeat after that does not ask for them again.
   */
  private async confirmed(dc: DialogContext, record: CaseRecord, submitting = false, homeNote = ''): Promise<DialogTurnResult> {
    setTurnOutcome(dc.context, { outcome: 'application-submitted', caseNo: record.caseNo });
    const queued = record.items.filter((i) => i.status === 'queued').map((i) => t.itemNames[i.id]);
    const queuedNote = queued.length ? t.summary.queued(queued.join('、')) : '';
    // At the window: where, when and what to take there, said now rather than asked later.
    const toTake = record.channel === 'window' ? outstandingMaterials(record).map((k) => t.materials.names[k] ?? k) : [];
    const { window } = this.deps.region;
    const windowNote = toTake.length ? t.windowVisit(window.name, window.address, window.hours, toTake.join('、')) : '';
    await this.say(dc, [t.submitted(record.caseNo), queuedNote, windowNote, smsSaid(t.nextSteps, this.deps.sms ?? false, true), homeNote].filter(Boolean).join('\n'));
    const materialsDue = submitting && record.channel === 'online' && outstandingMaterials(record).length > 0;
    return dc.endDialog({ caseNo: record.caseNo, materialsDue } satisfies SubmittedApplication);
  }

  private currentSlot(draft: ApplicationDraft): Slot | undefined {
    if (draft.editing) return this.slots.find((s) => s.key === draft.editing);
    return this.slots.find((s) => s.required(draft.values) && draft.values[s.key] === undefined);
  }

  private materialsText(v: Values): string {
    const m = materialsFor(v);
    // Online, one photo file is asked for, not the window's three prints.
    const named = v.channel === 'online' ? text.upload.names : t.materials.names;
    const names = (keys: string[]) => keys.map((k) => named[k]).join('、') || t.materials.none;
    const windowNote = v.channel === 'window' ? t.materials.windowNote : '';
    return `${t.materials.intro}\n${t.materials.verified}${names(m.verified)}\n${t.materials.toSubmit}${names(m.toSubmit)}${windowNote}`;
  }

  private summaryText(v: Values, full = false): string {
    const filled = this.slots.filter((s) => s.required(v) && v[s.key] !== undefined && !WITH_THE_ITEMS.includes(s.key));
    // Items read as what will be submitted: groups resolved, ruled-out items left out.
    const lines = filled.map((s) =>
      s.key === 'picks'
        ? `${t.labels.items}：${finalItems(v).map((id) => t.itemNames[id]).join('、')}`
        : `${t.labels[s.key]}：${s.display(v, full)}`,
    );
    if (v.homeAppraisal && needsAppraisal(v)) lines.push(t.homeVisit.summaryLine);
    if (v.textOnly) lines.push(t.textOnly.summaryLine);
    const queued = queuedItems(v);
    if (queued.length) lines.push(t.summary.queued(queued.map((id) => t.itemNames[id]).join('、')));
    if (!full) lines.push(t.summary.showFullHint);
    return `${t.summary.intro}\n${lines.join('\n')}`;
  }

  private summaryOptions(): ChoiceOption<number>[] {
    return [t.summary.confirm, t.summary.edit, t.summary.cancel].map((label, i) => ({ label, value: i }));
  }

  /** The filled fields a user can change from the summary, by their labels. */
  private editableFields(draft: ApplicationDraft): ChoiceOption<SlotKey>[] {
    return this.slots
      .filter((s) => s.required(draft.values) && draft.values[s.key] !== undefined && !WITH_THE_ITEMS.includes(s.key))
      .map((s) => ({ label: t.labels[s.key === 'picks' ? 'items' : s.key], value: s.key }));
  }

  /** A yes or no by the buttons; `answer`, the step's own reply to a question about it. */
  private async confirm(dc: DialogContext, buttons: ChoiceOption<number>[], then: (yes: boolean) => Promise<DialogTurnResult>, answer?: string): Promise<StepResult> {
    const yes = recognizeConfirmation(dc.context.activity.text ?? '', buttons);
    return yes === undefined ? new NotAnswered(t.errors.confirm(buttons.map((b) => b.label)), { answer }) : then(yes);
  }

  private async choose(dc: DialogContext, buttons: ChoiceOption<number>[], then: (index: number) => Promise<DialogTurnResult>): Promise<StepResult> {
    const picked = recognizeChoice(dc.context.activity.text ?? '', buttons);
    return picked ? then(picked.value) : new NotAnswered(t.errors.choice);
  }

  private context(): SlotContext {
    return { region: this.deps.region, today: this.deps.clock.now() };
  }

  private save(dc: DialogContext, draft: ApplicationDraft): Promise<void> {
    return this.deps.drafts.save(userKeyOf(dc.context), draft, this.deps.clock.now());
  }

  private async say(dc: DialogContext, message: string, options: ChoiceOption<unknown>[] = []): Promise<void> {
    await dc.context.sendActivity(messageWithButtons(message, options.map((o) => o.label)));
  }
}


function formatDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日`;
}

/** The steps that read an ID number, which may hold a phone beside it ("11010519491231002X 13912345678"). */
const ID_STEPS: SlotKey[] = ['idNumber', 'guardianId'];
/** Words around a phone said at another step: "我电话是…", "手机号：…". */
const PHONE_NAMED = /电话|手机/u;
const PHONE_WORDS = /(?:[我俺咱他她]|家里|办公室?)?的?(?:联系)?(?:电话号码|手机号码|座机号码|电话号|手机号|座机号|联系电话|固定电话|座机|固话|电话|手机|号码|联系方式)(?:是|为|打)?[:：]?/gu;
/**
 * The steps where "我是她儿子" says who applies for whom; the guardian's steps read it as the
 * guardian's own words, and the role and relation steps take it themselves.
 */
const RELATION_HEARD: SlotKey[] = ['picks', 'name', 'idNumber', 'phone', 'hukou', 'category', 'channel', 'delivery', 'address', 'dibao', 'student', 'wheelchair', 'hasCertificate'];

/** The item a step is asked for alone: its sub-step (which 残疾人证 service, which employment help) or the question that decides it. */
const ITEM_OF_STEP: Partial<Record<SlotKey, Pick>> = {
  certAction: 'cert-other',
  employment: 'employment',
  grade: 'care-allowance',
  dibao: 'living-allowance',
  student: 'education-grant',
  wheelchair: 'fuel-subsidy',
};
/** The step that may leave an item out, by the item. */
const STEP_OF_ITEM: Partial<Record<Pick, SlotKey>> = Object.fromEntries(Object.entries(ITEM_OF_STEP).map(([step, item]) => [item, step]));
const LEAVE_WORD = new RegExp(LEAVE_WORDS.source, 'u');
/** Whether a message only says to leave out the item the step is for (its name may be said: "就业帮扶不要了"). */
function leavesItem(input: string, item: Pick): boolean {
  const said = normalizeText(input).replace(/[\s\p{P}]+/gu, '');
  const names = [t.itemOptions[item as keyof typeof t.itemOptions], ...(t.itemSynonyms[item] ?? [])].sort((a, b) => b.length - a.length);
  const rest = names.reduce((r, name) => r.replaceAll(name, ''), said);
  return LEAVE_WORD.test(rest) && !rest.replace(LEAVE_WORDS, '').replace(LEAVE_FILLER, '');
}
const NAME_STEPS: SlotKey[] = ['name', 'guardianName'];

// At the summary: a field said to be wrong, and what it should be instead.
const CHANGE = /不对|错|改|换|不是|应该是|乱了/u;
/** Asking what is left to do after submitting: "提交了我还得干啥", "还要跑几趟", "交了以后我还用做啥". */
const ASKS_WHAT_IS_LEFT = /(?:还|还得|还要|还用|得|要)(?:我|俺)?(?:干啥|干嘛|干什么|做啥|做什么|弄啥|跑几趟|跑|去哪)|跑几趟|几趟/u;
/** Asking which category a description is: "算啥", "算哪类", "咋填", "选哪个". */
const ASKS_WHICH_CATEGORY = /算(?:啥|什么|哪|几类)|哪一?类|哪种|咋填|怎么填|选哪|填哪|算不算/u;
/** The living allowance named: "生活补贴", "生活补助", "困难补贴". */
const LIVING_NAMED = /生活补贴|生活补助|困难补贴/u;
/** Asking about the appraisal day: "评定那天孩子要去吗", "鉴定的时候本人得到场不", "评残那天我能陪着吗". */
/** Where or how the card is picked up: "在哪领", "去哪拿证", "领证要本人去吗". */
/** The address named at the summary ("地址改成…", "住址那块 村名要写上"). */
const ADDRESS_NAMED = /地址|住址|门牌|村名/u;
const PICKUP_ASKED = /哪(?:儿|里|个地方)?(?:领|拿|取)|(?:领|拿|取)证|(?:领|拿|取)(?:的时候|那天)?.{0,3}(?:本人|亲自|没空|没时间|去不了)/u;
const APPRAISAL_DAY = /(?:评定|鉴定|评残|评级)(?:那天|当天|那日|的时候|时)?.{0,6}(?:要去|得去|去不去|去吗|去不|到场|本人|亲自|陪|请假|请.{0,2}假|跟着)/u;
/** Asking for more at the summary: "…俺也要", "还要…", "加上…". */
const ADDS = /也要|还要|还想|还有|加上|加个|加一个|再加|也想|也(?:给|帮)?(?:我|俺|她|他)?(?:办|申请|弄)|办上/u;
/** Wanting back what was just left out: "哎 还是要吧", "又要了", "加回来". */
const WANTS_BACK = /^(?:哎呀?|唉|嗯|那|算了)*(?:还是|又想|又)(?:要|办|申请)(?:吧|了|的|啊|呀|它|这个|那个|这项|那项)*$|^(?:给我|帮我)?(?:加|要|放)回(?:来|去)(?:吧|了)*$/u;
/** Words that take back the answer just given: "不对 还是…", "改成…", "算了 换成…". */
const CHANGES_PREVIOUS = /^(?:哎呀?|唉|嗯)?[\s，,]*(?:不对|不是|错了|说错了|算了)[\s，,]*(?:还是|改成|换成|应该是)?|^(?:哎呀?|唉|嗯)?[\s，,]*(?:还是|改成|换成)/u;
/** "地址填…", "电话写…", "地址是…": a field given anew, without saying the old one is wrong. */
const WRITE = /写|填|是/u;
/**
 * The words between a field's name and its new value ("改一下 写", "写错了 应该是", "不对，要改成",
 * "错了"), however many, in whatever order. No surname is among them.
 */
const CHANGE_LEAD = /^(?:[\s:：，,。.、!！]|写上|填上|改一下|改下|改改|改成|改为|换一下|换下|换成|写成|(?:刚才|刚刚)?[说写填打搞弄记]?错了|[说写]的不对|[说写]得不对|填成|有错|不对|应该是|应该|应为|正确的是|给我|帮我|麻烦|[改换写填要得就也是的了吧我俺]|那个|这个|[那这]一?[项栏])+/u;
/** "…刚才说错了", "…我写错了" after the new value: words about the mistake, not part of the value. */
const CHANGE_TAIL = /[\s，,。.！!]*(?:[我俺]?(?:刚才|刚刚|之前|前面)?[我俺]?(?:[说写填打搞弄记]错了?|[说写]的不对|不对)[啊呀了]*)?[\s，,。.！!]*(?:吧|就行了?|就好了?|就可以了?|谢谢)?[\s，,。.！!]*$/u;
/** Said before the field ("应该是城关镇幸福路8号，地址写错了"): the words after the last change word. */
const NEW_VALUE = /^.*(?:改成|改为|换成|写成|填成|就写|就填|写上|填上|应该是|应为|正确的是|是)[:：，,\s]*(.+)$/u;

/** The new value said with a field's name at the summary: what follows the name, the change words taken off. */
function newValueOf(input: string, names: string[]): string | undefined {
  const said = input.trim();
  // The name said first, the longest of those said there ("门牌号写错了" names 门牌号, not 门牌).
  const named = names.map((n) => ({ at: said.indexOf(n), end: said.indexOf(n) + n.length })).filter((m) => m.at >= 0);
  const first = named.sort((a, b) => a.at - b.at || b.end - a.end)[0];
  const after = first ? said.slice(first.end).replace(CHANGE_LEAD, '').replace(CHANGE_TAIL, '') : '';
  return after || NEW_VALUE.exec(said)?.[1]?.replace(CHANGE_TAIL, '').trim() || undefined;
}
/** The old value said beside the new one: "东大街二十八号不是十八号", "不是十八号是二十八号". */
const WRONG_AFTER = /^(.+?)[，,\s]*(?:而)?不是(.+)$/u;
const WRONG_BEFORE = /^不是(.+?)[，,\s]*(?:而是|是)(.+)$/u;
/** The old part and the new said as a change: "里的8号改成18号", "8号应该是18号". */
const WRONG_CHANGED = /^(.+?)[，,\s]*(?:改成|改为|换成|写成|填成|应该是|应为)[，,\s]*(.+)$/u;

/** Before a part corrected, no field named: "把", "将", or what is wrong ("单元号错了", "门牌不对"). */
const PART_LEAD_IN = /^(?:把|将)|^[^\s，,。]{0,5}?(?:写错了|填错了|错了|不对)[\s，,。]*/u;

/** A new value said at the summary without the old one said wrong beside it, and that old one. */
function notWrong(said: string): { value: string; wrong?: string } {
  const before = WRONG_BEFORE.exec(said);
  if (before) return { value: before[2].trim(), wrong: before[1].trim() };
  const changed = WRONG_CHANGED.exec(said);
  if (changed) return { value: changed[2].trim(), wrong: changed[1].trim() };
  const after = WRONG_AFTER.exec(said);
  return after ? { value: after[1].trim(), wrong: after[2].replace(/[了的啊呀]+$/u, '').trim() } : { value: said };
}

/**
 * An address corrected in part: a new value that begins with words of the old ("东大街二十八号" for
 * "城关镇东大街十八号") keeps what came before them; one that replaces the part said wrong ("二十八号"
 * for "十八号") goes in its place; anything else is the whole new address.
 */
function amendAddress(current: string, said: string, saidWrong?: string): string | undefined {
  const value = said.replace(PART_LEAD, '');
  const wrong = saidWrong?.replace(PART_LEAD, '');
  // "城关镇幸福路12号": one that begins with a town (or anything above) is a whole address, nothing of the old kept.
  if (WHOLE_ADDRESS.test(value)) return value;
  // "不是幸福路8号 是幸福路18号", "把8号改成18号": the part said wrong, where it stands, by a new one of its kind.
  const replaced = wrong && kindOf(wrong) === kindOf(value) ? replacePart(current, wrong, value) : undefined;
  if (replaced) return replaced;
  // The words shared name a place ("东大街"), not a number ("二十" of 二十里铺 and of 二十八号).
  for (let k = Math.min([...value].length, 6); k >= 2; k--) {
    const at = current.indexOf(value.slice(0, k));
    if (at >= 0 && /[省市县区镇乡街路巷道村组]/u.test(value.slice(0, k))) return `${current.slice(0, at)}${value}`;
  }
  // "门牌是18号": the house number in place of the old one (a part after it, "18号院2单元", in place of the rest).
  const houseNumber = HOUSE_NUMBER_PART.exec(value);
  const old = houseNumber ? [...current.matchAll(HOUSE_NUMBER_IN)].pop() : undefined;
  if (old) return `${current.slice(0, old.index)}${value}${houseNumber![0] === value ? current.slice(old.index! + old[0].length) : ''}`;
  // A part that has no place in the old address ("18号" where there is no number) is no address of its own.
  if (!wrong) return NUMBER_PART.test(value) ? undefined : value;
  // "不是城关镇东大街 是西大街18号": from the old one's place of the same kind (街) on, what is above it kept.
  const kind = /^\p{Script=Han}{1,6}?([街路巷道村])/u.exec(value)?.[1];
  const above = kind ? new RegExp(`^(.*?[省市县区镇乡])?[^省市县区镇乡]*?${kind}`, 'u').exec(current) : null;
  if (above) return `${above[1] ?? ''}${value}`;
  return replacePart(current, wrong, value) ?? (NUMBER_PART.test(value) ? undefined : value);
}

/** Words before a part of the address: "里的8号" (of 地址里的8号), "门牌是18号". */
const PART_LEAD = /^(?:(?:里面?|上面?|中|当中)的)?(?:门牌号码?|门牌|号码)?(?:是|为|应该是|改成|写成)?/u;
/** A house number a part begins with: "18号", "十八号院". */
const HOUSE_NUMBER_PART = new RegExp(`^${NUMERAL}+号`, 'u');
/** A house number in an address, not part of a longer number ("8号" is not in "18号"). */
const HOUSE_NUMBER_IN = new RegExp(`(?<!${NUMERAL})${NUMERAL}+号`, 'gu');
/** Numbers and their units only ("18号", "3单元401"): no address alone. */
const NUMBER_PART = new RegExp(`^(?:${NUMERAL}|[号栋幢单元室楼层院\\-—])+$`, 'u');
/**
 * What a part is, so an old part is replaced only by a new one of its kind: whether it names a place, and what it
 * ends in, a number ("8号", "十八号") or a place word (街); "东大街二十八号" is not of the kind of "十八号".
 */
const kindOf = (part: string) => `${/[省市县区镇乡街路巷道村]/u.test(part)}${new RegExp(`(?:${NUMERAL}|[号栋幢单元室楼层])$`, 'u').test(part) ? 'number' : part.slice(-1)}`;

/**
 * The value with the part said wrong replaced by the new one, where that part stands once, a number never inside
 * a longer one ("8号" is not in "18号"); undefined when it is not there once.
 */
function replacePart(current: string, wrong: string, value: string): string | undefined {
  const numeral = (ch: string) => new RegExp(NUMERAL, 'u').test(ch);
  const at: number[] = [];
  for (let i = current.indexOf(wrong); i >= 0 && wrong; i = current.indexOf(wrong, i + 1)) {
    if (!(numeral(wrong[0]) && numeral(current.slice(i - 1, i))) && !(numeral(wrong.slice(-1)) && numeral(current.slice(i + wrong.length, i + wrong.length + 1)))) at.push(i);
  }
  return at.length === 1 ? `${current.slice(0, at[0])}${value}${current.slice(at[0] + wrong.length)}` : undefined;
}

/** An address from its town, county or province on: "城关镇幸福路12号", "示范县…". */
const WHOLE_ADDRESS = /^\p{Script=Han}{1,6}?[省市县区镇乡]/u;

/** A person asked for by name, whatever else is said. */
const ASKS_A_PERSON = /人工|客服|真人/u;

/** The answer as it was before going back: "跟刚才一样", "和原来一样", "还是那些", "不变". */
const SAME_AS_BEFORE = /^(?:就|那就|那)?(?:跟|和|同|与)?(?:刚才|刚刚|之前|上次|原来|前面)的?(?:一样|那样|那些|那几[个项样])(?:的|吧|就行|就好|就可以)*$|^(?:就|那就)?还是(?:刚才|刚刚|原来|之前)?的?(?:那些|那几[个项样]|那样|那个)(?:吧|就行)?$|^(?:不变|不改了?|照旧|一样的?)(?:吧|就行)?$/u;

/** A no before the part said again: "不对 是28号", "不是，应该是二十八号". */
/** The old address referred to ("原来那个", "之前的"): words about it, never an address. */
const OLD_ADDRESS = /原来|原先|之前那|以前那|刚才那|上面那/u;
/** The old address kept: "原来那个就行", "就用之前的地址". */
const OLD_KEPT = /^(?:那|就|那就|还是|就用|用)?(?:原来|原先|之前|以前|刚才)的?(?:那个)?(?:地址)?(?:就行|就好|就可以|吧|了)*$/u;
const NOT_THAT = /^(?:不对|不是|错了)[\s，,。]*(?:应该是|是)?[\s，,]*/u;
/** The value there said to be right, while it is being changed: "没错", "对的", "没写错". */
const STILL_RIGHT = /^(?:没有?[写打填说记弄搞]?错|对的|是对的|就是对的|没问题)(?:的|了|啊|呀|吧|哈)*$/u;
/** Something is wrong, no field named: the list of fields to change. */
const WRONG = /不对|有错|错了|写错|要改/u;
/** "不改了", "没有要改的", "都对": where the field to change is asked, nothing after all. */
const NOTHING_TO_CHANGE = /^(?:那|哦|嗯)?(?:不改了?|不用改了?|不要改了?|没有?(?:要|啥|什么|可|需要)?改的|都对|都没错|没错|没问题|算了|不用了)(?:了|吧|啊|呀)*$/u;
/** What else may be brought, sent or fetched ("评定那天俺自己去", "补贴钱自己去领"): no way to get the certificate. */
const OTHER_THAN_THE_CARD = /材料|复印件|报告|病历|片子|照片|评定|鉴定|评残|检查|医院|上门|身份证|户口|钱|补贴|低保/u;
// "交", "那就交上去": the word alone submits too.
const SUBMIT_SAID = /提交|确认|没问题|没错|都对|对的|交(?:了|上去)?吧|^(?:那|那就|就|行|好)?交(?:了|上|上去)?(?:呗|啊|呀)?$/u;
/** Words of a question about submitting itself ("提交了以后多久有结果", "交上去还要跑吗"). */
const SUBMITTING = /提交|交上去|交了|交完|递交|申请|结果|办好|办下来/u;
/** Words of a question about the consent ("为啥要这么多信息", "不同意会怎样"). */
const CONSENTING = /同意|信息|资料|隐私/u;
const HOLD = /不|别|等|再|先/u;

/** A yes at the start of a message: "是的", "对", "嗯嗯", "确定". */
const YES_LEAD = /^(?:是的?|对的?|嗯+|好的?|行|确定|确认|没错|真的)[啊呀吧的了嗯]*/u;
/** Not going on, as "确定不办了吗" asks: "取消", "不办了", "不填了", "不要了". */
const CANCEL_SAID = /^(?:我|就|还是)?(?:取消申请|取消|不办|不填|不弄|不要办|不要填|不申请|不想办|不想填|退出)$/u;

/** A no at the start: "不是", "没有" ("不要办了" starts with 不 and cancels). */
const NO_LEAD = /^(?:不是的?|没有|不不)[啊呀吧的了]*/u;
/** Going on: "接着填", "继续", "还要办". */
const GO_ON_SAID = /^(?:我|还是)?(?:接着|继续|还要)(?:填|办|弄)?$/u;

/**
 * The answer to "确定不办了吗" in words of its own: the cancel said again, after a yes or not ("是的 取消",
 * "对 不办了", "嗯 取消吧", "不要办了"), or a no with going on ("不是 接着填"); undefined for anything else.
 */
function cancelSaidAgain(input: string): boolean | undefined {
  const said = normalizeText(input).replace(/[\s\p{P}]+/gu, '');
  const after = (lead: RegExpExecArray | null) => said.slice(lead?.[0].length ?? 0).replace(/[吧了啊呀]+$/u, '');
  // "不要办了" is the cancel itself; after a yes, "不要" is too ("对 不要了"), where alone it is a no.
  const yes = YES_LEAD.exec(said);
  const cancel = after(yes);
  if (cancel && (recognizeCommand(cancel) === 'cancel' || CANCEL_SAID.test(cancel) || (yes && cancel === '不要'))) return true;
  const no = NO_LEAD.exec(said);
  return no && GO_ON_SAID.test(after(no)) ? false : undefined;
}

/** Whether a message confirms the summary in free words ("没问题，提交吧", "对的，交吧"). */
export function saysSubmit(input: string): boolean {
  // "没啥问题" says all is right, though 啥 is a question word.
  const said = normalizeText(input).replace(/[\s，,。.！!]+/gu, '').replace(/没(?:啥|什么|有)问题/gu, '没问题');
  if (said === text.application.summary.confirm) return true;
  if (asksSomething(said)) return false;
  return SUBMIT_SAID.test(said) && !HOLD.test(said.replace(/没问题|没错/gu, ''));
}

/**
 * The clauses of a message, cut at punctuation and spaces, and where voice typing runs a request on
 * into what it tells of the person ("帮我妈办个残疾证她中风瘫在床上了"): as if a space were there. Run on
 * into a question ("帮我奶奶申请残疾证她要去医院不…"), it is still asked, not a request.
 */
const clausesOf = (input: string) => {
  const said = normalizeText(input);
  return said.replace(REQUEST_RUNS_ON, (request: string, _: string, at: number) => (asksSomething(said.slice(at + request.length)) ? request : `${request} `)).split(' ').filter(Boolean);
};
// What is applied for (the certificate, a subsidy), then 他/她 or the speaker's kin starting the next clause.
const REQUEST_RUNS_ON = new RegExp(`((?:申请|办理|办|申办|申领)\\p{Script=Han}{0,8}?(?:证(?![明件])|补贴|补助))(?=[他她]|[我俺咱]家?的?(?:${PERSON_KIN.source}))`, 'gu');

/**
 * A clause that says "I want to apply" and asks nothing; "给我妈办的证" speaks of one done. The
 * speaker may be 俺 or 咱, or unsaid after what was told first ("我是个瞎子 看不见 想办个证"), or
 * one of the household ("俺家老头要办个证", "俺娘要办个证").
 */
const isApplyClause = (clause: string) =>
  APPLY_CLAUSE.test(clause) &&
  // "能帮他申请不" asks whether one may, as "能不能帮他申请" does.
  !asksSomething(clause);
// With 把, 申请 is the thing done to ("帮我把申请批了": approve it), not the doing. "俺娘要办个证": one of the speaker's kin.
const APPLY_CLAUSE = new RegExp(
  `((?:^|[我俺咱]|[我俺咱]家.{1,3}|[我俺咱]家?的?(?:${PERSON_KIN.source}))(?:也|就|还)?(?:要|想)|想要|帮[^把]{1,4}|给[^把]{1,4}|替[^把]{1,4})(申请|办理|办|申办|申领)(?![的了过好完])`,
  'u',
);

/**
 * "俺家老头要办个证": what is applied for is only 证 (and the money it brings), for one of the speaker's household; with
 * nothing else meant (no 老年证, 身份证: those the knowledge base declines), that is the
 * disability certificate, though the words alone rank as nothing.
 */
export const forKinWithBareCertificate = (request: string, said = request) =>
  // "俺爹瘫床上好几年了 想给他办个证": 他 is the one named before the request.
  BARE_CERTIFICATE.test(normalizeText(request).replace(/\s+/g, '')) && (kinIn(request) ?? (/[他她]/u.test(request) ? kinIn(said) : undefined))?.ofSpeaker === true;
// "…办个证领点补贴": the money that comes with it may follow.
const BARE_CERTIFICATE = /(?:申请|办理|办|申办|申领)(?:个|张|一个|一张|一下|下)?证(?:件)?(?:好|再)?(?:(?:领|拿)(?:点|些|个)?(?:钱|补贴|补助))?[吧啊呀哦嘛了呢]*$/u;

/**
 * The words asking to start an application ("我要办残疾证", "帮我申请护理补贴"), if any: one
 * clause says so, while others may ask something ("俺想给俺娘办个残疾证…能不能网上弄").
 */
export function applyRequestIn(input: string): string | undefined {
  if (recognizeCommand(input) === 'apply') return input;
  const clauses = clausesOf(input);
  if (clauses.some((c) => ASKS_HOW_OR_WHETHER.test(c)) || CONSULTS.test(input)) return undefined;
  // What someone else said ("有人说交钱能帮忙快点办证 靠谱不") is told, not asked for: the speaker asks about it.
  // A request in the speaker's own clause after it is one ("听说可以在网上办 我要给俺娘办残疾证").
  const request = clauses.find(isApplyClause);
  return request && !REPORTED.test(request) ? request : undefined;
}
// A hotline note ("来电人称其父…想申请护理补贴，咨询需满足啥条件") or a consulting ("想咨询一下申请护理补贴") asks about applying: the form is not begun.
const CONSULTS = /来电|咨询|询问|打听/u;
/** Whether an opening names someone whose guardian applies: a child ("十来岁", "孩子"), or a category the form's rule names. */
const guardianSaid = (opening: string) => {
  const { age, category } = extractSlots(opening);
  // The slots' categories are the region's names.
  return age === '未成年' || needsGuardian({ category: category as DisabilityCategory | undefined });
};
const REPORTED = /^(?:听说|据说|听人说|(?:有人|有个人|人家|别人|他们|对方|那人|村里人|中介)[^，,。\s]{0,8}?(?:说|讲|告诉|打电话|来电话|发短信))/u;

// Asking whether this chat fills the form: "能帮我把表填了不", "你能帮我填申请表吗", "可以在这上面申请吗".
const ASK_END = '(?:行|可以|好|成)?(?:吗|不|么|嘛|没|呢|啊|呀|吧)*$';
const THE_FORM = '(?:申请)?(?:表|表格)?';
const FILL_FOR_ME = new RegExp(`^(?:你|您)?(?:能|可以|会|能不能|可不可以)?(?:帮|替|给)(?:我|俺|咱|忙)?(?:们)?(?:把|将)?(?:这个|那个|这|那)?${THE_FORM}(?:填|申请)(?:一下|下|个|了|好)?${THE_FORM}${ASK_END}`, 'u');
const HERE = '(?:这|这儿|这里|这上面|这上边|这个上面|这里面|这边|你这儿?|你这里|这个聊天里?|聊天里)';
const APPLY_HERE = new RegExp(
  `^(?:我|俺|咱)?(?:能|可以|能不能|可不可以)?(?:在|从|用)?${HERE}(?:上|里)?(?:能|可以|能不能|可不可以)?(?:直接)?(?:申请|办理?|填表|填|报|提交)(?:个|一下)?(?:表|申请表|残疾证|残疾人证|补贴)?${ASK_END}`,
  'u',
);

/**
 * What is said back of a field kept before its question. A yes or no is said as it was heard ("不算低保户"
 * is no 低保户), with the item it rules out; a 低保 status left to 民政 claims none.
 */
function earlyNote(before: Values, early: { key: SlotKey; set: Values }): string {
  const living = requestedItems({ ...before, ...early.set, dibao: undefined }).includes('living-allowance');
  const kept = livingKept(early.set) && living ? (early.set.lowIncome ? t.keptLowIncome : t.keptForMinzheng) : early.key === 'dibao' ? t.keptDibao(early.set.dibao === true) : t.keptEarly(t.labels[early.key]);
  const dropped = early.set.dibao === false && !livingKept(early.set) && living ? `\n${t.dropped['living-allowance']}` : '';
  return `${kept}${dropped}`;
}

/** Whether a message asks if the form can be filled here, in this chat (which it can): the application is offered. */
export function asksToApplyHere(input: string): boolean {
  const said = normalizeText(input).replace(/[\s\p{P}]+/gu, '');
  return FILL_FOR_ME.test(said) || APPLY_HERE.test(said);
}

/** "想办残疾证 咋办", "…能不能办": asking how or whether, which the answer serves; the form is not started. */
const ASKS_HOW_OR_WHETHER =
  /^(?:那|这|我|俺|要|该|得|到底|具体)*(?:咋|怎么|怎样|如何)个?(?:办|弄|申请|办理)[呢啊呀哦嘛]*$|^(?:能不能|可不可以)(?:办|申请)|^(?:能|可以)(?:办|申请)(?:不|吗|么|没)?[呢啊呀哦嘛]*$|^(?:这样|那)?(?:行|可以|中|成|能行)(?:不|吗|么|不行|不中|不成)[呢啊呀哦嘛]*$/u;
