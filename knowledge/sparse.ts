import type { FeatureBag } from './features.js';

/** Feature names to dense ids, with each feature's document frequency. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly df: number[] = [];

  /** Counts every bag's features once; call once per document. */
  addDocument(bag: FeatureBag): void {
    for (const key of bag.keys()) {
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(key, id);
        this.df.push(0);
      }
      this.df[id]++;
    }
  }

  id(key: string): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.df.length;
  }
}

/** Called with a document (or class) and its score, once per scored document. */
export type Visit = (doc: number, score: number) => void;

/**
 * Sparse vectors in an inverted index: a query touches only documents sharing a feature with it.
 * The postings lie in three flat arrays (a feature's run of documents from `starts[id]`), built
 * in two passes: one object per feature was most of the index's build time and garbage.
 */
export class InvertedIndex {
  private readonly starts: Int32Array;
  private readonly docs: Int32Array;
  private readonly weights: Float32Array;
  /** The last query's dot product with each document it touched (see `score`). */
  readonly sums: Float32Array;
  // Weights may be negative (the linear model's), so a zero sum does not mean "not touched".
  private readonly seen: Uint8Array;
  /**
   * The documents the last query touched, in the order first met. Kept, not grown per query: a
   * query touches most wordings, and that growing array was a quarter of a turn's garbage.
   */
  readonly touched: Int32Array;
  private count = 0;

  constructor(vectors: [number, number][][], features: number) {
    const starts = new Int32Array(features + 1);
    for (const vector of vectors) for (const [id] of vector) starts[id + 1]++;
    for (let id = 0; id < features; id++) starts[id + 1] += starts[id];
    const next = starts.slice(0, features);
    this.docs = new Int32Array(starts[features]);
    this.weights = new Float32Array(starts[features]);
    // Documents in order within each feature's run, as the scores' sums expect.
    vectors.forEach((vector, doc) => {
      for (const [id, w] of vector) {
        const at = next[id]++;
        this.docs[at] = doc;
        this.weights[at] = w;
      }
    });
    this.starts = starts;
    this.sums = new Float32Array(vectors.length);
    this.seen = new Uint8Array(vectors.length);
    this.touched = new Int32Array(vectors.length);
  }

  /**
   * Scores the query against every document sharing a feature with it: returns how many it
   * touched, `touched[0..count)`, each one's dot product in `sums[doc]`, valid until the next
   * query. Read in place, not passed to a callback per document: each sum passed was boxed, and
   * the wordings' index touches thousands a query.
   */
  score(query: [number, number][]): number {
    const { starts, docs, weights, sums, seen, touched } = this;
    for (let k = 0; k < this.count; k++) {
      const d = touched[k];
      sums[d] = 0;
      seen[d] = 0;
    }
    let count = 0;
    for (const [id, w] of query) {
      for (let i = starts[id]; i < starts[id + 1]; i++) {
        const doc = docs[i];
        if (!seen[doc]) {
          seen[doc] = 1;
          touched[count++] = doc;
        }
        sums[doc] += w * weights[i];
      }
    }
    return (this.count = count);
  }
}
