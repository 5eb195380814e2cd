import { applicationScript, say, submitted } from './bench/applicant.js';
import { serveInChild } from './bench/child.js';
import { benchCaseStore } from './bench/caseStoreBench.js';
import { ms, percentile } from './bench/stats.js';

// `npm run bench:apply`: complete applications driven through /api/messages by concurrent
// applicants (the bot in its own process), then case-store create latency with 1,000, 10,000
// and 50,000 cases already stored.
const APPLICANTS = 200;
const CONCURRENCY = 20;

async function apply(url: string, n: number, latencies: number[]): Promise<boolean> {
  let last = '';
  for (const text of applicationScript(n)) {
    const turn = await say(url, `applicant-${n}`, text);
    latencies.push(turn.ms);
    last = turn.text;
  }
  return submitted(last);
}

/** `total` applications, `concurrency` applicants at a time; numbering starts at `first`. */
async function round(url: string, first: number, total: number, concurrency: number): Promise<void> {
  const latencies: number[] = [];
  let next = first;
  let submitted = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < first + total) if (await apply(url, next++, latencies)) submitted++;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${String(concurrency).padStart(2)} at a time: ${submitted}/${total} submitted, ${(submitted / seconds).toFixed(1)} applications/s, ` +
      `per turn p50 ${ms(percentile(latencies, 50))} p99 ${ms(percentile(latencies, 99))} (${latencies.length} turns)`,
  );
}

const bot = await serveInChild('app', { RATE_LIMIT: 'off' }); // one loopback client is not a flood
console.log(`Complete applications through /api/messages (${applicationScript(0).length} turns each, the bot in its own process):`);
await round(bot.url, 0, 30, 1);
await round(bot.url, 1000, APPLICANTS, CONCURRENCY);
bot.stop();

console.log('Case store create (fsync, 200 sequential creates after the store is filled):');
for (const r of await benchCaseStore([1_000, 10_000, 50_000])) {
  console.log(`  ${String(r.stored).padStart(6)} stored: p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  (open ${r.openMs.toFixed(0)} ms)   target p99 <= 50 ms at 50,000`);
}
