import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogSet,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { APPLICATION_DIALOG, ApplicationDialog, applyRequestIn, asksToApplyHere, forKinWithBareCertificate, type ApplicationDeps, type SubmittedApplication } from './application/applicationDialog.js';
import { appraisalQuestion, asksEarliest, asksForHomeAppraisal, asksSomeoneToCome, dayAskedOfSomeoneElse, asksHowToBook, BOOKING_DIALOG, BookingDialog, MOVE_ASKED, needsAppraisal, recognizeBookingIntent, type BookingDeps, type BookingOptions } from './booking/bookingDialog.js';
import type { Clock } from '../data/clock.js';
import { CASE_EVENTS } from '../data/workflow.js';
import { checkHeld, filedForNamed } from './status/familyChecks.js';
import { checkedCaseAnswer } from './status/checkedCaseQuestions.js';
import { asksAboutPickup, asksAddressChange, asksToMail } from './status/mailing.js';
import { recognizeWhen } from './booking/when.js';
import { onlySaysCannotPhone, recognizeCommand, saysCannotPhone } from './commands.js';
import { asksIfPhoned } from './textOnly.js';
import { MATERIALS_DIALOG, MaterialsDialog, saysSendingMaterial } from './materials/materialsDialog.js';
import { outstandingMaterials } from '../data/caseMaterials.js';
import { aboutSomeoneElse, RELATIVE_MENTION, withoutKin } from './kinship.js';
import { nonAnswer } from './nonAnswers.js';
import { receivedFiles } from './receivedFiles.js';
import { asksHowToFix, asksWhatToDo, caseLookedUp, repeatsCheck, lostCaseNumber, personalDataOnly, phoneChangeSaid, recognizeProgressIntent, saysOnlyData, saysPhoneRight } from './status/progressIntent.js';
import { looksPersonal } from '../data/personalData.js';
import { userKeyOf } from './application/applicationDialog.js';
import type { CaseRecord, CaseStore } from '../data/cases.js';
import { renderToDo } from './status/timeline.js';
import { STATUS_ACTIONS, STATUS_DIALOG, StatusDialog, type StatusAction, type StatusDeps, type StatusOptions } from './status/statusDialog.js';
import type { HandoffGate } from './handoff/handoffGate.js';
import type { PolicyAnswers } from './policyAnswers.js';
import { PRIVACY_DIALOG, PrivacyDialog, type PrivacyDialogDeps } from './privacy/privacyDialog.js';
import { text, type Hotlines } from './text/index.js';
import { setTurnOutcome } from './turnOutcome.js';
import { normalizeText } from '../knowledge/normalize.js';

const ROUTE = 'route';
/** This turn's routing, asked by `run`, the route step and the materials step alike. */
const ROUTED = Symbol('flowToStart');

type FlowStart = { dialog: string; options: object; outcome: string } | undefined;

/** Forgets this turn's routing: a turn run again on freshly loaded state routes afresh. */
export const forgetRouting = (context: TurnContext): void => void context.turnState.delete(ROUTED);
// Words that name a day or half day; only a message holding one is given to the date recognizer.
const DAY_WORD = /(周|星期|礼拜)[一二三四五六日天1-7]|明天|后天|下周|下礼拜|下个?月|\d{1,2}[月号日.\/]|[一二三四五六七八九十]+[月号]|上午|下午|月底|月初/;
const WHEN_MAX = 16;
const DAY_WORDS = new RegExp(DAY_WORD.source, 'g');
/** What else a message that only names a day may hold: "那就…吧", "…可以吗", "…还有位置不". */
const WHEN_FILLER = /可以|可不可以|行不行|怎么样|咋样|还有|位置|名额|那就|就|那|吧|吗|呢|嘛|呀|啊|的|我|想|要|约|改|到|去|在|能|行|好|不|有|空|号|日|[一二三四五六七八九十\d\s，,。？?！!]/gu;
/** The stages of a case whose appraisal is still to come (those a home appraisal may be asked in). */
const APPRAISAL_AHEAD: readonly string[] = CASE_EVENTS['home-appraisal-request'];
/** The knowledge base's category of answers about the appraisal. */
const APPRAISAL_CATEGORY = '评定';
/** What is applied for here, named in "这里能办残疾证吗": the form is meant whatever was asked before. */
const NAMES_OUR_FORM = /表|残疾|补贴/u;

