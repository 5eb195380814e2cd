import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { Slot, SlotStore } from '../../data/appraisal.js';
import { addDays, dayKind, generateSlots, sessionsOn, weekdayOf } from '../../data/calendar.js';
import type { CaseRecord, CaseStore, Stage } from '../../data/cases.js';
import type { CaseUseCases } from '../../cases/index.js';
import type { Clock } from '../../data/clock.js';
import { shanghaiDate } from '../../data/caseQuery.js';
import { bringTo, DISABILITY_CATEGORIES, hospitalFor, type DisabilityCategory, type Hospital, type Region } from '../../data/region.js';
import { APPRAISAL_ITEMS } from '../../data/workflow.js';
import { maskText } from '../../data/personalData.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { userKeyOf } from '../application/applicationDialog.js';
import { asksHomeVisit, readCategory, wantsSomeoneToCome } from '../application/slots.js';
import { labelChoices, recognizeChoice, recognizeConfirmation, type ChoiceOption } from '../choices.js';
import { FlowDialog, NotAnswered, type FlowDeps, type FlowRouter, type StepResult } from '../flowDialog.js';
import { keepsAsIs, nonAnswer } from '../nonAnswers.js';
import { messageWithButtons, smsSaid } from '../replies.js';
import { recognizeCommand } from '../commands.js';
import { aboutSomeoneElse, RELATIVE_MENTION } from '../kinship.js';
import { text } from '../text/index.js';
import { setTurnOutcome } from '../turnOutcome.js';
import { bareWeekday, recognizeWhen, refusedDay, type Refused, type When } from './when.js';

const t = text.booking;
export const BOOKING_DIALOG = 'booking';
const OFFERED = 3;

/** What the booking is started with: the action, the words that asked, and the case a family check here showed. */
export interface BookingOptions {
  action: BookingAction;
  text: string;
  /** The case a family check in this conversation showed: asked about, but booked only by the account that applied. */
  checked?: string;
}

/**
 * `bring`, `hour`, `where`, `when`: what to take to the appraisal, at what hour, where, when it
 * is, asked outside the booking by someone whose appraisal is next; `moved`: whether its day was changed.
 */
export type BookingAction = 'book' | 'cancel' | 'home' | 'which' | 'moved' | 'bring' | 'hour' | 'where' | 'when';

/** Asking whether one must book ("鉴定要提前预约吗", "用不用预约"): a question, no request to. */
// "鉴定前要不要自己先跟医院约时间": whether one books, a question, however much is said between.
const NEED_TO_BOOK = /(要|需要|得|用)(提前)?(预约|约)(吗|么|嘛|不)|(要不要|用不用|需不需要|得不得).{0,8}(预约|约)/u;

/** Asking when the booking made is ("我的预约是哪天", "约的几号来着"), not when one can be ("预约什么时候能约"). */
/**
 * "定的", "订好的", "排的" say the same of a booking made ("他定的是哪天来着"); "规定的", "确定的", and the
 * appraisal's own "鉴定的", "评定的" do not. "定在几号" asks of a day set only with 了/来着 ("定在几号比较好" asks advice).
 */
const WHICH_DAY = /(我的预约|约的|约了|约好的?|约上的?|(?<![规决确认指固特制否鉴评])定(?:好)?的|订(?:好)?的|排的)(?:鉴定|评定|评残|时间|日子)?(是|在)?(哪天|哪一天|几号|什么时候|啥时候|什么时间|几点)|(约|定|订|排)(?:在了(?:哪天|哪一天|几号)|在(?:哪天|哪一天|几号)(?:了|来着))/u;
/**
 * Asking whether the day booked was changed ("俺爹改了时间没", "时间改了没有", "他改约了吗", "日子换了没",
 * "是不是改了日子"): 改/换/变/调 said as done (了, 改没改, 有没有改), about the time (below), with no wish to
 * change it ("能改时间吗", "帮我改到周三") nor another thing changed ("评定标准变了没有", "出生日期改了没").
 */
const ASKS_MOVED = /(?:改|换|变|调)(?:约|期|时间|日子)?了|(?:是不是|有没有|有没)(?:改|换|变|调)|(改|换|变|调)没\1/u;
const ABOUT_THE_DAY = /约|改期|时间|日子|哪天|几号|鉴定|评定|评残/u;
const NOT_THE_DAY_MOVED = /帮|请|想|要|能|可以|可不可以|怎么|咋|如何|改到|改成|改在|换到|换成|调到|标准|政策|规定|等级|级别|结果|流程|要求|材料|办法/u;
const asksMoved = (folded: string) => ASKS_MOVED.test(folded) && ABOUT_THE_DAY.test(folded) && !NOT_THE_DAY_MOVED.test(folded);

/** Asking what to take along: "要带啥", "得准备些什么"; of the appraisal, unless another errand is named ("办补贴要带什么"). */
const WHAT_TO_BRING = /带(点|些)?(啥|什么|哪些)|准备(点|些)?(啥|什么|哪些)|拿(啥|什么)去/u;
const OTHER_ERRAND = /补贴|申请|办证|换证|补办|窗口|网上/u;

/** Asking the hour of the appraisal ("上午几点到啊"), not the window's ("窗口几点上班"). */
const ASKS_HOUR = /几点|几时到|什么时间到|啥时间到|(什么|啥)时候到(?![账手家])/u;
const OTHER_HOURS = /窗口|上班|下班|办公|开门|关门|热线|电话|补贴|钱|寄/u;

/** Whether a message asks at what hour to be at the appraisal. */
function asksAppraisalHour(input: string): boolean {
  const folded = normalizeText(input).replace(/\s+/g, '');
  return ASKS_HOUR.test(folded) && !OTHER_HOURS.test(folded);
}

/** Asking where the appraisal is ("医院在哪", "在哪家医院鉴定"), naming no category (that would be another's hospital) nor another office. */
const OTHER_OFFICE = /残联|窗口|政务|大厅|办证|民政|人社/u;
const ASKS_WHERE = /(医院|地方|地址).{0,3}(在哪|哪里|哪儿|什么地方|啥地方)|哪(家|个|所)医院|(在|去|到)哪(儿|里)?(做|鉴定|评定|评)/u;

