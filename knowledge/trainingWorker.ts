import { workerData, type MessagePort } from 'node:worker_threads';
import type { TrainingJob } from './softmaxTraining.js';

// Trains a linear model's weights for the thread that started it (linearModel.ts), which waits on
// `done`: set whatever happens, so a failure here leaves the training to that thread, not a hang.
const { job, port, done } = workerData as { job: TrainingJob; port: MessagePort; done: Int32Array };
try {
  const { trainWeights } = await import('./softmaxTraining.js');
  const weights = trainWeights(job);
  port.postMessage(weights, [weights.buffer as ArrayBuffer]);
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
