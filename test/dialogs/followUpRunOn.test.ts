import { expect } from 'chai';
import { dialogHarness } from './harness.js';

// Trial 8: a short follow-up and a question in one message ("听力的呢 要咋评") were split in two and
// the follow-up alone answered with the previous topic's answer again.
describe('A follow-up that goes on to ask, in one message', () => {
  const cases: [first: string, then: string, expected: RegExp][] = [
    ['俺娘耳朵聋了好几年了 能办残疾证不', '听力的呢 要咋评', /听力测试|纯音/],
    ['听力残疾是什么', '视力的呢 在哪评定', /视力残疾在.*人民医院评定/],
    ['说话不清楚算啥残疾', '言语的呢 几级能领护理补贴', /护理补贴发给残疾等级为一级、二级/],
    ['肢体残疾在哪评定', '智力的呢 要带啥', /就诊病历/],
  ];
  for (const [first, then, expected] of cases) {
    it(`"${first}" then "${then}": one answer to the combined question, not the first answer again`, async () => {
      const h = await dialogHarness();
      const before = (await h.send(first)).map((r) => r.text ?? '').join('\n');
      const after = (await h.send(then)).map((r) => r.text ?? '').join('\n');
      expect(after).to.not.equal(before);
      expect(after).to.match(expected);
    });
  }
});
