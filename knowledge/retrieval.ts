import type { FeatureBag, FeatureExtractor } from './features.js';
import type { Entry } from './loader.js';
import type { EntryKind } from './schema.js';

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
  /** Top score from which the bot answers by itself. */
  answer: number;
  /** Lowest score still worth offering as "您想问的是". */
  suggest: number;
  /** Below this gap between the top two, the bot asks which was meant. */
  margin: number;
  /** A lower score that still answers when the best entry leads the next by at least `lead`. */
  answerWithLead: number;
  lead: number;
  /**
   * Weight of a query word the KB never uses, relative to its rarest word: unknown words
   * dilute the match (out-of-scope questions are full of them), but a long colloquial
   * question also carries a few.
   */
  unknownWeight: number;
  /** Share of an entry's score that comes from all its wordings together rather than the closest one. */
  centroid: number;
  /**
   * Score multipliers by entry kind: small talk and out-of-scope entries must fit clearly
   * better than content to win ("谁来评定" is not "你是谁"; "照片" alone is about this service).
   */
  kindWeight: Partial<Record<EntryKind, number>>;
}

// Tuned on our first hold-out set, checked on the second (see BENCHMARKS.md).
export const DEFAULT_RANKING: RankingOptions = {
  answer: 0.38,
  margin: 0.015,
  answerWithLead: 0.28,
  lead: 0.05,
  suggest: 0.25,
  centroid: 0.7,
  unknownWeight: 0.8,
  kindWeight: { smalltalk: 0.9, decline: 1 },
};

/** Sparse vectors in an inverted index: a query touches only documents sharing a feature with it. */
class InvertedIndex {
  private readonly postings: { docs: Int32Array; weights: Float32Array }[];
  private readonly acc: Float32Array;

  constructor(vectors: [number, number][][], features: number) {
    const lists = Array.from({ length: features }, () => ({ docs: [] as number[], weights: [] as number[] }));
    vectors.forEach((vector, doc) => {
      for (const [id, w] of vector) {
        lists[id].docs.push(doc);
        lists[id].weights.push(w);
      }
    });
    this.postings = lists.map((l) => ({ docs: Int32Array.from(l.docs), weights: Float32Array.from(l.weights) }));
    this.acc = new Float32Array(vectors.length);
  }

  /** Calls `visit(doc, cosine)` for every document with a non-zero score. */
  score(query: [number, number][], visit: (doc: number, score: number) => void): void {
    const touched: number[] = [];
    for (const [id, w] of query) {
      const { docs, weights } = this.postings[id];
      for (let i = 0; i < docs.length; i++) {
        if (this.acc[docs[i]] === 0) touched.push(docs[i]);
        this.acc[docs[i]] += w * weights[i];
      }
    }
    for (const d of touched) {
      visit(d, Math.min(1, this.acc[d]));
      this.acc[d] = 0;
    }
  }
}

/**
 * TF-IDF cosine ranking. An entry's score blends its closest wording (canonical question or an
 * alternate) with all its wordings taken together, so one lucky alternate does not outrank an
 * entry the whole of whose wordings fit.
 */
export class RetrievalIndex {
  private readonly featureIds = new Map<string, number>();
  private readonly idf: number[] = [];
  private readonly unknownIdf: number;
  private readonly wordings: InvertedIndex;
  private readonly centroids: InvertedIndex;
  private readonly wordingEntry: Int32Array;
  // Per-query scratch space, reused so a query allocates nothing per entry.
  private readonly closest: Float32Array;
  private readonly together: Float32Array;

