import { looksPersonal } from '../data/personalData.js';
import { Bm25Index, DEFAULT_BM25, type Bm25Options } from './bm25.js';
import { ASSISTANCE, OFF_ASSISTANCE, ON_ASSISTANCE } from './assistanceStatus.js';
import { asksCanI, YES_OR_NO } from './canAsk.js';
import { confidence, type ConfidenceFeatures, type ConfidenceModel } from './confidence.js';
import { lexicalBag, modelBag, type Analysis, type FeatureBag, type TextAnalyzer } from './features.js';
import { tag } from './jieba.js';
import { DEFAULT_SOFTMAX, SoftmaxModel, type SoftmaxOptions } from './linearModel.js';
import type { Entry } from './loader.js';
import type { ModelCache } from './modelCache.js';
import { normalizeText } from './normalize.js';
import { answersIntent, extractSlots, facetsOf, intentOf, wordsOf, type SlotName } from './questionFacets.js';
import type { EntryKind } from './schema.js';
import { TfIdfIndex, type TfIdfOptions } from './tfidf.js';
import { placeWord, REFERENCE_PLANS } from './referencePlans.js';

export interface Ranked {
  entry: Entry;
  /** Similarity of the query to the entry, in [0, 1]. */
  score: number;
}

/** What the bot does with a query: answer, ask which one was meant, decline, or admit not knowing. */
export type Decision =
  | { kind: 'answer'; top: Ranked; ranked: Ranked[] }
  /** `likely`: the first option is likely enough to be said, named as what was understood, with the others offered. */
  | { kind: 'clarify'; options: Ranked[]; ranked: Ranked[]; likely?: boolean }
  | { kind: 'decline'; top: Ranked; ranked: Ranked[] }
  | { kind: 'none'; ranked: Ranked[] };

export interface RankingOptions {
  /** How much each voice counts in the blended score; a voice weighted 0 is not even built. */
  weights: { tfidf: number; bm25: number; linear: number };
  tfidf: TfIdfOptions;
  bm25: Bm25Options;
  softmax: SoftmaxOptions;
  /** Top score from which the bot answers by itself. */
  answer: number;
  /** Lowest score still worth offering as "您想问的是". */
  suggest: number;
  /** Below this gap between the top two, the bot asks which was meant. */
  margin: number;
  /** A decline entry naming its object wins when it scores at least the best answer less this. */
  declineMargin: number;
  /** A lower score that still answers when the best entry leads the next by at least `lead`. */
  answerWithLead: number;
  lead: number;
  /**
   * Score multipliers by entry kind: small talk must fit clearly better than content to win
   * ("谁来评定" is not "你是谁").
   */
  kindWeight: Partial<Record<EntryKind, number>>;
  /** A query of one word that more entries than this use is too vague to answer by itself ("修改"). */
  vagueWord: number;
  /** Two answers at least this alike (character bigrams, Dice) give the same fact: no need to ask which. */
  sameAnswer: number;
  /**
   * When set, whether to answer by itself is this model's call on features of the ranking;
   * `answer`, `margin`, `answerWithLead` and `lead` are then not used.
   */
  confidence?: ConfidenceModel;
  /** Where the trained linear model is kept between starts (absent: trained at every start). */
  modelCache?: ModelCache;
}

const TFIDF: TfIdfOptions = { unknownWeight: 0.8, centroid: 0.7 };

type Thresholds = Pick<RankingOptions, 'answer' | 'margin' | 'answerWithLead' | 'lead' | 'suggest'>;

function ranking(weights: RankingOptions['weights'], thresholds: Thresholds): RankingOptions {
  return {
    tfidf: TFIDF, bm25: DEFAULT_BM25, softmax: DEFAULT_SOFTMAX, kindWeight: { smalltalk: 0.9 },
    sameAnswer: 0.8, declineMargin: 0.05, vagueWord: 3, weights, ...thresholds,
  };
}

/** The TF-IDF ranking the bot shipped with, thresholds as they were tuned for it (a baseline for eval:kb). */
export const TFIDF_RANKING = ranking({ tfidf: 1, bm25: 0, linear: 0 }, { answer: 0.38, margin: 0.015, answerWithLead: 0.28, lead: 0.05, suggest: 0.25 });

/** BM25 alone (a baseline for eval:kb). */
export const BM25_RANKING = ranking({ tfidf: 0, bm25: 1, linear: 0 }, { answer: 0.5, margin: 0.02, answerWithLead: 0.4, lead: 0.08, suggest: 0.3 });

/** The linear model alone: its score is the class probability (a baseline for eval:kb). */
export const LINEAR_RANKING = ranking({ tfidf: 0, bm25: 0, linear: 1 }, { answer: 0.5, margin: 0.1, answerWithLead: 0.3, lead: 0.2, suggest: 0.1 });

/**
 * The blend deciding by thresholds on its top score and lead, as it shipped before the
 * confidence model (weights chosen on 2 of the 5 k-fold folds; a baseline for eval:kb).
 */
export const BLEND_THRESHOLDS = ranking({ tfidf: 0.2, bm25: 0.2, linear: 0.6 }, { answer: 0.32, margin: 0.05, answerWithLead: 0.25, lead: 0.08, suggest: 0.25 });

/**
 * Fitted by `npm run fit:decision` on k-fold held-out wordings of the shipped knowledge base,
 * every ranking with an answer in it however low its score; `answerAt` answers no more of them
 * wrongly than the old thresholds did, and more of them rightly (BENCHMARKS.md).
 */
export const DEFAULT_CONFIDENCE: ConfidenceModel = {
  weights: { score: -1.4988, lead: -0.5468, factLead: 1.4763, probability: 1.8734, agree: 0.3669, lexical: 1.8933, lexicalAgree: 0.6341, coverage: 0.0111, decline: -0.9402, oneWord: -1.2514, relativeLead: 1.9122, intentLead: 0.153, slotConflict: -0.392 },
  bias: -2.3916,
  answerAt: 0.477,
};

/** The blend the bot uses: the blended ranking, deciding with the confidence model. */
export const DEFAULT_RANKING: RankingOptions = { ...BLEND_THRESHOLDS, confidence: DEFAULT_CONFIDENCE };

/** The decline entry for certificates and cards other offices issue. */
export const OTHER_DOCUMENT_ENTRY_ID = 'decl-other-document';

// What every answer is about (残疾, 残联, 评残): a question naming it is ours whatever else it names.
const OWN_SUBJECT = /残/u;
/** The costs of getting somewhere, which no fee answer covers. */
const TRIP_COST = /坐车|乘车|打车|搭车|车费|车钱|路费|盘缠|交通费|来回|住宿|住店|饭钱|误工/u;
/** An answer saying one pays nothing. */
const NOTHING_PAID = /不用掏钱|不用付|不用出钱|不收费|不收钱|免费|不要钱/u;
/**
 * Small talk that is a remark, not a question ("您好", "你说的没用，答非所问"): said when it is clearly
 * what was said, never offered as a question to pick ("你是谁，能帮我做什么？" may be).
 */
