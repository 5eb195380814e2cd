import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { conversationReplies } from './harness.js';

const t = text.application;
/** What the bot says to the last of the turns, its buttons too. */
const said = async (turns: string[]) => (await conversationReplies(turns)).at(-1)!;

describe('session 17: not knowing where or how is a question (mt24)', () => {
  const asks = ['去哪个医院鉴定俺不知道', '不知道咋弄', '俺也不清楚要带啥', '不知道在哪办'];
  const tells = ['我不知道你在说什么', '不知道你说的啥意思', '不知道', '不清楚几级'];
  for (const q of asks) it(`"${q}" asks`, () => expect(asksSomething(q)).to.equal(true));
  for (const q of tells) it(`"${q}" asks nothing`, () => expect(asksSomething(q)).to.equal(false));

  it('answers "去哪个医院鉴定俺不知道" at the consent, for the condition heard, and asks the consent again', async () => {
    const all = await said(['俺家老头耳朵聋了好些年了想给他办个残疾证', '去哪个医院鉴定俺不知道']);
    expect(all).to.include('听力残疾').and.include('人民医院');
    expect(all).to.include(t.consent);
    // In other words, at the same step.
    expect(await said(['我想给俺娘办残疾证', '要带啥俺也不清楚'])).to.include('身份证').and.include(t.consent);
  });
});

describe('session 17: a follow-up mid-form is read against the answer just given (mt24)', () => {
  it('"那她爹腿脚不好的呢" after where to appraise an intellectual disability: the limb hospital', async () => {
    const all = await said(['俺闺女脑子不太灵光，想给她办个智力残疾的证，得去哪家医院鉴定？', '那她爹腿脚不好的呢']);
    expect(all).to.include('肢体残疾').and.include('人民医院');
    expect(all).to.not.include('您问的是哪一个');
  });

  it('in other words: "那他媳妇腿脚不好的呢" after the hearing hospital asked in the opening', async () => {
    const all = await said(['我想给俺爹办残疾证，他耳朵聋，去哪个医院评定', '那他媳妇腿脚不好的呢']);
    expect(all).to.include('肢体残疾').and.include('人民医院');
    expect(all).to.include(t.consent);
  });
});

describe('session 17: a can-I asked mid-form is told its yes or no first, as outside the form', () => {
  for (const [opening, asked] of [
    ['我想给俺爹办残疾证', '他是三级肢体残疾能领护理补贴不'],
    ['我要给孩子办残疾证', '孩子三级听力的能领护理补贴吗'],
  ]) {
    it(`${opening} / ${asked}`, async () => {
      const all = await said([opening, asked]);
      expect(all).to.match(/(^|\n)不能。[^\n]*三级、四级不在这个范围/);
      expect(all).to.include(t.consent);
    });
  }
});

describe('session 17: 档次 is the pension contribution\'s, not a disability grade (mt25)', () => {
  for (const asked of ['按啥档次交', '交哪个档次的', '缴费档次咋选']) {
    it(`城乡居民养老保险政府给补吗 / ${asked}`, async () => {
      const all = await said(['我三级肢体残疾，城乡居民养老保险政府给补吗？', asked]);
      expect(all).to.match(/最低档|更高档次/);
      expect(all).to.not.include('刚才那段里没有说到');
    });
  }
});

describe('session 17: "不是" of a status is no word of a follow-up\'s own (mt25)', () => {
  for (const turns of [
    ['我家是低保户，我三级残疾，能领困难残疾人生活补贴吗？', '要是家里不是低保了呢'],
    ['我家吃低保 生活补贴能领吗', '那不是低保户了还能领不'],
  ]) {
    it(turns.join(' / '), async () => {
      const all = await said(turns);
      // Not the start of payments, whose answer says "是不是符合条件".
      expect(all).to.include('低收入').and.not.include('从哪个月起算');
    });
  }
});

describe('session 17: another relative with another condition asks the topic\'s where of it (mt25)', () => {
  for (const turns of [
    ['我爸腿脚残疾了，评残得去哪家医院？', '俺弟弟是精神上的毛病呢'],
    ['我娘眼睛看不见 评残去哪个医院', '俺弟弟是精神上的毛病呢'],
    ['我爸腿脚残疾了，评残得去哪家医院？', '他闺女是精神上的毛病呢'],
  ]) {
    it(turns.join(' / '), async () => expect(await said(turns)).to.include('精神残疾在').and.include('安定医院'));
  }
});

describe('session 17: an application begun for a child or an intellectual or mental disability says the guardian applies (s21)', () => {
  for (const opening of ['家里有个傻孩子 十来岁 想给他办个证', '俺儿子精神不正常 想给他办证', '给孩子办个残疾证']) {
    it(`"${opening}": the guardian's proof before the consent`, async () => {
      const all = await said([opening]);
      expect(all).to.include(text.application.opening.guardianNeeded);
      expect(all.indexOf(text.application.opening.guardianNeeded)).to.be.below(all.indexOf(t.consent));
    });
  }
  it('an adult\'s application says nothing of a guardian', async () => {
    expect(await said(['我想给俺娘办残疾证'])).to.not.include(text.application.opening.guardianNeeded);
  });
});
