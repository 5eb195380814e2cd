import { expect } from 'chai';
import { recognizeBookingIntent } from '../../dialogs/booking/bookingDialog.js';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { dialogHarness, returnedCase, withCase } from './harness.js';

// Review 11 and trial 16's routing faults, each in the reviewer's words and in others.
const b = text.booking;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const texts = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text ?? '');

describe('review 11: routing around cases, booking and personal data', () => {
  describe('1. a question about the home appraisal is answered, never registered as one', () => {
    for (const asked of ['在家评残要花钱吗', '医生上门鉴定收费不', '什么人能在家鉴定', '在家鉴定的话要准备啥', '评残能在家做吗 得符合啥条件']) {
      it(`"${asked}" from someone whose appraisal is ahead: no home appraisal on the case`, async () => {
        const h = await withCase('appraisal_scheduled');
        expect((await texts(h, asked)).join('\n')).to.not.include(b.homeRecorded('示范市人民医院', '0000-2345678'));
        expect((await h.cases.get(h.record.caseNo))!.homeAppraisal).to.equal(undefined);
      });
    }

    it('"俺走不了路 能在家鉴定吗" still asks for it', async () => {
      const h = await withCase('pre_review');
      expect((await h.say('俺走不了路 能在家鉴定吗')).text).to.equal(b.homeRecorded('示范市人民医院', '0000-2345678'));
    });
  });

  describe('2. the times browsed while in review: once pre-review passes, the day asked is booked', () => {
    for (const [first, day] of [['预约鉴定', '约11月24日上午'], ['最早啥时候能鉴定', '11月24号上午行不']] as const) {
      it(`"${first}" in review, review passed, then "${day}": the booking's confirmation, then booked`, async () => {
        const h = await withCase('submitted');
        expect((await h.say(first)).text).to.include(b.afterPreReview);
        await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
        await h.workflow.perform(h.record.caseNo, { action: 'pass_review', by: 'staff:li' });
        expect((await h.say(day)).text).to.equal(b.confirmWhen('11月24日（周二）上午'));
        await h.say('对');
        expect((await h.slots.activeBookingOf(h.record.caseNo))?.slotId).to.equal('people:2026-11-24:am');
      });
    }

    it('"预约鉴定" again after the review passed asks the day, not "还在预审"', async () => {
      const h = await withCase('pre_review');
      await h.say('预约鉴定');
      await h.workflow.perform(h.record.caseNo, { action: 'pass_review', by: 'staff:li' });
      expect((await h.say('预约鉴定')).text).to.equal(b.askWhen);
    });

    it('still in review, a day asked is answered from the times, nothing booked', async () => {
      const h = await withCase('pre_review');
      await h.say('预约鉴定');
      expect((await h.say('约11月24日上午')).text).to.include(b.freeThatDay('11月24日（周二）上午'));
      expect(await h.slots.activeBookingOf(h.record.caseNo)).to.equal(undefined);
    });
  });

  describe('3. the speaker\'s own booking day, a relative named elsewhere in the message', () => {
    for (const asked of ['我约的哪天 我儿子要陪我去', '帮我看看我约的是几号 我闺女要请假', '俺老伴说要陪俺去，俺约的是哪天来着']) {
      it(`"${asked}" with a case of one's own: the own day, no family check`, async () => {
        const h = await withCase('appraisal_scheduled');
        await h.say('预约鉴定');
        await h.say('下周二上午');
        await h.say('对');
        expect((await h.say(asked)).text).to.equal(b.bookedOn('示范市人民医院11月24日（周二）上午'));
      });
    }

    it('"他定的是哪天来着" still asks of someone else: the family check', async () => {
      const h = await withCase('appraisal_scheduled');
      expect((await h.say('他定的是哪天来着')).text).to.equal(text.status.familyCheckFirst);
    });
  });

  describe('7. "鉴定的", "评定的" are the appraisal, not a booking made ("定的")', () => {
    for (const asked of ['鉴定的时间是什么时候', '评定的日子是哪天', '定在几号比较好']) {
      it(`"${asked}" is not "which day did I book"`, () => {
        expect(recognizeBookingIntent(asked)).to.not.equal('which');
      });
    }
    for (const asked of ['他定的是哪天来着', '约在哪天了', '俺娘订好的是几号']) {
      it(`"${asked}" still asks the day booked`, () => {
        expect(recognizeBookingIntent(asked)).to.equal('which');
      });
    }

    it('"鉴定的时间是什么时候" with no case: booking comes after applying, and the category is asked (never "没有评定预约")', async () => {
      const h = await dialogHarness();
      const reply = (await h.say('鉴定的时间是什么时候')).text;
      expect(reply).to.include(b.noCaseYet).and.not.include(b.noBooking);
    });

    it('"评定的时间是啥时候" with a booking: the day booked', async () => {
      const h = await withCase('appraisal_scheduled');
      await h.say('预约鉴定');
      await h.say('下周二上午');
      await h.say('对');
      expect((await h.say('评定的时间是啥时候')).text).to.equal(b.bookedOn('示范市人民医院11月24日（周二）上午'));
    });
  });

  describe('4. "这里能办吗" right after a decline asks of what was declined, not of the form', () => {
    for (const [first, then] of [['身份证丢了怎么补办', '这里能办吗'], ['老年证怎么办', '在这能办吗'], ['我想办个健康证', '你这儿可以办不']] as const) {
      it(`"${first}" then "${then}": the decline again, no fill-here offer, and a yes starts nothing`, async () => {
        const h = await dialogHarness();
        const declined = (await h.say(first)).text;
        expect((await h.say(then)).text).to.equal(declined);
        expect((await h.say('好')).text).to.not.include(text.application.consent);
        expect(await h.drafts.get('test:user1')).to.equal(undefined);
      });
    }

    it('"这能办吗" after "护理补贴谁能领" still offers the form here', async () => {
      const h = await dialogHarness();
      await h.say('护理补贴谁能领');
      expect((await h.say('这能办吗')).text).to.equal(text.application.fillHere);
    });

    it('"这里能办残疾证吗" after the ID card\'s decline names the form: offered', async () => {
      const h = await dialogHarness();
      await h.say('身份证丢了怎么补办');
      expect((await h.say('这里能办残疾证吗')).text).to.equal(text.application.fillHere);
    });
  });

  describe('5. a number said with a question or the ID card\'s errand: the question answered, no look-up', () => {
    for (const said of ['我身份证号110105194912310021 丢了怎么补', '俺身份证11010519491231002X 掉了咋补办', '身份证号码110105194912310021过期了 去哪换']) {
      it(`"${said}": the ID card's decline (派出所), no case number asked`, async () => {
        const h = await dialogHarness();
        const all = (await texts(h, said)).join('\n');
        expect(all).to.include('派出所').and.not.include(text.status.familyAskCaseNo).and.not.include(text.status.familyCheckFirst);
      });
    }

    for (const said of ['身份证 110105194912310021', '我身份证号是11010519491231002X']) {
      it(`"${said}" alone still looks for the case: its number asked`, async () => {
        const h = await dialogHarness();
        expect((await texts(h, said)).at(-1)).to.equal(text.status.familyAskCaseNo);
      });
    }

    for (const said of ['回执丢了还能办吗', '受理号找不到了']) {
      it(`"${said}": never the text about a relative's case`, async () => {
        const h = await dialogHarness();
        const all = (await texts(h, said)).join('\n');
        expect(all).to.not.include(text.status.familyCheckFirst);
        expect(all).to.include(text.status.caseNoAnswers.none.slice(0, 10));
      });
    }
  });

  describe('6. a case sent back for its phone: the new phone typed alone reaches the correction', () => {
    for (const [said, phone] of [['13912345678', '13912345678'], ['新号码 137 0000 1111', '13700001111']] as const) {
      it(`"${said}": the case's phone corrected and resubmitted, no case number asked`, async () => {
        const h = await returnedCase();
        const all = (await texts(h, said)).join('\n');
        expect(all).to.include(text.status.correctDone).and.not.include(text.status.familyAskCaseNo);
        const record = (await h.cases.get(h.caseNo))!;
        expect(record.applicant.phone).to.equal(phone);
        expect(record.stage).to.not.equal('returned');
      });
    }

    it('a phone typed alone by someone with a case in review: that case shown, no case number asked', async () => {
      const h = await withCase('pre_review');
      const all = (await texts(h, '手机 13912345678')).join('\n');
      expect(all).to.include(h.record.caseNo).and.not.include(text.status.familyAskCaseNo);
    });
  });

  describe('trial F5. after a family check showed a case, a question about its subsidy is answered from that case', () => {
    /** user1's case with the care allowance, checked by "son" (who has no case of his own). */
    async function checkedBySon() {
      const h = await dialogHarness();
      const items = [{ id: 'cert-new', department: '残联', status: 'submitted' }, { id: 'care-allowance', department: '民政', status: 'submitted' }] as const;
      const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, items: items.map((i) => ({ ...i })), stage: 'appraisal_scheduled' }), h.clock.now());
      await h.sayAs('son', '帮俺爹查一下他那个残疾证办到哪了');
      await h.sayAs('son', record.caseNo);
      await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6));
      await h.sayAs('son', '不用了');
      return { ...h, record };
    }

    for (const asked of ['他那个护理补贴能批下来不', '护理补贴批了没', '那补贴办得咋样了']) {
      it(`"${asked}": the checked case with its care allowance's state, never "没有查到您在办的申请"`, async () => {
        const h = await checkedBySon();
        const reply = (await h.sayAs('son', asked)).text;
        expect(reply).to.include(h.record.caseNo).and.include('重度残疾人护理补贴');
        expect(reply).to.not.include('没有查到您在办的申请').and.not.include(SAMPLE_ID_NUMBER);
      });
    }

    it('another relative named ("我妈的证办得怎么样了"): the check again, the case shown not reused', async () => {
      const h = await checkedBySon();
      expect((await h.sayAs('son', '我妈的证办得怎么样了')).text).to.equal(text.status.familyAskCaseNo);
    });

    it('a check from an earlier day is not reused: nothing shown without checking again', async () => {
      const h = await checkedBySon();
      h.clock.advance(24 * 3600_000);
      expect((await h.sayAs('son', '护理补贴批了没')).text).to.not.include(h.record.caseNo);
    });
  });

  describe('review 16. a relative\'s case number forgotten, from someone with a case of their own', () => {
    for (const said of ['我妈的案件号忘了', '俺爹那个受理号找不到了']) {
      it(`"${said}": where the number is, and the relative's check; not the speaker's own case`, async () => {
        const h = await withCase('pre_review');
        const all = (await texts(h, said)).join('\n');
        // (The number asked for has an example that is this case's number: the case itself is "案件 YC…：".)
        expect(all).to.not.include(`案件 ${h.record.caseNo}`).and.not.include(text.status.noNumberNeeded);
        expect(all).to.include(text.status.familyAskCaseNo);
      });
    }

    it('"案件号忘了" with no one else named: the own case, no number needed', async () => {
      const h = await withCase('pre_review');
      expect((await texts(h, '案件号忘了')).join('\n')).to.include(`案件 ${h.record.caseNo}`);
    });
  });
});
