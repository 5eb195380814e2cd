/** Percentile of already-measured values (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (x: number) => `${x.toFixed(3)} ms`;

// Shared with the knowledge base's model training, which must be deterministic too.
export { seededRandom } from '../../knowledge/random.js';
