import { expect } from 'chai';
import { withoutPersonalNumbers } from '../../data/personalData.js';
import { consoleSuggest } from './consoleSuggest.js';

// Trial 26 (fault 4): a caller's ID number and phone typed into the console's question are no
// part of what is asked: they rank nothing and are never sent back unmasked.
describe('the console\'s suggestions with a caller\'s ID number and phone in the question (trial 26)', () => {
  const suggest = consoleSuggest();
  const calls = [
    '来电人说她娘身份证411522195203142064 电话13912345678 问评定约的哪天',
    '市民称其父身份证号是 41152219520314206X，手机139 1234 5678，问护理补贴一个月给多少',
    '老人电话13812345678 儿子说残疾证丢了咋补办',
  ];

  for (const call of calls) {
    it(`${call}: the query comes back masked and no answer holds the numbers`, async () => {
      const s = await suggest(call);
      const sent = JSON.stringify(s);
      for (const digits of ['411522195203142064', '41152219520314206X', '13912345678', '139 1234 5678', '13812345678']) expect(sent).to.not.include(digits);
      expect(s.query).to.match(/\*{4}/);
    });
  }

  it('the ID number pulls no "身份证号怎么填" to the top', async () => {
    for (const call of calls.slice(0, 2)) expect((await suggest(call)).suggestions[0]?.id, call).to.not.equal('mat-id-number');
  });

  it('ranks a question with the numbers as it ranks it without them', async () => {
    const [withNumbers, without] = [await suggest(calls[1]), await suggest('市民称其父，问护理补贴一个月给多少')];
    expect(withNumbers.suggestions.map((x) => x.id)).to.deep.equal(without.suggestions.map((x) => x.id));
  });

  it('an earlier question sent back masked as context reads as it did unmasked', async () => {
    const [masked, plain] = [
      await suggest('来电人身份证411***********2064 电话139****5678 问残疾证丢了咋补', '要钱不'),
      await suggest('来电人问残疾证丢了咋补', '要钱不'),
    ];
    expect(masked.suggestions.map((x) => x.id)).to.deep.equal(plain.suggestions.map((x) => x.id));
  });

  it('drops the numbers and the words that only name them, raw or masked', () => {
    expect(withoutPersonalNumbers('她娘身份证411522195203142064 电话13912345678 问评定约的哪天')).to.equal('她娘 问评定约的哪天');
    expect(withoutPersonalNumbers('手机号是139****5678，咋查进度')).to.equal('，咋查进度');
    expect(withoutPersonalNumbers('残疾证多少钱')).to.equal('残疾证多少钱');
  });
});
