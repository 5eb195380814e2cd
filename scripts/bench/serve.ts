import '../../knowledge/startUpWorkers.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { silentLogger } from '../../bot/logger.js';
import { startEchoServer } from './echoServer.js';
import { vitalsMeter } from './serverVitals.js';

// Child process of a benchmark: serves one bot on loopback so the load generator does not
// share its event loop. argv[2]: "app" (OneVisit on DATA_DIR or a fresh data folder) or "echo".
if (process.argv[2] === 'echo') {
  const echo = await startEchoServer();
  process.send?.({ url: echo.url, kbBuiltInMs: 0 });
} else {
  // DATA_DIR set by the benchmark: a data folder it filled beforehand (cases to book for).
  const config = { ...loadConfig(), port: 0, dataDir: process.env.DATA_DIR || mkdtempSync(join(tmpdir(), 'onevisit-bench-')) };
  const app = await createApp({ config, logger: silentLogger });
  // BENCH_SCHEDULER=on: delivers the outbox as `npm start` does (on NOTIFY_SCHEDULE).
  if (process.env.BENCH_SCHEDULER === 'on') app.startScheduler();
  process.send?.({ url: `${await app.listen()}/api/messages`, kbBuiltInMs: app.kb.builtInMs });
}
// BENCH_CPU_PROFILE=<file>: each measured stretch (vitals-start to vitals) is profiled into
// <file>.<kind>.N.cpuprofile and <file>.<kind>.N.heapprofile (kind: app or echo, so two servers do not overwrite each other's).
const profileTo = process.env.BENCH_CPU_PROFILE;
let stretch = 0;
const meter = vitalsMeter();
process.on('message', (m) => {
  if (m === 'rss') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ rss: process.memoryUsage.rss() });
  } else if (m === 'vitals-start') {
    void meter.reset(profileTo && `${profileTo}.${process.argv[2] === 'echo' ? 'echo' : 'app'}.${++stretch}`).then(() => process.send?.({ started: true }));
  } else if (m === 'vitals') {
    void meter.read().then((vitals) => process.send?.({ vitals }));
  }
});
process.on('disconnect', () => process.exit(0));