/**
 * Routes each free-text turn: a reply to the previous message's buttons, a command, or else a
 * policy question for the knowledge base.
 */
export class MainDialog extends ComponentDialog {
  private readonly clock: Clock;
  private readonly cases: CaseStore;
  private readonly checked: StatusDeps['checked'];
  private readonly drafts: ApplicationDeps['drafts'];
  private readonly useCases: ApplicationDeps['useCases'];

  constructor(
    private readonly answers: PolicyAnswers,
    private readonly hotlines: Hotlines,
    application: Omit<ApplicationDeps, 'answers' | 'handoff'>,
    booking: BookingDeps,
    status: StatusDeps,
    privacy: PrivacyDialogDeps,
    private readonly handoff: HandoffGate,
  ) {
    super('mainDialog');
    this.clock = booking.clock;
    this.cases = status.cases;
    this.drafts = application.drafts;
    this.useCases = application.useCases;
    this.checked = status.checked;
    // Every flow answers policy questions and the hand-off to the desk in the middle of its steps.
    const flow = { answers, hotlines, handoff, noCalls: (context: TurnContext, input: string) => this.noCallsAsked(context, input) };
    // "补传材料" inside the step is its own business, not a new start.
    const router = { id: ROUTE, startsFlow: async (context: TurnContext) => ![undefined, MATERIALS_DIALOG].includes((await this.flowToStart(context))?.dialog) };
    this.addDialog(new StatusDialog(status, flow, router));
    this.addDialog(new PrivacyDialog(privacy, flow));
    this.addDialog(new ApplicationDialog({ ...application, answers, handoff }));
    this.addDialog(new BookingDialog(booking, flow, router));
    this.addDialog(new MaterialsDialog({ ...status, router }, flow));
    this.addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterFlowStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Continues the active dialog or starts routing, as the samples' `run` helper does. */
  /**
   * Runs a turn. A conversation in no multi-step flow whose message starts none is answered
   * without building a dialog context: most turns are policy questions, and the dialog
   * machinery costs more than the answer.
   */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    if (state.dialogStack.length === 0 && !(await this.flowToStart(context))) {
      if (!(await this.handoff.intercept(context))) await this.answerDirectly(context);
      return;
    }
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** Asks the step of the flow in progress again, after a message no step could read (one too long); nothing without a flow. */
  async reprompt(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    if (state.dialogStack.length === 0) return;
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    await (await dialogSet.createContext(context)).repromptDialog();
  }

  /**
   * After a proactive update reached the conversation: the flow's step asked again with its
   * buttons (a chat shows only the latest message's), unless an agent has the conversation.
   */
  async afterNotice(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    if (!(await this.handoff.withAgent(context))) await this.reprompt(context, accessor);
  }

  /** Handed off to a person, or answering the hand-off's own questions: no flow runs this turn. */
  async beginDialog(outerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    if (await this.handoff.intercept(outerDc.context)) return outerDc.endDialog();
    return super.beginDialog(outerDc, options);
  }

  async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    if (await this.handoff.intercept(outerDc.context)) {
      // The hand-off answered (the call-back's phone taken, the queue left): the flow's step is
      // asked again, so the next message is not read against a question out of sight. Nothing
      // is said while a person has the conversation (the bot stayed silent).
      if (outerDc.context.responded) await this.repromptDialog(outerDc.context, outerDc.activeDialog!);
      return Dialog.EndOfTurn;
    }
    return super.continueDialog(outerDc);
  }

  private async routeStep(step: WaterfallStepContext) {
    const flow = await this.flowToStart(step.context);
    if (!flow) {
      await this.answerDirectly(step.context);
      return step.endDialog();
    }
    setTurnOutcome(step.context, { outcome: flow.outcome });
    await this.answers.clearOffer(step.context);
    return step.beginDialog(flow.dialog, flow.options);
  }

  /** An online application just submitted goes on to its materials, one at a time. */
  private async afterFlowStep(step: WaterfallStepContext) {
    const result = step.result as SubmittedApplication | undefined;
    if (result?.materialsDue) return step.beginDialog(MATERIALS_DIALOG, { caseNo: result.caseNo });
    return step.endDialog();
  }

