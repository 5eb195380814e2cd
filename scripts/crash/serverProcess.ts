import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../bot/index.js', import.meta.url));

/** A free loopback port (taken and released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bot as `npm start` runs it (dist/bot/index.js), in a child process that can be killed. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stderr = '';

  constructor(
    readonly base: string,
    private readonly env: Record<string, string>,
  ) {}

  get up(): boolean {
    return this.child !== undefined;
  }

  /** Starts the process; resolves once `/healthz` answers, rejects if it exits first or takes 60 s. */
  async start(): Promise<void> {
    this.stderr = '';
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', ENTRY], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    let gone = false;
    // The server does not outlive the run, however the run ends.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.exited = new Promise((resolve) => child.once('exit', () => ((gone = true), process.off('exit', killOnExit), resolve())));
    this.child = child;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
      if (gone) throw new Error(`the server exited at start-up: ${this.stderr}`);
      const ok = await fetch(`${this.base}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
    }
    await this.kill();
    throw new Error(`the server did not answer /healthz within 60 s: ${this.stderr}`);
  }

  /** SIGKILL: no shutdown code runs, whatever was in flight is cut. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
    this.child = undefined;
  }

  /** SIGTERM, as an operator stops it. */
  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.exited;
    this.child = undefined;
  }
}
