import { asksHowTold, moneyLate } from '../../knowledge/chaseUp.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { RELATIVE_MENTION } from '../kinship.js';
import { phoneIn } from '../numbersIn.js';
import type { CaseRecord } from '../../data/cases.js';
import { caseNumberIn, idTailIn, idTailMatches, tailOfWholeId } from './familyChecks.js';

// Asking how far a case has got.
// Done or not in any of the ways it is asked ("办好没", "批下来没有", "办得咋样了"), not a list of whole phrases.
const PROGRESS = new RegExp(
  [
    '到哪一步|到哪步|到哪了|到哪儿了|办到哪|怎么样了|进度|有结果了吗|结果出来|批下来|批了没|批了吗|办下来',
    // 成 only with 了: "残疾证能办成吗" asks whether one can get it, "办成了没" how far it got.
    '(办|批|弄|搞|做|审)((好|完|下来)了?|成了)(没|吗|么)',
    '下来了?(没|吗|么)',
    '(办|弄|搞|批|审)得?(怎么样|咋样|怎样|如何)|(咋样|怎样)了',
  ].join('|'),
);
// Wanting to look a case up: 查一下她的申请, 看看进度, 想查查他那个证 (the card itself, said last:
// "查一下残疾证的有效期" asks about the card).
const LOOK_UP = /(查|看看|问问).{0,6}(申请|进度|案件|办到|到哪)|(查|看看|问问).{0,6}证[了啊呀呢吧]*$|(帮|替|给).{1,4}(查|问)(一下|一查|查|下)?$/;
// "帮我妈问问残疾证怎么办", "查一下证要带什么": a policy question about a relative, not a look-up;
// so is wanting to know about getting one ("想问问办残疾证"), not how far it got ("问问办证的进度").
const POLICY_ASK = /怎么办|咋办|怎么弄|咋弄|怎么申请|怎么领|要什么|要带|什么材料|哪些材料|多少钱|有什么用|啥用|谁能|条件|真假|真伪|(?:问问|问一下|了解一下|咨询一下)办(?:个|张)?(?:残疾人?)?证(?!.{0,6}(?:进度|到哪|怎么样|咋样|办得))/;
// "他的证", "查查她那个证", "帮她问一下": someone else's case, though no kin word is said.
const THIRD_PERSON = /(?<!其)[他她](的|那个|那|这个)?(残疾人?证|证|申请|补贴|案件|进度)|(帮|替|给)[他她]/;
// The applicant's own case: "我的申请到哪了", "证办得怎么样了".
const OWN_CASE = /(申请|案件|证|事|补贴).{0,6}/;
// "怎么查进度" asks how checking works: a policy question (its answer offers the button that
// starts a check), not a look-up.
const HOW_TO = /(怎么|怎样|咋|如何|在哪|哪里|哪儿|去哪|上哪|能不能|能否|可不可以)(样)?(查|看|知道|知晓)|可以查吗|能查吗/;
// "证办下来社区会打电话吗", "办到哪一步了怎么通知我" (`asksHowTold`): whether and how one is told, a policy question.
const TOLD = /会(不会)?.{0,4}(通知|告诉|打电话|来电话|发短信)/;
// "办下来要多长时间" asks how long processing takes in general: a policy question.
const HOW_LONG = /多长时间|多久|多少天|几天|几个月|多少个工作日|要等多|得等多|一般要|大概要/;
// "残疾证办下来能用几年", "批下来以后有什么补贴", "办下来以后每个月能领钱不", "证办下来了钱啥时候到账",
// "证办下来了在哪领": about what comes after, a policy question.
const AFTER_IT = /(办下来|批下来|下来)(了)?((以后|之后|后).{0,4})?(能|可以|有|要|给|用|发|怎么|多少|钱|补贴|到账|啥时候|什么时候|在哪|哪里|哪儿|去哪|上哪|领|拿|取)/;
// "残疾证办下来是给寄过来还是自己去拿": how the card comes, once it is done (not "怎么还没办下来").
const DELIVERED = /(?<!没)(?:办|批)下来(?:了)?.{0,6}(?:寄|邮|送|领|拿|取)/;
// A hotline agent's note ("来电人称…咨询办理进度") is typed for someone else: never the typist's own case.
const CALLER_NOTE = /来电人|来电者|市民来电|群众来电/;