  /** The multi-step flow this message starts, if any; worked out once a turn (see `routeOf`). */
  private flowToStart(context: TurnContext): Promise<FlowStart> {
    let routed = context.turnState.get(ROUTED) as Promise<FlowStart> | undefined;
    if (!routed) {
      routed = this.routeOf(context);
      context.turnState.set(ROUTED, routed);
    }
    return routed;
  }

  /** The multi-step flow this message starts, if any (status, booking, application). */
  private async routeOf(context: TurnContext): Promise<FlowStart> {
    const input = (context.activity.text ?? '').trim();
    const command = recognizeCommand(input);
    const meant = (await this.answers.offeredQuestion(context, input)) ?? input;
    // The case a family check showed today, its number or its applicant's ID sent again by the relative:
    // already found, said so with the case (masked); the check stays, never asked again from the start.
    const repeated = await this.checkRepeated(context, meant);
    if (repeated) return { dialog: STATUS_DIALOG, options: { action: 'familyCheck', caseNo: repeated, checked: true, repeated: true } satisfies StatusOptions, outcome: 'status-checked-repeat' };
    // A case number typed on its own (at the menu, after an answer) asks for that case's progress.
    const caseNo = caseLookedUp(meant);
    if (caseNo) return { dialog: STATUS_DIALOG, options: { action: 'familyCheck', caseNo, text: meant } satisfies StatusOptions, outcome: 'status-caseNo' };
    // "案件号不记得了": the applicant's own cases need no number; anyone else is told where to find it, at the check's first step.
    if (lostCaseNumber(meant)) {
      const own = await this.cases.openCasesOfUser(userKeyOf(context));
      // "我妈的案件号忘了": the relative's number, not the speaker's case, unless the speaker filed one for that relative.
      const ofRelative = aboutSomeoneElse(meant) && filedForNamed(own, meant).length === 0;
      return { dialog: STATUS_DIALOG, options: { action: own.length && !ofRelative ? 'progress' : 'familyCheck', text: meant } satisfies StatusOptions, outcome: 'status-caseNo-lost' };
    }
    // Words of a flow about what this service does not do ("我的护照办到哪了", "我要预约挂号",
    // "帮我办个护照") start none: the knowledge base's decline answers them.
    const declined = () => this.answers.decisionKind(context, meant) === 'decline';
    // A relative's question about the next step of the case a family check showed today ("上门那天俺得在家不",
    // "他没有银行卡"): answered for that case, not with the general entry.
    const answered = await this.checkedCaseAsked(context, meant);
    if (answered) return { dialog: STATUS_DIALOG, options: { action: 'familyCheck', caseNo: answered, checked: true, text: meant } satisfies StatusOptions, outcome: 'status-checked-answer' };
    // "电话改成13512349998" on one's own open case: its phone changed (one sent back for its phone is corrected below).
    if (phoneChangeSaid(meant)) {
      const own = await this.cases.openCasesOfUser(userKeyOf(context));
      if (own.length && !own.some((c) => c.stage === 'returned' && c.returned?.fields.includes('phone'))) {
        return { dialog: STATUS_DIALOG, options: { action: 'phone', text: meant } satisfies StatusOptions, outcome: 'status-phone' };
      }
    }
    // "寄证的地址改成…", "邮寄地址要改一下" on one's own open case: the address it is mailed to, read back before it
    // changes (never the hotline, which a deaf applicant cannot call). One sent back for its address is corrected below.
    if (asksAddressChange(meant)) {
      const own = await this.cases.openCasesOfUser(userKeyOf(context));
      if (own.length && !own.some((c) => c.stage === 'returned' && c.returned?.fields.includes('address'))) {
        return { dialog: STATUS_DIALOG, options: { action: 'address', text: meant } satisfies StatusOptions, outcome: 'status-address' };
      }
    }
    // "身份证后六位 071235" or a phone typed alone (or with what the knowledge base declines, "身份证 110105…"): trying
    // to find a case, which needs its number; never the ID card's decline, nor a question kept. Said with a
    // question or the card's errand ("我身份证号… 丢了怎么补"), that is answered.
    const data = personalDataOnly(meant, this.clock.now());
    if (data || (looksPersonal(meant) && saysOnlyData(meant) && declined())) {
      // A phone from someone whose own case was sent back for its phone is the new number; with a case of
      // one's own, that case is what is looked for (no number needed).
      const own = data?.phone ? await this.cases.openCasesOfUser(userKeyOf(context)) : [];
      if (own.some((c) => c.stage === 'returned' && c.returned?.fields.includes('phone'))) {
        return { dialog: STATUS_DIALOG, options: { action: 'correct', text: meant } satisfies StatusOptions, outcome: 'status-correct-phone' };
      }
      if (own.length) return { dialog: STATUS_DIALOG, options: { action: 'progress' } satisfies StatusOptions, outcome: 'status-progress' };
      return { dialog: STATUS_DIALOG, options: { action: 'familyCheck', text: meant } satisfies StatusOptions, outcome: 'status-personal-data' };
    }
    // "改成邮寄", "能不能寄到家里" on one's own case: the certificate mailed instead of picked up.
    if (asksToMail(meant) && (await this.cases.openCasesOfUser(userKeyOf(context))).length) {
      return { dialog: STATUS_DIALOG, options: { action: 'mail' } satisfies StatusOptions, outcome: 'status-mail' };
    }
    // "自己去领证的话在哪领 我一个人去不了" on one's own case to be picked up: where, and mailing offered; not the general mailing.
    if (asksAboutPickup(meant) && (await this.cases.openCasesOfUser(userKeyOf(context))).some((c) => c.delivery === 'pickup')) {
      return { dialog: STATUS_DIALOG, options: { action: 'mail', offer: true } satisfies StatusOptions, outcome: 'status-pickup' };
    }
    const progress = recognizeProgressIntent(meant);
    const statusAction = STATUS_ACTIONS.find((a) => a === command) ?? (progress && !declined() ? progress : undefined);
    // "他那个护理补贴能批下来不" right after a family check showed a case, from an account with none of its own
    // and naming no other relative: that case again (its items and their states), never "nothing filed".
    const sameCase = statusAction && !command && (statusAction === 'progress' || !RELATIVE_MENTION.test(meant.replace(/\s+/gu, '')));
    const checked = sameCase ? await this.checkedCaseNo(context) : undefined;
    if (checked && (await this.cases.openCasesOfUser(userKeyOf(context))).length === 0) {
      return { dialog: STATUS_DIALOG, options: { action: 'familyCheck', caseNo: checked, checked: true } satisfies StatusOptions, outcome: 'status-checked-again' };
    }
    if (statusAction) return { dialog: STATUS_DIALOG, options: { action: statusAction as StatusAction }, outcome: `status-${statusAction}` };
    // "咋改啊 照片要重拍吗" from someone whose case was sent back, or "电话没错呀 那几天没接着" when it was
    // sent back for its phone: that case's correction, not the general answer.
    const how = asksHowToFix(meant);
    const returned = how || saysPhoneRight(meant) ? (await this.cases.openCasesOfUser(userKeyOf(context))).find((c) => c.stage === 'returned') : undefined;
    if (returned && (how || returned.returned?.fields.includes('phone'))) {
      return { dialog: STATUS_DIALOG, options: { action: 'correct', text: meant } satisfies StatusOptions, outcome: 'status-correct-asked' };
    }
    // "要带啥", "几点到", "医院在哪" from someone whose appraisal is next, following no other answer: the appraisal's own.
    const aboutAppraisal = appraisalQuestion(meant);
    // A relative's check from an earlier day no longer shows the case: asked about it again, the ID tail is asked again.
    const stale = aboutAppraisal || recognizeBookingIntent(meant) ? await this.staleCheck(context) : undefined;
    if (stale) return { dialog: STATUS_DIALOG, options: { action: 'familyCheck', caseNo: stale, text: meant } satisfies StatusOptions, outcome: 'status-recheck' };
    // "俺爹的鉴定约的哪天" with no case of that relative shown here nor filed from this account: the family check
    // first (case number, then the ID tail), never the speaker's own booking.
    if ((aboutAppraisal === 'when' || ['which', 'moved'].includes(recognizeBookingIntent(meant) ?? '')) && dayAskedOfSomeoneElse(meant) && !(await this.checkedCaseNo(context)) &&
      !(await this.cases.openCasesOfUser(userKeyOf(context))).some((c) => c.submittedBy.role === 'proxy')) {
      return { dialog: STATUS_DIALOG, options: { action: 'familyCheck', text: meant, ofRelative: true } satisfies StatusOptions, outcome: 'status-familyCheck-day' };
    }
    // "俺那个鉴定是哪天来着" names the appraisal itself: asked after any answer, it is still the appraisal's day.
    if (aboutAppraisal && (aboutAppraisal === 'when' || [undefined, APPRAISAL_CATEGORY].includes(await this.answers.topicCategory(context))) &&
      (await this.hasAppraisalToBook(context, aboutAppraisal === 'when'))) {
      return { dialog: BOOKING_DIALOG, options: { action: aboutAppraisal, text: meant, checked: await this.checkedCaseNo(context) } satisfies BookingOptions, outcome: `booking-${aboutAppraisal}` };
    }
    // Files sent outside any flow are materials: the step for what is still to come takes them.
    if (command === 'uploadMaterials' || (!input && receivedFiles(context)?.length)) return { dialog: MATERIALS_DIALOG, options: {}, outcome: 'materials-start' };
    // "照片俺重新拍了 咋给你发" from someone whose online case still wants a material (a rejected photo): 补传材料 in other words.
    if (saysSendingMaterial(meant) && (await this.cases.openCasesOfUser(userKeyOf(context))).some((c) => c.channel === 'online' && outstandingMaterials(c).length > 0)) {
      return { dialog: MATERIALS_DIALOG, options: {}, outcome: 'materials-said' };
    }
    if (command === 'myData' || command === 'eraseMe') return { dialog: PRIVACY_DIALOG, options: { action: command }, outcome: `privacy-${command}` };
    // Booking first: "我要申请上门鉴定" is a booking request, not a new application.
    // (Asking which day one's booking is, or cancelling it, names the booking itself.)
    // "俺娘要去鉴定 咋约" from someone whose appraisal is to be booked: the booking itself, not how booking works.
    const asked =
      recognizeBookingIntent(meant) ??
      (asksHowToBook(meant) && (await this.hasAppraisalToBook(context)) ? 'book' : undefined) ??
      // "最早什么时候", "俺还是想早点去" with an appraisal of one's own to book or move: the earliest places.
      (asksEarliest(meant) && (await this.hasAppraisalToBook(context)) ? 'book' : undefined) ??
      // "能让医生上家里来鉴定不" on one's own case that has an appraisal: the home appraisal requested (through the
      // case's use case), not explained; on one past it, the booking says plainly that it is too late.
      (asksForHomeAppraisal(meant) && (await this.cases.openCasesOfUser(userKeyOf(context))).some(needsAppraisal) ? 'home' : undefined) ??
      // "能不能来家里" names no appraisal: with one's own still ahead, it can mean nothing else.
      (asksSomeoneToCome(meant) && (await this.cases.openCasesOfUser(userKeyOf(context))).some((c) => needsAppraisal(c) && APPRAISAL_AHEAD.includes(c.stage)) ? 'home' : undefined);
    // "那天下雨咋办 能改到下周三上午不" shares words with a decline (the weather's) but names a day to
    // move to: for someone whose appraisal is to be booked, that is the booking.
    const refused = async () => declined() && !(asked === 'book' && recognizeWhen(meant, this.clock.now()) && (await this.hasAppraisalToBook(context)));
    // "评定那天我发烧了去不了能改期不" with no appraisal ahead to move and no day named: how one moves it
    // (the knowledge base's answer), not a booking begun that asks the category.
    const movesNothing = async () => asked === 'book' && MOVE_ASKED.test(normalizeText(meant)) && !recognizeWhen(meant, this.clock.now()) && !(await this.hasAppraisalToBook(context));
    const booking = ((asked === 'book' || asked === 'home') && (await refused())) || (await movesNothing()) ? undefined : asked ?? (this.saysOnlyWhen(context, meant) ? 'book' : undefined);
    if (booking) return { dialog: BOOKING_DIALOG, options: { action: booking, text: meant, checked: await this.checkedCaseNo(context) } satisfies BookingOptions, outcome: `booking-start-${booking}` };
    // A repeat of "确认提交" that arrives after the application ended still gets its case number.
    if (input === text.application.summary.confirm) return { dialog: APPLICATION_DIALOG, options: { confirm: true }, outcome: 'application-confirm' };
    // "继续上次的申请" typed, or picked from the welcome by its number.
    const resume = command === 'resume' || recognizeCommand(meant) === 'resume';
    // The request itself must be about something applied for here ("我想办健康证" is not), whoever
    // it is for ("我替我姑姑办个护理补贴": the kin word weighs on the ranking, not on what is asked).
    const request = applyRequestIn(meant);
    const applying = () => {
      const kind = this.answers.decisionKind(context, withoutKin(request!));
      // "俺家老头要办个证": the certificate, unless the whole message is about one not issued here.
      return ['answer', 'clarify'].includes(kind) || (kind !== 'decline' && forKinWithBareCertificate(request!, meant) && !declined());
    };
    if (resume || (request && applying())) return { dialog: APPLICATION_DIALOG, options: { resume, opening: meant }, outcome: 'application-start' };
    return undefined;
  }

