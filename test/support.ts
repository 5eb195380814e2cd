import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../bot/config.js';
import { projectRoot } from '../bot/paths.js';
import { createWebServer } from '../bot/webServer.js';
import type { Clock } from '../data/clock.js';
import { loadRegion, type Region } from '../data/region.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';

export const fixtures = join(projectRoot, 'test/fixtures');

// Every folder a run makes (thousands: one data folder per started app) goes when the run ends,
// or a machine running the suite often fills its disk.
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'onevisit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const TEST_KB_MODEL_DIR = tempDir('onevisit-test-kb-model-');

/** Configuration as `npm start` would read it, on a fresh data folder and a free port. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // One trained model for the whole run: apps on fresh data folders load it instead of training.
  return { ...loadConfig({}), port: 0, dataDir: tempDir(), kbModelDir: TEST_KB_MODEL_DIR, logLevel: 'silent', ...overrides };
}

let shipped: { kb: KnowledgeBase; region: Region } | undefined;

/** The shipped knowledge base and demo region, loaded once for the whole run. */
export function shippedKnowledge(): { kb: KnowledgeBase; region: Region } {
  if (!shipped) {
    const config = loadConfig({});
    const region = loadRegion(config.regionFile);
    shipped = { kb: KnowledgeBase.load(config.knowledgeDir, region), region };
  }
  return shipped;
}

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private current = new Date('2026-11-20T02:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The app's web server (its headers, no logging of its own) on a free loopback port with only the routes `register` adds. */
export async function serveRoutes(register: (server: Server) => void): Promise<{ server: Server; base: string; close(): Promise<void> }> {
  const server = createWebServer();
  register(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Reply {
  status: number;
  retryAfter?: string;
  body: string;
}

/** One request from a chosen loopback address (all of 127.0.0.0/8 reaches the server), so tests can be several clients. */
export function requestFrom(from: string, url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(url, { method, localAddress: from, headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export interface EntryPointRun {
  /** Everything printed so far (stdout and stderr). */
  out: string;
  /** The exit code when it exited before `until` matched, else null. */
  code: number | null;
  pid: number;
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Runs the real entry point: the package's `start` script through `sh -c`, as npm runs it (after its
 * `prestart` build, which the test run has done), so a signal sent to `pid` reaches what npm would
 * signal. Resolves once its output matches `until` or it exits.
 */
export function startEntryPoint(env: Record<string, string>, until: RegExp): Promise<EntryPointRun> {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const child = spawn('sh', ['-c', scripts.start], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve) => {
    const run: EntryPointRun = { out: '', code: null, pid: child.pid!, kill: (signal) => void child.kill(signal), exited };
    const onData = (chunk: Buffer) => {
      run.out += chunk.toString();
      if (until.test(run.out)) resolve(run);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => resolve({ ...run, code }));
  });
}

/** A message activity as a channel posts it to /api/messages, replies asked back in the answer. */
export function testActivity(textValue: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    text: textValue,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    conversation: { id: `conv-${Math.random()}` },
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
    ...extra,
  };
}
