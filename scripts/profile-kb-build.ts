import '../knowledge/startUpWorkers.js';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../bot/config.js';
import { loadRegion } from '../data/region.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { cpuMs, mainThreadCpuMs } from './bench/stats.js';

// `node dist/scripts/profile-kb-build.js [warm builds]`: where the start-up build of the shipped
// knowledge base spends its CPU time, phase by phase, for the first build in the process and
// for later ones (their mean). A sampling profile (1 ms) attributes each sample to the innermost
// phase function on its stack; samples tick in wall time, which a loaded machine stretches, so
// each phase is printed as its share of the samples times the main thread's CPU time (the thread
// that serves; on Linux, else the process's, all threads). Helper threads (compilers, GC,
// jieba's dictionary worker) are in the process's CPU time, printed below the phases.
// The machine is shared: compare runs interleaved, several of each.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Blocked until a worker thread is done (jieba's dictionary, the SGD): wall time, no CPU.
const WAITING = 'waiting for a worker thread (wall ms, not CPU)';

// [phase, function, file]: the innermost one on a sample's stack takes the sample.
const PHASES: [string, string, string][] = [
  [WAITING, 'waitForWorker', 'knowledge/workerJob.js'],
  ['jieba dictionary (first use; handed over from its worker) + synonyms', 'TextAnalyzer', 'knowledge/features.js'],
  ['normalising (Traditional, full-width)', 'normalizeText', 'knowledge/normalize.js'],
  ['segmenting (jieba)', 'cut', 'jieba'],
  ['synonym folding, categories', 'analyzeTokens', 'knowledge/features.js'],
  ['homophone vocabulary (pinyin)', 'HomophoneCorrector', 'knowledge/homophones.js'],
  ['the rest of learning the wordings', 'learn', 'knowledge/features.js'],
  ['lexical features', 'lexicalBag', 'knowledge/features.js'],
  ['model features (n-grams, pinyin)', 'modelBag', 'knowledge/features.js'],
  ['TF-IDF index', 'TfIdfIndex', 'knowledge/tfidf.js'],
  ['BM25 index', 'Bm25Index', 'knowledge/bm25.js'],
  ['hard negatives', 'top', 'knowledge/ranking.js'],
  ['linear model: encoding', 'SoftmaxModel', 'knowledge/linearModel.js'],
  ['linear model: SGD', 'train', 'knowledge/softmaxTraining.js'],
  ['answers and decline objects analysed', 'analyze', 'knowledge/features.js'],
  ['other-place gate', 'OtherPlaceGate', 'knowledge/otherPlace.js'],
  ['the rest of the ranking\'s build', 'Ranker', 'knowledge/ranking.js'],
  ['garbage collection', '(garbage collector)', ''],
];


/** Milliseconds by phase; "other" is what no phase function was on the stack for. */
function phases(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOf = new Map<number, string>();
  const find = (id: number): string => {
    const known = phaseOf.get(id);
    if (known !== undefined) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    const own = PHASES.find(([, name, file]) => (functionName === name || functionName.endsWith(`.${name}`)) && url.includes(file));
    const up = parent.get(id);
    const phase = own ? own[0] : up === undefined ? 'other' : find(up);
    phaseOf.set(id, phase);
    return phase;
  };
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const phase = find(id);
    out.set(phase, (out.get(phase) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

const warm = Number(process.argv[2] ?? 3);
const config = loadConfig();
const mainCpu = () => mainThreadCpuMs() ?? cpuMs();
const start = mainCpu();
const content = loadKnowledge(config.knowledgeDir, loadRegion(config.regionFile));
console.log(`loading and validating the YAML files: ${(mainCpu() - start).toFixed(0)} ms CPU (not part of the build below)`);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 1000 });

async function profiled(builds: number): Promise<{ main: number; cpu: number; wall: number; phases: Map<string, number> }> {
  await session.post('Profiler.start');
  const [m, c, w] = [mainCpu(), cpuMs(), performance.now()];
  for (let i = 0; i < builds; i++) KnowledgeBase.fromEntries(content.entries, content.synonyms);
  const [main, used, wall] = [(mainCpu() - m) / builds, (cpuMs() - c) / builds, (performance.now() - w) / builds];
  const { profile } = await session.post('Profiler.stop');
  const found = phases(profile as Profile);
  const sampled = [...found].reduce((a, [k, v]) => a + (k === WAITING ? 0 : v), 0) || 1;
  for (const [k, v] of found) found.set(k, k === WAITING ? v / builds : (v / sampled) * main);
  return { main, cpu: used, wall, phases: found };
}

const first = await profiled(1);
const later = await profiled(warm);
session.disconnect();
const names = [...new Set(PHASES.map(([p]) => p)), 'other'];
const width = Math.max(...names.map((n) => n.length));
console.log(`${'phase (main thread CPU ms)'.padEnd(width)}  first build  later builds (mean of ${warm})`);
for (const name of names) {
  const f = first.phases.get(name) ?? 0;
  const l = later.phases.get(name) ?? 0;
  console.log(`${name.padEnd(width)}  ${f.toFixed(0).padStart(11)}  ${l.toFixed(0).padStart(12)}`);
}
const row = (label: string, f: number, l: number) => console.log(`${label.padEnd(width)}  ${f.toFixed(0).padStart(11)}  ${l.toFixed(0).padStart(12)}`);
row('build, main thread CPU ms', first.main, later.main);
row('build, all threads CPU ms', first.cpu, later.cpu);
row('build, wall ms', first.wall, later.wall);
