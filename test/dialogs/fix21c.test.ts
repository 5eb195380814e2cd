import { expect } from 'chai';
import { finalItems } from '../../dialogs/application/values.js';
import { text } from '../../dialogs/text/index.js';
import { answerStart, run, selfAtDibao, selfNewCertificateToAddress, type Step } from './harness.js';

const app = text.application;
type Harness = Awaited<ReturnType<typeof run>>;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');


describe('fix21c #3: a family said not to be low-income is not stored as low-income', () => {
  for (const answer of ['不是低收入户', '不是低保 也不是低收入户', '我们也不算低收入家庭', '没评上低收入户', '俺家不属于低收入家庭', '低收入也不是 低保也不是']) {
    it(`"${answer}" at the 低保 question drops the allowance, as "不是" does`, async () => {
      const h = await run(selfAtDibao);
      const reply = await said(h, answer);
      expect(reply).to.include(app.dropped['living-allowance']).and.not.include(app.keptLowIncome);
      const v = await values(h);
      expect(v.dibao).to.equal(false);
      expect(v.lowIncome).to.not.equal(true);
      expect(finalItems(v)).to.not.include('living-allowance');
    });
  }

  for (const answer of ['不是低保是低收入户', '家里收入挺低的 不是低保']) {
    it(`"${answer}" is still low-income`, async () => {
      const h = await run(selfAtDibao);
      expect(await said(h, answer)).to.include(app.keptLowIncome);
      expect(await values(h)).to.include({ dibao: false, lowIncome: true });
    });
  }

  for (const answer of ['让民政看着办吧', '我也说不清 由民政审核吧']) {
    it(`"${answer}" keeps the allowance for 民政 to judge without claiming a low-income family`, async () => {
      const h = await run(selfAtDibao);
      const reply = await said(h, answer);
      expect(reply).to.include(app.keptForMinzheng).and.not.include(app.keptLowIncome).and.not.include(app.dropped['living-allowance']);
      expect(finalItems(await values(h))).to.include('living-allowance');
    });
  }
});

describe('fix21c #6: an address corrected at the summary takes the new address, nothing else', () => {
  const atSummary: Step[] = [...selfNewCertificateToAddress, ['城关镇东大街十八号', app.summary.intro]];
  const cases: [said: string, address: string][] = [
    ['地址写错了 不是东大街十八号 是西大街十八号', '城关镇西大街十八号'],
    ['地址不对 不是城关镇东大街 是西大街18号', '城关镇西大街18号'],
    ['地址不对 城关镇东大街28号 是我闺女家', '城关镇东大街28号'],
    ['地址错了 应该是城关镇南关路5号 不是东大街', '城关镇南关路5号'],
    ['住址改一下 城关镇北街7号 那是我儿子家 麻烦了', '城关镇北街7号'],
  ];
  for (const [input, address] of cases) {
    it(`"${input}" gives ${address}`, async () => {
      const h = await run(atSummary);
      const reply = await said(h, input);
      expect((await values(h)).address).to.equal(address);
      expect(reply).to.include(app.summary.changedTo(app.labels.address, address));
    });
  }

  for (const input of ['地址是城关镇东大街十八号 没错', '住址写的城关镇东大街十八号 对的']) {
    it(`"${input}" is no change, and is said so`, async () => {
      const h = await run(atSummary);
      const reply = await said(h, input);
      expect((await values(h)).address).to.equal('城关镇东大街十八号');
      expect(reply).to.include(app.summary.unchanged(app.labels.address, '城关镇东大街十八号')).and.not.include(app.summary.changedTo(app.labels.address, ''));
    });
  }
});

