import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbCaseStore } from '../data/lowdb/lowdbCaseStore.js';
import { newCase, testIdNumber } from '../test/fixtures/cases.js';
import { applicationScript, say, submitted } from './bench/applicant.js';
import { serveInChild } from './bench/child.js';
import { percentile, seededRandom } from './bench/stats.js';

// `npm run soak`: a steady mix of questions, applications, bookings and family checks against
// the bot in its own process on loopback, for SOAK_SECONDS (default 600). Prints p50/p99 per
// kind per window, errors, and the server's RSS; exits non-zero on any error, RSS growth over
// 10 % or a last-window p99 more than 20 % above the first.
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
/** Sessions started per second (each is one to thirteen turns). */
const RATE = Number(process.env.SOAK_RATE ?? 2);
if (!(SECONDS > 0) || !(RATE > 0)) throw new Error('SOAK_SECONDS and SOAK_RATE must be positive numbers');
/** Minutes in a long run; three windows in a short one (CI's 60 s), each with enough turns for a p99. */
const WINDOW_S = SECONDS >= 300 ? 60 : SECONDS / 3;
/** The first window warms up (JIT, caches): RSS is taken at its end. */
const POOL = 60;

type Kind = 'question' | 'application' | 'booking' | 'check';
const KINDS: Kind[] = ['question', 'application', 'booking', 'check'];
const MIX: [Kind, number][] = [['question', 0.5], ['application', 0.15], ['booking', 0.15], ['check', 0.2]];
const QUESTIONS = ['残疾证怎么办', '办残疾证要带什么材料', '护理补贴谁能领', '残疾证有效期是几年', '鉴定在哪里做', '生活补贴一个月多少钱', '今天天气怎么样', '残疾证丢了怎么办'];

// Cases ready for booking and for family checks, each with its own applicant account.
const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-soak-'));
const seeded: { caseNo: string; idNumber: string; user: string }[] = [];
{
  const cases = await LowdbCaseStore.open(dataDir);
  for (let i = 0; i < POOL; i++) {
    const user = `soak-b${i}`;
    const c = await cases.create(newCase({ submittedBy: { role: 'self', userKey: `bench:${user}` }, applicant: { idNumber: testIdNumber(i), category: '肢体' }, stage: 'appraisal_scheduled' }), new Date());
    seeded.push({ caseNo: c.caseNo, idNumber: c.applicant.idNumber, user });
  }
}
// Every simulated person comes from 127.0.0.1: the per-address budget is raised to the run's rate.
const bot = await serveInChild('app', { DATA_DIR: dataDir, RATE_LIMIT_IP: '100000/10' });

interface Turn {
  kind: Kind;
  window: number;
  ms: number;
}
const turns: Turn[] = [];
const errors: string[] = [];
const started = performance.now();
const windowOf = () => Math.floor((performance.now() - started) / 1000 / WINDOW_S);

async function turn(kind: Kind, user: string, text: string): Promise<string> {
  const t = await say(bot.url, user, text);
  turns.push({ kind, window: windowOf(), ms: t.ms });
  if (t.status !== 200) throw new Error(`HTTP ${t.status}`);
  return t.text;
}

/** Booking accounts not in use: one booking at a time per applicant. */
const idle = seeded.map((_, i) => i);
let applicants = 0;
let families = 0;

