import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureBag } from './features.js';
import type { ModelCache } from './modelCache.js';
import { hashOf, mix } from './random.js';
import type { Visit } from './sparse.js';

export interface Sample {
  bag: FeatureBag;
  label: number;
  /** What the sample is (its wording's text): its place in the training follows from this alone. */
  key: string;
}

export interface SoftmaxOptions {
  epochs: number;
  /** Initial learning rate, decayed as 1 / (1 + t / samples). */
  rate: number;
  /** Random classes added to each sample's candidates, so common words learn to weigh little everywhere. */
  randomNegatives: number;
}

// 6 epochs, not 4: with 4 the weights still depended on the shuffle, so any new wording moved
// near-ties elsewhere (BENCHMARKS.md, session 5); 8 did a little better but costs the start-up second.
export const DEFAULT_SOFTMAX: SoftmaxOptions = { epochs: 6, rate: 8, randomNegatives: 15 };

// Hard negatives used per class at most.
const NEIGHBOUR_LIMIT = 16;

// Points per class on the ring random negatives are drawn from: more even odds between classes.
const RING_POINTS = 4;

interface Encoded {
  features: Int32Array;
  values: Float32Array;
  label: number;
  /** The sample's key hashed: orders the samples and draws its random negatives. */
  hash: number;
}

