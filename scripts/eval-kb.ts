import { join } from 'node:path';
import { loadConfig } from '../bot/config.js';
import { projectRoot } from '../bot/paths.js';
import { loadRegion } from '../data/region.js';
import { evaluate, readJsonl } from '../knowledge/evaluation.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';

// `npm run eval:kb [--failures]`: retrieval quality on the dev sets and our own hold-out set.
const config = loadConfig();
const kb = KnowledgeBase.load(config.knowledgeDir, loadRegion(config.regionFile));
const fixtures = join(projectRoot, 'test/fixtures');
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
  if (process.argv.includes('--failures')) for (const f of r.failures) console.log(`   miss: ${f.q}  -> ${f.got}`);
}
