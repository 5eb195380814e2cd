import { CATEGORY_DESCRIPTIONS, categoryDescribed } from './categories.js';
import type { Entry } from './loader.js';
import { placeWord, REFERENCE_PLANS } from './referencePlans.js';
import type { AnswerPart } from './schema.js';
import { normalizeText } from './normalize.js';

/**
 * What a question is about, beyond its words, as a hotline agent sorts a call: the facts it
 * names (slots: which disability category, which item, online or at the window, grade, age) and
 * what it asks of them (the intent: where, how long, how much...). A short follow-up changes one.
 */
export interface Slots {
  category?: string;
  item?: string;
  /** Which service for the certificate: replacing a lost one, moving it, renewing it, cancelling it. */
  service?: string;
  channel?: string;
  grade?: string;
  school?: string;
  age?: string;
  /** A reform plan's place ("庐山办残疾证"): its follow-ups ("网上能办吗") ask of that place's way. */
  place?: string;
}
export type SlotName = keyof Slots;

/** Each slot value with the words people use for it; the first that fits wins. */
export const SLOT_WORDS: Record<SlotName, [value: string, words: RegExp][]> = {
  category: CATEGORY_DESCRIPTIONS,
  item: [
    ['护理补贴', /重度残疾人护理补贴|重度护理补贴|护理补贴|护理补助|护理费|护理/],
    ['生活补贴', /困难残疾人生活补贴|困难生活补贴|生活补贴|生活补助|困难补贴|生活/],
    ['燃油补贴', /燃油|油补|轮椅车/],
    ['教育补贴', /教育补贴|教育专项|教育补助|助学|上学|读书|念书/],
    ['养老保险', /养老保险|养老|社保补助/],
    ['就业', /就业|失业|找工作/],
    // Before 残疾证: "残疾证鉴定去哪做" asks about the appraisal.
    ['评定', /评定|鉴定|评残|评级/],
    // A bare 证 is ours after a word that points at one ("我的证", "办个证", "证丢了"), not after a
    // noun that names whose it is (老年证, 身份证, 驾驶证): another office's card is no item of ours.
    ['残疾证', /残疾人证|残疾证|残证|(?:^|[^\p{Script=Han}]|[办补换领拿有的个这那张本新旧该此发没持到俺我你他她啥咱])证(?!明|件)/u],
  ],
  // A follow-up to "残疾证丢了咋补" ("要多久", "网上能办不") asks about the replacement, not a new card.
  // Not the illness: "耳朵听不见了" is no lost card, "眼睛看不清" no worn one; the card is unreadable
  // only when its writing or photo is ("证泡水了看不清", "字看不清").
  service: [
    ['补办', /补办|补领|补证|补个|挂失|遗失|丢了|丢失|弄丢|搞丢|找不到了|(?<![听看])不见了|被偷|偷了/],
    ['迁移', /迁移|迁走|迁出|迁入|迁来|迁到|迁过|迁了|转过来|转到|转入|转走|转过去/],
    ['换领', /换领|换证|换新|换个新|过期|到期|破损|损坏|旧了|坏了|烂了|(?:证|字|照片|相片|上面)[^眼睛]{0,3}看不清/],
    ['注销', /注销/],
  ],
  channel: [
    // 手机号 is a phone number, not the online way. "用手机" is the way with its verb: "用手机能办吗" asks nothing else.
    ['网上', /网上|线上|(?:用|拿|通过)?手机上|(?:用|拿|通过)?手机(?!号)|app|网站|在家/],
    ['窗口', /窗口|线下|现场|大厅|当面|(?<!谁)去办/],
  ],
  grade: [
    ['一级', /一级|1级/],
    ['二级', /二级|2级|两级/],
    ['三级', /三级|3级/],
    ['四级', /四级|4级/],
  ],
  // What school a student is at: the education grant is for 高中 and above.
  // With the going ("那上小学呢" names the school and asks nothing else).
  school: [
    ['学前', /(?:上|读|念)?(?:幼儿园|学前)/],
    ['小学', /(?:上|读|念)?小学/],
    ['初中', /(?:上|读|念)?(?:初中|初一|初二|初三)/],
    ['高中', /(?:上|读|念)?(?:高中|中专|职高|技校|中职)/],
    ['大学', /(?:上|读|念)?(?:大学|大专|本科|研究生|硕士|博士|高职)/],
  ],
  age: [
    ['未成年', /未成年|未满18|小孩|孩子|儿童|娃|宝宝/],
    ['老人', /老人|老年|年纪大|岁数大|上了年纪|[6-9]\d岁|老头|老太|奶奶|爷爷|姥姥|姥爷|外婆|外公/],
    ['成年', /成年人|成年|大人/],
  ],
  place: REFERENCE_PLANS.map((plan) => [plan, new RegExp(placeWord(plan))]),
};
export const SLOT_NAMES = Object.keys(SLOT_WORDS) as SlotName[];