// This module's own code: a change to how the model trains must not load weights trained the old way.
const TRAINING_CODE = readFileSync(fileURLToPath(import.meta.url));

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
  private readonly weights: Float32Array;
  private readonly mask: number;
  private readonly scratch: Float64Array;

  /**
   * `classKeys` name the classes (entry ids). The training follows from the samples' and classes'
   * keys, not from their order: a wording added to one entry changes what it should and leaves
   * the rest of the training in place (in the order of the list, every addition was a new shuffle).
   */
  constructor(
    samples: Sample[],
    private readonly classKeys: readonly string[],
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
    this.weights = new Float32Array(slots);
    this.mask = slots - 1;
    this.scratch = new Float64Array(Math.max(classes, 1 + NEIGHBOUR_LIMIT + options.randomNegatives));

    const hard = Array.from({ length: classes }, (_, c) => neighbours(c).filter((n) => n !== c).slice(0, NEIGHBOUR_LIMIT));
    // The same inputs train the same weights (the order and the draws follow the keys): a cached copy stands in for training.
    const key = cache && trainingKey(encoded, hard, classKeys, slots, options);
    const cached = key ? cache!.read(key) : undefined;
    if (cached?.length === slots * 4) {
      new Uint8Array(this.weights.buffer).set(cached);
      return;
    }
    this.train(encoded, hard, options);
    if (key) cache!.write(key, Buffer.from(this.weights.buffer));
  }

  private train(encoded: Encoded[], hard: number[][], options: SoftmaxOptions): void {
    const { weights, classes } = this;
    const slots = weights.length;
    const draw = this.ring();
    const candidates = new Int32Array(1 + NEIGHBOUR_LIMIT + options.randomNegatives);
    // Each weight and its running sum side by side: an update touches one cache line, not two.
    const state = new Float32Array(2 * slots);
    const count = encoded.length;
    // Where each sample's features' weights start, computed once rather than at every step.
    const rows = encoded.map(({ features }) => features.map((f) => f * classes));
    const place = new Uint32Array(count);
    const order = new Int32Array(count);
    let t = 0;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      // Each epoch's order is keyed by the samples' texts: the same shuffle for the same wordings.
      for (let i = 0; i < count; i++) {
        place[i] = mix(encoded[i].hash, epoch);
        order[i] = i;
      }
      order.sort((a, b) => place[a] - place[b] || this.byKey(encoded[a].label, encoded[b].label));
      for (const i of order) {
        const { values, label, hash } = encoded[i];
        let n = 0;
        candidates[n++] = label;
        for (const c of hard[label]) candidates[n++] = c;
        const coin = mix(hash, epoch);
        for (let r = 0; r < options.randomNegatives; r++) {
          const c = draw(mix(coin, r));
          if (!holds(candidates, n, c)) candidates[n++] = c;
        }
        const rate = options.rate / (1 + t / count);
        this.step(rows[i], values, candidates, n, rate, ++t, state);
      }
    }
    // Averaged SGD: the mean of the weights over all steps, not the last step's, so the order of
    // the last samples does not tilt near-identical entries one way (w - sums / t is that mean).
    for (let i = 0; i < slots; i++) weights[i] = state[2 * i] - state[2 * i + 1] / t;
  }

  /** Classes in the order of their keys (a wording two entries share is trained in the same order). */
  private byKey(a: number, b: number): number {
    const [x, y] = [this.classKeys[a], this.classKeys[b]];
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /**
   * Random negatives by consistent hashing: a number picks the class whose point on a ring of
   * the classes' hashed keys follows it, so a new class takes over only the draws near its own
   * points and every other draw keeps its class.
   */
  private ring(): (u: number) => number {
    const points = this.classKeys.flatMap((key, c) => Array.from({ length: RING_POINTS }, (_, v) => [mix(hashOf(key), v), c] as const));
    points.sort((a, b) => a[0] - b[0] || this.byKey(a[1], b[1]));
    const at = Uint32Array.from(points, ([p]) => p);
    const owner = Int32Array.from(points, ([, c]) => c);
    // The first point in each of as many equal arcs as there are points: a draw looks from its
    // arc's first point, a step or two, where a binary search took ten.
    const shift = 32 - Math.max(1, Math.ceil(Math.log2(at.length)));
    const from = new Int32Array(2 ** (32 - shift));
    for (let arc = 0, i = 0; arc < from.length; arc++) {
      while (i < at.length && at[i] < arc * 2 ** shift) i++;
      from[arc] = i;
    }
    return (u) => {
      let i = from[u >>> shift];
      while (i < at.length && at[i] < u) i++;
      return owner[i % at.length];
    };
  }

  /**
   * Each candidate's score into `p` (features summed in order, in a register), and the highest.
   * Eight candidates at a time: one pass over the features' weights serves eight sums, which
   * halved this loop, the most of the training's time.
   */
  private logits(rows: Int32Array, values: Float32Array, candidates: Int32Array, n: number, state: Float32Array, p: Float64Array): number {
    const { mask } = this;
    const features = rows.length;
    const at = (row: number, c: number) => ((row + c) & mask) << 1;
    let max = -Infinity;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const c0 = candidates[j], c1 = candidates[j + 1], c2 = candidates[j + 2], c3 = candidates[j + 3];
      const c4 = candidates[j + 4], c5 = candidates[j + 5], c6 = candidates[j + 6], c7 = candidates[j + 7];
      let z0 = 0, z1 = 0, z2 = 0, z3 = 0, z4 = 0, z5 = 0, z6 = 0, z7 = 0;
      for (let k = 0; k < features; k++) {
        const row = rows[k];
        const v = values[k];
        z0 += v * state[at(row, c0)];
        z1 += v * state[at(row, c1)];
        z2 += v * state[at(row, c2)];
        z3 += v * state[at(row, c3)];
        z4 += v * state[at(row, c4)];
        z5 += v * state[at(row, c5)];
        z6 += v * state[at(row, c6)];
        z7 += v * state[at(row, c7)];
      }
      p[j] = z0;
      p[j + 1] = z1;
      p[j + 2] = z2;
      p[j + 3] = z3;
      p[j + 4] = z4;
      p[j + 5] = z5;
      p[j + 6] = z6;
      p[j + 7] = z7;
      for (let i = j; i < j + 8; i++) if (p[i] > max) max = p[i];
    }
    for (; j < n; j++) {
      const c = candidates[j];
      let z = 0;
      for (let k = 0; k < features; k++) z += values[k] * state[at(rows[k], c)];
      p[j] = z;
      if (z > max) max = z;
    }
    return max;
  }

  /**
   * One SGD step on the softmax over `candidates` (the first is the right class); `rows[k]` is
   * where feature k's weights start, `state` holds each weight (even places) and its running sum
   * (odd). A feature's weights for all classes lie side by side, so an update touches a few cache
   * lines per feature instead of one per feature and class.
   */
  private step(rows: Int32Array, values: Float32Array, candidates: Int32Array, n: number, rate: number, t: number, state: Float32Array): void {
    const p = this.scratch;
    const features = rows.length;
    const max = this.logits(rows, values, candidates, n, state, p);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += p[j] = Math.exp(p[j] - max);
    // Only candidates with a gradient worth the memory traffic are updated.
    let active = 0;
    for (let j = 0; j < n; j++) {
      const gradient = p[j] / sum - (j === 0 ? 1 : 0);
      if (Math.abs(gradient) < 1e-3) continue;
      p[active] = gradient;
      candidates[active++] = candidates[j];
    }
    const { mask } = this;
    for (let k = 0; k < features; k++) {
      const row = rows[k];
      const step = rate * values[k];
      const averaged = t * step;
      for (let j = 0; j < active; j++) {
        const at = ((row + candidates[j]) & mask) << 1;
        state[at] -= step * p[j];
        state[at + 1] -= averaged * p[j];
      }
    }
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

/** Whether the first `n` of `list` hold `value` (no subarray: this runs for every random draw). */
function holds(list: Int32Array, n: number, value: number): boolean {
  for (let i = 0; i < n; i++) if (list[i] === value) return true;
  return false;
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