  constructor(
    readonly entries: Entry[],
    private readonly extractor: FeatureExtractor,
    readonly options: RankingOptions = DEFAULT_RANKING,
  ) {
    const bags: FeatureBag[] = [];
    const owners: number[] = [];
    const merged: FeatureBag[] = entries.map(() => new Map());
    entries.forEach((entry, i) => {
      for (const wording of [entry.question, ...entry.alternates]) {
        const bag = extractor.extract(wording);
        bags.push(bag);
        owners.push(i);
        for (const [k, tf] of bag) merged[i].set(k, (merged[i].get(k) ?? 0) + tf);
      }
    });
    this.wordingEntry = Int32Array.from(owners);
    this.closest = new Float32Array(entries.length);
    this.together = new Float32Array(entries.length);

    const df: number[] = [];
    for (const bag of bags) {
      for (const key of bag.keys()) {
        let id = this.featureIds.get(key);
        if (id === undefined) {
          id = this.featureIds.size;
          this.featureIds.set(key, id);
          df.push(0);
        }
        df[id]++;
      }
    }
    const n = bags.length;
    for (const d of df) this.idf.push(Math.log((n + 1) / (d + 1)) + 1);
    this.unknownIdf = (Math.log(n + 1) + 1) * options.unknownWeight;
    this.wordings = new InvertedIndex(bags.map((b) => this.vector(b).known), df.length);
    this.centroids = new InvertedIndex(merged.map((b) => this.vector(b).known), df.length);
  }

  /** Unit-length TF-IDF vector over known features; unknown ones count only in the norm. */
  private vector(bag: FeatureBag): { known: [number, number][] } {
    const known: [number, number][] = [];
    let norm2 = 0;
    for (const [key, tf] of bag) {
      const id = this.featureIds.get(key);
      const w = (1 + Math.log(tf)) * (id === undefined ? this.unknownIdf : this.idf[id]);
      norm2 += w * w;
      if (id !== undefined) known.push([id, w]);
    }
    const norm = Math.sqrt(norm2) || 1;
    return { known: known.map(([id, w]) => [id, w / norm]) };
  }

  /** Entries best first. */
  rank(query: string, top = 5): Ranked[] {
    const { known } = this.vector(this.extractor.extract(query));
    if (known.length === 0) return [];
    const closest = this.closest;
    const touched: number[] = [];
    this.wordings.score(known, (doc, s) => {
      const e = this.wordingEntry[doc];
      if (closest[e] === 0) touched.push(e);
      if (s > closest[e]) closest[e] = s;
    });
    const together = this.together;
    this.centroids.score(known, (e, s) => {
      together[e] = s;
    });
    const { centroid: c, kindWeight } = this.options;
    // Keep the best `top` in a small sorted array: sorting every touched entry costs more.
    const best: [number, number][] = [];
    for (const e of touched) {
      const score = ((1 - c) * closest[e] + c * together[e]) * (kindWeight[this.entries[e].kind] ?? 1);
      closest[e] = 0;
      if (best.length === top && score <= best[top - 1][1]) continue;
      let i = best.length === top ? top - 1 : best.length;
      while (i > 0 && best[i - 1][1] < score) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = [e, score];
    }
    together.fill(0);
    return best.map(([e, score]) => ({ entry: this.entries[e], score: Math.round(score * 1e4) / 1e4 }));
  }

  /** Ranks and decides. `ranked` holds only entries that can be given as answers. */
  decide(query: string, top = 3): Decision {
    const { answer, suggest, margin, answerWithLead, lead } = this.options;
    const all = this.rank(query, top + 5);
    const ranked = all.filter((r) => r.entry.kind !== 'decline').slice(0, top);
    const best = ranked[0];
    // An out-of-scope topic that fits about as well as the best answer wins: better to send the
    // caller elsewhere than to answer a question about an ID card with the disability card.
    const decline = all.find((r) => r.entry.kind === 'decline');
    if (decline && decline.score >= answerWithLead && decline.score >= (best?.score ?? 0) - margin) {
      return { kind: 'decline', top: decline, ranked };
    }
    if (!best || best.score < suggest) return { kind: 'none', ranked };
    const gap = best.score - (ranked[1]?.score ?? 0);
    if ((best.score >= answer && gap >= margin) || (best.score >= answerWithLead && gap >= lead)) {
      return { kind: 'answer', top: best, ranked };
    }
    const options = ranked.filter((r) => r.score >= suggest && best.score - r.score < 2 * margin + 0.1).slice(0, 3);
    if (options.length === 1 && best.score >= answer) return { kind: 'answer', top: best, ranked };
    return { kind: 'clarify', options, ranked };
  }
}
