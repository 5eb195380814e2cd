import type { TrainingJob } from './softmaxTraining.js';
import { runJob } from './workerJob.js';

// Trains a linear model's weights for the thread that started it (linearModel.ts).
await runJob(async (job: TrainingJob) => {
  const { trainWeights } = await import('./softmaxTraining.js');
  const weights = trainWeights(job);
  return { result: weights, transfer: [weights.buffer as ArrayBuffer] };
});
