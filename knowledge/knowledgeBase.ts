import { DISABILITY_CATEGORIES, type Region } from '../data/region.js';
import { answerTo, asksCanI } from './canAsk.js';
import { ON_ASSISTANCE } from './assistanceStatus.js';
import { asksHowTold, ChaseGate, howToldAsked, moneyLate, saysApplied, saysOfWhatTold } from './chaseUp.js';
import type { ConfidenceFeatures } from './confidence.js';
import { TextAnalyzer } from './features.js';
import { heldInTopic, nextTopic, ofTopicFamily, readInContext, RECALL_TURNS, sentencesOf, topicFamily, type Held, type Sentence, type Reading, type TopicContext } from './followUp.js';
import { loadKnowledge, type Entry } from './loader.js';
import { ErrandGate } from './errands.js';
import { homeNames, OtherPlaceGate } from './otherPlace.js';
import { asksOfInjury, DEFAULT_RANKING, Ranker, type Decision, type RankingOptions } from './ranking.js';
import { asChild, askedBesidesCondition, asksWhereAppraised, conditionWords, extractSlots, facetsOf, facetText, intentOf, intentsIn, isPart, ofSubsidies, ofSubsidy, servesAsked, tellsWhereAppraised, topicItem, withoutAge, withoutCondition, wordsOf, YEARS_LASTED, type Intent } from './questionFacets.js';
import { asksSomething, questionParts, soleQuestion, withoutSaid } from './runOn.js';
import { normalizeText } from './normalize.js';
import { withoutThanks } from './preamble.js';
import { RecentlyUsed } from './recentlyUsed.js';
import type { SynonymGroup } from './synonyms.js';

/** Longest question text that is ranked; a longer message is cut (the chat asks for brevity). */
export const MAX_QUERY_CHARS = 200;
/** Answer sentences kept folded: every sentence of a few topics' entries (242 entries, a few sentences each). */
const FOLDED_TEXTS = 2048;
/** "跑几回", "要跑几趟", "得去几次": how many trips it takes (at most one), in the words the entries use. */
const TRIPS = /(?:跑|去|来)(?:几|多少)(?:回|趟|次)/gu;
const TRIPS_ASKED = '跑几趟，是不是最多跑一次';
/** Whether one still has to go once applied online ("网上把申请交了以后还用去现场吗"): a trip, not withdrawing it. */
const STILL_GO = /还(?:用|要|得|需要)再?(?:去|跑|来)(?:一趟|一次|一回)?(?:现场|窗口|大厅)?/u;
// Said online, the application is what was done; the trip is asked whatever the channel.
const ONLINE = new RegExp(wordsOf('channel', '网上')!.source, 'gu');
/** What else to bring, some documents named ("带了身份证和户口本就够了吧还要别的不", "都带了 还差啥不"): the materials list. */
const MORE_TO_BRING = /还(?:要|用|得|需要)?(?:带|拿)?(?:点|些)?(?:别的|其他|其它|啥|什么|哪些)(?:东西|材料)?(?:不|吗|没)?|还(?:缺|差)(?:点|些)?(?:啥|什么|东西)(?:不|吗|没)?/u;
const DOCUMENT = /身份证|户口本|户口簿|照片|相片|证明|病历/u;
// Asked whether they are enough ("就够了吧", "行不行"), not whether one is needed ("是不是要身份证": a question of its own).
const ENOUGH = /够|行不行|行吗|行不|可以吗|就行/u;
// The same asked of what is brought alone ("光带身份证行不行", "只拿户口本够不够"): what else the list holds.
const ENOUGH_ASKED = /就?(?:够不够|够了?|行不行|行吗|行不|可以吗|就行)了?(?:吗|吧|不|没)?/u;
const BROUGHT = /带|拿|交/u;
// 拿 of a tool the document is made with ("照片拿手机拍行不行") brings nothing: whether that will do is its own question.
const MADE_WITH = /拿(?:手机|相机|电脑|平板)\p{Script=Han}{0,2}?(?:拍|照|录|填|写|打印)/gu;
const ONLY_BROUGHT = /(?:光|只|就|单)(?:带|拿|交)/u;
// The ID card itself applied for, renewed or lost ("办身份证光带户口本行不行"): the police's, not our list.
const ID_CARD_ITSELF = /(?:办|补|换|申领|领|开)(?:个|张|一张)?(?:临时)?身份证|身份证(?:丢|掉|过期|到期|坏|消磁)/u;
/** The day money is paid ("每月几号", "哪天打卡上"), of an allowance: asked in the entries' words. */
const PAY_DAY = /每个?月的?(?:几号|哪天|哪一天|啥时候|什么时候)(?:发钱|发|到账|打钱|打卡上|打卡|到卡上|到卡)?|(?:几号|哪天|哪一天)(?:发钱|发|到账|打钱|打卡上|打卡|到卡上|到卡)/u;
const PAID = /补贴|补助|护理费|生活费|钱/u;
const PAY_DAY_ASKED = '每个月几号到账';
/** How many or which things can be done at once ("到底能办几样", "能一起办哪几项"), no thing named after it: the bundle's items, in the wordings' words. */
const ITEMS_ASKED = /办(?:几|哪几|多少|哪些)(?:样|项|件|类|种)(?:事情|事项|事)?(?!\p{Script=Han}{0,2}(?:补贴|补助|材料|证|手续))/u;
const ITEMS_ASKED_AS = '办哪几件事';
const MATERIALS_SET = /材料/u;
/** A difference asked ("有啥不一样", "区别在哪", "有什么不同", "差在哪"). */
const DIFFERENCE = /不一样|不同|区别|差别|差在哪|一样吗|一样不/u;
/** The two allowances, named both or together ("两项补贴"). */
const LIVING = /生活补[贴助]|生活费/u;
const CARE = /护理补[贴助]|护理费/u;
const BOTH_ALLOWANCES = /两项补[贴助]|两个补[贴助]|两样补[贴助]|两补/u;
/** Their difference is what each is for: asked in the wordings' words. */
const ALLOWANCES_DIFFER_ASKED = '两项补贴分别是什么';
/** Money late asked as when it starts (the entries' words): its answer says whom to ask when it has not come. */
const LATE_ASKED = '证下来了补贴多久到账，过了时间还没到账找谁';
/**
 * A card called 证 alone, said first or after whose it is ("证被小偷摸走了", "我的证在公交车上丢了", "俺的证咋弄"):
 * ours, as the wordings call it 残疾证 (another office's card names itself: 老年证, 驾驶证).
 */
