import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { shippedKnowledge } from '../support.js';
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

  it('tells a case that asked for the appraisal at home to wait for the hospital\'s call, not to book', async () => {
    const h = await withCase();
    await h.useCases.appointments.requestHome(h.record.caseNo, 'test:user1', '卧床');
    await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(h.record.caseNo, { action: 'pass_review', by: 'staff:li' });
    await h.useCases.relay.settled();
    const texts = (await h.outbox.list({ caseNo: h.record.caseNo })).map((r) => r.text);
    expect(texts).to.include(s.prefixApplicant(h.record.caseNo) + s.notify.appraisal_scheduled_home);
    expect(texts).to.not.include(s.prefixApplicant(h.record.caseNo) + s.notify.appraisal_scheduled);
    const reply = await h.say('我的申请到哪一步了');
    expect(reply.text).to.include(s.next.appraisal_home).and.not.include(s.next.appraisal_book);
  });

  it('says so when there is no open case', async () => {
    const h = await dialogHarness();
    const { region } = shippedKnowledge();
    expect((await h.say('查进度')).text).to.equal(s.noCases(region.online, region.hotlines));
  });

  describe('a family member on another account', () => {
    for (const said of ['我是他老伴', '俺是她闺女']) {
      it(`"${said}" at the case-number step is acknowledged and the number asked again`, async () => {
        const h = await withCase();
        await h.sayAs('daughter', '帮家人查进度');
        const replies = (await h.send(said, 'zh-CN', 'daughter')).map((r) => r.text ?? '');
        expect(replies[0]).to.equal(s.relationNoted);
        expect(replies.at(-1)).to.include(s.familyAskCaseNo);
      });
    }

    it('"要多久" at the question about updates is answered about the application, and the question not asked again (fix20f)', async () => {
      const h = await withCase();
      await h.sayAs('daughter', '帮家人查进度');
      await h.sayAs('daughter', h.record.caseNo);
      expect((await h.sayAs('daughter', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
      const replies = (await h.send('要多久', 'zh-CN', 'daughter')).map((r) => r.text ?? '');
      expect(replies.join('\n')).to.include('大约一个月').and.not.include(s.subscribeAsk);
      expect(await h.family.subscribersOf(h.record.caseNo)).to.deep.equal([]);
    });

    it('right case number and ID tail: masked summary, timeline, and subscription to updates', async () => {
      const h = await withCase();
      expect((await h.sayAs('daughter', '帮家人查进度')).text).to.equal(s.familyAskCaseNo);
      expect((await h.sayAs('daughter', h.record.caseNo)).text).to.equal(s.familyAskId);
      const shown = await h.sayAs('daughter', SAMPLE_ID_NUMBER.slice(-6).toLowerCase());
      expect(shown.text).to.include('王*国').and.include('110***********002X').and.include('139****0000').and.include(s.subscribeAsk);
      expect(shown.text).to.not.include(SAMPLE_ID_NUMBER).and.not.include('王建国');
      expect((await h.sayAs('daughter', '要')).text).to.equal(s.subscribed);
      await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
      await h.useCases.relay.settled();
      const rows = (await h.outbox.list({ caseNo: h.record.caseNo })).filter((r) => r.text !== s.prefixApplicant(h.record.caseNo) + s.notify.familyChecked(false));
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

    it('lets a mistyped ID tail, or case number, be corrected within the same check', async () => {
      const h = await withCase();
      await h.sayAs('daughter', '帮家人查进度');
      await h.sayAs('daughter', h.record.caseNo);
      expect((await h.sayAs('daughter', '000000')).text).to.equal(s.familyMismatch);
      expect((await h.sayAs('daughter', SAMPLE_ID_NUMBER.slice(-6))).text).to.include('王*国').and.include(s.subscribeAsk);
      await h.sayAs('daughter', '不用了');
      // A wrong case number: the person sends the right one, then the tail again.
      await h.sayAs('son', '帮家人查进度');
      await h.sayAs('son', 'YC209901010001');
      expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.equal(s.familyMismatch);
      expect((await h.sayAs('son', h.record.caseNo)).text).to.equal(s.familyAskId);
      expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
    });

    it('counts each retry within one check: the fifth wrong one locks, and then even the right one is refused', async () => {
      const h = await withCase();
      await h.sayAs('stranger', '帮家人查进度');
      await h.sayAs('stranger', h.record.caseNo);
      for (let i = 0; i < 4; i++) expect((await h.sayAs('stranger', `00000${i}`)).text).to.equal(s.familyMismatch);
      expect((await h.sayAs('stranger', '000004')).text).to.equal(s.familyLocked);
      await h.sayAs('stranger', '帮家人查进度');
      await h.sayAs('stranger', h.record.caseNo);
      expect((await h.sayAs('stranger', SAMPLE_ID_NUMBER.slice(-6))).text).to.equal(s.familyLocked);
    });

    const attemptAs = (h: Awaited<ReturnType<typeof withCase>>, who: string) => async (tail: string) => {
      await h.sayAs(who, '查家人的申请');
      await h.sayAs(who, h.record.caseNo);
      return (await h.sayAs(who, tail)).text;
    };
    const RIGHT = SAMPLE_ID_NUMBER.slice(-6);

    it('locks one requester for an hour after 5 failures, audits it, and leaves the family free to check', async () => {
      const h = await withCase();
      const stranger = attemptAs(h, 'stranger');
      for (let i = 0; i < 4; i++) expect(await stranger('000000')).to.equal(s.familyMismatch);
      expect(await stranger('000000')).to.equal(s.familyLocked);
      expect(await stranger(RIGHT)).to.equal(s.familyLocked);
      expect((await h.cases.get(h.record.caseNo))?.audit.map((a) => a.action)).to.include('family-check-locked');
      // One guesser does not lock the case: the real family still gets in.
      expect(await attemptAs(h, 'cousin')(RIGHT)).to.include(s.subscribeAsk);
      await h.sayAs('cousin', '不用了');
      h.clock.advance(61 * 60_000);
      expect(await stranger(RIGHT)).to.include(s.subscribeAsk);
    });

    it('locks the case briefly after 20 failures from many accounts a day, tells the applicant, and never locks the applicant out', async () => {
      const h = await withCase();
      for (let i = 0; i < 19; i++) expect(await attemptAs(h, `guesser${i}`)('000000')).to.equal(s.familyMismatch);
      expect(await attemptAs(h, 'guesser19')('000000')).to.equal(s.familyLocked);
      expect(await attemptAs(h, 'daughter')(RIGHT)).to.equal(s.familyLocked);
      await h.useCases.relay.settled();
      const told = await h.outbox.list({ caseNo: h.record.caseNo });
      expect(told.map((r) => [r.recipient, r.text])).to.deep.equal([['applicant', s.prefixApplicant(h.record.caseNo) + s.notify.familyCheckLocked(15)]]);
      // The applicant, who has proven who they are, checks their own case whatever strangers did.
      expect(await attemptAs(h, 'user1')(RIGHT)).to.include(s.subscribeAsk);
      await h.say('不用了');
      // The lock is short: 15 minutes after the latest failure the family gets in.
      h.clock.advance(15 * 60_000 + 1000);
      expect(await attemptAs(h, 'daughter')(RIGHT)).to.include(s.subscribeAsk);
    });

    it('tells the applicant, once a day per family member, that their case was checked, and audits each check', async () => {
      const h = await withCase();
      expect(await attemptAs(h, 'daughter')(RIGHT)).to.include(s.subscribeAsk);
      await h.sayAs('daughter', '不用了');
      expect(await attemptAs(h, 'daughter')(RIGHT)).to.include(s.subscribeAsk);
      await h.sayAs('daughter', '不用了');
      await h.useCases.relay.settled();
      const told = await h.outbox.list({ caseNo: h.record.caseNo });
      expect(told.map((r) => [r.recipient, r.text])).to.deep.equal([['applicant', s.prefixApplicant(h.record.caseNo) + s.notify.familyChecked(false)]]);
      const audit = (await h.cases.get(h.record.caseNo))!.audit.filter((a) => a.action === 'family-check');
      expect(audit.map((a) => a.by)).to.deep.equal(['chat:test:daughter', 'chat:test:daughter']);
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
    await h.useCases.relay.settled();
    expect(await h.outbox.list({ caseNo: h.record.caseNo })).to.deep.equal([]);
    expect((await h.say('恢复通知')).text).to.equal(s.resubscribed);
    await h.workflow.perform(h.record.caseNo, { action: 'return', by: 'staff:li', note: '照片不清楚' });
    await h.useCases.relay.settled();
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
    await h.useCases.relay.settled();
    expect((await h.outbox.list({ caseNo: h.record.caseNo })).map((r) => r.text)).to.include(s.prefixApplicant(h.record.caseNo) + s.notify.resubmitted);
  });

  it('corrects an address given without a house number: asked once, then resubmitted with the number', async () => {
    const h = await withCase();
    await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(h.record.caseNo, { action: 'return', by: 'staff:li', note: '地址不全', fields: ['address'] });
    expect((await h.send('修改退回的申请')).at(-1)?.text).to.equal(text.application.prompts.address);
    expect((await h.say('示范县人民路')).text).to.equal(text.application.prompts.houseNumber);
    expect((await h.say('8号')).text).to.equal(s.correctDone);
    const updated = await h.cases.get(h.record.caseNo);
    expect(updated?.applicant.address).to.equal('示范县人民路8号');
    expect(updated?.audit.at(-1)).to.deep.include({ action: 'resubmit', note: '更正：address' });
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
