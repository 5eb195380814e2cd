import { expect } from 'chai';
import { finalItems } from '../../dialogs/application/values.js';
import { text } from '../../dialogs/text/index.js';
import { run, selfNewCertificateToAddress, type Step } from './harness.js';

const app = text.application;
type Harness = Awaited<ReturnType<typeof run>>;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');

/** Self, a new certificate and the living allowance: at the 低保 question. */
const selfAtDibao: Step[] = [
  ...selfNewCertificateToAddress.slice(0, 4),
  ['困难残疾人生活补贴', app.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴')],
  ['选好了', app.prompts.name],
  ...selfNewCertificateToAddress.slice(5, 9),
  ['肢体', app.prompts.dibao],
];

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
