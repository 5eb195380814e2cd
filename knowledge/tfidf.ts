import type { FeatureBag } from './features.js';
import { InvertedIndex, Vocabulary, type Visit } from './sparse.js';

export interface TfIdfOptions {
  /**
   * Weight of a query word the KB never uses, relative to its rarest word: unknown words
   * dilute the match (out-of-scope questions are full of them), but a long colloquial
   * question also carries a few.
   */
  unknownWeight: number;
  /** Share of an entry's score that comes from all its wordings together rather than the closest one. */
  centroid: number;
}

/**
 * TF-IDF cosine ranking (the bot's first ranking, kept as one voice of the blend). An entry's
 * score blends its closest wording with all its wordings taken together, so one lucky
 * alternate does not outrank an entry the whole of whose wordings fit.
 */
export class TfIdfIndex {
  private readonly vocabulary = new Vocabulary();
  private readonly idf: number[] = [];
  private readonly unknownIdf: number;
  private readonly wordings: InvertedIndex;
  private readonly centroids: InvertedIndex;
  // Per-query scratch space, reused so a query allocates nothing per entry.
  private readonly closest: Float32Array;
  private readonly together: Float32Array;
  private readonly centroid: number;

  /** `bags[i]` is a wording of entry `owners[i]`; `merged[e]`, entry e's wordings' bags summed (its centroid's). */
  constructor(bags: FeatureBag[], private readonly owners: Int32Array, merged: FeatureBag[], options: TfIdfOptions) {
    for (const bag of bags) this.vocabulary.addDocument(bag);
    const n = bags.length;
    for (const d of this.vocabulary.df) this.idf.push(Math.log((n + 1) / (d + 1)) + 1);
    this.unknownIdf = (Math.log(n + 1) + 1) * options.unknownWeight;
    this.wordings = new InvertedIndex(bags.map((b) => this.vector(b)), this.vocabulary.size);
    this.centroids = new InvertedIndex(merged.map((b) => this.vector(b)), this.vocabulary.size);
    this.closest = new Float32Array(merged.length);
    this.together = new Float32Array(merged.length);
    this.centroid = options.centroid;
  }

  /** Unit-length TF-IDF vector over known features; unknown ones count only in the norm. */
  private vector(bag: FeatureBag): [number, number][] {
    const known: [number, number][] = [];
    let norm2 = 0;
    for (const [key, tf] of bag) {
      const id = this.vocabulary.id(key);
      const w = (1 + Math.log(tf)) * (id === undefined ? this.unknownIdf : this.idf[id]);
      norm2 += w * w;
      if (id !== undefined) known.push([id, w]);
    }
    const norm = Math.sqrt(norm2) || 1;
    return known.map(([id, w]) => [id, w / norm]);
  }

  /** Calls `visit(entry, score in [0, 1])` for every entry sharing a feature with the query. */
  score(query: FeatureBag, visit: Visit): void {
    const known = this.vector(query);
    if (known.length === 0) return;
    const { closest, together } = this;
    const touched: number[] = [];
    const { owners, wordings, centroids } = this;
    for (let k = 0, n = wordings.score(known); k < n; k++) {
      const doc = wordings.touched[k];
      const s = wordings.sums[doc];
      const e = owners[doc];
      if (closest[e] === 0) touched.push(e);
      if (s > closest[e]) closest[e] = s;
    }
    for (let k = 0, n = centroids.score(known); k < n; k++) {
      const e = centroids.touched[k];
      together[e] = centroids.sums[e];
    }
    const c = this.centroid;
    for (const e of touched) {
      visit(e, Math.min(1, (1 - c) * closest[e] + c * together[e]));
      closest[e] = 0;
      together[e] = 0;
    }
  }
}