const isRemark = (entry: Entry) => entry.kind === 'smalltalk' && !/[？?]$/u.test(entry.question);
// Our subject, or what only we give (folded: 鉴定 and 评残 read 评定).
const OURS = /残|补贴|补助|评定/u;
// Anything of ours a question can name beside another office's object: our subject, a certificate, a subsidy,
// care, the reform and the social security card it applies for.
const ASKED_OF_OURS = /残|补贴|补助|津贴|评定|鉴定|证|护理|一件事|社保卡/u;
const CERTIFICATE_OR_LICENCE = /证$|照$/u;
const QUESTION_WORD = /几|多少|什么|啥|怎么|哪/u;
// A work or accident injury, and what only names ours beside it (工伤护理费 with 护理补贴).
const INJURY = /伤残|工伤/u;
const OURS_PROPER = /残疾|残证|残联|两项补贴|护理补贴|生活补贴/u;
/** Whether a question is about a work or accident injury and names nothing of ours proper: its 鉴定 and 补助 are that office's. */
export const asksOfInjury = (text: string): boolean => INJURY.test(text) && !OURS_PROPER.test(text);
// Our own certificate named in the person's words (not as folded: 办证 reads 申请残疾人证): a question
// asking of it ("学校让办个残疾证 去哪办") is ours; another office's matter it names (上初中) only sets its scene.
// The old word 残废证 and the short 残证 name it too ("办那个残废证 是不是要身份证": no ID-card question).
const OUR_CERTIFICATE = /残(?:疾人?|废)?证/u;
// Our certificate (or a bare 证: another office's names itself, 老年证) lost, renewed, cancelled or moved is
// our service wherever it happened ("证丢在公交上了", "我的证在公交车上丢了": not the travel concession's).
const OUR_CERTIFICATE_SERVICE = /(?:残疾人|^|[的这那个俺我他她])证(?:在[^\s]{1,8}?)?(?:被|让|叫)?(?:补办|换领|注销|迁移)/u;
// Documents an application here takes, whatever office issues them.
const OUR_MATERIALS = new Set(['身份证', '居民身份证']);

// A number or an age in words (十八, 十八岁, 三十多): no name of a document.
const NUMBER_WORD = /^[零一二两三四五六七八九十百千万几多来]+岁?$/u;

// A decline entry scoring below this is no evidence the question is out of scope.
const DECLINE_FLOOR = 0.2;

// A decline entry the question names, scoring at least this share of the best answer, keeps the bot from answering by itself.
const NAMED_DECLINE = 0.4;

// What an object's subsidy, proof or card is called: after an object no answer names, another office's.
const FOREIGN_HEADS = new Set(['补贴', '补助', '津贴', '证明', '证', '卡', '照片', '费']);

// A subsidy asked right after an object ("助听器有补贴没", "戴助听器 有补助没"): a few characters, one pause, between.
const SUBSIDY_AFTER = /^[^\s]{0,3}\s?[^\s]{0,3}?补贴/u;
/** The word `SUBSIDY_AFTER` ends with: a text without it asks no object's subsidy. */
const SUBSIDY_WORD = '补贴';
const subsidyAsked = (folded: string, object: string): boolean => {
  for (let i = folded.indexOf(object); i >= 0; i = folded.indexOf(object, i + 1)) if (SUBSIDY_AFTER.test(folded.slice(i + object.length))) return true;
  return false;
};

// How much a typo-corrected reading must raise the top score to be preferred to the text as typed.
const CLEARLY_BETTER = 0.05;

// From this estimated chance that the best answer is right, a low-scoring one is still offered as
// "您想问的是": one in three, as there are up to three options.
const OFFER_AT = 1 / 3;
// From here to `answerAt` the best answer is said, named as what was understood, with the other
// candidates offered: on nine blind sets it was right about three times in four (as many more right
// answers as a lower `answerAt`, and a wrong one shows what was understood and the way to the others).
const LIKELY_AT = 0.4;
// ... when it leads the next different fact by this share of its score: a near tie is asked.
const LIKELY_LEAD = 0.1;

// Options offered with a low-scoring best answer score at least this share of it.
const OFFER_SHARE = 0.6;

// Below this the model's probability for an entry is noise, not worth blending.
const MIN_PROBABILITY = 0.01;

// A named place's own entry asked what it answers takes the lead from a generic one it scores at least this share of.
const PLACE_SHARE = 0.7;
// An entry asked how long it takes takes the lead from the validity's (which does not answer that) from this share:
// at the place's share, a reworded entry elsewhere moved "残疾证要多久" across the line.
const TAKING_SHARE = 0.5;

// How well a yes or no said of what a can-I question does not name fits it, as a share of its score (see `saidOfUnnamed`).
const SAID_OF_UNNAMED = 0.8;
// The item's rule takes the lead from such a yes or no from this share of its score.
const RULE_SHARE = 0.6;
// A word of a yes-or-no entry's wordings that at most this many entries use says what its yes or no
// hangs on (工伤, 借给, 特困): a can-I naming none of those is not asking that entry's question.
const HINGE_USERS = 12;
// The slots whose values a yes or no hangs on as its words do (not one item: "护理费" is asked of every care entry).
const HINGE_SLOTS: SlotName[] = ['category', 'service', 'channel', 'grade', 'age', 'school', 'place'];

// Chinese names a document or card by its last character (健康证, 公交卡, 献血证).
const DOCUMENT_HEADS = ['证', '卡'];

const HAN_WORD = /^\p{Script=Han}{2,}$/u;

// Entries sharing a feature, above which it does not help find an entry's neighbours.
const RARE = 32;

// Said the opposite way, an entry is outweighed by one fitting half as well.
const STATUS_SHARE = 0.5;

// Hard negatives per entry for the linear model: the entries whose wordings resemble its own.
const NEIGHBOURS = 12;

// The slots a question names that tell sibling entries apart (which category, which item).
const SLOTS_TOLD: ('category' | 'item')[] = ['category', 'item'];

/** Whether an entry is about another value of a slot than the one named, and not about that one. */
function conflicts(entry: Entry, slot: SlotName, value: string): boolean {
  const about = facetsOf(entry).about.get(slot);
  return about !== undefined && !about.has(value);
}

/** One reading of a query: its ranking and what the decision reads off it. */
interface Reading {
  analysis: Analysis;
  ranked: (Ranked & { index: number; lexical: number })[];
  /** Share of the query's weight carried by features the knowledge base uses. */
  coverage: number;
  /** The linear model's probabilities, by entry index (the negligible ones left out). */
  probability: Map<number, number>;
  /** The entry the linear model puts first (-1 without a linear voice). */
  linearBest: number;
  /** BM25's best score (0 without a BM25 voice): several entries may hold it, BM25 scores are capped at 1. */
  lexicalTop: number;
  /** For a can-I question, the entries whose yes or no hangs on what it does not name (see `saidOfUnnamed`). */
  unnamed?: (e: number) => boolean;
}

