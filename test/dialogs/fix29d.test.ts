import { expect } from 'chai';
import { conversationReplies } from './harness.js';

/** What the bot says to the last of the turns, its buttons too. */
const said = async (turns: string[]) => (await conversationReplies(turns)).at(-1)!;
const SAID_ALREADY = '明白您的情况';
const NOT_FOUND = '答不上来';

describe('fix29d: a choice between two things asks which, not "就按上面说的办" (mt26)', () => {
  it('answers "是工作日还是自然日" after the notice\'s days with the days, not "就按上面说的办"', async () => {
    expect(await said(['残疾证公示几天', '是工作日還是自然日'])).to.include('工作日').and.not.include(SAID_ALREADY);
  });

  it('in other words, after other topics: the card\'s years, the fee, who issues it', async () => {
    expect(await said(['残疾证有效期几年', '是十年还是五年'])).to.include('10年').and.not.include(SAID_ALREADY);
    expect(await said(['办残疾证收费吗', '是免费还是收钱'])).to.include('评定费').and.not.include(SAID_ALREADY);
    expect(await said(['残疾证谁发的', '是残联发还是民政发'])).to.include('残联').and.not.include(SAID_ALREADY);
  });
});

describe('fix29d: a dialect\'s closing particle (嘞, 哩) asks as 呢 does (mt26)', () => {
  it('办残疾证要照片不 / 要几张啥样的嘞: how many and what size', async () => {
    const all = await said(['办残疾证要照片不', '要几张啥样的嘞']);
    expect(all).to.include('3张').and.include('两寸');
  });

  it('in other words, after other topics: another category\'s hospital, a replacement online', async () => {
    expect(await said(['肢体残疾去哪鉴定', '那精神的嘞'])).to.include('安定医院');
    expect(await said(['残疾证补办要多久', '网上能办不嘞'])).to.include('网上申请挂失补办');
  });
});

describe('fix29d: "…了中不中" (行不行) after a span the person tells: whether it meets the rule just said (mt26)', () => {
  it('重度护理补贴说要长期护理那得多长时间 / 俺娘瘫了三个多月了中不中: the six months', async () => {
    expect(await said(['重度护理补贴说要长期护理那得多长时间', '俺娘瘫了三个多月了中不中'])).to.include('6个月');
  });

  it('in other words, after other topics: a cancelled card a year on, a card ten years old', async () => {
    expect(await said(['残疾证注销后还能再申请吗？', '都过了一年多了行不行'])).to.include('一年').and.not.include(NOT_FOUND);
    expect(await said(['残疾人证有效期多少年？', '俺的证办了十一年了中不中'])).to.include('10年').and.include('换领');
  });

  it('not a way of doing it ("俺替她办中不中"): that is no span to measure', async () => {
    expect(await said(['我娘七十多了走不动道想办残疾证', '她不识字俺替她办中不中'])).to.not.include('办证没有年龄上限');
  });
});

describe('fix29d: another person after a materials answer (mt26)', () => {
  it('我家孩子12岁…要带哪些材料 / 那要是大人肢体残疾呢: an adult\'s materials, no choice', async () => {
    const all = await said(['我家孩子12岁，智力有点问题，办残疾证要带哪些材料？', '那要是大人肢体残疾呢']);
    expect(all).to.include('身份证').and.include('照片').and.not.include('您是想问');
  });

  it('未成年人办残疾证要额外交什么 / 那成年的精神残疾呢: the guardian\'s proof and the records', async () => {
    const all = await said(['未成年人办残疾证要额外交什么？', '那成年的精神残疾呢']);
    expect(all).to.include('监护人').and.include('病历').and.not.include('您想问的是');
  });

  it('in other words, after other topics: a child\'s age in years goes with the child', async () => {
    const limb = await said(['俺儿子10岁 腿有毛病 办残疾证带啥材料', '那大人呢']);
    expect(limb).to.include('身份证').and.not.include('您想问的是');
    const mental = await said(['小孩办残疾证要交啥证明', '成年人智力残疾呢']);
    expect(mental).to.include('监护人').and.not.include('您想问的是');
  });
});

describe('fix29d: 续期, 续证, 续上 are the card\'s renewal (mt26)', () => {
  for (const [topic, asked] of [
    ['残疾人证有效期多久？', '到期能自动续上不'],
    ['残疾证能用几年', '到期了能续期吗'],
    ['残疾证能管几年', '到了年限能续一下不'],
  ]) {
    it(`${topic} / ${asked}: the renewal, not "刚才那段里没有说到"`, async () => {
      expect(await said([topic, asked])).to.include('换领').and.not.include('没有说到');
    });
  }
});

describe('fix29d: asked whether something is needed, 需要 or 不用 first (mt26)', () => {
  it('来电人称其子19岁精神残疾，咨询办证材料 / 来电人追问监护人证明是否必须提供', async () => {
    expect(await said(['来电人称其子19岁精神残疾，咨询办证材料', '来电人追问监护人证明是否必须提供'])).to.match(/^需要。[^\n]*监护人证明/);
  });

  it('in other words, after another topic: the new household register for a transfer', async () => {
    expect(await said(['残疾证迁移要带啥', '新户口本一定要带吗'])).to.match(/^需要。[^\n]*新户口本/);
  });

  it('no plain yes or no where the answer rules on it for some and not others', async () => {
    // "要交监护人证明的有两种人…其他成年人不用监护人证明", "这几类不要求交病历，只有智力、精神残疾必须交就诊病历".
    for (const turns of [['网上申请残疾证要传啥', '监护人证明也要传吗'], ['精神残疾要不要监护人证明'], ['我是肢体残疾 办证也要交就诊病历吗'], ['俺闺女有智力残疾，办证要带啥', '病历必须交吗']]) {
      expect(await said(turns), turns.join(' / ')).to.not.match(/^(?:需要|不用)。/);
    }
  });
});