  /**
   * Whether the words about an appraisal speak of a case with one ahead: this account's own, or
   * one a family check in this conversation showed, at that stage (to book or to move) or earlier
   * with a home appraisal asked for; and for `when`, any checked case before its appraisal (asked
   * about, not booked: "他啥时候去鉴定" is answered by what comes next for that case, not by how
   * booking works).
   */
  private async hasAppraisalToBook(context: TurnContext, when = false): Promise<boolean> {
    const ahead = (c: CaseRecord) => c.stage === 'appraisal_scheduled' || (c.homeAppraisal !== undefined && APPRAISAL_AHEAD.includes(c.stage));
    if ((await this.cases.openCasesOfUser(userKeyOf(context))).some(ahead)) return true;
    const checked = await this.checkedCaseNo(context);
    const record = checked === undefined ? undefined : await this.cases.get(checked);
    return record !== undefined && (ahead(record) || (when && APPRAISAL_AHEAD.includes(record.stage)));
  }

  /** The case "要我干啥不" asks of: one's own newest open case, else the one a family check showed today. */
  private async caseToDo(context: TurnContext): Promise<CaseRecord | undefined> {
    const own = await this.cases.openCasesOfUser(userKeyOf(context));
    if (own.length) return own[0];
    const checked = await this.checkedCaseNo(context);
    return checked === undefined ? undefined : this.cases.get(checked);
  }

