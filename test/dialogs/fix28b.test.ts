import { expect } from 'chai';
import { asksBeyond, sentencesHolding, topicAfter } from '../../knowledge/followUp.js';
import { shippedKnowledge } from '../support.js';
import { conversationReplies } from './harness.js';

// fix28b: follow-ups of the mt23 dev set about another person or the answer's own terms, each in the tester's words and in others.

const { kb } = shippedKnowledge();
/** The topic an entry's answer leaves, asked in `query`, and that answer. */
const after = (id: string, query: string) => {
  const entry = kb.entry(id)!;
  return { topic: topicAfter(query, entry), answer: entry.answer };
};

describe('fix28b', () => {
  it('a child named after an adult\'s guardian proof ("那俺闺女才十岁呢") is told the minors\' rule, not "没有说到"', async () => {
    for (const turns of [
      ['我是成年人，腿有残疾，办证要交监护人证明不', '那俺闺女才十岁呢'],
      ['成年人办残疾证要监护人证明吗', '那俺家娃才五岁呢'],
      ['什么人办证要监护人证明', '我闺女十二岁要不要'],
      ['哪些人办残疾证要监护人证明', '俺孙子才六岁'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include('未成年').and.include('监护人').and.not.include('没有说到');
      // That person's rule, not the whole paragraph again: the intellectual and mental applicants' is not said.
      expect(said[1], turns.join(' / ')).to.not.include('不论多大年纪');
    }
  });

  it('"那孩子呢" after an answer ruling on children is that ruling, not the child photo\'s answer', async () => {
    for (const turns of [
      ['我是成年人，腿有残疾，办证要交监护人证明不', '那孩子呢'],
      ['成年人办残疾证要监护人证明吗', '那小孩呢'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include('未成年').and.include('监护人').and.not.include('照片和大人一样');
    }
  });

  it('a person\'s age and kin are no words of its own; only an answer ruling on each age apart is cut to that age', () => {
    const guardian = after('mat-guardian-proof', '我是成年人，腿有残疾，办证要交监护人证明不');
    expect(asksBeyond('那俺闺女才十岁呢', guardian.answer, guardian.topic)).to.equal(false);
    expect(sentencesHolding('那俺闺女才十岁呢', guardian.answer, guardian.topic)).to.match(/^未成年（不满18岁）的孩子/u).and.not.include('成年人的监护人');
    // A child's rule added to everyone's list is no rule apart: the list is said whole.
    const offline = after('materials-offline', '办残疾证要带什么材料');
    expect(sentencesHolding('那俺闺女才十岁呢', offline.answer, offline.topic)).to.equal(undefined);
  });

  it('啥子 is 什么 ("要带啥子证明"), not 傻子: the mental applicant\'s guardian proof and records', async () => {
    for (const said of ['要带啥子证明', '啥子时候能办好', '这是啥子意思']) expect(kb.spelledRight(said), said).to.equal(said);
    for (const turns of [
      ['俺娘脑子糊涂了精神不正常要办残疾证', '要带啥子证明嘛'],
      ['我爸老年痴呆了想办残疾证', '要准备啥子证明'],
      ['俺哥是精神病 想办个残疾证', '要带啥子材料'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include('监护人').and.include('病历');
    }
  });

  it('whether one qualifies, naming none ("俺咋知道自己够不够条件"), is told whom the topic is for, not another item\'s conditions', async () => {
    for (const turns of [
      ['人家说的两项补贴是啥', '俺咋知道自己够不够条件'],
      ['残疾人两补是啥', '俺够不够条件啊'],
      ['两项补贴指的是啥', '我咋晓得自己够不够条件'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include('低保').and.include('一级、二级');
    }
    for (const [turns, whom] of [
      [['护理补贴是干啥的', '我怎么知道自己符不符合'], '长期照护'],
      [['生活补贴是啥', '那我够不够格'], '低保'],
    ] as const) {
      const said = await conversationReplies([...turns]);
      expect(said[1], turns.join(' / ')).to.include(whom).and.not.include('您想问的是').and.not.include('和补贴有关的主要有这几项');
    }
  });

  it('after both allowances named ("护理补贴和生活补贴有啥区别"), "能领两样不" asks of both at once, not of the first named', async () => {
    for (const turns of [
      ['重度残疾人护理补贴和困难残疾人生活补贴有啥区别', '那俺能领两样不'],
      ['护理补贴和生活补贴有啥区别', '那俺能领两样不'],
      ['重度残疾人护理补贴和困难残疾人生活补贴有什么区别', '那我能不能两样都领'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include('可以一起领').and.include('低保');
    }
  });
});
