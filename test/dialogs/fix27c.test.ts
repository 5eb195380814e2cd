import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';
import { conversationReplies } from './harness.js';

// fix27c: follow-ups of the mt21 dev set read in context, each in the tester's words and in others.
const { kb } = shippedKnowledge();
/** The start of an entry's answer, as the chat says it. */
const opening = (id: string) => kb.entry(id)!.answer.slice(0, 16);

describe('fix27c', () => {
  it('how many days the notice is up, after who reviews the card, is the notice\'s days, not the review\'s', async () => {
    for (const turns of [
      ['残疾人证谁来审核?', '公示幾天'],
      ['残疾证谁审核', '公示几天'],
      ['残疾证是谁审批的', '要公示多久'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('flow-publicity'));
    }
  });

  it('the time limit to object, asked after how to object, is the appeal\'s 10 working days', async () => {
    for (const turns of [
      ['来电人反映对残疾评定结果有异议', '来电人追问申诉时限'],
      ['对评残结果有意见', '来电人询问复核时限'],
      ['評殘結果出來了', '評低了怎麼辦', '要多少天內提'],
      ['评残结果出来了', '评低了怎么办', '要在多少天里提交'],
      ['对鉴定结果不满意怎么办', '有时限吗'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[turns.length - 1], turns.join(' / ')).to.include(opening('appr-appeal'));
    }
  });

  it('what to do "when the time comes", after how long the card lasts, is its renewal', async () => {
    for (const turns of [
      ['残疾证能管几年', '到时候咋整'],
      ['残疾证有效期多久', '那到时候怎么办'],
      ['残疾人证能用几年', '到那时候要干啥'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('cert-renew'));
    }
  });

  it('materials with a fault, after how the application is reviewed, is what happens when it is returned', async () => {
    for (const turns of [
      ['在网上申请了残疾人证,残联会怎么审?', '要是材料有问题呢'],
      ['残疾证网上申请提交以后谁来审', '资料有问题咋办'],
      ['网上提交了残疾证申请 残联咋审核', '上传的照片有问题呢'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('flow-rejected'));
    }
  });

  it('a grade that got worse (病重, 加重) is the grade\'s change, not unanswered', async () => {
    for (const turns of [
      ['我残疾证上写的是三级', '要是现在病重了呢'],
      ['我是三级残疾', '要是现在病重了呢'],
      ['残疾等级怎么分的', '俺娘病重了呢'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('cert-grades'));
    }
  });

  it('the reform plan\'s figures asked before and after, or its time after its materials, are told from its answer', async () => {
    for (const turns of [
      ['平原县残疾人一件事一张表能办几项?', '材料原来多少项,现在多少项'],
      ['平原县一张表能办几件事', '材料本来要几样'],
      ['山东平原县一件事是怎么办的', '原来要多少份材料'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include('19');
    }
    for (const turns of [
      ['平原县一件事一次办能办几项?', '材料减了多少', '时间呢'],
      ['平原县一件事一次办能办几项?', '材料少了多少', '那时间呢'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[2], turns.join(' / ')).to.include('65');
    }
  });

  it('whether each department tells the result apart is the one combined reply (扎口反馈), not how to apply', async () => {
    for (const turns of [
      ['残疾证和两项补贴能一起申请吗?', '结果是各部门分别通知我吗'],
      ['办证和补贴一起勾了', '最后结果谁通知我'],
      ['护理补贴怎么申请', '各部门审完会分别通知我吗'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include('扎口反馈');
    }
  });

  it('both allowances asked after who gets them, opened by 那, is whether both can be had at once', async () => {
    for (const turns of [
      ['低保家庭的一级残疾人能领哪些补贴?', '那俺能领两样不'],
      ['低保家庭的一级残疾人能领哪些补贴?', '那能领两样不'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('sub-both-at-once'));
    }
  });
});