/** Asking when the appraisal is ("她啥时候去鉴定"), not when one could book ("最早什么时候能约") nor how one learns it. */
const ASKS_WHEN = /(?:啥|什么)时候|哪天|哪一天|几号/u;
const NOT_WHEN_IT_IS = /约|最早|能|可以|多久|几天|多长|怎么|如何|咋|知道/u;
/** The doctor's visit for a home appraisal, asked when ("医生啥时候上门", "大夫哪天来家里"), not how or whether one gets it. */
const HOME_VISIT = /上门|来家|家里来|(?:医生|大夫).{0,3}来/u;
/** Not the doctor's visit: how or whether, its cost, or what else comes home ("证啥时候送上门", "邮寄的证啥时候到家"). */
const NOT_HOME_VISIT_WHEN = /约|最早|多久|几天|多长|怎么|如何|咋|知道|钱|费|谁|什么人|条件|证|送|寄|补贴/u;
/** Whether a message asks when the doctor comes for a home appraisal. */
export function asksHomeVisitWhen(input: string): boolean {
  const folded = normalizeText(input).replace(/\s+/g, '');
  return ASKS_WHEN.test(folded) && HOME_VISIT.test(folded) && !NOT_HOME_VISIT_WHEN.test(folded) && !AFTER_APPRAISAL.test(folded);
}
/** What comes after the appraisal or beside it ("鉴定结果啥时候出来", "鉴定完了什么时候发证", "鉴定费什么时候交"): not its day. */
const AFTER_APPRAISAL = /结果|出来|完|以后|之后|发证|拿证|公示|下来|费|交/u;

/** What a message asks about the appraisal itself: what to bring, at what hour, where, when; undefined for anything else. */
export function appraisalQuestion(input: string): 'bring' | 'hour' | 'where' | 'when' | undefined {
  const folded = normalizeText(input).replace(/\s+/g, '');
  if (asksWhatToBring(input)) return 'bring';
  if (asksAppraisalHour(input)) return 'hour';
  if (ASKS_WHERE.test(folded) && !readCategory(input, undefined) && !OTHER_OFFICE.test(folded)) return 'where';
  if (ASKS_WHEN.test(folded) && /鉴定|评定|评残|去医院/u.test(folded) && !NOT_WHEN_IT_IS.test(folded) && !AFTER_APPRAISAL.test(folded)) return 'when';
  if (asksHomeVisitWhen(input)) return 'when';
  return undefined;
}

/**
 * Whether the appraisal day asked about (or whether it was changed) is someone else's: a kin word or 他/她 said
 * before the question in the clause that asks it ("俺爹的鉴定约的哪天", "他定的是哪天来着", "俺爹改了时间没"), not one said elsewhere
 * ("我约的哪天 我儿子要陪我去": the son goes along, the booking is the speaker's).
 */
export function dayAskedOfSomeoneElse(input: string): boolean {
  for (const clause of input.split(/[，,。!！?？;；\s]+/u)) {
    const folded = normalizeText(clause);
    const asked = WHICH_DAY.exec(folded) ?? ASKS_MOVED.exec(folded) ?? ASKS_WHEN.exec(folded);
    if (asked) return aboutSomeoneElse(folded.slice(0, asked.index));
  }
  return aboutSomeoneElse(input);
}

/** Whether a message asks what to take along to the appraisal ("要带啥"), naming no other errand. */
function asksWhatToBring(input: string): boolean {
  const folded = normalizeText(input).replace(/\s+/g, '');
  return WHAT_TO_BRING.test(folded) && !OTHER_ERRAND.test(folded);
}

interface BookingState {
  /** `browse`: the earliest times shown to someone who cannot book yet (no case, or one in review), days asked about answered from them. */
  phase: 'category' | 'when' | 'pick' | 'confirm' | 'confirmCancel' | 'keepHome' | 'homeInstead' | 'browse';
  caseNo?: string;
  category?: DisabilityCategory;
  /** Sessions offered as buttons, by id. */
  offered?: string[];
  /** The session read from a typed date, waiting for the person's "对". */
  slotId?: string;
  /** The session already booked: the confirmation says the place moves ("改到…"), and it is never offered again. */
  moving?: string;
  /** A category read from a description, waiting for the person's "对". */
  guess?: DisabilityCategory;
  /** What the booking was asked with ("约下周二"), kept while whether the home appraisal stands is asked. */
  said?: string;
  /** While browsing: that booking comes after the application has been said, so it is not said again. */
  noted?: boolean;
}

/** Going to the hospital after all ("能去医院", "我们自己去"): the home appraisal is no longer wanted. */
const GOES_TO_HOSPITAL = /(?<![不没])(?:能|可以)?(?:去|到)医院|自己(?:能|可以)?去(?!不)/u;
/** Saying the hospital is out of reach ("她不能去医院", "去医院太远了", "不能自己去"): read before GOES_TO_HOSPITAL, which these contain. */
const CANNOT_GO = /(?:不|没|没法|没办法|不方便)(?:能|能够|可以|好)?(?:自己)?(?:去|到)(?:医院|那)|(?:不|没法|没办法)(?:能|可以)?自己(?:去|到)|(?:去|到)不了|(?:去|到)医院.{0,2}(?:太|远|麻烦|费劲|不方便|不了)/u;

const GUESS_BUTTONS = text.application.categoryGuessButtons;

export interface BookingDeps {
  slots: SlotStore;
  cases: CaseStore;
  useCases: CaseUseCases;
  region: Region;
  clock: Clock;
  /** SMS on: the hospital's texts may be named; off, its notice is. */
  sms?: boolean;
}

/** Pre-review not passed yet: the appraisal is still to come after it. */
const BEFORE_REVIEW_PASSED: readonly Stage[] = ['submitted', 'pre_review', 'returned'];
const inReview = (c: CaseRecord) => BEFORE_REVIEW_PASSED.includes(c.stage);
/** A case with an appraisal among its items (not refused), whether still ahead or done. */
export const needsAppraisal = (c: CaseRecord) => c.items.some((i) => APPRAISAL_ITEMS.includes(i.id) && i.status !== 'rejected');

/** Asking how to book the appraisal ("咋约", "怎么预约鉴定"), which for someone with a case to book is a wish to book. */
export function asksHowToBook(input: string): boolean {
  const folded = normalizeText(input).replace(/\s+/g, '');
  return /(咋|怎么|怎样|如何)(个)?(预)?约|约.{0,2}(咋|怎么)(弄|办|约)/u.test(folded) && !/取消|改/u.test(folded);
}

