import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
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

describe('trial 21 (10): a run-on\'s other question is offered as meant in the message', () => {
  const titles = (a: { suggestedActions?: { actions: { title?: string }[] } }) => a.suggestedActions?.actions.map((x) => x.title ?? '') ?? [];

  for (const [said, part] of [['聋哑人 能上大学不 有钱补不', '有钱补不'], ['监护人证明是啥 谁要交', '谁要交'], ['又聋又瞎的算哪类 等级咋定', '等级咋定']]) {
    it(`"${said}": "${part}" is what the answer says already, not offered back as a button`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(said);
      expect(titles(reply).join('|')).to.not.include(part);
      expect(reply.text).to.not.include(text.runOn.more);
    });
  }

  it('"聋哑人 能上大学不 有钱补不": the college grant is answered, not the two allowances', async () => {
    const h = await dialogHarness();
    const reply = (await h.say('聋哑人 能上大学不 有钱补不')).text ?? '';
    expect(reply).to.include(answerStart(h, 'emp-edu-grant'));
    expect(reply).to.not.include('两项补贴不一样');
  });

  for (const said of ['聋哑人 能上大学不 咋申请', '俺娃眼睛看不见 能上高中不 去哪申请', '俺家孩子耳朵聋 上大学有补贴不 咋申请']) {
    it(`"${said}": the button asks how to apply for the education grant, as meant`, async () => {
      const h = await dialogHarness();
      await h.say(said);
      expect((await h.say('1')).text).to.include(answerStart(h, 'emp-edu-apply'));
    });
  }
});