describe('fix21c #4: a name already in standard Simplified characters is kept as typed', () => {
  const atName = selfNewCertificateToAddress.slice(0, 5);
  for (const [typed, kept] of [['王乾', '王乾'], ['於立新', '於立新'], ['周著', '周著'], ['李徵', '李徵'], ['赵昇', '赵昇'], ['王建設', '王建设'], ['陳乾坤', '陈乾坤']]) {
    it(`"${typed}" is stored as ${kept}`, async () => {
      const h = await run(atName);
      const reply = await said(h, typed);
      expect((await values(h)).name).to.equal(kept);
      if (typed === kept) expect(reply).to.not.include(app.nameSimplified(kept).slice(0, 10));
    });
  }

  for (const change of ['名字改成王乾', '名字不对 应该是王乾', '姓名写错了 是王建設']) {
    it(`"${change}" at the summary keeps the name as typed`, async () => {
      const h = await run([...selfNewCertificateToAddress, ['城关镇东大街十八号', app.summary.intro]]);
      await said(h, change);
      expect((await values(h)).name).to.equal(change.includes('王乾') ? '王乾' : '王建設');
    });
  }
});

describe('fix21c #5: words about how the ID card writes the name are no name', () => {
  const atName = selfNewCertificateToAddress.slice(0, 5);
  for (const input of ['俺叫王老栓 身份证上是繁体字', '身份证上是繁体字', '大名不好说', '身份证上写的是简体', '身份证上的名字跟这个一样']) {
    it(`"${input}" stores none of those words as the name`, async () => {
      const h = await run(atName);
      await said(h, input);
      expect((await values(h)).name ?? '').to.not.match(/繁体|简体|不好说|一样/u);
    });
  }
  it('a name said after 身份证上 is still the name ("平时叫老栓 身份证上是王建设")', async () => {
    const h = await run(atName);
    await said(h, '平时叫老栓 身份证上是王建设');
    expect((await values(h)).name).to.equal('王建设');
  });
});

describe('fix21c #10: at the category step, which grade an item needs is the item\'s question; the person\'s own grade and another question are both answered', () => {
  const toCategory: Step[] = selfNewCertificateToAddress.slice(0, 9);
  for (const asked of ['几级能领护理补贴', '要几级以上才有护理补贴']) {
    it(`"${asked}" gets the care allowance's rule, not "说不准"`, async () => {
      const h = await run(toCategory);
      const replies = await said(h, asked);
      expect(replies).to.include(answerStart(h, 'care-allowance-eligibility')).and.not.include(app.gradeAtAppraisal);
    });
  }
  for (const asked of ['能评几级 评定要带啥', '她这样能评几级啊 去评残要带什么材料']) {
    it(`"${asked}" answers both: the grade is the appraisal's, and what to bring`, async () => {
      const h = await run(toCategory);
      const replies = await said(h, asked);
      expect(replies).to.include(app.gradeAtAppraisal).and.include('带上本人身份证').and.include(app.prompts.category);
    });
  }
  for (const asked of ['俺是大腿根截的 能评几级', '腿截了 不知道能评上几级', '腿截肢了 这种一般评了几级']) {
    it(`"${asked}" keeps the note and offers 肢体`, async () => {
      const h = await run(toCategory);
      expect(await said(h, asked)).to.include(app.gradeAtAppraisal).and.include(app.prompts.categoryGuess('肢体'));
    });
  }
});

describe('fix21c #11: at the items step the certificate\'s number beside another takes both', () => {
  const certPicked: Step[] = selfNewCertificateToAddress.slice(0, 4);
  for (const input of ['1 3', '1和3', '1，3']) {
    it(`"${input}" keeps the certificate and adds the living allowance, with no question about taking the certificate off`, async () => {
      const h = await run(certPicked);
      const reply = await said(h, input);
      expect(reply).to.not.include(app.certDropAsk(app.itemOptions['cert-new']));
      const picks = (await values(h)).picks ?? [];
      expect(picks).to.include('cert-new').and.include('living-allowance');
    });
  }
  it('"1" alone still asks before taking the certificate off', async () => {
    const h = await run(certPicked);
    expect(await said(h, '1')).to.include(app.certDropAsk(app.itemOptions['cert-new']));
  });
});
