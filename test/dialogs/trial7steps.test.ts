import { expect } from 'chai';
import { recognizeBookingIntent } from '../../dialogs/booking/bookingDialog.js';
import { recognizeProgressIntent } from '../../dialogs/status/progressIntent.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock } from '../support.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress } from './harness.js';

// The seventh newcomer trial's faults in the family check, booking, delivery and call-back
// steps: each in the tester's words, and two more wordings of our own.
const s = text.status;
const b = text.booking;
const h = text.handoff;
const t = text.application;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;

/** A harness whose chat user has a case waiting for its appraisal. */
async function withCase(category: '肢体' | '智力' = '肢体'): Promise<Harness & { caseNo: string }> {
  const x = await dialogHarness();
  const record = await x.cases.create(
    newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { category }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage: 'appraisal_scheduled' }),
    x.clock.now(),
  );
  return { ...x, caseNo: record.caseNo };
}

describe('trial 7, item 5: a relative asking how their case is going starts the family check', () => {
  const relatives = [
    // The tester's.
    '我替我爸问 他的残疾证办好没',
    '我替我爸问 残疾证办得咋样了',
    '我是他老伴 想查查他那个证',
    '我那口子的残疾证办到哪了',
    // Ours.
    '替我妈问问 她的证批下来没有',
    '俺是她闺女 想看看她那个证',
    '我家那口子的证办得咋样了',
    '帮她问一下 证办完了吗',
  ];
  for (const said of relatives) {
    it(`"${said}" asks for the case number, not the speaker's own cases nor a policy answer`, async () => {
      const x = await dialogHarness();
      // The speaker has a case of their own: the relative's is still not theirs to see.
      await x.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), x.clock.now());
      expect(recognizeProgressIntent(said)).to.equal('familyCheck');
      expect((await x.say(said)).text).to.equal(s.familyAskCaseNo);
    });
  }

  const notLookUps: [string, 'progress' | undefined][] = [
    ['我的证办好没', 'progress'],
    ['帮我爸问问残疾证怎么办', undefined],
    ['查一下证要带什么', undefined],
    ['其他证件要带吗', undefined],
    ['我想查一下残疾证的有效期', undefined],
    ['这个证好不好办', undefined],
  ];
  for (const [said, expected] of notLookUps) {
    it(`"${said}" -> ${expected ?? 'no look-up'}`, () => expect(recognizeProgressIntent(said)).to.equal(expected));
  }
});

describe('trial 7, item 6: a family member without the case number is told where it is and what else to do', () => {
  for (const said of ['案件号是啥 我不知道', '没有', '我没有案件号', '忘了', '不知道啊', '案件号忘记了', '短信删了']) {
    it(`"${said}" at the case number: where to find it, 12345, and how to stop; then asked again`, async () => {
      const x = await dialogHarness();
      await x.say('帮家人查进度');
      const replies = (await x.send(said)).map((r) => r.text ?? '');
      expect(replies).to.have.length(2);
      expect(replies[0]).to.match(/申请人/).and.include('12345').and.include('取消');
      expect(replies[1]).to.include(s.familyAskCaseNo);
      expect((await x.say('取消')).text).to.equal(text.flow.cancelled);
    });
  }
});

describe('trial 7, item 12: booking', () => {
  for (const said of ['取消预约', '不约了', '那取消这个预约吧']) {
    it(`"${said}" with nothing booked leaves the booking at the day question and at the offered days`, async () => {
      for (const reach of [['预约鉴定'], ['预约鉴定', '最早什么时候']]) {
        const x = await withCase();
        for (const input of reach) await x.say(input);
        expect((await x.say(said)).text, reach.join('>')).to.equal(b.leftUnbooked);
        // Left: a day said now is a new booking, and a question an answer.
        expect((await x.say('公示要几天')).text).to.include('依据');
        expect(await x.slots.activeBookingOf(x.caseNo)).to.equal(undefined);
      }
    });
  }

  it('"取消预约" while moving a booking asks to cancel that booking; "取消" keeps it', async () => {
    const x = await withCase();
    await x.say('预约下周二上午鉴定');
    await x.say('对');
    await x.say('改到下周四');
    const asked = await x.say('取消预约');
    expect(asked.text).to.equal(b.cancelConfirm('示范市人民医院11月24日（周二）上午'));
    expect(buttons(asked)).to.deep.equal(b.cancelButtons);
    expect((await x.say('不取消')).text).to.equal(b.kept);
    expect((await x.slots.activeBookingOf(x.caseNo))?.slotId).to.equal('people:2026-11-24:am');
  });

  for (const [said, category, hospital, day] of [
    ['要带啥', '肢体', '示范市人民医院', '下周二上午'],
    ['那天得准备些什么', '肢体', '示范市人民医院', '下周二上午'],
    ['去医院要带什么东西', '智力', '示范市安定医院', '12月2号'],
  ] as const) {
    it(`"${said}" at the confirmation answers what to bring to the ${category} appraisal, then asks again`, async () => {
      const x = await withCase(category);
      const confirm = (await x.say(`预约${day}鉴定`)).text!;
      expect(confirm).to.match(/对吗/);
      const replies = await x.send(said);
      const hospitalRecord = x.region.hospitals.find((hs) => hs.name === hospital)!;
      expect(replies[0].text).to.equal(b.bring(hospital, hospitalRecord.bring[category]!));
      // Not the application's materials list.
      expect(replies[0].text).to.not.include('彩照');
      expect(replies.at(-1)!.text).to.include(confirm);
    });
  }

  it('what to bring for another errand ("办护理补贴要带什么") is the knowledge base\'s answer, not the appraisal list', async () => {
    const x = await withCase();
    await x.say('预约下周二上午鉴定');
    const replies = await x.send('办护理补贴要带什么');
    expect(replies[0].text).to.include('依据').and.not.include('做评定要带');
  });

  it('"我的预约是哪天" at the confirmation: nothing booked yet; while moving, the booking there is', async () => {
    const x = await withCase();
    const confirm = (await x.say('预约下周二上午鉴定')).text!;
    const replies = await x.send('我的预约是哪天');
    expect(replies[0].text).to.equal(b.notBookedYet);
    expect(replies.at(-1)!.text).to.include(confirm);
    await x.say('对');
    await x.say('改到下周四');
    for (const said of ['我约的是几号来着', '我的预约在什么时候']) {
      const moving = await x.send(said);
      expect(moving[0].text, said).to.equal(b.bookedOn('示范市人民医院11月24日（周二）上午'));
      expect(moving.at(-1)!.text).to.include(b.confirmMove('11月26日（周四）上午'));
    }
  });

  it('asking when one can book is no question about a booking made', () => {
    expect(recognizeBookingIntent('预约什么时候能约上')).to.equal('book');
    expect(recognizeBookingIntent('我约的是几号来着')).to.equal('which');
    expect(recognizeBookingIntent('约在几号来着')).to.equal('which');
  });

  it('"我约的是几号来着" outside the booking says the booking, or that there is none', async () => {
    const x = await withCase();
    expect((await x.say('我约的是几号来着')).text).to.equal(b.noBooking);
    await x.say('预约下周二上午鉴定');
    await x.say('对');
    expect((await x.say('我的预约是哪天')).text).to.equal(b.bookedOn('示范市人民医院11月24日（周二）上午'));
  });
});

