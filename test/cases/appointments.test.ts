import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbFamilyStore } from '../../data/lowdb/lowdbFamilyStore.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import { LowdbSlotStore } from '../../data/lowdb/lowdbSlotStore.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock, tempDir } from '../support.js';
import { useCasesFor } from '../useCases.js';

const s = text.status;
const SLOT = 'people:2026-12-01:am';

async function setup(stage: 'appraisal_scheduled' | 'pre_review' = 'appraisal_scheduled') {
  const dataDir = tempDir();
  const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
  const cases = await LowdbCaseStore.open(dataDir);
  const slots = await LowdbSlotStore.open(dataDir);
  const family = await LowdbFamilyStore.open(dataDir);
  const outbox = await LowdbOutboxStore.open(dataDir);
  await slots.ensureSlots([{ hospitalId: 'people', date: '2026-12-01', part: 'am', capacity: 1 }]);
  const conversation = (id: string) => ({ serviceUrl: 'http://127.0.0.1:9', conversation: { id } as ConversationAccount });
  const record = await cases.create(newCase({ stage, submittedBy: { role: 'self', userKey: 'test:me' }, conversation: conversation('me') }), clock.now());
  await family.subscribe({ caseNo: record.caseNo, userKey: 'test:daughter', conversation: conversation('daughter'), since: clock.now().toISOString() });
  const useCases = await useCasesFor(dataDir, cases, clock, { slots, family, outbox });
  return { useCases, cases, slots, record, outbox };
}

describe('appointment use cases', () => {
  it('books through the workflow: audited on the case, the family told in the same write, the applicant not twice', async () => {
    const { useCases, cases, record, outbox } = await setup();
    const booked = await useCases.appointments.book(record.caseNo, SLOT, { userKey: 'test:me', category: '肢体' });
    expect(booked.ok).to.equal(true);
    const stored = await cases.get(record.caseNo);
    expect(stored?.appointment).to.include({ slotId: SLOT, remindOn: '2026-11-30' });
    expect(stored?.audit.at(-1)).to.include({ by: 'chat:test:me', action: 'appointment-book', note: SLOT });
    await useCases.relay.settled();
    const rows = await outbox.list({ caseNo: record.caseNo });
    expect(rows.map((r) => [r.recipient, r.text])).to.deep.equal([['subscriber:test:daughter', s.prefixFamily('张*试', record.caseNo) + s.notify.booked('12月1日上午', '示范市人民医院')]]);

    expect(await useCases.appointments.cancel(record.caseNo, 'test:me')).to.equal(true);
    expect((await cases.get(record.caseNo))?.appointment).to.equal(undefined);
    await useCases.relay.settled();
    expect((await outbox.list({ caseNo: record.caseNo })).map((r) => r.text)).to.have.members([
      s.prefixFamily('张*试', record.caseNo) + s.notify.booked('12月1日上午', '示范市人民医院'),
      s.prefixFamily('张*试', record.caseNo) + s.notify.booking_cancelled,
    ]);
    expect(await useCases.appointments.cancel(record.caseNo, 'test:me')).to.equal(false);
  });

  it('refuses a booking before pre-review has passed and keeps the place free', async () => {
    const { useCases, slots, record } = await setup('pre_review');
    expect(await useCases.appointments.book(record.caseNo, SLOT, { userKey: 'test:me', category: '肢体' })).to.deep.equal({ ok: false, reason: 'not-now' });
    expect((await slots.get(SLOT))?.booked).to.equal(0);
  });

  it('gives the place back when the case moved on while the place was being taken', async () => {
    const { useCases, cases, slots, record } = await setup();
    // Staff return the case between the reservation and the case write.
    const reserve = slots.reserve.bind(slots);
    slots.reserve = async (...args) => {
      const result = await reserve(...args);
      await cases.update(record.caseNo, (c) => void (c.stage = 'returned'), { by: 'staff:li', action: 'return' }, new Date());
      return result;
    };
    expect(await useCases.appointments.book(record.caseNo, SLOT, { userKey: 'test:me', category: '肢体' })).to.deep.equal({ ok: false, reason: 'not-now' });
    expect((await slots.get(SLOT))?.booked).to.equal(0);
    expect((await cases.get(record.caseNo))?.appointment).to.equal(undefined);
  });

  it('records a home appraisal once, and not after the appraisal', async () => {
    const { useCases, cases, record } = await setup();
    expect(await useCases.appointments.requestHome(record.caseNo, 'test:me', '我要申请上门鉴定')).to.equal('recorded');
    expect(await useCases.appointments.requestHome(record.caseNo, 'test:me', '我要申请上门鉴定')).to.equal('already');
    const other = await cases.create(newCase({ stage: 'appraised', applicant: { idNumber: '110105194912310037' } }), new Date());
    expect(await useCases.appointments.requestHome(other.caseNo, 'test:me', '上门')).to.equal('not-now');
    expect((await cases.get(other.caseNo))?.homeAppraisal).to.equal(undefined);
  });
});