const BARE_CERTIFICATE = /(^|[^\p{Script=Han}]|[的这那个俺我他她咱])证(?![明件书据照])/u;
const OUR_CARD = /残疾人?证|残证/u;
/** Where our card was lost ("在公交车上丢了", "在医院叫人偷了"): the scene, not what is asked (the wordings say "丢了"). */
const LOST_WHERE = /在[^\s\p{P}]{1,8}?(?=(?:被|让|叫)?[^\s\p{P}]{0,3}?(?:丢|掉|偷|摸走|不见|找不着|找不到))/u;
/** A question ending in 不 ("卫生院能鉴定不", "能补不"): asked as 吗 (the wordings' 评定不 is 评定不合格's). */
const ASKING_NOT = /(?<=\p{Script=Han})不(?=[\s\p{P}]*$)/u;
/**
 * A question in the wordings' words, tried where the words as said answer and offer nothing: our card
 * named, where it was lost left out; then a final 不 asked as 吗 too.
 */
const inWordingsWords = (text: string): string[] => {
  const named = text.replace(BARE_CERTIFICATE, '$1残疾证');
  const card = OUR_CARD.test(named) ? named.replace(LOST_WHERE, '') : named;
  return [...new Set([card, card.replace(ASKING_NOT, '吗')])].filter((t) => t !== text);
};
/**
 * Which app to use ("网上申请残疾证要用哪个APP", "得下载啥软件"): asked as the wordings ask it, "用哪个软件" (App
 * itself folds onto 网上, and "要…" beside "网上申请残疾证" is the online materials list's question).
 */
const WHICH_APP = /(?:要|得|需要)?(?:用|下载?|装)?(?:哪个|哪款|什么|啥)(?:app|软件|应用)/u;
/** Whether something is paid for, asked ("有补助没", "能报销不"). */
const BARE_SUBSIDY = /补贴|补助|津贴|报销|免费/u;
const bringsMore = (text: string) =>
  DOCUMENT.test(text) && !ID_CARD_ITSELF.test(text) && (MORE_TO_BRING.test(text) || (BROUGHT.test(text.replace(MADE_WITH, '')) && ENOUGH.test(text)));
const HOSPITAL = /医院/u;
/** What makes a question ours once that is taken out: our subject, a subsidy. */
const OURS_BESIDES = /残|补贴|补助/u;
/** Something of ours named, beyond the person ("残疾人能报吗" names only who asks): the card, the appraisal, a subsidy. */
const OURS_NAMED = /残疾人?证|残证|评定|鉴定|评残|补贴|补助|津贴/u;
const OURS_NAMED_ALL = new RegExp(OURS_NAMED.source, 'gu');
/** The appraisal or its grade asked in other words ("评个残疾", "能评几级"): ours beside a thing the person has. */
const APPRAISAL_ASKED = /评(?:个|上|得上)?残|几级|等级/u;
// Our own subject named: what else a question names is its scene.
const OUR_SUBJECT = /残/u;
/** A category's entry ranked this close to another's: the ranking guesses which the person meant. */
const TORN_SHARE = 0.8;
/** How deep the entry for every category is looked for, and how well it must fit against the guess. */
const CATEGORY_DEPTH = 10;
const GENERAL_SHARE = 0.6;
/** A service's entry fits a question asking of it at least this well against the best one (see `askedOfService`). */
const SERVICE_SHARE = 0.5;
/** A message's one question offered as a choice fits its first option at least this well (see `decide`). */
const SOLE_OFFER = 0.3;
/** An entry saying what a disability category is ("视力残疾是指什么"). */
const definesCategory = (entry: Entry): boolean => {
  const { about, asked } = facetsOf(entry);
  return about.has('category') && asked.has('what');
};
/** How grades are set, asked ("怎么分级的", "分几个等级", "等级按什么分", "咋定级"). */
const GRADING_ASKED = /分级|分几级|分几个?等级|几个等级|等级.{0,3}(?:怎么|咋|按|如何|标准)|(?:怎么|咋|如何)(?:定|评|分)的?级/u;
/** An entry's question on the grades. */
const GRADES = /等级|分级/u;
/** A category named as such ("多重残疾", "智力残疾"), not a condition described. */
const NAMES_CATEGORY = new RegExp(`(?:${DISABILITY_CATEGORIES.join('|')})残疾`, 'u');
/** Whether one can apply, for the card or its appraisal ("能办吗", "可以评残不"). */
const ASKS_TO_APPLY = /(?:能|可以)(?:不能|不可以)?(?:办|申请|评|鉴定)/u;
/** Saying what one cannot do. */
const NEGATED = /不能|不可以|不可/u;
/** An A-not-A question ("能不能领", "能否办", "可不可以") and the rest of its clause. */
const A_NOT_A = /(能不能|能否|可不可以)([^，,。；;！!？?\s]*)/u;
/** An A-not-A question asked as a yes or no ("护理补贴能不能领" -> "护理补贴能领吗"); undefined when it has none, or says 不能 besides. */
const yesNoAsked = (text: string): string | undefined => {
  const asked = text.replace(A_NOT_A, (_, ask: string, rest: string) => `${ask === '可不可以' ? '可以' : '能'}${rest}吗`);
  return asked === text || NEGATED.test(asked) ? undefined : asked;
};
/** A suggestion scoring under this fits by a shared character, not by its topic. */
const NOISE_SCORE = 0.05;

