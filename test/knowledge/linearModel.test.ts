import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { DEFAULT_SOFTMAX, SoftmaxModel, WORKER_MIN_SAMPLES, type Sample } from '../../knowledge/linearModel.js';
import { seededRandom } from '../../knowledge/random.js';

/**
 * 40 classes, 600 samples of 8-20 features out of 400 (a few per class more likely), unit length:
 * enough to exercise every path of a training step (blocks of eight candidates and the rest,
 * skipped gradients, features of a single sample left out).
 */
function syntheticSamples(count = 600): { samples: Sample[]; classes: string[] } {
  const random = seededRandom(9);
  const classes = Array.from({ length: 40 }, (_, c) => `class-${c}`);
  const samples = Array.from({ length: count }, (_, i): Sample => {
    const label = i % classes.length;
    const bag = new Map<string, number>();
    const size = 8 + Math.floor(random() * 13);
    while (bag.size < size) {
      const own = random() < 0.5;
      bag.set(`f${own ? label * 10 + Math.floor(random() * 10) : Math.floor(random() * 400)}`, 1);
    }
    const norm = Math.sqrt(bag.size);
    for (const key of bag.keys()) bag.set(key, 1 / norm);
    return { bag, label, key: `sample ${i}` };
  });
  return { samples, classes };
}

const weightsOf = (model: SoftmaxModel) => (model as unknown as { weights: Float32Array }).weights;

describe('the linear model\'s training', () => {
  it('trains bit for bit the weights the plain SGD loop trained before it was made faster (session 8)', () => {
    const { samples, classes } = syntheticSamples();
    const model = new SoftmaxModel(samples, classes, (c) => Array.from({ length: 14 }, (_, k) => (c + 1 + k * 3) % classes.length));
    const weights = weightsOf(model);
    // The SHA-256 of the weights the training of main at dfd7991 gave for these samples. A change
    // meant to train differently updates it (and says so in BENCHMARKS.md: the decision thresholds
    // were fitted on the old weights); a speed-up must leave it as it is.
    const digest = createHash('sha256').update(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength)).digest('hex');
    expect(digest).to.equal('7a1f50b45b04bcb8ec1c3b834745cb534783af920b2294d8f2e817e419989bf3');
    expect(weights.some((w) => w !== 0)).to.equal(true);
  });

  it('trains on a worker thread, when the set is large, the weights this thread trained before, bit for bit', () => {
    const { samples, classes } = syntheticSamples(1500);
    expect(samples.length).to.be.at.least(WORKER_MIN_SAMPLES);
    const model = new SoftmaxModel(samples, classes, (c) => Array.from({ length: 14 }, (_, k) => (c + 1 + k * 3) % classes.length));
    expect(typeof (model as unknown as { trained: unknown }).trained).to.equal('function'); // still training beside
    model.ready();
    const weights = weightsOf(model);
    // The SHA-256 main at 06be03a gave for these samples, trained in the one thread.
    const digest = createHash('sha256').update(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength)).digest('hex');
    expect(digest).to.equal('194c93b195ed137f800c5320cb4f07c579c848315da027bd08ad83fc426cb56e');
  });

  it('trains the same weights whatever the order of the samples', () => {
    const { samples, classes } = syntheticSamples();
    const neighbours = (c: number) => [(c + 1) % classes.length, (c + 7) % classes.length];
    const forward = weightsOf(new SoftmaxModel(samples, classes, neighbours, DEFAULT_SOFTMAX));
    const backward = weightsOf(new SoftmaxModel([...samples].reverse(), classes, neighbours, DEFAULT_SOFTMAX));
    expect(Buffer.from(backward.buffer).equals(Buffer.from(forward.buffer))).to.equal(true);
  });
});