/** "最早什么时候", "俺还是想早点去 最早啥时候", "能不能早点": the earliest day asked, naming nothing else. */
const EARLIEST_ASKED = /最早|早点|早一点|早些|提前/u;
/** What else an earliest time may be asked of: the card, the money, the result, the hour of the day. */
const EARLIEST_OF_ELSE = /多久|几天|多长|证|补贴|钱|到账|结果|公示|审核|几点|窗口|上班|开门/u;

/** Asking the earliest day, naming nothing else: for someone with an appraisal to book or move, the earliest places. */
export function asksEarliest(input: string): boolean {
  const folded = normalizeText(input).replace(/\s+/g, '');
  return EARLIEST_ASKED.test(folded) && !EARLIEST_OF_ELSE.test(folded);
}

/**
 * Asking for the doctor to come for the appraisal, in a question or not ("能让医生上家里来鉴定不"): from
 * someone with an appraisal ahead on their own case, the request itself.
 */
export function asksForHomeAppraisal(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  if (ABOUT_HOME_APPRAISAL.test(said)) return false;
  return (wantsSomeoneToCome(input) && /鉴定|评定|评残|医生|大夫/u.test(said)) || (AT_HOME.test(said) && !NOT_AT_HOME.test(said));
}
/**
 * Someone to come, in words that do not name the appraisal ("俺截肢了走不了道 能不能来家里", "给俺登记个上门的吧"):
 * from someone whose own appraisal is still ahead, that is the home appraisal asked for.
 */
export function asksSomeoneToCome(input: string): boolean {
  return wantsSomeoneToCome(input) && !ABOUT_HOME_APPRAISAL.test(normalizeText(input).replace(/\s+/g, ''));
}
/**
 * A question about the home appraisal other than whether one may have it ("在家评残要花钱吗", "什么人能在家鉴定",
 * "上门鉴定要准备啥"): answered, never taken as the request.
 */
const ABOUT_HOME_APPRAISAL = /钱|费|准备|带(?:点|些)?(?:啥|什么|哪些)|材料|谁|什么人|哪些人|啥人|哪种人|什么样|什么情况|啥情况|哪些情况|条件|符合|标准|多久|几天|多长|流程|手续/u;
/** The appraisal done at home, in words other than someone coming: "鉴定能不能在家里做", "俺走不了路 能在家鉴定吗". */
const AT_HOME = /在家里?(?:做|给|搞|弄)?(?:鉴定|评定|评残)|(?:鉴定|评定|评残).{0,4}在家里?(?:做|弄|搞)/u;
const NOT_AT_HOME = /不用|不要|不需要|不必|用不着/u;

/** "不知道", "都行", "你们定": no day in mind, said where a day is asked. */
const ANY_DAY = /^(?:都行|都可以|随便|无所谓|你们?定|你们?看着?(?:安排|办)|看你们?安排|哪天都?行)(?:吧|啊|呀|的)*$/u;
const anyDay = (input: string) => nonAnswer(input) === 'unknown' || ANY_DAY.test(normalizeText(input).replace(/\s+/g, ''));

/** Asking when there are places, while looking at the times: "最快什么时候有位置", "哪天有空", "啥时候能约". */
// Saying one has not applied yet: "我还没申请呢", "还没交申请", "没办过".
const NOT_APPLIED = /(?:还|都)?没(?:有)?(?:申请|交申请|提交|报名|办过|填表)/u;
const ASKS_FREE = /最快|有(?:没有)?(?:空|位置|名额|号)|(?:能|可以)约/u;

/** What a message asks of the booking dialog, if anything. */
/** Moving an appraisal, said as a question or a wish: "能改期不", "能改个时间吗", "想换个日子", "周四要透析 换一天吧". */
export const MOVE_ASKED = /改期|改约|改.?时间|换.?时间|换.?日子|改.?日子|(?:换|改)(?:一|个|别的)天/u;

// A hospital's other bookings ("体检中心预约电话", "挂专家号要预约吗"), the appraisal not named: no booking of ours.
const OTHER_BOOKING = /^(?!.*(?:鉴定|评定|评残)).*(?:体检|挂号|门诊|看病|专家号|疫苗|打针|手术|床位)/u;

export function recognizeBookingIntent(input: string): BookingAction | undefined {
  const folded = normalizeText(input).replace(/\s+/g, '');
  if (recognizeCommand(input) === 'cancelBooking' || /取消.{0,2}(预约|鉴定|评定)|不(预)?约了/.test(folded)) return 'cancel';
  if (asksMoved(folded)) return 'moved';
  if (WHICH_DAY.test(folded)) return 'which';
  // "评残医生能上门不" asks (the spoken yes/no ending too): the home appraisal's answer, no request.
  if (/(我要|我想|帮我|申请|请|要)上门(鉴定|评定|评残)|(鉴定|评定|评残).{0,3}(上门|到家)/.test(folded) && !/能不能|可不可以|怎么/.test(folded) && !asksSomething(input)) return 'home';
  if ((/预约|约.{0,2}(鉴定|评定|评残|时间)|改到/.test(folded) || MOVE_ASKED.test(folded)) && !/怎么|如何/.test(folded) && !NEED_TO_BOOK.test(folded) && !OTHER_BOOKING.test(folded)) return 'book';
  if (/(鉴定|评定|评残)/.test(folded) && /最早|什么时候|哪天|几号/.test(folded) && !/多久|几天|多长|怎么|如何|咋|谁/.test(folded) && !AFTER_APPRAISAL.test(folded)) return 'book';
  return undefined;
}

/**
 * Books, moves or cancels the appraisal at the designated hospital for the applicant's
 * category, in the words people say. The place itself is taken by `SlotStore.reserve`, one
 * atomic check-and-reserve: two people can never get the last place.
 */
export class BookingDialog extends FlowDialog<BookingState, BookingOptions> {
  constructor(
    private readonly deps: BookingDeps,
    flow: FlowDeps,
    private readonly router?: FlowRouter,
  ) {
    super(BOOKING_DIALOG, flow);
  }

