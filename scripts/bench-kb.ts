import '../knowledge/startUpWorkers.js';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../bot/config.js';
import { projectRoot } from '../bot/paths.js';
import { loadRegion } from '../data/region.js';
import { readJsonl } from '../knowledge/evaluation.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadKnowledge, type Entry } from '../knowledge/loader.js';
import { serveInChild, type ServedChild } from './bench/child.js';
import { closedLoop, openLoop, turn, type LoadResult } from './bench/httpLoad.js';
import { cpuMs, mainThreadCpuMs, ms, percentile, seededRandom } from './bench/stats.js';

// `npm run bench:kb`: training time at start-up, suggest latency in process (shipped KB and a
// synthetic 10,000-entry KB),
// then KB turns against echo turns over HTTP on loopback. `-- --throughput`: only the HTTP part
// (the servers' CPU per turn beside it; BENCH_CPU_PROFILE=<file> profiles the measured stretches).
const throughputOnly = process.argv.includes('--throughput');
const config = loadConfig();
const region = loadRegion(config.regionFile);
const content = loadKnowledge(config.knowledgeDir, region);
const fixtures = join(projectRoot, 'test/fixtures');
const questions = ['kb-dev.jsonl', 'kb-holdout.jsonl', 'kb-dev-outofscope.jsonl', 'kb-holdout-outofscope.jsonl'].flatMap((f) =>
  readJsonl(join(fixtures, f)).map((q) => q.q),
);

function latency(kb: KnowledgeBase, rounds: number): { p50: number; p95: number; p99: number } {
  for (const q of questions) kb.suggest(q, 3); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      kb.suggest(q, 3);
      times.push(performance.now() - t);
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

/** 10,000 entries whose wordings are random phrases built from the real KB's wordings. */
function syntheticEntries(count: number): Entry[] {
  const random = seededRandom(42);
  const pieces = content.entries.flatMap((e) => [e.question, ...e.alternates]).flatMap((w) => w.split(/[，。？！、\s,.?!]+/)).filter((p) => p.length >= 2);
  const pick = () => pieces[Math.floor(random() * pieces.length)];
  const phrase = () => `${pick()}${random() < 0.5 ? pick().slice(0, 4) : ''}`;
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    category: '合成',
    question: phrase(),
    alternates: Array.from({ length: 6 }, phrase),
    answer: `合成答案 ${i}`,
    source: '基准测试',
    followUps: [],
    kind: 'answer' as const,
    file: 'synthetic',
  }));
}

console.log(`Load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
if (!throughputOnly) inProcess();

/** Training time and in-process suggest latency. */
function inProcess(): void {
  // Start-up: the first build also takes jieba's dictionary over from the worker that built it
  // while this process loaded, and runs jieba, opencc and pinyin-pro for the first time.
  const mainCpu = () => mainThreadCpuMs() ?? NaN;
  const timed = (): { kb: KnowledgeBase; wall: number; cpu: number; main: number } => {
    const [w, c, m] = [performance.now(), cpuMs(), mainCpu()];
    const kb = KnowledgeBase.fromEntries(content.entries, content.synonyms);
    return { kb, wall: performance.now() - w, cpu: cpuMs() - c, main: mainCpu() - m };
  };
  const cold = timed();
  // performance.now() counts from the process's start: imports, the YAML files and the first build.
  const builtAt = performance.now();
  const builds = Array.from({ length: 5 }, timed);
  const shipped = builds[builds.length - 1].kb;
  const wordings = content.entries.reduce((n, e) => n + 1 + e.alternates.length, 0);
  const median = (key: 'wall' | 'cpu' | 'main') => percentile(builds.map((b) => b[key]), 50).toFixed(0);
  console.log(
    `Training at start-up (shipped KB, ${content.entries.length} entries, ${wordings} wordings): first in the process ${cold.wall.toFixed(0)} ms (CPU ${cold.cpu.toFixed(0)} ms, main thread ${cold.main.toFixed(0)} ms), ` +
      `then median ${median('wall')} ms (CPU ${median('cpu')} ms, main thread ${median('main')} ms)   target <= 1 s`,
  );
  console.log(`  built ${builtAt.toFixed(0)} ms after the process started (imports, YAML files, first build)`);

  let t = performance.now();
  const synthetic = KnowledgeBase.fromEntries([...content.entries, ...syntheticEntries(10_000 - content.entries.length)], content.synonyms);
  const buildSynthetic = performance.now() - t;

  console.log(`In-process suggest (top 3), ${questions.length} questions:`);
  const a = latency(shipped, 20);
  console.log(`  shipped KB (${content.entries.length} entries): p50 ${ms(a.p50)}  p95 ${ms(a.p95)}  p99 ${ms(a.p99)}   target p95 <= 2 ms`);
  const b = latency(synthetic, 5);
  console.log(`  synthetic KB (10,000 entries, trained in ${(buildSynthetic / 1000).toFixed(0)} s): p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  p99 ${ms(b.p99)}   target p95 <= 20 ms`);
}

// Each server in its own process; this one only generates load. One loopback client is not a
// flood: the per-IP guard would answer most of it 429. A fresh data folder: no kept model, so the
// server trains as a clean clone's first start does.
const forked = performance.now();
const app = await serveInChild('app', { RATE_LIMIT: 'off' });
const startUp = performance.now() - forked;
const [firstOk, firstReply] = await turn(app.url, '残疾证怎么办理', 0);
console.log(`Server start-up (fresh data folder): knowledge base trained in ${app.kbBuiltInMs.toFixed(0)} ms (target <= 1 s); listening ${startUp.toFixed(0)} ms after the fork; first /api/messages reply ${firstReply.toFixed(0)} ms${firstOk ? '' : ' (not 200!)'}`);
const echo = await serveInChild('echo', { RATE_LIMIT: 'off' });
const kbUrl = app.url;
const kbTexts = questions.slice(0, 60);

await closedLoop(kbUrl, kbTexts, 8, 300); // warm-up both
await closedLoop(echo.url, kbTexts, 8, 300);
console.log('HTTP /api/messages on loopback (expectReplies, 200 conversations):');
/** The closed loop's result and the server's CPU per successful turn (less moved by the machine's load than turns/s). */
async function measured(server: ServedChild): Promise<LoadResult & { cpuPerTurn: number }> {
  await server.startVitals();
  const result = await closedLoop(server.url, kbTexts, 16, 3000);
  return { ...result, cpuPerTurn: (await server.vitals()).cpuMs / Math.max(1, result.ok) };
}
const echoMax = await measured(echo);
const kbMax = await measured(app);
console.log(`  max throughput, 16 clients: echo bot ${echoMax.throughput.toFixed(0)} turns/s, KB bot ${kbMax.throughput.toFixed(0)} turns/s = ${((kbMax.throughput / echoMax.throughput) * 100).toFixed(0)}% of echo (target >= 50%)`);
console.log(`  server CPU per turn: echo bot ${ms(echoMax.cpuPerTurn)}, KB bot ${ms(kbMax.cpuPerTurn)} (echo's = ${((echoMax.cpuPerTurn / kbMax.cpuPerTurn) * 100).toFixed(0)}% of the KB bot's)`);
if (!throughputOnly) {
  const offered = await openLoop(kbUrl, kbTexts, 100, 1500);
  console.log(`  KB bot at 100 turns/s offered for ${offered.seconds.toFixed(1)} s: ${offered.ok}/${offered.sent} ok, p50 ${ms(offered.p50)}, p99 ${ms(offered.p99)} (target p99 <= 50 ms)`);
}
await Promise.all([app.stop(), echo.stop()]);
