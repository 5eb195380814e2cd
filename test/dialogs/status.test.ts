import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { dialogHarness } from './harness.js';

const s = text.status;
const conversation = { conversation: { id: 'conv-applicant', isGroup: false, conversationType: 'personal', name: '' }, channelId: 'test', serviceUrl: 'http://127.0.0.1:9', user: { id: 'user1', name: 'user1' }, bot: { id: 'bot', name: 'bot' } };

/** The chat user "user1" has submitted a case (certificate + care allowance queued). */
async function withCase() {
  const h = await dialogHarness();
  const record = await h.cases.create(
    newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, conversation, applicant: { name: '王建国', phone: '13900000000' } }),
    h.clock.now(),
  );
  return { ...h, record };
}

describe('status in the chat', () => {
  it('shows the applicant their case: stage, timeline with dates and who, items, next step', async () => {
    const h = await withCase();
    await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
    const reply = await h.say('我的申请到哪一步了');
    expect(reply.text).to.include(h.record.caseNo).and.include(s.stageNames.pre_review);
    expect(reply.text).to.include('11月20日 提交申请（您）').and.include('开始预审（工作人员）');
    expect(reply.text).to.include('重度残疾人护理补贴：等办证后审批');
    expect(reply.text).to.include(s.next.pre_review);
  });

  it('says so when there is no open case', async () => {
    const h = await dialogHarness();
    expect((await h.say('查进度')).text).to.equal(s.noCases);
  });

  describe('a family member on another account', () => {
    it('right case number and ID tail: masked summary, timeline, and subscription to updates', async () => {
      const h = await withCase();
      expect((await h.sayAs('daughter', '帮家人查进度')).text).to.equal(s.familyAskCaseNo);
      expect((await h.sayAs('daughter', h.record.caseNo)).text).to.equal(s.familyAskId);
      const shown = await h.sayAs('daughter', SAMPLE_ID_NUMBER.slice(-6).toLowerCase());
      expect(shown.text).to.include('王*国').and.include('110***********002X').and.include('139****0000').and.include(s.subscribeAsk);
      expect(shown.text).to.not.include(SAMPLE_ID_NUMBER).and.not.include('王建国');
      expect((await h.sayAs('daughter', '要')).text).to.equal(s.subscribed);
      await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
      const rows = await h.outbox.list({ caseNo: h.record.caseNo });
      expect(rows.map((r) => r.recipient).sort()).to.deep.equal(['applicant', 'subscriber:test:daughter']);
      expect(rows.find((r) => r.recipient !== 'applicant')?.text).to.equal(s.prefixFamily('王*国', h.record.caseNo) + s.notify.pre_review);
    });

    it('wrong details get a neutral 信息不匹配, the same for a case that does not exist', async () => {
      const h = await withCase();
      await h.sayAs('son', '查别人的申请');
      await h.sayAs('son', h.record.caseNo);
      expect((await h.sayAs('son', '123456')).text).to.equal(s.familyMismatch);
      await h.sayAs('son', '查别人的申请');
      await h.sayAs('son', 'YC209901010001');
      expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.equal(s.familyMismatch);
    });

    it('locks checks for an hour after 5 failures, audits it, and unlocks after the hour', async () => {
      const h = await withCase();
      const attempt = async (tail: string) => {
        await h.sayAs('stranger', '查家人的申请');
        await h.sayAs('stranger', h.record.caseNo);
        return (await h.sayAs('stranger', tail)).text;
      };
      for (let i = 0; i < 4; i++) expect(await attempt('000000')).to.equal(s.familyMismatch);
      expect(await attempt('000000')).to.equal(s.familyLocked);
      expect(await attempt(SAMPLE_ID_NUMBER.slice(-6))).to.equal(s.familyLocked);
      // Locked per case too: another requester is refused for this case.
      expect(await (async () => {
        await h.sayAs('cousin', '查家人的申请');
        await h.sayAs('cousin', h.record.caseNo);
        return (await h.sayAs('cousin', SAMPLE_ID_NUMBER.slice(-6))).text;
      })()).to.equal(s.familyLocked);
      expect((await h.cases.get(h.record.caseNo))?.audit.map((a) => a.action)).to.include('family-check-locked');
      h.clock.advance(61 * 60_000);
      expect(await attempt(SAMPLE_ID_NUMBER.slice(-6))).to.include(s.subscribeAsk);
    });
  });

  it('lets the applicant see and remove followers', async () => {
    const h = await withCase();
    await h.family.subscribe({ caseNo: h.record.caseNo, userKey: 'test:daughter', conversation: {}, since: h.clock.now().toISOString() });
    const list = await h.say('谁在关注我的申请');
    expect(list.text).to.include(s.followers(1));
    expect(list.suggestedActions?.actions.map((a) => a.value)).to.deep.equal([s.removeFollower(1)]);
    expect((await h.say('1')).text).to.equal(s.followerRemoved);
    expect(await h.family.subscribersOf(h.record.caseNo)).to.deep.equal([]);
    expect((await h.say('关注者')).text).to.equal(s.noFollowers);
  });

  it('退订 stops updates for that user, 恢复通知 brings them back', async () => {
    const h = await withCase();
    expect((await h.say('退订')).text).to.equal(s.unsubscribed);
    await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
    expect(await h.outbox.list({ caseNo: h.record.caseNo })).to.deep.equal([]);
    expect((await h.say('恢复通知')).text).to.equal(s.resubscribed);
    await h.workflow.perform(h.record.caseNo, { action: 'return', by: 'staff:li', note: '照片不清楚' });
    expect((await h.outbox.list({ caseNo: h.record.caseNo })).map((r) => r.recipient)).to.deep.equal(['applicant']);
  });

  it('corrects a returned case asking only the flagged fields, then resubmits it', async () => {
    const h = await withCase();
    await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(h.record.caseNo, { action: 'return', by: 'staff:li', note: '电话打不通', fields: ['phone'] });
    const replies = await h.send('修改退回的申请');
    expect(replies[0].text).to.equal(s.correctStart('电话打不通', '电话'));
    expect(replies[1].text).to.equal(text.application.prompts.phone);
    expect((await h.say('12345')).text).to.equal(text.application.errors.phone);
    expect((await h.say('13900001111')).text).to.equal(s.correctDone);
    const updated = await h.cases.get(h.record.caseNo);
    expect(updated?.stage).to.equal('pre_review');
    expect(updated?.applicant.phone).to.equal('13900001111');
    expect(updated?.returned).to.equal(undefined);
    // One write: the corrected field and the resubmission, named in one audit entry.
    expect(updated?.audit.at(-1)).to.deep.include({ action: 'resubmit', note: '更正：phone', from: 'returned', to: 'pre_review' });
    expect(updated?.pendingNotifications).to.equal(undefined);
    expect((await h.outbox.list({ caseNo: h.record.caseNo })).map((r) => r.text)).to.include(s.prefixApplicant(h.record.caseNo) + s.notify.resubmitted);
  });

  it('shows the return reason in the timeline, and starts the correction however it is asked', async () => {
    const h = await withCase();
    await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(h.record.caseNo, { action: 'return', by: 'staff:li', note: '照片不清楚', fields: ['phone'] });
    expect((await h.say('我的申请到哪一步了')).text).to.include(`${s.actionNames.return}（`).and.include(s.returnReason('照片不清楚'));
    for (const said of ['改申请', '修改申请', '补材料']) {
      const replies = await h.send(said);
      expect(replies[0].text, said).to.equal(s.correctStart('照片不清楚', '电话'));
      await h.say('取消');
    }
  });
});
