import { expect } from 'chai';
import { consoleSuggest } from './consoleSuggest.js';

// Trial 18: an agent typing a caller's questions one after another in one call (fix18b). Each
// fault in the tester's words and in others.
describe('the console reads a call\'s follow-ups as the caller meant them (trial 18)', () => {
  const suggest = consoleSuggest();

  describe('"智力还是精神" asks which of the two the person\'s condition is, not of both', () => {
    for (const call of [
      ['来电人称其母老年痴呆 走丢过两次 咨询能办啥证', '智力还是精神'],
      ['家里老人痴呆了 老往外跑 能办残疾证不', '算智力的还是精神的'],
    ]) {
      it(`${call.join(' → ')}: intellectual disability, not the multiple one's hospitals`, async () => {
        const s = await suggest(...call);
        expect(s.suggestions[0]?.id).to.equal('cert-intellectual');
        expect(s.suggestions.map((x) => x.id)).to.not.include('appr-hosp-multiple');
      });
    }
    it('alone, "智力还是精神" is no multiple disability either', async () => {
      expect((await suggest('智力还是精神')).suggestions[0]?.id).to.not.equal('appr-hosp-multiple');
    });
  });

  describe('"谁去办" asks who applies for someone who cannot, not where the window is', () => {
    for (const call of [
      ['来电人称其母老年痴呆 走丢过两次 咨询能办啥证', '智力还是精神', '谁去办'],
      ['来电人称其母老年痴呆 走丢过两次 咨询能办啥证', '谁去办'],
      ['俺娘脑子糊涂了 能办残疾证不', '那谁去办呢'],
      ['我爸中风瘫在床上了 能办证不', '谁去申请'],
    ]) {
      it(call.join(' → '), async () => {
        const s = await suggest(...call);
        expect(s.decision).to.equal('answer');
        expect(s.entryId).to.equal('mat-guardian-proof');
      });
    }
  });

  describe('how long until an expired card\'s paused allowance resumes: renewing it, and who says when', () => {
    for (const call of [
      ['市民来电称残疾证过期了 生活补贴停发 要求恢复', '多久恢复'],
      ['残疾证到期了 护理补贴不发了', '啥时候能恢复'],
    ]) {
      it(call.join(' → '), async () => {
        const s = await suggest(...call);
        expect(s.entryId).to.equal('cert-renew');
        expect(s.suggestions[0]?.answer).to.include('民政部门').and.not.include('一年内');
      });
    }
  });

  describe('a caller chasing an application nobody followed up gets the progress check, not how to ask for it', () => {
    for (const q of ['来电人反映上门鉴定申请半个月没人联系 情绪激动', '打电话的大爷说上门评残报上去二十多天了还没人来 很生气', '申请了医生上门 等了快一个月没信儿']) {
      it(q, async () => {
        const s = await suggest(q);
        expect(s.suggestions[0]?.id).to.equal('progress-check');
      });
    }
    it('asking for a home appraisal is still that', async () => {
      expect((await suggest('上门鉴定怎么申请')).entryId).to.equal('appr-home');
    });
  });

  describe('thanks before a question: the question is answered', () => {
    for (const call of [['好的谢谢 那评定大概啥时候'], ['残疾证怎么办理', '好的谢谢 那评定大概啥时候'], ['谢谢啊，那评残一般约在啥时候']]) {
      it(call.join(' → '), async () => {
        const s = await suggest(...call);
        expect(s.suggestions[0]?.id).to.equal('appr-schedule');
        expect(s.suggestions.map((x) => x.id)).to.not.include('talk-thanks');
      });
    }
    it('in a call, "要带啥" after thanks asks of the topic', async () => {
      expect((await suggest('残疾证丢了咋补', '嗯嗯 知道了 那要带啥')).entryId).to.equal('cert-lost');
    });
    it('thanks alone are thanks', async () => {
      for (const q of ['好的谢谢', '谢谢 再见']) expect((await suggest(q)).entryId, q).to.equal('talk-thanks');
    });
  });
});
