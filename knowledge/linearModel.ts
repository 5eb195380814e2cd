import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureBag } from './features.js';
import type { ModelCache } from './modelCache.js';
import { hashOf } from './random.js';
import { NEIGHBOUR_LIMIT, trainWeights, type Encoded, type SoftmaxOptions, type TrainingJob } from './softmaxTraining.js';
import type { Visit } from './sparse.js';
import { standBy, type StandingWorker } from './workerJob.js';

export type { SoftmaxOptions } from './softmaxTraining.js';

export interface Sample {
  bag: FeatureBag;
  label: number;
  /** What the sample is (its wording's text): its place in the training follows from this alone. */
  key: string;
}

// 6 epochs, not 4: with 4 the weights still depended on the shuffle, so any new wording moved
// near-ties elsewhere (BENCHMARKS.md, session 5); 8 did a little better but costs the start-up second.
export const DEFAULT_SOFTMAX: SoftmaxOptions = { epochs: 6, rate: 8, randomNegatives: 15 };

// The model's and the training's code: a change to how the model trains must not load weights trained the old way.
const TRAINING_CODE = Buffer.concat(
  [import.meta.url, new URL('./softmaxTraining.js', import.meta.url).href].map((url) => readFileSync(fileURLToPath(url))),
);

// The process's first training of at least this many samples (the start-up build: the shipped
// knowledge base has 3,700) runs on a worker thread while the rest of the knowledge base is built.
// Later ones (evaluation folds, tests) train here, where the code is already optimised: a new
// worker compiles it afresh, which on a busy machine costs more than it overlaps. A smaller set
// trains quicker than a thread starts.
export const WORKER_MIN_SAMPLES = 1000;
// That worker, started when this module loads (first thing in the entry points: see
// knowledge/startUpWorkers.ts), so its start and its warm-up overlap the program's loading.
let standing: StandingWorker<TrainingJob, Float32Array> | undefined = standBy(new URL('./trainingWorker.js', import.meta.url));

/** The standing worker, to the first large training only. */
function takeWorker(): StandingWorker<TrainingJob, Float32Array> | undefined {
  const worker = standing;
  standing = undefined;
  return worker;
}

// Longer than any training (a 10,000-entry knowledge base takes a minute on a loaded machine): the
// worker reports even when it fails, so this only bounds a thread that never ran at all.
const WORKER_WAIT_MS = 10 * 60_000;

// Above this many feature x class weights, weights share slots (the hashing trick): a 10,000-entry
// knowledge base still trains in bounded memory, at the cost of rare collisions.
const MAX_SLOTS = 1 << 24;

/**
 * Multinomial logistic (softmax) regression over sparse features, trained by SGD. Hand-written
 * because the npm libraries for it (ml-logistic-regression, ...) take dense matrices and train one
 * binary model per class: 200 classes x 30,000 features would neither fit the start-up second
 * nor the memory. Each sample's softmax is taken over its own class, the classes whose wordings
 * resemble it (`neighbours`: the hard negatives) and a few random ones; scoring uses all classes.
 */
export class SoftmaxModel {
  private readonly ids = new Map<string, number>();
  private readonly classes: number;
  /** The weights, or how to wait for them while a worker trains them. */
  private trained: Float32Array | (() => Float32Array);
  private readonly mask: number;
  private readonly scratch: Float64Array;

