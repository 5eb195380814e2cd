import { DEFAULT_RANKING, type Decision } from './ranking.js';
import { CATEGORY_DESCRIPTIONS } from './categories.js';
import { normalizeText } from './normalize.js';

/** What a question was about, beyond its entry: the facts a short follow-up can change. */
export interface Slots {
  category?: string;
  item?: string;
  channel?: string;
  grade?: string;
  age?: string;
}
type SlotName = keyof Slots;

/** The last answered topic of a conversation (or of a hotline call). */
export interface TopicContext {
  entryId: string;
  /** The question as the answer understood it (a follow-up's rewritten form). */
  query: string;
  slots: Slots;
  /** Turns since it was set: a context is forgotten after a few. */
  turns: number;
}

/** A follow-up is read against the topic for at most this many turns after it. */
export const CONTEXT_TURNS = 3;

/** Each slot value with the words people use for it, longest first where they overlap. */
const SLOT_WORDS: Record<SlotName, [value: string, words: RegExp][]> = {
  category: CATEGORY_DESCRIPTIONS,
  item: [
    ['护理补贴', /重度残疾人护理补贴|重度护理补贴|护理补贴|护理补助|护理费|护理/],
    ['生活补贴', /困难残疾人生活补贴|困难生活补贴|生活补贴|生活补助|困难补贴|生活/],
    ['燃油补贴', /燃油|油补|轮椅车/],
    ['教育补贴', /教育补贴|助学|上学|读书/],
    ['养老保险', /养老保险|养老|社保补助/],
    ['就业', /就业|失业|找工作/],
    ['残疾证', /残疾人证|残疾证|残证|办证|证(?!明|件)/],
  ],
  channel: [
    ['网上', /网上|线上|手机上|手机|app|网站|在家/],
    ['窗口', /窗口|线下|现场|大厅|当面|去办/],
  ],
  grade: [
    ['一级', /一级|1级/],
    ['二级', /二级|2级|两级/],
    ['三级', /三级|3级/],
    ['四级', /四级|4级/],
  ],
  age: [
    ['未成年', /未成年|未满18|小孩|孩子|儿童|娃|宝宝/],
    ['成年', /成年人|成年|大人/],
  ],
};
const SLOT_NAMES = Object.keys(SLOT_WORDS) as SlotName[];
/** Every slot word, to take them all out of a text at once. */
const ANY_SLOT_WORD = new RegExp(SLOT_NAMES.flatMap((name) => SLOT_WORDS[name].map(([, words]) => words.source)).join('|'), 'g');

const CATEGORY_WORD = new RegExp(SLOT_WORDS.category.map(([, words]) => words.source).join('|'), 'g');

/** Words that only mark a follow-up ("那…呢", "要是…的话"), link a slot ("我是…的") or say whose case it is ("我老伴"). */
const FILLER = /^(?:那么|那)(?:要是|如果|假如|换成|改成|还有)?|^(?:要是|如果|假如|换成|改成|还有)|(的话呢|的话|的呢|呢|吗|啊|呀|吧)$|的话|我是|我家是|我家|他是|她是|我老伴|老伴|老公|老婆|爱人|我妈|妈妈|我爸|爸爸|儿子|女儿|家里人|家里|老人家|是|方面|类|的|残疾|人/g;
/** A remainder that asks nothing of its own: "那网上办呢" leaves only "办". */
const ASKS_NOTHING = /^(要|想|能|可以)?(到|去|在)?(办理|办|申请|弄|领)?$/;
/** Cue words that open a follow-up. */
const FOLLOW_CUE = /^(那么|那|要是|如果|假如|换成|改成|还有)|呢$/;
/** Question phrases dropped from the previous question when the follow-up asks its own. */
const PREVIOUS_ASK = /怎么办理|怎么办|怎么样|怎么|怎样|咋整|咋办|如何|去哪儿|去哪里|去哪个|去哪|在哪里|在哪儿|在哪个|在哪|哪里|哪儿|哪个|哪家|哪些|什么|啥|谁能|谁可以|谁|几年|几天|几个|几张|几级|几|多少钱|多少|多久|一年|每年|一个月|每个月|每月|能不能|可不可以|还能|一般|大概|通常|需要|应该|可以|吗|呢|要|在/g;
const SHORT = 8;

