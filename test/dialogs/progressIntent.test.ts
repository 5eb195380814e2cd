import { expect } from 'chai';
import { withoutSms } from '../../dialogs/replies.js';
import { recognizeProgressIntent } from '../../dialogs/status/progressIntent.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { dialogHarness } from './harness.js';

const s = text.status;

describe('Whose case a progress question is about', () => {
  const table: [string, 'progress' | 'familyCheck' | undefined][] = [
    // From the issue.
    ['帮我妈查一下办到哪一步了', 'familyCheck'],
    ['我是家属，想查我妈的申请', 'familyCheck'],
    ['我儿子的残疾证办得怎么样了', 'familyCheck'],
    ['我的申请到哪了', 'progress'],
    // Our own, in other words.
    ['我老伴的残疾证批下来了吗', 'familyCheck'],
    ['想看看我爸的申请进度', 'familyCheck'],
    ['帮我闺女查下进度', 'familyCheck'],
    ['俺娘的证办好了没', 'familyCheck'],
    ['家里老人申请的补贴有结果了吗', 'familyCheck'],
    ['替我奶奶问问申请到哪步了', 'familyCheck'],
    ['我的残疾证办得怎么样了', 'progress'],
    ['我申请的补贴批下来了吗', 'progress'],
    ['帮我查一下申请进度', 'progress'],
    ['我的申请', undefined], // a command, recognized elsewhere
    // Not a look-up at all.
    ['孩子的残疾证怎么办', undefined],
    ['家属怎么查进度', undefined],
    ['帮我妈申请残疾证', undefined],
    ['公示要几天', undefined],
    // How long processing takes, and how checking works, are policy questions.
    ['残疾证办下来要多长时间', undefined],
    ['残疾证办下来能用几年', undefined],
    ['证批下来以后有什么补贴', undefined],
    ['那个证办下来以后每个月能领钱不', undefined],
    ['证办下来了钱啥时候到账', undefined],
    ['批下来了补贴从哪个月开始发', undefined],
    ['证办下来了没有', 'progress'],
    // Where the certificate is collected once it is done: a policy question.
    ['证办下来了在哪领', undefined],
    ['残疾证批下来以后去哪拿', undefined],
    ['办下来了上哪取证', undefined],
    ['我的证办下来了吗', 'progress'],
    ['申请批下来一般要多久', undefined],
    ['咋查进度', undefined],
    ['进度在哪看', undefined],
    ['怎样知道办到哪一步了', undefined],
    ['查一下我的进度', 'progress'],
    // Whether one can get a card at all is eligibility; 办成了 is how far it got.
    ['残疾证能办成吗', undefined],
    ['我的证办成了没', 'progress'],
    ['帮我妈查一下', 'familyCheck'],
    // How one is told of it is a policy question, whoever asks (blind s11/s12).
    ['证办下来社区会打电话吗', undefined],
    ['来电人称上月为其女儿申请残疾人证 至今未收到 咨询办理进度如何知晓', undefined],
    ['我的证办下来了没 怎么没人通知我', 'progress'],
  ];
  for (const [input, expected] of table) {
    it(`"${input}" -> ${expected ?? 'no look-up'}`, () => expect(recognizeProgressIntent(input)).to.equal(expected));
  }

  it('starts the family check in the chat for a relative\'s case, the applicant\'s own timeline for "我的申请到哪了"', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), h.clock.now());
    expect((await h.say('我的申请到哪了')).text).to.include(record.caseNo);
    for (const phrase of ['帮我妈查一下办到哪一步了', '我是家属，想查我妈的申请', '我儿子的残疾证办得怎么样了']) {
      expect((await h.sayAs('son', phrase)).text, phrase).to.equal(s.familyAskCaseNo);
      await h.sayAs('son', '取消');
    }
  });

  it('"咋查进度" explains how to check and offers the button that starts one', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), h.clock.now());
    const reply = await h.say('咋查进度');
    expect(reply.text).to.include(withoutSms(h.kb.entry('progress-check')!.answer)).and.not.include(record.caseNo);
    const actions = (reply.suggestedActions?.actions ?? []).map((a) => String(a.title));
    const button = actions.find((a) => a.includes('查我的进度'));
    expect(button, actions.join('|')).to.not.equal(undefined);
    expect((await h.say(button!)).text).to.include(record.caseNo);
  });

  it('"残疾证办下来要多长时间" is answered from the knowledge base, not a look-up', async () => {
    const h = await dialogHarness();
    await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), h.clock.now());
    expect((await h.say('残疾证办下来要多长时间')).text).to.include('依据').and.include('工作日');
  });

  it('shows a relative\'s case at once to the family member who submitted it', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'proxy', relation: '子女', userKey: 'test:user1' } }), h.clock.now());
    expect((await h.say('帮我妈查一下办到哪一步了')).text).to.include(record.caseNo);
  });
});
