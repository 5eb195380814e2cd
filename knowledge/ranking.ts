import { Bm25Index, DEFAULT_BM25, type Bm25Options } from './bm25.js';
import { lexicalBag, modelBag, type Analysis, type FeatureBag, type TextAnalyzer } from './features.js';
import { DEFAULT_SOFTMAX, SoftmaxModel, type SoftmaxOptions } from './linearModel.js';
import type { Entry } from './loader.js';
import type { ModelCache } from './modelCache.js';
import type { EntryKind } from './schema.js';
import { TfIdfIndex, type TfIdfOptions } from './tfidf.js';

export interface Ranked {
  entry: Entry;
  /** Similarity of the query to the entry, in [0, 1]. */
  score: number;
}

/** What the bot does with a query: answer, ask which one was meant, decline, or admit not knowing. */
export type Decision =
  | { kind: 'answer'; top: Ranked; ranked: Ranked[] }
  | { kind: 'clarify'; options: Ranked[]; ranked: Ranked[] }
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
 * The blend the bot uses. Weights chosen on 2 of the 5 k-fold folds; thresholds where the
 * k-fold answered-but-wrong and our hold-out sets' answered-and-right balanced (BENCHMARKS.md).
 */
export const DEFAULT_RANKING = ranking({ tfidf: 0.2, bm25: 0.2, linear: 0.6 }, { answer: 0.32, margin: 0.05, answerWithLead: 0.25, lead: 0.08, suggest: 0.25 });

// A decline entry scoring below this is no evidence the question is out of scope.
const DECLINE_FLOOR = 0.2;

// How much a typo-corrected reading must raise the top score to be preferred to the text as typed.
const CLEARLY_BETTER = 0.05;

// Below this the model's probability for an entry is noise, not worth blending.
const MIN_PROBABILITY = 0.01;

// Entries sharing a feature, above which it does not help find an entry's neighbours.
const RARE = 32;