/** The slots a text names. */
export function extractSlots(text: string): Slots {
  const folded = normalizeText(text).replace(/\s+/g, '');
  const slots: Slots = {};
  for (const name of SLOT_NAMES) {
    const hit = SLOT_WORDS[name].find(([, words]) => words.test(folded));
    if (hit) slots[name] = hit[0];
  }
  return slots;
}

/** The text with every slot word and follow-up filler taken out: what it asks besides the slots. */
function remainder(folded: string): string {
  return folded.replace(ANY_SLOT_WORD, '').replace(FILLER, '');
}

/** A message that leans on what came before: short, cued ("那…呢"), or nothing but slots. */
export function isFragment(text: string): boolean {
  const folded = normalizeText(text).replace(/\s+/g, '');
  return [...folded].length <= SHORT || FOLLOW_CUE.test(folded) || ASKS_NOTHING.test(remainder(folded));
}

/**
 * The questions a follow-up may stand for in its context, most literal first. Slots it names
 * replace the previous question's ("听力残疾去哪儿评定" + "视力的呢" -> "视力残疾去哪儿评定") or
 * are added to it; what else it asks replaces the previous question's own question words
 * ("公示在哪贴" + "贴几天" -> "公示贴几天"), or goes with the topic's slots alone
 * ("残疾证有效期多久" + "丢了怎么办" -> "残疾证丢了怎么办").
 */
export function rewriteFollowUp(text: string, context: TopicContext): string[] {
  const folded = normalizeText(text).replace(/\s+/g, '');
  const slots = extractSlots(folded);
  let base = normalizeText(context.query).replace(/\s+/g, '');
  const added: string[] = [];
  for (const name of SLOT_NAMES) {
    const value = slots[name];
    if (!value || value === context.slots[name]) continue;
    const old = SLOT_WORDS[name].find(([v]) => v === context.slots[name]);
    const replaced = old ? base.replace(new RegExp(old[1].source), value) : base;
    if (replaced !== base) base = replaced;
    else added.push(value);
  }
  const rest = remainder(folded);
  if (ASKS_NOTHING.test(rest)) return [added.join('') + base];
  // The follow-up's own words are said once: "公示在哪贴" + "贴几天" reads "公示贴几天".
  const topic = [...base.replace(PREVIOUS_ASK, '')].filter((c) => !rest.includes(c)).join('');
  // The topic without the person's category: "肢体残疾在哪个医院鉴定" + "要等多久" is about
  // waiting for the appraisal, whichever the category.
  const unslotted = topic.replace(CATEGORY_WORD, '').replace(FILLER, '');
  const merged = Object.values({ ...context.slots, ...slots }).join('');
  return [...new Set([added.join('') + topic + rest, unslotted ? unslotted + rest : '', merged ? merged + rest : ''])].filter(Boolean);
}

/** How a message was read: on its own, or as a follow-up to the topic before it. */
export interface Reading {
  decision: Decision;
  /** The question that was ranked (the rewritten one for a follow-up). */
  query: string;
  contextual: boolean;
}

/** A question with no words of its own: how long, how much, when. */
const BARE_ASK = /^(那|那么)?(还)?(要|得|需要|大概|一般|大约)?(等|过)?(多久|多长时间|多少天|几天|多长|几个月|多少钱|多少|几个工作日|啥时候|什么时候|要钱|收钱|花钱|收费|交钱)(不|没|呢|啊|吗|呀)?$/;

// "要等多久" wants a duration, "多少钱" or "要钱不" an amount: what an answer must state to be said again.
const HOW_LONG = /多久|多长|多少天|几天|几个月|工作日|啥时候|什么时候/;
const DURATION = /[0-9一二两三四五六七八九十半]+个?(工作日|天|年|月|周|星期)/;
// "要钱不" is answered by an amount or by saying it is free.
const AMOUNT = /元|免费|不收/;

