import { SoftmaxModel } from '../../knowledge/linearModel.js';
import { syntheticSamples, weightsDigest } from './syntheticSamples.js';

// Run by linearModel.test.ts in its own process: the process's first large training (on a worker
// thread) and a second one of the same samples (in this thread), with their weights' SHA-256.
const { samples, classes } = syntheticSamples(1500);
const trained = [1, 2].map(() => {
  const model = new SoftmaxModel(samples, classes, (c) => Array.from({ length: 14 }, (_, k) => (c + 1 + k * 3) % classes.length));
  const onWorker = typeof (model as unknown as { trained: unknown }).trained === 'function';
  model.ready();
  return { onWorker, digest: weightsDigest((model as unknown as { weights: Float32Array }).weights) };
});
console.log(JSON.stringify(trained));
