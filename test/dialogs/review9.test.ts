import { expect } from 'chai';
import { appraisalQuestion, recognizeBookingIntent } from '../../dialogs/booking/bookingDialog.js';
import { text } from '../../dialogs/text/index.js';
import { SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { dialogHarness, homeRequested, run, withCase } from './harness.js';

// The review of issue 9's merged change: one case (or table) per finding, in its order.
const t = text.application;
const s = text.status;
const b = text.booking;
const h9 = text.handoff;
const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '');
const DAY = 24 * 60 * 60_000;

type Harness = Awaited<ReturnType<typeof dialogHarness>>;

/** A home appraisal asked for, and now "约个鉴定": whether the home visit still stands is asked. */
async function homeAsked() {
  const h = await homeRequested();
  expect(texts(await h.send('给俺娘约个鉴定'))).to.deep.equal([b.homeStillWanted]);
  return h;
}

/** The relative "son" has checked the case of `withCase` and declined the notices. */
async function sonChecked(h: Awaited<ReturnType<typeof withCase>>) {
  await h.sayAs('son', '帮我爹查一下办到哪一步了');
  await h.sayAs('son', h.record.caseNo);
  expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
  await h.sayAs('son', '不用了');
}

/** The applicant (user1) books next Tuesday morning. */
async function applicantBooks(h: Harness, caseNo: string) {
  await h.say('我想预约下周二上午鉴定');
  await h.say('对');
  expect(await h.slots.activeBookingOf(caseNo)).to.not.equal(undefined);
}

