import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';
import { projectRoot } from '../bot/paths.js';
import { readJsonl } from '../knowledge/evaluation.js';
import { postMessage } from './endpointEval.js';

// `npm run replies:kb -- <file>`: every question of every eval fixture (test/fixtures/kb-*.jsonl)
// sent to /api/messages of the app as `npm start` serves it (a fresh data folder), each question
// in a new conversation and each multi-turn set's turns in one, and every reply's text written to
// <file>, one line per turn. `-- <file> --against <earlier file>` also says which replies
// changed: a change meant to keep the bot's replies (a speed-up) is checked against the file
// written before it.
const args = process.argv.slice(2);
const against = args.includes('--against') ? args[args.indexOf('--against') + 1] : undefined;
const out = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--against');
if (!out) throw new Error('usage: npm run replies:kb -- <file> [--against <earlier file>]');

const fixtures = join(projectRoot, 'test/fixtures');
const conversations = readdirSync(fixtures)
  .filter((f) => /^kb-.*\.jsonl$/.test(f))
  .sort()
  .flatMap((f) => readJsonl(join(fixtures, f)).map((row) => ({ set: f, turns: (row as { turns?: string[] }).turns ?? [row.q] })));

const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-replies-'));
const app = await createApp({ config: { ...loadConfig(), port: 0, dataDir, floodLimits: undefined }, logger: silentLogger });
const url = `${await app.listen()}/api/messages`;
const lines: string[] = [];
try {
  for (const [n, { set, turns }] of conversations.entries()) {
    for (const text of turns) {
      const res = await postMessage(url, text, `replies-${n}`);
      const replies = res.ok ? ((await res.json()) as { activities: { text?: string; suggestedActions?: { actions: { title?: string }[] } }[] }).activities : [];
      // The text and the buttons of every message: what the person sees.
      const seen = replies.map((a) => ({ text: a.text ?? '', buttons: a.suggestedActions?.actions.map((b) => b.title ?? '') ?? [] }));
      lines.push(JSON.stringify({ set, conversation: n, said: text, status: res.status, replies: seen }));
    }
  }
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${conversations.length} conversations, ${lines.length} turns: replies written to ${out}`);
if (against) {
  const before = readFileSync(against, 'utf8').trimEnd().split('\n');
  const changed = lines.filter((line, i) => line !== before[i]);
  console.log(before.length === lines.length && changed.length === 0 ? `the same as ${against}` : `${changed.length} of ${lines.length} turns differ from ${against} (${before.length} turns there)`);
  for (const line of changed.slice(0, 20)) console.log(`  now: ${line.slice(0, 300)}`);
  if (changed.length || before.length !== lines.length) process.exitCode = 1;
}
