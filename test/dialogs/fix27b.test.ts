import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';
import { conversationReplies } from './harness.js';

// fix27b: follow-ups of the mt21 dev set read in context (another person, category or condition), each in the set's words and in others.
const { kb } = shippedKnowledge();
/** The start of an entry's answer, as the chat says it. */
const opening = (id: string) => kb.entry(id)!.answer.slice(0, 12);

describe('fix27b', () => {
  it('where to be appraised, asked in the form its description started, is the described category\'s hospital', async () => {
    for (const turns of [
      ['俺家娃脑子不太灵光想给他办个残疾证', '上哪个医院看'],
      ['我爸老糊涂了认不得人 想给他办残疾证', '得去哪家医院评'],
      ['我想给俺娘办个残疾证 她眼睛看不见', '去哪个医院看'],
    ]) {
      const said = await conversationReplies(turns);
      const hospital = turns[0].includes('眼睛') ? 'appr-hosp-vision' : 'appr-hosp-intellectual';
      expect(said[1], turns.join(' / ')).to.include(opening(hospital));
      expect(said[1], turns.join(' / ')).to.not.include('您问的是哪一个');
    }
  });

  it('a grade and condition asked of after who gets the care allowance is told its no first', async () => {
    for (const turns of [
      ['重度残疾人护理补贴要几级才能领?', '三级的肢体残疾能领不'],
      ['护理补贴谁能领', '俺是四级的视力残疾能领不'],
      ['几级残疾能领护理补贴', '那三级听力的呢'],
    ]) {
      const said = (await conversationReplies(turns))[1];
      expect(said, turns.join(' / ')).to.match(/^不能。[^。]*(?:肢体|视力|听力)[^。]*领不了护理补贴/u);
    }
    // Where the county decides (智力, 精神), its own hedge stands.
    expect((await conversationReplies(['护理补贴谁能领', '三级智力的能领不']))[1]).to.match(/^不一定/u);
  });

  it('a school asked of after the education grant is told whether it qualifies first', async () => {
    const said = await conversationReplies(['残疾学生有教育补贴吗?', '初中生能领不', '那读大专呢']);
    expect(said[1]).to.match(/^不能。小学、初中/u);
    expect(said[2]).to.match(/^可以。残疾学生教育专项补贴是给正在读高中阶段/u);
    expect((await conversationReplies(['残疾学生有没有教育补助', '读中专的能领不']))[1]).to.match(/^可以。/u);
    expect((await conversationReplies(['教育补贴谁能领', '那上幼儿园的呢']))[1]).to.match(/^不能。/u);
  });

  it('more proof asked of in a call note after a minor\'s card is the guardian\'s proof', async () => {
    for (const turns of [
      ['来电人称其子17岁,听力残疾,咨询如何办证', '来电人追问是否需要额外证明材料'],
      ['来电人称其女儿15岁,视力残疾,咨询怎么办残疾证', '来电人追问还要提供什么证明'],
      ['来电人称其子16岁 听力残疾 咨询怎么办残疾证', '来电人追问是否还需要其他证明材料'],
    ]) {
      const said = (await conversationReplies(turns))[1];
      expect(said, turns.join(' / ')).to.include('监护人');
      expect(said, turns.join(' / ')).to.not.include('答不上来');
    }
  });

  it('what else to bring, asked in the form, is still the materials', async () => {
    expect((await conversationReplies(['我娘是智力残疾 要办证', '要带啥额外的不']))[1]).to.include(opening('materials-offline'));
  });

  it('a short question after a situation nothing answered asks of that situation', async () => {
    for (const turns of [
      ['我娃读高中腿脚不方便', '能领点钱不'],
      ['俺闺女上大学了 眼睛看不见', '有补助没'],
      ['闺女念高中 耳朵听不见', '有补贴不'],
    ]) {
      // Answered, or offered first when the subsidies in general come close.
      expect((await conversationReplies(turns))[1], turns.join(' / ')).to.include('残疾学生教育专项补贴').and.not.include('答不上来');
    }
  });

  it('whether one may apply online, in a call note, is how to apply online', async () => {
    const said = await conversationReplies(['来电人称其妻精神残疾,咨询办证材料', '来电人追问可否网上申请', '来电人追问网上需上传哪些']);
    expect(said[1]).to.include('App');
    expect(said[2]).to.include('监护人').and.include('病历');
  });

  it('not being on 低保, after the subsidies in general, is told what it means for each allowance, not the living one alone', async () => {
    for (const turns of [
      ['俺爷瘫床上好几年了能领啥补贴不', '俺家不是低保户也中不'],
      ['残疾人能领哪些补贴', '不吃低保能领不'],
      ['补贴有哪几种', '俺家不是低保 也能领吗'],
    ]) {
      const said = (await conversationReplies(turns))[1];
      expect(said, turns.join(' / ')).to.include(opening('sub-which-grade'));
    }
    // A grade and condition named are answered for them.
    expect((await conversationReplies(['重度残疾人护理补贴谁管?', '要几级才能领', '那三级精神残疾的呢']))[2]).to.include(opening('sub-care-grade34'));
  });
});