describe('review 9: the findings on the merged change', () => {
  describe('1. at "还要上门吗", a hospital out of reach keeps the home appraisal', () => {
    for (const said of ['她不能去医院', '没法去医院', '去医院太远了', '不能自己去']) {
      it(`"${said}" keeps it and books nothing`, async () => {
        const h = await homeAsked();
        expect(texts(await h.send(said))).to.deep.equal([b.homeKept]);
        expect((await h.cases.get(h.caseNo))!.homeAppraisal).to.not.equal(undefined);
        expect(await h.slots.activeBookingOf(h.caseNo)).to.equal(undefined);
      });
    }

    it('"能去医院" still withdraws it', async () => {
      const h = await homeAsked();
      expect(texts(await h.send('能去医院'))).to.deep.equal([b.homeWithdrawn, b.askWhen]);
    });
  });

  describe('2. what comes after the appraisal is no question of its day', () => {
    for (const said of ['鉴定结果啥时候出来', '鉴定完了什么时候发证', '鉴定费什么时候交']) {
      it(`"${said}" neither asks the applicant for a day nor tells a relative who books`, async () => {
        expect(appraisalQuestion(said)).to.equal(undefined);
        expect(recognizeBookingIntent(said)).to.equal(undefined);
        const h = await withCase();
        expect(texts(await h.send(said)).join('\n')).to.not.include(b.askWhen);
        await sonChecked(h);
        expect((await h.sayAs('son', said)).text).to.not.equal(b.onlyApplicantBooksCase(h.record.caseNo));
      });
    }

    it('"她啥时候去鉴定" is still the day', () => expect(appraisalQuestion('她啥时候去鉴定')).to.equal('when'));
  });

  describe('3. only someone who says they cannot phone is kept off the phone', () => {
    it('"孩子不会说话 没法跟人讲话 能评言语残疾吗" is a question, no hand-off', async () => {
      const h = await dialogHarness();
      await h.say('孩子不会说话 没法跟人讲话 能评言语残疾吗');
      expect(await h.handoffStore.list({ status: ['queued', 'callback'] })).to.have.length(0);
    });

    it('a relative who said "我爸耳朵听不见" is offered a call-back out of hours, not the typed queue', async () => {
      const h = await dialogHarness();
      h.desk.agentsOnDuty = 0;
      await h.say('我爸耳朵听不见 能办证吗');
      expect((await h.say('转人工')).text).to.equal(h9.nobodyAskPhone);
    });
  });

  describe('4. the grade at the items', () => {
    it('says only the care allowance goes by the grade (the living allowance goes by 低保)', () => {
      expect(t.itemsGradeLater).to.include('护理补贴看等级').and.not.include('生活补贴');
    });

    for (const said of ['证上写的等级是二级', '级别评低了想重新评']) {
      it(`"${said}" is not told the grade need not be known`, async () => {
        const h = await run([['我要申请', t.consent], ['同意', t.prompts.role], ['替家人或被监护人', t.prompts.relation], ['子女', t.prompts.items]]);
        expect(texts(await h.send(said)).join('\n')).to.not.include('不用知道几级');
      });
    }
  });

  describe('5. a relative asking the booked day is not told how to change it', () => {
    it('"约的哪天" and "几点去" say the day and who changes it', async () => {
      const h = await withCase();
      await applicantBooks(h, h.record.caseNo);
      await sonChecked(h);
      const when = '示范市人民医院11月24日（周二）上午';
      expect((await h.sayAs('son', '约的哪天')).text).to.equal(b.caseBookedOn(when));
      expect((await h.sayAs('son', '几点去')).text).to.include(b.caseBookedOn(when)).and.not.include(b.bookedOn(when));
    });

    it('"约的哪天" with nothing booked says there is none and who books, not "说预约鉴定"', async () => {
      const h = await withCase();
      await sonChecked(h);
      expect((await h.sayAs('son', '约的哪天')).text).to.equal(b.caseNotBooked(h.record.caseNo));
    });
  });

  it('6. a relative\'s check holds that day only: the next day, the day booked needs the ID tail again', async () => {
    const h = await withCase();
    await sonChecked(h);
    h.clock.advance(DAY);
    await applicantBooks(h, h.record.caseNo);
    const asked = (await h.sayAs('son', '她啥时候去鉴定')).text!;
    expect(asked).to.equal(s.familyAskIdFor(h.record.caseNo));
    expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
    await h.sayAs('son', '不用了');
    expect((await h.sayAs('son', '她啥时候去鉴定')).text).to.equal(b.caseBookedOn('示范市人民医院11月24日（周二）上午'));
  });

  describe('7. the home request withdrawn while "还要上门吗" waits', () => {
    it('withdrawn meanwhile: the booking goes on without saying it was withdrawn now', async () => {
      const h = await homeAsked();
      expect(await h.useCases.appointments.cancelHome(h.caseNo, 'test:user1')).to.equal(true);
      expect(texts(await h.send('能去医院'))).to.deep.equal([b.askWhen]);
    });

    it('the appraisal recorded meanwhile: nothing is booked', async () => {
      const h = await homeAsked();
      await h.workflow.perform(h.caseNo, { action: 'record_appraisal', by: 'staff:li', category: '肢体', grade: '二级' });
      expect(texts(await h.send('能去医院'))).to.deep.equal([b.homeNotNow]);
      expect(await h.slots.activeBookingOf(h.caseNo)).to.equal(undefined);
    });
  });

  it('8. a call-back waiting for a phone, the desk now open: "我是聋人" is told its place in the queue', async () => {
    const h = await dialogHarness();
    h.desk.agentsOnDuty = 0;
    expect((await h.say('转人工')).text).to.equal(h9.nobodyAskPhone);
    h.desk.agentsOnDuty = 1;
    expect((await h.say('我是聋人 打不了电话')).text).to.equal(h9.queued(0, 4));
  });

  it('9. a case number and a whole ID number in one message need no tail asked', async () => {
    const h = await withCase();
    expect((await h.sayAs('son', '帮我爹查一下办到哪一步了')).text).to.equal(s.familyAskCaseNo);
    expect((await h.sayAs('son', `案件号${h.record.caseNo} 身份证号${SAMPLE_ID_NUMBER}`)).text).to.include(s.subscribeAsk);
  });
});
