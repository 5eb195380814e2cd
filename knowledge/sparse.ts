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

/** Sparse vectors in an inverted index: a query touches only documents sharing a feature with it. */
export class InvertedIndex {
  private readonly postings: { docs: Int32Array; weights: Float32Array }[];
  private readonly acc: Float32Array;
  // Weights may be negative (the linear model's), so a zero sum does not mean "not touched".
  private readonly seen: Uint8Array;

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
    this.seen = new Uint8Array(vectors.length);
  }

  /** Calls `visit(doc, dot product)` for every document sharing a feature with the query. */
  score(query: [number, number][], visit: Visit): void {
    const touched: number[] = [];
    for (const [id, w] of query) {
      const { docs, weights } = this.postings[id];
      for (let i = 0; i < docs.length; i++) {
        if (!this.seen[docs[i]]) {
          this.seen[docs[i]] = 1;
          touched.push(docs[i]);
        }
        this.acc[docs[i]] += w * weights[i];
      }
    }
    for (const d of touched) {
      visit(d, this.acc[d]);
      this.acc[d] = 0;
      this.seen[d] = 0;
    }
  }
}
