import { parseArgs } from 'node:util';
import { runCrashTest } from './crash/crashRun.js';

// `npm run crash-test [-- --cycles 20 --applicants 20 --seed 1]`: applicants applying and booking
// while the server process is SIGKILLed at random moments; prints the figures, exits 1 on a loss.
// Interrupted: exit normally, so the server child is killed with the run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const { values } = parseArgs({
  options: { cycles: { type: 'string', default: '20' }, applicants: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' } },
});
const figures = await runCrashTest({
  cycles: Number(values.cycles),
  applicants: Number(values.applicants),
  seed: Number(values.seed),
  upMs: [300, 2500],
  finishMs: 120_000,
  log: (line) => console.log(line),
});
const { problems, ...numbers } = figures;
console.log(JSON.stringify(numbers, null, 2));
console.log(problems.length ? `FAILED:\n  ${problems.join('\n  ')}` : 'OK: every confirmed case present, no session over capacity, every status update delivered, drafts resumable');
process.exit(problems.length ? 1 : 0);