/** A query's scores for every entry it touches, any depth's ranking's to pick from (see `Ranker.scored`). */
interface Scored extends Omit<Reading, 'analysis' | 'ranked'> {
  /** The entries scored, in the order first met (the order ties are broken in). */
  touched: number[];
  /** Their scores, by position in `touched`. */
  scores: number[];
  /** BM25's scores, by entry (what the confidence model reads of the best entry). */
  lexical: Float32Array;
  /** How well the best yes or no hanging on what the question does not name fitted before it was made to fit less. */
  drawnTo: number;
}

/** Analyses whose scores a ranker keeps: more than the texts one turn ranks. */
const SCORED_KEPT = 8;

/**
 * Ranks entries by a weighted blend of three voices: TF-IDF cosine, BM25 normalised by the
 * query's self-score, and a softmax regression trained on the entries' wordings (which learns
 * the words that tell entries apart). Then decides what the bot does with the query.
 */
export class Ranker {
  private readonly tfidf?: TfIdfIndex;
  private readonly bm25?: Bm25Index;
  /** Entries' joined wordings, indexed: also tells how many entries use a word. */
  private readonly documents?: Bm25Index;
  private readonly linear?: SoftmaxModel;
  private readonly blended: Float32Array;
  /** The last analyses' scores (see `scored`), oldest first. */
  private readonly lately = new Map<Analysis, Scored>();
  /** Decline entries' objects (身份证, 护照...), folded as queries are. */
  private readonly declineObjects: Map<string, string[]>;
  /**
   * The objects no answer or its wordings name (暖气, 宠物), as words: a question naming one, word
   * for word (户口本 does not name 户口), is about it.
   */
  private readonly foreignObjects: Map<string, string[][]>;
  /** Every decline's objects as words, said or not by an answer (低保, 助听器), but for question words. */
  private readonly declineRuns: Map<string, string[][]>;
  /** All of those by their first word, so a question is checked against them in one pass. */
  private readonly foreignByFirst = new Map<string, { run: string[]; entry: Entry }[]>();
  /** Entries telling one reform plan's place's way, by index: the places a question must name. */
  private readonly placeOnly = new Map<number, string[]>();
  /** Those entries' own words of three characters or more, that no other entry's wordings use (庐山's app 赣服通): naming one names the place; a short word one entry happens to use alone (专门, 下去) does not. */
  private readonly placeWords = new Map<number, Set<string>>();
  /** Entries whose own question names a reform plan's place (津市's way, 宿迁's), by index: those places. */
  private readonly placeOwn = new Map<number, string[]>();
  /** The words our answers' wordings use: a document named with any other (退伍证, 健康证) is another office's. */
  private readonly answerWords = new Set<string>();
  /** Documents the wordings name with a separate word before 证/卡 (拿到证, 残疾人 证). */
  private readonly namedDocuments = new Set<string>();
  /** The decline for a certificate or card no wording names (健康证): ask the office that issues it. */
  private readonly otherDocument?: Entry;
  /** Entries answering with a yes or no, by index: the rare words of their wordings that it hangs on. */
  private readonly hinges = new Map<number, Set<string>>();
  /** Per decline entry, its objects whose subsidy no answer's wording asks of (助听器): a question asking it is that decline's. */
  private readonly unpaidObjects = new Map<string, string[]>();
  /** The decline entries, in order: only theirs have objects a question is checked for (see `decide`). */
  private readonly declines: Entry[];
  /** Whether two entries' answers give the same fact, by pair as asked. */
  private readonly sameFacts = new Map<Entry, Map<Entry, boolean>>();

  constructor(
    readonly entries: Entry[],
    private readonly analyzer: TextAnalyzer,
    readonly options: RankingOptions = DEFAULT_RANKING,
  ) {
    const owners: number[] = [];
    const wordings: string[] = [];
    entries.forEach((entry, i) => {
      for (const w of [entry.question, ...entry.alternates]) {
        wordings.push(w);
        owners.push(i);
      }
    });
    const analyses = analyzer.learn(wordings);
    for (const { tokens } of analyses) {
      tokens.forEach((t, i) => {
        if (i > 0 && DOCUMENT_HEADS.includes(t)) this.namedDocuments.add(tokens[i - 1] + t);
      });
    }
    const lexical = analyses.map((a) => lexicalBag(a));
    // Each entry's wordings as one document: what BM25 ranks and the TF-IDF's centroids.
    const documents: FeatureBag[] = entries.map(() => new Map());
    lexical.forEach((bag, i) => {
      const doc = documents[owners[i]];
      for (const [k, v] of bag) doc.set(k, (doc.get(k) ?? 0) + v);
    });
    const { weights } = options;
    if (weights.bm25 > 0 || weights.linear > 0) {
      const bm25 = new Bm25Index(documents, options.bm25);
      this.documents = bm25;
      if (weights.bm25 > 0) this.bm25 = bm25;
      if (weights.linear > 0) {
        const samples = analyses.map((a, i) => ({ bag: modelBag(a), label: owners[i], key: wordings[i] }));
        const ids = entries.map((e) => e.id);
        const neighbours = (label: number) => top(bm25, documents[label], NEIGHBOURS + 1, ids);
        this.linear = new SoftmaxModel(samples, ids, neighbours, options.softmax, options.modelCache);
      }
    }
    // Built while a worker trains the linear model (see `ready`).
    analyzer.learnSounds();
    if (weights.tfidf > 0) this.tfidf = new TfIdfIndex(lexical, Int32Array.from(owners), documents, options.tfidf);
    this.blended = new Float32Array(entries.length);
    // An entry all of whose wordings name a reform plan's place (庐山's way, 宿迁's) tells that
    // place's example: offered only to a question naming the place, never to a bare "在哪办".
    const places = REFERENCE_PLANS.map(placeWord);
    entries.forEach((e, i) => {
      const wordings = [e.question, ...e.alternates];
      const named = places.filter((p) => wordings.some((w) => w.includes(p)));
      if (named.length && wordings.every((w) => named.some((p) => w.includes(p)))) this.placeOnly.set(i, named);
    });
    entries.forEach((e, i) => {
      const named = places.filter((p) => e.question.includes(p));
      if (named.length) this.placeOwn.set(i, named);
    });
    this.otherDocument = entries.find((e) => e.id === OTHER_DOCUMENT_ENTRY_ID);
    // The entries whose wordings use each word.
    const users = new Map<string, Set<number>>();
    analyses.forEach(({ words }, i) => words.forEach((w) => users.set(w, (users.get(w) ?? new Set()).add(owners[i]))));
    entries.forEach((e, i) => {
      if (e.canI !== undefined || YES_OR_NO.test(e.answer)) this.hinges.set(i, new Set());
    });
    for (const [w, u] of users) if ([...u].some((i) => entries[i].kind !== 'decline')) this.answerWords.add(w);
    for (const [w, u] of users) if (u.size <= HINGE_USERS && !extractSlots(w).item) for (const i of u) this.hinges.get(i)?.add(w);
    for (const i of this.placeOnly.keys()) this.placeWords.set(i, new Set([...users].filter(([w, u]) => u.size === 1 && u.has(i) && [...w].length >= 3).map(([w]) => w)));
    this.declineObjects = new Map(
      entries.map((e) => [e.id, (e.about ?? []).map((w) => analyzer.analyze(w).folded)]),
    );
    const answering = analyses.filter((_, i) => entries[owners[i]].kind !== 'decline').map((a) => a.folded);
    for (const [id, objects] of this.declineObjects) {
      if (entries.find((e) => e.id === id)?.kind !== 'decline') continue;
      const unpaid = objects.filter((o) => o && !answering.some((w) => subsidyAsked(w, o)));
      if (unpaid.length) this.unpaidObjects.set(id, unpaid);
    }
    // What the knowledge base speaks of: its answers' wordings, and the answers themselves.
    const answers = entries.filter((e) => e.kind !== 'decline');
    const answered = [
      ...analyses.filter((_, i) => entries[owners[i]].kind !== 'decline').map((a) => a.tokens),
      ...analyzer.analyzeEach(answers.map((e) => e.answer)).map((a) => a.tokens),
    ];
    const said = runFinder(answered);
    const runs = new Map(entries.map((e) => [e.id, (e.about ?? []).map((w) => analyzer.analyze(w).tokens).filter((o) => o.length > 0)]));
    this.foreignObjects = new Map([...runs].map(([id, objects]) => [id, objects.filter((o) => !said(o))]));
    // A question word is no object to ask of alone (几点: the window's hours are asked so too).
    this.declines = entries.filter((e) => e.kind === 'decline');
    this.declineRuns = new Map(this.declines.map((e) => [e.id, runs.get(e.id)!.filter((run) => !run.some((w) => QUESTION_WORD.test(w)))]));
    for (const entry of entries) {
      for (const run of this.foreignObjects.get(entry.id) ?? []) this.foreignByFirst.set(run[0], [...(this.foreignByFirst.get(run[0]) ?? []), { run, entry }]);
    }
  }

