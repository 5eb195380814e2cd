import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../bot/config.js';
import { AGENT_ROLES, createAccount, type AgentRole } from '../data/agents.js';
import { systemClock } from '../data/clock.js';
import { openStores } from '../data/openStores.js';

// npm run agent:add -- --name w1001 --role supervisor [--display 张三]; the password from
// AGENT_PASSWORD or typed at the prompt. Opens the data folder itself: while the server runs,
// use POST /api/admin/agents instead (one process per folder).
const { values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string', default: 'agent' }, display: { type: 'string' } } });
if (!values.name || !AGENT_ROLES.includes(values.role as AgentRole)) {
  console.error(`usage: npm run agent:add -- --name LOGIN --role ${AGENT_ROLES.join('|')} [--display 姓名]  (password from AGENT_PASSWORD or the prompt)`);
  process.exit(2);
}
let password = process.env.AGENT_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('password: ');
  rl.close();
}
const config = loadConfig();
try {
  const stores = await openStores(config);
  const result = await createAccount(stores.agents, { name: values.name, displayName: values.display, password, role: values.role as AgentRole }, 'agent:add', systemClock.now());
  await stores.close();
  if (!result.ok) {
    console.error(result.error);
    process.exit(1);
  }
  console.log(`created ${result.account.role} ${result.account.name} (${result.account.displayName}) in ${config.dataDir}`);
} catch (err) {
  console.error(`agent:add failed: ${(err as Error).message}`);
  process.exit(1);
}
