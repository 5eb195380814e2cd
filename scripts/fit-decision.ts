import { loadConfig } from '../bot/config.js';
import { loadRegion } from '../data/region.js';
import { confidence, fitConfidence, thresholdFor, type LabelledRanking } from '../knowledge/confidence.js';
import { kFold } from '../knowledge/evaluation.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { BLEND_THRESHOLDS, sameFact } from '../knowledge/ranking.js';

// `npm run fit:decision`: fits the confidence model the shipped ranking decides with
// (`DEFAULT_CONFIDENCE` in knowledge/ranking.ts) on the knowledge base's own wordings only, never
// on the question sets: each entry's wordings held out in 5 folds, decline entries held out
// whole so their wordings stand for out-of-scope questions nothing describes. Prints the model
// to paste, and what it and the old thresholds do on the same held-out rankings. The threshold
// answers no more of them wrongly (wrong entry or out of scope) than the old thresholds did.
const config = loadConfig();
const { entries, synonyms } = loadKnowledge(config.knowledgeDir, loadRegion(config.regionFile));
const byId = new Map(entries.map((e) => [e.id, e]));
const k = 5;
const data: LabelledRanking[] = [];
/** Whether the thresholds answered, by ranking. */
const thresholds: boolean[] = [];
let inScope = 0;
let outOfScope = 0;
for (let f = 0; f < k; f++) {
  const fold = kFold(entries, k, f, true);
  const kb = KnowledgeBase.fromEntries(fold.train, synonyms, BLEND_THRESHOLDS);
  const judge = (q: string, right: (top: string) => boolean) => {
    const decision = kb.decide(q);
    const features = kb.confidenceFeatures(q);
    // Every ranking the model gets to judge: all but the declined ones and those with no answer.
    if (decision.kind === 'decline' || !features) return;
    data.push({ features, right: right(decision.ranked[0].entry.id), outOfScope: false });
    thresholds.push(decision.kind === 'answer');
  };
  for (const { q, id } of fold.inScope) {
    inScope++;
    judge(q, (top) => top === id || sameFact(byId.get(top)!.answer, byId.get(id)!.answer, BLEND_THRESHOLDS.sameAnswer));
  }
  for (const { q } of fold.outOfScope) {
    outOfScope++;
    const before = data.length;
    judge(q, () => false);
    if (data.length > before) data[before].outOfScope = true;
  }
}
const fitted = fitConfidence(data);
const model = { ...fitted, answerAt: thresholdFor(fitted, data, data.filter((d, i) => thresholds[i] && !d.right).length) };
const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}%`.padStart(6);
const report = (name: string, answers: boolean[]) => {
  const count = (pick: (d: LabelledRanking) => boolean) => data.filter((d, i) => answers[i] && pick(d)).length;
  const right = count((d) => d.right);
  const wrong = count((d) => !d.right && !d.outOfScope);
  console.log(`${name.padEnd(22)} ${pct(right, inScope)}    ${pct(wrong, inScope)}    ${pct(count((d) => d.outOfScope), outOfScope)}`);
};
console.log(`${data.length} rankings judged, of ${inScope} in-scope and ${outOfScope} out-of-scope held-out wordings`);
console.log(`DEFAULT_CONFIDENCE = ${JSON.stringify(model)}`);
console.log(`${'decision'.padEnd(22)} ans+right  ans+wrong  out-of-scope answered`);
report('thresholds (before)', thresholds);
report(`confidence >= ${model.answerAt}`, data.map((d) => confidence(model, d.features) >= model.answerAt));
// The trade-off around the chosen threshold, for whoever moves it.
for (const at of [-0.08, -0.06, -0.04, -0.02, 0.02, 0.04].map((d) => Math.round((model.answerAt + d) * 1000) / 1000)) {
  report(`confidence >= ${at}`, data.map((d) => confidence(model, d.features) >= at));
}
