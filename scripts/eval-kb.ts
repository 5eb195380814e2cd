import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';
import { projectRoot } from '../bot/paths.js';
import { loadRegion } from '../data/region.js';
import { evaluate, evaluateConversations, readConversations, readJsonl } from '../knowledge/evaluation.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';

// `npm run eval:kb [--failures]`: retrieval quality on the dev sets and our own hold-out set,
// then two-turn conversations through the real bot (/api/messages on a fresh data folder).
const config = loadConfig();
const kb = KnowledgeBase.load(config.knowledgeDir, loadRegion(config.regionFile));
const fixtures = join(projectRoot, 'test/fixtures');
const showFailures = process.argv.includes('--failures');
const sets = [
  ['dev (shared/eval)', 'kb-dev.jsonl', 'kb-dev-outofscope.jsonl'],
  ['hold-out 1 (ours, used to tune)', 'kb-holdout.jsonl', 'kb-holdout-outofscope.jsonl'],
  ['hold-out 2 (ours, never tuned on)', 'kb-holdout2.jsonl', 'kb-holdout2-outofscope.jsonl'],
] as const;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
for (const [name, inFile, outFile] of sets) {
  const r = evaluate(kb, readJsonl(join(fixtures, inFile)), readJsonl(join(fixtures, outFile)));
  console.log(
    `${name}: ${r.questions} questions  top-1 ${pct(r.top1)}  top-3 ${pct(r.top3)}  MRR ${r.mrr.toFixed(3)}  ` +
      `answered-and-right ${pct(r.answeredRight)}  out-of-scope rejected ${pct(r.rejected)} of ${r.outOfScope}`,
  );
  if (showFailures) for (const f of r.failures) console.log(`   miss: ${f.q}  -> ${f.got}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-eval-'));
const app = await createApp({ config: { ...config, port: 0, dataDir }, logger: silentLogger });
const url = `${await app.listen()}/api/messages`;
/** The bot's replies to the last turn, every turn sent in the same conversation. */
async function converse(turns: string[], conversationId: string): Promise<string> {
  let last = '';
  for (const text of turns) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', text, channelId: 'eval', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
        conversation: { id: conversationId }, from: { id: conversationId }, recipient: { id: 'bot' },
      }),
    });
    const body = (await res.json()) as { activities: { text?: string }[] };
    last = body.activities.map((a) => a.text ?? '').join('\n');
  }
  return last;
}
const multiTurn = [
  ['two-turn dev (shared/eval)', 'kb-dev-multiturn.jsonl'],
  ['two-turn hold-out 1 (ours, written before tuning)', 'kb-holdout-multiturn.jsonl'],
  ['two-turn hold-out 2 (ours, written later, run once before its fixes)', 'kb-holdout2-multiturn.jsonl'],
] as const;
try {
  for (const [name, file] of multiTurn) {
    const r = await evaluateConversations(readConversations(join(fixtures, file)), (turns, id) => converse(turns, `${file}-${id}`));
    console.log(`${name}: ${r.conversations} conversations  second turn right ${pct(r.passed)}`);
    if (showFailures) for (const f of r.failures) console.log(`   miss: ${f.turns.join(' / ')}  -> ${f.got}`);
  }
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
