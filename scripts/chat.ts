import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';

// `npm run chat`: the same bot in the terminal, through its own Direct Line channel, so
// proactive status updates show up too. Buttons are listed with numbers; type the number or
// the words. Ctrl-D (or the end of piped input) quits once the bot has finished answering.
const secret = randomBytes(16).toString('hex');
const app = await createApp({ config: { ...loadConfig(), port: 0, directLineSecret: secret }, logger: silentLogger });
const dl = `${await app.listen()}/v3/directline`;
app.startScheduler();

const started = (await (await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } })).json()) as {
  conversationId: string;
  token: string;
};
const auth = { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' };
const userId = `terminal-${randomBytes(4).toString('hex')}`;
let watermark = '';
let lastActivityAt = Date.now();

interface Activity {
  type: string;
  from: { id: string };
  text?: string;
  suggestedActions?: { actions: { title: string }[] };
}

let inFlight: Promise<void> | undefined;

/**
 * Prints the bot's new messages, numbered buttons under each. The timer and `settle` both poll:
 * one request at a time, or two would read from the same watermark and print twice.
 */
function poll(): Promise<void> {
  inFlight ??= readNew().finally(() => (inFlight = undefined));
  return inFlight;
}

async function readNew(): Promise<void> {
  const res = await fetch(`${dl}/conversations/${started.conversationId}/activities?watermark=${watermark}`, { headers: auth });
  const body = (await res.json()) as { activities: Activity[]; watermark: string };
  watermark = body.watermark ?? watermark;
  for (const a of body.activities) {
    if (a.type !== 'message' || a.from.id === userId) continue;
    lastActivityAt = Date.now();
    console.log(`\n助手：${a.text ?? ''}`);
    // Titles carry their numbers already ("1. 同意").
    a.suggestedActions?.actions.forEach((b) => console.log(`  ${b.title}`));
  }
}

const timer = setInterval(() => void poll().catch(() => undefined), 500);
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const queue: string[] = [];
let sending = Promise.resolve();
rl.on('line', (line) => {
  const text = line.trim();
  if (!text) return;
  queue.push(text);
  // Piped input is sent one line at a time, each after the bot has answered the one before.
  sending = sending.then(async () => {
    const next = queue.shift()!;
    if (!process.stdin.isTTY) console.log(`\n我：${next}`);
    await fetch(`${dl}/conversations/${started.conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: next, from: { id: userId }, locale: 'zh-CN' }),
    });
    await settle();
  });
});
rl.on('close', () => {
  void sending.then(settle).then(async () => {
    clearInterval(timer);
    await app.close();
    process.exit(0);
  });
});
console.log('一次办助手（终端版）。直接输入问题，回复按钮前的数字也可以；Ctrl-D 退出。');

/** Waits until the bot has been quiet for a moment (its replies to the last line are in). */
async function settle(): Promise<void> {
  const since = Date.now();
  lastActivityAt = since;
  while (Date.now() - lastActivityAt < 1200 && Date.now() - since < 15_000) {
    await poll().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
  }
}
