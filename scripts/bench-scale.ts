import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applicationScript, say, submitted } from './bench/applicant.js';
import { serveInChild } from './bench/child.js';
import { openStores } from '../data/openStores.js';
import { generateScaleData, type KnownCase } from './bench/scaleData.js';
import type { ServerVitals } from './bench/serverVitals.js';
import { printStoreCosts } from './bench/storeCosts.js';
import { ms, percentile } from './bench/stats.js';

// `npm run bench:scale -- 100k`: a data folder with that many cases and what goes with them
// (history, status updates, drafts, chat state, Direct Line transcripts), the real server
// started on it in its own process, then its start-up, memory, disk writes and latencies.
const APPLICATIONS = 100;
const CONCURRENCY = 20;
const OVERDUE_CALLS = 30;
const FAMILY_CHECKS = 100;
/** Family checks made one at a time first: the check's own latency, with no queue in front of it. */
const FAMILY_CHECKS_ALONE = 30;
const ADMIN_TOKEN = 'bench-scale-admin-token';

function parseCount(arg = '10k'): number {
  const match = /^(\d+)(k?)$/i.exec(arg);
  if (!match) throw new Error(`usage: npm run bench:scale -- <cases, e.g. 10k, 100k, 500k>, not ${arg}`);
  return Number(match[1]) * (match[2] ? 1000 : 1);
}

/** Bytes the process has caused to be written to storage so far (Linux). */
function bytesWritten(pid: number): number {
  const line = readFileSync(`/proc/${pid}/io`, 'utf8').split('\n').find((l) => l.startsWith('write_bytes:'));
  return Number(line?.split(/\s+/)[1] ?? NaN);
}

/** CPU seconds (user + system) the process has used so far (Linux): a start-up's cost apart from the machine's load. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The server's CPU per turn, GC pauses and event-loop delay over a stretch of `turns` turns: what its latencies are made of. */
function vitalsLine(v: ServerVitals, turns: number): string {
  return (
    `CPU ${(v.cpuMs / turns).toFixed(1)} ms a turn; GC ${v.gc.count} pauses, ${v.gc.totalMs.toFixed(0)} ms, longest ${v.gc.maxMs.toFixed(1)} ms ` +
    `(major ${v.gc.majorCount}, ${v.gc.majorTotalMs.toFixed(0)} ms, longest ${v.gc.majorMaxMs.toFixed(1)} ms); ` +
    `event-loop delay p50 ${v.loopDelay.p50.toFixed(1)} ms p99 ${v.loopDelay.p99.toFixed(1)} ms max ${v.loopDelay.max.toFixed(1)} ms; heap ${v.heapMb.toFixed(0)} MB`
  );
}

/** Runs `work(i)` for i in [0, total) with `concurrency` at a time. */
async function pool(total: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await work(next++);
  }));
}

