import { expect } from 'chai';
import { conversationReplies } from './harness.js';

// fix28c: follow-ups of the mt23 and mt24 dev sets telling the person's status, asking the next step or a verdict,
// each in the tester's words and in others.

describe('fix28c', () => {
  it('"X以后呢" after a step of the flow is the next step\'s entry, not the step\'s own again; alone too', async () => {
    for (const [turns, said] of [
      [['网上申请的残疾证，残联收到后先干啥？', '预审通过了以后呢'], /定点医院/u],
      [['残联预审是审什么', '预审过了之后呢？'], /定点医院/u],
      [['提交申请后残联审什么', '那鉴定完了以后呢'], /结果直接上传给残联/u],
      [['公示几天', '公示完了以后呢'], /10个工作日内审核办结/u],
      [['预审通过了以后呢'], /定点医院/u],
      [['提交申请以后呢'], /预审是县残联先看/u],
    ] as [string[], RegExp][]) {
      const replies = await conversationReplies(turns);
      expect(replies.at(-1), turns.join(' / ')).to.match(said);
    }
  });

  it('"两样都能领不" after one allowance asks whether both allowances can be had at once', async () => {
    for (const turns of [
      ['困难残疾人生活补贴什么条件能领？', '俺是低保户又是一级，两样都能领不'],
      ['护理补贴谁能领', '我家是低保户，我一级，两项都能领吗'],
      ['生活补贴怎么申请', '俺爹吃低保又是二级，俩都能拿不'],
    ]) {
      const replies = await conversationReplies(turns);
      expect(replies[1], turns.join(' / ')).to.include('生活补贴和护理补贴可以一起领');
    }
  });

  it('"非低保户" told after the subsidies is the person\'s status, not a question for the 低保 office', async () => {
    for (const turns of [
      ['一级残疾能领哪些补贴', '俺家非低保户'],
      ['二级残疾能领什么补贴', '俺爹非低保户'],
      ['残疾人能享受哪些补贴', '家里非低保户'],
    ]) {
      const replies = await conversationReplies(turns);
      expect(replies[1], turns.join(' / ')).to.include('护理补贴').and.not.include('不在这里办');
    }
  });

  it('"追问是否符合" after the education grant is told 符合 first, with the sentence ruling on the school', async () => {
    for (const turns of [
      ['来电人咨询残疾学生教育专项补贴', '来电人称其女在读大学，追问是否符合'],
      ['教育专项补贴是啥', '孩子在读高中，够条件不'],
      ['残疾学生教育专项补贴谁能申请', '来电人称其子读大专，追问是否符合条件'],
      ['教育补贴谁能领', '俺闺女念本科，符合不'],
    ]) {
      const replies = await conversationReplies(turns);
      expect(replies[1], turns.join(' / ')).to.match(/^符合。[^。]*(?:高中|大学)/u);
    }
    const [, junior] = await conversationReplies(['教育专项补贴给谁', '来电人称其孙女读初中，追问是否符合']);
    expect(junior).to.match(/^不符合。[^。]*初中/u);
  });

  it('a note\'s follow-up after a story that found nothing is read with it, without its own "来电人追问"', async () => {
    for (const turns of [
      ['来电人称其母八十岁、卧床，咨询办残疾证是否需本人到医院鉴定', '来电人追问证办好后如何领取'],
      ['来电人称其母八十岁、卧床，咨询办残疾证是否需本人到医院鉴定', '来电人又问证下来以后怎么拿到手'],
      ['来电人称其父九十岁、瘫痪，咨询办残疾证是否必须本人去医院鉴定', '来电人追问证办好了怎么领'],
    ]) {
      const replies = await conversationReplies(turns);
      expect(replies[1], turns.join(' / ')).to.match(/邮寄|寄|送/u).and.not.include('不是残疾人证');
    }
  });
});
