import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { applyOnline, buttons, dialogHarness, run, selfNewCertificateToAddress, withCase, type Step } from './harness.js';

// What trial 11 found in the flows, one case per finding (the trial's numbers).
const t = text.application;
const s = text.status;
const b = text.booking;

/** Self, a new certificate and the living allowance: at the 低保户 question. */
const toDibao: Step[] = [
  ['我要申请', t.consent],
  ['同意', t.prompts.role],
  ['给我自己', t.prompts.items],
  ['生活补贴', t.prompts.itemsMore('困难残疾人生活补贴')],
  ['选好了', t.prompts.hasCertificate],
  ['还没有', t.prompts.name],
  ['王建国', t.prompts.idNumber],
  ['11010519491231002X', t.prompts.phone],
  ['13812345678', t.prompts.hukou],
  ['示范县', t.prompts.category],
  ['言语', t.prompts.dibao],
];

describe('trial 11: the flows', () => {
  it('2. at the category offered to confirm, "3" is no button: said so, and no category from the list not shown', async () => {
    const h = await run(selfNewCertificateToAddress.slice(0, 9));
    expect((await h.say('走路不方便')).text).to.equal(t.prompts.categoryGuess('肢体'));
    expect((await h.say('3')).text).to.equal(text.flow.noSuchChoice(2));
    expect((await h.drafts.get('test:user1'))!.draft.values).to.not.have.property('category');
    expect((await h.say('1')).text).to.equal(t.prompts.channel);
    expect((await h.drafts.get('test:user1'))!.draft.values).to.include({ category: '肢体' });
  });

  it('2. the same at the booking\'s category offered to confirm', async () => {
    const h = await dialogHarness();
    await h.say('约个鉴定');
    expect((await h.say('走路不方便')).text).to.equal(b.categoryGuess('肢体'));
    expect((await h.say('3')).text).to.equal(text.flow.noSuchChoice(2));
  });

  it('9. at the 低保户 question, a yes or no with its restatement is taken; one that says both is not', async () => {
    expect((await (await run(toDibao)).say('是的 有低保证')).text).to.equal(t.prompts.channel);
    const no = await run(toDibao);
    const replies = await no.send('没有 不是低保户');
    expect(replies.map((r) => r.text)).to.include(t.dropped['living-allowance']);
    expect((await (await run(toDibao)).say('是的 没有低保证')).text).to.not.equal(t.prompts.channel);
  });

  it('9. "行 交了吧" at the summary submits', async () => {
    const h = await run([...selfNewCertificateToAddress, ['示范县人民路12号3栋201', t.summary.intro]]);
    const said = (await h.send('行 交了吧')).map((r) => r.text).join('\n');
    expect(said).to.match(/案件号是 YC\d{12}/);
  });

  it('3. "我是他老伴 案件号… 身份证后六位…" in one message is the family check, answered at once', async () => {
    const h = await withCase('pre_review');
    const shown = await h.sayAs('spouse', `我是他老伴 案件号${h.record.caseNo} 身份证后六位${SAMPLE_ID_NUMBER.slice(-6)}`);
    expect(shown.text).to.include('王*国').and.include(s.subscribeAsk).and.not.include('王建国');
    const again = await withCase('pre_review');
    const other = await again.sayAs('daughter', `帮我老伴查查 案件号${h.record.caseNo} 身份证最后是${SAMPLE_ID_NUMBER.slice(-6)}`);
    expect(other.text).to.include(s.subscribeAsk);
    // A wrong tail in the same message is a mismatch (counted), never shown.
    const wrong = await withCase('pre_review');
    expect((await wrong.sayAs('stranger', `我是他老伴 案件号${wrong.record.caseNo} 身份证后六位000000`)).text).to.equal(s.familyMismatch);
  });

  it('3. the ID tail said with the number at the case-number step is not asked again', async () => {
    const h = await withCase('pre_review');
    expect((await h.sayAs('daughter', '帮家人查进度')).text).to.equal(s.familyAskCaseNo);
    expect((await h.sayAs('daughter', `${h.record.caseNo} 身份证后六位${SAMPLE_ID_NUMBER.slice(-6)}`)).text).to.include(s.subscribeAsk);
  });

  it('trial 15: the case number and the ID tail typed with only a space between them are both read', async () => {
    const h = await withCase('pre_review');
    expect((await h.sayAs('daughter', '帮家人查进度')).text).to.equal(s.familyAskCaseNo);
    expect((await h.sayAs('daughter', `${h.record.caseNo} ${SAMPLE_ID_NUMBER.slice(-6)}`)).text).to.include(s.subscribeAsk);
    const bare = await withCase('pre_review');
    await bare.sayAs('son', '帮家人查进度');
    expect((await bare.sayAs('son', `${bare.record.caseNo.slice(2)} - ${SAMPLE_ID_NUMBER.slice(-6)}`)).text).to.include(s.subscribeAsk);
  });

  it('4. a relative on an account that filed nothing, "帮俺爹约个鉴定": booked by the applying account, never "nothing filed"', async () => {
    const h = await withCase();
    const reply = await h.sayAs('son', '帮俺爹约个鉴定');
    expect(reply.text).to.equal(b.onlyApplicantBooks);
    expect(reply.text).to.not.include(b.noCaseYet);
  });

  it('4. "要带啥" at the booking\'s category step is the appraisal\'s list, not the application\'s', async () => {
    const h = await dialogHarness();
    await h.say('约个鉴定');
    const replies = (await h.send('要带啥')).map((r) => r.text ?? '');
    expect(replies[0]).to.include('示范市人民医院');
    expect(replies.at(-1)).to.include(b.askCategory);
  });

  it('11. "照片明天让孙子给拍" at the photo is "稍后再传"', async () => {
    const later = await dialogHarness();
    await applyOnline(later);
    const expected = (await later.send('稍后再传')).map((r) => r.text);
    const h = await dialogHarness();
    await applyOnline(h);
    expect((await h.send('照片明天让孙子给拍')).map((r) => r.text)).to.deep.equal(expected);
  });

  it('10. "那天下雨咋办 能改到下周三上午不" moves the booking; the session booked is never offered again', async () => {
    const h = await withCase();
    await h.say('我想预约下周二上午鉴定');
    expect((await h.say('对')).text).to.include('约好了：11月24日（周二）上午');
    const offer = await h.say('那天下雨咋办 能改到下周三上午不');
    expect(offer.text).to.equal(`${b.noSessionThatDay('11月25日（周三）', '示范市人民医院')}${b.offer}`);
    expect(buttons(offer)).to.not.include('11月24日（周二）上午');
    expect(buttons(offer)).to.include('11月24日（周二）下午');
  });
});
