import { expect } from 'chai';
import { asksBeyond, sentencesHolding, topicAfter } from '../../knowledge/followUp.js';
import { shippedKnowledge } from '../support.js';

// fix20f (trial 18 N4): whether a follow-up asks what the answer just given holds, and which of its sentences say it.
const { kb } = shippedKnowledge();
/** The topic an entry's answer leaves, asked in `query`, and that answer. */
const after = (id: string, query: string) => {
  const entry = kb.entry(id)!;
  return { topic: topicAfter(query, entry), answer: entry.answer };
};

describe('Follow-ups beyond the answer just given', () => {
  it('words of its own the answer never speaks of: beyond it', () => {
    const paid = after('sub-payment', '钱打到哪张卡上');
    expect(asksBeyond('存折行不行', paid.answer, paid.topic)).to.equal(true);
    expect(asksBeyond('卡被冻结了咋整', paid.answer, paid.topic)).to.equal(true);
    const appeal = after('appr-appeal', '对评定结果不服怎么复核');
    expect(asksBeyond('要请律师不', appeal.answer, appeal.topic)).to.equal(true);
  });

  it('nothing of its own, or words the answer says: not beyond it', () => {
    const paid = after('sub-payment', '钱打到哪张卡上');
    expect(asksBeyond('找谁问', paid.answer, paid.topic)).to.equal(false);
    expect(asksBeyond('能打到社保卡上吗', paid.answer, paid.topic)).to.equal(false);
    // Question words, words any question says ("之内", "一样") and places are not its own: the answer's rules are that place's.
    expect(asksBeyond('多少天之内', paid.answer, paid.topic)).to.equal(false);
    const care = after('care-allowance-eligibility', '重度残疾人护理补贴要什么条件');
    expect(asksBeyond('河南有啥不一样', care.answer, care.topic)).to.equal(false);
    const appeal = after('appr-appeal', '复核去哪做');
    expect(asksBeyond('复核完了还不服呢', appeal.answer, appeal.topic)).to.equal(false);
  });

  it('the sentences that say what it asks, when not all do', () => {
    const lost = after('cert-lost', '残疾证丢了咋补');
    expect(sentencesHolding('要登报不', lost.answer, lost.topic)).to.equal('残疾人证丢了不用登报，直接申请挂失补办就行。');
    expect(sentencesHolding('那还要登报不', lost.answer, lost.topic)).to.include('不用登报');
    const appeal = after('appr-appeal', '复核去哪做');
    expect(sentencesHolding('复核完了还不服呢', appeal.answer, appeal.topic)).to.equal('对复核结果还不服的，可以依法申请行政复议或者提起行政诉讼。');
    // Every sentence, or none: nothing to cut; asked how long, not the sentence that names its words.
    expect(sentencesHolding('交多少', lost.answer, lost.topic)).to.equal(undefined);
    const cancelled = after('cert-reapply-after-cancel', '注销了还能再办吗');
    expect(sentencesHolding('注销了多久能重新办', cancelled.answer, cancelled.topic)).to.equal(undefined);
  });
});
