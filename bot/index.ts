import { createApp } from './app.js';
import { loadConfig } from './config.js';

// Entry point of `npm start`: configuration from the environment, then serve.
try {
  const config = loadConfig();
  const app = await createApp({ config });
  const base = await app.listen();
  app.startScheduler();
  console.log(`OneVisit 一次办 is running (${app.kb.entries.length} knowledge entries, region ${app.region.id}, data in ${config.dataDir})`);
  console.log(`  web chat:        ${base}/`);
  console.log(`  health:          ${base}/healthz`);
  console.log(`  bot endpoint:    ${base}/api/messages`);
  console.log(`  agent suggest:   ${base}/api/agent/suggest?q=残疾证怎么办`);
  console.log(`  direct line:     ${base}/v3/directline`);
  console.log(`  agent console:   ${base}/agent${config.agentToken ? '' : ' (closed: set AGENT_TOKEN)'}`);
  console.log(`  admin API:       ${base}/api/admin/unanswered ${config.adminToken ? '(Bearer ADMIN_TOKEN)' : '(closed: set ADMIN_TOKEN)'}`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`OneVisit failed to start: ${(err as Error).message}`);
  process.exit(1);
}