describe('trial 7, item 13: the delivery and address steps', () => {
  const toDelivery = selfNewCertificateToAddress.slice(0, -1);
  const values = async (x: Harness) => (await x.drafts.get('test:user1'))!.draft.values;

  for (const said of ['寄到家里要钱不', '邮寄收费吗', '快递费谁出', '寄到家要不要钱', '邮寄贵不贵']) {
    it(`"${said}" at the delivery step is answered (postage is paid) and chooses nothing`, async () => {
      const x = await run(toDelivery);
      const replies = await x.send(said);
      expect(replies[0].text).to.equal(t.fieldAnswers.delivery.cost);
      expect(replies.at(-1)!.text).to.include(t.prompts.delivery);
      expect((await values(x)).delivery).to.equal(undefined);
    });
  }

  it('another question about mailing is answered too; one only asking leave ("寄到家可以吗") chooses mailing', async () => {
    const x = await run(toDelivery);
    const replies = await x.send('寄的话多久能到');
    expect(replies.length).to.be.greaterThan(1);
    expect(replies.at(-1)!.text).to.include(t.prompts.delivery);
    expect((await values(x)).delivery).to.equal(undefined);
    expect((await x.say('寄到家可以吗')).text).to.equal(t.prompts.address);
    expect((await values(x)).delivery).to.equal('mail');
  });

  for (const said of ['邮寄到家', '寄到家里', '寄家里']) {
    it(`"${said}" at the address step asks for the address again, with no home-appraisal answer`, async () => {
      const x = await run(selfNewCertificateToAddress);
      const replies = await x.send(said);
      expect(replies.map((r) => r.text)).to.deep.equal([t.errors.addressAfterMail]);
      expect((await x.say('示范县人民路12号3栋201')).text).to.include(t.summary.intro);
    });
  }

  it('"还是自己去领吧" at the address step changes to picking up, with no address asked', async () => {
    const x = await run(selfNewCertificateToAddress);
    const replies = await x.send('还是自己去领吧');
    expect(replies[0].text).to.equal(t.deliveryEarly(t.deliveries.pickup));
    expect(replies.at(-1)!.text).to.include(t.summary.intro);
    expect(await values(x)).to.include({ delivery: 'pickup' });
  });
});

describe('trial 7, item 14: the call-back step after 转人工 out of hours', () => {
  /** 22:00 in Beijing on a Friday: the desk is closed and a phone is asked for. */
  async function atCallback(): Promise<Harness> {
    const x = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
    expect((await x.say('转人工')).text).to.equal(h.closedAskPhone(x.region.desk.hours));
    return x;
  }

  for (const said of ['那要等多久', '啥时候打过来', '大概几点打']) {
    it(`"${said}" says when the desk will phone, not how long a certificate takes`, async () => {
      const x = await atCallback();
      expect((await x.say(said)).text).to.equal(h.callbackWhen(x.region.desk.hours));
      expect((await x.say('13912345678')).text).to.equal(h.callbackBooked('139****5678'));
    });
  }

  it('a question about something else while the phone is asked for still gets its answer', async () => {
    const x = await atCallback();
    const replies = (await x.send('残疾证办下来要多久')).map((r) => r.text ?? '');
    expect(replies.join('\n')).to.include('依据').and.include('工作日');
    // Trial 8: then the phone is asked for again, as every other step asks its question again.
    expect(replies.at(-1)).to.equal(h.askPhoneAgain);
  });

  for (const said of ['座机行不', '家里电话可以吗', '固话行吗']) {
    it(`"${said}" is answered: a landline with its area code is taken`, async () => {
      const x = await atCallback();
      expect((await x.say(said)).text).to.equal(h.landlineOk);
      expect((await x.say('0791 86123456')).text).to.equal(h.callbackBooked('0791****3456'));
      const [call] = await x.calls.list({ followUp: 'pending' });
      expect(call.callerPhone).to.equal('0791-86123456');
    });
  }

  it('a landline without its area code is asked for it, and nothing is booked', async () => {
    const x = await atCallback();
    expect((await x.say('86123456')).text).to.equal(h.landlineAreaCode);
    expect(await x.calls.list()).to.deep.equal([]);
  });
});
