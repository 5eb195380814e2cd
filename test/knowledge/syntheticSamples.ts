import { createHash } from 'node:crypto';
import type { Sample } from '../../knowledge/linearModel.js';
import { seededRandom } from '../../knowledge/random.js';

/**
 * 40 classes, 600 samples of 8-20 features out of 400 (a few per class more likely), unit length:
 * enough to exercise every path of a training step (blocks of eight candidates and the rest,
 * skipped gradients, features of a single sample left out).
 */
export function syntheticSamples(count = 600): { samples: Sample[]; classes: string[] } {
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


/** SHA-256 of a model's weights, as hex. */
export function weightsDigest(weights: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength)).digest('hex');
}