export interface Suggestion {
  id: string;
  question: string;
  answer: string;
  score: number;
  source: string;
}

export interface SuggestResult {
  query: string;
  answered: boolean;
  /** True when the query was read as a follow-up to the previous question of the call. */
  followUp: boolean;
  suggestions: Suggestion[];
}

/** The loaded knowledge base: entries by id, the ranking, and the decisions on top. */
export class KnowledgeBase {
  private readonly byId: Map<string, Entry>;
  private readonly places: OtherPlaceGate;
  private readonly errands: ErrandGate;
  private readonly chases: ChaseGate;
  /** How long `fromEntries` took (wall ms): what the server's start spends training, printed at start-up. */
  builtInMs = 0;

  constructor(
    readonly entries: Entry[],
    private readonly ranker: Ranker,
    private readonly analyzer: TextAnalyzer,
    home: string[] = [],
  ) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
    this.places = new OtherPlaceGate(entries, home);
    this.errands = new ErrandGate(entries);
    this.chases = new ChaseGate(entries);
  }

  static load(dir: string, region: Region, options: RankingOptions = DEFAULT_RANKING): KnowledgeBase {
    const { entries, synonyms } = loadKnowledge(dir, region);
    return KnowledgeBase.fromEntries(entries, synonyms, options, homeNames(region));
  }

  /**
   * Builds the ranking (trains the linear model) from the entries' own wordings. `home`: the
   * region's place names, which a question may name and still be ours.
   */
  static fromEntries(entries: Entry[], synonyms: SynonymGroup[], options = DEFAULT_RANKING, home: string[] = []): KnowledgeBase {
    const started = performance.now();
    const analyzer = new TextAnalyzer(synonyms);
    const ranker = new Ranker(entries, analyzer, options);
    const kb = new KnowledgeBase(entries, ranker, analyzer, home);
    // The knowledge base's own gates were built while a worker trained the linear model.
    ranker.ready();
    kb.builtInMs = performance.now() - started;
    return kb;
  }

  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /**
   * What the bot does with a question; one about another place's rules ("北京的残疾证在哪办") or
   * an errand it cannot run ("帮我给残联打个电话") is declined, an application chased as nobody
   * followed it up ("上门鉴定申请半个月没人联系") gets how to check its progress.
   */
  decide(query: string, top = 3): Decision {
    const decided = this.decideQuestion(query, top);
    // The 不能 of an A-not-A question ("护理补贴能不能领") is no negation: an answer saying what one
    // cannot do ("哪些情况不能领…") is not what it asks, unless asked so as "能领吗" too.
    const asked = decided.kind === 'answer' && NEGATED.test(decided.top.entry.question) ? yesNoAsked(query) : undefined;
    const again = asked === undefined ? undefined : this.decideQuestion(asked, top);
    return again?.kind === 'answer' ? again : decided;
  }

  private decideQuestion(query: string, top: number): Decision {
    const text = query.slice(0, MAX_QUERY_CHARS);
    // Read as asked (`asAsked`) when that answers and is no guess (the words as said may answer
    // better: "补材料要跑几回" is the missing material's), or finds something where they do not answer.
    const reading = this.asAsked(text);
    const read = reading && this.decideText(reading.text, top);
    if (read?.kind === 'answer' && reading?.sure && !reading.late) return read;
    const said = this.decideText(text, top);
    // Another office's money late is theirs ("种地的补贴咋还没打卡上": not our subsidies' late money).
    if (read?.kind === 'answer' && reading?.late) return said.kind === 'decline' ? said : read;
    const decided = read && said.kind !== 'answer' && read.kind !== 'none' ? read : said;
    if (decided.kind === 'answer' || decided.kind === 'clarify') return decided;
    // Said as it is, the question may be answered or offered ("证办下来了在哪领" is the delivery's): the wordings' words only where not.
    for (const worded of inWordingsWords(text)) {
      const again = this.decideText(worded, top);
      const first = again.kind === 'answer' ? again.top : again.kind === 'clarify' ? again.options[0] : undefined;
      // One of our answers: not small talk a bare "我这样的能办吗" brushes against.
      if (first?.entry.kind === 'answer') return again;
    }
    return decided;
  }

  private decideText(text: string, top: number): Decision {
    const said = this.decideSaid(text, top);
    // How old the person is, and for how many years the condition has lasted, set the scene
    // ("俺爹八十多了耳朵聋的厉害 能领啥补贴", "我眼睛瞎了十来年了 护理补贴能领吗"): a question not
    // answered as said is decided without them, and taken when that answers with an entry it ranked.
    const ageless = said.kind === 'none' || said.kind === 'clarify' ? withoutAge(text).replace(YEARS_LASTED, '') : text;
    const alone = ageless === text ? undefined : this.decideSaid(ageless, top);
    // Answered without them, or, where nothing was found, asked which was meant; not when that is
    // something else than asked ("我耳朵聋了好几年了 能领啥": the subsidies, not what hearing disability is).
    const asked = askedBesidesCondition(text);
    const found = alone?.kind === 'answer' ? alone.top : alone?.kind === 'clarify' && said.kind === 'none' ? alone.options[0] : undefined;
    const decided = alone && found && said.ranked.some((r) => r.entry === found.entry) && (!asked || servesAsked(found.entry, asked)) ? alone : said;
    if (decided.kind !== 'none' || decided.ranked.some((r) => r.entry.kind === 'decline')) return decided;
    // Nothing else found: the one question said amid the scene ("俺奶奶快九十了 耳朵啥也听不见 有啥钱能领"),
    // asking which was meant, when it fits one the whole ranked among its best, and fits it as a
    // question ("这是咋回事嘛" shares a word or two with anything) rather than 答不上来.
    const sole = this.soleQuestion(text, top);
    const offered = sole?.kind === 'clarify' ? sole.options[0] : sole?.kind === 'answer' ? sole.top : undefined;
    if (!sole || !offered || offered.score < SOLE_OFFER || !decided.ranked.some((r) => r.entry === offered.entry)) return decided;
    // Clear alone, it is still offered, not answered: the scene around it may change what was meant.
    return sole.kind === 'answer' ? { kind: 'clarify', options: [offered], ranked: sole.ranked } : sole;
  }

  /**
   * A question as the knowledge base reads it: a child's age as the child (`asChild`); how many trips
   * in the entries' words, asked of the errand whatever the condition ("要跑几趟啊 我腿不好"), and
   * whether one still goes after applying online as the trip it is; what else to bring beside the
   * documents said, or whether they are enough, as the materials asked for; money not yet come as when it starts;
   * how updates come as whether each step is told; the two allowances' difference as what each is; the day money
   * is paid, and how many things can be done, in the entries' words;
   * which app, as the wordings ask it.
   */
  private asAsked(text: string): { text: string; sure: boolean; late?: boolean } | undefined {
    const child = asChild(text);
    if (child !== text) return { text: child, sure: true };
    TRIPS.lastIndex = 0;
    if (TRIPS.test(text)) return { text: withoutCondition(text.replace(TRIPS, TRIPS_ASKED)), sure: false };
    if (moneyLate(text)) return { text: LATE_ASKED, sure: true, late: true };
    if (DIFFERENCE.test(text) && ((LIVING.test(text) && CARE.test(text)) || BOTH_ALLOWANCES.test(text))) return { text: ALLOWANCES_DIFFER_ASKED, sure: true };
    if (PAY_DAY.test(text) && PAID.test(text)) return { text: text.replace(PAY_DAY, PAY_DAY_ASKED), sure: true };
    // Not of a reference plan's place ("平原县…能一起办几项业务": its own list), nor of one set of materials (what it serves).
    if (ITEMS_ASKED.test(text) && !extractSlots(text).place && !MATERIALS_SET.test(text)) return { text: text.replace(ITEMS_ASKED, ITEMS_ASKED_AS), sure: true };
    // Not of the hospital or the appraisal ("医院咋通知俺啥时候去鉴定"): their own answers say how its time is told.
    if (asksHowTold(text) && saysOfWhatTold(text) && extractSlots(text).item !== '评定' && !HOSPITAL.test(text)) return { text: howToldAsked(text), sure: true };
    const simplified = normalizeText(text);
    if (WHICH_APP.test(simplified)) return { text: simplified.replace(WHICH_APP, '用哪个软件'), sure: true };
    if (extractSlots(text).channel === '网上' && saysApplied(text) && STILL_GO.test(text)) return { text: text.replace(STILL_GO, '还得跑一趟').replace(ONLINE, ''), sure: true };
    if (!bringsMore(text)) return undefined;
    if (MORE_TO_BRING.test(text)) return { text: text.replace(MORE_TO_BRING, '还要带什么材料'), sure: false };
    // Only that brought ("光拿户口本够不够") asks of the list, not of the document ("户口本不在身边").
    return { text: text.replace(ENOUGH_ASKED, '还要带什么材料'), sure: ONLY_BROUGHT.test(text) };
  }

  private decideSaid(text: string, top: number): Decision {
    const whole = this.categoryHospital(text, this.unguessedCategory(text, this.chases.review(text, this.errands.review(text, this.places.review(text, this.ranker.decide(text, top)))), top), top);
    // Being on 低保 is who the person is, not what is asked ("我是低保户 腿脚不好 能领啥钱" asks which
    // subsidies): the question is decided without it, when what is left is ours (a condition, a subsidy).
    const withoutStatus = whole.kind === 'decline' ? text.replace(ON_ASSISTANCE, '') : text;
    if (withoutStatus !== text && (OURS_BESIDES.test(withoutStatus) || askedBesidesCondition(withoutStatus))) {
      const rest = this.decideSaid(withoutStatus, top);
      if (rest.kind === 'answer' || rest.kind === 'clarify') return rest;
    }
    if (whole.kind === 'answer' || whole.kind === 'clarify') return this.askedOfService(text, whole, top) ?? this.gradesAsked(text, whole, top) ?? this.askedOfItem(text, whole, top) ?? this.askedBesideDefinition(text, whole, top) ?? this.soleOffered(text, whole, top) ?? whole;
    const beside = whole.kind === 'decline' ? this.askedBesideObject(text, whole.top.entry, top) : undefined;
    if (beside) return beside;
    if (whole.kind !== 'none' || whole.ranked.some((r) => r.entry.kind === 'decline')) return whole;
    const ofItem = this.askedOfItem(text, whole, top);
    if (ofItem) return ofItem;
    // A long spoken message whose one question is buried under what was said around it (every
    // entry scores low on the whole): the question alone, when it clearly answers with the entry
    // the whole ranked first ("这是咋回事嘛" alone is about anything).
    // Or the entry it answers serves what the whole asks beside the condition, and the whole ranked it ("俺娘瘫床上了 办证要钱不": the fee).
    const alone = this.soleQuestion(text, top);
    const asked = askedBesidesCondition(text);
    const serves = (entry: Entry) => asked !== undefined && servesAsked(entry, asked) && whole.ranked.some((r) => r.entry === entry);
    return alone && alone.kind === 'answer' && (alone.top.entry.id === whole.ranked[0]?.entry.id || serves(alone.top.entry)) ? alone : whole;
  }

  /**
   * What to bring, how long, how much or where, asked of a service for the card ("换个新证要带啥": the
   * renewal's list, with the old card): the entry for that service with that part, when the best one is
   * neither about that service nor speaks of it (a first application's list), and the service's fits
   * the question well enough against it.
   */
  private askedOfService(text: string, whole: Decision, top: number): Decision | undefined {
    const { service } = extractSlots(text);
    const intent = intentOf(text);
    const best = whole.kind === 'answer' ? whole.top : whole.kind === 'clarify' ? whole.options[0] : undefined;
    if (!service || !intent || !isPart(intent) || !best) return undefined;
    const { about, answer } = facetsOf(best.entry);
    if (about.get('service')?.has(service) || wordsOf('service', service)!.test(answer)) return undefined;
    const ranked = this.ranker.decide(text, CATEGORY_DEPTH).ranked;
    const own = ranked.find((r) => facetsOf(r.entry).about.get('service')?.has(service) && r.entry.parts?.[intent] !== undefined);
    if (!own || own.score < SERVICE_SHARE * best.score) return undefined;
    return { kind: 'answer', top: own, ranked: [own, ...ranked.filter((r) => r !== own)].slice(0, top) };
  }

  /**
   * How a category is graded ("听力残疾是怎么分级的", "肢体残疾的等级按什么分"): the grades' entry of the
   * same topic, not what the category is, when the definition's own question asks nothing of grades
   * ("多重残疾是什么意思，等级怎么定" does) and the grades' entry fits well enough against it.
   */
  private gradesAsked(text: string, whole: Decision, top: number): Decision | undefined {
    const best = whole.kind === 'answer' ? whole.top : whole.kind === 'clarify' ? whole.options[0] : undefined;
    if (!best || !definesCategory(best.entry) || !GRADING_ASKED.test(facetText(text)) || GRADES.test(best.entry.question)) return undefined;
    const ranked = this.ranker.decide(text, CATEGORY_DEPTH).ranked;
    const grades = ranked.find((r) => r.entry.category === best.entry.category && !definesCategory(r.entry) && GRADES.test(r.entry.question));
    if (!grades || grades.score < GENERAL_SHARE * best.score) return undefined;
    return { kind: 'answer', top: grades, ranked: [grades, ...ranked.filter((r) => r !== grades)].slice(0, top) };
  }

  /**
   * A decline needs its object to be what is asked: said in a clause that asks nothing ("她自己有身份证",
   * "还有高龄补贴") beside a question naming ours ("办证谁来申请", "能同时领护理补贴吗"), it sets the scene.
   * The question without that clause (its condition kept) is decided instead, and taken when it answers or
   * offers; found nothing, it is left unanswered, not refused. A question naming nothing of ours asks of
   * the object ("身份证快过期了 去哪换", "我医保卡丢了 咋补").
   */
  private askedBesideObject(text: string, decline: Entry, top: number): Decision | undefined {
    const objects = (decline.about ?? []).map((o) => this.analyzer.analyze(o).folded).filter((o) => o);
    const names = (c: string) => objects.some((o) => this.analyzer.analyze(c).folded.includes(o));
    // A subsidy asked of nothing it names ("戴助听器 有补助没"): of the object said before it, not of ours.
    const asked = soleQuestion(text);
    if (asked && !names(asked) && BARE_SUBSIDY.test(asked) && !OUR_SUBJECT.test(asked) && extractSlots(asked).item === undefined) return undefined;
    const said = objects.length ? withoutSaid(text, names) : undefined;
    // Ours named outright, not an item read off a loose word ("怎么护理" of a bedsore is no care allowance).
    const namesOurs = said !== undefined && (OURS_NAMED.test(said) || APPRAISAL_ASKED.test(said));
    if (said === undefined || asksOfInjury(text) || !(namesOurs || extractSlots(said).item !== undefined)) return undefined;
    // The condition said with the object stays the scene ("俺截肢了装了假肢": the amputee, not the prosthesis).
    const rest = extractSlots(said).category ? said : [conditionWords(text), said].filter(Boolean).join('，');
    // The object's own service asked on ("身份证快过期了，换证要带照片吗": the ID card's renewal), unless ours is named.
    const objectSaid = said.split('，').reduce((t, clause) => t.replace(clause, ''), text);
    const service = extractSlots(said).service;
    if (service !== undefined && service === extractSlots(objectSaid).service && !OUR_SUBJECT.test(said)) return undefined;
    // So is what the object's clause says of the object itself ("要做伤残等级鉴定…去哪鉴定": that appraisal).
    const scene = this.analyzer.analyze(objectSaid).folded;
    const ours = [...this.analyzer.analyze(said).folded.matchAll(OURS_NAMED_ALL)].map(([w]) => w);
    if (ours.length && !OUR_SUBJECT.test(said) && ours.every((w) => objects.some((o) => scene.includes(o + w) || o.endsWith(w)))) return undefined;
    const alone = this.decideSaid(rest, top);
    if (alone.kind === 'answer') return alone;
    // Not answered, the other words said around it set the scene too: the condition and the one clause that asks
    // ("俺截肢了装了假肢 走道跟好人差不多 还能评残不": whether an amputee is appraised, not whether one walks).
    const question = soleQuestion(said);
    const condition = conditionWords(text);
    const sole = question === undefined ? undefined : this.decideSaid(condition ? `${condition}，${question}` : question, top);
    if (sole?.kind === 'answer') return sole;
    if (alone.kind === 'clarify') return alone;
    if (sole?.kind === 'clarify') return sole;
    // Found nothing, it still asks of ours named, not of the object: no refusal.
    return namesOurs ? { kind: 'none', ranked: alone.ranked } : undefined;
  }

  /**
   * A question naming no category ("去哪鉴定", "医院在哪") is not answered with one category's
   * entry when the ranking is torn between categories: the entry of the same topic for all of them
   * is, if one fits ("残疾评定要去哪家医院做"), else the person is asked which was meant.
   */
  private unguessedCategory(text: string, decision: Decision, top: number): Decision {
    if (decision.kind !== 'answer' || extractSlots(text).category) return decision;
    const categoryOf = (entry: Entry) => {
      const named = facetsOf(entry).about.get('category');
      return named?.size === 1 ? [...named][0] : undefined;
    };
    const guessed = categoryOf(decision.top.entry);
    if (!guessed) return decision;
    const { score } = decision.top;
    const torn = decision.ranked.some((r) => r.score >= TORN_SHARE * score && categoryOf(r.entry) && categoryOf(r.entry) !== guessed);
    if (!torn) return decision;
    const deeper = this.ranker.decide(text, CATEGORY_DEPTH).ranked;
    const general = deeper.find((r) => r.entry.category === decision.top.entry.category && !categoryOf(r.entry) && r.score >= GENERAL_SHARE * score);
    if (general) return { kind: 'answer', top: general, ranked: [general, ...decision.ranked.filter((r) => r.entry !== general.entry)].slice(0, top) };
    return { kind: 'clarify', options: decision.ranked.slice(0, top), ranked: decision.ranked };
  }

  /**
   * Where to be appraised, asked with the condition described ("俺爹中风了走不了路…要去哪个医院",
   * "我妈眼睛看不见了 想办个残疾证 要去哪个医院查"), is that category's hospital: the words of the
   * condition or of applying draw home appraisal or the how-to, which do not say where. Not when an
   * answer was found for something else it asks ("…能不能让医生上门 去哪个医院约": the home appraisal),
   * nor another item's answer that may say it (the autistic child's certificate names its hospital).
   */
  private categoryHospital(text: string, decision: Decision, top: number): Decision {
    if (decision.kind === 'decline' || !asksWhereAppraised(text)) return decision;
    if (decision.kind === 'answer') {
      const { entry } = decision.top;
      // Kept: a category's hospital, another item's answer, one asked what else the text asks ("能不能让医生上门");
      // not an appraisal's answer drawn by the condition's words alone, nor the hospitals of every category.
      const asked = new Set<Intent>(intentsIn(text).filter((i) => i !== 'where'));
      if (tellsWhereAppraised(entry) || topicItem(entry) !== '评定' || [...facetsOf(entry).asked].some((i) => asked.has(i))) return decision;
    }
    const category = extractSlots(text).category;
    if (!category) return decision;
    const ranked = this.ranker.decide(text, CATEGORY_DEPTH).ranked;
    const hospital = ranked.find((r) => tellsWhereAppraised(r.entry) && facetsOf(r.entry).about.get('category')!.has(category));
    if (!hospital) return decision;
    return { kind: 'answer', top: hospital, ranked: [hospital, ...ranked.filter((r) => r !== hospital)].slice(0, top) };
  }

  /**
   * A long spoken message offering first the entry its one question clearly answers ("我那个鉴定上礼拜做完了嘛
   * 然后就一直等 到底还要等多久才能拿到证啊"): the scene around the question lowered its score, not what it asks.
   */
  private soleOffered(text: string, whole: Decision, top: number): Decision | undefined {
    // The question as said names what it asks of: "在哪办" beside "孩子上学要残疾证" asks of the scene (the item carried to it).
    if (whole.kind !== 'clarify') return undefined;
    const asked = soleQuestion(text);
    if (!asked || !text.includes(asked) || extractSlots(asked).item === undefined) return undefined;
    const alone = this.soleQuestion(text, top);
    return alone?.kind === 'answer' && alone.top.entry === whole.options[0].entry ? alone : undefined;
  }

  /** The one clause of a message that asks, decided alone (see `soleQuestion`). */
  private soleQuestion(text: string, top: number): Decision | undefined {
    const asked = soleQuestion(text);
    return asked ? this.places.review(asked, this.ranker.decide(asked, top)) : undefined;
  }

  /**
   * The person's condition sets the scene; what is asked decides the entry: "眼睛看不清了
   * 办残疾证要多久" is how long a certificate takes, not what vision disability is. When the
   * best entry for the whole does not answer what is asked (how long, how much, where, what to
   * bring) of the item named, the question without the condition's words is decided, and taken
   * when its best entry does; so is a question not answered by itself, when that answers it
   * ("他耳朵背得厉害 有什么补贴": which subsidies, not what hearing disability is).
   */
  private askedOfItem(text: string, whole: Decision, top: number): Decision | undefined {
    const asked = askedBesidesCondition(text);
    const best = whole.kind === 'answer' ? whole.top : whole.kind === 'clarify' ? whole.options[0] : undefined;
    const served = best !== undefined && servesAsked(best.entry, asked ?? { item: '' });
    // Not answered at all: only a subsidy's question is read without the condition ("…能不能办个残疾证补贴能领多少" asks two things).
    if (!asked || (whole.kind === 'answer' && served) || (!best && !ofSubsidy(asked))) return undefined;
    // Without the condition's words, else the one clause that asks ("俺爹眼睛瞎了 办证要钱不": what is left of the condition's clause still draws).
    // Asked of the subsidies, the condition says the person is disabled, unless that is said ("腿有残疾"): "我耳朵聋了 能领啥"
    // is what a disabled person gets; how long it has lasted is the condition's too ("好几年了" drew the care allowance).
    const disabled = ofSubsidies(asked) && !/残/.test(text) ? '残疾人' : '';
    // The clause alone only for the certificate: a subsidy's clause loses who it is for ("…考上高中了 有没有啥补贴").
    for (const rest of [withoutCondition(text, disabled).replace(YEARS_LASTED, ''), ofSubsidy(asked) ? undefined : soleQuestion(text)]) {
      if (!rest) continue;
      const alone = this.places.review(rest, this.ranker.decide(rest, top));
      const first = alone.kind === 'answer' ? alone.top : alone.kind === 'clarify' ? alone.options[0] : undefined;
      if (!first || first.entry.kind !== 'answer' || !servesAsked(first.entry, asked)) continue;
      // Asked which was meant, or not answered, where the best entry serves what is asked: only a clear answer is better.
      return served || !best ? (alone.kind === 'answer' ? alone : undefined) : alone;
    }
    return undefined;
  }

  /**
   * A condition described, and something asked of no item of ours ("俺眼睛不好使 字看不清 能不能发语音",
   * "孩子三岁 脑瘫 能申请啥"): the category's words draw it to what that category is, which it does
   * not ask. The question without the condition's words is decided instead, and taken when it
   * answers or offers an entry the whole ranked too.
   */
  private askedBesideDefinition(text: string, whole: Decision, top: number): Decision | undefined {
    const best = whole.kind === 'answer' ? whole.top : whole.kind === 'clarify' ? whole.options[0] : undefined;
    // "多重残疾等级怎么定" names the category itself: asked of it, not of the person's condition.
    // Nor a question the definition's own asks too ("我又聋又瘸 等级咋定": how the multiple's grade is set).
    // Nor whether one can apply ("傻子也能办吗 我家孩子智力不行"): the category's 能申请 answers that.
    const intent = intentOf(text);
    if (!best || !definesCategory(best.entry) || (intent && facetsOf(best.entry).asked.has(intent)) || NAMES_CATEGORY.test(text)) return undefined;
    if (asksCanI(text) && ASKS_TO_APPLY.test(text)) return undefined;
    // Nor a condition said and nothing asked ("腿也不好我耳朵听不见"): its category is all it says.
    if (!asksSomething(text)) return undefined;
    const slots = extractSlots(text);
    if (!slots.category || slots.item) return undefined;
    const rest = withoutCondition(text);
    const alone = this.places.review(rest, this.ranker.decide(rest, top));
    const first = alone.kind === 'answer' ? alone.top : alone.kind === 'clarify' ? alone.options[0] : undefined;
    return first && !definesCategory(first.entry) && whole.ranked.some((r) => r.entry === first.entry) ? alone : undefined;
  }

  /** What the confidence model reads off the query's ranking (for fitting it: `npm run fit:decision`). */
  confidenceFeatures(query: string): ConfidenceFeatures | undefined {
    return this.ranker.featuresOf(query.slice(0, MAX_QUERY_CHARS));
  }

  /**
   * A run-on message holding two or more questions ("老头子中风了…能不能办个残疾证…补贴能领多少"),
   * split into one query per question, each with the context said before it. Split when some
   * part is a question the knowledge base recognises (answered, or "您想问的是"); a part about the
   * same entry as one before it is the same question said again ("残疾证咋办…在哪办": one answer
   * says both) and goes; one left is `[text]`. A part it does not recognise is still the person's
   * question; the chat offers it as said when it names what the service is about (dialogs/botReading.ts).
   */
  splitQuestions(text: string): string[] {
    const parts = questionParts(text.slice(0, MAX_QUERY_CHARS));
    // Whether the documents said are enough, and what else to bring, is one question ("光拿户口本行不行 还用带啥").
    if (parts.length < 2 || (bringsMore(text) && ENOUGH.test(text))) return [text];
    const seen = new Set<string>();
    const kept = parts.filter((p) => {
      const d = this.decide(p, 1);
      const topic = d.kind === 'answer' ? d.top.entry.id : d.kind === 'clarify' ? d.options[0]?.entry.id : undefined;
      if (topic === undefined) return true;
      const again = seen.has(topic);
      seen.add(topic);
      return !again;
    });
    return seen.size > 0 && kept.length > 1 ? kept : [text];
  }

  /** A message with its sound-alike typos corrected against the knowledge base's words ("残急证" -> "残疾证"). */
  spelledRight(text: string): string {
    return this.analyzer.spelledRight(text.slice(0, MAX_QUERY_CHARS));
  }

  /**
   * Of a follow-up's topic, the entries whose answers hold what it asks (see `heldInTopic`); `rank`
   * orders those holding as much (the follow-up's own ranking). `also`: other entries to weigh the same way.
   * `family`: the topic's entries (`topicFamily`), when the caller has them already.
   */
  heldInTopic(question: string, context: TopicContext, rank?: (entry: Entry) => number, also: Entry[] = [], family = this.topicFamily(question, context)): Held[] {
    const folding = (text: string) => this.foldedTexts.get(text, () => this.questionKey(text));
    const entries = [...family, ...also.filter((e) => !family.includes(e))];
    const sentences = (entry: Entry) => this.sentencesOf(entry, folding);
    return heldInTopic(question, context, entries, { folding, sentences, rarity: (w) => this.rarity(w), nowhere: (w) => this.saysNowhere(w), rank });
  }

  /**
   * An entry's answer by its sentences, each folded: split and folded once an entry (a copy cut to a part is
   * another), where every follow-up's reading read each sentence again.
   */
  private sentencesOf(entry: Entry, folding: (text: string) => string): Sentence[] {
    let said = this.answerSentences.get(entry);
    if (!said) this.answerSentences.set(entry, (said = sentencesOf(entry.answer).map((text) => ({ text, folded: folding(text) }))));
    return said;
  }

  private readonly answerSentences = new WeakMap<Entry, Sentence[]>();

  /** How rare a folded word is in the answers, 0 (in every one) to 1 (in one or none): log(N/n) / log(N). */
  private rarity(word: string): number {
    const answers = (this.foldedAnswers ??= this.entries.map((e) => this.questionKey(e.answer)));
    const n = Math.max(1, answers.filter((a) => a.includes(word)).length);
    return Math.log(answers.length / n) / Math.log(answers.length);
  }

  private foldedAnswers: string[] | undefined;

  /** Whether no answer speaks of a word (激活): a follow-up asking of it is beyond every answer. */
  saysNowhere(word: string): boolean {
    const folded = this.questionKey(word);
    return !(this.foldedAnswers ??= this.entries.map((e) => this.questionKey(e.answer))).some((a) => a.includes(folded));
  }

  /** The entries of a follow-up's topic (see `topicFamily`). */
  topicFamily(question: string, context: TopicContext): Entry[] {
    return topicFamily(this.entries, question, context);
  }

  /** Whether an entry of this knowledge base is of a follow-up's topic (see `topicFamily`), without gathering them all. */
  ofTopicFamily(question: string, context: TopicContext): (entry: Entry) => boolean {
    return ofTopicFamily(this.entries, question, context);
  }

  /** Texts folded as the ranking folds them: the answers' sentences, asked of again at every follow-up. */
  private readonly foldedTexts = new RecentlyUsed<string>(FOLDED_TEXTS);

  /** The grouping key of a question (normalized, synonyms folded), for the unanswered list. */
  questionKey(query: string): string {
    return this.analyzer.analyze(query.slice(0, MAX_QUERY_CHARS)).folded;
  }

  /** A message read against the topic before it (see `readInContext`), its typos corrected as the ranking corrects them. */
  readInContext(message: string, context?: TopicContext, top = 3): Reading {
    return readInContext((q, n) => this.decide(q, n), message, context, top, (t) => this.spelledRight(t));
  }

  /**
   * The topic a call's questions leave, oldest first, each read against the one before (so
   * "听力残疾去哪评定", "视力的呢" leave the vision hospital's topic): what the next is read against.
   * `read`: how each is read; the console reads them as the chat does (a run-on by its parts, dialogs/botReading.ts).
   */
  topicOf(questions: string[], read: (question: string, before?: TopicContext) => Reading = (q, before) => this.readInContext(q, before)): TopicContext | undefined {
    let topic: TopicContext | undefined;
    // As far back as the chat recalls a topic: a chain of follow-ups keeps its first question's person
    // ("来电人称其母中风卧床两年…" + four follow-ups), as the chat does; older ones would have expired anyway.
    for (const q of questions.slice(-RECALL_TURNS)) {
      const before = topic && { ...topic, turns: topic.turns + 1 };
      topic = nextTopic(read(q, before), before);
    }
    return topic;
  }

  /**
   * The hotline agent's view: the best answers with scores, and whether the bot would answer
   * alone. With the call's previous questions (oldest first), a follow-up ("视力的呢") is read
   * against the topic they leave, or against the topic given.
   */
  suggest(query: string, top: number, previous: string[] | TopicContext = []): SuggestResult {
    const topic = Array.isArray(previous) ? this.topicOf(previous) : previous;
    const { decision, contextual, query: read } = this.readInContext(query, topic, top);
    // A follow-up's decision keeps only the entries that fit it (often one): the agent still sees
    // the next best, of the question as read in the call's context, then as said alone (without the thanks before it).
    const seen = new Set(decision.ranked.map((r) => r.entry.id));
    const more = contextual
      ? [...this.decide(read, top).ranked, ...this.decide(withoutThanks(query), top).ranked]
        .filter((r) => !seen.has(r.entry.id) && seen.add(r.entry.id))
        .sort((a, b) => b.score - a.score)
      : [];
    return {
      query,
      // Said as the likeliest (named, the others offered) is answered too: the chat says it.
      answered: decision.kind === 'answer' || (decision.kind === 'clarify' && decision.likely === true),
      followUp: contextual,
      // Past the first, an entry scoring next to nothing shares a character, not a topic (an example
      // from 平原县 to "幼儿园的呢"): the agent is not offered it.
      suggestions: [...decision.ranked, ...more].filter((r, i) => i === 0 || r.score >= NOISE_SCORE).slice(0, top).map(({ entry, score }) => ({
        id: entry.id,
        question: entry.question,
        answer: answerTo(entry, query),
        score,
        source: entry.source,
      })),
    };
  }
}
