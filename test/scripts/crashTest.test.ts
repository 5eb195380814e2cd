import { expect } from 'chai';
import { runCrashTest } from '../../scripts/crash/crashRun.js';

// The bounded guard of `npm run crash-test`: a real server process (dist/bot/index.js), killed
// twice mid-traffic and once more with a half-filled application.
describe('crash test, bounded: applicants applying and booking while the server is SIGKILLed', function () {
  // Each start of the server loads the knowledge base: a few seconds, more on a busy machine.
  this.timeout(240_000);

  it('loses no confirmed case, overbooks no session, delivers every status update, keeps the draft', async () => {
    const f = await runCrashTest({ cycles: 2, applicants: 3, seed: 7, upMs: [300, 1500], finishMs: 90_000 });
    expect(f.problems).to.deep.equal([]);
    expect(f.kills).to.equal(3);
    expect(f.confirmedCases).to.equal(3);
    expect(f.casesStored).to.equal(3);
    expect(f.slotsOverCapacity).to.equal(0);
    expect(f.statusUpdates).to.equal(6);
    expect(f.statusUpdatesDelivered).to.equal(6);
    expect(f.draftResumableAfterKill).to.equal(true);
  });
});
