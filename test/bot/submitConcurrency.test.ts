import { expect } from 'chai';
import { createApp } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { answerUntil, confirmedCaseNo, conversationWith } from '../../scripts/crash/applicant.js';
import { FakeClock, testConfig } from '../support.js';

const t = text.application;

describe('"确认提交" sent 10 times at once, through /api/messages', () => {
  it('makes exactly one case; a repeat while it is answered says nothing, any other names the case again', async () => {
    const config = testConfig();
    const app = await createApp({ config, logger: silentLogger, clock: new FakeClock() });
    const base = await app.listen();
    try {
      const say = conversationWith(() => base, 'racer', 'http://127.0.0.1:9');
      const atSummary = await answerUntil(say, 1, (replies) => (replies.at(-1)?.includes(t.summary.intro) ? true : undefined));
      expect(atSummary).to.equal(true);
      const replies = await Promise.all(Array.from({ length: 10 }, () => say(t.summary.confirm)));
      // A double tap says nothing the second time; a repeat after the first was answered is answered alike.
      const answered = replies.filter((r) => r.length > 0);
      const numbers = answered.map((r) => r.map(confirmedCaseNo).find(Boolean));
      expect(answered.length, JSON.stringify(replies)).to.be.at.least(1);
      expect(numbers.every(Boolean), JSON.stringify(replies)).to.equal(true);
      expect(new Set(numbers).size).to.equal(1);
      expect(replies.flat()).to.not.include(text.notRecorded);
      expect(await app.stores.cases.count()).to.equal(1);
      expect((await app.stores.cases.get(numbers[0]!))?.submissionId).to.be.a('string');
    } finally {
      await app.close();
    }
    const restarted = await createApp({ config, logger: silentLogger, clock: new FakeClock() });
    expect(await restarted.stores.cases.count()).to.equal(1);
  });
});