// "帮我查一下快递到哪了": another thing's progress, when nothing of ours (证, 申请, 补贴...) is named.
const NOT_OURS = /快递|包裹|物流|外卖|订单|航班|机票|车票|火车票|成绩|工资|公积金/;
const OURS = /证|申请|补贴|案件|残|鉴定|评定|材料|办件/;
// Where a parcel is: "快递到哪了", "帮我查一下快递", "包裹怎么还没到".
const PARCEL = /快递|包裹|物流|快件|邮包|运单/;
const WHEREABOUTS = /到哪|在哪|到了|到没|没到|查|送到|派送|签收/;

/**
 * Whether a message asks after a parcel that is not ours ("帮我查一下快递到哪了"): parcels are
 * not tracked here, while the certificate's mailing is ("证寄到哪了", "我的残疾证寄出来没").
 */
export function asksAfterParcel(input: string): boolean {
  const folded = normalizeText(input).replace(/\s+/g, '');
  return PARCEL.test(folded) && WHEREABOUTS.test(folded) && !OURS.test(folded);
}

/**
 * Whether a message asks how a case is going, and whose: the speaker's own ("我的申请到哪了")
 * or a relative's ("帮我妈查一下办到哪一步了", "我儿子的残疾证办得怎么样了"), which needs the
 * family check (case number and ID tail).
 */
export function recognizeProgressIntent(input: string): 'progress' | 'familyCheck' | undefined {
  const folded = normalizeText(input).replace(/\s+/g, '');
  // "证办下来了 护理补贴咋还没到账": money late is a policy question (why, whom to ask), not a case's look-up.
  if ([HOW_TO, HOW_LONG, AFTER_IT, DELIVERED, CALLER_NOTE, POLICY_ASK, TOLD].some((words) => words.test(folded)) || moneyLate(folded) || asksHowTold(folded)) return undefined;
  if (NOT_OURS.test(folded) && !OURS.test(folded)) return undefined;
  const asks = LOOK_UP.test(folded) || PROGRESS.test(folded);
  if (!asks) return undefined;
  if (RELATIVE_MENTION.test(folded) || THIRD_PERSON.test(folded)) return 'familyCheck';
  return new RegExp(`${OWN_CASE.source}(${PROGRESS.source})`).test(folded) || LOOK_UP.test(folded) ? 'progress' : undefined;
}

// A case number in any spacing ("YC 2026 1120 0001"), to take it out of the words around it.
const CASE_NUMBER = /YC[\s\-－]*\d(?:[\s\-－]*\d){11}/giu;
// The ID tail or the whole ID said with the number ("身份证后六位050038", "身份证411522…"), for the
// check that follows: no words of a question, though 身份证 alone would rank as the ID-card decline.
const ID_SAID = /(?:身份证(?:号码?)?)?(?:的)?(?:最?后(?:六|6)位|最后|尾号)?(?:是|为)?[:：\s]*(?<![0-9])(?:[0-9]{17}|[0-9]{5})[0-9xX](?![0-9])/giu;
/** How many words around a case number still make the message a look-up ("我的受理号是…"). */
const AROUND_CASE_NUMBER = 12;

/**
 * The case number a message looks up: the number alone, with a few words that ask nothing
 * ("我的受理号是YC…"), or with a progress question ("YC… 到哪了", "YC…怎么查"). A question about something
 * else that quotes the number ("YC…怎么撤回") is no look-up.
 */
export function caseLookedUp(input: string): string | undefined {
  const caseNo = caseNumberIn(input);
  if (!caseNo) return undefined;
  const rest = normalizeText(input.normalize('NFKC').replace(CASE_NUMBER, ' ').replace(ID_SAID, ' ')).replace(/[\s，,。.！!？?：:、]+/gu, '');
  if (!rest || [PROGRESS, LOOK_UP, HOW_TO].some((words) => words.test(rest))) return caseNo;
  return !asksSomething(rest) && [...rest].length <= AROUND_CASE_NUMBER ? caseNo : undefined;
}

