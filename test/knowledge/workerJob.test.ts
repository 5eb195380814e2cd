import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { standBy, startJob } from '../../knowledge/workerJob.js';

// A worker script in a data: URL that runs `body` as its job through runJob, after `warmUp` if given.
const script = (body: string, warmUp?: string) =>
  new URL(
    `data:text/javascript,${encodeURIComponent(
      `import { runJob } from ${JSON.stringify(new URL('../../knowledge/workerJob.js', import.meta.url).href)};\n` +
        `let warmed = 0;\nawait runJob(async (input) => { ${body} }${warmUp ? `, () => { ${warmUp} }` : ''});`,
    )}`,
  );

describe('a build job on a worker thread', () => {
  it('returns what the worker computed from its input, moving its buffers', () => {
    const wait = startJob<number, Float64Array>(script('const out = new Float64Array([input * 2]); return { result: out, transfer: [out.buffer] };'), 21, 60_000);
    expect([...wait()!]).to.deep.equal([42]);
  });

  it('returns nothing at once, and crashes nothing, when the job fails: the caller does the work itself', () => {
    const started = Date.now();
    const wait = startJob<number, number>(script('throw new Error("no dictionary today");'), 1, 60_000);
    expect(wait()).to.equal(undefined);
    expect(Date.now() - started).to.be.below(30_000);
  });

  it('started ahead, warms up first and then runs the job it is handed later, even one handed during the warm-up', async () => {
    const worker = standBy<number, number[]>(script('return { result: [input, warmed], transfer: [] };', 'const end = Date.now() + 200; while (Date.now() < end); warmed = 1;'));
    expect(worker.run(5, 60_000)()).to.deep.equal([5, 1]);
    const later = standBy<number, number[]>(script('return { result: [input, warmed], transfer: [] };', 'warmed = 2;'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(later.run(7, 60_000)()).to.deep.equal([7, 2]);
  });

  it('still runs the job when its warm-up fails', () => {
    const worker = standBy<number, number>(script('return { result: input + 1, transfer: [] };', 'throw new Error("cold");'));
    expect(worker.run(1, 60_000)()).to.equal(2);
  });

  it('keeps no process alive while it waits for a job that never comes', async () => {
    const program = `import { standBy } from ${JSON.stringify(new URL('../../knowledge/workerJob.js', import.meta.url).href)};\nstandBy(new URL(${JSON.stringify(script('return undefined;').href)}));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', program], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve(null);
      }, 20_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).to.equal(0);
  });
});

describe('the entry points', () => {
  it('start the knowledge base\'s workers before loading anything else, so the build finds them ready', () => {
    for (const file of ['bot/index.ts', 'scripts/chat.ts', 'scripts/bench/serve.ts', 'scripts/bench-kb.ts', 'scripts/profile-kb-build.ts']) {
      const source = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
      expect(source.match(/^import .*$/m)?.[0], file).to.match(/knowledge\/startUpWorkers\.js'/);
    }
  });
});
