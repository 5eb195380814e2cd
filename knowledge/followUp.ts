import { asksCanI } from './canAsk.js';
import { categoryAdded, MULTIPLE } from './categories.js';
import type { Entry } from './loader.js';
import { tag } from './jieba.js';
import { ASSISTANCE, OFF_ASSISTANCE, ON_ASSISTANCE } from './assistanceStatus.js';
import { normalizeText } from './normalize.js';
import { RELATIVE, withoutOpening } from './preamble.js';
import {
  aboutSubsidies, ANY_SUBSIDY, answersIntent, asksFee, extractSlots, facetsOf, facetText, intentOf, isPart, itemsOf, ofAllowance, ofAnyCondition, paysOut, saysFee, SLOT_NAMES, SLOT_WORDS, speaksOfSubsidies, SUBSIDY_ITEMS, topicItem, turnsToSubsidies, withoutAge, wordsOf,
  type Intent, type SlotName, type Slots,
} from './questionFacets.js';
import { DEFAULT_RANKING, type Decision, type Ranked } from './ranking.js';
import type { AnswerPart } from './schema.js';

/** The last answered topic of a conversation (or of a hotline call). */
export interface TopicContext {
  entryId: string;
  /** The question as the answer understood it (a follow-up's rewritten form). */
  query: string;
  slots: Slots;
  /** The item its entry is about when the question named none (a definition is about the certificate). */
  implied?: string;
  /** What it asked (where, how long...), when it said. */
  intent?: Intent;
  /** The topics before it, most recent last: not said again to a follow-up, and recalled by "刚才那个…". */
  earlier?: EarlierTopic[];
  /** Turns since it was set: a context is forgotten after a few. */
  turns: number;
  /** The candidates of the "您想问的是" that left it, when it was one: a follow-up may ask of any of them. */
  choices?: string[];
}

/** A topic of a few turns before. */
export type EarlierTopic = Omit<TopicContext, 'turns' | 'earlier' | 'choices'>;

/** A follow-up is read against the topic for at most this many turns after it. */
export const CONTEXT_TURNS = 3;
/** A topic is recalled by name ("刚才那个补贴") for at most this many turns, asides included. */
export const RECALL_TURNS = 2 * CONTEXT_TURNS;

/** Every slot word, to take them all out of a text at once. */
const ANY_SLOT_WORD = new RegExp(SLOT_NAMES.flatMap((name) => SLOT_WORDS[name].map(([, words]) => words.source)).join('|'), 'g');
const SERVICE_WORD = new RegExp(SLOT_WORDS.service.map(([, words]) => words.source).join('|'), 'g');
const CATEGORY_WORD = new RegExp(SLOT_WORDS.category.map(([, words]) => words.source).join('|'), 'g');

/**
 * Words that only mark a follow-up ("那…呢", "要是…的话", "到时候": the time the topic spoke of), link a slot ("我是…的",
 * "俺是…的", "腿也不好") or say whose case it is ("我老伴", "俺娘").
 */
const FILLER = /^(?:那么|那)(?:要是|如果|假如|换成|改成|还有)?|^(?:要是|如果|假如|换成|改成|还有)|(的话呢|的话|的呢|呢|吗|啊|呀|吧)$|的话|到时候|到那时候?|那时候|也|又|[我俺]是|[我俺]家是|[我俺]家|他是|她是|他|她|不好|不行|有问题|(?:上的|上|的)?毛病|[我俺]老伴|老伴|老公|老婆|爱人|[我俺](?:妈|娘|爸|爹)|妈妈|爸爸|儿子|女儿|(?:[我俺他她])?(?:弟弟|哥哥|姐姐|妹妹|爷爷|奶奶|姥姥|姥爷|外公|外婆|孙子|孙女|闺女|媳妇)|闺女|孙子|孙女|家里人|家里|老人家|是|方面|类|的|残疾|人(?!社)/g;
/** A remainder that asks nothing of its own: "那网上办呢" leaves only "办", "网上能办不" "能办不". */
const ASKS_NOTHING = /^(要|想|能|可以|可否|能否)?(到|去|在)?(办理|办|申请|弄|领)?(不|没)?$/;
/** Cue words that open a follow-up. */
const FOLLOW_CUE = /^(那么|那|要是|如果|假如|换成|改成|还有)|呢$/;
/** Question phrases dropped from the previous question when the follow-up asks its own. */
const PREVIOUS_ASK = /是什么意思|是啥意思|什么情况|啥情况|有效期|有效|期限|能用|要带什么|带什么|带啥|带哪些|什么材料|上传什么|传什么|是什么|指什么|是指|指的是|什么意思|啥意思|怎么样|怎么|怎样|咋整|如何|去哪儿|去哪里|去哪个|去哪|在哪里|在哪儿|在哪个|在哪|哪里|哪儿|哪个|哪家|哪些|什么|啥|谁能|谁可以|谁|几年|几天|几个|几张|几级|几岁|多大岁数|多大年纪|多大|几|多少钱|多少|多久|一年|每年|一个月|每个月|每月|能不能|可不可以|还能|一般|大概|通常|需要|应该|可以|吗|呢|要|在/g;
/** "How to do it" in the previous question, whose verb stays. */
const HOW_TO_DO = /怎么办理|怎么办|咋办|如何办理/g;
/** How many trips it takes ("要跑几趟", "得去几次"), and an answer that speaks of them. */
const TRIPS_ASKED = /(?:跑|去|来)(?:几|多少)(?:回|趟|次)/u;
const SAYS_TRIPS = /跑|趟/u;
const SHORT = 8;
/** Words that apply for the topic's item ("在哪办" after a definition of hearing disability: the certificate). */
const APPLY = /办|申请|申领|弄/;
/** Of an allowance, 领 applies for it too: "护理补贴一个月多少" + "怎么领" asks how to get the allowance. */
const RECEIVE = /领/g;
const applies = (text: string, context: TopicContext) => APPLY.test(text) || (text.includes('领') && ofAllowance(topicSlots(context).item, context.query));
const CERTIFICATE = '残疾证';
const APPRAISAL = '评定';
/** Applying for the card, as `fold` says it ("办证" is "办残疾证"). */
const APPLY_FOR_CARD = /(?:办理?|申请|申领)?残疾人?证/gu;
/** The age slot's value for a child. */
const MINOR = '未成年';

// "怎么办证" applies for the certificate: its verb stays when the item's words are taken out.
// "评不上", "没评上" are the appraisal's result in the answers' words: read against a subsidy or the
// card, they ask of the appraisal (评定不符合), not of the topic's item again. So is "材料有问题" the
// application's (退回): what happens to it, not what materials to bring ("有问题" alone links a category: "腿有问题").
const fold = (text: string) => facetText(text).replace(/办证/g, '办残疾证').replace(NOT_APPRAISED, '评定不符合').replace(FAULTY, '申请被退回').replace(CANNOT_GO, HOUSEBOUND).replace(AWAY, AWAY_SAID).replace(CARER, '监护人');
const NOT_APPRAISED = /评不上|没有?评上|评不够/g;
const FAULTY = /(?:材料|资料|照片|相片)(?:有问题|有错|不对|不合格|不行|出错了?|弄错了?)/gu;
/**
 * A place one cannot get to ("连窗口也去不了", "去不了政务中心", "哪儿都去不了"): not asked where it is, but how it is done
 * without going, which the answers say of whom cannot leave home (上门, 代办, 网上).
 */
const GO_PLACE = '(?:窗口|政务中心|政务大厅|服务中心|大厅|医院|残联|县里|县城|城里|镇上|乡里|村里|现场|哪儿?|哪里)';
const CANNOT = '(?:去不了|去不成|没法去|不能去|到不了|跑不了|出不去)';
const CANNOT_GO = new RegExp(`连?${GO_PLACE}[也都]?${CANNOT}|${CANNOT}${GO_PLACE}`, 'gu');
const HOUSEBOUND = '出不了门';
/**
 * Away and not coming back for it ("人在外地打工回不来", "在外面上班来不了"): not bound to the house (no home visit), but asking
 * how it is done without coming, which the answers say of the ways not in person (网上, 代办, 寄), said in one way.
 */
const AWAY = /人?在外(?:地|面|头|省)?(?:打工|上班|干活|务工|上学)?(?:呢|，|,)?(?:回不来|回不去|回不了家?|来不了|没法回来|赶不回来)/gu;
const AWAY_SAID = '人在外地回不来';
/**
 * An old relative who looks after the person ("爷爷带着", "姥姥照顾着"): who cares for them, not who the person is (the 老人
 * of 爷爷): the person stays the topic's, and who may act for them is asked (the guardian, in the answers' word).
 */
const CARER = /(?:爷爷|奶奶|姥姥|姥爷|外公|外婆|老人)在?(?:带着|带|照顾着?|照看着?|看着|管着|养着|领着)/gu;
/** The sentences of an answer saying how it is done without coming (see `AWAY`). */
const SAYS_NOT_IN_PERSON = /网上|线上|手机|代办|代为|代领|邮寄|寄给|寄到/u;

/**
 * A follow-up as said plainly, read with a subject (a form's "办残疾证"): a supposition without its "那要是…呢", a place it
 * cannot get to as not going out. A bare "那咋查" stays: its 那 is what makes it a question of the subject.
 */
export const plainly = (text: string) => fold(text).replace(SUPPOSED, '$1');
const SUPPOSED = /^(?:那么?)?(?:要是|如果|假如)(.+?)(?:的话)?(?:呢|啊|呀)?$/u;
/** "多久发一次", "几个月发一回": how often the money comes, which the answers say as 按月 or 按年 (not how long until it starts). */
const HOW_OFTEN = /(?:多久|多长时间|多长|几个月|几年|多少天|几天)(?:才)?(?:发|给|打|领|到账|发放|缴)?(?:钱)?(?:一次|一回)/u;
/** How often an answer says the money comes: 按月, 一般按年发放, 每年缴. */
const SAYS_OFTEN = /按(?:月|年|季度?)|每(?:个)?(?:月|年|季度)(?:发|打|缴|领)/u;

/** "要重新鉴定不" after a replacement asks whether the replacement needs one, not about the appraisal. */
const REAPPRAISAL = /重新(?:评定|鉴定|评残|评级|评)/g;

/**
 * The slots a follow-up names in its topic. A category added to the topic's ("我耳朵听不见" +
 * "腿也不好") is the same person's second: 多重, not another category asked of instead.
 */
function namedSlots(folded: string, context: TopicContext): Slots {
  const named = extractSlots(context.slots.service ? folded.replace(REAPPRAISAL, '重新') : folded);
  const before = context.slots.category;
  const added = before && named.category && named.category !== before && categoryAdded(folded) && !anotherPerson(folded, context);

  return added ? { ...named, category: MULTIPLE } : named;
}

/** The person a message names by kin ("俺娘", a note's "其母" read as "母"). */
const KIN = new RegExp(`${RELATIVE}|父亲?|母亲?`, 'u');
/** Whose case a question is, said by kin ("俺闺女", "其子"). */
const PERSON_SAID = new RegExp(`(?:[我俺其](?:家的?)?)?(?:${KIN.source})`, 'gu');
/** Whether a follow-up names someone else than its topic did: "俺娘眼睛看不见也能这样不" after "俺爹瘫在床上…" is not 俺爹's second category. */
const anotherPerson = (folded: string, context: TopicContext) => {
  const person = KIN.exec(folded)?.[0];
  return person !== undefined && person !== KIN.exec(fold(context.query))?.[0];
};

/**
 * A follow-up naming a way to apply and nothing else but "能办不": it asks whether and how one applies
 * that way. "那到窗口办呢" asks the topic's question again of that way.
 */
const asksForChannel = (folded: string) => extractSlots(folded).channel !== undefined && CAN_APPLY.test(remainder(folded));
const CAN_APPLY = /^(?:能|可以|可否|能否)(?:到|去|在)?(?:办理|办|申请|弄)(?:不|没)?$/;

/**
 * The grade a follow-up of nothing but a grade ("俺是二级的", "俺家老头一级") says after an allowance's
 * topic that does not vary by grade (how to apply, where, what to bring): the person asks whether
 * that grade gets it, as a caller telling the agent their grade does. After the amounts ("一级护理补贴多少钱"
 * + "二级的呢") or who may claim, the topic's own question is asked again of it.
 */
function gradeToQualify(folded: string, named: Slots, known: Slots, context: TopicContext): string | undefined {
  const item = named.item ?? known.item;
  const asked = context.intent === 'howMuch' || context.intent === 'eligible';
  return named.grade && item && SUBSIDY_ITEMS.includes(item) && !asked && ASKS_NOTHING.test(remainder(folded)) ? named.grade : undefined;
}

/**
 * "叫啥", "那个APP叫什么名", "在哪下载" after the online way ("网上能办不"): the App's name or where to get
 * it, which the online way's answer says; not the bot's own name (small talk) nor the form's download.
 */
const THE_APP = /^(?:那个?|这个?)?(?:app|软件|应用)?/;
const ASKS_APP = new RegExp(`${THE_APP.source}(?:叫啥|叫什么|是什么|是啥|什么|啥)?(?:名字?|名称)?(?:在哪|去哪|到哪|上哪|哪里|哪儿|怎么|咋)?(?:下载|下)?(?:啊|呀|呢|来着)?$`);
const asksOfApp = (folded: string, context: TopicContext) =>
  /叫|名|下载|app|软件/.test(folded) && ASKS_APP.test(folded) && topicSlots(context).channel === ONLINE;