/** The words of one slot value ("三级" -> /三级|3级/). */
export const wordsOf = (name: SlotName, value: string): RegExp | undefined => SLOT_WORDS[name].find(([v]) => v === value)?.[1];

/** A text as its facets are read: normalized, without spaces, 甚么 (of Traditional 甚麼) as 什么. */
export const facetText = (text: string) => normalizeText(text).replace(/\s+/g, '').replace(/甚么/g, '什么');

/** The age slot's value for a child. */
const MINOR = '未成年';

/**
 * The slots a text names (the first value of each); two categories said of one person are
 * 多重 ("我耳朵听不见 腿也不好"): the multiple disability's hospitals and grading, not one of them.
 */
export function extractSlots(text: string): Slots {
  const t = facetText(text);
  const slots: Slots = {};
  for (const name of SLOT_NAMES) {
    const hit = name === 'category' ? categoryDescribed(t) : SLOT_WORDS[name].find(([, words]) => words.test(t))?.[0];
    if (hit) slots[name] = hit;
  }
  // An age under 18 in years is a child too ("其子17岁", "闺女六岁了").
  if (!slots.age && MINOR_AGE.test(t)) slots.age = MINOR;
  return slots;
}

/** "好几年了", "十来年了", "三年多了": how long a condition has lasted ("几年" alone asks how long a card lasts). */
export const YEARS_LASTED = /(?:好几|好多|十几|几十|[一二两三四五六七八九十\d]+)(?:来|多)?年(?:多)?了/gu;

/** What a question asks. "能…吗" and "谁能…" both ask who is eligible: one intent. */
export type Intent = 'valid' | 'howLong' | 'howMuch' | 'materials' | 'where' | 'eligible' | 'what' | 'how';

/** Checked in this order: "多少天" is how long before it is how much, "带什么" materials before what. */
const INTENT_WORDS: [Intent, RegExp][] = [
  // How long a certificate lasts is not how long it takes to get one.
  ['valid', /有效期|几年|多少年|能用多久|能管多久|管多久|用多久|过期|到期/],
  // 时限 is the time allowed ("申诉时限"), said in a hotline note as a question; "多少个工作日" is no amount.
  ['howLong', /多久|多长时间|多少天|几天|几个月|几个工作日|多少个?工作日|多长|啥时候|什么时候|多快|时限|几号|哪天|哪一天/],
  ['howMuch', /多少钱|几块钱|多少|收费|收不收|工本费|要钱|收钱|花钱|交钱|费用|标准|免费|贵不贵/],
  ['materials', /材料|带什么|带啥|带哪些|要带|什么东西|啥东西|上传|传什么|交什么|交哪些|准备什么|准备啥|准备哪些/],
  ['where', /哪里|哪儿|在哪|去哪|到哪|上哪|哪办|哪申请|哪家|哪个医院|哪个部门|地址|什么地方|啥地方/],
  ['eligible', /谁能|谁可以|什么人|哪些人|啥人|能不能|可不可以|能.{0,8}(?:吗|不|(?<![什怎那这])么)|可以.{0,8}吗|够不够|符合|中不中|行不行/],
  ['what', /是什么|指什么|是指|指的是|什么意思|啥意思|什么情况|啥情况|是啥|算什么|算哪/],
  ['how', /怎么|如何|咋|怎样|流程|步骤|手续/],
];

