import { caseRecordOf } from '../data/cases.js';
import { formatCaseNo } from '../data/caseQuery.js';
import { openPgDatabase } from '../data/postgres/open.js';
import { PgImport } from '../data/postgres/pgImport.js';
import { newCase, testIdNumber } from '../test/fixtures/cases.js';
import { applicationScript, say, submitted } from './bench/applicant.js';
import { serveInChild, type ServedChild } from './bench/child.js';
import { percentile } from './bench/stats.js';
import { startCluster } from './pgCluster.js';

// `npm run bench:scale:pg`: a throwaway PostgreSQL holding PG_CASES cases (default 100,000), then
// 1, 2 and 3 bot instances on it (PG_INSTANCES, e.g. "1,3"), each for PG_SECONDS (default 20)
// of questions and complete applications from concurrent users; every turn goes to the next
// instance in turn (no sticky sessions: chat state is in the database). Prints p50/p99 per kind.
// Then, with the last instance count, applicants go on while one instance is SIGKILLed halfway
// (turns to it are retried on the next, as a proxy does): every case number a reply
// acknowledged must be in the database.
const CASES = Number(process.env.PG_CASES ?? 100_000);
const SECONDS = Number(process.env.PG_SECONDS ?? 20);
const INSTANCES = (process.env.PG_INSTANCES ?? '1,2,3').split(',').map(Number);
const APPLICANTS = Number(process.env.PG_APPLICANTS ?? 20);
const ASKERS = Number(process.env.PG_ASKERS ?? 20);
const QUESTIONS = ['残疾证怎么办', '办残疾证要带什么材料', '护理补贴谁能领', '残疾证有效期是几年', '鉴定在哪里做', '生活补贴一个月多少钱'];
const BATCH = 5000;

const cluster = await startCluster();
const children: ServedChild[] = [];
try {
  const db = await openPgDatabase(cluster.url);
  let t = performance.now();
  const day0 = Date.parse('2025-01-01T02:00:00Z');
  for (let start = 0; start < CASES; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, CASES - start) }, (_, k) => {
      const i = start + k;
      const at = new Date(day0 + Math.floor(i / 800) * 86_400_000 + (i % 800) * 1000);
      return caseRecordOf({ ...newCase({ applicant: { idNumber: testIdNumber(i) }, submittedBy: { role: 'self', userKey: `seed:${i}` } }) }, formatCaseNo(at, (i % 800) + 1), at);
    });
    await new PgImport(db).cases(batch);
  }
  await db.query('ANALYZE');
  await db.close();
  console.log(`PostgreSQL: ${CASES} cases loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  let userSeq = 0;
  for (const n of INSTANCES) {
    while (children.length < n) {
      children.push(await serveInChild('app', { STORE: 'postgres', DATABASE_URL: cluster.url, DIRECTLINE_SECRET: 'bench', RATE_LIMIT: 'off', LOG_LEVEL: 'silent' }));
    }
    const urls = children.slice(0, n).map((c) => c.url);
    let next = 0;
    const pick = () => urls[next++ % urls.length];
    const times: Record<'question' | 'application turn' | 'submit', number[]> = { question: [], 'application turn': [], submit: [] };
    let errors = 0;
    let cases = 0;
    const until = performance.now() + SECONDS * 1000;
    const asker = async () => {
      const user = `q${++userSeq}`;
      for (let i = 0; performance.now() < until; i++) {
        const r = await say(pick(), user, QUESTIONS[i % QUESTIONS.length]);
        if (r.status !== 200) errors++;
        times.question.push(r.ms);
      }
    };
    const applicant = async () => {
      while (performance.now() < until) {
        const k = ++userSeq;
        const script = applicationScript(k);
        for (const [i, line] of script.entries()) {
          const r = await say(pick(), `a${k}`, line);
          if (r.status !== 200) errors++;
          if (i === script.length - 1) {
            times.submit.push(r.ms);
            if (submitted(r.text)) cases++;
            else errors++;
          } else times['application turn'].push(r.ms);
        }
      }
    };
    t = performance.now();
    await Promise.all([...Array.from({ length: ASKERS }, asker), ...Array.from({ length: APPLICANTS }, applicant)]);
    const elapsed = (performance.now() - t) / 1000;
    const turns = Object.values(times).reduce((s, v) => s + v.length, 0);
    console.log(`\n${n} instance${n > 1 ? 's' : ''}, ${ASKERS} askers + ${APPLICANTS} applicants, ${elapsed.toFixed(0)} s: ${(turns / elapsed).toFixed(1)} turns/s, ${cases} applications submitted, ${errors} errors`);
    for (const [kind, values] of Object.entries(times)) {
      if (values.length) console.log(`  ${kind.padEnd(17)} n=${String(values.length).padStart(5)}  p50 ${percentile(values, 50).toFixed(0)} ms  p99 ${percentile(values, 99).toFixed(0)} ms`);
    }
  }

  // One instance SIGKILLed mid-run.
  const alive = children.map((c) => c.url);
  let next = 0;
  const anywhere = async (user: string, text: string) => {
    for (let tries = 0; ; tries++) {
      const url = alive[next++ % alive.length];
      try {
        return await say(url, user, text);
      } catch (err) {
        if (tries >= alive.length) throw err;
      }
    }
  };
  const acknowledged: string[] = [];
  let unfinished = 0;
  const until = performance.now() + SECONDS * 1000;
  const applicant = async () => {
    while (performance.now() < until) {
      const k = ++userSeq;
      const script = applicationScript(k);
      let reply = '';
      for (const line of script) reply = (await anywhere(`k${k}`, line).catch(() => ({ text: '' }))).text;
      const caseNo = /案件号是 (YC\d{12})/.exec(reply)?.[1];
      if (caseNo) acknowledged.push(caseNo);
      else unfinished++;
    }
  };
  const killed = new Promise<void>((resolve) =>
    setTimeout(() => {
      const victim = children.pop()!;
      alive.splice(alive.indexOf(victim.url), 1);
      victim.stop('SIGKILL');
      resolve();
    }, (SECONDS * 1000) / 2),
  );
  await Promise.all([killed, ...Array.from({ length: APPLICANTS }, applicant)]);
  const check = await openPgDatabase(cluster.url);
  const { rows } = await check.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE case_no = ANY($1)', [acknowledged]);
  const over = await check.query<{ n: string }>('SELECT count(*) AS n FROM slot_sessions WHERE booked > capacity');
  await check.close();
  console.log(
    `\nSIGKILL of 1 of ${alive.length + 1} instances halfway: ${acknowledged.length} applications acknowledged, ${rows[0].n} of them in the database, ` +
      `${unfinished} cut short by the kill, ${over.rows[0].n} sessions over capacity`,
  );
  if (Number(rows[0].n) !== acknowledged.length) process.exitCode = 1;
} finally {
  for (const c of children) c.stop();
  cluster.stop();
}