  /** Waits for the linear model if a worker still trains it: the last step of the knowledge base's build. */
  ready(): void {
    this.linear?.ready();
  }

  /** Entries best first. */
  rank(query: string, top = 5): Ranked[] {
    return this.read(query, top).ranked.map(({ entry, score }) => ({ entry, score }));
  }

  /**
   * The query as typed, or with its sound-alike typos corrected when that reading clearly fits
   * the knowledge base better (护里补帖 -> 护理补贴); a correct text is never made worse by a
   * "correction" that happens to sound alike.
   */
  private read(query: string, top: number): Reading {
    const { typed: analysis, corrected: fixed } = this.analyzer.queryReadings(query);
    const typed = this.rankAnalysis(analysis, top);
    if (!fixed) return typed;
    const better = this.rankAnalysis(fixed, top);
    return (better.ranked[0]?.score ?? 0) >= (typed.ranked[0]?.score ?? 0) + CLEARLY_BETTER ? better : typed;
  }

  private rankAnalysis(analysis: Analysis, top: number): Reading {
    if (analysis.words.length === 0) return { analysis, ranked: [], coverage: 0, probability: new Map(), linearBest: -1, lexicalTop: 0 };
    const { touched, scores, lexical, unnamed, drawnTo, ...voices } = this.scored(analysis);
    const reading: Reading = { analysis, ranked: [], ...voices };
    // Keep the best `top` in a small sorted array: sorting every touched entry costs more.
    const best: [number, number][] = [];
    touched.forEach((e, k) => {
      const score = scores[k];
      if (score <= 0 || (best.length === top && score <= best[top - 1][1])) return;
      if (this.placeOnly.get(e)?.every((p) => !analysis.folded.includes(p)) && !analysis.words.some((w) => this.placeWords.get(e)?.has(w))) return;
      let i = best.length === top ? top - 1 : best.length;
      while (i > 0 && best[i - 1][1] < score) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = [e, score];
    });
    this.placeFirst(analysis, best);
    this.takingFirst(analysis, best);
    this.statusFirst(analysis, best);
    if (unnamed) this.ruleFirst(analysis, best, unnamed, drawnTo);
    reading.unnamed = unnamed;
    reading.ranked = best.map(([e, score]) => ({ entry: this.entries[e], score: Math.round(score * 1e4) / 1e4, index: e, lexical: lexical[e] }));
    return reading;
  }

  /**
   * Every entry's score for a query, before the best `top` are picked: a turn ranks the same text at
   * several depths (the answer, the categories' entries, a follow-up's topic), and this is most of
   * a ranking's cost. Kept for the last few analyses, by identity (an analysis is never changed): a few
   * turns' worth, so the bench's repeated texts are not served from it.
   */
  private scored(analysis: Analysis): Scored {
    const kept = this.lately.get(analysis);
    if (kept) return kept;
    const { weights, kindWeight } = this.options;
    const blended = this.blended;
    const lexical = new Float32Array(this.entries.length);
    const scored: Scored = { touched: [], scores: [], lexical, coverage: 0, probability: new Map(), linearBest: -1, lexicalTop: 0, drawnTo: 0 };
    const { touched } = scored;
    const add = (weight: number) => (e: number, s: number) => {
      if (blended[e] === 0) touched.push(e);
      blended[e] += weight * s;
    };
    const bag = lexicalBag(analysis);
    this.tfidf?.score(bag, add(weights.tfidf));
    if (this.bm25) {
      const addBm25 = add(weights.bm25);
      this.bm25.score(bag, (e, s) => {
        addBm25(e, s);
        lexical[e] = s;
        // As kept in `lexical` (32 bits), so the best entry's own score compares equal to it.
        scored.lexicalTop = Math.max(scored.lexicalTop, Math.fround(s));
      });
    }
    scored.coverage = this.documents?.coverage(bag) ?? 1;
    // The model gives every class a probability; the negligible ones are left out of the blend.
    // A probability ignores the words the model never saw, which fill out-of-scope questions
    // ("坐高铁能打折吗"): it counts in proportion to the share of the query the KB knows.
    if (this.linear) {
      const addLinear = add(weights.linear * scored.coverage);
      let most = 0;
      this.linear.score(modelBag(analysis), (e, p) => {
        if (p < MIN_PROBABILITY) return;
        addLinear(e, p);
        scored.probability.set(e, p);
        if (p > most) [most, scored.linearBest] = [p, e];
      });
    }
    const unnamed = (scored.unnamed = this.saidOfUnnamed(analysis));
    for (const e of touched) {
      const fit = Math.min(1, blended[e]) * (kindWeight[this.entries[e].kind] ?? 1);
      const hangsOnUnnamed = unnamed?.(e) === true;
      // How well the best such yes or no fitted before it was made to fit less.
      if (hangsOnUnnamed) scored.drawnTo = Math.max(scored.drawnTo, fit);
      scored.scores.push(fit * (hangsOnUnnamed ? SAID_OF_UNNAMED : 1));
      blended[e] = 0;
    }
    // Not a text holding personal data (an ID tail, a case number): it goes with its turn, as the analyzer's readings do.
    if (looksPersonal(analysis.folded)) return scored;
    if (this.lately.size >= SCORED_KEPT) this.lately.delete(this.lately.keys().next().value!);
    this.lately.set(analysis, scored);
    return scored;
  }

