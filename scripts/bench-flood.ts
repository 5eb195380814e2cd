import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serveInChild } from './bench/child.js';
import { ms, percentile } from './bench/stats.js';

// `npm run bench:flood`: a quiet user's latency while another user floods /api/messages from
// another address, without flood limits (RATE_LIMIT=off) and with the defaults. Each side has
// its own loopback address (127.0.0.2 floods, 127.0.0.3 is quiet), as two people would, and
// the flooder its own process, so its client work does not delay the quiet users' clock.
const FLOOD_RATE = Number(process.env.FLOOD_RATE ?? 2000);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 5);
/** Quiet people: five users on one address, two turns a second each (well within their own limit). */
const QUIET_USERS = 5;
const QUIET_RATE = 10;

function turn(url: URL, from: string, agent: Agent, user: string, text: string): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify({
    type: 'message', text, channelId: 'bench', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
    conversation: { id: `flood-${user}` }, from: { id: user }, recipient: { id: 'bot' },
  });
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, localAddress: from, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

/** `rate` turns per second for `seconds`, open loop (sent on time whatever the answers do). */
async function offer(url: URL, from: string, users: string[], rate: number, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const results: Promise<{ status: number; ms: number }>[] = [];
  const started = performance.now();
  for (let n = 0; n < rate * seconds; n++) {
    const wait = started + (n * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    results.push(turn(url, from, agent, users[n % users.length], '残疾证有效期是几年'));
  }
  const done = await Promise.all(results);
  agent.destroy();
  return done;
}

/** The flood from a child process (this script with `flood <url>`): resolves to its answers' statuses. */
function floodFromChild(url: URL): Promise<number[]> {
  const child = fork(fileURLToPath(import.meta.url), ['flood', url.href], { execArgv: ['--disable-warning=DEP0111'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => resolve(m as number[]));
  });
}

if (process.argv[2] === 'flood') {
  const answers = await offer(new URL(process.argv[3]), '127.0.0.2', ['noisy'], FLOOD_RATE, SECONDS);
  process.send!(answers.map((r) => r.status));
  process.exit(0);
}

async function run(label: string, env: Record<string, string>, flood: boolean): Promise<void> {
  const bot = await serveInChild('app', env);
  const url = new URL(bot.url);
  await offer(url, '127.0.0.4', ['warm-up'], 10, 1);
  const quietUsers = Array.from({ length: QUIET_USERS }, (_, i) => `quiet-${i}`);
  const [quiet, noisy] = await Promise.all([
    offer(url, '127.0.0.3', quietUsers, QUIET_RATE, SECONDS),
    flood ? floodFromChild(url) : Promise.resolve([]),
  ]);
  bot.stop();
  const q = quiet.map((r) => r.ms);
  const count = (status: number) => noisy.filter((s) => s === status).length;
  console.log(
    `  ${label.padEnd(34)} quiet: ${quiet.filter((r) => r.status === 200).length}/${quiet.length} ok, p50 ${ms(percentile(q, 50))}, p99 ${ms(percentile(q, 99))}` +
      (flood ? `; flood: ${noisy.length} sent, ${count(200)} answered, ${count(429)} refused (429)` : ''),
  );
}

console.log(`${QUIET_USERS} quiet users (${QUIET_RATE} turns/s in all) while another floods /api/messages at ${FLOOD_RATE} req/s for ${SECONDS} s:`);
await run('no flood', { RATE_LIMIT: 'off' }, false);
await run('flood, no limits (RATE_LIMIT=off)', { RATE_LIMIT: 'off' }, true);
await run('flood, default limits', {}, true);
