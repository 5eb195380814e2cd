import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecureJsonFile } from '../data/lowdb/secureJsonFile.js';
import { ms, percentile } from './bench/stats.js';

// `npm run bench:prev`: what keeping `<file>.prev` (unlink + hard link before each atomic
// replace) adds to an fsynced lowdb write. Writes with and without it alternate, so both see
// the same machine load.
const WRITES = 400;
const dir = mkdtempSync(join(tmpdir(), 'onevisit-bench-prev-'));
const data = { rows: Array.from({ length: 200 }, (_, i) => ({ i, text: '您的申请有新进展'.repeat(5) })) };
const files = {
  without: new SecureJsonFile(join(dir, 'without.json'), { fsync: true, onCorrupt: { setAside: () => undefined } }),
  with: new SecureJsonFile(join(dir, 'with.json'), { fsync: true }),
};
const times: Record<keyof typeof files, number[]> = { without: [], with: [] };
for (let i = 0; i < WRITES; i++) {
  for (const name of i % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const)) {
    const started = performance.now();
    await files[name].write(data);
    times[name].push(performance.now() - started);
  }
}
console.log(`Atomic fsynced writes of a ${JSON.stringify(data).length}-byte lowdb file, ${WRITES} each, alternating:`);
for (const name of ['without', 'with'] as const) {
  console.log(`  ${name.padEnd(7)} .prev: p50 ${ms(percentile(times[name], 50))}  p99 ${ms(percentile(times[name], 99))}`);
}
