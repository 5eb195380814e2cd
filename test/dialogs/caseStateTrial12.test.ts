import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness, homeRequested, returnedCase } from './harness.js';

const s = text.status;
const b = text.booking;
const photo = text.upload.names.photos;
const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '');

describe('trial 12: a returned case\'s correction says what became of each material', () => {
  it('a photo never sent (refused at upload, so missing) is not said to be kept: it is to be sent after the correction', async () => {
    const h = await returnedCase();
    const first = texts(await h.send('咋改啊 照片要重拍吗'))[0];
    expect(first).to.include(s.correctAsked.missing(photo)).and.not.include('不用重新传');
  });

  it('only a photo staff accepted is said to be kept; one waiting for staff is said to be received', async () => {
    const accepted = await returnedCase('accepted');
    expect(texts(await accepted.send('照片要重拍吗'))[0]).to.include(s.correctAsked.accepted(photo));
    const received = await returnedCase('received');
    const said = texts(await received.send('照片要重拍吗'))[0];
    expect(said).to.include(s.correctAsked.received(photo)).and.not.include('不用重新传');
  });
});

describe('trial 12: a phone sent back as unreachable may stay as it was', () => {
  it('"电话没错啊 那天下地去了没接着" offers to keep the number; the button resubmits it unchanged, noted for staff', async () => {
    const h = await returnedCase('accepted');
    await h.send('修改退回的申请');
    const offered = await h.send('电话没错啊 那天下地去了没接着');
    expect(texts(offered).at(-1)).to.equal(`${s.correctKeepPhone}\n${text.application.prompts.phone}`);
    expect(buttons(offered.at(-1)!)).to.deep.equal([s.keepPhoneButton]);
    expect(texts(await h.send(s.keepPhoneButton))).to.deep.equal([s.correctPhoneKept, s.correctDone]);
    const record = (await h.cases.get(h.caseNo))!;
    expect(record.stage).to.not.equal('returned');
    expect(record.applicant.phone).to.equal('13900000000');
    expect(record.audit.at(-1)).to.include({ action: 'resubmit', note: '申请人确认无误：phone' });
  });

  it('"就用原来的" keeps it without the offer; a new number is still taken', async () => {
    const kept = await returnedCase('accepted');
    await kept.send('修改退回的申请');
    expect(texts(await kept.send('就用原来的号码吧'))).to.deep.equal([s.correctPhoneKept, s.correctDone]);
    const changed = await returnedCase('accepted');
    await changed.send('修改退回的申请');
    await changed.send('电话没错啊');
    expect(texts(await changed.send('13900001111'))).to.deep.equal([s.correctDone]);
    expect((await changed.cases.get(changed.caseNo))!.applicant.phone).to.equal('13900001111');
  });

  it('another field said to be right still gets where to ask why it was sent back', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), h.clock.now());
    await h.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(record.caseNo, { action: 'return', by: 'staff:li', note: '姓名和户口本不一致', fields: ['name'] });
    await h.send('修改退回的申请');
    expect(texts(await h.send('我填的没错啊'))[0]).to.equal(s.correctInsisted(h.region.hotlines.federation));
  });
});

describe('trial 12: booking the hospital while a home appraisal is pending', () => {
  it('asks whether the home visit is still wanted; "还要上门" keeps it and books nothing', async () => {
    const h = await homeRequested();
    const asked = await h.send('给俺娘约个鉴定');
    expect(texts(asked)).to.deep.equal([b.homeStillWanted]);
    expect(texts(await h.send('还要上门'))).to.deep.equal([b.homeKept]);
    const record = (await h.cases.get(h.caseNo))!;
    expect(record.homeAppraisal).to.not.equal(undefined);
    expect(await h.slots.activeBookingOf(h.caseNo)).to.equal(undefined);
  });

  it('"能去医院" withdraws the home request (audited, the next step no longer the hospital\'s call), then books the day said first', async () => {
    const h = await homeRequested();
    await h.send('预约下周二上午鉴定');
    const replies = texts(await h.send('不用了，能去医院'));
    expect(replies).to.deep.equal([b.homeWithdrawn, b.confirmWhen('11月24日（周二）上午')]);
    const record = (await h.cases.get(h.caseNo))!;
    expect(record.homeAppraisal).to.equal(undefined);
    expect(record.audit.at(-1)?.action).to.equal('home-appraisal-cancel');
    expect(texts(await h.send('对')).join('\n')).to.include('约好了：11月24日（周二）上午');
    const progress = texts(await h.send('我的申请到哪一步了')).join('\n');
    expect(progress).to.include(s.next.appraisal_booked).and.not.include(s.next.appraisal_home);
  });

  it('asking for a home appraisal with a hospital session booked says to cancel that first, and records nothing', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(
      newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage: 'appraisal_scheduled' }),
      h.clock.now(),
    );
    await h.send('预约下周二上午鉴定');
    await h.send('对');
    const said = texts(await h.send('我要申请上门鉴定'));
    expect(said).to.deep.equal([b.homeWhileBooked('示范市人民医院11月24日（周二）上午')]); // offered, not made: nothing recorded before a yes
    expect((await h.cases.get(record.caseNo))!.homeAppraisal).to.equal(undefined);
  });
});
