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
    ['上大学的残疾补助有没有', '钱多久到账'],
    ['孩子考上高中了 教育补贴能领不', '多久能拿到钱'],
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

describe('trial 24 (7): how to apply after the fuel subsidy\'s answer is the fuel subsidy\'s, the question named or not', () => {
  for (const [first, followUp] of [
    ['坐电动轮椅的 油钱有补贴没有', '咋申请'],
    // Other words
    ['俺骑的是电动轮椅 能给油钱不', '在哪申请'],
    ['电动轮椅能补油钱不', '那怎么申请'],
  ]) {
    it(`${first} → ${followUp}: the fuel subsidy's how-to`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      expect((await h.say(followUp)).text).to.include(answerStart(h, 'emp-fuel-apply'));
    });
  }
});

describe('trial 24 (3, 12): "那孩子呢" asks the topic\'s question of a child, never the child\'s photo from elsewhere', () => {
  for (const [first, followUp] of [
    ['我是聋哑人 去医院鉴定的时候有手语翻译没', '那孩子呢'],
    ['窗口礼拜六上班不', '那孩子呢'],
    // Other words
    ['窗口礼拜天开门不', '那孩子呢'],
    ['政务中心几点下班', '那小孩呢'],
  ]) {
    it(`${first} → ${followUp}: not the child's photo`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      expect((await h.say(followUp)).text).to.not.include(answerStart(h, 'mat-photo-child'));
    });
  }

  for (const [first, followUp] of [
    ['护理补帖一个月给多少钱撒', '那孩子呢'],
    // Other words
    ['生活补贴一个月多少钱', '那孩子呢'],
    ['护理补贴一年能拿多少', '小孩呢'],
  ]) {
    it(`${first} → ${followUp}: what holds for a child (no age limit), not the same paragraph again`, async () => {
      const h = await dialogHarness();
      const said = (await h.say(first)).text;
      const reply = (await h.say(followUp)).text;
      expect(reply).to.include(answerStart(h, 'sub-child'));
      expect(reply).to.not.equal(said);
    });
  }
});

describe('trial 24 (6): how to apply after the amounts\' "您想问的是" offers each allowance\'s how-to', () => {
  const suggest = consoleSuggest();
  for (const [first, followUp] of [
    ['俺家老头腿截了 每个月能给多少钱', '那要咋申请'],
    // Other words
    ['老伴偏瘫了 一个月能补多少钱', '那咋申请'],
    ['俺是残疾人 每个月能领多少钱', '咋申请啊'],
  ]) {
    it(`${first} → ${followUp}: both allowances offered, the living allowance's picked by number, in the chat and the console alike`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      const offered = await h.say(followUp);
      expect(offered.text).to.include(text.clarify.intro);
      const labels = offered.suggestedActions?.actions.map((a) => a.title) ?? [];
      expect(labels.join()).to.include(h.kb.entry('sub-care-apply')!.question).and.include(h.kb.entry('sub-living-apply')!.question);
      // Picked by number, as a hurried caller does.
      const living = labels.findIndex((l) => l?.includes(h.kb.entry('sub-living-apply')!.question)) + 1;
      expect((await h.say(String(living))).text).to.include(answerStart(h, 'sub-living-apply'));
      // The console labels it a choice as the chat makes it (main's console lists the chat's candidates first).
      expect((await suggest(first, followUp)).decision).to.equal('clarify');
    });
  }
});
