import { TurnContext, type StatePropertyAccessor } from 'botbuilder';
import { Dialog, type DialogContext, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import { materialViews } from '../../data/caseMaterials.js';
import type { CaseStore } from '../../data/cases.js';
import { allowsEvent } from '../../data/workflow.js';
import type { Clock } from '../../data/clock.js';
import type { FamilyStore } from '../../data/family.js';
import type { Region } from '../../data/region.js';
import type { CaseUseCases, Corrections } from '../../cases/index.js';
import { applicationSlots, houseNumberSaid, mailAddressSaid, type Slot } from '../application/slots.js';
import { addressPartsSaid, withPlaceAbove } from '../application/addressParts.js';
import { userKeyOf } from '../application/applicationDialog.js';
import { labelChoices, recognizeChoice, recognizeConfirmation, type ChoiceOption } from '../choices.js';
import { fieldAnswer } from '../fieldQuestions.js';
import { kinIn } from '../kinship.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { FlowDialog, NotAnswered, type FlowDeps, type FlowRouter, type StepResult } from '../flowDialog.js';
import { MATERIALS_DIALOG, type MaterialsOptions, type MaterialsResult } from '../materials/materialsDialog.js';
import { messageWithButtons } from '../replies.js';
import { keepsAsIs, nonAnswer } from '../nonAnswers.js';
import { phoneIn } from '../numbersIn.js';
import { text } from '../text/index.js';
import { setTurnOutcome } from '../turnOutcome.js';
import { textOnlySaid } from '../textOnly.js';
import { asksWhatToDo, personalDataOnly, phoneChangeSaid, PHONE_WORKS, recognizeProgressIntent, repeatsCheck, SAYS_RIGHT, saysPhoneRight } from './progressIntent.js';
import { renderCase, renderToDo } from './timeline.js';
import { checkHeld, FamilyChecks, filedForNamed, caseNumberIn, tailAfterCaseNo, type CheckedCase, idTailIn, tailOfWholeId, idTailMatches, idTailTriedLength } from './familyChecks.js';
import { checkedCaseAnswer } from './checkedCaseQuestions.js';
import { asksToMail } from './mailing.js';
import { asksSomething } from '../../knowledge/runOn.js';

const s = text.status;
/** The button that keeps the phone sent back as it was. */
const KEEP_PHONE = [{ label: s.keepPhoneButton, value: true }];
/** Keeping the phone sent back as it is: "就用原来的", "号码不用改". */
const KEEP_AS_IT_IS = /用原来的|原来的(?:就行|就可以|没问题)|不用改|不改了?$|(?:还|就)用这个|不用换|不换了?$/u;
/** "怎么改", "咋弄啊" at a flagged field: how to put this one right, not how to apply. */
const HOW_TO_CHANGE = /^(?:那|我)?(?:要|该|得)?(?:咋|怎么|怎样|如何)(?:个)?(?:改|弄|修改|填|写|办)(?:呢|啊|呀|嘛|哦)*$/u;
export const STATUS_DIALOG = 'status';
// The SMS that carried the number stands for it: "短信删了".
// A bare 号 where the case number is asked is that number ("俺没那个号").
const CASE_NO_WORDS = /案件号|受理号|申请号|编号|号码|单号|短信|回执|那个号|这个号/u;
const SUBSCRIBE_WORDS = /通知|发到|发给|发哪|收到|消息|提醒/u;
/** Asking at the offer to be told ("有信儿了告诉俺一声", "到时候说一声", "通知我吧"): a yes in the person's own words. */
const TELL_ME = /(?:告诉|通知|知会)(?:俺|我|咱)|(?:跟|给)(?:俺|我|咱)们?(?:说|讲)|(?:说|讲|吱)一声/u;
/** …unless it refuses or asks whether it will be done ("不用告诉我", "会通知我吗"). */
const TELL_ME_NOT = /不用|不要|不必|甭|别|没必要|怎么|咋|怎样|如何|哪|多久|时候.*[吗么不]$|会.*[吗么不]$|能.*[吗么不]$|[吗么]$/u;
/** A question about how the notices come ("会给俺发短信不", "打电话告诉俺吗"): they come in this chat only. */
const NOTICE_CHANNEL = /短信|电话|手机|微信/u;
const ID_TAIL_WORDS = /身份证|后6位|后六位|后几位|号码/u;
/** This turn's message left the offer of updates for another flow (the turn's state, gone with the turn). */
const ROUTED_FROM_OFFER = Symbol('routedFromOffer');

export type StatusAction = 'progress' | 'familyCheck' | 'followers' | 'unsubscribe' | 'resubscribe' | 'correct' | 'mail' | 'phone' | 'address';
export const STATUS_ACTIONS: readonly StatusAction[] = ['progress', 'familyCheck', 'followers', 'unsubscribe', 'resubscribe', 'correct', 'mail', 'phone', 'address'];

/** What to do; a family check may start with the case number already typed. */
export interface StatusOptions {
  action: StatusAction;
  caseNo?: string;
  /** What was asked when a correction starts from a question ("照片要重拍吗"), or the message holding the case number (and perhaps the ID tail). */
  text?: string;
  /** The family check started by a question about a relative's case in words ("俺爹的鉴定约的哪天"): why the check comes first is said. */
  ofRelative?: boolean;
  /** `caseNo` is the case a family check in this conversation showed today: shown again (masked), not checked again. */
  checked?: boolean;
  /** With `checked`: its number or its applicant's ID was sent again, and is said to be found already. */
  repeated?: boolean;
  /** For `mail`: asked where to pick up, or said one cannot go ("我一个人去不了"): where is said and mailing offered first. */
  offer?: boolean;
}

interface StatusState {
  action: StatusAction;
  step: 'caseNo' | 'idTail' | 'subscribe' | 'remove' | 'field' | 'materials' | 'mailOffer' | 'address' | 'addressConfirm';
  caseNo?: string;
  /** Followers offered for removal, in button order. */
  followers?: { caseNo: string; userKey: string }[];
  /** The ID tail read from a whole ID number said before the case number, checked once the number comes. */
  idTail?: string;
  /** At `subscribe`: a question was answered instead and the offer not made again, only left open for a yes. */
  offerLeft?: boolean;
  /** Fields still to correct after a return, and the answers so far. */
  fields?: string[];
  values?: Record<string, unknown>;
  /** Flagged fields the applicant confirmed as they were (a phone that was right but not answered). */
  kept?: string[];
  /** Said they can be reached only by SMS or in writing ("我是聋子 接不了电话"): noted on the case when resubmitted. */
  textOnly?: boolean;
}

export interface StatusDeps {
  cases: CaseStore;
  /** The case this conversation verified last (family check), kept in the conversation's state. */
  checked: StatePropertyAccessor<CheckedCase | undefined>;
  family: FamilyStore;
  useCases: CaseUseCases;
  region: Region;
  clock: Clock;
}

/**
 * What happens after submitting, in the chat: the applicant's own cases with their timeline,
 * a family member's check (case number + last 6 of the ID, with lockouts per requester and per
 * case, the applicant told), followers and
 * unsubscribing, and correcting a returned case (only the flagged fields are asked again).
 */
export class StatusDialog extends FlowDialog<StatusState, StatusOptions> {
  private readonly slots = applicationSlots();
  private readonly checks: FamilyChecks;

  constructor(
    private readonly deps: StatusDeps,
    flow: FlowDeps,
    private readonly router?: FlowRouter,
  ) {
    super(STATUS_DIALOG, flow);
    this.checks = new FamilyChecks({ ...deps, access: deps.useCases.access });
  }

  async beginDialog(dc: DialogContext, options?: StatusOptions): Promise<DialogTurnResult> {
    const userKey = userKeyOf(dc.context);
    const action = options?.action ?? 'progress';
    setTurnOutcome(dc.context, { outcome: `status-${action}` });
    switch (action) {
      case 'progress': {
        const cases = await this.deps.cases.openCasesOfUser(userKey);
        // "案件号不记得了" from the applicant: the number is not needed here, and shows in what follows.
        const lead = options?.text && cases.length ? `${s.noNumberNeeded}\n` : '';
        return this.end(dc, cases.length ? lead + cases.map((c) => renderCase(c)).join('\n\n') : s.noCases(this.deps.region.online, this.deps.region.hotlines));
      }
      case 'familyCheck': {
        const again = options?.checked && options.caseNo ? await this.deps.cases.get(options.caseNo) : undefined;
        // Asked of its next step ("上门那天俺得在家不"): answered for it (see `checkedCaseAnswer`).
        if (again && options?.repeated) return this.end(dc, `${s.alreadyChecked}\n${renderCase(again, true)}`);
        if (again) return this.end(dc, (options?.text && checkedCaseAnswer(again, options.text, this.deps.region.hospitals)) || renderCase(again, true));
        if (options?.caseNo) return this.lookUp(dc, userKey, options.caseNo, options.text);
        // Whoever filled in the form for a relative sees that case at once: they submitted it ("我妈的案件号忘了" from
        // someone who filed for their father is the mother's, checked as anyone's).
        const submitted = filedForNamed(await this.deps.cases.openCasesOfUser(userKey), options?.text ?? '');
        if (submitted.length) return this.end(dc, submitted.map((c) => renderCase(c)).join('\n\n'));
        const text = options?.text;
        // "身份证后六位 071235", a whole ID number or a phone typed alone: what the look-up needs is said, an ID tail kept for it.
        const data = text ? personalDataOnly(text, this.deps.clock.now()) : undefined;
        if (data) {
          await dc.context.sendActivity(messageWithButtons(data.phone ? s.caseNoNotByPhone : tailOfWholeId(text!, this.deps.clock.now()) ? s.caseNoNotById : s.caseNoForTail));
          return this.ask(dc, { action, step: 'caseNo', ...(data.idTail ? { idTail: data.idTail } : {}) }, s.familyAskCaseNo);
        }
        // "案件号不记得了": where to find it and what else to do, as the number's step answers it, then the step.
        const help = text ? fieldAnswer(text, s.caseNoAnswers, CASE_NO_WORDS) : undefined;
        if (help) await dc.context.sendActivity(messageWithButtons(help));
        // Asked about a relative's case in words ("俺爹的鉴定约的哪天"): why the check comes first is said with it.
        return this.ask(dc, { action, step: 'caseNo' }, options?.ofRelative && !help ? s.familyCheckFirst : s.familyAskCaseNo, [], s.familyAskCaseNo);
      }
      case 'followers':
        return this.listFollowers(dc, userKey);
      case 'unsubscribe':
        await this.deps.family.optOut(userKey, this.deps.clock.now());
        return this.end(dc, s.unsubscribed);
      case 'resubscribe':
        await this.deps.family.optIn(userKey);
        return this.end(dc, s.resubscribed);
      case 'mail': {
        // "改成邮寄": one's own case to be picked up, while the certificate is not issued yet.
        const own = await this.deps.cases.openCasesOfUser(userKey);
        const pickup = own.find((c) => c.delivery === 'pickup');
        if (!pickup) return this.end(dc, own.some((c) => c.delivery === 'mail') ? s.mail.already : s.noCases(this.deps.region.online, this.deps.region.hotlines));
        if (!allowsEvent(pickup, 'delivery-mail')) return this.end(dc, s.mail.tooLate(this.deps.region.hotlines.federation));
        // Asked before anything changes; the address on the case is offered as the one to mail to.
        const mailing = { action, step: 'mailOffer' as const, caseNo: pickup.caseNo, values: { onCase: Boolean(pickup.applicant.address) } };
        return this.ask(dc, mailing, options?.offer ? text.application.pickupAnswer : s.mail.offerAgain, labelChoices(s.mail.offerButtons), s.mail.offerAgain);
      }
      case 'address': {
        // "寄证的地址改成城关镇北关村六组八号" after submitting: the mailed case's address, read back before it changes.
        const own = await this.deps.cases.openCasesOfUser(userKey);
        const mailed = own.find((c) => c.delivery === 'mail');
        // To be picked up: mailing is offered first (it asks the address).
        if (!mailed) return own.length ? this.beginDialog(dc, { action: 'mail' }) : this.end(dc, s.noCases(this.deps.region.online, this.deps.region.hotlines));
        if (!allowsEvent(mailed, 'mail-address-change')) return this.end(dc, s.mailAddress.tooLate(this.deps.region.hotlines.federation));
        const current = mailed.mailTo ?? mailed.applicant.address ?? '';
        const state: StatusState = { action, step: 'address', caseNo: mailed.caseNo, values: { current } };
        const said = this.addressChangedTo(current, options?.text ?? '');
        if (said) return this.confirmAddress(dc, state, said);
        return this.ask(dc, state, s.mailAddress.ask(current));
      }
      case 'phone': {
        // "电话改成135…" after submitting: the newest open case's phone changed (audited), and said back.
        const record = (await this.deps.cases.openCasesOfUser(userKey))[0];
        const phone = phoneChangeSaid(options?.text ?? '');
        if (!record || !phone) return this.end(dc, s.noCases(this.deps.region.online, this.deps.region.hotlines));
        const done = await this.deps.useCases.contact.changePhone(record.caseNo, userKey, phone);
        return this.end(dc, s.phoneChanged[done](record.caseNo, phone, this.deps.region.hotlines.federation));
      }
      case 'correct': {
        const returned = (await this.deps.cases.openCasesOfUser(userKey)).find((c) => c.stage === 'returned');
        if (!returned?.returned) return this.end(dc, (await this.followedReturned(dc.context, userKey)) ?? s.correctNothing);
        const fields = returned.returned.fields.filter((f) => this.slot(f));
        // Files are sent here only for an online case; a window case hands its materials in there.
        const views = returned.channel === 'online' ? materialViews(returned) : [];
        const rejected = views.filter((m) => m.state === 'rejected').map((m) => m.key);
        const names = [...fields.map((f) => text.application.labels[f]), ...rejected.map((m) => text.upload.names[m])].join('、') || '无';
        // "照片要重拍吗": said whether it is; one the reason itself speaks of ("照片不清楚") is not said to be fine.
        const inReason = materialsNamed(returned.returned.reason);
        const asked = materialsNamed(options?.text ?? '')
          .filter((m) => rejected.includes(m) || !inReason.includes(m))
          .map((m) => s.correctAsked[views.find((v) => v.key === m)?.state ?? 'none'](text.upload.names[m]));
        await dc.context.sendActivity(messageWithButtons([s.correctStart(returned.returned.reason, names), ...asked].join('\n')));
        // "电话没错呀 那几天没接着" said before the correction: the phone first, offered to stay as it was.
        const phoneRight = fields.includes('phone') && saysPhoneRight(options?.text ?? '');
        // "13912345678" typed alone: the new phone, taken as that field's answer.
        const newPhone = fields.includes('phone') && !phoneRight && phoneIn(options?.text ?? '') !== undefined;
        // "号码没错 我是聋子 接不了电话", "我听不见 发短信就行": the phone kept, and the way to reach them noted, at once.
        const textOnly = fields.includes('phone') && textOnlySaid(options?.text ?? '');
        const ordered = phoneRight || newPhone || textOnly ? ['phone', ...fields.filter((f) => f !== 'phone')] : fields;
        const state: StatusState = { action, step: 'field', caseNo: returned.caseNo, fields: ordered, values: {} };
        if (rejected.length === 0 && (newPhone || textOnly)) {
          const taken = await this.onStep(dc, state, options!.text!);
          return taken instanceof NotAnswered ? this.askField(dc, state) : taken;
        }
        if (rejected.length === 0) return phoneRight ? this.askField(dc, state, s.correctKeepPhone, KEEP_PHONE) : this.correctFields(dc, state);
        // The rejected files first: with one left for later, nothing is resubmitted and no answer is lost.
        dc.activeDialog!.state = { flow: { ...state, step: 'materials' } };
        return dc.beginDialog(MATERIALS_DIALOG, { caseNo: returned.caseNo, keys: rejected } satisfies MaterialsOptions);
      }
    }
  }

  protected async onStep(dc: DialogContext, state: StatusState, input: string): Promise<StepResult> {
    switch (state.step) {
      case 'caseNo': {
        const caseNo = caseNumberIn(input);
        // "我是他老伴": who is asking, said before the number; acknowledged, and the number asked again.
        const said = kinIn(input);
        if (!caseNo && said?.speakerIs) return new NotAnswered(s.familyAskCaseNo, { answer: s.relationNoted });
        // "我儿子的证办得怎么样了" (another relative, or said again): the same look-up, which needs the number;
        // "我的申请到哪了": the speaker's own case, which needs none.
        const progress = caseNo ? undefined : recognizeProgressIntent(input);
        if (progress === 'familyCheck') return new NotAnswered(s.familyAskCaseNo, { answer: s.familyNeedsCaseNo });
        if (progress === 'progress') return dc.replaceDialog(this.id, { action: 'progress' } satisfies StatusOptions);
        // "他叫李建国 身份证号4115…": no look-up by name and ID; its tail is kept for the number to come.
        const wholeIdTail = caseNo ? undefined : tailOfWholeId(input, this.deps.clock.now());
        // With a check of today still held (a mistyped ID sent after it), "改到12月4号", "她那天要带啥" ask of
        // that case: they go where the router sends them, never read as a missing case number.
        if (!caseNo && !wholeIdTail && !idTailIn(input) && checkHeld(await this.deps.checked.get(dc.context), this.deps.clock.now()) && this.router && (await this.router.startsFlow(dc.context))) {
          return dc.replaceDialog(this.router.id);
        }
        if (wholeIdTail) {
          await dc.context.sendActivity(messageWithButtons(s.caseNoNotById));
          return this.ask(dc, { ...state, idTail: wholeIdTail }, s.familyAskCaseNo);
        }
        if (!caseNo) return new NotAnswered(s.familyAskCaseNo, { answer: fieldAnswer(input, s.caseNoAnswers, CASE_NO_WORDS) });
        // "案件号YC… 身份证后六位050038": the tail said with it (or with the ID before it) is not asked again.
        const tail = tailAfterCaseNo(input) ?? idTailIn(input) ?? tailOfWholeId(input, this.deps.clock.now()) ?? state.idTail;
        if (tail) return this.verify(dc, { ...state, step: 'idTail', caseNo }, tail);
        return this.ask(dc, { ...state, step: 'idTail', caseNo }, s.familyAskId);
      }
      case 'idTail': {
        // After a mismatch the person may correct the case number instead: then the tail again.
        const caseNo = caseNumberIn(input);
        if (caseNo) return this.ask(dc, { ...state, caseNo }, s.familyAskId);
        // Only six characters are a guess that counts towards the lockout; a whole ID number gives its own.
        const tail = idTailIn(input) ?? tailOfWholeId(input, this.deps.clock.now());
        const tried = tail ? undefined : idTailTriedLength(input);
        // "身份证后六位是01003": said what is wrong, and not counted as a guess.
        if (tried) return new NotAnswered(s.familyIdTailLength(tried), { attempt: true });
        if (!tail) return new NotAnswered(s.familyAskId, { answer: fieldAnswer(input, s.idTailAnswers, ID_TAIL_WORDS) });
        return this.verify(dc, state, tail);
      }
      case 'subscribe': {
        // "要钱吗", "发到哪里": about the notices offered, not about the certificate's fee or the subsidy's account.
        // "没有", "不知道" ask nothing about the notices: the step asks for its buttons' words.
        const said = normalizeText(input).replace(/[\s，,。.！!~]+/gu, '');
        if (TELL_ME.test(said) && !TELL_ME_NOT.test(said)) return this.subscribe(dc, state);
        const channel = asksSomething(input) && NOTICE_CHANNEL.test(said) ? s.subscribeAnswers.where : undefined;
        const own = channel ?? (nonAnswer(input) ? undefined : fieldAnswer(input, s.subscribeAnswers, SUBSCRIBE_WORDS));
        if (own) return new NotAnswered(undefined, { answer: own });
        // "要我干啥不" right after the case was shown: what is to be done now, from that case.
        const record = asksWhatToDo(input) ? await this.deps.cases.get(state.caseNo!) : undefined;
        if (record) return new NotAnswered(undefined, { answer: renderToDo(record, record.submittedBy.userKey !== userKeyOf(dc.context)) });
        // The case's number or its applicant's ID sent again: found already, and the offer made again.
        const checkedCase = await this.deps.cases.get(state.caseNo!);
        if (checkedCase && repeatsCheck(checkedCase, input, this.deps.clock.now())) return new NotAnswered(undefined, { answer: s.alreadyChecked });
        // "医生上门那天俺得在家不": answered for this case, and the offer made again (a "要" after it subscribes).
        const aboutCase = checkedCase && checkedCaseAnswer(checkedCase, input, this.deps.region.hospitals);
        if (aboutCase) return new NotAnswered(undefined, { answer: aboutCase });
        // The check is done, the notices only offered: "帮俺爹约个鉴定", "她那天要带啥" go where the router sends them;
        // one answered at once (of this case, by the booking) is followed by the offer again (see `resumeDialog`).
        if (this.router && (await this.router.startsFlow(dc.context))) {
          // (Not once the offer was left for a question: it is not made a second time.)
          if (!state.offerLeft) dc.context.turnState.set(ROUTED_FROM_OFFER, true);
          return dc.beginDialog(this.router.id);
        }
        // A question instead ("公示要几天", "要多久": "要" alone is the button) is answered as one about the
        // application, and the offer not made again after it: it was made once, with the case.
        // It is left open, though: "要", "要得" right after the answer are to the offer ("会给俺发短信不" + "要").
        if (asksSomething(input)) {
          await this.flow.answers.answerAside(dc.context, input, 'asked', this.subject);
          dc.activeDialog!.state = { ...dc.activeDialog!.state, flow: { ...state, offerLeft: true } };
          return Dialog.EndOfTurn;
        }
        const yes = recognizeConfirmation(input, labelChoices(s.subscribeButtons));
        // Neither, after the offer was left for a question: a new turn, as if the offer had ended.
        if (yes === undefined && state.offerLeft && this.router) return dc.beginDialog(this.router.id);
        if (yes === undefined && state.offerLeft) return dc.endDialog();
        if (yes === undefined) return new NotAnswered(text.application.errors.confirm(s.subscribeButtons));
        if (!yes) return this.end(dc, s.notSubscribed);
        return this.subscribe(dc, state);
      }
      case 'remove': {
        const options = (state.followers ?? []).map((f, i) => ({ label: s.removeFollower(i + 1), value: f }));
        const picked = recognizeChoice(input, options);
        if (!picked) return new NotAnswered(text.application.errors.choice);
        await this.deps.family.unsubscribe(picked.value.caseNo, picked.value.userKey);
        return this.end(dc, s.followerRemoved);
      }
      case 'field': {
        const [field, ...rest] = state.fields!;
        const slot = this.slot(field)!;
        if (field === 'phone') {
          // "号码没错 我是聋子 接不了电话 发短信就行": the number stays, and SMS or writing only is noted on the case.
          const textOnly = state.textOnly || textOnlySaid(input);
          if (textOnly && !phoneIn(input)) {
            await dc.context.sendActivity(messageWithButtons(s.correctPhoneTextOnly));
            return this.correctFields(dc, { ...state, fields: rest, kept: [...(state.kept ?? []), field], textOnly });
          }
          if (textOnly) state = { ...state, textOnly };
          if (KEEP_AS_IT_IS.test(normalizeText(input).replace(/\s+/g, '')) || (this.shownLabels(dc, state).length && recognizeChoice(input, KEEP_PHONE))) {
            await dc.context.sendActivity(messageWithButtons(s.correctPhoneKept));
            return this.correctFields(dc, { ...state, fields: rest, kept: [...(state.kept ?? []), field] });
          }
          // "电话没错啊 那天下地去了没接着": a number that was right but not answered may stay as it is.
          if (SAYS_RIGHT.test(normalizeText(input)) || (PHONE_WORKS.test(normalizeText(input)) && !phoneIn(input))) return this.askField(dc, state, s.correctKeepPhone, KEEP_PHONE);
        }
        // "我填的没错啊 户口本上就是这个": what to do when the flagged value is right, and the field asked again.
        if (SAYS_RIGHT.test(normalizeText(input))) return new NotAnswered(undefined, { answer: s.correctInsisted(this.deps.region.hotlines.federation) });
        if (HOW_TO_CHANGE.test(normalizeText(input).replace(/\s+/g, ''))) return new NotAnswered(undefined, { answer: s.correctHow(text.application.labels[field]) });
        const result = slot.parse(input, state.values ?? {}, { region: this.deps.region, today: this.deps.clock.now() });
        if (!result.ok) return new NotAnswered(result.error, result);
        const aside = await this.questionFirst(dc, state, input, slot.freeText);
        if (aside) return aside;
        const values = { ...state.values, ...result.set };
        // A field that stays (an address waiting for its house number) is asked again.
        if (result.stay) return this.askField(dc, { ...state, values });
        return this.correctFields(dc, { ...state, fields: rest, values });
      }
      case 'mailOffer': {
        const yes = recognizeConfirmation(input, labelChoices(s.mail.offerButtons));
        if (yes === true) return this.askAddress(dc, { ...state, step: 'address', values: { ...state.values, delivery: 'mail' } });
        if (yes === false || keepsPickup(input)) return this.end(dc, s.mail.kept);
        // "那给俺寄家里吧": the change itself asked for, a yes.
        if (asksToMail(input)) return this.askAddress(dc, { ...state, step: 'address', values: { ...state.values, delivery: 'mail' } });
        // Only offered: "查进度", "要带啥" go where the router sends them.
        if (this.router && (await this.router.startsFlow(dc.context))) return dc.replaceDialog(this.router.id);
        return (await this.questionFirst(dc, state, input)) ?? new NotAnswered(text.application.errors.confirm(s.mail.offerButtons));
      }
      case 'addressConfirm': {
        const address = state.values!.address as string;
        // "不对 是六组八号": the address, or a part of it, said again, read back in turn.
        const again = this.addressChangedTo(state.values!.current as string, input, address);
        if (again && again !== address) return this.confirmAddress(dc, state, again);
        if (keepsPickup(input) || keepsAsIs(input)) return this.end(dc, s.mailAddress.kept);
        const yes = recognizeConfirmation(input, labelChoices(s.mailAddress.confirmButtons));
        if (yes === false) return this.ask(dc, { ...state, step: 'address', values: { current: state.values!.current } }, s.mailAddress.askAgain);
        if (yes === undefined) return (await this.questionFirst(dc, state, input)) ?? new NotAnswered(text.application.errors.confirm(s.mailAddress.confirmButtons));
        const done = await this.deps.useCases.delivery.changeAddress(state.caseNo!, userKeyOf(dc.context), address);
        const federation = this.deps.region.hotlines.federation;
        return this.end(dc, done === 'changed' ? s.mailAddress.done(state.caseNo!, address) : done === 'same' ? s.mailAddress.same(address) : done === 'not-mailed' ? s.mail.kept : s.mailAddress.tooLate(federation));
      }
      case 'address': {
        const moving = state.action === 'address';
        // "算了", "不改了": nothing changes.
        if (keepsPickup(input) || (moving && keepsAsIs(input))) return this.end(dc, moving ? s.mailAddress.kept : s.mail.kept);
        // "六组八号": parts of the address it goes to now.
        const changedTo = moving && !state.values?.addressDraft ? this.addressChangedTo(state.values!.current as string, input) : undefined;
        if (changedTo) return this.confirmAddress(dc, state, changedTo);
        // "就寄到原来那个地址": the address on the case, which stays as it is.
        if (state.values?.onCase && !mailAddressSaid(input) && (recognizeChoice(input, labelChoices([s.mail.onCaseButton])) || ON_CASE.test(normalizeText(input)))) {
          const done = await this.deps.useCases.delivery.toMail(state.caseNo!, userKeyOf(dc.context));
          return this.end(dc, done === 'changed' ? s.mail.doneOnCase : done === 'already' ? s.mail.already : s.mail.tooLate(this.deps.region.hotlines.federation));
        }
        // Only an address is taken (a phone or who receives it said beside it left out), or the number asked for after a street.
        const address = mailAddressSaid(input) ?? (state.values?.addressDraft ? houseNumberSaid(input) : undefined);
        const result = this.slot('address')!.parse(address ?? input, state.values ?? {}, { region: this.deps.region, today: this.deps.clock.now() });
        if (!result.ok) return new NotAnswered(result.error, result);
        const aside = await this.questionFirst(dc, state, input, true);
        if (aside) return aside;
        const values = { ...state.values, ...result.set };
        // "还是自己去领吧": nothing changes.
        if (values.delivery === 'pickup') return this.end(dc, s.mail.kept);
        // No address in it ("就寄到原来那个地址" with none on the case): asked again, nothing stored.
        if (!address) return new NotAnswered(text.application.errors.address);
        if (result.stay || !values.address) return this.askAddress(dc, { ...state, values });
        if (moving) return this.confirmAddress(dc, state, values.address as string);
        const done = await this.deps.useCases.delivery.toMail(state.caseNo!, userKeyOf(dc.context), values.address as string);
        return this.end(dc, done === 'changed' ? s.mail.done(values.address as string) : done === 'already' ? s.mail.already : s.mail.tooLate(this.deps.region.hotlines.federation));
      }
      case 'materials':
        // The materials step runs on top of this one and resumes here; reached only if it was lost.
        return this.end(dc, s.correctLater);
    }
  }

  /** Back from the rejected files: the flagged fields next, or nothing resubmitted while a file is still out. */
  async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: MaterialsResult): Promise<DialogTurnResult> {
    const state = await this.load(dc);
    // A flow routed to from the offer of updates that answered in the same turn: the offer made again.
    if (state?.step === 'subscribe' && dc.context.turnState.get(ROUTED_FROM_OFFER)) return this.reprompt(dc, state, this.continuePrefix);
    if (state?.step !== 'materials') return dc.endDialog(result);
    if (!result?.complete) return this.end(dc, s.correctLater);
    return this.correctFields(dc, { ...state, step: 'field' });
  }

  /** The relative at the offer of updates said yes: subscribed to the checked case. */
  /**
   * A relative asking to correct ("修改退回的申请", after the news it was sent back) the returned case they
   * follow or checked today: told whose account corrects it, as the news said, never "nothing returned".
   */
  private async followedReturned(context: TurnContext, userKey: string): Promise<string | undefined> {
    const checked = await this.deps.checked.get(context);
    const record = checked ? await this.deps.cases.get(checked.caseNo) : undefined;
    if (record?.stage !== 'returned' || !record.returned) return undefined;
    const follows = checkHeld(checked, this.deps.clock.now()) !== undefined || (await this.deps.family.subscribersOf(record.caseNo)).some((f) => f.userKey === userKey);
    return follows ? s.notifyFamily.returned(record.returned.reason) : undefined;
  }

  private async subscribe(dc: DialogContext, state: StatusState): Promise<DialogTurnResult> {
    const conversation = TurnContext.getConversationReference(dc.context.activity);
    await this.deps.family.subscribe({ caseNo: state.caseNo!, userKey: userKeyOf(dc.context), conversation, since: this.deps.clock.now().toISOString() });
    await this.deps.family.optIn(userKeyOf(dc.context));
    return this.end(dc, s.subscribed);
  }

  /** The next flagged field, or the resubmission once none is left. */
  private correctFields(dc: DialogContext, state: StatusState): Promise<DialogTurnResult> {
    if (state.fields?.length) return this.askField(dc, state);
    return this.resubmit(dc, state.caseNo!, state.values ?? {}, state.kept ?? [], state.textOnly);
  }

  /**
   * A case number typed on its own: the case at once to the account that submitted it; anyone
   * else is asked the ID tail first, so nothing of the case shows before it is checked.
   */
  private async lookUp(dc: DialogContext, userKey: string, caseNo: string, said = ''): Promise<DialogTurnResult> {
    const record = await this.deps.cases.get(caseNo);
    if (record && record.submittedBy.userKey === userKey) return this.end(dc, renderCase(record));
    const state: StatusState = { action: 'familyCheck', step: 'idTail', caseNo };
    // The ID tail, or the whole ID, typed with the number is checked at once (a mismatch asks it again).
    const tail = idTailIn(said) ?? tailOfWholeId(said, this.deps.clock.now());
    if (tail) return this.verify(dc, state, tail);
    return this.ask(dc, state, s.familyAskIdFor(caseNo), [], s.familyAskId);
  }

  /** From the ID tail back to the case number; other steps have nothing before them. */
  protected async back(dc: DialogContext, state: StatusState): Promise<DialogTurnResult> {
    if (state.step === 'idTail') return this.ask(dc, { ...state, step: 'caseNo', caseNo: undefined }, s.familyAskCaseNo);
    return super.back(dc, state);
  }

  /** Case number and last 6 of the ID: right shows a masked summary; wrong says only "对不上" and asks again. */
  private async verify(dc: DialogContext, state: StatusState, input: string): Promise<DialogTurnResult> {
    const userKey = userKeyOf(dc.context);
    const record = await this.deps.cases.get(state.caseNo!);
    if (await this.checks.locked(userKey, state.caseNo!, record)) return this.end(dc, s.familyLocked);
    if (record && idTailMatches(record, input)) {
      await this.checks.verified(userKey, record);
      await this.deps.checked.set(dc.context, { caseNo: record.caseNo, at: this.deps.clock.now().toISOString() });
      setTurnOutcome(dc.context, { outcome: 'family-verified' });
      return this.ask(dc, { ...state, step: 'subscribe' }, `${renderCase(record, true)}\n${s.subscribeAsk}`, labelChoices(s.subscribeButtons), s.subscribeAsk);
    }
    const locked = await this.checks.failed(userKey, state.caseNo!, record);
    setTurnOutcome(dc.context, { outcome: 'family-mismatch' });
    // Still within the lockout: the same check goes on, so a typo can be corrected (each miss counted).
    return locked ? this.end(dc, s.familyLocked) : this.ask(dc, state, s.familyMismatch);
  }

  private async listFollowers(dc: DialogContext, userKey: string): Promise<DialogTurnResult> {
    const followers: { caseNo: string; userKey: string; since: string }[] = [];
    for (const c of await this.deps.cases.openCasesOfUser(userKey)) {
      for (const sub of await this.deps.family.subscribersOf(c.caseNo)) followers.push({ caseNo: c.caseNo, userKey: sub.userKey, since: sub.since });
    }
    if (followers.length === 0) return this.end(dc, s.noFollowers);
    const lines = followers.map((f, i) => s.follower(i + 1, new Date(f.since).toISOString().slice(0, 10)));
    const state: StatusState = { action: 'followers', step: 'remove', followers: followers.map(({ caseNo, userKey: key }) => ({ caseNo, userKey: key })) };
    return this.ask(dc, state, `${s.followers(followers.length)}\n${lines.join('\n')}`, followers.map((_, i) => ({ label: s.removeFollower(i + 1), value: i })));
  }

  private async resubmit(dc: DialogContext, caseNo: string, values: Record<string, unknown>, kept: string[], textOnly = false): Promise<DialogTurnResult> {
    // Only the fields given: a value cleared on the way (the address's draft) is no correction.
    const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const result = await this.deps.useCases.correctAndResubmit(caseNo, given as Corrections, `chat:${userKeyOf(dc.context)}`, kept, textOnly ? text.application.textOnly.caseNote : undefined);
    return this.end(dc, result.ok ? s.correctDone : result.error);
  }

  /** Asks the next flagged field; `before` is said with it, and `extra` buttons join the field's own (kept when it is asked again). */
  private askField(dc: DialogContext, state: StatusState, before = '', extra: ChoiceOption<unknown>[] = []): Promise<DialogTurnResult> {
    const slot = this.slot(state.fields![0])!;
    const prompt = slot.prompt(state.values ?? {}, { region: this.deps.region, today: this.deps.clock.now() });
    return this.ask(dc, state, before ? `${before}\n${prompt.text}` : prompt.text, [...prompt.options, ...extra], prompt.text);
  }

  /**
   * The new mailing address in what is said: a whole address ("改成城关镇北关村六组八号"), or parts of the one it
   * goes to now (`current`, or the one read back: "门牌号是八号").
   */
  private addressChangedTo(current: string, input: string, readBack?: string): string | undefined {
    // "是李庄村四组十五号": a village said, the town of the address it goes to now kept above it.
    const whole = mailAddressSaid(input);
    if (whole) return withPlaceAbove(current, whole);
    const from = readBack ?? current;
    const parts = from ? addressPartsSaid(from, input.replace(ADDRESS_LEAD, '')) : undefined;
    return parts && parts !== from ? parts : undefined;
  }

  /** The new address read back for 对/不对 before the case changes. */
  private confirmAddress(dc: DialogContext, state: StatusState, address: string): Promise<DialogTurnResult> {
    const values = { current: state.values?.current, address };
    if (address === state.values?.current) return this.end(dc, s.mailAddress.same(address));
    return this.ask(dc, { ...state, step: 'addressConfirm', values }, s.mailAddress.confirm(address), labelChoices(s.mailAddress.confirmButtons));
  }

  /** The mailing address asked (or its house number, after a street with none). */
  private askAddress(dc: DialogContext, state: StatusState): Promise<DialogTurnResult> {
    const prompt = this.slot('address')!.prompt(state.values ?? {}, { region: this.deps.region, today: this.deps.clock.now() });
    return this.ask(dc, state, prompt.text, state.values?.onCase && !state.values.addressDraft ? labelChoices([s.mail.onCaseButton]) : []);
  }

  private slot(key: string): Slot | undefined {
    return this.slots.find((sl) => sl.key === key);
  }
}

/** Leaving the change to mailing: "算了", "不改了", "不寄了", "还是自己去领吧". */
const keepsPickup = (input: string) =>
  /^(?:那|哦|嗯)?(?:算了|不改了|不寄了|不用改了?|不用寄了?|不要寄了?|不换了|还是(?:自己)?(?:去)?(?:窗口)?(?:领|拿|取)(?:证)?)(?:吧|啊|呀)?$/u.test(normalizeText(input).replace(/[\s\p{P}]+/gu, ''));
/** Before the parts of the mailing address said: "寄证的地址", "邮寄地址要改一下", "不对". */
const ADDRESS_LEAD = /^.*?(?:地址|住址)|^(?:不对|不是)[，,\s]*(?=是)/u;
/** The address already on the case: "就寄到原来那个地址", "寄家里的", "户口上的那个". */
const ON_CASE = /原来|原先|之前|以前|老地址|留的|家里的|户口上的|身份证上的|那个地址/u;

/** The materials a message names in people's words ("照片", "户口本"). */
function materialsNamed(input: string): string[] {
  const said = normalizeText(input);
  return Object.entries(text.application.materialWords)
    .filter(([, words]) => words.some((w) => said.includes(w)))
    .map(([key]) => key);
}