  /**
   * A question naming a reform plan's place and asking what that place's own entry answers
   * ("津市那个补贴一个月给多少", "宿迁网上在哪个app办"), and fitting nearly as well as the best, is
   * about that place: its entry trades scores with the generic one ranked above it. Asked
   * anything else ("津市能上门鉴定吗", "津市残疾证丢了怎么补办": "how" asks of anything), the
   * generic answer stays first.
   */
  private placeFirst(analysis: Analysis, best: [number, number][]): void {
    const intent = intentOf(analysis.folded);
    if (!intent || intent === 'how' || best.length < 2 || this.placeOwn.has(best[0][0])) return;
    const at = best.findIndex(
      ([e, score]) =>
        score >= PLACE_SHARE * best[0][1] &&
        this.placeOwn.get(e)?.some((p) => analysis.folded.includes(p)) &&
        facetsOf(this.entries[e]).intents.has(intent),
    );
    if (at > 0) [best[0][0], best[at][0]] = [best[at][0], best[0][0]];
  }

  /**
   * How long it takes is not how long a card lasts: "残疾证要多久" (folded "残疾人证多久", as are
   * "残疾证多久过期"'s words) asks how long getting one takes, so an entry asked that way, fitting
   * nearly as well, trades places with the validity's entry ranked above it. Not when the question
   * names a service for the card ("换证要多长时间": the renewal's own time).
   */
  private takingFirst(analysis: Analysis, best: [number, number][]): void {
    if (best.length < 2 || intentOf(analysis.folded) !== 'howLong' || extractSlots(analysis.folded).service) return;
    const asked = (e: number) => facetsOf(this.entries[e]).asked;
    if (!asked(best[0][0]).has('valid') || asked(best[0][0]).has('howLong')) return;
    const at = best.findIndex(([e, score]) => score >= TAKING_SHARE * best[0][1] && asked(e).has('howLong'));
    if (at > 0) [best[0][0], best[at][0]] = [best[at][0], best[0][0]];
  }

  /**
   * Being on 低保 is not being off it: "家里是低保 生活补贴能领不" shares every word but 不 with "不是低保户
   * 能领生活补贴吗", so an entry fitting half as well and not asked of someone off it trades places with
   * that one ranked above it (its words' fit counts less than saying the opposite). Not when the question itself says off it ("没吃上低保能领不").
   */
  private statusFirst(analysis: Analysis, best: [number, number][]): void {
    if (best.length < 2 || !ASSISTANCE.test(analysis.folded) || OFF_ASSISTANCE.test(analysis.folded)) return;
    const off = (e: number) => OFF_ASSISTANCE.test(normalizeText(this.entries[e].question));
    if (!off(best[0][0])) return;
    const at = best.findIndex(([e, score]) => score >= STATUS_SHARE * best[0][1] && !off(e));
    if (at > 0) [best[0][0], best[at][0]] = [best[at][0], best[0][0]];
  }

  /**
   * A can-I question naming an item and nothing a yes or a no would hang on asks something else
   * than that entry: not its rare words nor its category, service, grade or person (工伤 of
   * "领工伤护理费的还能领…", 借给 of "残疾证能借给别人用吗": not "我能拿护理费不", "残疾证能在外地用吗"),
   * nor the other subsidy ("护理补贴我能领吗": who gets it). Such a yes or no fits less than the
   * item's rule ("一级、二级…"), and is not said by itself. Undefined when the question is no such can-I.
   */
  private saidOfUnnamed(analysis: Analysis): ((e: number) => boolean) | undefined {
    // Not "谁能领" (who): a grade's rule answers that.
    // Nor a can-I naming no item ("以后还能重新申请不"): what it hangs on may have been said just before.
    const item = extractSlots(analysis.folded).item;
    if (!asksCanI(analysis.folded) || !item) return undefined;
    const said = (slot: SlotName, v: string) => wordsOf(slot, v)?.test(analysis.folded) === true;
    const words = new Set(analysis.words);
    return (e) => {
      const hinges = this.hinges.get(e);
      if (!hinges) return false;
      const about = facetsOf(this.entries[e]).about;
      const slots = HINGE_SLOTS.filter((slot) => about.has(slot));
      const grades = [...(about.get('grade') ?? [])];
      const items = [...(about.get('item') ?? [])];
      const hung = hinges.size > 0 || slots.length > 0;
      // Two items said together (both subsidies at once) are what it hangs on too.
      // A hinge of two characters or more may be said inside a longer word (在家 of "在家中").
      const named = [...hinges].some((w) => words.has(w) || ([...w].length > 1 && analysis.folded.includes(w))) || slots.some((slot) => [...about.get(slot)!].some((v) => said(slot, v))) || (items.length > 1 && items.every((v) => said('item', v)));
      if (hung && !named) return true;
      // Of its grades the question names one ("二级" of "一级、二级"); of its items, every one (both
      // subsidies) when it names one of them. A grade's yes or no is not said of another item than its
      // own, whatever grade the question shares with it ("二级残疾能领生活补贴吗" is not the care allowance's 不一定).
      const ofItems = items.some((v) => said('item', v)) && items.some((v) => !said('item', v));
      return (grades.length > 0 && (!grades.some((v) => said('grade', v)) || (items.length > 0 && !items.some((v) => said('item', v))))) || ofItems;
    };
  }