async function session(kind: Kind, n: number): Promise<void> {
  switch (kind) {
    case 'question':
      await turn(kind, `soak-q${n % 500}`, QUESTIONS[n % QUESTIONS.length]);
      return;
    case 'application': {
      const id = applicants++;
      let last = '';
      for (const text of applicationScript(5_000 + id)) last = await turn(kind, `soak-a${id}`, text);
      if (!submitted(last)) throw new Error(`application not submitted: ${last.slice(0, 80)}`);
      return;
    }
    case 'booking': {
      const i = idle.shift();
      if (i === undefined) return; // all applicants busy: skipped, not an error
      try {
        const user = seeded[i].user;
        await turn(kind, user, '预约鉴定');
        await turn(kind, user, '最早什么时候');
        let booked = false;
        for (let pick = 0; pick < 6 && !booked; pick++) booked = (await turn(kind, user, String(1 + (pick % 3)))).includes('约好了');
        if (!booked) throw new Error('no place booked');
        await turn(kind, user, '取消预约');
        if (!(await turn(kind, user, '确定取消')).includes('取消')) throw new Error('booking not cancelled');
      } finally {
        idle.push(i);
      }
      return;
    }
    case 'check': {
      const c = seeded[n % seeded.length];
      const user = `soak-f${families++}`;
      await turn(kind, user, '查家人的申请');
      await turn(kind, user, c.caseNo);
      if (!(await turn(kind, user, c.idNumber.slice(-6))).includes(c.caseNo)) throw new Error('family check refused');
      await turn(kind, user, '不用了');
      return;
    }
  }
}

const random = seededRandom(11);
const pick = (): Kind => {
  let r = random();
  for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
  return 'question';
};

const rssAtStart = await bot.rss();
let rssAfterWarmUp: number | undefined;
const running: Promise<void>[] = [];
const total = Math.floor(SECONDS * RATE);
for (let n = 0; n < total; n++) {
  const due = started + (n * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  if (rssAfterWarmUp === undefined && performance.now() - started >= WINDOW_S * 1000) rssAfterWarmUp = await bot.rss();
  const kind = pick();
  running.push(session(kind, n).catch((err: Error) => void errors.push(`${kind}: ${err.message}`)));
}
await Promise.all(running);
const rssAtEnd = await bot.rss();
bot.stop();

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const windows = Math.max(...turns.map((t) => t.window)) + 1;
const p99Of = (w: number) => percentile(turns.filter((t) => t.window === w).map((t) => t.ms), 99);
console.log(`Soak: ${SECONDS} s, ${RATE} sessions/s (${MIX.map(([k, s]) => `${k} ${s * 100}%`).join(', ')}), ${turns.length} turns, windows of ${WINDOW_S} s`);
console.log(`window  ${KINDS.map((k) => `${k.padEnd(12)} p50/p99 ms (n)`.padEnd(30)).join('')}all p99`);
for (let w = 0; w < windows; w++) {
  const cells = KINDS.map((k) => {
    const ms = turns.filter((t) => t.window === w && t.kind === k).map((t) => t.ms);
    return (ms.length ? `${percentile(ms, 50).toFixed(1)}/${percentile(ms, 99).toFixed(1)} (${ms.length})` : '-').padEnd(30);
  });
  console.log(`${String(w + 1).padStart(6)}  ${cells.join('')}${p99Of(w).toFixed(1)}`);
}
const rssBase = rssAfterWarmUp ?? rssAtStart;
const growth = (rssAtEnd - rssBase) / rssBase;
const first = p99Of(0);
const last = p99Of(windows - 1);
/**
 * A window's p99 rests on its few slowest turns: one scheduler hiccup moves it by tens of
 * milliseconds. A slowdown counts when it is over 20 % and over this much in absolute terms.
 */
const P99_NOISE_MS = 25;
const slowedDown = last > first * 1.2 && last - first > P99_NOISE_MS;
console.log(`errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].slice(0, 5).join('; ')})` : ''}`);
console.log(`RSS: ${mb(rssAtStart)} at start, ${mb(rssBase)} after the first window, ${mb(rssAtEnd)} at the end (${(growth * 100).toFixed(1)} %, limit 10 %)`);
console.log(`p99: first window ${first.toFixed(1)} ms, last ${last.toFixed(1)} ms (${(((last - first) / first) * 100).toFixed(1)} %, limit +20 % and +${P99_NOISE_MS} ms)`);
const failures = [errors.length > 0 && 'errors', growth > 0.1 && 'RSS grew over 10 %', slowedDown && `last p99 over first by more than 20 % and ${P99_NOISE_MS} ms`].filter(Boolean);
if (failures.length) {
  console.log(`SOAK FAILED: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('soak ok');