  /** Asked whether they will be phoned, by someone who can only type: the answer (see `noCalls`); undefined otherwise. */
  private async noCallsAsked(context: TurnContext, input: string): Promise<string | undefined> {
    const who = asksIfPhoned(input);
    return who && (await this.cannotPhone(context, input)) ? this.noCalls(context, who) : undefined;
  }

  /** Whether the person can only type: said now or lately in this conversation, or noted on their application or case. */
  private async cannotPhone(context: TurnContext, input: string): Promise<boolean> {
    if (saysCannotPhone(input) || (await this.handoff.saidCannotPhone(context))) return true;
    const userKey = userKeyOf(context);
    return Boolean((await this.drafts.get(userKey))?.draft.values.textOnly) || (await this.cases.openCasesOfUser(userKey)).some((c) => c.contact === 'text-only');
  }

  /**
   * Who will not phone, and how the person is reached instead: this service in this chat; the hospital
   * asked to text, by the note on the case (made now on one's open case if it is not there) or the draft.
   */
  private async noCalls(context: TurnContext, who: 'hospital' | 'us'): Promise<string> {
    const t = text.application.textOnly;
    if (who === 'us') return t.noCallsUs;
    const userKey = userKeyOf(context);
    const own = (await this.cases.openCasesOfUser(userKey))[0];
    // A case past the appraisal and its decisions (delivered) takes no note: nobody is to phone about it.
    if (own && own.contact !== 'text-only' && (await this.useCases.contact.textOnly(own.caseNo, userKey, t.caseNote)) === 'not-now') return t.noCallsUs;
    return own || (await this.drafts.get(userKey))?.draft.values.textOnly ? t.noCallsHospital : t.noCallsNoCase;
  }

