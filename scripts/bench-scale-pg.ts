import type { CaseRecord } from '../data/cases.js';
import { openPgDatabase } from '../data/postgres/open.js';
import type { PgDatabase } from '../data/postgres/db.js';
import { PgImport } from '../data/postgres/pgImport.js';
import { PgOutboxStore } from '../data/postgres/pgOutboxStore.js';
import { CLAIM_LEASE_MS } from '../bot/notifier.js';
import { applicationScript, say, submitted } from './bench/applicant.js';
import { serveInChild, startConnectorChild, type ServedChild } from './bench/child.js';
import { scaleCases } from './bench/scaleData.js';
import { percentile } from './bench/stats.js';
import { startCluster } from './pgCluster.js';

// `npm run bench:scale:pg`: a throwaway PostgreSQL holding PG_CASES cases (default 100,000; a
// province's history: 300,000 a year, every case's audit, one delivered status update each),
// loaded in bulk. Then:
// 1. the overdue query (`/api/admin/overdue`, and its plan: it must read the index by stage and time);
// 2. 1, 2 and 3 bot instances on it (PG_INSTANCES, e.g. "1,3"), each for PG_SECONDS (default 20)
//    of questions and complete applications from concurrent users; every turn goes to the next
//    instance in turn (no sticky sessions: chat state is in the database). Every instance runs
//    its scheduler (every 5 s), delivering status updates to a Connector stub in its own process;
//    prints p50/p99 per kind and turns/s;
// 3. with the last instance count, applicants go on while PG_DUE_UPDATES status updates fall due
//    over the run and one instance is SIGKILLed halfway (turns to it are retried on the next, as
//    a proxy does). The due updates go to people on Direct Line, whose transcripts are in the
//    database; the rest (applications', reminders') to a Connector stub. Then the outbox must
//    drain (a killed instance's claimed rows wait for their lease), and the script fails unless
//    every acknowledged case is in the database, every status update written was delivered,
//    every due one stands exactly once in its person's transcript, and no appraisal session is
//    over capacity.
const CASES = Number(process.env.PG_CASES ?? 100_000);
const SECONDS = Number(process.env.PG_SECONDS ?? 20);
const INSTANCES = (process.env.PG_INSTANCES ?? '1,2,3').split(',').map(Number);
const APPLICANTS = Number(process.env.PG_APPLICANTS ?? 20);
const ASKERS = Number(process.env.PG_ASKERS ?? 20);
const DUE_UPDATES = Number(process.env.PG_DUE_UPDATES ?? 3000);
/** Direct Line conversations the due updates go to (a transcript keeps its newest 500 activities). */
const DUE_PEOPLE = Math.max(1, Math.ceil(DUE_UPDATES / 100));
const QUESTIONS = ['残疾证怎么办', '办残疾证要带什么材料', '护理补贴谁能领', '残疾证有效期是几年', '鉴定在哪里做', '生活补贴一个月多少钱'];
const BATCH = 20_000;
const PER_YEAR = 300_000;
const OVERDUE_CALLS = 20;
const ADMIN_TOKEN = 'bench-admin-token';

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const line = (kind: string, values: number[]) =>
  `  ${kind.padEnd(17)} n=${String(values.length).padStart(5)}  p50 ${percentile(values, 50).toFixed(0)} ms  p99 ${percentile(values, 99).toFixed(0)} ms`;

/** The cases in batches of one INSERT each, then one delivered status update per case, written by the database itself. */
async function load(db: PgDatabase, serviceUrl: string): Promise<void> {
  const bulk = new PgImport(db);
  let batch: CaseRecord[] = [];
  for (const { record } of scaleCases(CASES, new Date(), PER_YEAR)) {
    // Their people's chats are at the stub channel: the daily jobs' reminders to them are delivered and counted.
    batch.push({ ...record, conversation: { ...record.conversation, serviceUrl } });
    if (batch.length === BATCH) {
      await bulk.cases(batch);
      batch = [];
    }
  }
  await bulk.cases(batch);
  await db.query(
    `INSERT INTO outbox (seq, id, dedupe_key, case_no, conversation, recipient, text, created_at, due_at, attempts, status, delivered_at)
     SELECT s, 'OB' || lpad(s::text, 8, '0'), case_no || ':latest', case_no, record -> 'conversation', 'applicant',
            '您的申请有新进展，请回复“进度”查看。', updated_at, updated_at, 1, 'delivered', updated_at
     FROM (SELECT nextval('outbox_seq_seq') AS s, case_no, record, updated_at FROM cases ORDER BY created_at) c`,
  );
  await db.query('VACUUM ANALYZE');
}

