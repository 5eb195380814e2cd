import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PERSONAL_DATA, generateRequests, type FuzzContext } from './generate.js';
import { rawRequest } from './rawHttp.js';
import { startServerProcess } from './serverProcess.js';

export interface FuzzOptions {
  seed: number;
  count: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Requests sent (from another seed) before the starting RSS is read, so start-up growth is not counted. */
  warmUp?: number;
}

export interface FuzzResult {
  seed: number;
  requests: number;
  seconds: number;
  /** Answers by status; 0 is a connection closed without an answer. */
  byStatus: Record<string, number>;
  byTarget: Record<string, Record<string, number>>;
  /** Requests answered 5xx, as `target status first-line-of-request`. */
  serverErrors: string[];
  /** Times an ID number or phone number the requests carried appears in the server's output (its logs). */
  personalDataInLogs: number;
  /** The server process was still running and /healthz answered ok after the run. */
  alive: boolean;
  rssStartBytes: number;
  rssEndBytes: number;
}

/** Where the bot's replies to loopback serviceUrls go: answered at once, so they do not wait on a closed port's retries. */
async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // Two calls: restify, when loaded in the same process, replaces writeHead with one that returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => sink.close(() => resolve())),
  };
}

async function startConversation(base: string, secret: string): Promise<{ conversationId: string; token: string }> {
  const res = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
  if (!res.ok) throw new Error(`could not start a Direct Line conversation: ${res.status}`);
  return (await res.json()) as { conversationId: string; token: string };
}

/** An agent account made through the admin API, and a session token of it (what the console's APIs take). */
async function agentSession(base: string, adminToken: string): Promise<string> {
  const account = { name: 'fuzz1', password: randomBytes(12).toString('hex'), role: 'agent' };
  const made = await fetch(`${base}/api/admin/agents`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(account) });
  if (made.status !== 201) throw new Error(`could not create the fuzz agent account: ${made.status}`);
  const login = await fetch(`${base}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: account.name, password: account.password }) });
  if (!login.ok) throw new Error(`could not log the fuzz agent in: ${login.status}`);
  return ((await login.json()) as { token: string }).token;
}

/**
 * Starts the server as `npm start` runs it (a child process, loopback, fresh data folder, every
 * API open with a token), sends it `count` seeded hostile requests, then checks it is still
 * alive and healthy. Resolves to the counts; the caller judges them.
 */
export async function runFuzz({ seed, count, concurrency = 8, warmUp = 0 }: FuzzOptions): Promise<FuzzResult> {
  const keys = { adminToken: randomBytes(12).toString('hex'), directLineSecret: randomBytes(12).toString('hex') };
  const server = await startServerProcess({ ADMIN_TOKEN: keys.adminToken, DIRECTLINE_SECRET: keys.directLineSecret });
  const sink = await startSink();
  try {
    const secrets = { ...keys, agentToken: await agentSession(server.base, keys.adminToken) };
    const { conversationId, token } = await startConversation(server.base, secrets.directLineSecret);
    const ctx: FuzzContext = { ...secrets, conversationId, conversationToken: token, sinkUrl: sink.url };
    const send = async (requests: Iterator<{ target: string; raw: Buffer }>, onAnswer: (target: string, status: number, raw: Buffer) => void) => {
      const worker = async () => {
        for (let next = requests.next(); !next.done; next = requests.next()) {
          const { target, raw } = next.value;
          const answer = await rawRequest(server.port, raw, 10_000).catch(() => ({ status: 0 }));
          onAnswer(target, answer.status, raw);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    };
    if (warmUp) await send(generateRequests(seed + 1, warmUp, ctx), () => undefined);
    const rssStartBytes = server.rss();
    const result: FuzzResult = { seed, requests: 0, seconds: 0, byStatus: {}, byTarget: {}, serverErrors: [], personalDataInLogs: 0, alive: false, rssStartBytes, rssEndBytes: 0 };
    const started = performance.now();
    await send(generateRequests(seed, count, ctx), (target, status, raw) => {
      result.requests += 1;
      result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      const perTarget = (result.byTarget[target] ??= {});
      perTarget[status] = (perTarget[status] ?? 0) + 1;
      if (process.env.FUZZ_SHOW_UNANSWERED && status === 0) console.log(raw.toString('latin1', 0, 400).replace(/\r\n/g, ' | '));
      if (status >= 500) result.serverErrors.push(`${target} ${status} ${raw.toString('latin1', 0, 200).split('\r\n')[0]}`);
    });
    result.seconds = (performance.now() - started) / 1000;
    result.rssEndBytes = server.rss();
    const health = await fetch(`${server.base}/healthz`).catch(() => undefined);
    result.alive = server.child.exitCode === null && health?.status === 200;
    result.personalDataInLogs = PERSONAL_DATA.reduce((n, value) => n + server.output().split(value).length - 1, 0);
    return result;
  } finally {
    await server.stop();
    await sink.close();
  }
}