/**
 * Whether a message only gives again what a family check of this case already took: its number
 * ("YC…" again, with or without the tail), or its applicant's ID number or tail ("41152219650707101X").
 */
export function repeatsCheck(record: CaseRecord, input: string, today: Date): boolean {
  if (caseLookedUp(input) === record.caseNo) return true;
  const tail = personalDataOnly(input, today)?.idTail;
  return tail !== undefined && idTailMatches(record, tail);
}

/** The phone named as changed: "电话改成…", "手机号换了 新号…", "电话填错了 应该是…", "号码不对". */
const PHONE_CHANGED = /改|换|错|不对|应该是|新号|新的|变了|不用了|停机|停了/u;
/** Words before a number that say it is the old one: "不是138…", "原来的138…". */
const OLD_NUMBER = /(?:不是|原来|原先|以前|之前|旧|老)[的号码电话手机是]{0,4}$/u;

/**
 * The new phone of a message that says the phone is to change ("电话改成13512349998", "手机号换了
 * 新号是135…", "电话写错了 不是138… 是135…"): the number not said to be the old one.
 */
export function phoneChangeSaid(input: string): string | undefined {
  const said = normalizeText(input.normalize('NFKC'));
  // "电话没换 还是这个", "号码没错": the phone kept, whatever number is beside it.
  if (!(PHONE_NAMED.test(said) || /[换改]号|新号/u.test(said)) || !PHONE_CHANGED.test(said.replace(/\d+/gu, '')) || PHONE_WORKS.test(said) || SAYS_RIGHT.test(said)) return undefined;
  for (const m of said.matchAll(/\d[\d\s\-]{9,}\d/gu)) {
    const phone = phoneIn(m[0]);
    if (phone && !OLD_NUMBER.test(said.slice(0, m.index).replace(/[\s:：，,]+$/u, ''))) return phone;
  }
  return undefined;
}

/** Words that only say what a number is ("身份证后六位", "我的手机号是"), around it. */
const DATA_WORDS = /身份证|证件|号码|证号|手机|电话|联系方式|尾号|最?后(?:六|6|几)位|[我俺他她的是为了呢啊呀吧嗯哦]/gu;
/** Asking to look up with it: "能查吗", "帮我找找". */
const LOOKING = /查|找|进度|到哪/u;
/** How many other words a message giving a number may hold and still be only that ("…这个能查吗" is a question about it). */
const AROUND_DATA = 6;

/**
 * What a message that only gives personal data holds ("身份证后六位 071235", a whole ID number, a
 * phone), with no case number and nothing else asked: an attempt to find a case, which needs the
 * case number. Undefined for anything else.
 */
export function personalDataOnly(input: string, today: Date): { idTail?: string; phone?: boolean } | undefined {
  if (caseNumberIn(input)) return undefined;
  const idTail = tailOfWholeId(input, today) ?? idTailIn(input);
  const phone = !idTail && phoneIn(input) !== undefined;
  if (!idTail && !phone) return undefined;
  return saysOnlyData(input) ? { ...(idTail ? { idTail } : {}), ...(phone ? { phone } : {}) } : undefined;
}

/** What the card itself goes through ("身份证号… 丢了", "…要换"): the ID card's business, not a look-up. */
const CARD_ERRAND = /丢|补|换|坏|过期|掉了/u;

/**
 * Whether a message holding a number says nothing else than what the number is, or asks to look up
 * with it ("身份证 110105…", "手机 139…", "…能查到吗"); not "我身份证号… 丢了怎么补".
 */
export function saysOnlyData(input: string): boolean {
  const rest = normalizeText(input.normalize('NFKC').replace(/[\dxX*＊\s\-—–－()（）+]+/gu, ' ')).replace(DATA_WORDS, '').replace(/[\s\p{P}]+/gu, '');
  return [...rest].length <= AROUND_DATA && (!asksSomething(rest) || LOOKING.test(rest)) && !CARD_ERRAND.test(rest);
}

