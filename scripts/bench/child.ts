import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Starts `serve.js <kind>` in its own process; resolves to its URL and a stop function. */
export function serveInChild(kind: 'app' | 'echo', env: Record<string, string> = {}): Promise<{ url: string; stop(): void }> {
  const script = fileURLToPath(new URL('./serve.js', import.meta.url));
  const child: ChildProcess = fork(script, [kind], { execArgv: ['--disable-warning=DEP0111'], stdio: 'inherit', env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
    child.once('message', (m) => resolve({ url: (m as { url: string }).url, stop: () => child.kill() }));
  });
}