// Hard negatives per entry for the linear model: the entries whose wordings resemble its own.
const NEIGHBOURS = 12;

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
  /** Decline entries' objects (身份证, 护照...), folded as queries are. */
  private readonly declineObjects: Map<string, string[]>;

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
    const lexical = analyses.map((a) => lexicalBag(a));
    const { weights } = options;
    if (weights.tfidf > 0) this.tfidf = new TfIdfIndex(lexical, Int32Array.from(owners), entries.length, options.tfidf);
    if (weights.bm25 > 0 || weights.linear > 0) {
      const documents: FeatureBag[] = entries.map(() => new Map());
      lexical.forEach((bag, i) => {
        const doc = documents[owners[i]];
        for (const [k, v] of bag) doc.set(k, (doc.get(k) ?? 0) + v);
      });
      const bm25 = new Bm25Index(documents, options.bm25);
      this.documents = bm25;
      if (weights.bm25 > 0) this.bm25 = bm25;
      if (weights.linear > 0) {
        const samples = analyses.map((a, i) => ({ bag: modelBag(a), label: owners[i] }));
        const neighbours = (label: number) => top(bm25, documents[label], NEIGHBOURS + 1);
        this.linear = new SoftmaxModel(samples, entries.length, neighbours, options.softmax, options.modelCache);
      }
    }
    this.blended = new Float32Array(entries.length);
    this.declineObjects = new Map(
      entries.map((e) => [e.id, (e.about ?? []).map((w) => analyzer.analyze(w).folded)]),
    );
  }

  /** Entries best first. */
  rank(query: string, top = 5): Ranked[] {
    return this.read(query, top).ranked;
  }

  /**
   * The query as typed, or with its sound-alike typos corrected when that reading clearly fits
   * the knowledge base better (护里补帖 -> 护理补贴); a correct text is never made worse by a
   * "correction" that happens to sound alike.
   */
  private read(query: string, top: number): { analysis: Analysis; ranked: Ranked[] } {
    const analysis = this.analyzer.analyze(query);
    const ranked = this.rankAnalysis(analysis, top);
    const fixed = this.analyzer.corrected(query);
    if (!fixed) return { analysis, ranked };
    const better = this.rankAnalysis(fixed, top);
    return (better[0]?.score ?? 0) >= (ranked[0]?.score ?? 0) + CLEARLY_BETTER ? { analysis: fixed, ranked: better } : { analysis, ranked };
  }

  private rankAnalysis(analysis: Analysis, top: number): Ranked[] {
    if (analysis.words.length === 0) return [];
    const { weights, kindWeight } = this.options;
    const blended = this.blended;
    const touched: number[] = [];
    const add = (weight: number) => (e: number, s: number) => {
      if (blended[e] === 0) touched.push(e);
      blended[e] += weight * s;
    };
    const lexical = lexicalBag(analysis);
    this.tfidf?.score(lexical, add(weights.tfidf));
    this.bm25?.score(lexical, add(weights.bm25));
    // The model gives every class a probability; the negligible ones are left out of the blend.
    // A probability ignores the words the model never saw, which fill out-of-scope questions
    // ("坐高铁能打折吗"): it counts in proportion to the share of the query the KB knows.
    if (this.linear) {
      const addLinear = add(weights.linear * (this.documents?.coverage(lexical) ?? 1));
      this.linear.score(modelBag(analysis), (e, p) => {
        if (p >= MIN_PROBABILITY) addLinear(e, p);
      });
    }
    // Keep the best `top` in a small sorted array: sorting every touched entry costs more.
    const best: [number, number][] = [];
    for (const e of touched) {
      const score = Math.min(1, blended[e]) * (kindWeight[this.entries[e].kind] ?? 1);
      blended[e] = 0;
      if (score <= 0 || (best.length === top && score <= best[top - 1][1])) continue;
      let i = best.length === top ? top - 1 : best.length;
      while (i > 0 && best[i - 1][1] < score) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = [e, score];
    }
    return best.map(([e, score]) => ({ entry: this.entries[e], score: Math.round(score * 1e4) / 1e4 }));
  }

  /** Ranks and decides. `ranked` holds only entries that can be given as answers. */
  decide(query: string, top = 3): Decision {
    const { answer, suggest, margin, answerWithLead, lead, declineMargin } = this.options;
    const { analysis, ranked: all } = this.read(query, top + 5);
    const ranked = all.filter((r) => r.entry.kind !== 'decline').slice(0, top);
    const best = ranked[0];
    // An out-of-scope topic wins when the question is about its object (身份证, 护照...) and it
    // fits about as well as the best answer; a shared word (照片, 被偷) is not enough.
    const decline = all.find((r) => r.entry.kind === 'decline' && this.mentionsObject(r.entry, analysis));
    if (decline && decline.score >= DECLINE_FLOOR && decline.score >= (best?.score ?? 0) - declineMargin) {
      return { kind: 'decline', top: decline, ranked };
    }
    if (!best || best.score < suggest) return { kind: 'none', ranked };
    const gap = best.score - (ranked[1]?.score ?? 0);
    const clear = (best.score >= answer && gap >= margin) || (best.score >= answerWithLead && gap >= lead);
    if (clear && !this.vague(analysis)) {
      return { kind: 'answer', top: best, ranked };
    }
    const options = ranked.filter((r) => r.score >= suggest && best.score - r.score < 2 * margin + 0.1).slice(0, 3);
    // Near-identical siblings: whichever is meant, the caller gets the same fact.
    const same = options.every((o) => sameFact(o.entry.answer, best.entry.answer, this.options.sameAnswer));
    if ((options.length === 1 || same) && best.score >= answerWithLead) return { kind: 'answer', top: best, ranked };
    return { kind: 'clarify', options, ranked };
  }

  /** One word, used by many entries: whichever entry ranks first, the caller may mean another. */
  private vague({ words }: Analysis): boolean {
    return words.length === 1 && (this.documents?.documentFrequency(`w:${words[0]}`) ?? 0) > this.options.vagueWord;
  }

  private mentionsObject(entry: Entry, analysis: Analysis): boolean {
    return (this.declineObjects.get(entry.id) ?? []).some((o) => o && analysis.folded.includes(o));
  }
}

/**
 * The `count` entries closest to a document by BM25, asked without the features more than
 * `RARE` entries share: those tell nothing about which entries are confusable, and their long
 * postings would make a 10,000-entry knowledge base take minutes to train.
 */
function top(index: Bm25Index, doc: FeatureBag, count: number): number[] {
  const rare = new Map([...doc].filter(([key]) => index.documentFrequency(key) <= RARE));
  const scored: [number, number][] = [];
  index.score(rare, (e, s) => scored.push([e, s]));
  return scored.sort((a, b) => b[1] - a[1]).slice(0, count).map(([e]) => e);
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
