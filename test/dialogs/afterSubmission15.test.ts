import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER, testIdNumber } from '../fixtures/cases.js';
import { applyOnline, dialogHarness, withCase } from './harness.js';

// The trial's faults around a submitted case (fix15b): each in the trial's words and in others.
const b = text.booking;
const s = text.status;
const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '');

describe('around a submitted case (fix15b)', () => {
  describe('a relative asking the day of the appraisal: of their case, never the speaker\'s own', () => {
    /** user1's case booked for 11月24日 上午; "son" has a case of his own, booked on another day. */
    async function sonWithOwnBooking() {
      const h = await withCase();
      await h.say('我想预约下周二上午鉴定');
      await h.say('对');
      const own = await h.cases.create(
        newCase({ submittedBy: { role: 'self', userKey: 'test:son' }, applicant: { idNumber: testIdNumber(5) }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage: 'appraisal_scheduled' }),
        h.clock.now(),
      );
      const slot = (await h.slots.list({ freeOnly: true })).find((x) => x.date !== '2026-11-24')!;
      expect(await h.useCases.appointments.book(own.caseNo, slot.id, { userKey: 'test:son', category: '肢体' })).to.deep.include({ ok: true });
      return h;
    }
    const fathers = b.caseBookedOn('示范市人民医院11月24日（周二）上午');

    for (const asked of ['俺爹的鉴定约的哪天', '我妈的评定约在几号了', '她约的是哪天啊', '俺娘订的哪天去鉴定', '我老伴约的评定是几号', '俺爹啥时候去鉴定来着']) {
      it(`"${asked}" with no case checked: the family check first, not the speaker's booking`, async () => {
        const h = await sonWithOwnBooking();
        expect((await h.sayAs('son', asked)).text).to.equal(s.familyCheckFirst);
        expect((await h.sayAs('son', h.record.caseNo)).text).to.equal(s.familyAskId);
        expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
      });
    }

    for (const asked of ['他定的是哪天来着', '俺爹约的几号', '他排在哪天了', '她订的是几号']) {
      it(`"${asked}" after the check showed the case: that case's day`, async () => {
        const h = await sonWithOwnBooking();
        await h.sayAs('son', h.record.caseNo);
        await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6));
        await h.sayAs('son', '不用了');
        expect((await h.sayAs('son', asked)).text).to.equal(fathers);
      });
    }

    it('the speaker\'s own words about the day still answer of their own booking', async () => {
      const h = await sonWithOwnBooking();
      await h.sayAs('son', h.record.caseNo);
      await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6));
      await h.sayAs('son', '不用了');
      expect((await h.sayAs('son', '我约的哪天')).text).to.match(/^您约的是/).and.not.include('11月24日');
    });

    it('whoever filed the case for the relative is answered from it, no check', async () => {
      const h = await dialogHarness();
      const filed = await h.cases.create(newCase({ submittedBy: { role: 'proxy', relation: '子女', userKey: 'test:user1' }, stage: 'appraisal_scheduled' }), h.clock.now());
      await h.say('帮我爹预约下周二上午的鉴定');
      await h.say('对');
      expect(await h.slots.activeBookingOf(filed.caseNo)).to.not.equal(undefined);
      expect((await h.say('俺爹的鉴定约的哪天')).text).to.equal(b.bookedOn('示范市人民医院11月24日（周二）上午'));
    });
  });

  describe('the home appraisal asked after submission is registered on the case', () => {
    for (const asked of ['能让医生上家里来鉴定不', '鉴定能不能在家里做', '俺走不了路 能在家鉴定吗', '评残可以到家里来做不']) {
      it(`"${asked}" on a case before its appraisal: recorded through the case's use case, and what happens next said`, async () => {
        const h = await withCase('pre_review');
        expect((await h.say(asked)).text).to.equal(b.homeRecorded('示范市人民医院', '0000-2345678'));
        const record = (await h.cases.get(h.record.caseNo))!;
        expect(record.homeAppraisal).to.not.equal(undefined);
        expect(record.audit.map((e) => e.action)).to.include('home-appraisal-request');
      });

      it(`"${asked}" on a case past its appraisal: said plainly that it is too late, nothing recorded`, async () => {
        const h = await withCase('appraised');
        expect((await h.say(asked)).text).to.equal(b.homeNotNow);
        expect((await h.cases.get(h.record.caseNo))!.homeAppraisal).to.equal(undefined);
      });
    }

    it('a case appraised after its hospital booking: too late, not "cancel the booking first"', async () => {
      const h = await withCase();
      await h.say('我想预约下周二上午鉴定');
      await h.say('对');
      expect(await h.workflow.perform(h.record.caseNo, { action: 'record_appraisal', by: 'staff:li', category: '肢体', grade: '三级' })).to.deep.include({ ok: true });
      expect((await h.say('医生能上门来给我评残不')).text).to.equal(b.homeNotNow);
      expect((await h.cases.get(h.record.caseNo))!.homeAppraisal).to.equal(undefined);
    });

    it('right after an online submission, at the materials step: "评定能在家里做吗" is recorded too', async () => {
      const h = await dialogHarness();
      const { caseNo } = await applyOnline(h);
      expect(texts(await h.send('评定能在家里做吗')).at(-1)).to.equal(b.homeRecorded('示范市人民医院', '0000-2345678'));
      expect((await h.cases.get(caseNo))!.homeAppraisal).to.not.equal(undefined);
    });
  });

  describe('a forgotten case number as the first message starts the status check', () => {
    for (const [said, help] of [
      ['案件号不记得了', s.caseNoAnswers.where],
      ['案件号忘了 想查进度', s.caseNoAnswers.where],
      ['受理号找不到了 咋查进度啊', s.caseNoAnswers.none],
      ['申请号想不起来了', s.caseNoAnswers.where],
      ['那个案件号俺没记住', s.caseNoAnswers.where],
      ['我没有案件号', s.caseNoAnswers.none],
    ] as const) {
      it(`"${said}" from someone with no case here: where the number is, then the check goes on`, async () => {
        const h = await withCase();
        expect(texts(await h.send(said, 'zh-CN', 'daughter'))).to.deep.equal([help, s.familyAskCaseNo]);
        expect((await h.sayAs('daughter', h.record.caseNo)).text).to.equal(s.familyAskId);
        expect((await h.sayAs('daughter', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
      });

      it(`"${said}" from the applicant: their cases at once, no number needed`, async () => {
        const h = await withCase();
        const reply = (await h.say(said)).text!;
        expect(reply).to.match(new RegExp(`^${s.noNumberNeeded}`)).and.include(h.record.caseNo);
      });
    }

    for (const said of ['案件号是什么', '残疾证编号忘了', '快递单号找不到了']) {
      it(`"${said}" is no forgotten case number, and starts no check`, async () => {
        const h = await dialogHarness();
        expect(texts(await h.send(said))).to.not.include(s.familyAskCaseNo);
      });
    }
  });
});