  async beginDialog(dc: DialogContext, options?: BookingOptions): Promise<DialogTurnResult> {
    const action = options?.action ?? 'book';
    await this.ensureSlots();
    const own = (await this.deps.cases.openCasesOfUser(userKeyOf(dc.context))).filter(needsAppraisal);
    // "俺爹的鉴定约的哪天", "他定的是哪天来着": the day of someone else's case (the one a family check here
    // showed, else one filed here for a relative), never the speaker's own booking.
    const asksDay = action === 'when' || action === 'which' || action === 'moved';
    const ofOther = asksDay && dayAskedOfSomeoneElse(options?.text ?? '');
    const mine = ofOther ? (options?.checked ? undefined : own.find((c) => c.submittedBy.role === 'proxy')) : own[0];
    // A relative who has just checked a case: its appraisal is theirs to ask about, not to book,
    // move or cancel (that is the account that applied), and it is never "nothing filed".
    const checked = !mine && options?.checked ? await this.deps.cases.get(options.checked) : undefined;
    // In review, or with the home visit asked for and still to come, what comes next for the case is said instead.
    if (checked && ['book', 'cancel', 'home'].includes(action)) {
      const ahead = action !== 'cancel' && (inReview(checked) || (checked.homeAppraisal !== undefined && checked.stage === 'appraisal_scheduled'));
      return this.end(dc, ahead ? this.notBooked(checked) : t.onlyApplicantBooksCase(checked.caseNo));
    }
    const record = mine ?? (checked && needsAppraisal(checked) ? checked : undefined);
    const booking = record ? await this.deps.slots.activeBookingOf(record.caseNo) : undefined;
    // "医生啥时候上门" on one's own case with no home appraisal asked for nor anything booked: the request, as said otherwise.
    if (action === 'when' && mine && !booking && !mine.homeAppraisal && asksHomeVisitWhen(options?.text ?? '')) return this.requestHome(dc, mine);
    // "她啥时候去鉴定": the day booked, the home appraisal asked for, or (to a relative) who books; the applicant with none books.
    // "约的哪天" from the same relative is the same question, answered in the same words; "改了时间没" is told whether it moved.
    if (asksDay && record && (booking || record.homeAppraisal || !mine)) {
      if (booking && action === 'moved') return this.end(dc, await this.movedOrNot(record, booking.slotId));
      if (booking) return this.end(dc, mine ? t.bookedOn(await this.describe(booking.slotId)) : t.caseBookedOn(await this.describe(booking.slotId)));
      return this.end(dc, this.notBooked(record));
    }
    if (action === 'which' || action === 'moved') return this.end(dc, booking ? t.bookedOn(await this.describe(booking.slotId)) : t.noBooking);
    if (action === 'cancel') {
      if (!record || !booking) return this.end(dc, t.noBooking);
      return this.ask(dc, { phase: 'confirmCancel', caseNo: record.caseNo }, t.cancelConfirm(await this.describe(booking.slotId)), labelChoices(t.cancelButtons));
    }
    if (!record) {
      // "帮俺爹约个鉴定" on an account that filed nothing: the booking belongs to the account that
      // applied (the relative may have applied elsewhere); never a false "nothing filed".
      if (RELATIVE_MENTION.test(normalizeText(options?.text ?? ''))) return this.end(dc, t.onlyApplicantBooks);
      // Only asking when an appraisal could be: show the earliest places, booking needs a case.
      return this.ask(dc, { phase: 'category' }, `${t.noCaseYet}\n${t.askCategory}`, categories(), t.askCategory);
    }
    if (action === 'home') return this.requestHome(dc, record);
    // A home appraisal with no hospital booked: the doctor comes, so nothing is taken to a hospital.
    if (action === 'bring') return this.end(dc, record.homeAppraisal && !booking ? t.bringHome(bringTo(this.hospital(record.applicant.category), record.applicant.category)) : this.bringList(record.applicant.category));
    if (action === 'where') return this.end(dc, this.whereAnswer(record.applicant.category));
    if (action === 'hour') {
      const hour = this.hourAnswer(record.applicant.category);
      if (!booking) return this.end(dc, hour);
      const when = await this.describe(booking.slotId);
      return this.end(dc, `${mine ? t.bookedOn(when) : t.caseBookedOn(when)}\n${hour}`);
    }
    // Someone who asked for the appraisal at home says whether that still stands: a case holds one appraisal, never both.
    if (record.homeAppraisal && !booking) {
      const state: BookingState = { phase: 'keepHome', caseNo: record.caseNo, category: record.applicant.category, said: options?.text };
      return this.ask(dc, state, t.homeStillWanted, labelChoices(t.homeStillButtons));
    }
    return this.startBooking(dc, record, booking, options?.text ?? '');
  }

  /**
   * When the appraisal of a case with nothing booked is, to its applicant or a relative: the
   * review first while it is on; a home visit is phoned about; otherwise only the applicant books.
   */
  private notBooked(record: CaseRecord): string {
    const reviewing = inReview(record);
    const stage = text.status.stageNames[record.stage];
    // Said to the applicant or to a relative who proved who they are: the phone masked, as the case shown to them.
    const phone = maskText(record.applicant.phone);
    if (record.homeAppraisal) return reviewing ? t.homeAfterReview(record.caseNo, stage, phone) : t.homeAwaited(phone);
    return reviewing ? t.bookAfterReview(record.caseNo, stage) : t.caseNotBooked(record.caseNo);
  }

  /**
   * Whether the case's booking was changed since it was first made (moved, or cancelled and made
   * again), and the day it is on now.
   */
  private async movedOrNot(record: CaseRecord, slotId: string): Promise<string> {
    const made = record.audit.filter((e) => e.action === 'appointment-book' || e.action === 'appointment-reschedule').length;
    const slot = await this.deps.slots.get(slotId);
    const hospital = this.deps.region.hospitals.find((x) => x.id === slot?.hospitalId)?.name ?? '';
    return made > 1 ? t.movedTo(this.label(slotId), hospital) : t.notMoved(this.label(slotId), hospital);
  }