/**
 * "要去哪看", "在哪检查", "上哪个医院" (not "去哪查": progress is looked up too) after a topic naming the person's category ("孩子三岁了还不会说话 能办残疾证吗"):
 * where that category is examined, the appraisal's hospital; not how to check progress or an electronic card.
 */
const EXAMINED_WHERE = /^(?:那|那么)?(?:要|得|该|应该|需要)?(?:(?:去|到|上|在)(?:哪|哪里|哪儿|哪个医院|哪家医院)(?:看|检查|测|瞧|评)(?:病|一下)?|(?:去|到|上)?(?:哪个|哪家)医院(?:看|检查)?)(?:啊|呀|呢|吗|嘞)?$/;
const examinedWhere = (folded: string, context: TopicContext) => {
  const category = topicSlots(context).category;
  return category && EXAMINED_WHERE.test(folded) ? `${category}残疾评定去哪` : '';
};

/**
 * "要等多大才能评", "几岁能办", "得多大才能鉴定" after a topic about a child (a child's card, photo or
 * guardian): at what age a child is appraised or applies, which the small child's entry says, not the
 * topic's words asked again with an age.
 */
const AGE_TO = /^(?:要|得|需要)?(?:等)?(?:到|长到)?(?:多大|几岁|多少岁)(?:了|以后|之后|的时候)?(?:才|就|再)?(?:能|可以)?(?:去)?(?:评|测|查|检查|办|办理|申请)?(?:合适|好|比较好)?$/;
const childAgeAsked = (folded: string, context: TopicContext): string =>
  topicSlots(context).age === MINOR && AGE_TO.test(remainder(folded)) ? `孩子${folded.replace(wordsOf('age', MINOR)!, '')}` : '';
/** "多久发一次" after a paid item ("护理补贴谁能领", "燃油补贴谁能领"): how often that item is paid, asked in the answers' words. */
const ONLY_OFTEN = new RegExp(`^(?:钱|补贴)?${HOW_OFTEN.source}$`, 'u');
const oftenAsked = (folded: string, context: TopicContext): string => {
  const item = topicSlots(context).item;
  return item && ONLY_OFTEN.test(remainder(folded)) ? `${item}是按月发还是按年发` : '';
};

/**
 * "要是他还没办残疾证呢", "那没证的呢" after a subsidy's topic: the card lacking is the person's condition, the subsidy still
 * what is asked of (whether it can be applied for with the card, together), not how to apply for the card.
 */
const LACKS_CARD = /^(?:要是|如果|那)*(?:还)?(?:没有|没|未)(?:办|领|拿到|办下来)?(?:残疾人证|残疾证|证)(?:的)?(?:呢|的话|咋办|怎么办)?$/u;
/** Whose case it is ("他", "俺爹"), which a lacking card is said of. */
const WHOSE = /他|她|[我俺](?:爹|娘|爸|妈|家)|老人家?|老伴|孩子/gu;
const withoutCard = (folded: string, context: TopicContext): string => {
  const item = topicSlots(context).item;
  return item && SUBSIDY_ITEMS.includes(item) && LACKS_CARD.test(folded.replace(WHOSE, '')) ? `残疾证还没办下来${item}能不能一起申请` : '';
};

/** The text with every slot word, the person's age in years and follow-up filler taken out: what it asks besides the slots. */
function remainder(folded: string): string {
  return withoutAge(folded).replace(ANY_SLOT_WORD, '').replace(FILLER, '');
}

/**
 * Whether one qualifies, asked so ("是否符合", "符不符合条件", "够条件不"): a can-I of the person, for what was just
 * spoken of; its words are no subject of their own (not the appraisal's "不符合").
 */
const QUALIFIES = /是否符合(?:条件|要求)?|符不符合(?:条件|要求)?|符合不符合|符没符合|符合(?:条件|要求)?(?:吗|不|么|没)|够不够(?:条件|格)?|够没够|够格|够(?:条件|格)(?:吗|不|么|没)|达不达标|达没达标/u;

/**
 * "行不行" (Henan's 中不中) closing a span the person tells ("瘫了三个多月了中不中" after how long the care must last):
 * whether it meets what was just said, asking nothing else (see `POINTS_BACK`). Not "俺替她办行不行": a way of doing it.
 */
const OK_OR_NOT = /[0-9一二两三四五六七八九十半几]+个?多?(?:年|月|天|周|星期|岁)[^，]*(?:行不行|中不中|成不成)$/u;
const OK_TAIL = /(?:行不行|中不中|成不成)$/u;

/**
 * Words that point back at the turn before whatever else a message says: a hotline note's "追问", "这样" of what
 * was just said ("俺娘眼睛看不见也能这样不"), "还需…" of what was just listed ("其子14岁，还需补什么"), "两样都…" of the two things
 * just spoken of ("俺是低保户又是一级，两样都能领不" after one allowance: both allowances), and "行不行" closing what the person
 * tells ("瘫了三个多月了行不行" after how long the care must last): whether that meets what was just said.
 */
const POINTS_BACK = new RegExp(String.raw`${OK_OR_NOT.source}|追问|又问|还问|这样|那样|同样|也(?:能|可以|行|算|要|得|需)|还(?:需|要|得)(?:补|带|交|加)|(?:两样|两项|两个|俩)都|${QUALIFIES.source}`, 'u');

/** A message that leans on what came before: short, cued ("那…呢", "追问"), nothing but slots, or the person told then "能办不". */
export function isFragment(text: string): boolean {
  const folded = fold(text);
  return [...folded].length <= SHORT || FOLLOW_CUE.test(folded) || POINTS_BACK.test(folded) || ASKS_NOTHING.test(remainder(folded)) || toldThenAsked(text);
}

/**
 * The person's condition told in clauses, then a last one asking nothing but "能办不" ("俺娘八十了，眼睛全瞎了，评的一级视力，能办不"):
 * a can-I of what was just spoken of, however long the telling; naming no item (else it asks of that one).
 */
function toldThenAsked(text: string): boolean {
  const clauses = normalizeText(text).split(/\s+/u).filter(Boolean);
  const told = extractSlots(fold(clauses.slice(0, -1).join('')));
  return clauses.length > 1 && (told.category !== undefined || told.grade !== undefined) && extractSlots(fold(text)).item === undefined && ASKS_NOTHING.test(remainder(fold(clauses.at(-1)!)));
}

/**
 * The questions a follow-up may stand for in its context, most literal first. Slots it names
 * replace the previous question's ("听力残疾去哪儿评定" + "视力的呢" -> "视力残疾去哪儿评定") or
 * are added to it; what else it asks replaces the previous question's own question words
 * ("公示在哪贴" + "贴几天" -> "公示贴几天"), or goes with the topic's item alone ("听力残疾是什么"
 * + "在哪办" -> "残疾证在哪办"), or with all its slots.
 */
