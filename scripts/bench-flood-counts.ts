import type { FloodCounts } from '../data/floodCounts.js';
import { MemoryFloodCounts } from '../data/memory/memoryFloodCounts.js';
import { openPgDatabase } from '../data/postgres/open.js';
import { PgFloodCounts } from '../data/postgres/pgFloodCounts.js';
import { ms, percentile } from './bench/stats.js';
import { startCluster } from './pgCluster.js';

// `npm run bench:flood-counts`: what counting a request against the flood limits costs, in this
// process (memory, lowdb) and in PostgreSQL (STORE=postgres: one UPSERT per check), one check at
// a time and 20 at once; a throwaway cluster on this machine (initdb/pg_ctl as for the tests).
const CHECKS = Number(process.env.FLOOD_CHECKS ?? 2000);
const AT_ONCE = 20;
const WINDOW_MS = 10_000;

async function measure(label: string, counts: FloodCounts): Promise<void> {
  const keys = Array.from({ length: 500 }, (_, i) => `ip:messages:10.0.${i >> 8}.${i & 255}`);
  const one: number[] = [];
  for (let i = 0; i < CHECKS; i++) {
    const started = performance.now();
    await counts.hit(keys[i % keys.length], new Date(), WINDOW_MS);
    one.push(performance.now() - started);
  }
  const together: number[] = [];
  const began = performance.now();
  for (let i = 0; i < CHECKS; i += AT_ONCE) {
    await Promise.all(
      Array.from({ length: AT_ONCE }, async (_, j) => {
        const started = performance.now();
        await counts.hit(keys[(i + j) % keys.length], new Date(), WINDOW_MS);
        together.push(performance.now() - started);
      }),
    );
  }
  const perSecond = Math.round(CHECKS / ((performance.now() - began) / 1000));
  console.log(`  ${label.padEnd(10)} one at a time p50 ${ms(percentile(one, 50))} p99 ${ms(percentile(one, 99))}   ${AT_ONCE} at once p50 ${ms(percentile(together, 50))} p99 ${ms(percentile(together, 99))} (${perSecond} checks/s)`);
}

console.log(`${CHECKS} flood-limit checks over 500 keys (a ${WINDOW_MS / 1000} s window):`);
await measure('memory', new MemoryFloodCounts());
const cluster = await startCluster();
try {
  const db = await openPgDatabase(cluster.url);
  try {
    await measure('postgres', new PgFloodCounts(db));
  } finally {
    await db.close();
  }
} finally {
  cluster.stop();
}