  /**
   * The named item's rule, or a yes or no said of what the question does name (the grade it names,
   * a child), fitting nearly as well, still trades places with such a yes or no ranked above it
   * ("生活补贴我能领吗": who gets the living allowance, not that both can be had), and so with the
   * entry that ranks first once such a yes or no, which the question fitted better, fits less
   * ("我能拿护理费不": who gets it, not how to apply).
   */
  private ruleFirst(analysis: Analysis, best: [number, number][], unnamed: (e: number) => boolean, drawnTo: number): void {
    if (best.length < 2 || (!unnamed(best[0][0]) && drawnTo <= best[0][1])) return;
    const item = extractSlots(analysis.folded).item!;
    const saysWhatIsNamed = (about: Map<SlotName, Set<string>>) =>
      [...about].some(([slot, values]) => slot !== 'item' && slot !== 'category' && [...values].some((v) => wordsOf(slot, v)?.test(analysis.folded)));
    const at = best.findIndex(([e, score]) => {
      const entry = this.entries[e];
      const { about, intents } = facetsOf(entry);
      const rule = entry.canI === undefined && !YES_OR_NO.test(entry.answer) && about.get('item')?.has(item) === true;
      return score >= RULE_SHARE * best[0][1] && entry.kind === 'answer' && intents.has('eligible') && !unnamed(e) && (rule || saysWhatIsNamed(about));
    });
    if (at > 0) [best[0][0], best[at][0]] = [best[at][0], best[0][0]];
  }

  /** Ranks and decides. `ranked` holds only entries that can be given as answers. */
  decide(query: string, top = 3): Decision {
    const { suggest, declineMargin } = this.options;
    const reading = this.read(query, top + 5);
    const { analysis, ranked: all } = reading;
    const ranked = all.filter((r) => r.entry.kind !== 'decline').slice(0, top).map(({ entry, score }) => ({ entry, score }));
    const best = ranked[0];
    // An out-of-scope topic wins when the question is about its object (身份证, 护照...) and it
    // fits about as well as the best answer; a shared word (照片, 被偷) is not enough.
    const decline = all.find((r) => r.entry.kind === 'decline' && this.mentionsObject(r.entry, analysis) && !this.sceneOfOurs(r.entry, query, analysis));
    // So does one naming another office's certificate and nothing of ours ("居住证办理需要啥材料": not our materials).
    const otherCertificate = decline !== undefined && !OURS.test(analysis.folded) && this.namesOtherCertificate(decline.entry, analysis);
    if (decline && decline.score >= DECLINE_FLOOR && (decline.score >= (best?.score ?? 0) - declineMargin || otherCertificate)) {
      return { kind: 'decline', top: { entry: decline.entry, score: decline.score }, ranked };
    }
    // So does one asking of its object alone, nothing of ours named ("低保多久审核一次，要公示吗"):
    // the answer its other words (审核, 公示) fit is about ours, not that object. So is one about a work
    // or accident injury ("工伤伤残等级鉴定是九级，一次性伤残补助金能拿多少") that does not name ours
    // proper: its 鉴定 and 补助 are that office's. The longest object named tells whose it is
    // (燃气公司 before 营业厅), then the ranking. Being on 低保 or not is who the person is, not what is
    // asked ("俺家不是低保户也中不" after a subsidy's answer).
    const folded = analysis.folded;
    const status = OFF_ASSISTANCE.test(query) || query.replace(ON_ASSISTANCE, '') !== query;
    if (!status && (!ASKED_OF_OURS.test(folded) || asksOfInjury(folded))) {
      const rank = (entry: Entry) => all.find((r) => r.entry === entry);
      const alone = this.declines
        .map((entry) => ({ entry, length: this.objectAskedOf(entry, analysis) }))
        .filter((o) => o.length > 0)
        .sort((a, b) => b.length - a.length || (rank(b.entry)?.score ?? 0) - (rank(a.entry)?.score ?? 0))[0];
      if (alone) return { kind: 'decline', top: { entry: alone.entry, score: rank(alone.entry)?.score ?? 0 }, ranked };
    }
    // A subsidy, proof or card of an object no answer's wordings name (暖气补贴, 收入证明) is that
    // object's, however much else it shares with an answer (补贴什么时候发).
    const foreign = all.find((r) => r.entry.kind === 'decline' && (this.foreignObjects.get(r.entry.id) ?? []).some((o) => headedRun(analysis.tokens, o)) && !OUR_CERTIFICATE_SERVICE.test(analysis.folded));
    if (foreign) return { kind: 'decline', top: { entry: foreign.entry, score: foreign.score }, ranked };
    // So is the subsidy of an object no answer asks one of ("孩子听力不好 戴助听器 有补助没"): the condition drew the
    // hearing entries, but whether a hearing aid is paid for is the rehabilitation office's. The best ranked such decline.
    // Only a question saying 补贴 asks one (see `subsidyAsked`): the objects are not looked for otherwise.
    const unpaid = !analysis.folded.includes(SUBSIDY_WORD) ? undefined : this.declines
      .filter((e) => (this.unpaidObjects.get(e.id) ?? []).some((o) => subsidyAsked(analysis.folded, o)) && !this.sceneOfOurs(e, query, analysis))
      .map((entry) => ({ entry, score: all.find((r) => r.entry === entry)?.score ?? 0 }))
      .sort((a, b) => b.score - a.score)[0];
    if (unpaid) return { kind: 'decline', top: unpaid, ranked };
    // Where nothing would be answered or offered, a named object says whose it is: one no answer
    // names, else any decline's object however low that entry ranks ("我腿疼要不要去医院看看").
    const named = this.foreignNamed(analysis);
    const declineFor = (entry: Entry): Decision => ({ kind: 'decline', top: { entry, score: all.find((r) => r.entry === entry)?.score ?? 0 }, ranked });
    // A question naming our own subject (残) is ours even where nothing fits it: what no answer
    // names in it ("退伍军人残疾了能办残疾证吗") does not make it another office's.
    const ownSubject = OWN_SUBJECT.test(analysis.folded) || OUR_CERTIFICATE_SERVICE.test(analysis.folded);
    const nothing = (): Decision => {
      const any = (ownSubject ? undefined : named) ?? this.declines.find((e) => this.mentionsObject(e, analysis) && !this.sceneOfOurs(e, query, analysis));
      return any ? declineFor(any) : { kind: 'none', ranked };
    };
    if (!best) return nothing();
    // A certificate or card no answer's wording names (健康证, 献血证, 公交卡) is another office's: whatever
    // answer fits its other words ("要带啥材料", "多久能拿到") is about our certificate, not that one.
    // The caller is told to ask the office that issues it.
    // A decline naming its object tells of it better ("结婚证要带啥材料": the marriage registry's).
    if (this.namesUnknownDocument(analysis)) {
      const own = decline?.entry ?? this.otherDocument;
      return own ? declineFor(own) : { kind: 'none', ranked };
    }
    // The confidence model judges every ranking, however low its top score: a long question in
    // someone's own words scores low on every entry yet can be clearly about one of them.
    // A question naming an out-of-scope object (种粮补贴, 高考报名) whose decline entry fits
    // less well than an answer is still not clearly that answer: asked, not answered.
    // So is one naming an object no answer names at all (护照, 女朋友), however well it fits.
    const namesOther = (decline !== undefined && decline.score >= NAMED_DECLINE * best.score) || named !== undefined;
    const model = this.options.confidence;
    const sure = this.certainty(reading);
    const clear = model ? sure >= model.answerAt : this.clear(reading);
    // A yes or no hanging on what the question does not name is offered, not said ("残疾证能在外地用吗": not the lending's 不能).
    const unnamedBest = reading.unnamed?.(all.find((r) => r.entry.kind !== 'decline')!.index) === true;
    const sayable = !this.vague(analysis) && !namesOther && !unnamedBest && !this.moneyForOther(analysis, best.entry);
    if (clear && sayable) return { kind: 'answer', top: best, ranked };
    // A long question in someone's own words scores low on every entry: when the model still
    // thinks the best one likely enough, it is offered rather than "答不上来"; not when an
    // out-of-scope topic fits about as well ("学生公交卡多久能拿到": the question is for the curators).
    const outOfScope = all.find((r) => r.entry.kind === 'decline');
    const offered = sure >= OFFER_AT && (outOfScope?.score ?? 0) < NAMED_DECLINE * best.score;
    if (best.score < suggest && !offered) return nothing();
    // Answers are no choice for a question naming what no answer names ("你吃饭了吗"), unless it
    // also names our own subject ("高龄老人能办残疾证吗": the menu holds its answer).
    if (named && !ownSubject) return declineFor(named);
    const floor = Math.min(suggest, best.score * OFFER_SHARE);
    // Whichever of several siblings saying the same fact is meant, the caller gets that fact:
    // only answers that differ are offered, the best of each first.
    // A service for the card the question does not name is no option, first or not, while another is:
    // "残疾证要去哪办" asks where to apply, not where to cancel one.
    const { item, service } = extractSlots(analysis.folded);
    const otherService = (entry: Entry) => item === '残疾证' && facetsOf(entry).about.has('service') && !(service && facetsOf(entry).about.get('service')!.has(service));
    const options: Ranked[] = [];
    for (const r of ranked) {
      if (r.score < floor || best.score - r.score >= 2 * this.options.margin + 0.1) break;
      if (otherService(r.entry) || isRemark(r.entry)) continue;
      if (!options.some((o) => this.sameFact(o.entry, r.entry))) options.push(r);
      if (options.length === 3) break;
    }
    if (!options.length && isRemark(best.entry)) return nothing();
    if (!options.length) options.push(best);
    if (!this.options.confidence && options.length === 1 && best.score >= this.options.answerWithLead) return { kind: 'answer', top: best, ranked };
    const likely = model !== undefined && sayable && sure >= LIKELY_AT && options[0].entry === best.entry && !(options[1]?.score > (1 - LIKELY_LEAD) * best.score);
    return { kind: 'clarify', options, ranked, ...(likely && { likely }) };
  }

