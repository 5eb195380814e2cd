import { readFileSync } from 'node:fs';

// `node dist/scripts/bench/profileTop.js <file.cpuprofile> [rows]`: where a profiled stretch of a
// benchmark spent its CPU, by function (self time) and by package or source folder (self time).
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: node dist/scripts/bench/profileTop.js <file.cpuprofile> [rows]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** The package (node_modules/<name>) or the project's folder a frame's source is in. */
function placeOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own) return own[1];
  return url ? url.replace(/^.*\//, '') : '(native)';
}

function top(key: (node: ProfileNode) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, us] of self) {
    const k = key(byId.get(id)!);
    sums.set(k, (sums.get(k) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(rowsArg));
}
const line = ([k, us]: [string, number]) => `  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
console.log('By package or folder (self time):');
for (const row of top((n) => (n.callFrame.url ? placeOf(n.callFrame.url) : n.callFrame.functionName || '(native)'))) console.log(line(row));
console.log('By function (self time):');
for (const row of top((n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '')}:${n.callFrame.lineNumber + 1}`)) console.log(line(row));
