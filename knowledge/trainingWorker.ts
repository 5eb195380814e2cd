import { seededRandom } from './random.js';
import { trainWeights, type Encoded, type TrainingJob } from './softmaxTraining.js';
import { runJob } from './workerJob.js';

// Trains a linear model's weights for the thread that started it (linearModel.ts). Started with
// the process, it first trains a small made-up model while the program loads: by the time the
// real samples come, V8 has optimised the training loop, which cold took about a third longer.
await runJob(
  async (job: TrainingJob) => {
    const weights = trainWeights(job);
    return { result: weights, transfer: [weights.buffer as ArrayBuffer] };
  },
  () => void trainWeights(practiceJob()),
);

/** Samples shaped like the knowledge base's (tens of sparse features, a few hundred classes), a twentieth as many. */
function practiceJob(): TrainingJob {
  const random = seededRandom(9);
  const classes = 64;
  const features = 4096;
  const encoded = Array.from({ length: 400 }, (_, i): Encoded => {
    const n = 20 + Math.floor(random() * 40);
    return {
      features: Int32Array.from({ length: n }, () => Math.floor(random() * features)),
      values: Float32Array.from({ length: n }, () => random()),
      label: i % classes,
      hash: Math.floor(random() * 2 ** 32),
    };
  });
  const hard = Array.from({ length: classes }, (_, c) => Array.from({ length: 16 }, (_, k) => (c + k + 1) % classes));
  const classKeys = Array.from({ length: classes }, (_, c) => `c${c}`);
  return { encoded, hard, classKeys, slots: 2 ** 18, options: { epochs: 2, rate: 8, randomNegatives: 15 } };
}