  /** The confidence model's estimate that the best answer is right (-1 without a model). */
  private certainty(reading: Reading): number {
    const model = this.options.confidence;
    return model ? confidence(model, this.features(reading)) : -1;
  }

  /** Whether the best answer is clear enough to give by itself, by the score thresholds (no confidence model). */
  private clear(reading: Reading): boolean {
    const { answer, margin, answerWithLead, lead } = this.options;
    const answers = reading.ranked.filter((r) => r.entry.kind !== 'decline');
    const [best, next] = [answers[0].score, answers[1]?.score ?? 0];
    return (best >= answer && best - next >= margin) || (best >= answerWithLead && best - next >= lead);
  }

  /** What the confidence model reads off a ranking (the ranking must hold an answer). */
  features({ analysis, ranked: all, coverage, probability, linearBest, lexicalTop }: Reading): ConfidenceFeatures {
    const ranked = all.filter((r) => r.entry.kind !== 'decline');
    const best = ranked[0];
    const other = ranked.find((r) => !this.sameFact(r.entry, best.entry));
    const decline = all.find((r) => r.entry.kind === 'decline');
    const intent = intentOf(analysis.folded);
    const fits = (entry: Entry) => (intent && answersIntent(entry, intent) ? 1 : 0);
    const named = extractSlots(analysis.folded);
    return {
      score: best.score,
      lead: best.score - (ranked[1]?.score ?? 0),
      factLead: best.score - (other?.score ?? 0),
      probability: probability.get(best.index) ?? 0,
      agree: linearBest === best.index ? 1 : 0,
      lexical: best.lexical,
      lexicalAgree: lexicalTop > 0 && best.lexical >= lexicalTop ? 1 : 0,
      coverage,
      decline: (decline?.score ?? 0) / best.score,
      oneWord: analysis.words.length === 1 ? 1 : 0,
      relativeLead: (best.score - (other?.score ?? 0)) / best.score,
      intentLead: intent ? fits(best.entry) - (other ? fits(other.entry) : 0) : 0,
      slotConflict: SLOTS_TOLD.some((slot) => named[slot] && conflicts(best.entry, slot, named[slot])) ? 1 : 0,
    };
  }

  /**
   * The features of a query's ranking, for fitting the confidence model; undefined when the
   * model does not judge it (no answer ranks, or it names a document no wording names).
   */
  featuresOf(query: string): ConfidenceFeatures | undefined {
    const reading = this.read(query, 8);
    const judged = reading.ranked.some((r) => r.entry.kind !== 'decline') && !this.namesUnknownDocument(reading.analysis);
    return judged ? this.features(reading) : undefined;
  }

  private sameFact(a: Entry, b: Entry): boolean {
    // Worked out once per pair: the answers' bigrams were a tenth of a decision.
    const known = this.sameFacts.get(a) ?? this.sameFacts.set(a, new Map()).get(a)!;
    let same = known.get(b);
    if (same === undefined) known.set(b, (same = sameFact(a.answer, b.answer, this.options.sameAnswer)));
    return same;
  }

  /** One word, used by many entries: whichever entry ranks first, the caller may mean another. */
  private vague({ words }: Analysis): boolean {
    return words.length === 1 && (this.documents?.documentFrequency(`w:${words[0]}`) ?? 0) > this.options.vagueWord;
  }

