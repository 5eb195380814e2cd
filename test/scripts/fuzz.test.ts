import { expect } from 'chai';
import { generateRequests, type FuzzContext } from '../../scripts/fuzz/generate.js';
import { runFuzz } from '../../scripts/fuzz/run.js';

const context: FuzzContext = { adminToken: 'a', agentToken: 'b', directLineSecret: 'c', conversationId: 'd', conversationToken: 'e', sinkUrl: 'http://127.0.0.1:1' };

describe('fuzz (bounded run against a real server process)', function () {
  this.timeout(120_000);

  it('generates the same requests for the same seed, and different ones for another', () => {
    const raw = (seed: number) => [...generateRequests(seed, 50, context)].map((r) => r.raw.toString('latin1'));
    expect(raw(7)).to.deep.equal(raw(7));
    expect(raw(7)).to.not.deep.equal(raw(8));
    const targets = new Set([...generateRequests(7, 500, context)].map((r) => r.target));
    expect([...targets].sort()).to.deep.equal(['admin', 'agent', 'directLineClient', 'directLineConnector', 'messages', 'odd', 'upgrade', 'upload']);
  });

  it('answers 400 hostile requests without a single 5xx, and is alive and healthy after them', async () => {
    const result = await runFuzz({ seed: 11, count: 400 });
    expect(result.requests).to.equal(400);
    expect(result.serverErrors).to.deep.equal([]);
    expect(result.alive).to.equal(true);
    // The server's own log (restify's included) never carries a request body.
    expect(result.personalDataInLogs).to.equal(0);
    // Every request got an answer: nothing hung or was dropped.
    expect(result.byStatus['0'] ?? 0).to.equal(0);
    // The run reached past the first checks: some requests were served.
    expect(result.byStatus['200'] ?? 0).to.be.above(10);
  });
});