/** The first thing a text asks, if it asks in words. */
export function intentOf(text: string): Intent | undefined {
  const t = facetText(text);
  return INTENT_WORDS.find(([, words]) => words.test(t))?.[0];
}

/** Everything a text asks. */
export function intentsIn(text: string): Intent[] {
  const t = facetText(text);
  return INTENT_WORDS.filter(([, words]) => words.test(t)).map(([intent]) => intent);
}

// An answer that states a duration or an amount answers "要等多久" or "要钱不" whatever it was asked for.
const STATES: Partial<Record<Intent, RegExp>> = {
  // A threshold ("照护需要持续6个月以上") says who qualifies, not how long anything takes.
  howLong: /[0-9一二两三四五六七八九十半]+个?(工作日|天|年|月|周|星期)(?!以上|以下)/,
  valid: /[0-9一二两三四五六七八九十]+年/,
  howMuch: /元|免费|不收/,
  materials: /身份证|户口本|彩照|照片|证明/,
};

/**
 * The item an entry's topic is about when its wording does not say: a question about what
 * hearing disability means is about the certificate, one on a hospital about the appraisal.
 * Keyed by the entries' `category` (knowledge/README.md); the others name their item.
 */
const TOPIC_ITEM: Record<string, string> = { 残疾人证: '残疾证', 材料: '残疾证', 流程: '残疾证', 评定: '评定', 教育: '教育补贴', 燃油补贴: '燃油补贴', 养老: '养老保险' };

/** The entries' category for both subsidies, and the items it covers. */
const SUBSIDIES = '补贴';
export const SUBSIDY_ITEMS = ['生活补贴', '护理补贴'];

/** The item an entry's topic implies when the question that reached it named none. */
export const topicItem = (entry: Entry): string | undefined => TOPIC_ITEM[entry.category];

/** What an entry answers, read off its own wordings by the same words as the questions. */
export interface EntryFacets {
  /** Intents of its canonical question. */
  asked: Set<Intent>;
  /** Those, and intents of two or more of its other wordings (one may be a slip). */
  intents: Set<Intent>;
  /** Intents of a quarter or more of its wordings: what it is asked for, whatever its own question says. */
  often: Set<Intent>;
  /** Slot values its canonical question names (every one: "一级、二级残疾能领护理补贴吗"). */
  about: Map<SlotName, Set<string>>;
  /** Its wordings: what it mentions, if only in passing. */
  worded: string;
  /** Its own question, and each of its other wordings, read as facets are (`facetText`): what a follow-up's words are looked for in. */
  question: string;
  alternates: string[];
  /** Its answer: what it states. */
  answer: string;
}

const cache = new WeakMap<Entry, EntryFacets>();

export function facetsOf(entry: Entry): EntryFacets {
  const known = cache.get(entry);
  if (known) return known;
  const counts = new Map<Intent, number>();
  for (const a of entry.alternates) for (const i of new Set(intentsIn(a))) counts.set(i, (counts.get(i) ?? 0) + 1);
  const asked = new Set(intentsIn(entry.question));
  const intents = new Set([...asked, ...[...counts].filter(([, n]) => n >= 2).map(([i]) => i)]);
  const often = new Set([...asked, ...[...counts].filter(([, n]) => n >= 2 && 4 * n >= entry.alternates.length + 1).map(([i]) => i)]);
  const question = facetText(entry.question);
  const about = new Map<SlotName, Set<string>>();
  for (const name of SLOT_NAMES) {
    const values = SLOT_WORDS[name].filter(([, words]) => words.test(question)).map(([v]) => v);
    if (values.length) about.set(name, new Set(values));
  }
  const item = topicItem(entry);
  if (item && !about.has('item')) about.set('item', new Set([item]));
  // A subsidies entry naming neither subsidy is about no one item, whatever else its question names
  // ("办下残疾人证以后，补贴多久能开始发" is not about the certificate).
  if (entry.category === SUBSIDIES && !SUBSIDY_ITEMS.some((v) => about.get('item')?.has(v))) about.delete('item');
  const facets = {
    asked, intents, often, about, worded: facetText([entry.question, ...entry.alternates].join('')), question, alternates: entry.alternates.map(facetText), answer: facetText(entry.answer),
  };
  cache.set(entry, facets);
  return facets;
}