  /** The case a family check in this conversation showed today (Shanghai time), if any. */
  private async checkedCaseNo(context: TurnContext): Promise<string | undefined> {
    return checkHeld(await this.checked.get(context), this.clock.now());
  }

  /** The case of a family check made on an earlier day, for an account with no appraisal of its own to ask about. */
  private async staleCheck(context: TurnContext): Promise<string | undefined> {
    const checked = await this.checked.get(context);
    if (!checked || checkHeld(checked, this.clock.now())) return undefined;
    const own = (await this.cases.openCasesOfUser(userKeyOf(context))).some((c) => c.stage === 'appraisal_scheduled');
    return own ? undefined : checked.caseNo;
  }

  /** The case a family check showed today, when the message only gives its number or its applicant's ID again; not to its applicant. */
  private async checkRepeated(context: TurnContext, input: string): Promise<string | undefined> {
    const caseNo = await this.checkedCaseNo(context);
    const record = caseNo === undefined ? undefined : await this.cases.get(caseNo);
    return record && record.submittedBy.userKey !== userKeyOf(context) && repeatsCheck(record, input, this.clock.now()) ? caseNo : undefined;
  }

  /** The case a family check showed today, when the message asks of its next step (see `checkedCaseAnswer`); not to its applicant. */
  private async checkedCaseAsked(context: TurnContext, input: string): Promise<string | undefined> {
    const caseNo = await this.checkedCaseNo(context);
    const record = caseNo === undefined ? undefined : await this.cases.get(caseNo);
    return record && record.submittedBy.userKey !== userKeyOf(context) && checkedCaseAnswer(record, input) ? caseNo : undefined;
  }


