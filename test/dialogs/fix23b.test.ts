import { expect } from 'chai';
import { answerStart, dialogHarness } from './harness.js';

// Trial 21's reading faults (3, 4, 10), each in the tester's words and in others.

describe('trial 21 (3): a question naming its item with a sound-alike typo after a topic is its own, not the topic\'s follow-up', () => {
  const cases: [before: string, said: string, id: string][] = [
    ['我腿脚不好走不了路 鉴定能不能叫医生到家里来', '残疾正丢了 咋补办', 'cert-lost'],
    ['护理补贴一个月给多少钱', '残疾正丢了 咋补办', 'cert-lost'],
    ['护理补贴一个月给多少钱', '残疾正过期了 咋办', 'cert-renew'],
    ['护理补贴谁能领', '残疾正过期了咋换', 'cert-renew'],
    ['生活补贴谁能领', '残急证丢了咋补', 'cert-lost'],
  ];
  for (const [before, said, id] of cases) {
    it(`"${said}" after "${before}": ${id}`, async () => {
      const h = await dialogHarness();
      await h.say(before);
      const reply = (await h.say(said)).text ?? '';
      expect(reply).to.include(answerStart(h, id));
    });
  }

  it('the console reads it so too: "残疾正丢了 咋补办" after the care allowance\'s amount is the lost card', async () => {
    const h = await dialogHarness();
    const s = h.kb.suggest('残疾正丢了 咋补办', 3, ['护理补贴一个月给多少钱']);
    expect(s.suggestions[0].id).to.equal('cert-lost');
  });
});