/**
 * Whether an entry's answer answers an intent: its own question asks that way, its answer
 * states what is asked (a duration, an amount), or it has that part to say alone. A wording or
 * two asked another way is not enough to say the same answer again.
 */
export function answersIntent(entry: Entry, intent: Intent): boolean {
  return facetsOf(entry).asked.has(intent) || (STATES[intent]?.test(entry.answer) ?? false) || (isPart(intent) && entry.parts?.[intent] !== undefined);
}

/** Whether an intent names a part an entry may say alone. */
export const isPart = (intent: string): intent is AnswerPart & Intent => ANSWER_PART_INTENTS.has(intent);
const ANSWER_PART_INTENTS = new Set<string>(['materials', 'howLong', 'howMuch', 'where'] satisfies (AnswerPart & Intent)[]);

/** What a question may ask of the item it names besides its condition: how long, how much, where, what to bring. */
const SPECIFIC: Intent[] = ['howLong', 'howMuch', 'where', 'materials'];

/** The item applied for whatever the condition: the certificate (its appraisal is asked of by the category). */
const CERTIFICATE = '残疾证';

/**
 * What a question asks of the item it names when it also describes the person's condition
 * ("眼睛看不清了 办残疾证要多久": how long; "腿脚不好 能领护理补贴不": whether one can); undefined
 * when it describes none, asks of the appraisal (where the category decides: "听力残疾评定去哪里"),
 * or asks nothing specific of the certificate (a definition, whether one can).
 */
export function askedBesidesCondition(text: string): Asked | undefined {
  const slots = extractSlots(text);
  // The years a condition has lasted ("瘫在床上好几年了") ask nothing: not how many years a card lasts.
  const intent = intentOf(text.replace(YEARS_LASTED, ''));
  if (!slots.category) return undefined;
  // Subsidies are asked of whatever the condition: "腿脚不好 坐轮椅 能领护理补贴不" asks who gets the
  // care allowance, "耳朵聋的厉害 有啥补助" which subsidies there are, not what 肢体 or 听力 means.
  if (slots.item && OF_ANY_CONDITION.has(slots.item)) return { intent, item: slots.item };
  // Not beside the certificate: "中风了能不能办个残疾证补贴能领多少" asks of both; "能领啥" asks for money too.
  // The card said as had ("办了残疾证后能领啥补贴") is the scene too: the money is asked.
  const money = [ANY_SUBSIDY, MONEY_GOT].some((words) => words.test(facetText(text)));
  if (money && (!slots.item || (slots.item === CERTIFICATE && CARD_HELD.test(facetText(text))))) return { intent, item: SUBSIDIES };
  const ofCertificate = slots.item === CERTIFICATE && !AT_HOSPITAL.test(facetText(text));
  return ofCertificate && intent && SPECIFIC.includes(intent) ? { intent, item: CERTIFICATE } : undefined;
}
// The items paid out as money, which one 领s (applies for and receives), as one 领s nothing else asked of here but the card.
const ALLOWANCES = ['护理补贴', '生活补贴', '燃油补贴', '养老保险', '教育补贴'];
// The items whose answer is the same whatever the disability (the certificate's and the appraisal's are not).
const OF_ANY_CONDITION = new Set(['护理补贴', '生活补贴', '养老保险', '就业', '教育补贴']);
/** Whether an item is applied for the same way whatever the person's disability. */
export const ofAnyCondition = (item: string | undefined): boolean => item !== undefined && OF_ANY_CONDITION.has(item);
/** A subsidy named, whichever ("有啥补贴", "补助"). */
export const ANY_SUBSIDY = /补贴|补助|津贴/;
// The certificate already had or to be had first: "办了残疾证后", "有了证", "证办下来以后".
const CARD_HELD = /(?:办了|有了|拿到|领到|办下)(?:残疾人?)?证|(?:残疾人?)?证(?:办)?(?:下来|到手)(?:了|后|以后)/;
// Money one gets, no subsidy named ("能领啥", "有啥钱拿", "俺腿截了 每个月能给多少钱"): the subsidies, not
// the certificate, whose fee is 交 or 花, never 领 or 给 each month.
const MONEY_GOT = /领(?:点|些)?(?:啥|什么|哪些|哪几样)|(?:领|给|发|拿)(?:到|了)?(?:啥|什么|多少|几个)?钱|(?:啥|什么)钱|(?:每个?|一个)月.{0,4}(?:多少|几个?)(?:钱|块)/;