  /** Asks when (or books the day already said), or moves the booking there is; before pre-review, says when the applicant could go. */
  private async startBooking(dc: DialogContext, record: CaseRecord, booking: { slotId: string } | undefined, said: string, before = ''): Promise<DialogTurnResult> {
    if (before) await dc.context.sendActivity(messageWithButtons(before));
    // Booking opens once pre-review has passed; before that the applicant learns when they could go.
    if (record.stage !== 'appraisal_scheduled') return this.showEarliest(dc, { phase: 'browse', caseNo: record.caseNo, category: record.applicant.category ?? '肢体', noted: true }, t.afterPreReview);
    const state: BookingState = { phase: 'when', caseNo: record.caseNo, category: record.applicant.category, ...(booking && { moving: booking.slotId }) };
    const when = recognizeWhen(said, this.deps.clock.now());
    if (when) return this.handleWhen(dc, state, when);
    if (booking) return this.ask(dc, state, `${t.alreadyBooked(await this.describe(booking.slotId))}\n${t.askWhen}`, [], t.askWhen);
    return this.ask(dc, state, t.askWhen);
  }

  /**
   * After an update: the times shown while the case was in review are not shown again once it has left
   * review (the "预审通过" notice says how to book, and the next day asked is booked).
   */
  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = (instance.state as { flow?: BookingState }).flow;
    const record = state?.phase === 'browse' && state.caseNo ? await this.deps.cases.get(state.caseNo) : undefined;
    if (record && !inReview(record)) return;
    return super.repromptDialog(context, instance);
  }

  protected async onStep(dc: DialogContext, state: BookingState, input: string): Promise<StepResult> {
    // While a place is being picked, "俺走不了那么远 能不能上门来给俺鉴定" asks for the home appraisal itself.
    // "上门办的那种" says it in the form's words for someone to come, shared with the form.
    if (state.phase !== 'confirmCancel' && state.phase !== 'keepHome' && state.phase !== 'homeInstead' && wantsSomeoneToCome(input)) {
      const record = state.caseNo ? await this.deps.cases.get(state.caseNo) : undefined;
      if (record) return this.requestHome(dc, record);
      // No case yet: how the home appraisal is asked for, said before the category is asked again.
      if (!state.caseNo) return new NotAnswered(undefined, { answer: t.homeNeedsCase });
    }
    if (state.phase !== 'confirmCancel') {
      const asked = await this.aboutThisBooking(dc, state, input);
      if (asked) return asked;
    }
    // "算了不改了", "保持原来的 不动了" while moving: the booking stays where it is.
    if (state.moving && (state.phase === 'when' || state.phase === 'pick' || state.phase === 'confirm') && keepsAsIs(input)) return this.end(dc, t.kept);
    switch (state.phase) {
      case 'keepHome': {
        // "还要上门", "上门的那种" keep it; "能去医院", "不用了" withdraw it and go on to the booking.
        const folded = normalizeText(input).replace(/\s+/g, '');
        const keep = asksHomeVisit(input) || CANNOT_GO.test(folded) ? true : GOES_TO_HOSPITAL.test(folded) ? false : recognizeConfirmation(input, labelChoices(t.homeStillButtons));
        if (keep === undefined) return new NotAnswered(text.application.errors.confirm(t.homeStillButtons));
        if (keep) return this.end(dc, t.homeKept);
        const withdrawn = await this.deps.useCases.appointments.cancelHome(state.caseNo!, userKeyOf(dc.context));
        const record = await this.deps.cases.get(state.caseNo!);
        if (!record) return this.end(dc, t.noBooking);
        // Refused while the answer was awaited: the request still on the case means the case has moved
        // past the appraisal (nothing to book); gone, it was withdrawn meanwhile (the booking goes on, unsaid).
        if (!withdrawn) {
          if (record.homeAppraisal) return this.end(dc, t.homeNotNow);
          return this.startBooking(dc, record, await this.deps.slots.activeBookingOf(record.caseNo), state.said ?? '');
        }
        setTurnOutcome(dc.context, { outcome: 'booking-home-cancelled' });
        return this.startBooking(dc, record, undefined, state.said ?? '', t.homeWithdrawn);
      }
      case 'homeInstead': {
        // "改成上门", "去不了医院" swap; "还是去医院", "能去" keep the booking.
        const folded = normalizeText(input).replace(/\s+/g, '');
        const swap = asksHomeVisit(input) || CANNOT_GO.test(folded) ? true : GOES_TO_HOSPITAL.test(folded) ? false : recognizeConfirmation(input, labelChoices(t.homeInsteadButtons));
        if (swap === undefined) return new NotAnswered(text.application.errors.confirm(t.homeInsteadButtons));
        if (!swap) return this.end(dc, t.kept);
        await this.deps.useCases.appointments.cancel(state.caseNo!, userKeyOf(dc.context));
        const record = await this.deps.cases.get(state.caseNo!);
        return record ? this.requestHome(dc, record) : this.end(dc, t.noBooking);
      }
      case 'category': {
        // "我还没申请呢" to the times of someone with no case: the application is offered (a yes starts it).
        if (!state.caseNo && NOT_APPLIED.test(normalizeText(input).replace(/\s+/g, ''))) {
          setTurnOutcome(dc.context, { outcome: 'booking-apply-offered' });
          await this.flow.answers.offerOne(dc.context, t.notAppliedYet, text.application.applyButton);
          return dc.endDialog();
        }
        const read = readCategory(input, state.guess);
        if (!read) return new NotAnswered(text.application.errors.choice);
        // The preface (apply first) was said with the category question: the times come alone.
        if (read.category) return this.showEarliest(dc, { phase: 'browse', category: read.category });
        if (read.guess) return (await this.questionFirst(dc, state, input)) ?? this.ask(dc, { phase: 'category', guess: read.guess }, t.categoryGuess(read.guess), labelChoices(GUESS_BUTTONS));
        return this.ask(dc, { phase: 'category' }, t.askCategory, categories());
      }
      case 'confirmCancel': {
        const yes = recognizeConfirmation(input, labelChoices(t.cancelButtons));
        if (yes === undefined) return new NotAnswered(text.application.errors.confirm(t.cancelButtons));
        return yes ? this.cancelBooking(dc, state.caseNo!) : this.end(dc, t.kept);
      }
      case 'confirm': {
        // A new date said here is the new wish (confirmed in turn), before 对/不对 is looked for.
        const when = recognizeWhen(input, this.deps.clock.now());
        if (when) return this.handleWhen(dc, state, when);
        const yes = recognizeConfirmation(input, labelChoices(t.confirmButtons));
        if (yes === undefined) return new NotAnswered(t.confirmNotUnderstood);
        return yes ? this.book(dc, state, state.slotId!) : this.ask(dc, { ...state, phase: 'when', slotId: undefined }, t.askWhen);
      }
      case 'pick': {
        const offered = (state.offered ?? []).map((id) => ({ label: this.label(id), value: id }));
        const picked = recognizeChoice(input, offered);
        // Each button names the exact date and half day ("11月24日（周二）上午"): tapping it, or
        // saying its number, is already the confirmation, so it books without a second question.
        if (picked) return this.book(dc, state, picked.value);
        // "那就礼拜四上午吧" after a list with one Thursday: that one, not the nearest Thursday.
        const offeredDay = this.offeredOn(state.offered ?? [], input);
        if (offeredDay) return this.handleWhen(dc, state, offeredDay);
        const when = recognizeWhen(input, this.deps.clock.now());
        if (when) return this.handleWhen(dc, state, when);
        return new NotAnswered(t.notUnderstood);
      }
      case 'browse': {
        // "下周一上午有没有", "周四行不", "最早哪天", "预约鉴定" again: answered from the free times; anything else is routed afresh.
        const asksFree = recognizeBookingIntent(input) === 'book' || ASKS_FREE.test(normalizeText(input).replace(/\s+/g, ''));
        const when = recognizeWhen(input, this.deps.clock.now()) ?? (asksFree ? { kind: 'earliest' } : undefined);
        // The case's pre-review may have passed since the times were shown: then the day asked is booked
        // (from the start, so a home appraisal asked for is settled first), never answered from the list.
        const record = when && state.caseNo ? await this.deps.cases.get(state.caseNo) : undefined;
        if (record && !inReview(record)) return dc.replaceDialog(BOOKING_DIALOG, { action: 'book', text: input } satisfies BookingOptions);
        if (when) return this.browse(dc, state, when);
        return this.router ? dc.replaceDialog(this.router.id) : new NotAnswered();
      }
      case 'when': {
        // "不知道", "都行" to which day: the earliest places are shown to pick from.
        const when = recognizeWhen(input, this.deps.clock.now()) ?? (anyDay(input) ? { kind: 'earliest' } : undefined);
        if (!when) return new NotAnswered(t.whenNotUnderstood);
        return this.handleWhen(dc, state, when);
      }
    }
  }

  /**
   * "取消" while booking keeps things as they were (a booking being moved stays where it was);
   * said when asked to confirm a cancellation, it confirms.
   */
  protected cancel(dc: DialogContext, state: BookingState): Promise<DialogTurnResult> {
    if (state.phase === 'confirmCancel') return this.cancelBooking(dc, state.caseNo!);
    return this.end(dc, state.moving ? t.kept : t.leftUnbooked);
  }

  /**
   * What is said about the booking itself at any step, rather than an answer to it: "取消预约"
   * (the booking there is to cancel, or none, and the flow is left), "我的预约是哪天", and "要带啥"
   * (the appraisal's own list at this hospital, not the application's materials).
   */
  private async aboutThisBooking(dc: DialogContext, state: BookingState, input: string): Promise<StepResult | undefined> {
    const intent = recognizeBookingIntent(input);
    // The booking is looked up only when the words are about it, not on every step.
    const booking = intent && state.caseNo ? await this.deps.slots.activeBookingOf(state.caseNo) : undefined;
    if (intent === 'cancel') {
      if (!booking) return this.end(dc, t.leftUnbooked);
      return this.ask(dc, { phase: 'confirmCancel', caseNo: state.caseNo }, t.cancelConfirm(await this.describe(booking.slotId)), labelChoices(t.cancelButtons));
    }
    // "我那个评定是几号来着" while moving it: the day booked, and the step asked again.
    if (intent === 'which' || intent === 'moved' || (state.caseNo && appraisalQuestion(input) === 'when')) {
      const booked = booking ?? (state.caseNo && !intent ? await this.deps.slots.activeBookingOf(state.caseNo) : undefined);
      return new NotAnswered(undefined, { answer: booked ? t.bookedOn(await this.describe(booked.slotId)) : t.notBookedYet });
    }
    // With no case yet (the category step), the appraisal's list at the category's usual hospital, not the application's.
    if (asksWhatToBring(input)) return new NotAnswered(undefined, { answer: this.bringList(state.category ?? state.guess) });
    // "医院在哪": the hospital of this appraisal, not every designated one.
    if (state.caseNo && appraisalQuestion(input) === 'where') return new NotAnswered(undefined, { answer: this.whereAnswer(state.category) });
    // "上午几点到啊" at the confirmation asks the hour of the session offered, it is no new wish (a day named is one).
    const when = recognizeWhen(input, this.deps.clock.now());
    if (state.phase !== 'category' && asksAppraisalHour(input) && (!when || when.kind === 'part')) return new NotAnswered(undefined, { answer: this.hourAnswer(state.category) });
    return undefined;
  }

  /** From the offered sessions or the confirmation back to the question of when; nothing is before that. */
  protected async back(dc: DialogContext, state: BookingState): Promise<DialogTurnResult> {
    if ((state.phase === 'pick' || state.phase === 'confirm') && state.caseNo) return this.ask(dc, { ...state, phase: 'when', offered: undefined, slotId: undefined }, t.askWhen);
    return super.back(dc, state);
  }

  /** The one offered day a weekday said with no week names ("礼拜四上午"), with the half day said. */
  private offeredOn(offered: string[], input: string): When | undefined {
    const day = bareWeekday(input);
    const dates = new Set(
      offered
        .map((id) => id.split(':'))
        .filter(([, date, part]) => day && weekdayOf(date) === day.weekday && (!day.part || day.part === part))
        .map(([, date]) => date),
    );
    return day && dates.size === 1 ? { kind: 'date', date: [...dates][0], part: day.part } : undefined;
  }

  /** A date the person asked for: confirm it if it has a place, else explain and offer the nearest. */
  private async handleWhen(dc: DialogContext, state: BookingState, when: When): Promise<DialogTurnResult> {
    // "还是12月3号吧" while moving: the person's own place is theirs, never "约满", and it stays.
    const [, bookedDate, bookedPart] = state.moving?.split(':') ?? [];
    if (when.kind === 'date' && when.date === bookedDate && (!when.part || when.part === bookedPart)) return this.end(dc, t.keptSame(this.label(state.moving!)));
    const hospital = this.hospital(state.category);
    const today = shanghaiDate(this.deps.clock.now());
    const first = addDays(today, 1);
    const last = addDays(today, this.deps.region.booking.weeksAhead * 7);
    let target = first;
    // "礼拜四不行 礼拜五呢": the day turned down is said back when no other day is asked; it is never offered.
    let note = when.not?.length && when.kind !== 'date' ? t.notThese(this.refusedLabel(when.not)) : '';
    if (when.kind === 'date') {
      target = when.date;
      note = this.closedNote(hospital, when.date) ?? '';
      if (!note) {
        const free = await this.freeOn(hospital, when, state.moving);
        if (free.length === 1 || (free.length > 1 && when.part)) return this.confirm(dc, state, free[0].id);
        if (free.length > 1) return this.offer(dc, state, free, t.pickPart);
        note = t.full(this.dayLabel(when.date));
      }
    } else if (when.kind === 'range') {
      target = when.from < first ? first : when.from;
    }
    // A half day asked on its own ("上午吧", "最早的上午") filters; one tied to a full date does not:
    // the same day's afternoon is nearer than next week's morning.
    const part = when.kind === 'date' ? undefined : when.part;
    const nearest = await this.nearest(hospital, target < first || target > last ? first : target, part, [state.moving], when.not);
    if (nearest.length === 0) return this.end(dc, t.noSessions(hospital.name));
    return this.offer(dc, state, nearest, note ? `${note}${t.offer}` : t.offer);
  }

  /**
   * A day asked about by someone who cannot book yet: whether it has free places, else the nearest
   * that have; the first time, that these cannot be booked yet (with no application, 我要申请 as a button).
   */
  private async browse(dc: DialogContext, state: BookingState, when: When): Promise<DialogTurnResult> {
    const hospital = this.hospital(state.category);
    const first = addDays(shanghaiDate(this.deps.clock.now()), 1);
    const labels = (slots: Slot[]) => slots.map((s) => this.label(s.id)).join('、');
    let answer: string;
    if (when.kind === 'date') {
      const note = this.closedNote(hospital, when.date);
      const free = note ? [] : await this.freeOn(hospital, when);
      const nearest = free.length ? [] : await this.nearest(hospital, note ? first : when.date, when.part, [], when.not);
      answer = free.length ? t.freeThatDay(labels(free)) : `${note ?? t.full(this.dayLabel(when.date))}${nearest.length ? t.nearestFree(labels(nearest)) : ''}`;
    } else {
      const from = when.kind === 'range' && when.from > first ? when.from : first;
      const nearest = await this.nearest(hospital, from, when.part, [], when.not);
      answer = nearest.length ? t.earliestInfo(hospital.name, labels(nearest)) : t.noSessions(hospital.name);
      if (when.not?.length) answer = `${t.notThese(this.refusedLabel(when.not))}${answer}`;
    }
    const apply = state.caseNo ? [] : labelChoices([text.application.applyButton]);
    // A case in review had it said with the first times (t.afterPreReview).
    const message = state.noted ? answer : `${answer}\n${t.browseOnly}`;
    return this.ask(dc, { ...state, noted: true }, message, apply, answer);
  }

  /** Why a date has no appraisal to offer at the hospital (past, too far ahead, a holiday, none that weekday); undefined when it has sessions. */
  private closedNote(hospital: Hospital, date: string): string | undefined {
    const today = shanghaiDate(this.deps.clock.now());
    if (date < addDays(today, 1)) return t.past;
    if (date > addDays(today, this.deps.region.booking.weeksAhead * 7)) return t.tooFar(this.deps.region.booking.weeksAhead);
    // The date understood is said back ("下礼拜三" is 12月2日), so a misreading shows.
    const said = this.dayLabel(date);
    const day = dayKind(this.deps.region, date);
    if (!day.open && day.why === 'holiday') return t.holiday(said);
    if (sessionsOn(this.deps.region, hospital, date).length === 0) return t.noSessionThatDay(said, hospital.name);
    return undefined;
  }

  /** The free sessions of one day (the half day asked, if any), the one being moved left out. */
  private async freeOn(hospital: Hospital, when: Extract<When, { kind: 'date' }>, except?: string): Promise<Slot[]> {
    const free = await this.deps.slots.list({ hospitalId: hospital.id, from: when.date, to: when.date, freeOnly: true });
    return free.filter((s) => (!when.part || s.part === when.part) && s.id !== except);
  }

  /**
   * Says back the exact date and half day read from the person's words before booking or
   * moving there, so a date read differently from what was meant is caught.
   */
  private confirm(dc: DialogContext, state: BookingState, slotId: string): Promise<DialogTurnResult> {
    const when = this.label(slotId);
    return this.ask(dc, { ...state, phase: 'confirm', offered: undefined, slotId }, state.moving ? t.confirmMove(when) : t.confirmWhen(when), labelChoices(t.confirmButtons));
  }

  /** Takes the place (or moves the existing booking there) and records it on the case. */
  private async book(dc: DialogContext, state: BookingState, slotId: string): Promise<DialogTurnResult> {
    const category = state.category ?? '肢体';
    const result = await this.deps.useCases.appointments.book(state.caseNo!, slotId, { userKey: userKeyOf(dc.context), category });
    if (!result.ok) {
      setTurnOutcome(dc.context, { outcome: `booking-${result.reason}` });
      if (result.reason === 'not-now' || result.reason === 'no-case') return this.end(dc, t.afterPreReview);
      const slot = await this.deps.slots.get(slotId);
      const nearest = await this.nearest(this.hospital(state.category), slot?.date ?? addDays(shanghaiDate(this.deps.clock.now()), 1), undefined, [slotId, state.moving]);
      if (nearest.length === 0) return this.end(dc, t.noSessions(this.hospital(state.category).name));
      return this.offer(dc, state, nearest, `${result.reason === 'closed' ? t.closed : t.full(this.label(slotId))}${t.offer}`);
    }
    const { slot, rescheduled } = result;
    setTurnOutcome(dc.context, { outcome: rescheduled ? 'booking-rescheduled' : 'booking-booked', slot: slot.id });
    const hospital = this.deps.region.hospitals.find((h) => h.id === slot.hospitalId)!;
    const confirmation = t.confirmed(hospital.name, hospital.address, this.label(slot.id), bringTo(hospital, category));
    // The booking is the subject now: "要带啥" next asks of the appraisal, not of a policy answer before it.
    await this.flow.answers.forgetTopic(dc.context);
    return this.end(dc, rescheduled ? `${t.rescheduled}${confirmation}` : confirmation);
  }

  private async cancelBooking(dc: DialogContext, caseNo: string): Promise<DialogTurnResult> {
    await this.deps.useCases.appointments.cancel(caseNo, userKeyOf(dc.context));
    setTurnOutcome(dc.context, { outcome: 'booking-cancelled' });
    return this.end(dc, t.cancelled);
  }

  private async requestHome(dc: DialogContext, record: CaseRecord): Promise<DialogTurnResult> {
    const outcome = await this.deps.useCases.appointments.requestHome(record.caseNo, userKeyOf(dc.context), dc.context.activity.text ?? '');
    if (outcome === 'already') return this.end(dc, t.homeAlready);
    // A hospital session booked: a case holds one appraisal, so the swap is offered (the booking cancelled, the home visit recorded).
    if (outcome === 'booked') {
      const booked = await this.deps.slots.activeBookingOf(record.caseNo);
      return this.ask(dc, { phase: 'homeInstead', caseNo: record.caseNo }, t.homeWhileBooked(booked ? await this.describe(booked.slotId) : ''), labelChoices(t.homeInsteadButtons));
    }
    if (outcome === 'not-now') return this.end(dc, t.homeNotNow);
    setTurnOutcome(dc.context, { outcome: 'booking-home-requested' });
    const hospital = this.hospital(record.applicant.category);
    return this.end(dc, t.homeRecorded(hospital.name, hospital.phone));
  }

  /** The earliest free times, for someone who cannot book yet (`why` said before them); days asked next are answered from them. */
  private async showEarliest(dc: DialogContext, state: BookingState, why?: string): Promise<DialogTurnResult> {
    const hospital = this.hospital(state.category);
    const nearest = await this.nearest(hospital, addDays(shanghaiDate(this.deps.clock.now()), 1));
    if (nearest.length === 0) return this.end(dc, t.noSessions(hospital.name));
    const info = t.earliestInfo(hospital.name, nearest.map((s) => this.label(s.id)).join('、'));
    return this.ask(dc, state, why ? `${why}\n${info}` : info, [], info);
  }

  /**
   * The free sessions closest to `date` (either side, never before tomorrow), nearest first; `except` (the one
   * full, the one booked) and the days turned down (`not`) left out.
   */
  private async nearest(hospital: Hospital, date: string, part?: 'am' | 'pm', except: (string | undefined)[] = [], not?: Refused[]): Promise<Slot[]> {
    const today = shanghaiDate(this.deps.clock.now());
    const free = (await this.deps.slots.list({ hospitalId: hospital.id, from: addDays(today, 1), to: addDays(today, this.deps.region.booking.weeksAhead * 7), freeOnly: true }))
      .filter((s) => !except.includes(s.id) && (!part || s.part === part) && !refusedDay(not, s.date, s.part));
    const distance = (s: Slot) => Math.abs(Date.parse(s.date) - Date.parse(date));
    return free.sort((a, b) => distance(a) - distance(b) || a.date.localeCompare(b.date) || a.part.localeCompare(b.part)).slice(0, OFFERED)
      .sort((a, b) => a.date.localeCompare(b.date) || a.part.localeCompare(b.part));
  }

  private async offer(dc: DialogContext, state: BookingState, slots: Slot[], message: string): Promise<DialogTurnResult> {
    const offered = slots.map((s) => s.id);
    return this.ask(dc, { ...state, phase: 'pick', offered }, message, offered.map((id) => ({ label: this.label(id), value: id })), t.offer);
  }

  /** Keeps sessions generated for the booking window (idempotent: existing ones are kept). */
  private async ensureSlots(): Promise<void> {
    const today = shanghaiDate(this.deps.clock.now());
    await this.deps.slots.ensureSlots(generateSlots(this.deps.region, addDays(today, 1), this.deps.region.booking.weeksAhead * 7));
  }

  /** Where the category's appraisal is. */
  private whereAnswer(category: DisabilityCategory | undefined): string {
    const hospital = this.hospital(category);
    return t.where(hospital.name, hospital.address);
  }

  /** At what hour to be at the category's hospital: its text message says. */
  private hourAnswer(category: DisabilityCategory | undefined): string {
    const hospital = this.hospital(category);
    return smsSaid(t.hour(hospital.name, hospital.phone), this.deps.sms ?? false);
  }

  /** "去…医院做评定要带：…" for the category's hospital. */
  private bringList(category: DisabilityCategory | undefined): string {
    const hospital = this.hospital(category);
    return t.bring(hospital.name, bringTo(hospital, category));
  }

  private hospital(category: DisabilityCategory | undefined): Hospital {
    return hospitalFor(this.deps.region, category ?? '肢体') ?? this.deps.region.hospitals[0];
  }

  /** "11月25日（周三）上午" for a session id. */
  private label(id: string): string {
    const [, date, part] = id.split(':');
    return `${this.dayLabel(date)}${t.parts[part as 'am' | 'pm']}`;
  }

  /** The days turned down, as said back: "周四", "11月26日（周四）上午". */
  private refusedLabel(not: Refused[]): string {
    const one = (r: Refused) => `${'date' in r ? this.dayLabel(r.date) : `周${t.weekdays[r.weekday - 1]}`}${r.part ? t.parts[r.part] : ''}`;
    const said = [...new Set(not.map(one))];
    // A span turned down ("下周不行"): its first and last day.
    return said.length > 2 ? t.span(said[0], said[said.length - 1]) : said.join('、');
  }

  /** "11月25日（周三）" for a yyyy-mm-dd date. */
  private dayLabel(date: string): string {
    const [, m, d] = date.split('-').map(Number);
    return t.slotLabel(m, d, t.weekdays[weekdayOf(date) - 1], '');
  }

  private async describe(slotId: string): Promise<string> {
    const slot = await this.deps.slots.get(slotId);
    const hospital = this.deps.region.hospitals.find((h) => h.id === slot?.hospitalId);
    return `${hospital?.name ?? ''}${this.label(slotId)}`;
  }

}

const categories = (): ChoiceOption<DisabilityCategory>[] => DISABILITY_CATEGORIES.map((c) => ({ label: c, value: c }));