export function rewriteFollowUp(text: string, context: TopicContext): string[] {
  const folded = fold(text);
  // Asked of the App the online way's answer names: "网上申请残疾证app叫啥".
  if (asksOfApp(folded, context)) return [`${ONLINE}申请${topicSlots(context).item ?? ''}app${folded.replace(THE_APP, '')}`];
  const examined = examinedWhere(folded, context);
  if (examined) return [examined];
  const slots = namedSlots(folded, context);
  const known = topicSlots(context);
  let base = fold(context.query);
  const added: string[] = [];
  for (const name of SLOT_NAMES) {
    const value = slots[name];
    if (!value) continue;
    // Said again in other words ("残疾证能用几年" + "到期了咋办"): kept, as the follow-up's own words go.
    if (value === known[name]) {
      if (!wordsOf(name, value)!.test(base)) added.push(value);
      continue;
    }
    // A second category of the same person ("腿也不好") goes with the first, as said in one message.
    if (name === 'category' && value === MULTIPLE && !wordsOf(name, value)!.test(folded)) {
      added.push(folded);
      continue;
    }
    const old = known[name] && wordsOf(name, known[name]);
    // Every word for the old value goes: "耳朵听不见" is 听力 twice; another age is another person, whose age in years
    // and kin go too ("俺闺女9岁" + "那大人呢").
    const from = name === 'age' ? withoutAge(base).replace(PERSON_SAID, '') : base;
    const replaced = old ? from.replace(new RegExp(old.source, 'g'), value) : from;
    base = replaced;
    if (replaced === from) added.push(value);
  }
  const rest = remainder(folded);
  const item = slots.item ?? known.item;
  if (ASKS_NOTHING.test(rest)) {
    // "网上能办不" after "护理补贴谁能领" asks whether the item is applied for that way, not who may again;
    // after "户口迁走了证咋办", whether the transfer is: the kept service's reading says it. An item it
    // names itself ("残疾证能网上办吗") is not said twice: "残疾证残疾证…" reads as the renewal. Asked in the wordings' words
    // ("残疾证网上能办吗"): "手机上可以弄不" says no more, and its 弄 and 手机上 rank nowhere near.
    const way = asksForChannel(folded) && item && !known.service ? `${known.place ?? ''}${item}${slots.channel}能办吗` : '';
    // A child's certificate is applied for by a guardian whatever the service, which the service's
    // own answer does not say: "残疾证丢了咋补" + "那孩子呢" also reads as applying for a child's.
    const forChild = known.service && item && slots.age === MINOR && known.age !== MINOR ? `${MINOR}办${item}` : '';
    const grade = gradeToQualify(folded, slots, known, context);
    const qualifies = grade ? `${grade}能领${item}吗` : '';
    return [...new Set([added.join('') + base, way, forChild, qualifies])].filter((q) => q && q !== folded);
  }
  // The follow-up's own words are said once: "公示在哪贴" + "贴几天" reads "公示贴几天". "咋办"
  // keeps its verb: "残疾证咋办" + "要多久" is how long applying takes, not how long a card lasts.
  const topic = [...base.replace(HOW_TO_DO, '办').replace(PREVIOUS_ASK, '')].filter((c) => !rest.includes(c)).join('');
  // The topic without the person's category: "肢体残疾在哪个医院鉴定" + "要等多久" is about
  // waiting for the appraisal, whichever the category.
  const unslotted = topic.replace(CATEGORY_WORD, '').replace(FILLER, '');
  // "俺娃自闭症 能办证不" + "几级能领补贴": the same child's subsidies, not the certificate's.
  const merged: Slots = { ...context.slots, ...slots };
  if (turnsToSubsidies(folded, known.item)) delete merged.item;
  // The item alone goes with a follow-up that applies for it ("在哪办"): "要多久" alone is not "残疾证要多久".
  const applied = item && applies(rest, context) && !rest.includes(item) ? item : '';
  // The certificate alone keeps the topic's applying: "耳朵背了能办残疾证不" + "要多久" is how long
  // applying takes. A topic that did not apply leaves no reading of the certificate alone:
  // "残疾证要多久" asks how long getting one takes, which "残疾人证要在村里公示吗" + "要多久" does not.
  const applying = merged.item === CERTIFICATE && !merged.service && APPLY.test(base.replace(HOW_TO_DO, '办')) && !APPLY.test(rest) ? '办' : '';
  const certificateAlone = !applying && merged.item === CERTIFICATE && Object.keys(merged).length === 1;
  // An allowance is applied for whatever the condition: "来电人称其母中风卧床…护理补贴怎么申请" + "要钱不"
  // asks what applying for it costs, which the person's category only blurs.
  const { category, ...anyCondition } = merged;
  // A topic of both allowances (see `slotsAnswered`) is asked of by both names: "那俺能领两样不" of the two at once.
  const pair = !merged.item && SUBSIDY_ITEMS.every((v) => wordsOf('item', v)!.test(base)) ? SUBSIDY_ITEMS.join('') : '';
  // A topic asking of subsidies none named ("他能领啥补贴") keeps them: "在哪领" after it is where they are claimed, not where
  // the person's category is appraised.
  const subsidies = !merged.item && !pair && ANY_SUBSIDY.test(base) ? '补贴' : '';
  const slotted = pair + subsidies + Object.values(category && ofAnyCondition(merged.item) ? anyCondition : merged).join('');
  return [...new Set([
    added.join('') + topic + rest,
    applied && applied + rest,
    unslotted && unslotted + rest,
    certificateAlone ? '' : applying + slotted + rest,
  ])].filter((q) => q && q !== folded);
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

/** What is left of a question without its question words and the verbs any request has ("到哪里申请" leaves nothing). */
const ASK_VERBS = /[到去上要得能想办理申请弄带交]/g;
/**
 * Words that only say what is asked for ("要带什么材料", "带啥东西", "得准备啥"): the question's own, no subject.
 * So are conditions ("需要啥条件", "有啥要求"): who qualifies, which an answer says in its own words
 * ("卧床或行动严重不便…的"), seldom with the word 条件.
 */
const ASKED_FOR = /材料|资料|东西|准备|条件|要求/g;

/**
 * A fragment that asks nothing but a question, of the topic or about its own words: "要等多久",
 * "到哪里申请", "要带什么", "贴几天" after "公示在哪贴".
 */
function asksOfTopic(folded: string, context: TopicContext): boolean {
  if (BARE_ASK.test(folded)) return true;
  const own = folded.replace(PREVIOUS_ASK, '');
  const verbs = remainder(own).replace(ASK_VERBS, '').replace(ASKED_FOR, '');
  if (!verbs || (!verbs.replace(RECEIVE, '') && applies(verbs, context))) return true;
  return own.length > 0 && [...own].every((c) => context.query.includes(c));
}

/**
 * What to bring, asked after an appraisal's hospital that was asked of for the card ("办证去哪个医院看" + "要带什么材料"):
 * asked of the appraisal there, as the answer spoke of, not of applying for the card (the topic as it was otherwise).
 */
function ofAppraisal(text: string, context: TopicContext): TopicContext {
  if (context.implied !== APPRAISAL || context.slots.item !== CERTIFICATE || context.intent !== 'where' || intentOf(fold(text)) !== 'materials') return context;
  return { ...context, query: fold(context.query).replace(APPLY_FOR_CARD, APPRAISAL), slots: { ...context.slots, item: APPRAISAL } };
}

/**
 * A bare question naming nothing it asks of ("要钱不", "在哪", "要带啥", "得多久"): it asks of what was said just
 * before, whatever a ranking alone makes of it.
 */
export function asksOnlyQuestion(text: string): boolean {
  const folded = fold(text);
  if (Object.keys(extractSlots(folded)).length > 0) return false;
  return BARE_ASK.test(folded) || !remainder(folded.replace(PREVIOUS_ASK, '')).replace(ASK_VERBS, '').replace(ASKED_FOR, '');
}
const strength = (d: Decision) => (d.kind === 'answer' ? 2 : d.kind === 'clarify' ? 1 : 0);
// A whole question that finds nothing alone takes the topic's reading only when that reading
// scores what the bot would offer by itself: the decision answers low scores it is sure of, and
// "坐高铁能打折吗" after the hotline answer is not about the hotline.
const FLOOR = DEFAULT_RANKING.suggest;
/** How much an entry that answers what is asked, or is about the value the follow-up names, gains over its score. */
const FIT = 0.15;
/** How far the chosen entry must lead the next to be answered without asking "您想问的是". */
const LEAD = 0.08;
/** How well a candidate the reading did not answer by itself must fit to be answered. */
const ANSWER_FIT = 0.4;
/** Candidates per contextual reading. */
const DEPTH = 6;

const topScore = (d: Decision) => (d.kind === 'answer' || d.kind === 'decline' ? d.top.score : d.ranked[0]?.score ?? 0);

/** What a follow-up changes of its topic: slots given another value, and what it asks now. */
interface Change {
  slots: [SlotName, string][];
  /** Slots it names with the topic's value, the topic's item when it says 办 or 申请. */
  restated: [SlotName, string][];
  /** What the follow-up asks, when it asks something other than the topic did. */
  intent?: Intent;
  /** What the combined question asks. */
  asks?: Intent;
  merged: Slots;
  /** The topic's service (补办, 迁移...) when the follow-up keeps it: "要多久" is how long that takes. */
  service?: string;
  /** What it says besides slots and fillers ("材料" of "材料呢", "材料要几样"). */
  words: string;
  /** The way to apply it asks about ("网上能办不": 网上), asking how to apply that way. */
  way?: string;
  /** The part of an answer it asks for alone ("要带啥": materials), which an entry may say by itself. */
  part?: AnswerPart;
  /** It names the subsidies after a topic about another item (see `turnsToSubsidies`). */
  subsidies?: true;
  /** It asks what one pays ("要钱不"): no allowance's amount answers it; asked how much of an allowance, no fee does. */
  fee?: boolean;
  /** The topic's entry, when the follow-up asks the time limit it states ("多少天内" after how to appeal). */
  deadline?: string;
  /** Slots it asks of without naming a value ("几级"): an answer naming none of their values does not answer it. */
  general?: SlotName[];
  /** It asks whether what was just said holds for what it names ("俺娘眼睛看不见也能这样不"): the topic's own answer, unless about another value. */
  same?: true;
  /** Declined alone, it tells the person's social assistance ("其父非低保户", "已享受特困供养"): who the person is, not 低保 asked of. */
  status?: true;
}

/**
 * Being on 低保, 特困 or 五保, or not ("非低保户"), said of the person after a subsidy's answer: the subsidies for someone
 * so placed are asked of, not how to get that assistance (another office's).
 */
const TELLS_STATUS = new RegExp(`${ON_ASSISTANCE.source}|${OFF_ASSISTANCE.source}|非(?:${ASSISTANCE.source})`, 'u');

/** "这样", "同样": what was just said, asked of what the follow-up names. */
const AS_SAID = /这样|那样|同样/u;

/** The topic's slots with the item its entry implies. */
const topicSlots = (context: TopicContext): Slots => ({ ...(context.implied ? { item: context.implied } : {}), ...context.slots });

function changeOf(folded: string, context: TopicContext): Change {
  const named = namedSlots(folded, context);
  const known = topicSlots(context);
  const changed = SLOT_NAMES.filter((n) => named[n] && named[n] !== known[n]).map((n): [SlotName, string] => [n, named[n]!]);
  const restated = SLOT_NAMES.filter((n) => named[n] && named[n] === known[n]).map((n): [SlotName, string] => [n, named[n]!]);
  // Nothing but a value the topic already had ("耳朵背了能办证不" + "听力的呢") asks what is specific
  // to it: read as naming it anew, the entries about it lead the topic's general answer said again.
  // The App's name or download asks of the online way, even when the topic was already online: its entries lead.
  const app = asksOfApp(folded, context);
  const slots: [SlotName, string][] = app ? [['channel', ONLINE]] : changed.length === 0 && ASKS_NOTHING.test(remainder(folded)) ? restated : changed;
  if (!named.item && known.item && APPLY.test(folded)) restated.push(['item', known.item]);
  // A kept service ("注销残疾证要带啥" + "网上能办不") is asked of as before: its entry says its ways.
  const way = asksForChannel(folded) && !known.service ? named.channel : undefined;
  // The App's name is asked of how to apply online, whatever the topic asked (what to upload).
  // "三个多月了行不行" after how long the care must last asks that again of the person, not who may claim.
  const asked = OK_OR_NOT.test(folded) ? folded.replace(OK_TAIL, '') : folded;
  const own = way || app ? 'how' : gradeToQualify(folded, named, known, context) ? 'eligible' : intentOf(remainder(asked)) ?? intentOf(asked);
  const service = !named.service || named.service === known.service ? known.service : undefined;
  const part = partAsked(folded);
  const subsidies = turnsToSubsidies(folded, known.item);
  const merged: Slots = { ...known, ...named };
  if (subsidies) delete merged.item;
  const general = SLOT_NAMES.filter((n) => !named[n] && SLOT_IN_GENERAL[n]?.test(folded));
  return {
    slots, restated, intent: own !== context.intent ? own : undefined, asks: own ?? context.intent, merged,
    ...(subsidies ? { subsidies } : {}), ...(own === 'howMuch' ? { fee: asksFee(folded) } : {}),
    ...(own === 'howLong' && WITHIN.test(folded) ? { deadline: context.entryId } : {}), ...(general.length ? { general } : {}),
    ...(service ? { service } : {}), ...(AS_SAID.test(folded) || OK_OR_NOT.test(folded) ? { same: true as const } : {}), words: remainder(folded), ...(way ? { way } : {}), ...(part ? { part } : {}),
  };
}

/**
 * How well a candidate of a contextual reading answers the combined question, or undefined
 * when it cannot: it is about another value of a slot the follow-up names ("视力的呢" is not
 * answered by the hearing hospital, "在哪办" after a definition not by the appraisal's), or it is
 * the topic's own entry and would repeat an answer to another question (the previous grade's
 * amount; a definition to "在哪办"). Entries that answer what is asked, or are about the value
 * the follow-up names, gain; entries just said, or about another value of a slot the topic
 * carries, lose (another item twice: the appraisal is not the certificate).
 */
/** Whether an entry is about the service a follow-up keeps (补办 after "残疾证丢了咋补"). */
const ofService = (entry: Entry, change: Change) => change.service !== undefined && (facetsOf(entry).about.get('service')?.has(change.service) ?? false);

/**
 * Whether an entry is asked the way the follow-up asks: in two or more of its wordings, or, for
 * the kept service's entry, by its answer saying it ("10个工作日"): one answer says it all.
 */
const askedThatWay = (entry: Entry, intent: Intent, change: Change) =>
  facetsOf(entry).intents.has(intent) || (change.deadline === entry.id && answersIntent(entry, intent)) || (ofService(entry, change) && answersIntent(entry, intent)) || saysWhere(entry, intent) || canBeDoneThatWay(entry, intent, change) || hasPart(entry, change);

/**
 * "多少天内", "几天之内", "要多少天内提", "申诉时限", "期限是几天", "最晚几天": the time limit a topic's answer states
 * ("10个工作日内向市残联申请复核"), not how long something takes.
 */
const WITHIN = /[内里](?:提出|提交|提|申请|办|交)?$|之内|以内|时限|期限|最晚|最迟/;
/** A time limit an answer states: "10个工作日内". */
const STATES_LIMIT = /[0-9一二两三四五六七八九十]+个?(?:工作日|天|日|月)(?:之内|以内|内)/u;
/** Whether a follow-up asks the time limit an answer states ("要在多少天里提交" after the appeal's "10个工作日内"). */
const asksLimitStated = (question: string, answer: string) => intentOf(question) === 'howLong' && WITHIN.test(fold(question)) && STATES_LIMIT.test(answer);

/** Whether an entry has the part a follow-up asks for to say alone (the 庐山 way online, the renewal's materials). */
const hasPart = (entry: Entry, change: Change) => change.part !== undefined && entry.parts?.[change.part] !== undefined;

/** "网上能办不" of the appraisal is answered by whether it can be done that way ("残疾评定能在网上做吗") as well as by a how-to. */
const canBeDoneThatWay = (entry: Entry, intent: Intent, change: Change) =>
  intent === 'how' && change.way !== undefined && facetsOf(entry).asked.has('eligible') && (facetsOf(entry).about.get('channel')?.has(change.way) ?? false);

/** Where one applies, in an answer: a window, a centre, an app. */
const PLACE = /窗口|中心|大厅|app|网站|医院|地址/;

/**
 * Whether an entry asked how to apply answers where, by naming the places ("在App上申请，或者到…窗口"):
 * "残疾证怎么办理" + "在哪办" is answered by the how-to, not by one of the places alone.
 */
const saysWhere = (entry: Entry, intent: Intent) => {
  const facets = facetsOf(entry);
  // A service's how-to (注销, 补办) says where for that service, which the topic's service decides (see `ofService`).
  return intent === 'where' && facets.asked.has('how') && !facets.about.has('service') && PLACE.test(facets.answer);
};

/**
 * Whether the topic's answer holds for every value of the slot a follow-up names, asked again of
 * it ("办证花钱不" + "听力的呢"): it states what was asked (a fee, a time, a place, what to bring)
 * and names no value of that slot.
 */
const holdsForAny = (topic: Entry, change: Change) =>
  ASKS_NOTHING.test(change.words) && change.asks !== undefined && isPart(change.asks) && answersIntent(topic, change.asks) &&
  change.slots.every(([n]) => !SLOT_WORDS[n].some(([, w]) => w.test(facetsOf(topic).answer)));

/**
 * `topicHolds`: the topic's own entry, among the candidates, answers for every value (see `holdsForAny`);
 * `topicItems`: the items the topic's entry is about when no item was named.
 */
function fitOf({ entry, score }: Ranked, change: Change, context: TopicContext, topicHolds = false, topicItems?: Set<string>): number | undefined {
  const facets = facetsOf(entry);
  const aboutValue = (name: SlotName, value: string) => facets.about.get(name)?.has(value) ?? false;
  const aboutOther = (name: SlotName, value: string) => (valuesOf(entry, name, value)?.size ?? 0) > 0 && !valuesOf(entry, name, value)!.has(value);
  // Unless its answer rules on the category by name among others ("肢体、视力…的三级、四级不在这个范围"): it answers for that one too.
  // So does one ruling on each age apart ("一是未成年…", "成年人的监护人…") for the age named.
  const rulesOn = (name: SlotName, value: string) => (name === 'category' && facets.answer.includes(value)) || (name === 'age' && wordsOf(name, value)!.test(facets.answer));
  if ([...change.slots, ...change.restated].some(([n, v]) => aboutOther(n, v) && !rulesOn(n, v))) return undefined;
  // The topic's own answer may speak of them ("津市办残疾证多久能下来" + "有补贴吗": its 75元).
  if (change.subsidies && !aboutSubsidies(entry) && !(entry.id === context.entryId && speaksOfSubsidies(entry))) return undefined;
  if (change.fee === true ? paysOut(entry) : change.fee === false && saysFee(entry) && ofAllowance(change.merged.item, context.query)) return undefined;
  // "几级" after whether an autistic child can apply: an answer naming no grade does not say it (nor the topic's, again).
  if (change.general?.some((n) => !SLOT_WORDS[n].some(([, w]) => w.test(facets.answer)))) return undefined;
  const service = ofService(entry, change);
  // The kept service's entry covers a value its answer states ("也可以网上申请" to "网上能办不"), and
  // an entry the way it has a part for (宿迁's way online).
  const covers = (name: SlotName, value: string) =>
    aboutValue(name, value) || (service && wordsOf(name, value)!.test(facets.answer)) || (name === 'channel' && value === ONLINE && entry.parts?.online !== undefined);
  let fit = score;
  if (entry.id === context.entryId) {
    // Not about another value of what it names (see `aboutOther` above), the answer just said is what "这样" asks of; so is
    // it to the person's assistance told ("其父非低保户" after what a grade gets) when it rules on that assistance among items.
    // Of one item ("生活补贴谁能领" + "要不是低保户呢"), the entry about that assistance answers better.
    if (change.same || (change.status && ASSISTANCE.test(facets.answer) && (itemsOf(entry)?.size ?? 0) > 1)) return fit + 2 * FIT;
    // Or its answer speaks of what the follow-up asks about: "平原县一张表办几件事" + "材料呢" (材料从19样减到10样).
    // Asked that way by many of its wordings, it says what there is to say ("养老保险补助" + "补多少": the lowest tier).
    const answers = change.intent && (answersIntent(entry, change.intent) || facets.often.has(change.intent) || saysWhere(entry, change.intent) || speaksOf(entry, change) || (service && facets.intents.has(change.intent)) || hasPart(entry, change));
    if (change.intent && !answers) return undefined;
    // Not about the new value, it is said again only when nothing is: it loses a little when its
    // answer states that value (the amounts of every grade), more when only a wording names it.
    for (const [n, v] of change.slots.filter(([n, v]) => !covers(n, v))) {
      const words = wordsOf(n, v)!;
      if (words.test(facets.answer)) fit -= FIT;
      else if (words.test(facets.worded)) fit -= 2 * FIT;
      // Naming other values of it, its answer is theirs (the amounts of grades 1 and 2 to "三级的呢").
      else if (SLOT_WORDS[n].some(([, w]) => w.test(facets.answer))) return undefined;
      // Naming none, the value does not change its answer ("生活补贴谁能领" + "一级的能领吗": 低保 decides);
      // asked again of it for a fee, a time, a place or what to bring ("办证花钱不" + "听力的呢"), the
      // answer it states holds for every value: no other entry naming none answers better.
      else if (!topicHolds) fit -= FIT;
    }
  } else if (topicHolds && !answersIntent(entry, change.asks!)) {
    // Nor is one that does not say what was asked (no amount to "花钱不" + "肢体的呢"), whatever value it is about.
    fit -= FIT;
  }
  // Asked that way in its own question, or only in some of its other wordings (half).
  // Just said, a turn or two before: a hotline agent does not say it again to a follow-up.
  if (context.earlier?.some((e) => e.entryId === entry.id)) fit -= FIT;
  if (change.asks && askedThatWay(entry, change.asks, change)) fit += facets.asked.has(change.asks) || service || saysWhere(entry, change.asks) || hasPart(entry, change) ? FIT : FIT / 2;
  // A question asked in words ("要多久"), or still the topic's ("听力的呢" after "要带啥"), is not answered by an entry asked another way.
  else if (change.asks && facets.intents.size > 0) fit -= FIT;
  // Another service's entry, or the new certificate's, does not answer for the service kept: another service counts twice.
  if (change.service && !service) fit -= 2 * FIT;
  // Asking of the slot in general ("各个等级是什么程度" to "三级的呢") answers for its values, once.
  if ([...change.slots.map(([n]) => n), ...(change.general ?? [])].some((n) => SLOT_IN_GENERAL[n]?.test(entry.question))) fit += FIT;
  // The topic's reform-plan place ("庐山办残疾证" + "网上能办吗") is asked of still: as if named again, its own entry gains twice.
  if (change.merged.place && aboutValue('place', change.merged.place)) fit += 2 * FIT;
  // Being about the value the follow-up names is what it asks: that counts twice.
  fit += 2 * FIT * change.slots.filter(([n, v]) => covers(n, v)).length;
  // So is naming in its own question the thing the follow-up names besides slots ("上门的呢" after a fee:
  // the home appraisal), whatever item the topic was about: the follow-up turned to it.
  const own = ownWords(change, context);
  const thing = own.some((w) => facets.question.includes(w));
  // Two of its other wordings naming it count as much ("要预约不": "评定要预约吗" of when to go, not the
  // hearing tests; one may be in passing); the topic's entry, naming it nowhere, would be said again to another question.
  if (thing || own.some((w) => facets.alternates.filter((a) => a.includes(w)).length >= 2)) fit += 2 * FIT;
  // Asked the time limit it states ("要多少天内提" after how to appeal), its words are the limit's verb.
  else if (entry.id === context.entryId && change.deadline !== entry.id && own.length > 0) fit -= FIT;
  // Of the card, a subsidies' entry naming the card ("办下残疾人证以后，补贴多久能开始发") answers another item, unless
  // the follow-up speaks of money: "残疾证批下来以后怎么拿到手" + "要多久" is how long the card takes, not the subsidies.
  if (change.merged.item === CERTIFICATE && !change.subsidies && entry.id !== context.entryId && aboutSubsidies(entry) && !MONEY.test(change.words)) return undefined;
  // Another allowance's entry says nothing of the topic's: the two allowances' start is not the education grant's.
  const grant = change.merged.item;
  if (grant && ofAllowance(grant, '') && !change.subsidies && !change.slots.some(([c]) => c === 'item') && aboutOther('item', grant)) return undefined;
  // Another item (the appraisal, not the certificate) is another service: that counts twice.
  for (const n of SLOT_NAMES) {
    const value = change.merged[n];
    if (value && !thing && !change.slots.some(([c]) => c === n) && aboutOther(n, value)) fit -= n === 'item' ? 2 * FIT : FIT;
  }
  // So is an item the topic was not about, named or not (the education grant after a child's allowances).
  const items = facets.about.get('item');
  if (!change.merged.item && !change.subsidies && topicItems && items && ![...items].some((v) => topicItems.has(v))) fit -= 2 * FIT;
  return fit;
}

/** Words of money: "能领多少钱", "啥时候发" after the card ask of the subsidies it brings. */
const MONEY = /钱|补|津贴|领|发|到账/u;

/** Words that ask of a slot without naming a value: the grades, the categories. */
const SLOT_IN_GENERAL: Partial<Record<SlotName, RegExp>> = { grade: /等级|几级|分级|级别|各级/, category: /类别|哪类|几类|各类|每一类/ };

/**
 * Whether an entry's answer speaks of what the follow-up asks about in its own words ("材料" of "材料要几样"), before
 * and after apart ("材料本来要几样": 材料).
 */
const speaksOf = (entry: Entry, change: Change) => change.words.split(PREVIOUS_ASK).flatMap((w) => w.split(BEFORE_NOW)).some((w) => [...w].length >= 2 && facetsOf(entry).answer.includes(w));
const BEFORE_NOW = /原来|本来|以前|之前|现在|如今/u;

/**
 * Whether an entry's own question names something new a follow-up names in words of its own, not a
 * slot nor what it asks ("上门" of "上门的呢"; not "材料" of "材料呢", "能办" of "能办不", nor the
 * 补贴 of "生活补贴谁能领" said again in "刚才那个补贴 要带啥").
 */
const namesThing = (wording: string, change: Change, context: TopicContext) => ownWords(change, context).some((w) => wording.includes(w));
/**
 * The words a follow-up says of its own, not a slot, a question, what is asked for ("资料"), nor the
 * topic's ("预约" of "要预约不"); none when it turns to the subsidies ("有补贴吗": see `turnsToSubsidies`).
 */
const ownWords = (change: Change, context: TopicContext): string[] => (change.subsidies ? [] : wordsSaid(change).filter((w) => !fold(context.query).includes(w)));
/** The words a follow-up says besides slots, what it asks and what is asked for, the topic's or not. */
const wordsSaid = (change: Change): string[] =>
  change.words.replace(ASKED_FOR, '').split(PREVIOUS_ASK).map((w) => w.replace(YES_NO, '').replace(NEED, '')).filter((w) => [...w].length >= 2 && !ASKS_NOTHING.test(w) && !intentOf(w));
/** The "不" of "要预约不" and the "用" of "用预约吗", which a wording may ask otherwise ("评定要预约吗"). */
const YES_NO = /(?:不|没有|没)$/;
const NEED = /^(?:还|也)?(?:用|得|需)/;

/** Whether an entry's own question is about the person the topic was (a child, a grade): the slots that describe someone. */
const ofPerson = (entry: Entry, change: Change) =>
  PERSON.some((n) => change.merged[n] !== undefined && (facetsOf(entry).about.get(n)?.has(change.merged[n]!) ?? false));
const PERSON: SlotName[] = ['age', 'grade'];
const PERSON_OR_CATEGORY: SlotName[] = ['category', ...PERSON];
const ANOTHER: SlotName[] = ['item', ...PERSON_OR_CATEGORY];

/**
 * Whether an entry's own question is about another item, category, age or grade than the topic's, which the follow-up did not name.
 * `person`: only the slots that describe someone (the category, age, grade).
 */
const ofAnother = (entry: Entry, change: Change, folded: string, person = false) => {
  const named = extractSlots(folded);
  return (person ? PERSON_OR_CATEGORY : ANOTHER).some((n) => {
    const values = valuesOf(entry, n, change.merged[n]);
    return !named[n] && change.merged[n] !== undefined && values !== undefined && values.size > 0 && !values.has(change.merged[n]!);
  });
};

/**
 * The values of a slot an entry is about, as asked of one: an allowance is not answered by a subsidies
 * entry naming none, which is about the two (see `itemsOf`): how soon they pay is not the education grant's.
 */
const valuesOf = (entry: Entry, name: SlotName, value: string | undefined): Set<string> | undefined =>
  name === 'item' && value !== undefined && ofAllowance(value, '') ? itemsOf(entry) : facetsOf(entry).about.get(name);

/** Whether a follow-up names nothing but a person by age ("那孩子呢", "老人呢"; a grade asks the topic's question again of it). */
const ofPersonOnly = (change: Change) => change.slots.length > 0 && change.slots.every(([n]) => n === 'age') && ASKS_NOTHING.test(change.words);

/**
 * The topic's answer holding for anyone, said again, tells nothing of the person a follow-up names ("护理补贴一个月多少钱"
 * + "那孩子呢"): an entry of the topic's category about that person and the topic's item says what holds for them
 * (没有年龄限制), found by the reading or by the follow-up alone.
 */
function forPerson(withContext: Decision, alone: Decision, change: Change, topicId: string): Decision | undefined {
  const item = change.merged.item;
  if (withContext.kind !== 'answer' || withContext.top.entry.id !== topicId || item === undefined) return undefined;
  const topic = withContext.top.entry;
  // Its answer ruling on that person ("一是未成年…的孩子" of who brings a guardian's proof) is no answer holding for anyone: it is said.
  if (change.slots.every(([n, v]) => wordsOf(n, v)!.test(facetsOf(topic).answer))) return undefined;
  // Not after a service of the card ("残疾证丢了咋补" + "那老人呢"): an old person's card is replaced as anyone's.
  const ofPerson = (entry: Entry) =>
    entry.id !== topic.id && entry.category === topic.category && coversChange(entry, change) && (valuesOf(entry, 'item', item)?.has(item) ?? false) && !change.service;
  const top = [...withContext.ranked, ...alone.ranked].find((r) => ofPerson(r.entry));
  return top && { kind: 'answer', top, ranked: [top, ...withContext.ranked.filter((r) => r.entry.id !== top.entry.id)] };
}

/**
 * The person a follow-up names and nothing else ("那孩子呢", "老人家呢") when the topic's entry, said to it again, is
 * about nobody in particular and says nothing of them: what it said holds for them as for anyone (the allowances
 * have no age limit). Their value, and the word said for them.
 */
export function sameForPerson(text: string, context: TopicContext, entry: Entry): { value: string; word: string } | undefined {
  const folded = fold(text);
  const change = changeOf(folded, context);
  if (entry.id !== context.entryId || !ofPersonOnly(change) || facetsOf(entry).about.get('age')?.size) return undefined;
  const [[name, value]] = change.slots;
  const words = wordsOf(name, value)!;
  const word = folded.match(words)?.[0];
  return word && !words.test(facetsOf(entry).answer) ? { value, word } : undefined;
}

/** Whether an entry's own question is about every value a follow-up changes. */
const coversChange = (entry: Entry, change: Change) =>
  change.slots.length > 0 && change.slots.every(([n, v]) => facetsOf(entry).about.get(n)?.has(v) ?? false);

/** A contextual reading's decision, and how well its first candidate fits the follow-up. */
interface Judged {
  decision: Decision;
  fit: number;
  /** Its first candidate is asked the way the follow-up asks anew ("要多久"). */
  asked?: boolean;
}

/**
 * The decision for one contextual reading: its candidates judged by `fitOf`. The reading's own
 * answer stands when it fits best; another candidate is answered when it fits well and clearly
 * better than the rest; otherwise the fitting ones are offered.
 */
function judge(decision: Decision, change: Change, context: TopicContext, top: number): Judged {
  // Declined for the assistance it tells of, it is judged by the answers it ranked (see `Change.status`).
  if (decision.kind === 'decline' && !change.status) return { decision, fit: decision.top.score };
  // A new question asked in words ("要等多久") goes first to the entries asked that way, however
  // well another fits the topic's words (the hearing tests, to how long the appraisal takes).
  const asked = (r: Ranked) => (change.intent && askedThatWay(r.entry, change.intent, change) ? 1 : 0);
  const topic = decision.ranked.find((r) => r.entry.id === context.entryId)?.entry;
  const holds = topic !== undefined && holdsForAny(topic, change);
  // The items of a topic whose question named none ("残疾孩子能领补贴吗": both allowances).
  const items = topic && !change.merged.item ? itemsOf(topic) : undefined;
  // Nothing but a person named ("那孩子呢") asks the topic's question of them: an entry about another item, or of
  // another category when the topic has none (a child's photo after the window's hours), answers another question.
  const person = ofPersonOnly(change);
  const item = change.merged.item;
  const itemOf = (entry: Entry) => valuesOf(entry, 'item', item) ?? topicItem(entry);
  const inTopic = (entry: Entry) => {
    if (!person) return true;
    if (!item) return !topic || entry.category === topic.category;
    const about = itemOf(entry);
    return about === undefined || (typeof about === 'string' ? about === item : about.has(item));
  };
  const fits = decision.ranked
    .map((r) => ({ r, fit: inTopic(r.entry) ? fitOf(r, change, context, holds, items) : undefined, asked: asked(r) }))
    .filter((c): c is { r: Ranked; fit: number; asked: 0 | 1 } => c.fit !== undefined && c.fit >= FLOOR)
    .sort((a, b) => b.asked - a.asked || b.fit - a.fit);
  const ranked = fits.map((c) => c.r).slice(0, top);
  const [best, next] = fits;
  if (!best) return { decision: { kind: 'none', ranked }, fit: 0 };
  // About the value the follow-up names, it leads the topic's own entry that only mentions it ("要是四级呢").
  const leads = !next || best.asked > next.asked || best.fit - next.fit >= LEAD || (coversChange(best.r.entry, change) && next.r.entry.id === context.entryId && !coversChange(next.r.entry, change));
  const judged = { fit: best.fit, asked: best.asked === 1 };
  // Its own answer stands unless it lost fit (it answers another question than the one asked) and no longer leads.
  if (decision.kind === 'answer' && decision.top.entry.id === best.r.entry.id && (best.fit >= best.r.score || leads)) return { decision: { ...decision, ranked }, ...judged };
  if (best.fit >= ANSWER_FIT && leads) return { decision: { kind: 'answer', top: best.r, ranked }, ...judged };
  return { decision: { kind: 'clarify', options: ranked.slice(0, 3), ranked }, ...judged };
}

const earlierOf = ({ turns: _turns, earlier: _earlier, choices: _choices, ...topic }: TopicContext): EarlierTopic => topic;

/** Words that go back to an earlier topic: "回到刚才那个", "再问一下刚才那个补办", "…来着". */
const BACK = /^(?:回到|再问一下|再问问|还是|那)?(?:刚才|刚刚|之前|前面|先前)(?:说的|问的|那个|的|那)*|来着/g;

/**
 * The topic a message going back ("刚才那个听力的 要带啥") recalls: of the current and the
 * earlier ones, the one sharing most of its slots and words, the most recent on a tie.
 */
function recalled(core: string, context: TopicContext): TopicContext {
  const named = extractSlots(core);
  const shared = (t: EarlierTopic) => {
    const slots = topicSlots({ ...t, turns: 0 });
    const agree = SLOT_NAMES.filter((n) => named[n] && named[n] === slots[n]).length;
    return 2 * agree + [...new Set(remainder(fold(core)))].filter((c) => t.query.includes(c)).length;
  };
  const topics = [earlierOf(context), ...[...(context.earlier ?? [])].reverse()];
  const best = topics.reduce((a, b) => (shared(b) > shared(a) ? b : a));
  return { ...best, turns: 0 };
}

/** A follow-up's opening 那 ("那俺能领两样不"), not 那个, 那边, 那些… */
const THEN_OPENING = /^那么?(?![个边里些天时样种位家次儿会])/u;

/** The time a topic spoke of, said again ("到时候咋整"). */
const THEN = /到时候|到那时候?|那时候/gu;

/**
 * "到时候咋整" after how long the card lasts asks what to do when it runs out: 到期, its renewal. After
 * another topic the time is a follow-up's filler (see `FILLER`).
 */
const whenTopicEnds = (text: string, context: TopicContext | undefined) => (context?.intent === 'valid' ? text.replace(THEN, '到期') : text);

/** The steps of an application, each in the words people and the answers use for it. */
const STEPS = [/预审/u, /审核|审批/u, /申请|提交/u, /评定|鉴定|评残/u, /登记/u, /公示/u, /复核/u];
/** "预审通过了以后呢", "鉴定完之后呢": a step named, then only "以后呢". */
const STEP_THEN = /^(?:那|那么)?(\p{Script=Han}{2,8}?)了?(?:以后|之后|后)呢[？?。！!]*$/u;

/**
 * What follows a step of the flow, asked so ("预审通过了以后呢", "那鉴定完了之后呢"): the entry whose own question
 * opens after that step ("预审通过后，医院那边怎么安排？", "做完评定以后，结果…"), among those the question ranks; not
 * the step's own (what 预审 is). Alone or after a topic. Undefined when nothing follows a step, or no such entry ranks.
 */
function nextStep(decide: (query: string, top: number) => Decision, typed: string, top: number): Decision | undefined {
  const done = STEP_THEN.exec(normalizeText(typed).replace(/\s+/gu, ''))?.[1];
  const step = done === undefined ? undefined : STEPS.find((words) => words.test(done));
  if (!step) return undefined;
  const opensAfter = (question: string) => new RegExp(`^[^，,？?]{0,4}(?:${step.source})(?:通过|结束|完成|完了|完|过了|好了)?(?:以后|之后|后)`, 'u').test(question);
  const { ranked } = decide(typed, DEPTH);
  const next = ranked.find((r) => r.entry.kind === 'answer' && opensAfter(r.entry.question));
  return next && { kind: 'answer', top: next, ranked: [next, ...ranked.filter((r) => r !== next)].slice(0, top) };
}

/**
 * "其父非低保户" after a subsidy's answer: 非 of a note says the person is not on it, read as the answers word it
 * (没有低保: the 是 of 不是 goes with the fillers of a rewritten question); only so read against a topic, where it tells of the person (alone it may ask of 低保 itself).
 */
const NOT_ON = /非(低保|特困|五保)/gu;
const notOn = (text: string, context: TopicContext | undefined) => (context ? text.replace(NOT_ON, '没有$1') : text);

/** "两样都", "俩都" after one allowance: the two allowances, which the answers call 两项补贴. */
const BOTH = /(?:两样|两项|两个|俩)(?=都)/u;
const bothAllowances = (text: string, context: TopicContext | undefined) => (context && ofAllowance(topicSlots(context).item, '') ? text.replace(BOTH, '两项补贴') : text);

/** An office said with "那边" ("人社那边能给办啥"): the office itself, which the answers name (not another place: see otherPlace.ts). */
const OFFICE_THERE = /(人社|民政|残联|社保|教育)(?:那边|那里|那儿|这边)/gu;

/**
 * Doing it for someone, said with 替 ("俺替她办中不中", "替俺娘办行不"): what the answers call 代办, which a dialect's 中不中
 * or the person's reason ("她不识字") otherwise outweighs (a wording of the photo's "…中不中").
 */
const ON_BEHALF = /(替(?:她|他|俺娘|俺妈|俺爹|俺爸|我妈|我爸|老人|孩子)?)办(?!理)/gu;

/** Words offering two values to choose from ("智力还是精神", "肢体或者多重"). */
const EITHER = /还是|或者|或是/;

/**
 * "智力还是精神" after a topic describing dementia (智力) asks which of the two the topic's is:
 * read as naming the topic's value alone, not as a second category of the same person.
 */
function choiceOfTopic(text: string, context: TopicContext | undefined): string {
  const known = context && topicSlots(context).category;
  const sides = text.split(EITHER);
  if (!known || sides.length !== 2) return text;
  const [a, b] = sides.map((side) => extractSlots(side).category);
  if (!a || !b || a === b) return text;
  return a === known ? sides[0] : b === known ? sides[1] : text;
}

/**
 * Reads a message in its context. A fragment ("视力的呢", "要等多久") is read against the
 * topic when that reading is more decisive than the text alone, or as decisive and (for a
 * fragment that asks something) scored at least as high; a message that stands on its own is
 * read on its own unless only the contextual reading finds an answer.
 */
export function readInContext(decide: (query: string, top: number) => Decision, message: string, context?: TopicContext, top = 3, spell: (text: string) => string = (t) => t): Reading {
  context = context && ofAppraisal(message, context);
  // "帮我姑姑问下 残疾证要带啥" is ranked as "残疾证要带啥".
  const typed = bothAllowances(whenTopicEnds(choiceOfTopic(withoutOpening(message), context), context), context).replace(OFFICE_THERE, '$1').replace(ON_BEHALF, '$1代办');
  const next = nextStep(decide, typed, top);
  if (next) return { decision: next, query: typed, contextual: false };
  // The 那 that opens a follow-up only marks it: alone it is read without it, as its contextual readings are
  // ("那俺能领两样不": both allowances at once, as "俺能领两样不").
  const alone = decide(typed.replace(THEN_OPENING, '') || typed, top);
  // The ranking corrects sound-alike typos itself; what the message names and asks is read as
  // spelled right too: "残疾正丢了 咋补办" names the certificate, a question of its own, not the topic's.
  const text = notOn(spell(typed), context);
  const own: Reading = { decision: alone, query: typed, contextual: false };
  // Small talk ("谢谢", "好的") and an out-of-scope question ("今天天气") stand on their own whatever
  // came before; a short one naming a decline's object may still ask of the topic (see `asksOfMaterial`).
  const declined = alone.kind === 'decline';
  // A hotline note's "来电人追问…" points back though its opening is not ranked.
  const fragment = isFragment(text) || POINTS_BACK.test(fold(message));
  const smalltalk = alone.kind === 'answer' && alone.top.entry.kind !== 'answer' && !(context && asksOfApp(fold(text), context));
  if (!context || context.turns >= RECALL_TURNS || (declined && !fragment) || smalltalk) return own;
  // Going back to an earlier topic, even after an aside: the rest of the message read against the one it recalls.
  const said = fold(text);
  const core = said.replace(BACK, '');
  if (core && core !== said && !declined) return { ...readInContext(decide, core, recalled(core, context), top, spell), contextual: true };
  if (context.turns >= CONTEXT_TURNS) return own;
  // A child's age asked of ("几岁能评"), or how often the topic's item is paid ("多久发一次"): the question the
  // topic's person or item makes whole, whatever the topic asked (its materials, who may claim).
  const aged = childAgeAsked(fold(text), context) || withoutCard(fold(text), context);
  const often = aged ? '' : oftenAsked(fold(text), context);
  const completed = aged || often ? decide(aged || often, top) : undefined;
  // How often another item is paid is not the topic's (the two allowances' 按月 is not the education grant's).
  const ofItem = (entry: Entry) => !often || itemsOf(entry)?.has(topicSlots(context).item!) !== false;
  if (completed?.kind === 'answer' && ofItem(completed.top.entry)) return { decision: narrowed(completed, partAsked(fold(text))), query: aged || often, contextual: true };
  // A message that stands on its own is read in context only when alone finds nothing (see
  // `prefer` below): its contextual readings are not ranked otherwise, each costs a full decide.
  if (!fragment && alone.kind !== 'none') return own;
  const folded = fold(text);
  const onlySlots = ASKS_NOTHING.test(remainder(folded));
  const change: Change = { ...changeOf(folded, context), ...(declined && TELLS_STATUS.test(folded) ? { status: true as const } : {}) };
  const ranked = rewriteFollowUp(text, context).map((query) => ({ query, decision: decide(query, DEPTH) }));
  // The service is kept only for what its entries answer ("要钱吗" after a replacement is the card's fee), in every
  // reading when one finds such an entry: a reading whose ranking lost it ("证能管得准备啥材料") asks of the service still.
  const kept = change.asks !== undefined && ranked.some(({ decision }) => decision.ranked.some((r) => ofService(r.entry, change) && askedThatWay(r.entry, change.asks!, change)));
  const readings = ranked.map(({ query, decision }) => ({ ...judge(decision, kept ? change : { ...change, service: undefined }, context, top), query, contextual: true }));
  // The most literal reading, unless a looser one is more decisive (an answer, not a choice), or
  // as decisive and fits clearly better ("户口迁走了证办要多久" reads worse than "迁移残疾证要多久").
  // Two readings answering with the same entry: the one that scores it higher ("平原县办一件事…材料要几样"
  // finds the plan better without 残疾人), for the comparison with the message alone.
  const same = (a: Judged, b: Judged) => a.decision.kind === 'answer' && b.decision.kind === 'answer' && a.decision.top.entry.id === b.decision.top.entry.id;
  // A follow-up asking anew in words ("听力残疾去哪鉴定" + "那要多久") is better offered the entries asked
  // that way than answered with one that is not (the hearing tests).
  const answersOtherwise = (a: Judged, b: Judged) => change.intent !== undefined && a.decision.kind === 'answer' && !a.asked && b.decision.kind !== 'none' && b.asked === true;
  // An answer about the value the follow-up names leads the topic's own said again, as in `judge`
  // ("残疾证丢了咋补" + "那孩子呢": the guardian's, not the replacement again).
  const renamed = (a: Judged, b: Judged) =>
    a.decision.kind === 'answer' && b.decision.kind === 'answer' && a.decision.top.entry.id === context.entryId &&
    coversChange(b.decision.top.entry, change) && !coversChange(a.decision.top.entry, change);
  const better = (a: Judged, b: Judged) =>
    answersOtherwise(a, b) || renamed(a, b) ||
    (strength(b.decision) > strength(a.decision) && !answersOtherwise(b, a)) ||
    (strength(b.decision) === strength(a.decision) && !renamed(b, a) && (b.fit - a.fit >= LEAD || (same(a, b) && topScore(b.decision) > topScore(a.decision))));
  const judged = offered(decide, folded, readings, context, top) ?? readings.reduce<(typeof readings)[number] | undefined>((a, b) => (!a || better(a, b) ? b : a), undefined);
  if (!judged) return own;
  const best: Reading = { decision: judged.decision, query: judged.query, contextual: true };
  const withContext = best.decision;
  // How many trips, after an answer saying nothing of trips ("要跑几趟" after a transfer's): that answer
  // again does not say it; the question asked alone does ("最多跑一次").
  if (TRIPS_ASKED.test(text) && alone.kind === 'answer' && withContext.kind === 'answer' && withContext.top.entry.id === context.entryId && !SAYS_TRIPS.test(withContext.top.entry.answer)) return own;
  if (alone.kind === 'decline') {
    const topic = topicKept(alone, withContext, context.entryId);
    // Naming nothing but another value of the topic ("教育补贴谁能领" + "那上幼儿园呢": the school) asks the topic's question of it.
    // So does telling the person's assistance after a subsidy's answer ("来电人追问其父非低保户").
    const status = change.status === true && withContext.kind === 'answer' && aboutSubsidies(withContext.top.entry);
    const keptInTopic = status || (topic && withContext.kind === 'answer' && ((onlySlots && change.slots.length > 0) || asksOfMaterial(alone, withContext.top.entry, text, topic)));
    return keptInTopic ? best : own;
  }
  // Nothing but slots ("我是言语残疾", "视力的呢") or nothing but a question ("要等多久") only
  // makes sense about the topic; a fragment that asks something with words of its own
  // ("每个月几号发") must also fit the topic at least as well as alone.
  const asDecisive = strength(withContext) >= strength(alone) && withContext.kind !== 'none';
  // Nothing but another value ("那生活补贴呢" after who gets the care allowance) asks the topic's question of it:
  // an answer alone asked otherwise (how to apply) is not it, and the choice holding who gets it is better. Not one
  // asking its own ("手机上能办不" after what to upload online: whether and how one applies that way).
  const askedOtherwise = onlySlots && change.slots.length > 0 && !change.intent && context.intent !== undefined && alone.kind === 'answer' && withContext.kind === 'clarify' &&
    !facetsOf(alone.top.entry).intents.has(context.intent) && facetsOf(withContext.options[0].entry).intents.has(context.intent);
  if (askedOtherwise) return { ...best, decision: narrowed(best.decision, partAsked(folded)) };
  // The topic's own answer, fitting what the follow-up asks as well as the message alone scores
  // ("平原县…能办几项" + "材料要几样": its answer speaks of the plan's materials), says more than a generic one.
  const saysMore = (d: Decision) => d.kind === 'answer' && d.top.entry.id === context.entryId && speaksOf(d.top.entry, change) && judged.fit >= topScore(alone);
  // The subsidies asked of after another item: an answer for the same person (a child's) says more than one for anybody.
  const forThePerson = (d: Decision) => change.subsidies === true && d.kind === 'answer' && ofPerson(d.top.entry, change) && !(alone.kind === 'answer' && ofPerson(alone.top.entry, change));
  // Alone, it answered for someone or something else: "要病历不" after "俺是精神病…" is not the other
  // categories' answer, "申请收费不" after the care allowance not the appraisal's fee. One whose own question names
  // what the follow-up turned to is another item's rightly ("公示几天" after who reviews the card: the notice's days), still the same person's.
  const forAnother = (d: Decision) => d.kind === 'answer' && ofAnother(d.top.entry, change, folded, namesThing(facetsOf(d.top.entry).question, change, context));
  // The time limit the topic's answer states, asked of ("要在多少天里提交" after how to appeal): that answer, not another time found alone.
  const ofDeadline = (d: Decision) => d.kind === 'answer' && d.top.entry.id === change.deadline && answersIntent(d.top.entry, 'howLong');
  // Nothing but a person ("那孩子呢", "老人呢") asks the topic's question of them: alone it asks nothing, and the
  // entry most about that person (a child's photo) answers another question. Not found in the topic, it is not found.
  if (ofPersonOnly(change)) return { ...best, decision: forPerson(withContext, alone, change, context.entryId) ?? withContext };
  // A choice holding the topic's allowance ("教育补贴" + "钱多久到账": when the grant is paid) beats an answer alone for another's.
  const grant = change.merged.item !== undefined && ofAllowance(change.merged.item, '');
  const topicsChoice = grant && withContext.kind === 'clarify' && forAnother(alone) && !ofAnother(withContext.options[0].entry, change, folded);
  // Asking anew of a word the topic said ("办残疾证要公示几天" + "在哪公示": where the notice goes up), the entry found
  // alone whose own question names it and that is asked that way answers it, not the topic's item asked so (where to apply).
  const again = change.intent ? wordsSaid(change).filter((w) => fold(context.query).includes(w)) : [];
  const namingAgain = (d: Decision) => (d.kind === 'answer' && again.some((w) => facetText(d.top.entry.question).includes(w)) ? d.top.entry : undefined);
  const found = namingAgain(alone);
  const ofWordAgain = found !== undefined && facetsOf(found).intents.has(change.intent!) && !namingAgain(withContext);
  const prefer = fragment
    ? !ofWordAgain && (strength(withContext) > strength(alone) || topicsChoice ||
      (asDecisive && (onlySlots || asksOfTopic(folded, context) || topScore(withContext) >= topScore(alone) || saysMore(withContext) || forThePerson(withContext) || (forAnother(alone) && !forAnother(withContext)) || ofDeadline(withContext))))
    : withContext.kind === 'answer' && alone.kind === 'none' && topScore(withContext) >= FLOOR;
  return prefer ? { ...best, decision: narrowed(best.decision, partAsked(folded)) } : own;
}

/**
 * A bare question ("要多少钱", "多久") that one of the topic's follow-up buttons asks ("重新评定要钱吗？"
 * under the grades): that button's answer, not the topic's words re-ranked with it (想评一级 + 钱 reads
 * as buying a grade). Undefined when the topic's own answer says it, or no one button asks it.
 */
function offered<R extends { decision: Decision; query: string; contextual: boolean }>(decide: (query: string, top: number) => Decision, folded: string, readings: R[], context: TopicContext, top: number) {
  const intent = BARE_ASK.test(folded) ? intentOf(folded) : undefined;
  // The topic's entry as its own question finds it (a contextual reading keeps only the entries that fit the follow-up).
  const topic = intent && decide(context.query, DEPTH).ranked.find((r) => r.entry.id === context.entryId)?.entry;
  // The topic's own answer saying it (a renewal's fee) is said again, its part.
  const buttons = topic && !answersIntent(topic, intent) ? topic.followUps.filter((f) => intentOf(f.label) === intent) : [];
  if (buttons.length !== 1) return undefined;
  const query = 'ask' in buttons[0] ? buttons[0].ask : buttons[0].label;
  const decision = decide(query, top);
  const target = 'to' in buttons[0] ? buttons[0].to : undefined;
  if (decision.kind !== 'answer' || (target && decision.top.entry.id !== target)) return undefined;
  return { ...readings[0], decision, query, contextual: true, fit: Number.POSITIVE_INFINITY };
}

/**
 * The topic's entry, when a declined follow-up's contextual answer stays in the topic's category
 * ("身份证丢了怎么办" is not the certificate's loss): only then may it be asked of the topic.
 */
function topicKept(alone: Decision & { kind: 'decline' }, withContext: Decision, topicId: string): Entry | undefined {
  if (withContext.kind !== 'answer' || withContext.top.entry.kind !== 'answer') return undefined;
  const topic = [...withContext.ranked, ...alone.ranked].find((r) => r.entry.id === topicId)?.entry;
  return topic && topic.category === withContext.top.entry.category ? topic : undefined;
}

/**
 * "残疾证网上申请要传啥" + "身份证要传吗": a material the topic's answer speaks of, named by a
 * follow-up, is asked of the topic (whether to upload it), not of the office issuing it.
 */
function asksOfMaterial(alone: Decision & { kind: 'decline' }, answered: Entry, text: string, topic: Entry): boolean {
  return (alone.top.entry.about ?? []).some((o) => text.includes(o) && topic.answer.includes(o) && answered.answer.includes(o));
}

/** The part of an answer a follow-up asks for alone: what it asks in words ("要带啥"), else the online way ("网上能换不"). */
function partAsked(folded: string): AnswerPart | undefined {
  const asked = intentOf(remainder(folded)) ?? intentOf(folded);
  if (asked && isPart(asked)) return asked;
  return extractSlots(folded).channel === ONLINE ? 'online' : undefined;
}
const ONLINE = '网上';

/**
 * A follow-up's answer cut to the part asked, when its entry has that part to say alone: "要带啥"
 * after the renewal's answer is told the renewal's materials, not the whole paragraph again.
 */
function narrowed(decision: Decision, part: AnswerPart | undefined): Decision {
  const said = part && decision.kind === 'answer' ? decision.top.entry.parts?.[part] : undefined;
  if (!said || decision.kind !== 'answer') return decision;
  const entry = { ...decision.top.entry, answer: said };
  const cut = (r: Ranked): Ranked => (r.entry.id === entry.id ? { ...r, entry } : r);
  return { ...decision, top: cut(decision.top), ranked: decision.ranked.map(cut) };
}

/**
 * The context an answer leaves: its entry, what was asked, the slots, the item its entry implies;
 * a follow-up keeps the slots it did not change. `before`: the topic it follows, whose entries
 * were just said.
 */
export function topicAfter(query: string, entry: Entry, carried: Slots = {}, before?: TopicContext): TopicContext {
  const implied = topicItem(entry);
  // "残疾证过期了咋换" asks how to renew: 过期 names the service, not the validity asked of.
  const intent = intentOf(query.replace(SERVICE_WORD, '')) ?? intentOf(entry.question);
  const earlier = before ? [...(before.earlier ?? []), earlierOf(before)].filter((e) => e.entryId !== entry.id).slice(-CONTEXT_TURNS) : [];
  return {
    entryId: entry.id, query, slots: { ...carried, ...slotsAnswered(query, entry) }, turns: 0,
    ...(implied ? { implied } : {}), ...(intent ? { intent } : {}), ...(earlier.length ? { earlier } : {}),
  };
}

/**
 * The slots a question names, its item the one the entry answering it is about when the question
 * names that one too: "残疾证过期了 生活补贴停发" answered by the renewal is about the certificate,
 * whose follow-ups ("多久恢复") ask of renewing it, not of the allowance named first.
 */
function slotsAnswered(query: string, entry: Entry): Slots {
  const slots = extractSlots(query);
  const items = itemsOf(entry);
  const said = facetText(query);
  const answered = slots.item && items && !items.has(slots.item) ? [...items].find((v) => wordsOf('item', v)?.test(said)) : undefined;
  const service = slots.service ?? serviceDone(entry);
  // Both allowances named and answered ("护理补贴和生活补贴有啥区别") leave a topic of the two, as an entry naming neither is:
  // "那俺能领两样不" asks of both, not of the one named first.
  const both = items !== undefined && SUBSIDY_ITEMS.every((v) => items.has(v) && wordsOf('item', v)!.test(said));
  const { item: _first, ...others } = slots;
  return { ...(both ? others : slots), ...(answered ? { item: answered } : {}), ...(service ? { service } : {}) };
}

/**
 * The service an entry tells how to do (换领, 迁移, 补办), when it is about that one alone: "残疾证年审在哪审"
 * answered by the renewal names none, yet its follow-ups ("要带啥") ask of renewing, as the answer said.
 */
function serviceDone(entry: Entry): string | undefined {
  const { asked, about } = facetsOf(entry);
  const services = about.get('service');
  return asked.has('how') && services?.size === 1 ? [...services][0] : undefined;
}

/**
 * The topic a reading leaves: the answer's, or the first candidate's when the bot asks which
 * was meant; after an out-of-scope question the one before, spent for follow-ups but still
 * recalled by name; the one before after small talk or a question it cannot answer. `previous` is the topic it was read against.
 */
export function nextTopic({ decision, query, contextual }: Reading, previous?: TopicContext): TopicContext | undefined {
  const carried = contextual ? previous?.slots : undefined;
  switch (decision.kind) {
    case 'answer':
      return decision.top.entry.kind === 'answer' ? topicAfter(query, decision.top.entry, carried, previous) : previous;
    case 'clarify':
      return { ...topicAfter(query, decision.options[0].entry, carried, previous), choices: decision.options.map((o) => o.entry.id) };
    case 'decline':
      // Another subject: no follow-up reads against the topic before, but "刚才那个…" still recalls it.
      return previous && { ...previous, turns: CONTEXT_TURNS };
    case 'none':
      return previous;
  }
}

/** A word of a follow-up's own: two characters or more, Chinese only (no separator left by a question word). */
const WORD = /^\p{Script=Han}{2,}$/u;
/** jieba's part of speech for a place name. */
const PLACE_TAG = 'ns';
/** Words any question may say, which name nothing asked of ("多少天之内", "到期以后咋办", "有时间限制吗", "要额外的证明吗", "人社那边"). */
const COMMON = /^(?:不是|那边|这边|那里|这里|那儿|到时候|额外|另外|其他|其它|别的|一样|不同|区别|差别|以后|之后|然后|以前|之前|之内|以内|现在|已经|还是|时候|时间|这个|那个|一下|可以|没有|就是|还要|需要|不用|一般|应该|的话|如果|要是|这样|那样|还有|才能|才可以|自己|知道|晓得)$/u;

/**
 * The words a follow-up says of its own, not slots, question words, fillers nor the topic's:
 * "社保卡没激活咋办" after how the money is paid says 社保卡 and 激活, "复核完了还不服呢" after
 * where to appeal says 不服. A hotline note's opening ("来电人追问…") is no word of its own.
 */
function ownTerms(question: string, context: TopicContext, common = false): string[] {
  const topic = fold(context.query);
  // The person's age in years ("俺闺女才十岁呢") says who is asked of, as 孩子 does: the age slot, no word of its own.
  const rest = fold(withoutAge(withoutOpening(question))).replace(QUALIFIES, '|').replace(ANY_SLOT_WORD, '|').replace(HOW_TO_DO, '|').replace(PREVIOUS_ASK, '|').replace(ASKED_FOR, '|');
  // A place ("河南有啥不一样") is asked of by the answer's rules, which are that place's or this county's.
  const words = tag(rest, false).filter((t) => t.tag !== PLACE_TAG).map((t) => t.word);
  // A figure asked then and now ("材料原来多少项，现在多少项"): 原来 says when, not what (not "原来的补贴还能领吗": the old place's).
  const figure = /多少|几/u.test(question);
  return [...new Set(words)].filter((w) =>
    WORD.test(w) && (common || !COMMON.test(w)) && !(figure && BEFORE_NOW.test(w)) && w.replace(FILLER, '') !== '' && !topic.includes(w) && !intentOf(w) && !ASKS_NOTHING.test(w));
}

/**
 * Whether a follow-up asks something an answer does not hold: it says words of its own and the
 * answer speaks of none of them ("要登报不" after an answer saying nothing of 登报, "存折行不行" after
 * how the money is paid), or of one that no answer speaks of (`unknown`: "社保卡没激活咋办" after one
 * naming 社保卡, never 激活). Said again, that answer would not answer it. Nothing of its own
 * ("交多少", "找谁问") asks nothing beyond it. `folding`: how the answers' words are read (synonyms folded:
 * "申诉时限" after the appeal's answer speaks of its 复核).
 */
export function asksBeyond(question: string, answer: string, context: TopicContext, unknown: (word: string) => boolean = () => false, folding: (text: string) => string = facetText): boolean {
  // Whether the person qualifies, asked of what the answer rules on ("其女在读大学，追问是否符合"): its ruling holds it.
  if (QUALIFIES.test(fold(question)) && rulingOf(answer.match(/[^。；！？]+[。；！？]?/gu) ?? [], fold(question)) >= 0) return false;
  // So does the person's assistance told ("其妻非低保户") of an answer ruling on that assistance.
  if (TELLS_STATUS.test(fold(question)) && ASSISTANCE.test(answer)) return false;
  const said = folding(answer);
  const says = (w: string) => said.includes(folding(w));
  // A time gone by ("刚注销半年呢", "才八个月") is held by an answer stating a span to measure it by ("注销后一年内不能再申请").
  const words = ownTerms(STATES_SPAN.test(answer) ? question.replace(SPAN, '') : question, context);
  return (words.length > 0 && !asksLimitStated(question, answer) && (words.every((w) => !says(w)) || words.some((w) => !says(w) && unknown(w)))) || countUnstated(question, answer, words, folding);
}

/** A span of time ("半年", "八个月", "两年多"), and one an answer states ("一年内", "满6个月"). */
const SPAN = /[0-9一二两三四五六七八九十半几]+个?(?:多)?(?:年|月|天|周|星期)(?:多)?/gu;
const STATES_SPAN = /[0-9一二两三四五六七八九十半]+个?(?:多)?(?:年|月|天|周|工作日)/u;

/** How many of something ("照片要几张", "材料要交几份"), and a count an answer states ("3张两寸白底彩照"). */
const COUNT_ASKED = /(?:几|多少)(?:张|份|样|项|本|件|寸)/u;
const STATES_COUNT = /[0-9一二两三四五六七八九十]+(?:张|份|样|项|本|件|寸)/u;

/**
 * Whether a follow-up asks how many ("那照片要几张" after how to apply online) and no sentence of the answer speaking of
 * its words states a count ("照片等材料拍清楚传上去就行"): the answer speaks of the thing, not of how many.
 */
function countUnstated(question: string, answer: string, words: string[], folding: (text: string) => string): boolean {
  return COUNT_ASKED.test(fold(question)) && !statesCount(answer, words, folding);
}

/**
 * Whether a text states a count in a sentence speaking of any of the words (in any sentence without words): "一共3张，
 * 都是两寸…照片" of the photos. The one form of the reform ("一张表、一套材料") counts nothing asked: "填一张表、上传材料"
 * says nothing of how many photos.
 */
function statesCount(text: string, words: string[], folding: (text: string) => string): boolean {
  const sentences = text.replace(ONE_FORM, '').match(/[^。；！？]+[。；！？]?/gu) ?? [];
  return sentences.some((s) => STATES_COUNT.test(s) && (!words.length || words.some((w) => folding(s).includes(folding(w)))));
}
const ONE_FORM = /一张(?:申请)?表|一套材料/gu;

/** An enumeration's "一是", "二是" opening a sentence. */
const ENUMERATED = /^[一二三四五六七八九十]是/u;

/**
 * The sentences of an answer that speak of a follow-up's own words, when not all do: "要登报不"
 * after the replacement's answer is told "残疾人证丢了不用登报…", not the whole paragraph again.
 * One asking how long, how much, where or how is told that by the part of an entry that has one,
 * or the whole answer: the sentence naming its words may not say it ("注销了多久能重新办"). A fragment saying no word
 * of its own is told by the words any question says ("时间呢" after the reform's figures: the time it saved).
 */
export function sentencesHolding(question: string, answer: string, context: TopicContext): string | undefined {
  if (intentOf(question)) return undefined;
  const own = ownTerms(question, context);
  const words = own.length || !isFragment(question) ? own : ownTerms(question, context, true);
  const sentences = answer.match(/[^。；！？]+[。；！？]?/gu) ?? [];
  // Nothing of its own but another person ("那俺闺女才十岁呢" after an adult's guardian proof), of an answer ruling on each
  // age apart ("一是未成年…", "其他成年人…"): the sentences ruling on that one. A rule added for a child to a list is no rule apart.
  const [person] = words.length ? [] : namedAnew(question, context).filter(([n]) => n === 'age').map(([n, v]) => wordsOf(n, v)!);
  const ages = SLOT_WORDS.age.filter(([, w]) => w !== person).map(([, w]) => w);
  const apart = person !== undefined && sentences.some((s) => !person.test(facetText(s)) && ages.some((w) => w.test(facetText(s))));
  const holds = (s: string) => words.some((w) => facetText(s).includes(w)) || (apart && person.test(facetText(s)));
  // Naming no item, it asks of the topic's ("残疾证是哪个部门发的" + "是民政发的吗"): the sentence naming that item
  // goes too, when those holding its words each name another item ("生活补贴和护理补贴由民政部门审批" alone says no).
  const item = !extractSlots(fold(question)).item && topicSlots(context).item;
  const itemWords = item ? wordsOf('item', item) : undefined;
  const ofItem = (s: string) => itemWords !== undefined && itemWords.test(facetText(s));
  const ofOther = (s: string) => { const named = extractSlots(facetText(s)).item; return named !== undefined && named !== item; };
  const others = sentences.filter(holds).every((s) => ofOther(s) && !ofItem(s));
  const held = sentences.filter((s) => holds(s) || (others && ofItem(s)));
  // An enumeration's "一是" said alone would read as a list of one.
  return held.length > 0 && held.length < sentences.length && sentences.some(holds) ? held.join('').replace(/；$/u, '。').replace(ENUMERATED, '') : undefined;
}

/**
 * "这算哪一项", "属于哪一类", "归哪个里头的": which of the things the topic's answer lists holds what the topic asked
 * of, the follow-up naming nothing of its own.
 */
const WHICH_OF = /^(?:那么?)?(?:这|它|这个|那个|这些)?(?:是|算|属于|属|归|在|放在|算在|归在)?(?:哪一|哪个|哪)(?:大项|项|类|样|种|块|部分|方面)(?:事项|项目|业务|里头|里面|里边|里|当中|之中|中)*(?:的)?(?:啊|呀|呢|吗|嘞)?$/u;

/**
 * The sentences of the topic's answer holding what the topic asked of, to "这算哪一项" (see `WHICH_OF`): "社保卡能在一件事里
 * 一起申请吗" + "这算哪一项里头的" is told "残疾人就业帮扶（失业登记、就业困难人员认定、社保卡申领）", not the seven
 * again. Of the topic's words and slots, the one fewest sentences hold says it (燃油, not the 补贴 of five). Not after a
 * condition ("老年痴呆能办证吗" + "这算哪一类": the category's own entry says it). Undefined when it asks otherwise, or no
 * word is held by some sentences and not all.
 */
export function whichOfTopic(question: string, answer: string, context: TopicContext, folding: (text: string) => string = facetText): string | undefined {
  const slots = extractSlots(context.query);
  if (!WHICH_OF.test(fold(question)) || slots.category) return undefined;
  const words = ownTerms(context.query, { ...context, query: '' }).map(folding);
  const named = Object.entries(slots).map(([name, value]) => wordsOf(name as SlotName, value)).filter((w): w is RegExp => w !== undefined);
  const sentences = answer.match(/[^。；！？]+[。；！？]?/gu) ?? [];
  const holding = [...words.map((w) => sentences.filter((s) => folding(s).includes(w))), ...named.map((w) => sentences.filter((s) => w.test(facetText(s))))];
  const [held] = holding.filter((h) => h.length > 0 && h.length < sentences.length).sort((a, b) => a.length - b.length);
  return held?.join('').replace(/[；，]$/u, '。');
}

/**
 * The entries of a follow-up's topic: those sharing the category of the topic's entry or of one
 * just before it ("孩子两岁 唐氏综合征 能办证吗" + "去哪评": the infant's too). None about another
 * value of a slot the topic carries or the follow-up names (the hearing hospital after the mental
 * one's); a topic about a service of the card (换领) keeps to that service's (the lost card's
 * "不用登报" is not the renewal's).
 */
export function topicFamily(entries: Entry[], question: string, context: TopicContext): Entry[] {
  return entries.filter(ofTopicFamily(entries, question, context));
}

/** Whether an entry of `entries` is of a follow-up's topic (see `topicFamily`): one entry asked of without gathering them all. */
export function ofTopicFamily(entries: Entry[], question: string, context: TopicContext): (entry: Entry) => boolean {
  const ids = new Set([context.entryId, ...(context.earlier ?? []).map((e) => e.entryId)]);
  const categories = new Set(entries.filter((e) => ids.has(e.id)).map((e) => e.category));
  // Not an item both name: most questions name the certificate.
  const off = offTopicOf(question, context);
  return (e) => e.kind === 'answer' && categories.has(e.category) && !off(e, true);
}

/**
 * Whether an entry is about another service or category than a follow-up's topic carries or the
 * follow-up names ("要登报不" after a renewal: the lost card's answer); `strict`, another value of any
 * slot, or, the topic being about a service of the card the follow-up does not change, none of it
 * (the new card's).
 */
export function offTopic(entry: Entry, question: string, context: TopicContext, strict = false): boolean {
  return offTopicOf(question, context)(entry, strict);
}

/** `offTopic` of one follow-up for many entries: what it names is read once, not once an entry (a topic's family). */
function offTopicOf(question: string, context: TopicContext): (entry: Entry, strict: boolean) => boolean {
  const named = namedSlots(fold(question), context);
  const slots: Slots = { ...topicSlots(context), ...named };
  const kept = named.service === undefined ? slots.service : undefined;
  return (entry, strict) => {
    const { about, answer } = facetsOf(entry);
    // An answer stating the value is about it too ("迁好以后，生活补贴、护理补贴要在新户口所在地申请").
    const states = (n: SlotName) => wordsOf(n, slots[n]!)!.test(answer);
    if (strict && kept && !about.get('service')?.has(kept) && !states('service')) return true;
    // Strict, any slot; else only what makes another topic outright (another service, another category):
    // the items are most of them implied by the entries' categories (the postage's card, the fee's appraisal).
    // An entry for a child as for some categories ("给孩子或智力、精神残疾的人办证") is a child's of any category.
    const child = slots.age !== undefined && (about.get('age')?.has(slots.age) ?? false);
    return (strict ? SLOT_NAMES : CONFLICTING).some((n) => slots[n] !== undefined && (about.get(n)?.size ?? 0) > 0 && !about.get(n)!.has(slots[n]!) && !states(n) && !(n === 'category' && child));
  };
}
const CONFLICTING: SlotName[] = ['service', 'category'];

/** The slot values a follow-up names that its topic did not have ("护理补贴怎么申请" after a renewal: 护理补贴). */
export function namedAnew(question: string, context: TopicContext): [SlotName, string][] {
  const known = topicSlots(context);
  // "那还要重新鉴定吗", "需要再做一次鉴定不" ask whether the topic's process needs one, not about the appraisal.
  const named = namedSlots(fold(question).replace(REAPPRAISAL, '重新').replace(APPRAISED_AGAIN, '重新'), context);
  return SLOT_NAMES.filter((n) => named[n] !== undefined && named[n] !== known[n]).map((n): [SlotName, string] => [n, named[n]!]);
}

/**
 * Whether an entry answers a follow-up as the reading found it, whatever the topic's entries hold:
 * it is about every slot value the follow-up names anew ("护理补贴怎么申请" after a renewal), or its own
 * question asks what the follow-up asks in words ("那得去哪检查": the category's hospital, where).
 */
export function answersAsAsked(entry: Entry, question: string, context: TopicContext): boolean {
  const anew = namedAnew(question, context);
  const asked = intentOf(question);
  return (anew.length > 0 && anew.every(([n, v]) => facetsOf(entry).about.get(n)?.has(v) ?? false)) || (asked !== undefined && facetsOf(entry).asked.has(asked));
}

/** One-character words that ask nothing of their own: "还得再去医院评" asks by 评 and 医院, not by 去. */
const FUNCTION_CHAR = /^[还得再去用要能会是有给领办交发做看到等多大小走后完不没上下来就都也又了的吗呢吧啊把被让跟和与在从对说想找问个那这啥咋谁几哪么我你他她俺您它月年天次回张份样些点里前先才该需咱呗嘛哦]$/u;

/** A sentence of an answer (see `sentencesOf`), and the same folded as the ranking folds it. */
export interface Sentence {
  text: string;
  folded: string;
}

/** A text's sentences, each with its closing mark. */
export const sentencesOf = (text: string): string[] => text.match(/[^。；！？]+[。；！？]?/gu) ?? [];

/**
 * How the answers' words are read for `heldInTopic`: folded, an entry's answer by its sentences, how rare, said by none;
 * and how the follow-up's own ranking orders entries.
 */
export interface HeldWords {
  folding: (text: string) => string;
  sentences: (entry: Entry) => Sentence[];
  rarity: (word: string) => number;
  nowhere: (word: string) => boolean;
  rank?: (entry: Entry) => number;
}

/** An appraisal again in people's words ("再去医院评一次", "再鉴定一回"): what the answers call 重新评定. */
const APPRAISED_AGAIN = /再(?:去医院|去|做)?(?:一[次回下])?(?:评定|鉴定|评残|评)(?:一[次回下])?/gu;

/** How many times or how long, which any answer may say ("第一次", "一年内"): 一次, 一回, 一年. */
const COUNTED = /^[一二两三四五六七八九十几多半每这那]+[个]?[次回趟遍下年月天周岁]$/u;

/**
 * The words a follow-up asks by, folded as the ranking folds them (鉴定 as 评定): its own words
 * (see `ownTerms`), one-character ones too (评, 退, 登), and the slot values it names anew
 * ("老家领的护理补贴" after a transfer); when it says nothing but the topic's words ("复核完了还不服呢"
 * after "对结果不服 复核去哪做"), those. Each weighs as rare as it is in the answers (`rarity`: 登报
 * says more than 医院), a one-character word half, a slot value named anew one.
 */
function askedBy(question: string, context: TopicContext, folding: (text: string) => string, rarity: (word: string) => number): { w: string; weight: number }[] {
  const topic = folding(context.query);
  // Without who asks ("来电人追问…"): a note's words are no part of what is asked.
  const rest = fold(withoutOpening(question)).replace(AWAY_SAID, '|').replace(APPRAISED_AGAIN, '重新评定').replace(ANY_SLOT_WORD, '|').replace(HOW_TO_DO, '|').replace(PREVIOUS_ASK, '|').replace(ASKED_FOR, '|');
  const words = tag(rest, false).filter((t) => t.tag !== PLACE_TAG).map((t) => folding(t.word));
  const content = [...new Set(words)].filter((w) =>
    /^\p{Script=Han}+$/u.test(w) && !FUNCTION_CHAR.test(w) && !COUNTED.test(w) && !COMMON.test(w) && w.replace(FILLER, '') !== '' && !intentOf(w) && !ASKS_NOTHING.test(w));
  const renamed = namedAnew(question, context).map(([, v]) => v);
  const own = [...content.filter((w) => !topic.includes(w)), ...renamed];
  return (own.length ? own : content).map((w) => ({ w, weight: renamed.includes(w) ? 1 : rarity(w) * ([...w].length > 1 ? 1 : 0.5) }));
}

/** A word saying "not" first ("不吃", "没吃"). */
const NEGATED_WORD = /^[不没]\p{Script=Han}/u;

/** What a follow-up asking how often asks by, as if a word (see `heldInTopic`). */
const OFTEN = '按期';
/** What a follow-up away and not coming back (see `AWAY`) asks by, as if a word. */
const NOT_IN_PERSON = '不来';

/**
 * Whether one meets the conditions, naming none ("俺咋知道自己够不够条件", "我符不符合": `QUALIFIES`): held by a sentence saying whom the
 * topic is for in the answer's own terms ("前者主要给低保家庭的残疾人"), as if a word.
 */
const SAYS_WHOM = /(?:发给|主要给|是给|只给|适用于|针对)[^。；]{0,40}?的[^。；，]{0,4}(?:残疾人|人|家庭|孩子|学生)/u;
const WHOM = '给谁';

/** A topic's entry that holds what a follow-up asks: the entry, how much of its words it holds, and the sentences that do. */
export interface Held {
  entry: Entry;
  /** The weight of the words it holds (see `askedBy`). */
  held: number;
  /** The sentences holding any of its words, when not all of the answer's. */
  sentences?: string;
  /** It holds every word the follow-up asks by. */
  whole?: true;
}

/**
 * Of a topic's entries (see `topicFamily`), those whose answer holds what a follow-up asks in words
 * ("要退吗" after a death's materials: its overpaid allowance; "寄丢了咋办" after the postage: the
 * card that never came), most words held first, then the topic's own, then as `rank` orders them;
 * none when the follow-up says a word no answer speaks of.
 */
export function heldInTopic(question: string, context: TopicContext, family: Entry[], { folding, sentences: answered, rarity, nowhere, rank = () => 0 }: HeldWords): Held[] {
  // A verb said negated that no answer says so ("不吃低保能领不": 不吃) asks by the verb.
  const own = askedBy(question, context, folding, rarity).map((a) =>
    NEGATED_WORD.test(a.w) && nowhere(a.w) ? { w: a.w.slice(1), weight: rarity(a.w.slice(1)) * ([...a.w].length > 2 ? 1 : 0.5) } : a);
  // A word no answer speaks of ("社保卡没激活咋办": 激活) is what none of them holds, whatever else they share.
  if (own.some((a) => [...a.w].length > 1 && nowhere(a.w))) return [];
  // How often ("多久发一次") is held by a sentence saying it in none of the question's words (`SAYS_OFTEN`).
  const away = fold(question).includes(AWAY_SAID) ? [{ w: NOT_IN_PERSON, weight: 1 }] : [];
  const asked = [...own, ...away, ...(HOW_OFTEN.test(facetText(question)) ? [{ w: OFTEN, weight: 1 }] : []), ...(QUALIFIES.test(facetText(question)) ? [{ w: WHOM, weight: 1 }] : [])];
  if (!asked.length) return [];
  const words = asked.map((a) => a.w);
  const weigh = (held: string[]) => asked.filter((a) => held.includes(a.w)).reduce((n, a) => n + a.weight, 0);
  const whole = weigh(words);
  const ids = [context.entryId, ...[...(context.earlier ?? [])].reverse().map((e) => e.entryId)];
  const order = (e: Entry) => (ids.includes(e.id) ? ids.length - ids.indexOf(e.id) : 0);
  const held = family.map((entry): Held => {
    const sentences = answered(entry).map(({ text: s, folded }) => {
      const holds = words.filter((w) => (w === OFTEN ? SAYS_OFTEN.test(s) : w === WHOM ? SAYS_WHOM.test(s) : w === NOT_IN_PERSON ? SAYS_NOT_IN_PERSON.test(s) : folded.includes(w)));
      return { s, holds, n: weigh(holds) };
    });
    const holding = sentences.filter((x) => x.n > 0);
    const all = weigh(words.filter((w) => sentences.some((x) => x.holds.includes(w))));
    return { entry, held: all, ...(all >= whole ? { whole: true as const } : {}), ...(holding.length < sentences.length ? { sentences: holding.map((x) => x.s).join('').replace(/；$/u, '。') } : {}) };
  });
  // How many ("照片要几张") is held only where a count is stated: "照片等材料拍清楚传上去就行" speaks of the photos, not how many.
  const count = COUNT_ASKED.test(fold(question));
  return held.filter((h) => h.held > 0 && (!count || statesCount(h.sentences ?? h.entry.answer, words, folding))).sort((a, b) => b.held - a.held || order(b.entry) - order(a.entry) || rank(b.entry) - rank(a.entry));
}

/** The slots saying whom a can-I asks of: a condition, a grade, a school. */
const QUALIFYING: SlotName[] = ['category', 'grade', 'school'];
/** A sentence ruling a value out ("不在这个范围，领不了护理补贴"), and one saying it only with a hedge ("一般领不了"). */
const RULES_OUT = /不在|不属于|不包括|领不了|办不了|不能|不可以|不予/u;
const HEDGED = /一般|可能|不一定|要看|为准|是否/u;
/** An answer saying its yes or no first ("能申请。", "可以申请，看情况。"): it answers what was asked already. */
const OPENS_YES_OR_NO = /^(?:能|可以|不能|不可以|一般不能|不一定|不用|不需要|会|不会)[^，。；]{0,4}[，。；]/u;

/** Of an answer's sentences, the first naming every condition, grade or school a (folded) question names: its ruling on them; -1 when none or nothing is named. */
function rulingOf(sentences: string[], folded: string): number {
  const named = extractSlots(folded);
  const values = QUALIFYING.filter((n) => named[n] !== undefined && named[n] !== MULTIPLE).map((n) => wordsOf(n, named[n]!)!);
  return values.length ? sentences.findIndex((s) => values.every((words) => words.test(facetText(s)))) : -1;
}

/** An answer with the sentence ruling on what a can-I names first, and its yes or no when that sentence says it plainly. */
export interface Verdict {
  answer: string;
  yes?: boolean;
  /** Asked whether the person qualifies ("追问是否符合"): the yes or no says 符合, as asked. */
  qualifies?: true;
}

/**
 * "三级的肢体残疾能领不" after who gets the care allowance, "那读大专呢" after whether a junior-school pupil
 * gets the grant: whether the condition, grade or school named qualifies, which an eligibility answer says
 * in one sentence among its rules. That sentence goes first, as a hotline agent answers what was asked
 * before the rules; with its yes or no unless hedged. Undefined when nothing of the kind is asked, or no
 * sentence names all it names.
 */
export function verdictFirst(entry: Entry, question: string, context?: TopicContext): Verdict | undefined {
  if (!facetsOf(entry).asked.has('eligible') || OPENS_YES_OR_NO.test(entry.answer)) return undefined;
  const folded = fold(question);
  const qualifies = QUALIFIES.test(folded);
  const asks = asksCanI(question) || qualifies || (context?.intent === 'eligible' && ASKS_NOTHING.test(remainder(folded)));
  if (!asks) return undefined;
  const sentences = entry.answer.match(/[^。；！？]+[。；！？]?/gu) ?? [];
  const ruling = rulingOf(sentences, folded);
  if (ruling < 0) return undefined;
  const first = sentences[ruling].replace(/[；，]$/u, '。');
  const answer = [first, ...sentences.filter((_, i) => i !== ruling)].join('').replace(/；$/u, '。');
  const said = sentences[ruling];
  return HEDGED.test(said) ? { answer } : { answer, yes: !RULES_OUT.test(said), ...(qualifies ? { qualifies: true as const } : {}) };
}
