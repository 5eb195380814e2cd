import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { consoleSuggest } from '../bot/consoleSuggest.js';
import { answerStart, buttons, dialogHarness } from './harness.js';

// Trial 24's follow-up faults 3, 4, 5, 6, 7, 8 and 12, each in the tester's words and in others.

describe('trial 24 (4): a follow-up to the medical-advice decline is declined again, not the certificate\'s timing', () => {
  const suggest = consoleSuggest();
  for (const [declined, followUp] of [
    ['俺娘耳朵越来越背 吃啥药能好点', '要多久能好'],
    // Other words
    ['俺爹腿老疼 吃啥药管用', '要吃多长时间'],
    ['我眼睛看不清了 吃点啥药好', '几天能好'],
  ]) {
    it(`${declined} → ${followUp}: the decline again, in the chat and the console alike`, async () => {
      const h = await dialogHarness();
      const first = await h.say(declined);
      const again = await h.say(followUp);
      expect(again.text).to.equal(first.text);
      expect(buttons(again)).to.deep.equal([text.notFoundButtons[0]]);
      expect((await suggest(declined, followUp)).decision).to.equal('decline');
    });
  }
});

describe('trial 24 (5): what to bring after the renewal\'s answer is the renewal\'s list, however the question named no renewal', () => {
  const suggest = consoleSuggest();
  for (const [first, followUp] of [
    ['残疾证年审在哪审', '要带啥'],
    // Other words
    ['残疾证要年审不', '带啥东西'],
    ['残疾证能管几年', '得准备啥材料'],
  ]) {
    it(`${first} → ${followUp}: the old card is in the list, in the chat and the console alike`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      expect((await h.say(followUp)).text).to.include('旧证');
      const s = await suggest(`市民问${first}`, followUp);
      expect(s.suggestions[0].answer).to.include('旧证');
    });
  }
});

describe('trial 24 (8): when the education grant pays is the grant\'s, not the two allowances\' (民政)', () => {
  for (const [first, followUp] of [
    ['我儿子考上大学了 听说有个啥教育补贴', '多久到账'],
    // Other words
    ['残疾学生教育补贴谁能申请', '多久能到账'],
    ['闺女考上高中了 有教育补贴没', '钱啥时候能打过来'],
  ]) {
    it(`${first} → ${followUp}: the grant's own timing, by 教育部门 and 残联`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      const reply = (await h.say(followUp)).text ?? '';
      expect(reply).to.include(answerStart(h, 'emp-edu-when'));
      expect(reply).to.not.include('民政');
    });
  }
});
