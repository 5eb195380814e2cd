import { expect } from 'chai';
import { ageSaid } from '../../dialogs/application/slots.js';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness, run } from './harness.js';

const app = text.application;

// Review 12's findings in the dialogs, each in the reviewer's words and in others.
describe('review 12', () => {
  // Off it said any way the ranking reads it ("退了低保", "没享受低保": one reading, knowledge/assistanceStatus.ts).
  for (const said of ['我家不是低保 能领护理补贴吗', '俺没吃上低保 残疾证能办不', '我们想申请低保还没批 生活补贴能领吗', '家里退了低保 要办证', '俺家没享受低保 办个证']) {
    it(`"${said}" at the items: being on 低保 or not picks nothing`, async () => {
      const h = await run([
        ['我要申请', app.consent],
        ['同意', app.prompts.role],
        ['给我自己', app.prompts.items],
      ]);
      await h.send(said);
      const picks = (await h.drafts.get('test:user1'))!.draft.values.picks ?? [];
      expect(picks).to.not.include('living-allowance');
    });
  }

  it('the age a condition began at is not the age now', () => {
    expect(ageSaid('俺儿子 三岁那年发烧烧坏了脑子')).to.equal(undefined);
    expect(ageSaid('五岁时候就聋了')).to.equal(undefined);
    expect(ageSaid('闺女六岁了')).to.equal(6);
  });

  it('a bare "那咋查" mid-flow still gets the likeliest answer, named', async () => {
    const h = await dialogHarness();
    await h.say('帮我爸查一下办到哪一步了');
    const said = (await h.send('那咋查')).map((r) => r.text ?? '').join('\n');
    expect(said).to.include('您问的可能是“');
    expect(buttons((await h.send('那咋查')).at(-1)!)).to.deep.equal([]);
  });
});

describe('review 12: who chases an application, and who is on 低保', () => {
  it('asking whether one may apply, with nobody to help, is no chase-up', async () => {
    const h = await dialogHarness();
    for (const [said, id] of [
      ['老人瘫在床上没人管 能申请护理补贴吗', 'care-allowance-eligibility'],
      ['我想申请上门鉴定 家里没人来送我', 'appr-home'],
    ]) {
      const d = h.kb.decide(said);
      expect(d.kind === 'answer' ? d.top.entry.id : d.kind, said).to.equal(id);
    }
    // Handed in said any way ("交完", "办了") is applied for, as in the chat's readings.
    for (const said of ['来电人反映上门鉴定申请半个月没人联系', '材料交完半个月了没人联系', '表交好二十来天了 一直没动静']) {
      const chased = h.kb.decide(said);
      expect(chased.kind === 'answer' ? chased.top.entry.id : chased.kind, said).to.equal('progress-check');
    }
  });

  it('"吃低保" without 着 is being on it: the question is ours, not the 低保 decline', async () => {
    const h = await dialogHarness();
    for (const said of ['我们家吃低保的 护理补贴给不给', '我吃低保 我儿子腿残了 能领啥']) expect(h.kb.decide(said).kind, said).to.not.equal('decline');
    expect(h.kb.decide('吃低保要什么条件').kind).to.equal('decline');
  });

  it('a parent who filed for a child ("我孩子的案件号忘了") is shown that case', async () => {
    const { filedForNamed } = await import('../../dialogs/status/familyChecks.js');
    const filed = { submittedBy: { role: 'proxy', relation: '父母' }, applicant: { idNumber: '110105201501010011' } } as never;
    expect(filedForNamed([filed], '我孩子的案件号忘了')).to.have.length(1);
  });
});

describe('what is a look-up or a booking, and what is a question (blind s16 through the chat)', () => {
  it('how the finished card comes, and a hotline note, are questions, never the typist\'s own look-up', async () => {
    const { recognizeProgressIntent } = await import('../../dialogs/status/progressIntent.js');
    for (const q of ['残急证办下来是给寄过来还是自己去拿', '证批下来了是邮寄还是去窗口取', '来电人称申请一个月了 咨询办理进度', '市民来电 问他的申请到哪一步了']) {
      expect(recognizeProgressIntent(q), q).to.equal(undefined);
    }
    for (const q of ['我的申请到哪一步了', '我的证怎么还没办下来 查一下进度']) expect(recognizeProgressIntent(q), q).to.equal('progress');
  });

  it('whether one books with the hospital oneself is a question, not a booking', async () => {
    const { recognizeBookingIntent } = await import('../../dialogs/booking/bookingDialog.js');
    for (const q of ['鉴定前要不要自己先跟医院约时间', '评残之前用不用我自己去医院预约']) expect(recognizeBookingIntent(q), q).to.equal(undefined);
    for (const q of ['帮我约个鉴定时间', '预约鉴定']) expect(recognizeBookingIntent(q), q).to.equal('book');
  });
});

describe('review 12: a near tie mid-flow is named, not answered', () => {
  for (const asked of ['孩子上学要残疾证 在哪办']) {
    it(`"${asked}" at the family check's case number: the candidates named, none answered as if sure`, async () => {
      const h = await dialogHarness();
      await h.say('帮我爸查一下办到哪一步了');
      const d = h.kb.decide(asked);
      expect(d.kind).to.equal('clarify');
      const replies = await h.send(asked);
      const said = replies.map((r) => r.text ?? '').join('\n');
      expect(said).to.not.include('您问的可能是“');
      expect(said).to.include(text.flow.asideOneOf(d.kind === 'clarify' ? d.options.map((o) => o.entry.question) : []));
      expect(replies.at(-1)!.text).to.include('案件号');
    });
  }
});
