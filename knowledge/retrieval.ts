import type { FeatureBag, FeatureExtractor } from './features.js';
import type { Entry } from './loader.js';

export interface Ranked {
  entry: Entry;
  /** Cosine similarity of the query to the entry's closest wording, in [0, 1]. */
  score: number;
}

/** What the bot does with a query: answer, ask which one was meant, decline, or admit not knowing. */
export type Decision =
  | { kind: 'answer'; top: Ranked; ranked: Ranked[] }
  | { kind: 'clarify'; options: Ranked[]; ranked: Ranked[] }
  | { kind: 'decline'; top: Ranked; ranked: Ranked[] }
  | { kind: 'none'; ranked: Ranked[] };

export interface Thresholds {
  /** Top score from which the bot answers by itself. */
  answer: number;
  /** Lowest score still worth offering as "您想问的是". */
  suggest: number;
  /** Below this gap between the top two, the bot asks which was meant. */
  margin: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, suggest: 0.3, margin: 0.05 };

/**
 * TF-IDF cosine ranking over every wording (canonical question and alternates) of every entry,
 * with an inverted index so a query touches only the wordings that share a feature with it.
 */
export class RetrievalIndex {
  private readonly featureIds = new Map<string, number>();
  private readonly idf: number[] = [];
  private readonly unknownIdf: number;
  private readonly postings: { docs: Int32Array; weights: Float32Array }[] = [];
  private readonly docEntry: Int32Array;
  private readonly scratch: Float32Array;

  constructor(
    readonly entries: Entry[],
    private readonly extractor: FeatureExtractor,
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {
    const bags: FeatureBag[] = [];
    const owners: number[] = [];
    entries.forEach((entry, i) => {
      for (const wording of [entry.question, ...entry.alternates]) {
        bags.push(extractor.extract(wording));
        owners.push(i);
      }
    });
    this.docEntry = Int32Array.from(owners);
    this.scratch = new Float32Array(bags.length);

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
    // A query word the KB never uses weighs like the rarest word: it dilutes the match.
    this.unknownIdf = Math.log(n + 1) + 1;

    const lists: { docs: number[]; weights: number[] }[] = df.map(() => ({ docs: [], weights: [] }));
    bags.forEach((bag, doc) => {
      const weighted = [...bag].map(([key, tf]) => {
        const id = this.featureIds.get(key)!;
        return [id, (1 + Math.log(tf)) * this.idf[id]] as const;
      });
      const norm = Math.hypot(...weighted.map(([, w]) => w)) || 1;
      for (const [id, w] of weighted) {
        lists[id].docs.push(doc);
        lists[id].weights.push(w / norm);
      }
    });
    this.postings = lists.map((l) => ({ docs: Int32Array.from(l.docs), weights: Float32Array.from(l.weights) }));
  }

  /** Entries best first, one score per entry (its closest wording). */
  rank(query: string, top = 5): Ranked[] {
    const bag = this.extractor.extract(query);
    const known: [number, number][] = [];
    let norm2 = 0;
    for (const [key, tf] of bag) {
      const id = this.featureIds.get(key);
      const w = (1 + Math.log(tf)) * (id === undefined ? this.unknownIdf : this.idf[id]);
      norm2 += w * w;
      if (id !== undefined) known.push([id, w]);
    }
    if (known.length === 0) return [];
    const qNorm = Math.sqrt(norm2);

    const acc = this.scratch;
    const touched: number[] = [];
    for (const [id, w] of known) {
      const { docs, weights } = this.postings[id];
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        if (acc[d] === 0) touched.push(d);
        acc[d] += (w / qNorm) * weights[i];
      }
    }
    const best = new Map<number, number>();
    for (const d of touched) {
      const e = this.docEntry[d];
      const s = Math.min(1, acc[d]);
      acc[d] = 0;
      if (s > (best.get(e) ?? 0)) best.set(e, s);
    }
    return [...best]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([e, score]) => ({ entry: this.entries[e], score: round(score) }));
  }

  /** Ranks and decides. `ranked` holds only entries that can be given as answers. */
  decide(query: string, top = 3): Decision {
    const { answer, suggest, margin } = this.thresholds;
    const all = this.rank(query, top + 5);
    const ranked = all.filter((r) => r.entry.kind !== 'decline').slice(0, top);
    const first = all[0];
    if (!first || first.score < suggest) return { kind: 'none', ranked };
    if (first.entry.kind === 'decline') return { kind: 'decline', top: first, ranked };
    const second = ranked[1];
    const close = second !== undefined && first.score - second.score < margin;
    if (first.score >= answer && !close) return { kind: 'answer', top: first, ranked };
    const options = ranked.filter((r) => r.score >= suggest && first.score - r.score < 2 * margin + 0.1).slice(0, 3);
    if (options.length === 1 && first.score >= answer) return { kind: 'answer', top: first, ranked };
    return { kind: 'clarify', options, ranked };
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
