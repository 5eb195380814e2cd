import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { silentLogger } from '../../bot/logger.js';
import { startEchoServer } from './echoServer.js';

// Child process of a benchmark: serves one bot on loopback so the load generator does not
// share its event loop. argv[2]: "app" (OneVisit on DATA_DIR or a fresh data folder) or "echo".
if (process.argv[2] === 'echo') {
  const echo = await startEchoServer();
  process.send?.({ url: echo.url });
} else {
  // DATA_DIR set by the benchmark: a data folder it filled beforehand (cases to book for).
  const config = { ...loadConfig(), port: 0, dataDir: process.env.DATA_DIR || mkdtempSync(join(tmpdir(), 'onevisit-bench-')) };
  const app = await createApp({ config, logger: silentLogger });
  // BENCH_SCHEDULER=on: delivers the outbox as `npm start` does (on NOTIFY_SCHEDULE).
  if (process.env.BENCH_SCHEDULER === 'on') app.startScheduler();
  process.send?.({ url: `${await app.listen()}/api/messages` });
}
process.on('message', (m) => {
  if (m !== 'rss') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ rss: process.memoryUsage.rss() });
});
process.on('disconnect', () => process.exit(0));
