import { expect } from 'chai';
import { appraisalQuestion, recognizeBookingIntent } from '../../dialogs/booking/bookingDialog.js';
import { sexOfKinWord } from '../../dialogs/kinship.js';
import { text } from '../../dialogs/text/index.js';
import { sexOfIdNumber } from '../../data/idNumber.js';
import { newCase, SAMPLE_ID_NUMBER, testIdNumber } from '../fixtures/cases.js';
import { dialogHarness, withCase } from './harness.js';

// fix18c: a relative after a case check, the booked applicant, the call-back's number (each in the trial's words and in others).
const b = text.booking;
const s = text.status;
const h18 = text.handoff;
const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '');
type Harness = Awaited<ReturnType<typeof withCase>>;

/** The relative "son" checks user1's case and declines following it. */
async function checkedBySon(h: Harness) {
  await h.sayAs('son', h.record.caseNo);
  expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
  await h.sayAs('son', '不用了');
}

describe('fix18c', () => {
  describe('1. whether the booking was moved, asked by a relative who checked the case', () => {
    /** user1 books 12月10日上午, then (when `move`) moves it to 12月8日下午; the son checks the case. */
    async function booked(move: boolean) {
      const h = await withCase();
      await h.say('我想预约12月10日上午鉴定');
      await h.say('对');
      if (move) {
        await h.say('帮我改到12月8号下午');
        expect((await h.say('对')).text).to.include(b.rescheduled);
      }
      return h;
    }
    const moved = b.movedTo('12月8日（周二）下午', '示范市人民医院');

    for (const asked of ['俺爹改了时间没 现在是哪天', '时间改了没有', '他改约了吗', '日子换了没', '她是不是改了日子', '评定时间有没有变']) {
      it(`"${asked}": moved, and the day it is on now`, async () => {
        const h = await booked(true);
        await checkedBySon(h);
        expect((await h.sayAs('son', asked)).text).to.equal(moved);
      });
    }

    it('booked once and never moved: not moved, and its day', async () => {
      const h = await booked(false);
      await checkedBySon(h);
      expect((await h.sayAs('son', '俺爹改了时间没 现在是哪天')).text).to.equal(b.notMoved('12月10日（周四）上午', '示范市人民医院'));
    });

    it('the applicant\'s own "我那个评定改了没有" after moving it: the same answer', async () => {
      const h = await booked(true);
      expect((await h.say('我那个评定改了没有')).text).to.equal(moved);
    });

    it('a relative with no case checked here: the family check first', async () => {
      const h = await booked(true);
      expect((await h.sayAs('son', '俺爹改了时间没')).text).to.equal(s.familyCheckFirst);
    });

    it('wishing to change it, or another field changed, is no such question', () => {
      for (const said of ['能改时间吗', '帮我把时间改到下周三', '我要改时间', '可以换个时间不']) expect(recognizeBookingIntent(said), said).to.equal('book');
      for (const said of ['地址改了吗', '电话换了没', '证换了没有', '评定标准变了没有', '出生日期改了没', '鉴定政策是不是改了']) expect(recognizeBookingIntent(said), said).to.equal(undefined);
    });
  });

  describe('2. when the doctor comes for a home appraisal, asked by a relative who checked the case', () => {
    for (const asked of ['医生啥时候上门', '医生什么时候来家里', '大夫哪天上门啊', '上门的医生啥时候来']) {
      it(`"${asked}" in pre-review: registered, the review first, then the hospital phones the number (masked)`, async () => {
        const h = await withCase('pre_review');
        expect(await h.useCases.appointments.requestHome(h.record.caseNo, 'test:user1', '卧床')).to.equal('recorded');
        await checkedBySon(h);
        const said = (await h.sayAs('son', asked)).text!;
        expect(said).to.equal(b.homeAfterReview(h.record.caseNo, s.stageNames.pre_review, '139****0000'));
        expect(said).to.not.include('13900000000');
      });
    }

    it('"医生啥时候上门" past the review: the hospital phones, nothing to book', async () => {
      const h = await withCase();
      await h.useCases.appointments.requestHome(h.record.caseNo, 'test:user1', '卧床');
      await checkedBySon(h);
      expect((await h.sayAs('son', '医生啥时候上门')).text).to.equal(b.homeAwaited('139****0000'));
    });

    it('what else comes home is no doctor\'s visit', () => {
      for (const q of ['证啥时候送上门', '邮寄的证啥时候到家', '补贴啥时候送上门', '上门鉴定要花钱吗']) expect(appraisalQuestion(q), q).to.equal(undefined);
    });

    it('the applicant\'s own "医生啥时候上门" with no home appraisal asked for still asks for it', async () => {
      const h = await withCase();
      expect((await h.say('医生啥时候上门')).text).to.equal(b.homeRecorded('示范市人民医院', '0000-2345678'));
    });
  });

  describe('3. a booked applicant asking the day after another answer is told the day, not asked to book again', () => {
    for (const asked of ['俺那个鉴定是哪天来着 俺忘了', '我那个评定是几号来着', '俺啥时候去评定']) {
      it(`"${asked}"`, async () => {
        const h = await withCase();
        await h.say('我想预约12月10日上午鉴定');
        await h.say('对');
        await h.say('护理补贴怎么申请');
        const said = texts(await h.send(asked)).join('\n');
        expect(said).to.equal(b.bookedOn('示范市人民医院12月10日（周四）上午'));
        // No booking left open: the next question is answered alone, no step asked after it.
        expect(texts(await h.send('残疾证有啥用')).join('\n')).to.not.include(b.askWhen);
      });
    }
  });

  describe('4. out of hours, the call-back\'s number confirmed in the person\'s words', () => {
    for (const said of ['就打俺刚才填的那个号', '就打这个号吧', '这个号码就行', '打这个就可以']) {
      it(`"${said}" after the bot named the case's number: that number stands`, async () => {
        const h = await withCase();
        h.desk.agentsOnDuty = 0;
        expect((await h.say('俺要找个真人说话')).text).to.equal(h18.nobodyCallback('139****0000'));
        expect((await h.say(said)).text).to.equal(h18.sameNumberKept);
        expect(await h.calls.list({ followUp: 'pending' })).to.have.length(1);
      });
    }

    it('asked in the middle of the form: the phone just filled in is used, not asked for; "就打那个号" confirmed, the step asked again', async () => {
      const h = await dialogHarness();
      h.desk.agentsOnDuty = 0;
      for (const input of ['我要办残疾证', '同意', '给我自己', '选好了', '王建国', '11010519491231002X', '13812346653']) await h.say(input);
      expect(texts(await h.send('俺要找个真人说话'))[0]).to.equal(h18.nobodyCallback('138****6653'));
      expect((await h.calls.list({ followUp: 'pending' }))[0]).to.deep.include({ callerPhone: '13812346653' });
      const replies = texts(await h.send('就打俺刚才填的那个号'));
      expect(replies[0]).to.equal(h18.sameNumberKept);
      expect(replies.at(-1)).to.equal(text.application.prompts.hukou);
    });

    it('with no number known yet, "就打刚才那个号" is asked for the number again, nothing booked', async () => {
      const h = await dialogHarness();
      h.desk.agentsOnDuty = 0;
      expect((await h.say('找人工')).text).to.equal(h18.nobodyAskPhone);
      expect((await h.say('就打刚才那个号')).text).to.equal(h18.askPhoneAgain);
      expect(await h.calls.list({ followUp: 'pending' })).to.have.length(0);
    });

    it('"就打这个号" with no call-back booked is no confirmation of one', async () => {
      const h = await withCase();
      // What it is instead (review 12 #14): a message read as nothing asked of the bot, and no call-back booked.
      expect((await h.say('就打这个号吧')).text).to.equal(text.notFound(h.region.hotlines));
      expect(await h.calls.list({ followUp: 'pending' })).to.have.length(0);
    });
  });

  describe('6. a relative\'s case number forgotten, from someone who filed a case for another relative', () => {
    /** user1 filed a case for their father (a man's ID number: its 17th character odd). */
    async function filedForFather() {
      const h = await dialogHarness();
      const father = newCase({ submittedBy: { role: 'proxy', relation: '子女', userKey: 'test:user1' }, applicant: { idNumber: testIdNumber(11) }, stage: 'pre_review' });
      const record = await h.cases.create(father, h.clock.now());
      return { ...h, record };
    }

    for (const said of ['我妈的案件号忘了', '俺娘那个案件号找不着了']) {
      it(`"${said}": the mother's check, not the father's case`, async () => {
        const h = await filedForFather();
        const all = texts(await h.send(said)).join('\n');
        expect(all).to.include(s.familyAskCaseNo).and.not.include(`案件 ${h.record.caseNo}`);
      });
    }

    it('reads whether a kin word is a woman or a man, and an ID number\'s holder', () => {
      expect(['妈', '娘', '外婆', '姥姥', '孙女', '老婆'].map(sexOfKinWord)).to.deep.equal(Array(6).fill('female'));
      expect(['爹', '爸', '外公', '姥爷', '孙子', '女婿'].map(sexOfKinWord)).to.deep.equal(Array(6).fill('male'));
      expect(['父母', '老伴', '孩子', '舅妈'].map(sexOfKinWord)).to.deep.equal(Array(4).fill(undefined));
      expect([testIdNumber(11), SAMPLE_ID_NUMBER, '123'].map(sexOfIdNumber)).to.deep.equal(['male', 'female', undefined]);
    });

    for (const said of ['俺爹的案件号忘了', '他的案件号找不到了']) {
      it(`"${said}": the case filed for him, no number needed`, async () => {
        const h = await filedForFather();
        expect(texts(await h.send(said)).join('\n')).to.include(`案件 ${h.record.caseNo}`);
      });
    }
  });
});