// How to put right a case sent back: "咋改啊", "照片要重拍吗", "被退回来了怎么弄".
const FIX = /(咋|怎么|怎样|如何|要|得|去)(改|弄|修改|补|重新)|改(哪|什么|啥)|重拍|重新拍|重照|重传|重新传|重新上传|重新交|重交|退回|打回|驳回|被退|退了|不合格/u;

/** Whether a message asks how to put a returned case right (said only where the speaker has one). */
export const asksHowToFix = (input: string) => FIX.test(normalizeText(input).replace(/\s+/g, ''));

/** Saying the value sent back was right: "我填的没错啊", "就是这个号", "没写错". */
export const SAYS_RIGHT = /没错|没(?:有)?(?:填|写)错|就是这个|是对的|没毛病|没问题|对着呢/u;
/** Saying the phone sent back works: "这个号能打通", "电话没换 还是这个", "一直用的这个号". */
export const PHONE_WORKS = /能打通|打得通|没换|没变|没停机|一直用|还是这个|好好的|好着呢/u;
/** The phone itself: "这个号", "手机没换"; not "案件号", "几号", nor the phone as a camera ("手机拍", "手机上传"). */
const PHONE_NAMED = /电话|号码|手机号|这个号|那个号|手机(?![上拍发传照录扫])/u;
/** A call that was not picked up: "那几天在地里干活没接着", "没听见". */
const MISSED_CALL = /没接|没听见|没听到|顾不上接|漏接/u;

/**
 * Whether a message says the phone sent back is right, works, or was only not answered ("电话没错呀 那几天在
 * 地里干活没接着", "这个号能打通"): for someone whose case was returned for its phone, the correction, where it may stay.
 */
export function saysPhoneRight(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  return PHONE_NAMED.test(said) && [SAYS_RIGHT, PHONE_WORKS, MISSED_CALL].some((words) => words.test(said));
}

/** The case number named: "案件号", "受理号", the receipt that carried it; not "残疾证编号" nor a parcel's "单号". */
const CASE_NO_NAMED = /案件号|受理号|申请号|办件号|回执|(案件|受理|申请)的?号码/u;
/** Not having it to hand: "不记得了", "忘了", "找不到", "短信删了", "没记下来". */
const CASE_NO_LOST = /忘了|忘记|不记得|记不得|记不清|记不住|没记|想不起|找不到|找不着|丢了|删了|弄丢|不知道|没有了?$|没保存|没存|^(?:我|俺)?没有?(?:案件号|受理号|申请号|办件号)(?:了|啊|呀|怎么办|咋办|.{0,4}(?:查|进度).*)?$/u;

/**
 * Whether a message says the case number is not to hand ("案件号不记得了", "受理号找不到了 想查进度"):
 * a look-up all the same, by the way the status check offers without it. Not "案件号是什么" (a question about it).
 */
export function lostCaseNumber(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  return !caseNumberIn(input) && CASE_NO_NAMED.test(said) && CASE_NO_LOST.test(said);
}

/** "要我干啥不", "现在需要我做什么", "我们家里人要做点啥", "提交了还要干啥": what someone must do now. */
const TO_DO = /(?:要|让|需要|得|该|用)(?:我|俺|咱)们?(?:家里?人?)?(?:干|做|弄)(?:点|些)?(?:啥|什么|嘛)|(?:(?:我|俺|咱)们?(?:家里?人?)?(?:现在|还|下一步)?|现在|还|下一步)(?:要|得|该|需要|用)(?:干|做|弄)(?:点|些)?(?:啥|什么|嘛)/u;
/**
 * What a message asking that may hold besides: "现在", "那", "不", "呢", the application handed in ("提交了",
 * "申请交上去以后")... (more words ask of something: "我要做什么检查").
 */
const TO_DO_FILLER = /现在|下一步|接下来|提交|交上去|报上去|申请|以后|之后|那|还|就|不|吗|呢|啊|呀|吧|了|的|[，,。？?！!]/gu;

/** Whether a message asks what the speaker (or the family) must do now, and nothing else. */
export function asksWhatToDo(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  const match = TO_DO.exec(said);
  return match !== null && said.replace(match[0], '').replace(TO_DO_FILLER, '').length <= 2;
}