/**
 * Whether a text asks what one pays ("要钱不", "收费吗"), not how much one is paid ("领多少"): after
 * an allowance's answer "要钱不" asks whether applying costs anything.
 */
export const asksFee = (text: string): boolean => FEE.test(facetText(text)) && !AMOUNT.test(facetText(text));
const FEE = /要钱|收钱|花钱|交钱|掏钱|收费|收不收|工本费|免费|手续费|费用/;
const AMOUNT = /多少|几块|几个钱|标准/;

/** Whether an entry's own question asks how much an allowance pays out: no answer to what applying costs. */
export const paysOut = (entry: Entry): boolean =>
  facetsOf(entry).asked.has('howMuch') && !asksFee(entry.question) && [...(itemsOf(entry) ?? [])].some((item) => ALLOWANCES.includes(item));

/** Whether what an entry says of money is what applying costs (nothing): its question asks a fee, or its part on how much says none is charged. */
export const saysFee = (entry: Entry): boolean => asksFee(entry.question) || NO_FEE.test(entry.parts?.howMuch ?? '');
const NO_FEE = /不收|免费/;

/**
 * Whether a topic is about money paid out: its item is an allowance, or, naming none, it speaks of
 * subsidies ("残疾人补贴一个月能领多少钱"). "怎么领" then asks how to get it, not how to collect a card.
 */
export const ofAllowance = (item: string | undefined, query: string): boolean => (item ? ALLOWANCES.includes(item) : ANY_SUBSIDY.test(facetText(query)));

/**
 * Whether a follow-up names the subsidies, none in particular ("几级能领补贴"), after a topic about
 * another item (the certificate): it asks of the subsidies for the same person, not of that item.
 */
export const turnsToSubsidies = (text: string, topicsItem: string | undefined): boolean =>
  topicsItem !== undefined && !OF_ANY_CONDITION.has(topicsItem) && !extractSlots(text).item && ANY_SUBSIDY.test(facetText(text));

/** Whether an entry answers of a subsidy: its own question names one, or it is among the subsidies'. */
export const aboutSubsidies = (entry: Entry): boolean => entry.category === SUBSIDIES || ANY_SUBSIDY.test(entry.question);

/** Whether an entry's answer speaks of subsidies (a reform plan's "每月能领75元补贴"). */
export const speaksOfSubsidies = (entry: Entry): boolean => ANY_SUBSIDY.test(entry.answer);

/** Whether that is the subsidies, none named ("有啥补贴", "能领啥"). */
export const ofSubsidies = ({ item }: Asked): boolean => item === SUBSIDIES;

/** Whether that is a subsidy, asked of whatever the condition. */
export const ofSubsidy = ({ item }: Asked): boolean => item === SUBSIDIES || OF_ANY_CONDITION.has(item);

/** What a question asks (if it asks in words) of which item; 补贴 is the subsidies, whichever. */
export interface Asked {
  intent?: Intent;
  item: string;
}
// "办个残疾证要去哪个医院检查" asks of the appraisal, where the category decides.
const AT_HOSPITAL = /医院|检查/;
const WHERE = INTENT_WORDS.find(([intent]) => intent === 'where')![1];