  /**
   * A short message naming a day ("下周三上午可以吗", typically after booking was refused as not
   * open yet) that the knowledge base knows nothing about (no answer, no decline such as the weather's): the only thing it can mean here is a
   * booking request, which the booking dialog answers (or refuses again, with its reason).
   */
  private saysOnlyWhen(context: TurnContext, input: string): boolean {
    // "帮我挂个明天的专家号", "明天彩票开啥号": a day with business of its own is no booking request.
    const rest = input.replace(DAY_WORDS, '').replace(WHEN_FILLER, '');
    return [...rest].length < 2 && [...input].length <= WHEN_MAX && DAY_WORD.test(input) && recognizeWhen(input, this.clock.now()) !== undefined && ['none', 'clarify'].includes(this.answers.decisionKind(context, input));
  }

  /** One-turn answers: a button of the last reply, a command, or a policy question. */
  private async answerDirectly(context: TurnContext): Promise<void> {
    const input = (context.activity.text ?? '').trim();
    if (await this.answers.handleOfferedChoice(context, input)) return;
    const command = recognizeCommand(input);
    if (command) setTurnOutcome(context, { outcome: 'command', command });
    let todo: CaseRecord | undefined;
    let noCalls: string | undefined;
    switch (command) {
      case 'help':
        await this.answers.sendMenu(context, text.help(this.hotlines));
        break;
      case 'human':
        await this.answers.handoff(context);
        break;
      case 'restart':
        await this.answers.restart(context);
        break;
      case 'cancel':
        await this.answers.nothingToCancel(context, input);
        break;
      default:
        // "不知道" with no flow open asks nothing of the knowledge base: what one can ask is shown.
        if (nonAnswer(input) === 'unknown') await this.answers.sendMenu(context, text.notSure);
        // "打不了电话 俺是聋子": never the hotline numbers; the typed desk is offered.
        else if (onlySaysCannotPhone(input)) await this.answers.sendMenu(context, text.handoff.typedOffer, [text.handoff.typedOfferButton]);
        // "你们会打电话给我吗" from someone who said they can only type: no call, and how they are reached; never phone numbers.
        else if ((noCalls = await this.noCallsAsked(context, input))) {
          setTurnOutcome(context, { outcome: 'no-calls' });
          await this.answers.sendMenu(context, noCalls);
        }
        // "要我干啥不" with a case of one's own, or a relative's checked today: what is to be done on it now.
        else if (asksWhatToDo(input) && (todo = await this.caseToDo(context))) {
          setTurnOutcome(context, { outcome: 'todo-answered' });
          await this.answers.sendMenu(context, renderToDo(todo, todo.submittedBy.userKey !== userKeyOf(context)));
        }
        // "能帮我把表填了不": this chat fills the form; offered (a yes starts it), the window said as the other way.
        // Right after a decline ("身份证丢了怎么补" → 派出所), a bare "这里能办吗" asks of that, not of the form: declined again.
        else if (asksToApplyHere(input) && !NAMES_OUR_FORM.test(input) && (await this.answers.declineAgain(context))) setTurnOutcome(context, { outcome: 'decline-again' });
        else if (asksToApplyHere(input)) {
          setTurnOutcome(context, { outcome: 'apply-offered' });
          await this.answers.offerOne(context, text.application.fillHere, text.application.applyButton);
        }
        else await this.answers.answer(context, input);
    }
    // A question answered while a call-back still waits for a phone: the phone is asked for again.
    await this.handoff.remindPhone(context);
  }
}

