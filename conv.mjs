import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { createApp } = await import('./dist/bot/app.js');
const { loadConfig } = await import('./dist/bot/config.js');
const { silentLogger } = await import('./dist/bot/logger.js');
const app = await createApp({ config: { ...loadConfig(), port: 0, dataDir: mkdtempSync(join(tmpdir(), 'conv-')) }, logger: silentLogger });
const url = `${await app.listen()}/api/messages`;
const convs = JSON.parse(process.argv[2]);
let n = 0;
for (const turns of convs) {
  const id = `c${n++}`;
  console.log('====');
  for (const text of turns) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text, channelId: 'eval', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies', conversation: { id }, from: { id }, recipient: { id: 'bot' } }) });
    const body = await res.json();
    console.log('>', text, '\n ', body.activities.map((a) => (a.text ?? '').slice(0, 110).replace(/\n/g, ' ') + (a.suggestedActions ? ' [' + a.suggestedActions.actions.map(x => x.title).join('|') + ']' : '')).join('\n  '));
  }
}
await app.close(); process.exit(0);