  /**
   * `classKeys` name the classes (entry ids). The training follows from the samples' and classes'
   * keys, not from their order: a wording added to one entry changes what it should and leaves
   * the rest of the training in place (in the order of the list, every addition was a new shuffle).
   */
  constructor(
    samples: Sample[],
    classKeys: readonly string[],
    neighbours: (label: number) => number[],
    options: SoftmaxOptions = DEFAULT_SOFTMAX,
    cache?: ModelCache,
  ) {
    this.classes = classKeys.length;
    const classes = this.classes;
    // A feature of a single wording cannot generalise to another (and the lexical voices catch
    // it anyway): leaving those out halves the weights, which keeps training in the cache.
    // One look-up per feature: each sample's features by their place in `names`, then renumbered.
    const first = new Map<string, number>();
    const names: string[] = [];
    const counts: number[] = [];
    const found = samples.map(({ bag }) => {
      const places = new Int32Array(bag.size);
      let k = 0;
      for (const key of bag.keys()) {
        let at = first.get(key);
        if (at === undefined) {
          at = names.length;
          first.set(key, at);
          names.push(key);
          counts.push(0);
        }
        counts[at]++;
        places[k++] = at;
      }
      return places;
    });
    const kept = names.filter((_, at) => counts[at] >= 2).sort();
    for (const key of kept) this.ids.set(key, this.ids.size);
    const idAt = Int32Array.from(names, (key) => this.ids.get(key) ?? -1);
    const encoded = samples.map(({ bag, label, key }, i): Encoded => {
      const places = found[i];
      const values = [...bag.values()];
      let n = 0;
      for (let k = 0; k < places.length; k++) if (idAt[places[k]] >= 0) n++;
      const features = new Int32Array(n);
      const weights = new Float32Array(n);
      n = 0;
      for (let k = 0; k < places.length; k++) {
        const id = idAt[places[k]];
        if (id < 0) continue;
        features[n] = id;
        weights[n++] = values[k];
      }
      return { features, values: weights, label, hash: hashOf(key) };
    });
    const slots = Math.min(MAX_SLOTS, 2 ** Math.ceil(Math.log2(Math.max(2, this.ids.size * classes))));
    this.mask = slots - 1;
    this.scratch = new Float64Array(Math.max(classes, 1 + NEIGHBOUR_LIMIT + options.randomNegatives));

    const hard = Array.from({ length: classes }, (_, c) => neighbours(c).filter((n) => n !== c).slice(0, NEIGHBOUR_LIMIT));
    // The same inputs train the same weights (the order and the draws follow the keys): a cached copy stands in for training.
    const key = cache && trainingKey(encoded, hard, classKeys, slots, options);
    const cached = key ? cache!.read(key) : undefined;
    const large = encoded.length >= WORKER_MIN_SAMPLES;
    if (cached?.length === slots * 4) {
      if (large) takeWorker()?.dismiss();
      this.trained = new Float32Array(cached.buffer.slice(cached.byteOffset, cached.byteOffset + cached.length));
      return;
    }
    const job: TrainingJob = { encoded, hard, classKeys, slots, options };
    // On a worker, the same code trains the same weights, bit for bit; if it fails, this thread trains.
    const beside = large ? takeWorker()?.run(job, WORKER_WAIT_MS) : undefined;
    this.trained = () => {
      const weights = beside?.() ?? trainWeights(job);
      if (key) cache!.write(key, Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength));
      return weights;
    };
    if (!beside) this.ready();
  }

  private get weights(): Float32Array {
    if (typeof this.trained === 'function') this.trained = this.trained();
    return this.trained;
  }

  /** Waits for the weights if a worker is still training them: the knowledge base's build ends with this. */
  ready(): void {
    void this.weights;
  }

  /**
   * Calls `visit(class, probability)` for every class, probabilities over all classes. Runs on
   * every decision (a turn's largest cost with the TF-IDF): the model's fields are read once,
   * and each class's exponential taken once.
   */
  score(bag: FeatureBag, visit: Visit): void {
    const { ids, classes, weights, mask } = this;
    // Features and values side by side.
    const known: number[] = [];
    for (const [key, v] of bag) {
      const id = ids.get(key);
      if (id !== undefined) known.push(id, v);
    }
    if (known.length === 0) return;
    const z = this.scratch;
    z.fill(0);
    for (let k = 0; k < known.length; k += 2) {
      const base = known[k] * classes;
      const v = known[k + 1];
      for (let c = 0; c < classes; c++) z[c] += v * weights[(base + c) & mask];
    }
    let max = -Infinity;
    for (let c = 0; c < classes; c++) if (z[c] > max) max = z[c];
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (let c = 0; c < classes; c++) visit(c, z[c] / sum);
  }
}

/** SHA-256 of everything the weights follow from: the code, the options, the samples as encoded, the hard negatives. */
function trainingKey(encoded: Encoded[], hard: number[][], classKeys: readonly string[], slots: number, options: SoftmaxOptions): string {
  const hash = createHash('sha256').update(TRAINING_CODE).update(JSON.stringify({ options, classKeys, slots, hard }));
  for (const { features, values, label, hash: key } of encoded) {
    hash.update(new Uint8Array(features.buffer, features.byteOffset, features.byteLength));
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    hash.update(`|${label}:${key};`);
  }
  return hash.digest('hex');
}