const cluster = await startCluster();
const connector = await startConnectorChild();
const children: ServedChild[] = [];
try {
  const db = await openPgDatabase(cluster.url);
  let t = performance.now();
  await load(db, connector.url);
  const sizes = await db.query<{ open: string; size: string }>(
    `SELECT (SELECT count(*) FROM cases WHERE status <> 'closed') AS open, pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  console.log(`PostgreSQL: ${CASES} cases (${sizes.rows[0].open} under way) and ${CASES} delivered status updates loaded in ${seconds(t)} s; database ${sizes.rows[0].size}`);
  const historyTop = Number((await db.query<{ top: string }>('SELECT max(seq) AS top FROM outbox')).rows[0].top ?? 0);

  const start = () =>
    serveInChild('app', {
      STORE: 'postgres', DATABASE_URL: cluster.url, DIRECTLINE_SECRET: 'bench', ADMIN_TOKEN, RATE_LIMIT: 'off', LOG_LEVEL: 'silent',
      BENCH_SCHEDULER: 'on', NOTIFY_SCHEDULE: '*/5 * * * * *', QUIET_HOURS: 'off',
    });
  children.push(await start());

  // 1. The overdue watch over the whole table, and the plan of one stage's query.
  const base = children[0].url.replace(/\/api\/messages$/, '');
  const overdue: number[] = [];
  let found = 0;
  for (let i = 0; i < OVERDUE_CALLS; i++) {
    const began = performance.now();
    const res = await fetch(`${base}/api/admin/overdue`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    found = ((await res.json()) as { overdue: unknown[] }).overdue.length;
    overdue.push(performance.now() - began);
  }
  console.log(`\n/api/admin/overdue over ${CASES} cases (${found} overdue found):`);
  console.log(line('overdue', overdue));
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT case_no, stage_since FROM cases WHERE status <> 'closed' AND stage = $1 AND stage_since < $2 ORDER BY stage_since, case_no`,
    ['pre_review', new Date(Date.now() - 30 * 86_400_000).toISOString()],
  );
  const planText = plan.rows.map((r) => r['QUERY PLAN']);
  console.log(planText.map((l) => `  ${l}`).join('\n'));
  if (!planText.some((l) => l.includes('cases_waiting'))) {
    console.log('FAILED: the overdue query does not read the index by stage and time (cases_waiting)');
    process.exitCode = 1;
  }

  // 2. Questions and applications over 1, 2, 3 instances.
  let userSeq = 0;
  const talk = (url: string, user: string, text: string) => say(url, user, text, connector.url);
  for (const n of INSTANCES) {
    while (children.length < n) children.push(await start());
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
        const r = await talk(pick(), user, QUESTIONS[i % QUESTIONS.length]);
        if (r.status !== 200) errors++;
        times.question.push(r.ms);
      }
    };
    const applicant = async () => {
      while (performance.now() < until) {
        const k = ++userSeq;
        const script = applicationScript(k);
        for (const [i, text] of script.entries()) {
          const r = await talk(pick(), `a${k}`, text);
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
    for (const [kind, values] of Object.entries(times)) if (values.length) console.log(line(kind, values));
  }

  // 3. One instance SIGKILLed mid-run, with status updates falling due all along to people on
  // Direct Line (the transcripts are in the database: what a person is shown is counted there).
  const directLine = `${base}/v3/directline`;
  const people = await Promise.all(
    Array.from({ length: DUE_PEOPLE }, async () => {
      const res = await fetch(`${directLine}/conversations`, { method: 'POST', headers: { authorization: 'Bearer bench' } });
      return ((await res.json()) as { conversationId: string }).conversationId;
    }),
  );
  const runStart = Date.now();
  await new PgOutboxStore(db).enqueue(
    Array.from({ length: DUE_UPDATES }, (_, k) => ({
      dedupeKey: `bench-due-${k}`,
      conversation: { channelId: 'directline', serviceUrl: directLine, conversation: { id: people[k % DUE_PEOPLE], isGroup: false, conversationType: 'personal', name: '' }, user: { id: `dl_due_${k % DUE_PEOPLE}`, name: '' } },
      recipient: 'applicant',
      text: `您的申请有新进展（第 ${k} 条）。`,
      dueAt: new Date(runStart + Math.floor((k / DUE_UPDATES) * SECONDS * 1000)).toISOString(),
    })),
    new Date(runStart),
  );
  const alive = children.map((c) => c.url);
  let next = 0;
  const anywhere = async (user: string, text: string) => {
    for (let tries = 0; ; tries++) {
      const url = alive[next++ % alive.length];
      try {
        return await talk(url, user, text);
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
      for (const text of script) reply = (await anywhere(`k${k}`, text).catch(() => ({ text: '' }))).text;
      const caseNo = /案件号是 (YC\d{12})/.exec(reply)?.[1];
      if (caseNo) acknowledged.push(caseNo);
      else unfinished++;
    }
  };
  const killed = new Promise<void>((resolve) =>
    setTimeout(() => {
      const victim = children.pop()!;
      alive.splice(alive.indexOf(victim.url), 1);
      void victim.stop('SIGKILL').then(resolve);
    }, (SECONDS * 1000) / 2),
  );
  await Promise.all([killed, ...Array.from({ length: APPLICANTS }, applicant)]);

  // Every status update written since the load (the runs' and the due ones) must go out; a
  // killed instance's claimed rows go to another once their lease (CLAIM_LEASE_MS) runs out.
  t = performance.now();
  const pendingLeft = async () =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE seq > $1 AND status = 'pending'`, [historyTop])).rows[0].n);
  while ((await pendingLeft()) > 0 && performance.now() - t < CLAIM_LEASE_MS + 60_000) await new Promise((r) => setTimeout(r, 2000));
  const drainSeconds = seconds(t);
  const rows = (await db.query<{ dedupe_key: string; status: string; attempts: number; last_error: string | null }>('SELECT dedupe_key, status, attempts, last_error FROM outbox WHERE seq > $1', [historyTop])).rows;
  const delivered = rows.filter((r) => r.status === 'delivered');
  const notDelivered = rows.length - delivered.length;
  // The due updates as the people see them: how often each stands in its Direct Line transcript.
  const shown = new Map(
    (
      await db.query<{ k: string; n: string }>(
        `SELECT activity -> 'channelData' ->> 'dedupeKey' AS k, count(*) AS n FROM dl_activities WHERE conversation_id = ANY($1) AND activity -> 'channelData' ->> 'dedupeKey' LIKE 'bench-due-%' GROUP BY 1`,
        [people],
      )
    ).rows.map((r) => [r.k, Number(r.n)]),
  );
  const dueMissing = DUE_UPDATES - shown.size;
  const dueTwice = [...shown.values()].filter((n) => n > 1).length;
  // The other updates (the runs' applications, daily jobs on the loaded cases) went to the stub channel.
  const received = await connector.count();
  const got = new Set(received.keys);
  const unsent = delivered.filter((r) => !r.dedupe_key.startsWith('bench-due-') && !got.has(r.dedupe_key)).length;
  const { rows: inDb } = await db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE case_no = ANY($1)', [acknowledged]);
  const over = await db.query<{ n: string }>('SELECT count(*) AS n FROM slot_sessions WHERE booked > capacity');
  await db.close();
  console.log(
    `\nSIGKILL of 1 of ${alive.length + 1} instances halfway: ${acknowledged.length} applications acknowledged, ${inDb[0].n} of them in the database, ` +
      `${unfinished} cut short by the kill, ${over.rows[0].n} sessions over capacity`,
  );
  console.log(
    `${DUE_UPDATES} status updates falling due during the kill run: ${shown.size} shown to their person, ${dueMissing} missing, ${dueTwice} shown twice ` +
      `(the outbox drained ${drainSeconds} s after the run)`,
  );
  console.log(
    `every status update written since the load: ${rows.length}, ${delivered.length} delivered, ${notDelivered} not; at the stub channel ` +
      `${unsent} marked delivered but never received, ${received.repeated.length} sent twice (a send the kill cut off before its mark; ` +
      `it carries the same dedupe key, which the Direct Line channel drops)`,
  );
  for (const r of rows.filter((r) => r.status !== 'delivered').slice(0, 5)) console.log(`  not delivered: ${r.dedupe_key} ${r.status} after ${r.attempts} attempts: ${r.last_error ?? ''}`);
  if (Number(inDb[0].n) !== acknowledged.length || Number(over.rows[0].n) > 0 || notDelivered > 0 || unsent > 0 || dueMissing > 0 || dueTwice > 0) {
    console.log('FAILED: a lost case, a place over capacity, or a status update not delivered exactly once');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(children.map((c) => c.stop()));
  connector.stop();
  cluster.stop();
}
