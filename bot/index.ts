import '../knowledge/startUpWorkers.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

/** Stop within this after SIGTERM: connections closed, scheduler stopped, state flushed. */
const STOP_DEADLINE_MS = 9000;

// Entry point of `npm start`: configuration from the environment, then serve.
try {
  const config = loadConfig();
  const app = await createApp({ config });
  const base = await app.listen();
  app.startScheduler();
  console.log(`OneVisit 一次办 is running (${app.kb.entries.length} knowledge entries trained in ${Math.round(app.kb.builtInMs)} ms, region ${app.region.id}, data in ${config.store === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : config.store === 'memory' ? 'memory only' : config.dataDir})`);
  console.log(`  web chat:        ${base}/`);
  console.log(`  health:          ${base}/healthz`);
  console.log(`  bot endpoint:    ${base}/api/messages`);
  console.log(`  agent suggest:   ${base}/api/agent/suggest?q=残疾证怎么办`);
  console.log(`  direct line:     ${base}/v3/directline`);
  console.log(`  agent console:   ${base}/agent (accounts: npm run agent:add, or POST /api/admin/agents)`);
  console.log(`  admin API:       ${base}/api/admin/unanswered ${config.adminToken ? '(Bearer ADMIN_TOKEN)' : '(closed: set ADMIN_TOKEN)'}`);
  console.log(`  SMS:             ${config.sms.on ? `on (Tencent Cloud SMS at ${config.sms.config.tencent.baseUrl}; callbacks ${base}/api/sms/tencent/{receipts,replies}${config.sms.config.callbackToken ? '' : ', closed: set SMS_CALLBACK_TOKEN'})` : `off (${config.sms.reason}): status updates by chat only`}`);
  console.log(`  wechat push:     ${base}/api/wechat ${app.wechat ? '(on)' : `(off: ${config.wechat.on ? 'needs an anonymous bot' : `set ${config.wechat.missing.join(', ')}`})`}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Orchestrators kill after ~10 s: whatever still hangs by then is cut off, visibly.
    setTimeout(() => {
      console.error(`OneVisit did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err: Error) => {
        console.error(`OneVisit failed to stop cleanly: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`OneVisit failed to start: ${(err as Error).message}`);
  process.exit(1);
}
