import type { Entry } from './loader.js';
import { normalizeText } from './normalize.js';
import { intentOf } from './questionFacets.js';
import type { Decision } from './ranking.js';

/** The entry on checking an application's progress and whom to call about it. */
export const PROGRESS_ENTRY_ID = 'progress-check';

// Something already applied for, handed in or booked: what a caller chases ("申请半个月了", "报上去二十多天");
// not what one may still apply for ("能申请护理补贴吗", "想申请上门鉴定").
const APPLIED =
  /(?:申请|提交|预约|报名)(?:了|过|完|的)|(?:申请|提交|报上去|交上去)(?:了)?(?:[一二三四五六七八九十两半几好\d]+|快)(?:个)?(?:多)?(?:天|周|星期|礼拜|月)|已经(?:申请|提交|预约)|(?:交|提交|申请|报名|报|办)(?:了|完|好|上去)|递了|约了/u;

/** Whether a message says something was already applied for, handed in or booked ("网上交完了", "报上去二十多天"). */
export const saysApplied = (text: string): boolean => APPLIED.test(normalizeText(text).replace(/\s+/g, ''));
const MAY_APPLY = /(?:能|可以|想|要|该|怎么|咋)(?:不能)?申请/u;
// Nobody has been in touch since: "半个月没人联系", "一直没人来", "到现在没消息".
const NOBODY_CAME = /(?:没人|没有人|无人)(?:联系|来|管|理|打电话|回电话|回复|上门)|没(?:有)?(?:消息|动静|音信|回音|下文|信儿?)|石沉大海|杳无音信/u;
// A card said to be posted is the post's matter ("说寄出了一直没消息"): its own entry says what to do.
const POSTED = /寄|邮|快递/u;

/**
 * Money that has not come ("护理补贴咋还没到账", "补贴一直没打过来"): when it starts and whom to ask, a
 * policy question, not a case's look-up; not money stopped (停, 断: why it stops) nor not granted (没批下来).
 */
export const MONEY_LATE = /(?:补贴|补助|护理费|生活费|钱)[^，,。？?！!\s]{0,4}(?:还没|没有?|咋还没|怎么还没|还不)(?:到账|到|发|打|给|下来)/u;
const STOPPED = /停|断/u;
// Bare 钱 is money of any kind ("看病的钱没给报销", "评定的钱还没给"): an allowance must be named.
const ALLOWANCE_SAID = /补贴|补助|护理费|生活费|每个?月/u;
// Asking where one's application is ("到哪一步了", "帮我查一下…") is the case's look-up.
const LOOKED_UP = /查|进度|到哪/u;
// An application not yet granted ("申请还没下来", "批没下来"): the case's progress, not late money.
const NOT_GRANTED = /(?:申请|批)[^，,。？?！!\s]{0,3}没(?:有)?下来/u;
export const moneyLate = (text: string): boolean =>
  MONEY_LATE.test(text) && ALLOWANCE_SAID.test(text) && !STOPPED.test(text) && !LOOKED_UP.test(text) && !NOT_GRANTED.test(text);

// How one is told ("办到哪一步了怎么通知我", "有消息你们咋告诉我", "医院怎么联系我"); not "怎么没人通知我" (nobody did).
const HOW_TOLD = /(?:怎么|咋|如何|怎样|用啥|用什么|通过什么|拿啥)样?(?:通知|告诉|知会|联系(?=我|俺|咱))(?:我们|俺们|咱们|我|俺|咱)?/u;
// How far it has got, said as what one is told of: every step, in the wordings' words.
const STEP_REACHED = /(?:办|审|批)?到(?:哪一步|哪步|哪儿?)了?|进度/u;

/**
 * Whether a message asks how updates come ("我是聋人…办证到哪一步了怎么通知我"): the notification, a
 * policy question, not a look-up of the case.
 */
export const asksHowTold = (text: string): boolean => HOW_TOLD.test(normalizeText(text).replace(/\s+/g, ''));

/** Whether it says of what besides (bare "咋通知我" after a topic asks of that topic's way: a follow-up's). */
export const saysOfWhatTold = (text: string): boolean =>
  /\p{Script=Han}{2}/u.test(normalizeText(text).replace(/\s+/g, '').replace(HOW_TOLD, '').replace(/[你您们那就]/gu, ''));

/** That question in the wordings' words ("…每一步会通知我吗"): the step it names is any step. */
export const howToldAsked = (text: string): string => text.replace(STEP_REACHED, '每一步').replace(HOW_TOLD, '会通知我吗');

/**
 * Whether a message chases an application nobody has followed up ("来电人反映上门鉴定申请半个月
 * 没人联系"): its progress is what is wanted, whatever was applied for, unless it asks how long
 * things take ("交的材料还没动静 多久能拿到证"), which the time limits answer.
 */
export function chasesUp(text: string): boolean {
  const t = normalizeText(text).replace(/\s+/g, '');
  return saysApplied(t) && !MAY_APPLY.test(t) && NOBODY_CAME.test(t) && !POSTED.test(t) && intentOf(t) !== 'howLong';
}

/**
 * Answers a chase-up with how to check the progress and whom to call: the entries sharing what was
 * applied for (the home appraisal's how-to) answer another question.
 */
export class ChaseGate {
  private readonly entry: Entry | undefined;

  constructor(entries: Entry[]) {
    this.entry = entries.find((e) => e.id === PROGRESS_ENTRY_ID);
  }

  review(question: string, decision: Decision): Decision {
    const entry = this.entry;
    if (!entry || decision.kind === 'decline' || !chasesUp(question)) return decision;
    if (decision.kind === 'answer' && decision.top.entry === entry) return decision;
    const score = Math.max(decision.ranked.find((r) => r.entry === entry)?.score ?? 0, decision.ranked[0]?.score ?? 0);
    const top = { entry, score };
    return { kind: 'answer', top, ranked: [top, ...decision.ranked.filter((r) => r.entry !== entry)].slice(0, Math.max(decision.ranked.length, 1)) };
  }
}