  /**
   * Whether the query names a document or card that no answer's wordings name: a word ending in
   * 证/卡 they never use (健康证, 公交卡), or 证/卡 right after a word the wordings never
   * use, or one word further back (献血 证, 生育 服务 证). Verbs before 证 (拿到证) are words the
   * wordings use, so they never make a name.
   */
  private namesUnknownDocument({ tokens, words }: Analysis): boolean {
    const known = (w: string) => this.answerWords.has(w);
    // Particles and pronouns (这个证) are not names; neither is what folds onto a known word (残疾 证).
    // A number or an age names no document ("明年十八 证要不要换": the age the certificate is asked at).
    const unknown = (t: string | undefined) => t !== undefined && HAN_WORD.test(t) && !NUMBER_WORD.test(t) && words.includes(t) && !known(t);
    const knownName = (name: string) => {
      const folded = this.analyzer.analyze(name).words;
      return this.namedDocuments.has(name) || (folded.length === 1 && known(folded[0]));
    };
    return tokens.some((t, i) => {
      const head = DOCUMENT_HEADS.find((h) => t.endsWith(h));
      if (!head) return false;
      if (t !== head) return t.length >= 3 && unknown(t);
      const before = tokens[i - 1];
      if (before === undefined || !HAN_WORD.test(before) || !words.includes(before)) return false;
      return unknown(before) || (unknown(tokens[i - 2]) && !knownName(before + t));
    });
  }

  /** The decline entry whose object, one no answer names, the question names word for word. */
  private foreignNamed({ tokens }: Analysis): Entry | undefined {
    for (const [i, t] of tokens.entries()) {
      const found = this.foreignByFirst.get(t)?.find(({ run }) => run.every((w, j) => tokens[i + j] === w));
      if (found) return found.entry;
    }
    return undefined;
  }

  /**
   * Whether a question asks of the costs of getting there ("坐车的钱给报不", "来回车费能报销吗") and the
   * answer says nothing is paid without naming them: its "您不用掏钱" (of the appraisal fee) would read
   * as the fare paid.
   */
  private moneyForOther(analysis: Analysis, entry: Entry): boolean {
    const trip = TRIP_COST.exec(analysis.folded);
    return trip !== null && NOTHING_PAID.test(entry.answer) && !entry.answer.includes(trip[0]);
  }

  /**
   * The length in characters of the longest of a decline's objects the question names as words of its
   * own, not as what qualifies the noun after it (看病的本子, 门诊病历, 下雨老人去不了); 0 when it names none.
   */
  private objectAskedOf(entry: Entry, analysis: Analysis): number {
    const { tokens } = analysis;
    let longest = 0;
    for (const run of this.declineRuns.get(entry.id) ?? []) {
      for (let i = runAt(tokens, run); i >= 0; i = runAt(tokens, run, i + 1)) if (!qualifies(tokens[i + run.length])) longest = Math.max(longest, run.join('').length);
    }
    return longest;
  }

  private mentionsObject(entry: Entry, analysis: Analysis): boolean {
    return (this.declineObjects.get(entry.id) ?? []).some((o) => o && analysis.folded.includes(o));
  }

  /**
   * Whether the decline's object only sets the scene of a question about our certificate: one naming
   * it and no other office's document, for a decline not itself about disabled people (残疾人贷款).
   * Not an object no answer names ("我家狗腿瘸了能办残疾证吗": the dog is whom it asks of).
   */
  private sceneOfOurs(entry: Entry, query: string, analysis: Analysis): boolean {
    const foreign = (this.foreignObjects.get(entry.id) ?? []).some((run) => analysis.tokens.some((_, i) => run.every((w, j) => analysis.tokens[i + j] === w)));
    if (OUR_CERTIFICATE_SERVICE.test(analysis.folded)) return true;
    return OUR_CERTIFICATE.test(normalizeText(query)) && !OWN_SUBJECT.test(entry.question) && !foreign && !this.namesOtherCertificate(entry, analysis);
  }

  /** Whether the question names a decline's certificate or licence other than the ID card our applications take. */
  private namesOtherCertificate(entry: Entry, analysis: Analysis): boolean {
    return (this.declineObjects.get(entry.id) ?? []).some((o) => o && CERTIFICATE_OR_LICENCE.test(o) && !OUR_MATERIALS.has(o) && analysis.folded.includes(o));
  }
}

/**
 * The `count` entries closest to a document by BM25, asked without the features more than
 * `RARE` entries share: those tell nothing about which entries are confusable, and their long
 * postings would make a 10,000-entry knowledge base take minutes to train. Ties go by id, not
 * by the entries' order in the files.
 */
function top(index: Bm25Index, doc: FeatureBag, count: number, ids: string[]): number[] {
  const rare = new Map([...doc].filter(([key]) => index.documentFrequency(key) <= RARE));
  const scored: [number, number][] = [];
  // Rounded: the sums' last bits follow the order of the files (the average length), not the entries.
  index.score(rare, (e, s) => scored.push([e, Math.round(s * 1e9)]));
  const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
  return scored.sort((a, b) => b[1] - a[1] || byId(a[0], b[0])).slice(0, count).map(([e]) => e);
}

/**
 * Whether any of `lists` holds a run of words, looked for only where its first word stands (an
 * index made once: scanning every wording for each object was a tenth of the start-up's build).
 */
function runFinder(lists: string[][]): (run: string[]) => boolean {
  const places = new Map<string, number[]>();
  lists.forEach((words, i) => {
    words.forEach((w, k) => {
      const at = places.get(w);
      if (at) at.push(i, k);
      else places.set(w, [i, k]);
    });
  });
  return (run) => {
    const at = places.get(run[0]) ?? [];
    for (let p = 0; p < at.length; p += 2) {
      const words = lists[at[p]];
      if (run.every((w, j) => words[at[p + 1] + j] === w)) return true;
    }
    return false;
  };
}

/** Where `run` is next said in `words` from `from`, or -1: tried only where its first word is (every decline's runs are tried on every question). */
function runAt(words: string[], run: string[], from = 0): number {
  if (run.length === 0) return from <= words.length ? from : -1;
  for (let i = words.indexOf(run[0], from); i >= 0 && i + run.length <= words.length; i = words.indexOf(run[0], i + 1)) {
    if (run.every((w, j) => words[i + j] === w)) return i;
  }
  return -1;
}

/** Whether a word after an object makes the object qualify it: 的, or a noun (门诊 病历) but the object's own card, proof or subsidy (公交 卡). */
function qualifies(next: string | undefined): boolean {
  return next !== undefined && !FOREIGN_HEADS.has(next) && (next === '的' || /^n(?!v)/u.test(tag(next, false)[0]?.tag ?? ''));
}

/** Whether `words` hold `run` right before a word for a subsidy, proof or card (暖气 补贴). */
function headedRun(words: string[], run: string[]): boolean {
  for (let i = runAt(words, run); i >= 0; i = runAt(words, run, i + 1)) if (FOREIGN_HEADS.has(words[i + run.length])) return true;
  return false;
}

/** Whether two answers say the same (Dice coefficient of their character bigrams). */
export function sameFact(a: string, b: string, threshold: number): boolean {
  if (a === b) return true;
  const grams = (s: string) => {
    const chars = [...s.replace(/\s+/g, '')];
    const set = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i] + chars[i + 1]);
    return set;
  };
  const x = grams(a);
  const y = grams(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size || 1) >= threshold;
}
