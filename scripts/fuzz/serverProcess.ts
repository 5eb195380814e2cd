import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  port: number;
  /** Everything the process has written to stdout and stderr so far. */
  output(): string;
  /** Resident set size of the server process in bytes (Linux /proc). */
  rss(): number;
  /** SIGTERM, then SIGKILL if it is still there after `ms`; resolves to the exit code. */
  stop(ms?: number): Promise<number | null>;
}

/** `npm start`'s process (dist/bot/index.js) on a free loopback port and a fresh data folder; resolves once it prints where it serves. */
export function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(projectRoot, 'dist/bot/index.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'onevisit-server-')), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onOutput = (chunk: Buffer) => {
      out += chunk.toString();
      const base = /web chat:\s+(http:\/\/\S+?)\/\s/.exec(out)?.[1];
      if (!base) return;
      child.stdout!.off('data', onOutput);
      child.stdout!.on('data', (more: Buffer) => (out += more.toString()));
      resolve({
        child,
        output: () => out,
        base,
        port: Number(new URL(base).port),
        rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
        stop: (ms = 10_000) =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            const kill = setTimeout(() => child.kill('SIGKILL'), ms);
            child.once('exit', (code) => {
              clearTimeout(kill);
              done(code);
            });
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before serving: ${out}`)));
  });
}
