import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { shippedKnowledge } from '../support.js';
import { atSubscribe, conversationReplies } from './harness.js';

// fix26b: trial 23's reading faults, each in the trial's words and in others.
const { kb, region } = shippedKnowledge();
const notInAnswer = text.notInAnswer(region.hotlines);
/** The start of an entry's answer, as the chat says it. */
const opening = (id: string) => kb.entry(id)!.answer.slice(0, 16);

describe('fix26b', () => {
  it('fault 3: "护理补贴能不能领" is told who can get it, not what keeps one from it', async () => {
    for (const q of ['护理补贴能不能领', '俺爹脑梗了走路不稳 护理补贴能不能领', '能不能领护理补贴', '我娘瘫床上了 能否领护理补贴']) {
      expect((await conversationReplies([q]))[0], q).to.include(opening('care-allowance-eligibility'));
    }
    expect((await conversationReplies(['生活补贴能不能领']))[0]).to.include(opening('living-allowance-eligibility'));
  });

  it('fault 6: the conditions asked after an answer that says them are told from it', async () => {
    for (const turns of [
      ['市民来电 其母中风偏瘫卧床 问能否申请上门鉴定', '需要啥条件'],
      ['俺娘瘫在床上 能上门评定吗', '有啥要求'],
      ['老头子下不了床 医生能上门鉴定不', '得符合啥条件'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.not.include(notInAnswer);
      expect(said[1], turns.join(' / ')).to.include('确实去不了医院');
    }
  });

  it('fault 7: how many trips, after an answer saying nothing of trips, is answered as asked alone', async () => {
    for (const turns of [
      ['户口迁到外县了 残疾证咋弄', '要跑几趟'],
      ['户口迁走了 证咋办', '得去几次'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('ov-one-visit'));
    }
  });

  it('fault 7: whether to book ahead, after a hospital\'s answer, is the booking\'s answer, not what an appraisal is', async () => {
    for (const turns of [
      ['孩子智力残疾 去哪个医院坚定', '要提前约吗'],
      ['俺闺女智力有问题 在哪评残', '用不用提前预约'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('appr-schedule'));
    }
  });

  it('fault 7: another allowance named alone after who gets one asks who gets that one, not how to apply', async () => {
    for (const turns of [
      ['俺是肢体残疾三级 护理补贴能领不', '那生活补贴呢'],
      ['我爸听力三级 护理补贴有份没', '生活补贴呢'],
    ]) {
      const said = await conversationReplies(turns);
      expect(said[1], turns.join(' / ')).to.not.include(opening('sub-living-apply'));
      expect(said[1], turns.join(' / ')).to.match(/困难残疾人生活补贴谁能领|困难残疾人生活补贴不看残疾等级/);
    }
  });

  for (const follow of ['要', '不用了']) {
    it(`fault 8: a relative who checked a returned case (following it: ${follow}) and asks to correct it is told whose account can`, async () => {
      const { h, caseNo } = await atSubscribe();
      await h.say(follow);
      await h.workflow.perform(caseNo, { action: 'start_review', by: 'staff:li' });
      await h.workflow.perform(caseNo, { action: 'return', by: 'staff:li', note: '照片不清楚', fields: ['phone'] });
      const reply = (await h.send('修改退回的申请')).map((a) => a.text ?? '').join('\n');
      expect(reply).to.not.include(text.status.correctNothing);
      expect(reply).to.include('提交申请的那个账号').and.include('照片不清楚');
    });
  }
});