const count = parseCount(process.argv[2]);
const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-scale-'));
try {
  let t = performance.now();
  const data = await generateScaleData(dataDir, count, new Date());
  console.log(
    `Generated in ${((performance.now() - t) / 1000).toFixed(1)} s: ${data.cases} cases (${data.openCases} open), ${data.statusUpdates} status updates delivered, ` +
      `${data.drafts} drafts, ${data.chatUsers} chat users, ${data.directLineActivities} Direct Line activities`,
  );

  // The stores alone, once (a generated folder has no saved indexes yet: this open builds them,
  // as the first start after an upgrade does), then the whole server in its own process.
  t = performance.now();
  const quiet = { info: () => undefined, error: () => undefined };
  await (await openStores({ store: 'lowdb', dataDir }, quiet)).close();
  const storesOpen = performance.now() - t;
  t = performance.now();
  await (await openStores({ store: 'lowdb', dataDir }, quiet)).close();
  const storesReopen = performance.now() - t;

  console.log(`\nThe stores in this process (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  await printStoreCosts(dataDir, data.known);

  const env = { DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMIT: 'off', LOG_LEVEL: 'silent' };
  // The first start trains the knowledge base's model and keeps it in the folder, as the first
  // start after an upgrade or a change of the entries does; every later start loads it.
  t = performance.now();
  const first = await serveInChild('app', env);
  const firstStartup = performance.now() - t;
  await first.stop();
  t = performance.now();
  const bot = await serveInChild('app', env);
  const startup = performance.now() - t;
  const startupCpu = cpuSeconds(bot.pid);
  const rss = await bot.rss();
  const base = bot.url.replace(/\/api\/messages$/, '');
  try {
    // Applications: 20 applicants at once, each the whole form; the submit is the last turn.
    const writtenBefore = bytesWritten(bot.pid);
    await bot.startVitals();
    const submits: number[] = [];
    const turns: number[] = [];
    let done = 0;
    await pool(APPLICATIONS, CONCURRENCY, async (n) => {
      let last = { text: '', ms: 0 };
      for (const text of applicationScript(1000 + n)) {
        last = await say(bot.url, `scale-applicant-${n}`, text);
        turns.push(last.ms);
      }
      submits.push(last.ms);
      if (submitted(last.text)) done++;
    });
    const applying = await bot.vitals();
    // Chat state is written behind the turn: let it land before reading the counter.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const perApplication = (bytesWritten(bot.pid) - writtenBefore) / Math.max(1, done);

    const overdue: number[] = [];
    let overdueCount = 0;
    for (let i = 0; i < OVERDUE_CALLS; i++) {
      const started = performance.now();
      const res = await fetch(`${base}/api/admin/overdue`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const body = (await res.json()) as { overdue: unknown[] };
      overdue.push(performance.now() - started);
      overdueCount = body.overdue.length;
    }

    // The verifying turn (case number + ID tail) one at a time, then 20 at once: the first is
    // the check's own latency, the second adds the queue of 19 other turns in front of it.
    const known: KnownCase[] = data.known;
    async function familyChecks(total: number, concurrency: number, first: number): Promise<{ ms: number[]; shown: number }> {
      const checks: number[] = [];
      let shown = 0;
      await pool(Math.min(total, known.length - first), concurrency, async (n) => {
        const i = first + n;
        const user = `scale-family-${i}`;
        await say(bot.url, user, '帮家人查进度');
        await say(bot.url, user, known[i].caseNo);
        const check = await say(bot.url, user, known[i].idTail);
        checks.push(check.ms);
        if (check.text.includes(known[i].caseNo)) shown++;
      });
      return { ms: checks, shown };
    }
    await bot.startVitals();
    const alone = await familyChecks(FAMILY_CHECKS_ALONE, 1, 0);
    const checkingAlone = await bot.vitals();
    const together = await familyChecks(FAMILY_CHECKS, CONCURRENCY, FAMILY_CHECKS_ALONE);

    console.log(`\n${count} cases (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})   figure          target at 100k`);
    console.log(`  start-up (fork to listening)      ${(startup / 1000).toFixed(1)} s          <= 10 s    (the first start, training the KB model: ${(firstStartup / 1000).toFixed(1)} s)`);
    console.log(`  CPU time of that start-up         ${startupCpu.toFixed(1)} s          (user + system: what it costs apart from the machine's load)`);
    console.log(`  of which stores open (in-process) ${(storesReopen / 1000).toFixed(1)} s          (the first open, building the saved indexes: ${(storesOpen / 1000).toFixed(1)} s)`);
    console.log(`  RSS after start (after GC)        ${(rss / 1048576).toFixed(0)} MB         <= 600 MB`);
    console.log(`  written per submitted application ${(perApplication / 1024).toFixed(1)} KB       <= 64 KB   (${done}/${APPLICATIONS} submitted)`);
    console.log(`  submit turn, ${CONCURRENCY} at once          p50 ${ms(percentile(submits, 50))}  p99 ${ms(percentile(submits, 99))}   p99 <= 150 ms`);
    console.log(`  every application turn            p50 ${ms(percentile(turns, 50))}  p99 ${ms(percentile(turns, 99))}`);
    console.log(`    the server meanwhile              ${vitalsLine(applying, turns.length)}`);
    console.log(`  /api/admin/overdue (${overdueCount} found)   p50 ${ms(percentile(overdue, 50))}  p99 ${ms(percentile(overdue, 99))}   p99 <= 50 ms`);
    console.log(`  family check turn, one at a time  p50 ${ms(percentile(alone.ms, 50))}  p99 ${ms(percentile(alone.ms, 99))}   p99 <= 20 ms   (${alone.shown}/${alone.ms.length} shown)`);
    console.log(`    the server meanwhile              ${vitalsLine(checkingAlone, alone.ms.length * 3)}`);
    console.log(`  family check turn, ${CONCURRENCY} at once    p50 ${ms(percentile(together.ms, 50))}  p99 ${ms(percentile(together.ms, 99))}   (queueing: 19 turns ahead; ${together.shown}/${together.ms.length} shown)`);
  } finally {
    await bot.stop();
  }
  // The same server on an empty folder: what start-up costs without data (the knowledge base's training, mostly).
  const emptyDir = mkdtempSync(join(tmpdir(), 'onevisit-scale-empty-'));
  t = performance.now();
  const empty = await serveInChild('app', { DATA_DIR: emptyDir, LOG_LEVEL: 'silent' });
  console.log(`  start-up on an empty folder       ${((performance.now() - t) / 1000).toFixed(1)} s, CPU ${cpuSeconds(empty.pid).toFixed(1)} s (same machine, same moment; trains the KB model)`);
  await empty.stop();
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(emptyDir, { recursive: true, force: true });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