/**
 * Whether a text asks where to be appraised ("办残疾证要去哪个医院", "在哪鉴定"): the category decides which
 * hospital. A hospital asked of nothing of ours ("看眼科哪家医院好") is no appraisal; `of` is what the
 * text was said with ("老伴腿截肢了能办残疾证不" before "要去哪家医院评").
 */
export const asksWhereAppraised = (text: string, of = text): boolean => {
  const t = facetText(text);
  return WHERE.test(t) && (extractSlots(t).item === '评定' || (AT_HOSPITAL.test(t) && OURS.test(facetText(of))));
};
const OURS = /残|证/;

/** Whether an entry says where one category is appraised (its designated hospital). */
export const tellsWhereAppraised = (entry: Entry): boolean => {
  const { about, asked } = facetsOf(entry);
  return topicItem(entry) === '评定' && about.get('category')?.size === 1 && asked.has('where');
};

/** Whether an entry answers that: asked that way (or stating it), and about the item named if it is about one. */
export function servesAsked(entry: Entry, { intent, item }: Asked): boolean {
  if (item === SUBSIDIES) return entry.category === SUBSIDIES;
  const facets = facetsOf(entry);
  const items = itemsOf(entry);
  return (!intent || facets.intents.has(intent) || answersIntent(entry, intent)) && !(items && !items.has(item));
}

/**
 * The items an entry is about: those its question names, or its topic's. A subsidies entry naming
 * neither subsidy is about both: not the education grant ("娃有脑瘫 念书有啥补助" is not a child's subsidies).
 */
export const itemsOf = (entry: Entry): Set<string> | undefined =>
  facetsOf(entry).about.get('item') ?? (entry.category === SUBSIDIES ? new Set(SUBSIDY_ITEMS) : undefined);

/**
 * A child's age said in years read as the child it is ("闺女六岁了想给她办个证" -> "闺女孩子想给她办个证"):
 * under 18 the guardian applies, so the age is no scene to drop (`withoutAge`). As said when a child is named.
 */
export const asChild = (text: string): string => (wordsOf('age', MINOR)!.test(facetText(text)) ? text : text.replace(MINOR_AGE, '孩子'));
// "六岁了", "才三岁", "三岁半", "12岁"; not "七十岁", "十几岁", "岁数".
const MINOR_AGE = /(?<![\d一二三四五六七八九十两百几])(?:1[0-7]|[1-9]|十[一二三四五六七]?|[一二三四五六七八九两])个?周?岁(?!数)半?了?/u;

/** A text without the person's age said in years ("俺爹八十多了耳朵聋 能领啥补贴" -> "俺爹耳朵聋 能领啥补贴"). */
export const withoutAge = (text: string): string => text.replace(AGE_SAID, '');
// "今年七十八岁", "八十多了", "80多岁", "65了"; not "十几年", "两个月了" (no 岁, no tens).
const AGE_SAID = /(?:今年)?(?:[一二三四五六七八九十两]+|\d{1,3})(?:多|来)?周?岁(?:多)?了?|(?:今年)?(?:[二三四五六七八九]十[一二三四五六七八九]?|\d{2})多?了/gu;

/**
 * A text without the words that describe a condition ("眼睛看不清了 办残疾证要多久" -> "了 办残疾证要多久"),
 * or with them said as `as` once ("我耳朵聋了 能领啥" -> "我残疾人了能领啥": the subsidies are a disabled person's).
 */
export const withoutCondition = (text: string, as = ''): string => {
  const rest = facetText(text).replace(ANY_CATEGORY_WORD, as);
  return as ? rest.replace(new RegExp(`(?:${as})+`, 'g'), as) : rest;
};
const ANY_CATEGORY_WORD = new RegExp(CATEGORY_DESCRIPTIONS.map(([, words]) => words.source).join('|'), 'g');

/** The words a text describes the person's condition with ("俺爹中风了走不了路…" -> "中风 走不了路"), if any. */
export const conditionWords = (text: string): string | undefined => facetText(text).match(ANY_CATEGORY_WORD)?.join(' ');
