import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';
import { consoleSuggest } from './consoleSuggest.js';

// Fix 20c: hotline agents' notes about callers who cannot hear, speak, see or leave their bed, and
// about someone else, as typed into the console. Each fault in the example's words and in others.
describe('the console reads agents\' notes about deaf, bedridden and cared-for people (fix20c)', () => {
  const { kb } = shippedKnowledge();
  const suggest = consoleSuggest(kb);

  describe('someone who cannot hear or speak asks to type: typing is how they ask and apply, not the hotline for those who cannot type', () => {
    for (const q of [
      '来电人称其子聋哑 咨询能否打字办理',
      '打电话的大娘说她耳朵背 听不清电话 问能不能发文字问',
      '市民来电 其女儿先天失聪 不会说话 问能不能在手机上打字申请',
      '俺哥是哑巴 打不了电话 能用文字问不',
    ]) {
      it(q, async () => {
        const s = await suggest(q);
        expect(s.decision).to.equal('answer');
        expect(s.entryId).to.equal('svc-deaf-text');
        expect(s.suggestions[0]?.id).to.equal('svc-deaf-text');
      });
    }
    for (const q of ['老人不会打字', '我眼睛花了 打不了字 能打电话问吗']) {
      it(`who cannot type still gets the hotline: ${q}`, async () => {
        expect((await suggest(q)).suggestions[0]?.id).to.equal('talk-voice');
      });
    }
    it('what a deaf caller asks besides is still what is answered (progress, the card)', async () => {
      expect((await suggest('来电人称其父耳聋 接不了电话 咨询进度怎么查')).entryId).to.equal('progress-check');
      expect((await suggest('聋哑人能不能办证')).suggestions[0]?.id).to.equal('cert-hearing');
    });
  });

  describe('who applies for an adult with an intellectual or mental disability: the guardian, not what the category is', () => {
    for (const q of ['来电人称其弟弟智力残疾 咨询由谁来申请', '市民来电 其儿子三十岁 精神分裂 自己办不了 谁给他申请']) {
      it(q, async () => {
        const s = await suggest(q);
        expect(s.suggestions[0]?.id).to.equal('mat-guardian-proof');
      });
    }
  });

  describe('"要钱不" after how to apply for an allowance, the person described first: applying is free', () => {
    for (const call of [
      ['来电人称其母中风卧床两年 咨询护理补贴怎么申请', '要钱不'],
      ['市民来电 其父脑梗后瘫在床上 问生活补贴咋申请', '收费吗'],
      ['俺爹眼睛瞎了好多年 护理补贴在哪办', '花钱不'],
    ]) {
      it(call.join(' → '), async () => {
        const s = await suggest(...call);
        expect(s.decision).to.equal('answer');
        const entry = kb.entry(s.entryId!)!;
        expect(entry.id).to.match(/^sub-(care|living)-apply$/);
        expect(s.suggestions[0]?.answer).to.equal(entry.parts!.howMuch).and.include('不收任何费用');
      });
    }
  });
});
