import '../knowledge/startUpWorkers.js';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { createApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';
import { text as said } from '../dialogs/text/index.js';
import { lineAction } from './chatLine.js';

// `npm run chat`: the same bot in the terminal, through its own Direct Line channel, so
// proactive status updates show up too. Buttons are listed with numbers; type the number or
// the words. "退出" (or Ctrl-D, or the end of piped input) quits once the bot has finished answering.
// The bot's messages arrive over the conversation's WebSocket stream, as in Web Chat: polling
// as fast as a terminal wants to feel would run into the channel's per-conversation limit.
const secret = randomBytes(16).toString('hex');
const app = await createApp({ config: { ...loadConfig(), port: 0, directLineSecret: secret }, logger: silentLogger });
const dl = `${await app.listen()}/v3/directline`;
app.startScheduler();

const started = (await (await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } })).json()) as {
  conversationId: string;
  token: string;
  streamUrl: string;
};
const auth = { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' };
// A Direct Line token lasts 30 minutes: renewed well before, so a long session keeps talking.
const renewal = setInterval(() => {
  void fetch(`${dl}/tokens/refresh`, { method: 'POST', headers: auth })
    .then(async (res) => res.ok && (auth.authorization = `Bearer ${((await res.json()) as { token: string }).token}`))
    .catch(() => undefined);
}, 15 * 60_000);
const userId = `terminal-${randomBytes(4).toString('hex')}`;
let watermark: string | undefined;
let lastActivityAt = Date.now();
let closing = false;

interface Activity {
  type: string;
  from: { id: string };
  text?: string;
  suggestedActions?: { actions: { title: string }[] };
}

/** Prints the bot's messages, numbered buttons under each. */
function show(activities: Activity[]): void {
  for (const a of activities) {
    if (a.type !== 'message' || a.from.id === userId) continue;
    lastActivityAt = Date.now();
    console.log(`\n助手：${a.text ?? ''}`);
    // Titles carry their numbers already ("1. 同意").
    a.suggestedActions?.actions.forEach((b) => console.log(`  ${b.title}`));
  }
}

/** Reads the stream; if it drops (the server restarted its socket), asks for a new one from the last watermark. */
function connect(url: string): void {
  const socket = new WebSocket(url);
  socket.on('message', (data) => {
    const text = data.toString();
    if (!text.trim()) return; // the channel's keep-alive
    const frame = JSON.parse(text) as { activities: Activity[]; watermark?: string };
    watermark = frame.watermark ?? watermark;
    show(frame.activities);
  });
  socket.on('error', () => undefined); // 'close' follows
  socket.on('close', () => {
    if (closing) return;
    setTimeout(retry, 500);
  });
  stream = socket;
}

/** Until the server answers again (a restart takes seconds). */
const retry = (): void => void reconnect().catch(() => setTimeout(retry, 2000));

async function reconnect(): Promise<void> {
  const query = watermark === undefined ? '' : `?watermark=${watermark}`;
  const res = await fetch(`${dl}/conversations/${started.conversationId}${query}`, { headers: auth });
  connect(((await res.json()) as { streamUrl: string }).streamUrl);
}

let stream: WebSocket | undefined;
connect(started.streamUrl);

const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const queue: string[] = [];
let sending = Promise.resolve();
/** Set by "退出" or a goodbye: lines after it (piped in the same chunk) are not sent. */
let ended = false;
const end = () => {
  ended = true;
  rl.close();
};
rl.on('line', (line) => {
  const action = ended ? 'skip' : lineAction(line);
  if (action === 'skip') return;
  if (action === 'quit') return end();
  queue.push(line.trim());
  // Piped input is sent one line at a time, each after the bot has answered the one before.
  sending = sending.then(async () => {
    const next = queue.shift()!;
    if (!process.stdin.isTTY) console.log(`\n我：${next}`);
    const res = await fetch(`${dl}/conversations/${started.conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: next, from: { id: userId }, locale: 'zh-CN' }),
    }).catch((err: Error) => err);
    if (res instanceof Error || !res.ok) {
      const why = res instanceof Error ? res.message : ((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message;
      console.log(`\n（没发出去${why ? `：${why}` : ''}，请再发一次）`);
      return;
    }
    await settle();
  });
  // A goodbye is answered (the close waits for what is being sent), then the session ends.
  if (action === 'sendAndQuit') end();
});
rl.on('close', () => {
  void sending.then(settle).then(async () => {
    closing = true;
    clearInterval(renewal);
    stream?.close();
    await app.close();
    process.exit(0);
  });
});
console.log(said.terminal.banner);

/** Waits until the bot has been quiet for a moment (its replies to the last line are in). */
async function settle(): Promise<void> {
  const since = Date.now();
  lastActivityAt = since;
  while (Date.now() - lastActivityAt < 1200 && Date.now() - since < 15_000) await new Promise((r) => setTimeout(r, 100));
}
