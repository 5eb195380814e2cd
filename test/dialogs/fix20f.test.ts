import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import type { Stage } from '../../data/cases.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { shippedKnowledge } from '../support.js';
import { dialogHarness } from './harness.js';

// fix20f: follow-ups two and three turns deep (trial 18 N4), and a relative's questions after a
// family check (N5): each in the trial's words and in others.
const { kb, region } = shippedKnowledge();
const answer = (id: string) => kb.entry(id)!.answer;
const notInAnswer = text.notInAnswer(region.hotlines);
const c = text.status.checkedCaseAnswers;

/** The bot's replies to each turn of one conversation, each joined into one text. */
async function replies(turns: string[]): Promise<string[]> {
  const h = await dialogHarness();
  const out: string[] = [];
  for (const t of turns) out.push((await h.send(t)).map((a) => a.text ?? '').join('\n'));
  return out;
}

describe('fix20f', () => {
  describe('N4: a follow-up the answer just given does not hold is not told it again', () => {
    for (const turns of [
      // Nothing in the pay-out's answer of a frozen card, in the appraisal's of blood tests. (The police's proof after the
      // replacement's answer is now the no-proof entry's: fix22d, below.)
      ['补贴钱打到哪里', '卡被冻结了咋整'],
      ['精神残疾评定要做啥检查', '要抽血吗'],
    ]) {
      it(`${turns.join(' / ')}: said plainly it is not known, not the paragraph again`, async () => {
        const said = await replies(turns);
        expect(said[1]).to.equal(notInAnswer);
        expect(said[1]).to.include('12385');
      });
    }

    it('asked of what it does say: the sentence that says it', async () => {
      const said = await replies(['残疾证叫我弄丢了 咋补', '要登报不']);
      expect(said[1]).to.include('不用登报').and.not.include('填一下申请表');
      const other = await replies(['残疾证丢了咋办', '要不要登报']);
      expect(other[1]).to.include('不用登报').and.not.include('填一下申请表');
      // The trial's: the rule for an appeal's result, once the appeal's answer has been said twice.
      const appeal = await replies(['复核去哪申请', '复核完了还不服呢']);
      expect(appeal[1]).to.include('行政复议').and.not.include('10个工作日内');
    });

    it('never the same paragraph three times running', async () => {
      const said = await replies(['对评定结果不服 怎么复核', '复核去哪做', '复核完了还不服呢']);
      expect(said[1]).to.not.equal(said[2]);
      const again = await replies(['残疾证有效期几年', '残疾证有效期几年', '残疾证有效期几年']);
      expect(again[0]).to.include(answer('cert-renew').slice(0, 20));
      expect(again[2]).to.equal(notInAnswer);
    });

    it('the topic plus what is asked, from the entry that holds it', async () => {
      expect((await replies(['护理补贴和生活补贴都批了 钱打到哪张卡上', '多久发一次']))[1]).to.include(kb.entry('sub-payment')!.parts!.howLong!);
      expect((await replies(['钱打到哪张卡上', '多长时间发一次']))[1]).to.include(kb.entry('sub-payment')!.parts!.howLong!);
      expect((await replies(['评定结果不符合怎么办', '隔多久能再申请']))[1]).to.include('没有规定要隔多久');
      expect((await replies(['残疾等级改低了 补贴会少吗']))[0]).to.include('降到三级、四级一般就停发');
      expect((await replies(['等级降了 护理补贴还有吗']))[0]).to.include('降到三级、四级一般就停发');
    });
  });

  describe('N5: a relative after a family check, about that case', () => {
    /** The applicant (user1) filed a new certificate with both allowances; `home`: a home appraisal asked for. The relative checks it. */
    async function checked(home: boolean, stage: Stage = 'appraisal_scheduled') {
      const h = await dialogHarness();
      const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, stage }), h.clock.now());
      if (home) expect(await h.useCases.appointments.requestHome(record.caseNo, 'test:user1', '卧床')).to.equal('recorded');
      await h.sayAs('son', record.caseNo);
      expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(text.status.subscribeAsk);
      return h;
    }
    // SAMPLE_ID_NUMBER is a woman's (…002X): 她.
    const ask = async (h: Awaited<ReturnType<typeof checked>>, said: string) => (await h.send(said, 'zh-CN', 'son')).map((a) => a.text ?? '').join('\n');
    /** The answer to a question asked at the offer of updates, which is then made again (fix22a). */
    const askAtOffer = async (h: Awaited<ReturnType<typeof checked>>, said: string) => {
      const [answer, ...rest] = (await h.send(said, 'zh-CN', 'son')).map((a) => a.text ?? '');
      expect(rest.join('\n')).to.include(text.status.subscribeAsk);
      return answer;
    };

    it('the son of the trial: at home, the fee, the result, each for the case (the offer made again after one, fix22a)', async () => {
      const h = await checked(true);
      const home = await askAtOffer(h, '医生上门那天俺得在家不 俺上班');
      expect(home).to.equal(c.homeWhoIsIn('她'));
      expect(await askAtOffer(h, '上门鉴定要钱不')).to.equal(c.firstFee(true));
      const result = await askAtOffer(h, '鉴定完多久出结果');
      expect(result).to.equal(c.result);
      expect(result).to.not.include('短信');
      expect(await ask(h, '不用了')).to.equal(text.status.notSubscribed);
      expect(await ask(h, '家里要留人吗')).to.equal(c.homeWhoIsIn('她'));
    });

    it('other words: 家里要留人吗, 上门收费不, 啥时候能拿到证', async () => {
      const h = await checked(true);
      expect(await askAtOffer(h, '家里要留人吗')).to.equal(c.homeWhoIsIn('她'));
      expect(await askAtOffer(h, '医生来家里评定收费不')).to.equal(c.firstFee(true));
      expect(await askAtOffer(h, '评完了啥时候能拿到证')).to.equal(c.result);
    });

    it('the records, the morning, no bank card (the trial\'s brother and daughter-in-law, and other words)', async () => {
      const h = await checked(true);
      expect(await askAtOffer(h, '要不要把她病历准备好 在哪个医院看的都行吗')).to.equal(c.homeRecords('她'));
      expect(await askAtOffer(h, '出院小结要不要给医生看')).to.equal(c.homeRecords('她'));
      expect(await askAtOffer(h, '能不能让医院上午来 下午他要去透析')).to.equal(c.homeHour('她', '上午'));
      expect(await askAtOffer(h, '下午来行不行')).to.equal(c.homeHour('她', '下午'));
      expect(await askAtOffer(h, '批了以后钱打到谁卡上 他没有银行卡')).to.equal(c.noCard('她'));
      expect(await askAtOffer(h, '她连张卡都没有 补贴咋领')).to.equal(c.noCard('她'));
    });

    it('an appraisal at the hospital: the records are brought there; the home visit is not spoken of', async () => {
      const h = await checked(false);
      expect(await askAtOffer(h, '病历要准备吗')).to.equal(c.records('她'));
      const home = await askAtOffer(h, '医生上门那天俺得在家不');
      expect(home).to.not.equal(c.homeWhoIsIn('她'));
      expect(home).to.equal(c.notHome('她'));
    });

    it('the offer of updates is made once: a question not about the case is answered, and the offer not made again', async () => {
      const h = await checked(false);
      const answer = await ask(h, '公示要几天');
      expect(answer).to.include('5个工作日').and.not.include(text.status.subscribeAsk);
      expect(await ask(h, '评定要带啥')).to.not.include(text.status.subscribeAsk);
      expect(await h.family.subscribersOf((await h.cases.openCasesOfUser('test:user1'))[0].caseNo)).to.deep.equal([]);
    });

    it('the applicant asking the same is not answered as a relative', async () => {
      const h = await checked(true);
      expect((await h.send('病历要准备吗')).map((a) => a.text ?? '').join()).to.not.equal(c.homeRecords('她'));
    });
  });
});
