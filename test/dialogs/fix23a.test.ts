import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { atSubscribe, buttons, dialogHarness, run, selfAtDibao, selfNewCertificateToAddress, type Step } from './harness.js';

// Trial 21's dialog faults 1, 2, 5, 6 and 9, in the tester's words and others.
const s = text.status;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');

describe('fix23a #1: a relative says yes to the updates in their own words', () => {
  for (const yes of ['要得 有信儿了告诉俺一声', '中 有啥信儿告诉俺一声', '行 到时候说一声', '有消息了通知我', '好 办下来跟俺说一声', '可以 有进展告诉我吧']) {
    it(`"${yes}" subscribes`, async () => {
      const { h, caseNo } = await atSubscribe();
      expect(await said(h, yes)).to.include(s.subscribed);
      expect((await h.family.subscribersOf(caseNo)).map((x) => x.userKey)).to.deep.equal(['test:user1']);
    });
  }

  for (const no of ['不用告诉我', '别通知我了', '会通知我吗', '怎么通知我']) {
    it(`"${no}" subscribes nobody`, async () => {
      const { h, caseNo } = await atSubscribe();
      expect(await said(h, no)).to.not.include(s.subscribed);
      expect(await h.family.subscribersOf(caseNo)).to.deep.equal([]);
    });
  }

  for (const asked of ['会给俺发短信不', '是打电话告诉俺吗', '发到手机上吗']) {
    it(`"${asked}" is told the notices come in this chat, the offer asked again; "要得" then subscribes`, async () => {
      const { h, caseNo } = await atSubscribe();
      const replies = await h.send(asked);
      const all = replies.map((r) => r.text).join('\n');
      expect(all).to.include(s.subscribeAnswers.where).and.include(s.subscribeAsk);
      expect(all).to.not.include('每一步都会在这个聊天里告诉您');
      expect(buttons(replies.at(-1)!)).to.deep.equal(s.subscribeButtons);
      expect(await said(h, '要得')).to.include(s.subscribed);
      expect(await h.family.subscribersOf(caseNo)).to.have.length(1);
    });
  }
});

describe('fix23a #9: "不是" again after the likeliest was rejected is not "就按上面说的办"', () => {
  const cases: string[][] = [
    ['俺的残疾症找不着了 咋整', '不是', '不是'],
    ['俺的残疾症找不着了 咋整', '不对', '不对不对'],
    ['俺的残疾症找不着了 咋整', '不是这个', '不是'],
  ];
  for (const turns of cases) {
    it(turns.join(' → '), async () => {
      const h = await dialogHarness();
      for (const input of turns.slice(0, -1)) await h.send(input);
      const replies = await h.send(turns.at(-1)!);
      const all = replies.map((r) => r.text).join('\n');
      expect(all).to.not.include('就按上面说的办');
      expect(all).to.include(text.feedback.sorry);
      expect(buttons(replies.at(-1)!)).to.include(text.notFoundButtons[0]);
    });
  }
});

const app = text.application;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;

describe('fix23a #2: an address corrected in part at the summary, in words', () => {
  const atSummary: Step[] = [...selfNewCertificateToAddress, ['城关镇东大街18号3单元', app.summary.intro]];
  const cases: [said: string, address: string][] = [
    ['地址里的3单元改成5单元', '城关镇东大街18号5单元'],
    ['单元号错了 不是3单元 是5单元', '城关镇东大街18号5单元'],
    ['把3单元改成5单元', '城关镇东大街18号5单元'],
    ['不对不对 地址应该是城关镇东大街18号5单元', '城关镇东大街18号5单元'],
    ['不对 地址是城关镇西大街20号', '城关镇西大街20号'],
  ];
  for (const [input, address] of cases) {
    it(`"${input}" gives ${address}, never the sentence`, async () => {
      const h = await run(atSummary);
      let reply = await said(h, input);
      if (reply.includes('对吗')) reply = await said(h, '对');
      expect((await values(h)).address).to.equal(address);
      expect(reply).to.include(app.summary.intro);
    });
  }
});

describe('fix23a #2: a no said twice asks nothing', () => {
  it('"不对不对 …", "不是不是 …" ask nothing; "对不对", "是不是" still ask', () => {
    for (const s of ['不对不对 地址应该是城关镇东大街18号5单元', '不是不是 电话是13812345678']) expect(asksSomething(s), s).to.equal(false);
    for (const s of ['这样填对不对', '是不是要带户口本', '不是说要带照片 对不对']) expect(asksSomething(s), s).to.equal(true);
  });
});

describe('fix23a #6: 低保 at the summary in words, no word of change', () => {
  const atSummary: Step[] = [...selfAtDibao, ['是', app.prompts.channel], ['网上提交', app.prompts.delivery], ['自己去领', app.summary.intro]];
  for (const input of ['低保那个不知道算不算 让民政看着办吧', '低保这块说不准 叫民政审核吧']) {
    it(`"${input}" leaves 低保 for 民政 to judge`, async () => {
      const h = await run(atSummary);
      const reply = await said(h, input);
      expect(reply).to.not.include(app.errors.choice);
      const v = await values(h);
      expect(v).to.include({ dibao: false, minzhengChecks: 'dibao' });
      expect(reply).to.include(app.keptForMinzheng).and.include(app.summary.intro);
    });
  }
});

describe('fix23a #5: an address given at the summary with the card to be picked up', () => {
  const atSummary: Step[] = [...selfNewCertificateToAddress.slice(0, -1), ['自己去领', app.summary.intro]];
  for (const input of ['地址改成城关镇李家庄村', '地址那块 村名要写上 城关镇李家庄村', '住址写城关镇北关村5组']) {
    it(`"${input}" is told no address is on the form and how to have it mailed; mailing then takes the address`, async () => {
      const h = await run(atSummary);
      const replies = await h.send(input);
      const all = replies.map((r) => r.text).join('\n');
      expect(all).to.include(app.summary.pickupNoAddress).and.not.include(app.errors.choice);
      expect(buttons(replies.at(-1)!)).to.include(app.summary.confirm);
      expect(await said(h, '领证方式改成邮寄到家')).to.include(app.prompts.address);
      expect(await said(h, '城关镇李家庄村')).to.include(app.summary.intro);
      expect(await values(h)).to.include({ delivery: 'mail', address: '城关镇李家庄村' });
    });
  }
});

describe('fix23a #1: after a question answered at the offer, a yes is still to the offer', () => {
  for (const [asked, yes] of [['要多久', '要'], ['公示要几天', '要得'], ['在哪个医院鉴定啊', '行 到时候说一声']]) {
    it(`"${asked}" then "${yes}" subscribes`, async () => {
      const { h, caseNo } = await atSubscribe();
      expect(await said(h, asked)).to.not.include(s.subscribeAsk);
      expect(await said(h, yes)).to.include(s.subscribed);
      expect(await h.family.subscribersOf(caseNo)).to.have.length(1);
    });
  }

  it('"要多久" then "谢谢你" ends the offer, no offer, no "请点"', async () => {
    const { h, caseNo } = await atSubscribe();
    await said(h, '要多久');
    const reply = await said(h, '谢谢你');
    expect(reply).to.not.include(s.subscribed).and.not.include('请点').and.not.include(s.subscribeAsk);
    expect(await said(h, '要')).to.not.include(s.subscribed);
    expect(await h.family.subscribersOf(caseNo)).to.deep.equal([]);
  });
});
