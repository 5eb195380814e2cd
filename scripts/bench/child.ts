import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerVitals } from './serverVitals.js';

export interface ServedChild {
  url: string;
  pid: number;
  /** The served knowledge base's build (wall ms) in the child, a process started as the server is; 0 for the echo bot. */
  kbBuiltInMs: number;
  /** SIGTERM unless told otherwise (SIGKILL: a crash); resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** The child's resident set size in bytes after a full garbage collection: what it keeps, not what it has yet to collect. */
  rss(): Promise<number>;
  /** Starts measuring the child's CPU, GC pauses and event-loop delay (and profiling, with BENCH_CPU_PROFILE set). */
  startVitals(): Promise<void>;
  /** What the child spent since `startVitals`. */
  vitals(): Promise<ServerVitals>;
}

/** Starts `serve.js <kind>` in its own process; resolves to its URL, a stop function and its RSS. */
export function serveInChild(kind: 'app' | 'echo', env: Record<string, string> = {}): Promise<ServedChild> {
  const script = fileURLToPath(new URL('./serve.js', import.meta.url));
  const child: ChildProcess = fork(script, [kind], { execArgv: ['--disable-warning=DEP0111', '--expose-gc'], stdio: 'inherit', env: { ...process.env, ...env } });
  const ask = <T>(question: string) =>
    new Promise<T>((answer) => {
      child.once('message', (r) => answer(r as T));
      child.send(question);
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
    child.once('message', (m) =>
      resolve({
        url: (m as { url: string }).url,
        pid: child.pid!,
        kbBuiltInMs: (m as { kbBuiltInMs: number }).kbBuiltInMs,
        stop: (signal) =>
          new Promise((exited) => {
            if (child.exitCode !== null || child.signalCode !== null) return exited();
            child.once('exit', () => exited());
            child.kill(signal);
          }),
        rss: () => ask<{ rss: number }>('rss').then((r) => r.rss),
        startVitals: () => ask('vitals-start').then(() => undefined),
        vitals: () => ask<{ vitals: ServerVitals }>('vitals').then((r) => r.vitals),
      }),
    );
  });
}

/** What the connector child (connectorChild.ts) has received so far. */
export interface ConnectorCount {
  received: number;
  distinctKeys: number;
  keys: string[];
  repeated: string[];
}

export interface ConnectorChild {
  url: string;
  count(): Promise<ConnectorCount>;
  stop(): void;
}

/** A channel's Connector endpoint in its own process: proactive sends go there and are counted by dedupe key. */
export function startConnectorChild(): Promise<ConnectorChild> {
  const child = fork(fileURLToPath(new URL('./connectorChild.js', import.meta.url)), [], { execArgv: ['--disable-warning=DEP0111'], stdio: 'inherit' });
  const count = () =>
    new Promise<ConnectorCount>((resolve) => {
      child.once('message', (m) => resolve(m as ConnectorCount));
      child.send('count');
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => resolve({ url: (m as { url: string }).url, count, stop: () => child.kill() }));
  });
}
