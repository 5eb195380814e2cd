import { expect } from 'chai';
import { recognizeBookingIntent } from '../../dialogs/booking/bookingDialog.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness } from './harness.js';

const t = text.booking;
// The harness clock: Friday 2026-11-20, 10:00 Beijing. The people's hospital (肢体, 听力, 视力,
// 言语) sees appraisals Tuesday morning and afternoon and Thursday morning.

/** A harness whose chat user already has a submitted case needing an appraisal. */
async function withCase(category: '肢体' | '智力' = '肢体') {
  const h = await dialogHarness();
  const record = await h.cases.create(
    newCase({
      submittedBy: { role: 'self', userKey: 'test:user1' },
      applicant: { category },
      items: [{ id: 'cert-new', department: '残联', status: 'submitted' }],
      stage: 'appraisal_scheduled',
    }),
    h.clock.now(),
  );
  return { ...h, record };
}

describe('BookingDialog', () => {
  it('books the requested session at the hospital for the category after "对", and records it on the case', async () => {
    const h = await withCase();
    const asked = await h.say('我想预约下周二上午鉴定');
    expect(asked.text).to.equal(t.confirmWhen('11月24日（周二）上午'));
    expect(buttons(asked)).to.deep.equal(t.confirmButtons);
    expect(await h.slots.activeBookingOf(h.record.caseNo)).to.equal(undefined);
    const reply = await h.say('对');
    expect(reply.text).to.include('约好了：11月24日（周二）上午').and.include('示范市人民医院').and.include('示范市健康路1号').and.include('要带');
    const booking = await h.slots.activeBookingOf(h.record.caseNo);
    expect(booking?.slotId).to.equal('people:2026-11-24:am');
    const updated = await h.cases.get(h.record.caseNo);
    expect(updated?.appointment).to.include({ slotId: 'people:2026-11-24:am', remindOn: '2026-11-23' });
    expect(updated?.audit.at(-1)?.action).to.equal('appointment-book');
  });

  it('sends 智力 and 精神 to the mental health hospital', async () => {
    const h = await withCase('智力');
    expect((await h.say('预约12月2号鉴定')).text).to.equal(t.confirmWhen('12月2日（周三）上午'));
    const reply = await h.say('是');
    expect(reply.text).to.include('示范市安定医院').and.include('12月2日（周三）上午');
  });

  it('asks for a day when none was said, and takes "最早什么时候" as the earliest places', async () => {
    const h = await withCase();
    expect((await h.say('预约鉴定')).text).to.equal(t.askWhen);
    const offer = await h.say('最早什么时候');
    expect(offer.text).to.equal(t.offer);
    expect(buttons(offer)).to.deep.equal(['11月24日（周二）上午', '11月24日（周二）下午', '11月26日（周四）上午']);
    expect((await h.say('第三个')).text).to.include('约好了：11月26日（周四）上午');
  });

  const explained: [string, string, string[]][] = [
    ['预约下周三上午', t.noSessionThatDay('11月25日（周三）', '示范市人民医院'), ['11月24日（周二）上午', '11月24日（周二）下午', '11月26日（周四）上午']],
    ['预约这周四', t.past, ['11月24日（周二）上午', '11月24日（周二）下午', '11月26日（周四）上午']],
    ['预约明年3月1号', t.tooFar(4), ['11月24日（周二）上午', '11月24日（周二）下午', '11月26日（周四）上午']],
    ['预约明天', t.noSessionThatDay('11月21日（周六）', '示范市人民医院'), ['11月24日（周二）上午', '11月24日（周二）下午', '11月26日（周四）上午']],
  ];
  for (const [input, note, offered] of explained) {
    it(`"${input}" is explained and the nearest free sessions offered`, async () => {
      const h = await withCase();
      const reply = await h.say(input);
      expect(reply.text).to.equal(note + t.offer);
      expect(buttons(reply)).to.deep.equal(offered);
    });
  }

  it('explains a public holiday', async () => {
    const h = await withCase('智力');
    // 2027-01-01 is a holiday in the demo calendar (a Friday: the mental hospital's day).
    h.clock.advance(20 * 86_400_000);
    const reply = await h.say('预约元旦');
    expect(reply.text).to.equal(t.holiday('1月1日（周五）') + t.offer);
  });

  it('offers the three nearest free sessions when the requested one is full, and never overbooks', async () => {
    const h = await withCase();
    await h.slots.ensureSlots([{ hospitalId: 'people', date: '2026-12-01', part: 'am', capacity: 6 }]);
    await h.slots.update('people:2026-12-01:am', { capacity: 1 });
    const other = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:someone' } }), h.clock.now());
    expect((await h.slots.reserve('people:2026-12-01:am', { caseNo: other.caseNo, userKey: 'test:someone', category: '肢体' }, h.clock.now())).ok).to.equal(true);
    const reply = await h.say('预约12月1号上午');
    expect(reply.text).to.equal(t.full('12月1日（周二）') + t.offer);
    expect(buttons(reply)).to.deep.equal(['11月26日（周四）上午', '12月1日（周二）下午', '12月3日（周四）上午']);
    expect((await h.slots.get('people:2026-12-01:am'))?.booked).to.equal(1);
  });

  it('reschedules: the new place is taken and the old one freed', async () => {
    const h = await withCase();
    await h.say('预约下周二上午');
    await h.say('对');
    // Said back as a move, so the person knows the existing booking changes.
    expect((await h.say('帮我改到12月1号下午')).text).to.equal('改到12月1日（周二）下午，对吗？');
    expect((await h.slots.get('people:2026-12-01:pm'))?.booked).to.equal(0);
    // A different date said at the confirmation is a move too.
    expect((await h.say('不是，12月3号上午')).text).to.equal(t.confirmMove('12月3日（周四）上午'));
    expect((await h.say('不对')).text).to.equal(t.askWhen);
    expect((await h.say('12月1号下午')).text).to.equal(t.confirmMove('12月1日（周二）下午'));
    const reply = await h.say('可以');
    expect(reply.text).to.include(t.rescheduled).and.include('12月1日（周二）下午');
    expect((await h.slots.get('people:2026-11-24:am'))?.booked).to.equal(0);
    expect((await h.slots.get('people:2026-12-01:pm'))?.booked).to.equal(1);
    expect((await h.cases.get(h.record.caseNo))?.audit.at(-1)?.action).to.equal('appointment-reschedule');
  });

  it('cancels after confirmation and frees the place at once', async () => {
    const h = await withCase();
    await h.say('预约下周二上午');
    await h.say('对');
    expect((await h.say('取消预约')).text).to.equal(t.cancelConfirm('示范市人民医院11月24日（周二）上午'));
    expect((await h.say('不取消')).text).to.equal(t.kept);
    await h.say('取消预约');
    expect((await h.say('确定取消')).text).to.equal(t.cancelled);
    expect((await h.slots.get('people:2026-11-24:am'))?.booked).to.equal(0);
    expect((await h.cases.get(h.record.caseNo))?.appointment).to.equal(undefined);
  });

  it('says back "下下周二下午" as the exact date against the clock before booking it', async () => {
    const h = await withCase();
    const asked = await h.say('预约下下周二下午');
    expect(asked.text).to.equal('12月1日（周二）下午，对吗？');
    expect((await h.say('1')).text).to.include('约好了：12月1日（周二）下午');
    expect((await h.slots.activeBookingOf(h.record.caseNo))?.slotId).to.equal('people:2026-12-01:pm');
  });

  it('"不对" asks for the date again, and the next date is confirmed in turn', async () => {
    const h = await withCase();
    await h.say('预约下周二上午');
    expect((await h.say('不对')).text).to.equal(t.askWhen);
    expect((await h.say('12月3号上午')).text).to.equal(t.confirmWhen('12月3日（周四）上午'));
    expect((await h.say('对')).text).to.include('约好了：12月3日（周四）上午');
    expect((await h.slots.get('people:2026-11-24:am'))?.booked).to.equal(0);
  });

  it('takes a new date said at the confirmation as the new wish, and confirms that one', async () => {
    const h = await withCase();
    await h.say('预约下周二上午');
    expect((await h.say('不是，下周四上午')).text).to.equal(t.confirmWhen('11月26日（周四）上午'));
    expect((await h.say('对的')).text).to.include('约好了：11月26日（周四）上午');
  });

  it('answers a question asked at the confirmation and asks the confirmation again', async () => {
    const h = await withCase();
    await h.say('预约下周二上午');
    const replies = await h.send('公示要几天');
    expect(replies.map((r) => r.text).join('\n')).to.include('5个工作日');
    expect(replies.at(-1)?.text).to.include(t.confirmWhen('11月24日（周二）上午'));
    expect(buttons(replies.at(-1)!)).to.deep.equal(t.confirmButtons);
    expect(await h.slots.activeBookingOf(h.record.caseNo)).to.equal(undefined);
    expect((await h.say('对')).text).to.include('约好了：11月24日（周二）上午');
  });

  it('records a home appraisal request for the hospital', async () => {
    const h = await withCase();
    const reply = await h.say('我妈瘫在床上，我要申请上门鉴定');
    expect(reply.text).to.equal(t.homeRecorded('示范市人民医院', '0000-2345678'));
    const updated = await h.cases.get(h.record.caseNo);
    expect(updated?.homeAppraisal?.reason).to.include('上门');
    expect(updated?.audit.at(-1)?.action).to.equal('home-appraisal-request');
    expect((await h.say('我要申请上门鉴定')).text).to.equal(t.homeAlready);
  });

  it('tells someone without a case when they could be appraised', async () => {
    const h = await dialogHarness();
    expect((await h.say('最早什么时候能做鉴定')).text).to.include(t.askCategory);
    const reply = await h.say('听力');
    // The preface (apply first) came with the category question: the times come alone.
    expect(reply.text).to.equal(t.earliestInfo('示范市人民医院', '11月24日（周二）上午、11月24日（周二）下午、11月26日（周四）上午'));
  });

  it('waits for pre-review to pass before booking, and says when the applicant could go', async () => {
    const h = await dialogHarness();
    await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, stage: 'pre_review' }), h.clock.now());
    const reply = await h.say('预约下周二上午');
    expect(reply.text).to.equal(`${t.afterPreReview}\n${t.earliestInfo('示范市人民医院', '11月24日（周二）上午、11月24日（周二）下午、11月26日（周四）上午')}`);
    expect(await h.slots.list({ freeOnly: false })).to.satisfy((slots: { booked: number }[]) => slots.every((sl) => sl.booked === 0));
  });

  it('reads a date said after that refusal as another booking request, never as an unanswered question', async () => {
    const h = await dialogHarness();
    await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, stage: 'pre_review' }), h.clock.now());
    await h.say('预约下周二上午');
    // The day asked is answered from the free times; that they cannot be booked yet was said with the first times, once.
    const first = await h.say('下周三上午可以吗');
    expect(first.text).to.equal(`${t.noSessionThatDay('11月25日（周三）', '示范市人民医院')}${t.nearestFree('11月24日（周二）上午、11月26日（周四）上午、12月1日（周二）上午')}`);
    expect(buttons(first)).to.deep.equal([]);
    expect((await h.say('那12月1号呢')).text).to.equal(t.freeThatDay('12月1日（周二）上午、12月1日（周二）下午'));
    expect(await h.unanswered.list(10)).to.have.length(0);
  });

  it('says there is nothing to cancel when nothing is booked', async () => {
    const h = await withCase();
    expect((await h.say('取消预约')).text).to.equal(t.noBooking);
  });
});

describe('booking intents', () => {
  const table: [string, string | undefined][] = [
    ['我想预约鉴定', 'book'],
    ['下周三上午预约评定', 'book'],
    ['最早什么时候能鉴定', 'book'],
    ['帮我改到12月1号下午', 'book'],
    ['取消预约', 'cancel'],
    ['我要申请上门鉴定', 'home'],
    ['能上门鉴定吗', undefined],
    // A question with the spoken yes/no ending asks, it books nothing (blind s11/s12).
    ['评残医生能上门不', undefined],
    ['怎么预约鉴定', undefined],
    ['鉴定要提前预约吗', undefined],
    ['用不用预约', undefined],
    ['鉴定要多久', undefined],
    ['残疾证怎么办', undefined],
    // Another of the hospital's bookings, the appraisal not named (dev20 through the endpoints).
    ['来电人咨询市人民医院体检中心预约电话', undefined],
    ['想预约个专家号看看腿', undefined],
    ['预约门诊挂号', undefined],
    ['体检完了想预约鉴定', 'book'],
  ];
  for (const [input, expected] of table) it(`"${input}" -> ${expected}`, () => expect(recognizeBookingIntent(input)).to.equal(expected));
});
