import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress } from './harness.js';

// The [dialog] faults of the fifth newcomer trial, each in the trial's own words.
const t = text.application;
const s = text.status;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;
const toCategory = selfNewCertificateToAddress.slice(0, 9);
const toSummary = [...selfNewCertificateToAddress, ['示范县人民路12号3栋201', t.summary.intro]] as [string, string][];

describe('trial 5: the dialog faults, in the tester\'s words', () => {
  it('1. "1" at the category guess keeps the guess (听力), not the first category', async () => {
    const h = await run(toCategory);
    expect((await h.say('耳朵听不见')).text).to.equal(t.prompts.categoryGuess('听力'));
    await h.say('1');
    expect((await values(h)).category).to.equal('听力');
  });

  // Since fix20d (trial 18, N8) each item keeps its number, so the button shown with a number is the first list's too.
  it('1. "4" after choosing 证 is the fourth button shown, 护理补贴, as in the first list', async () => {
    const h = await run(selfNewCertificateToAddress.slice(0, 4));
    expect((await h.say('4')).text).to.equal(t.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴'));
  });

  it('2. "孩子不爱说话 不理人 医生说是孤独症" is offered as 精神, not 言语', async () => {
    const h = await run(toCategory);
    expect((await h.say('孩子不爱说话 不理人 医生说是孤独症')).text).to.equal(t.prompts.categoryGuess('精神'));
  });

  it('6. phones inside sentences, at the phone step and at the summary', async () => {
    for (const said of ['俺闺女的手机 139 1234 5678 有事打她这个就行', '打俺闺女手机13912345678就行']) {
      const h = await run(selfNewCertificateToAddress.slice(0, 7));
      expect((await h.say(said)).text, said).to.equal(t.prompts.hukou);
      expect((await values(h)).phone).to.equal('13912345678');
    }
    const h = await run(toSummary);
    expect((await h.say('电话不对 改成俺儿子的13800138000')).text).to.include(t.summary.intro).and.include('电话：13800138000');
  });

  it('7. voice input\'s closing "。" is not part of a name or an ID number', async () => {
    const h = await run(selfNewCertificateToAddress.slice(0, 5));
    expect((await h.say('刘小燕。')).text).to.equal(t.prompts.idNumber);
    expect((await h.say('410102201308220049。')).text).to.equal(t.prompts.phone);
    expect(await values(h)).to.include({ name: '刘小燕', idNumber: '410102201308220049' });
  });

  it('8. a relative: a bare case number, one with 办到哪了, and "帮俺爹看看…" all start the check', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:dad' } }), h.clock.now());
    expect((await h.say(record.caseNo)).text).to.equal(s.familyAskIdFor(record.caseNo));
    await h.say('取消');
    expect((await h.say(`${record.caseNo.toLowerCase()}办到哪了`)).text).to.equal(s.familyAskIdFor(record.caseNo));
    await h.say('取消');
    expect((await h.say('帮俺爹看看那个残疾证办到哪了')).text).to.equal(s.familyAskCaseNo);
    expect(await h.unanswered.list(10)).to.deep.equal([]);
  });

  it('9. what the opening said is not asked again: items shown to confirm, the category offered, the channel kept', async () => {
    const h = await dialogHarness();
    await h.say('俺今年七十三了 腿脚不好使 想给自己办个残疾证 还有那个护理的钱 能在网上弄不');
    expect((await h.say('同意')).text).to.equal(t.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴'));
    expect((await h.say('没了 就这俩')).text).to.equal(t.prompts.name);
    await run([['王建国', t.prompts.idNumber], ['11010519491231002X', t.prompts.phone], ['13812345678', t.prompts.hukou]], h);
    expect((await h.say('示范县')).text).to.equal(t.prompts.categoryGuess('肢体'));
    expect((await h.say('对')).text).to.not.equal(t.prompts.channel);
    expect(await values(h)).to.include({ role: 'self', channel: 'online', category: '肢体' });
  });

  it('9. Traditional characters and a grandchild in the opening', async () => {
    const h = await dialogHarness();
    await h.say('我要給我媽辦殘疾證 她中風了半邊身子動不了');
    expect((await h.say('同意')).text).to.equal(t.prompts.itemsMore('残疾人证新办'));
    expect((await h.say('就办个证就行了')).text).to.equal(t.prompts.name);
    expect(await values(h)).to.include({ role: 'proxy', relation: '子女', categoryGuess: '肢体' });
    const g = await dialogHarness();
    await g.say('我想给孙女办残疾证');
    await g.say('同意');
    expect(await values(g)).to.include({ role: 'proxy', relation: '其他亲属' });
  });

  it('16. a name corrected in the same message takes the last one', async () => {
    const h = await run(selfNewCertificateToAddress.slice(0, 5));
    expect((await h.say('王德桂 哎呀打错了 是王德贵')).text).to.equal(t.prompts.idNumber);
    expect((await values(h)).name).to.equal('王德贵');
  });

  it('13. emoji or question marks after an answer do not repeat it; 好的 and 👍 are acknowledged', async () => {
    const h = await dialogHarness();
    const answer = (await h.say('护理补贴谁能领')).text!;
    for (const said of ['😭😭😭', '？？？']) {
      const reply = await h.say(said);
      expect(reply.text, said).to.equal(text.noWords);
      expect(buttons(reply).length, said).to.be.greaterThan(0);
    }
    for (const said of ['👍', '好的', '嗯']) expect((await h.say(said)).text, said).to.equal(text.acknowledged).and.not.equal(answer);
    expect(await h.unanswered.list(10)).to.deep.equal([]);
    // A real follow-up still reads against the topic.
    expect((await h.say('那二级呢')).text).to.include('护理补贴');
  });

  it('15. choices said in a sentence: the last one said with 吧, 微信 for the chat', async () => {
    for (const [said, notifyBy] of [['俺不会看手机聊天 发短信吧', 'sms'], ['就在微信里告诉我', 'chat']] as const) {
      const h = await dialogHarness({ sms: true });
      await run(selfNewCertificateToAddress.slice(0, 7), h);
      expect((await h.say('13812345678')).text).to.equal(t.prompts.notifyBy);
      expect((await h.say(said)).text, said).to.equal(t.prompts.hukou);
      expect((await values(h)).notifyBy, said).to.equal(notifyBy);
    }
  });

  it('15. "第二个吧" picks the second session; 18. a date with no session is said back', async () => {
    const h = await dialogHarness();
    await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, stage: 'appraisal_scheduled', items: [{ id: 'cert-new', department: '残联', status: 'submitted' }] }), h.clock.now());
    const offered = await h.say('预约下礼拜三上午中不中');
    expect(offered.text).to.equal(text.booking.noSessionThatDay('11月25日（周三）', '示范市人民医院') + text.booking.offer);
    const second = buttons(offered)[1];
    expect((await h.say('第二个吧')).text).to.include(`约好了：${second}`);
  });

  it('14. asking for a home appraisal while picking a day records the home request', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, stage: 'appraisal_scheduled', items: [{ id: 'cert-new', department: '残联', status: 'submitted' }] }), h.clock.now());
    expect((await h.say('预约鉴定')).text).to.equal(text.booking.askWhen);
    expect((await h.say('俺走不了那么远 能不能上门来给俺鉴定')).text).to.include('上门鉴定');
    expect((await h.cases.get(record.caseNo))!.audit.map((a) => a.action)).to.include('home-appraisal-request');
  });

  it('15. "寄到家" at "材料您想怎么交？" is kept for the delivery question, said back, and the channel asked again', async () => {
    const h = await run(selfNewCertificateToAddress.slice(0, 10));
    const replies = (await h.send('寄到家')).map((r) => r.text);
    expect(replies).to.deep.equal([t.deliveryEarly('邮寄到家'), t.prompts.channel]);
    expect((await h.say('网上')).text).to.equal(t.prompts.address);
    expect(await values(h)).to.include({ channel: 'online', delivery: 'mail' });
  });
});
