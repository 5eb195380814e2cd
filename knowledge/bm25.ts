import type { FeatureBag } from './features.js';
import { InvertedIndex, Vocabulary, type Visit } from './sparse.js';

export interface Bm25Options {
  k1: number;
  b: number;
  /** Weight of a query feature no entry uses, relative to the rarest one the KB has. */
  unknownWeight: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75, unknownWeight: 1 };

/**
 * Okapi BM25 with each entry's wordings joined into one document. A score is divided by the
 * query's self-score (the sum of its features' idf, features no entry uses at the highest idf),
 * so it lies in [0, 1] and words the KB never uses count against a match.
 */
export class Bm25Index {
  private readonly vocabulary = new Vocabulary();
  private readonly idf: number[] = [];
  private readonly unknownIdf: number;
  private readonly index: InvertedIndex;
  private readonly saturate: (tf: number, length: number) => number;
  private readonly averageLength: number;

  constructor(documents: FeatureBag[], options: Bm25Options = DEFAULT_BM25) {
    for (const doc of documents) this.vocabulary.addDocument(doc);
    const n = documents.length;
    for (const df of this.vocabulary.df) this.idf.push(Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5) * options.unknownWeight;
    const lengths = documents.map((d) => [...d.values()].reduce((a, v) => a + v, 0));
    const avg = (this.averageLength = lengths.reduce((a, l) => a + l, 0) / (n || 1) || 1);
    // Saturated term weights: a document holding a query's features as often as the query, at
    // average length, scores exactly the query's self-score.
    this.saturate = (tf, length) => (tf * (options.k1 + 1)) / (tf + options.k1 * (1 - options.b + (options.b * length) / avg));
    const vectors = documents.map((doc, i) =>
      [...doc].map(([key, tf]): [number, number] => {
        const id = this.vocabulary.id(key)!;
        return [id, this.idf[id] * this.saturate(tf, lengths[i])];
      }),
    );
    this.index = new InvertedIndex(vectors, this.vocabulary.size);
  }

  /** How many documents hold a feature. */
  documentFrequency(key: string): number {
    const id = this.vocabulary.id(key);
    return id === undefined ? 0 : this.vocabulary.df[id];
  }

  /** The share of a query's self-score that features known to some document carry, in [0, 1]. */
  coverage(query: FeatureBag): number {
    const self = this.selfScore(query);
    const known = this.selfScore(new Map([...query].filter(([key]) => this.vocabulary.id(key) !== undefined)));
    return self > 0 ? known / self : 0;
  }

  /** Calls `visit(entry, score in [0, 1])` for every entry sharing a feature with the query. */
  score(query: FeatureBag, visit: Visit): void {
    const self = this.selfScore(query);
    const known: [number, number][] = [];
    for (const key of query.keys()) {
      const id = this.vocabulary.id(key);
      // The query's own weight only says how often it holds a feature: the document's tf counts.
      if (id !== undefined) known.push([id, 1]);
    }
    if (known.length === 0) return;
    const { index } = this;
    for (let k = 0, n = index.score(known); k < n; k++) {
      const doc = index.touched[k];
      visit(doc, Math.min(1, index.sums[doc] / self));
    }
  }

  /** The query scored against itself as a document of average length; unknown features at the highest idf. */
  private selfScore(query: FeatureBag): number {
    let self = 0;
    for (const [key, w] of query) {
      const id = this.vocabulary.id(key);
      self += (id === undefined ? this.unknownIdf : this.idf[id]) * this.saturate(w, this.averageLength);
    }
    return self;
  }
}