/**
 * A reading that would repeat the topic's answer to a bare "how long" or "how much" when that
 * answer holds no duration or amount: "要等多久" after where to be appraised is not answered by
 * the hospital's address again. An answer that holds it ("注销后一年内不能再申请") is said again.
 */
function repeatsWithout(decision: Decision, folded: string, context: TopicContext): boolean {
  if (decision.kind !== 'answer' || decision.top.entry.id !== context.entryId || !BARE_ASK.test(folded)) return false;
  return !(HOW_LONG.test(folded) ? DURATION : AMOUNT).test(decision.top.entry.answer);
}

/** A fragment that asks nothing but a question about the topic's own words ("贴几天" after "公示在哪贴", "要等多久"). */
function asksOfTopic(folded: string, context: TopicContext): boolean {
  if (BARE_ASK.test(folded)) return true;
  const own = folded.replace(PREVIOUS_ASK, '');
  return own.length > 0 && [...own].every((c) => context.query.includes(c));
}
const strength = (d: Decision) => (d.kind === 'answer' ? 2 : d.kind === 'clarify' ? 1 : 0);
// A whole question that finds nothing alone takes the topic's reading only when that reading
// scores what the bot would offer by itself: the decision answers low scores it is sure of, and
// "坐高铁能打折吗" after the hotline answer is not about the hotline.
const WHOLE_QUESTION_FLOOR = DEFAULT_RANKING.suggest;

const topScore = (d: Decision) => (d.kind === 'answer' || d.kind === 'decline' ? d.top.score : d.ranked[0]?.score ?? 0);

/**
 * Reads a message in its context. A fragment ("视力的呢", "要等多久") is read against the
 * topic when that reading is more decisive than the text alone, or as decisive and (for a
 * fragment that asks something) scored at least as high; a message that stands on its own is
 * read on its own unless only the contextual reading finds an answer.
 */
export function readInContext(decide: (query: string) => Decision, text: string, context?: TopicContext): Reading {
  const alone = decide(text);
  const own: Reading = { decision: alone, query: text, contextual: false };
  // Small talk ("谢谢", "好的") stands on its own whatever came before.
  if (!context || context.turns >= CONTEXT_TURNS || (alone.kind === 'answer' && alone.top.entry.kind !== 'answer')) return own;
  // A message that stands on its own is read in context only when alone finds nothing (see
  // `prefer` below): its contextual readings are not ranked otherwise, each costs a full decide.
  const fragment = isFragment(text);
  if (!fragment && alone.kind !== 'none') return own;
  const folded = normalizeText(text).replace(/\s+/g, '');
  const onlySlots = ASKS_NOTHING.test(remainder(folded));
  const readings = rewriteFollowUp(text, context)
    .filter((query) => query !== folded)
    .map((query) => ({ decision: decide(query), query, contextual: true }))
    .filter((r) => !repeatsWithout(r.decision, folded, context));
  // The most literal reading, unless a looser one is more decisive (an answer, not a choice).
  const best = readings.reduce<Reading | undefined>((a, b) => (!a || strength(b.decision) > strength(a.decision) ? b : a), undefined);
  if (!best) return own;
  const withContext = best.decision;
  // Nothing but slots ("我是言语残疾", "视力的呢") or nothing but a question ("要等多久") only
  // makes sense about the topic; a fragment that asks something with words of its own
  // ("每个月几号发") must also fit the topic at least as well as alone.
  const asDecisive = strength(withContext) >= strength(alone) && withContext.kind !== 'none';
  const prefer = fragment
    ? strength(withContext) > strength(alone) || (asDecisive && (onlySlots || asksOfTopic(folded, context) || topScore(withContext) >= topScore(alone)))
    : withContext.kind === 'answer' && alone.kind === 'none' && topScore(withContext) >= WHOLE_QUESTION_FLOOR;
  return prefer ? best : own;
}

/** The context an answer leaves: its entry and slots; a follow-up keeps the slots it did not change. */
export function topicAfter(query: string, entryId: string, carried: Slots = {}): TopicContext {
  return { entryId, query, slots: { ...carried, ...extractSlots(query) }, turns: 0 };
}
