import { expect } from 'chai';
import { startJob } from '../../knowledge/workerJob.js';

// A worker script in a data: URL that runs `body` as its job through runJob.
const script = (body: string) =>
  new URL(`data:text/javascript,${encodeURIComponent(`import { runJob } from ${JSON.stringify(new URL('../../knowledge/workerJob.js', import.meta.url).href)};\nawait runJob(async (input) => { ${body} });`)}`);

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
});
