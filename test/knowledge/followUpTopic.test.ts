import { expect } from 'chai';
import { join } from 'node:path';
import { topicAfter } from '../../knowledge/followUp.js';
import { evaluateConversations, readConversations } from '../../knowledge/evaluation.js';
import { text } from '../../dialogs/text/index.js';
import { fixtures, shippedKnowledge } from '../support.js';
import { dialogHarness } from '../dialogs/harness.js';

// fix22c (trial 18 N4, trial 19 fault 13): a follow-up two or three turns deep is answered by the
// entry of the topic that holds what it asks, or said plainly not to be known; not the same paragraph
// again, nor another service's entry.
const { kb } = shippedKnowledge();
const NOT_IN_ANSWER = text.notInAnswer({ government: '12345', federation: '12385' }).slice(0, 12);

/** The bot's last reply to a conversation (SMS on: answers as their entries word them). */
const reply = async (turns: string[]) => {
  const { send } = await dialogHarness({ sms: true });
  let last = '';
  for (const t of turns) last = (await send(t)).map((a) => a.text ?? '').join('\n');
  return last;
};

describe('Follow-ups answered by the entry of their topic that holds what they ask', () => {
  // Written before the ranking was looked at: 8 of 21 passed before this fix, 15 after (the misses: words
  // the answers do not use, "一个月发一回" for 按月, "报纸" for 登报, "六十多" for 60岁; a first turn asked back).
  it('answers three-turn conversations of its own (>= 0.65)', async () => {
    const report = await evaluateConversations(readConversations(join(fixtures, 'kb-dev-followup22.jsonl')), reply);
    expect(report.passed, JSON.stringify(report.failures)).to.be.at.least(0.65);
  });

  // The trials' chains: 4 of 15 before, 12 after.
  it('answers the chains of trials 18 and 19 (>= 0.75)', async () => {
    const report = await evaluateConversations(readConversations(join(fixtures, 'kb-dev-followup22-trials.jsonl')), reply);
    expect(report.passed, JSON.stringify(report.failures)).to.be.at.least(0.75);
  });

  it('keeps a renewal\'s entries to the renewal: the lost card\'s and the new card\'s are not its family', () => {
    const renewal = topicAfter('残疾证到期了咋换', kb.entry('cert-renew')!);
    const family = kb.topicFamily('要不要登报', renewal).map((e) => e.id);
    expect(family).to.include.members(['cert-renew', 'cert-free']);
    expect(family).to.not.include.members(['cert-lost', 'cert-new-how']);
  });

  it('tells whether a renewal needs a new appraisal from the renewal, not the re-appraisal\'s fee', async () => {
    for (const turns of [['我的残疾证快到期了 咋换新的', '换证还要重新鉴定不'], ['残疾证破了要换新的', '需要再做一次鉴定不'], ['证旧了想换个新的', '要带啥', '还得再去医院评一回吗']]) {
      const got = await reply(turns);
      expect(got, turns.join(' → ')).to.include('是否需要重新评定，县残联会根据您的情况告诉您');
      expect(got, turns.join(' → ')).to.not.include('付评定费');
    }
  });

  it('says plainly what no entry of the topic holds, not another service\'s answer nor the same paragraph', async () => {
    for (const turns of [['我的残疾证快到期了 咋换新的', '要登报不'], ['残疾证到期了咋换', '要不要登报声明作废']]) {
      const got = await reply(turns);
      expect(got, turns.join(' → ')).to.include(NOT_IN_ANSWER);
      expect(got, turns.join(' → ')).to.not.include('丢了不用登报');
    }
    // 激活 is in no answer: what the payment's answer says of 社保卡 does not answer it.
    expect(await reply(['护理补贴和生活补贴都批了 钱打到哪张卡上', '社保卡没激活咋办'])).to.include(NOT_IN_ANSWER);
    expect(await reply(['残疾证掉了咋补', '多久能补好', '补的证号码会变吗'])).to.include(NOT_IN_ANSWER);
  });

  it('answers from the entry of the topic just before: a small child\'s appraisal after its hospital', async () => {
    for (const turns of [['孩子两岁 唐氏综合征 能办证吗', '去哪评', '现在太小了 等几岁再评合适'], ['宝宝刚出生就查出听不见 能办证吗', '到哪评', '孩子太小了能测准吗']]) {
      expect(await reply(turns), turns.join(' → ')).to.include('由定点医院的医生根据情况决定');
    }
  });

  it('answers from the topic\'s own entry the sentence asked after a part of it, not another topic\'s entry', async () => {
    const got = await reply(['俺爹去世了 他的残疾证咋处理', '要带啥', '他走后多领的那个月补贴要退吗']);
    expect(got).to.include('去世以后多发的补贴要退回');
    expect(got).to.not.include('死亡证明');
    // After an objection during the notice, a new appraisal is the objection's "必要时", not its fee.
    for (const turns of [['公示的时候有人说他不是残疾 会咋样', '有异议谁来调查', '那还要重新鉴定吗'], ['公示期间有人举报我 会怎样', '谁去核实', '是不是又得重新鉴定']]) {
      const said = await reply(turns);
      expect(said, turns.join(' → ')).to.include('必要时重新评定');
      expect(said, turns.join(' → ')).to.not.include('付评定费');
    }
  });

  it('answers an appeal\'s last step after its fee, and how often the money comes after a plain "not known"', async () => {
    for (const turns of [['对评定结果不服 复核要钱不', '复核去哪做', '复核完了还不服呢'], ['评残结果不服 怎么复核', '复核收钱吗', '复核结果还是不满意呢']]) {
      expect(await reply(turns), turns.join(' → ')).to.include('行政复议');
    }
    expect(await reply(['护理补贴和生活补贴都批了 钱打到哪张卡上', '社保卡没激活咋办', '多久发一次'])).to.include('按月');
  });
});
