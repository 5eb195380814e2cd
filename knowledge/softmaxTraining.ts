import { hashOf, mix } from './random.js';

// The linear model's training (SGD), apart from the model (linearModel.ts) so a worker thread can
// run it while the rest of the knowledge base is built: the same code on the same inputs trains
// the same weights, bit for bit, in either thread.

export interface SoftmaxOptions {
  epochs: number;
  /** Initial learning rate, decayed as 1 / (1 + t / samples). */
  rate: number;
  /** Random classes added to each sample's candidates, so common words learn to weigh little everywhere. */
  randomNegatives: number;
}

/** One sample as trained: its features' ids and values, its class, its key hashed. */
export interface Encoded {
  features: Int32Array;
  values: Float32Array;
  label: number;
  /** The sample's key hashed: orders the samples and draws its random negatives. */
  hash: number;
}

/** Everything the weights follow from. */
export interface TrainingJob {
  encoded: Encoded[];
  /** Each class's hard negatives (at most NEIGHBOUR_LIMIT). */
  hard: number[][];
  classKeys: readonly string[];
  /** Weights, a power of two: feature x class slots (shared when hashed). */
  slots: number;
  options: SoftmaxOptions;
}

// Hard negatives used per class at most.
export const NEIGHBOUR_LIMIT = 16;

// Points per class on the ring random negatives are drawn from: more even odds between classes.
const RING_POINTS = 4;

/** Trains the weights of a job (averaged SGD over each sample's candidate classes). */
export function trainWeights(job: TrainingJob): Float32Array {
  return new SgdTrainer(job.classKeys, job.slots, job.options).train(job.encoded, job.hard, job.options);
}

class SgdTrainer {
  private readonly classes: number;
  private readonly mask: number;
  private readonly scratch: Float64Array;

  constructor(
    private readonly classKeys: readonly string[],
    private readonly slots: number,
    options: SoftmaxOptions,
  ) {
    this.classes = classKeys.length;
    this.mask = slots - 1;
    this.scratch = new Float64Array(Math.max(this.classes, 1 + NEIGHBOUR_LIMIT + options.randomNegatives));
  }

  train(encoded: Encoded[], hard: number[][], options: SoftmaxOptions): Float32Array {
    const { classes, slots } = this;
    const weights = new Float32Array(slots);
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
    return weights;
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
}

/** Whether the first `n` of `list` hold `value` (no subarray: this runs for every random draw). */
function holds(list: Int32Array, n: number, value: number): boolean {
  for (let i = 0; i < n; i++) if (list[i] === value) return true;
  return false;
}

