import { expect } from 'chai';
import { answerStart, dialogHarness } from './harness.js';

// fix24b: short follow-ups in context that were still read against the wrong entry, each in the
// trial's words and in others (another topic, the same kind of follow-up).

/** The bot's reply to the last of a conversation's messages. */
const lastReply = async (turns: string[]) => {
  const h = await dialogHarness();
  let reply = '';
  for (const t of turns) reply = (await h.say(t)).text ?? '';
  return { h, reply };
};

describe('fix24b (2): "评不上" after a subsidy or the card asks what happens when the appraisal finds no disability', () => {
  const cases: [before: string, said: string][] = [
    ['残疾证和护理补贴能一起办吗要跑几趟', '那要是评不上呢'],
    ['生活补贴和护理补贴能同时申请吗', '那要是评不上呢'],
    ['残疾证怎么办', '那要是评不上呢'],
    ['护理补贴怎么申请', '要是没评上咋办'],
    ['生活补贴谁能领', '没有评上的话呢'],
  ];
  for (const [before, said] of cases) {
    it(`"${said}" after "${before}": the appraisal found not qualified`, async () => {
      const { h, reply } = await lastReply([before, said]);
      expect(reply).to.include(answerStart(h, 'appr-not-qualified'));
    });
  }

  it('a question about it that stands on its own is answered on its own', async () => {
    const { h, reply } = await lastReply(['护理补贴怎么申请', '评定结果是不符合还能再申请吗']);
    expect(reply).to.include(answerStart(h, 'appr-not-qualified'));
  });
});
