import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { atSubscribe, buttons, dialogHarness, run, selfNewCertificateToAddress } from './harness.js';

// The [dialog] faults of the sixth newcomer trial, each in the trial's own words.
const t = text.application;
const s = text.status;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;
const toName = selfNewCertificateToAddress.slice(0, 5);
const toItems = selfNewCertificateToAddress.slice(0, 3);
const MINOR_ID = '410102201308220049';

describe('trial 6: the dialog faults, in the tester\'s words', () => {
  it('1. "她叫刘桂兰" and "他叫张德福" save the name alone', async () => {
    for (const [said, name] of [['她叫刘桂兰', '刘桂兰'], ['他叫张德福', '张德福']]) {
      const h = await run(toName);
      expect((await h.say(said)).text, said).to.equal(t.prompts.idNumber);
      expect((await values(h)).name, said).to.equal(name);
    }
  });

  it('1. other lead-ins and tails: 我叫, 俺娘叫, 名字是, 姓名：, 叫…就行; a name holding 叫 or 名 is kept whole', async () => {
    const said: [string, string][] = [
      ['我叫王建国', '王建国'], ['俺娘叫刘桂兰。', '刘桂兰'], ['名字是张德福', '张德福'], ['姓名：李秀英', '李秀英'],
      ['叫刘桂兰就行', '刘桂兰'], ['她的名字叫欧阳娜娜', '欧阳娜娜'], ['李名扬', '李名扬'],
    ];
    for (const [input, name] of said) {
      const h = await run(toName);
      expect((await h.say(input)).text, input).to.equal(t.prompts.idNumber);
      expect((await values(h)).name, input).to.equal(name);
    }
  });

  it('1. the guardian\'s name too: "他爸叫张德福"', async () => {
    const h = await run([...toName, ['她叫刘小燕', t.prompts.idNumber], [MINOR_ID, t.prompts.phone], ['13812345678', t.prompts.hukou], ['示范县', t.prompts.category], ['肢体', t.prompts.guardianName]]);
    expect((await h.say('他爸叫张德福')).text).to.equal(t.prompts.guardianId);
    expect(await values(h)).to.include({ name: '刘小燕', guardianName: '张德福' });
  });

  // Eight items, each in its own place (picked ones to take off there), and 选好了 ninth (fix20d).
  it('2. "10" with nine choices shown at "还要别的吗" adds nothing and says there is no such choice', async () => {
    const h = await run([...toItems, ['1', '残疾人证新办'], ['护理补贴', '护理补贴'], ['生活补贴', '生活补贴']]);
    const before = (await values(h)).picks;
    const reply = await h.say('10');
    expect(reply.text).to.equal(text.flow.noSuchChoice(9));
    expect(buttons(reply)).to.have.length(9);
    expect((await values(h)).picks).to.deep.equal(before);
    expect((await values(h)).picks).to.not.include('education-grant');
  });

  it('2. "9" and "12" with eight choices shown add and swap nothing; "第9个" and "1和9" neither', async () => {
    for (const said of ['9', '12', '第9个', '1和9']) {
      const h = await run(toItems);
      const reply = await h.say(said);
      expect(reply.text, said).to.equal(text.flow.noSuchChoice(8));
      const v = await values(h);
      expect(v.picks ?? [], said).to.deep.equal([]);
      expect(v.certAction, said).to.equal(undefined);
    }
  });

  it('2. any numbered list: "3" at the two role buttons', async () => {
    const h = await run(toItems.slice(0, 2));
    expect((await h.say('3')).text).to.equal(text.flow.noSuchChoice(2));
    expect((await h.say('1')).text).to.equal(t.prompts.items);
  });

  it('3. "要多久" at the subscribe question is not a yes: nothing subscribed, answered, and the offer not made again (fix20f)', async () => {
    const { h, caseNo } = await atSubscribe();
    const replies = (await h.send('要多久')).map((r) => r.text).join('\n');
    expect(replies).to.not.include(s.subscribed).and.not.include(s.subscribeAsk);
    expect(replies).to.include('大约一个月');
    expect(await h.family.subscribersOf(caseNo)).to.deep.equal([]);
  });

  it('3. 要钱吗, 要带什么, 行不行啊? are questions, never a yes', async () => {
    for (const said of ['要钱吗', '要带什么', '行不行啊?']) {
      const { h, caseNo } = await atSubscribe();
      const replies = (await h.send(said)).map((r) => r.text).join('\n');
      expect(replies, said).to.not.include(s.subscribed);
      expect(await h.family.subscribersOf(caseNo), said).to.deep.equal([]);
    }
    const h = await run(selfNewCertificateToAddress.slice(0, 1));
    expect((await h.send('要带什么')).map((r) => r.text).join('\n')).to.not.include(t.prompts.role);
  });

  it('4. "身份证后六位是31002X" at the family check is read as the tail', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:grandma' } }), h.clock.now());
    await h.say('帮家人查进度');
    await h.say(record.caseNo);
    expect((await h.say(`身份证后六位是${SAMPLE_ID_NUMBER.slice(-6)}`)).text).to.include(s.subscribeAsk);
  });

  it('4. a tail in other words ("后6位 31002x 谢谢"); one of the wrong length is told so and not counted', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:grandma' } }), h.clock.now());
    await h.say('帮家人查进度');
    await h.say(record.caseNo);
    expect((await h.say('身份证后六位是01003')).text).to.equal(s.familyIdTailLength(5));
    expect((await h.say('后6位是3100 2X7')).text).to.equal(s.familyIdTailLength(7));
    expect(await h.family.failuresSince('requester:test:user1', new Date(0))).to.equal(0);
    expect((await h.say('后6位 31002x 谢谢')).text).to.include(s.subscribeAsk);
  });

  it('5. "继续上次的申请" with the form still open goes on: "我们接着填" and the step again, never a failed answer', async () => {
    const h = await run(toName);
    for (let i = 0; i < 4; i++) {
      const reply = await h.say('继续上次的申请');
      expect(reply.text).to.equal(`${t.continueAfterAnswer}${t.prompts.name}`);
    }
    expect((await h.drafts.get('test:user1'))!.draft.attempts).to.equal(0);
    expect((await h.say('王建国')).text).to.equal(t.prompts.idNumber);
  });

  it('5. at the address, a free-text step, "继续申请" is not taken as the address; "继续填" still answers a cancel', async () => {
    const h = await run(selfNewCertificateToAddress);
    expect((await h.say('继续申请')).text).to.equal(`${t.continueAfterAnswer}${t.prompts.address}`);
    expect((await values(h)).address).to.equal(undefined);
    expect((await values(h)).addressDraft).to.equal(undefined);
    expect((await h.say('取消')).text).to.equal(t.cancelConfirm);
    expect((await h.say('继续填')).text).to.include(t.prompts.address);
    expect(await h.drafts.get('test:user1')).to.not.equal(undefined);
  });

  it('6. "办个残急证，还有那个护理的钱" in the opening pre-selects the certificate and the care allowance', async () => {
    const h = await dialogHarness();
    await h.say('俺想给俺老伴办个残急证，还有那个护理的钱');
    expect((await h.say('同意')).text).to.equal(t.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴'));
    expect(await values(h)).to.include({ role: 'proxy', relation: '配偶' });
  });

  it('6. other sound-alike typos in the opening: 护里补帖, and a right spelling left as it is', async () => {
    const h = await dialogHarness();
    await h.say('我要给自己申请护里补帖');
    expect((await h.say('同意')).text).to.equal(t.prompts.itemsMore('重度残疾人护理补贴'));
    const g = await dialogHarness();
    await g.say('我想给自己办残疾证');
    expect((await g.say('同意')).text).to.equal(t.prompts.itemsMore('残疾人证新办'));
  });
});
