import { runFuzz } from './fuzz/run.js';

// npm run fuzz [-- --count N --seed S]: hostile requests against a real server process.
// Exits 1 on any 5xx, a dead server, personal data in its log, or RSS more than 10% above its start after the run.
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const result = await runFuzz({ seed: arg('seed', 20261128), count: arg('count', 5000), warmUp: arg('warm-up', 2000) });
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const growth = result.rssEndBytes / result.rssStartBytes - 1;

console.log(`fuzz: ${result.requests} requests, seed ${result.seed}, ${result.seconds.toFixed(1)} s (${(result.requests / result.seconds).toFixed(0)} req/s)`);
console.log(`by status: ${Object.entries(result.byStatus).map(([status, n]) => `${status === '0' ? 'no answer' : status}: ${n}`).join(', ')}`);
for (const [target, counts] of Object.entries(result.byTarget).sort()) {
  console.log(`  ${target.padEnd(20)} ${Object.entries(counts).map(([status, n]) => `${status}×${n}`).join(' ')}`);
}
console.log(`5xx: ${result.serverErrors.length}${result.serverErrors.length ? `\n  ${result.serverErrors.slice(0, 20).join('\n  ')}` : ''}`);
console.log(`server alive and /healthz ok: ${result.alive ? 'yes' : 'NO'}`);
console.log(`ID or phone numbers from the requests in the server's log: ${result.personalDataInLogs}`);
console.log(`RSS: ${mb(result.rssStartBytes)} MB at start, ${mb(result.rssEndBytes)} MB at end (${(growth * 100).toFixed(1)}%)`);
if (result.serverErrors.length || !result.alive || result.personalDataInLogs || growth > 0.1) process.exitCode = 1;
