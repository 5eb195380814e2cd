import { checkCharacter } from '../data/idNumber.js';
import { serveInChild } from './bench/child.js';
import { benchCaseStore } from './bench/caseStoreBench.js';
import { ms, percentile } from './bench/stats.js';

// `npm run bench:apply`: complete applications driven through /api/messages by concurrent
// applicants (the bot in its own process), then case-store create latency with 1,000, 10,000
// and 50,000 cases already stored.
const APPLICANTS = 200;
const CONCURRENCY = 20;

/** A distinct valid ID number per applicant, so no application is a duplicate. */
function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const script = (n: number) => [
  '我要办残疾证', '同意', '给我自己', '证和护理补贴都要', '王建国', idNumber(n), '13812345678', '示范县', '肢体',
  '网上提交', '邮寄到家', '示范县人民路12号3栋201', '确认提交',
];

async function apply(url: string, n: number, latencies: number[]): Promise<boolean> {
  let last = '';
  for (const text of script(n)) {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', text, channelId: 'bench', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
        conversation: { id: `apply-${n}` }, from: { id: `applicant-${n}` }, recipient: { id: 'bot' },
      }),
    });
    const body = (await res.json()) as { activities: { text?: string }[] };
    latencies.push(performance.now() - started);
    last = body.activities.map((a) => a.text ?? '').join('\n');
  }
  return /案件号是 YC\d{12}/.test(last);
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

const bot = await serveInChild('app');
console.log(`Complete applications through /api/messages (${script(0).length} turns each, the bot in its own process):`);
await round(bot.url, 0, 30, 1);
await round(bot.url, 1000, APPLICANTS, CONCURRENCY);
bot.stop();

console.log('Case store create (fsync, 200 sequential creates after the store is filled):');
for (const r of await benchCaseStore([1_000, 10_000, 50_000])) {
  console.log(`  ${String(r.stored).padStart(6)} stored: p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  (open ${r.openMs.toFixed(0)} ms)   target p99 <= 50 ms at 50,000`);
}
