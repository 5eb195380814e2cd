import { expect } from 'chai';
import { CaseUseCases } from '../../cases/index.js';
import { monthDay, smsText } from '../../cases/statusUpdates.js';
import type { Booking } from '../../data/appraisal.js';
import { addDays } from '../../data/calendar.js';
import { shanghaiDate } from '../../data/caseQuery.js';
import { STAGES, type CaseRecord, type NotifyBy } from '../../data/cases.js';
import { openMemoryStores } from '../../data/openStores.js';
import { SMS_TEMPLATE_KEYS, type OutboxRow, type SmsTemplateKey } from '../../data/outbox.js';
import { statusTexts, text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { FakeClock, shippedKnowledge } from '../support.js';

const NAME = '王建国';

async function setUp(sms = true) {
  const stores = openMemoryStores();
  const clock = new FakeClock();
  const useCases = new CaseUseCases({ ...stores, region: shippedKnowledge().region, clock, texts: statusTexts, itemNames: text.application.itemNames, sms });
  return { stores, clock, useCases };
}

/** The rows a case's pre-review start writes, by where they go. */
async function updatesFor(c: Parameters<typeof newCase>[0], sms = true): Promise<OutboxRow[]> {
  const { stores, useCases } = await setUp(sms);
  const record = await stores.cases.create(newCase({ applicant: { name: NAME }, ...c }), new Date());
  const result = await useCases.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:1' });
  expect(result.ok).to.equal(true);
  return stores.outbox.list({ caseNo: record.caseNo });
}
const shape = (rows: OutboxRow[]) => rows.map((r) => [r.conversation.channelId, r.sms ? (r.conversation.channelId === 'sms' ? 'sms' : 'fallback') : '-']).sort();

describe('status updates by the applicant\'s channels (SMS on)', () => {
  it('texts a window applicant, who has no chat', async () => {
    const rows = await updatesFor({ conversation: undefined, channel: 'window' });
    expect(shape(rows)).to.deep.equal([['sms', 'sms']]);
    const [row] = rows;
    expect(row.sms).to.deep.equal({ phone: '13800001234', template: 'status', params: ['王*国', row.caseNo, '残联预审中'] });
    expect(row.text).to.equal(smsText(statusTexts.sms.status, row.sms!.params));
  });

  const cases: [NotifyBy | undefined, string[][]][] = [
    [undefined, [['test', 'fallback']]],
    ['chat', [['test', 'fallback']]],
    ['sms', [['sms', 'sms']]],
    ['both', [['sms', 'sms'], ['test', '-']]],
  ];
  for (const [notifyBy, expected] of cases) {
    it(`sends by ${notifyBy ?? 'the default'} for a chat applicant who chose it`, async () => {
      expect(shape(await updatesFor({ ...(notifyBy ? { notifyBy } : {}) }))).to.deep.equal(expected);
    });
  }

  it('keeps family subscribers on their chat', async () => {
    const { stores, useCases } = await setUp();
    const record = await stores.cases.create(newCase({ notifyBy: 'sms' }), new Date());
    await stores.family.subscribe({ caseNo: record.caseNo, userKey: 'test:family', conversation: { channelId: 'test', serviceUrl: 'http://x', conversation: { id: 'f' } as never }, since: new Date().toISOString() });
    await useCases.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:1' });
    const rows = await stores.outbox.list({ caseNo: record.caseNo });
    expect(rows.map((r) => [r.recipient, r.conversation.channelId, r.sms ? 'sms' : '-']).sort()).to.deep.equal([['applicant', 'sms', 'sms'], ['subscriber:test:family', 'test', '-']]);
  });

  it('sends no SMS to a landline, nor any with SMS off', async () => {
    expect(shape(await updatesFor({ notifyBy: 'sms', applicant: { phone: '0791-86123456' } }))).to.deep.equal([['test', '-']]);
    expect(shape(await updatesFor({ notifyBy: 'sms' }, false))).to.deep.equal([['test', '-']]);
    expect(shape(await updatesFor({ conversation: undefined }, false))).to.deep.equal([]);
  });

  it('alerts each routed department\'s duty phone of a new case once, however often it is submitted', async () => {
    const { stores, useCases } = await setUp();
    const input = { ...newCase({ applicant: { name: NAME } }), submissionId: 'sub-1' };
    const record = await useCases.submission.submit(input);
    await useCases.submission.submit(input);
    const rows = await stores.outbox.list({ caseNo: record.caseNo });
    expect(rows.map((r) => [r.recipient, r.sms?.phone, r.sms?.template]).sort()).to.deep.equal([
      ['staff:残联', '15400000001', 'staff_new_case'],
      ['staff:民政', '15400000002', 'staff_new_case'],
    ]);
    expect(rows[0].sms!.params).to.deep.equal([record.caseNo, '王*国']);
  });

  it('alerts the departments still deciding of a case near its deadline, once per stage', async () => {
    const { stores, useCases } = await setUp();
    const record = await stores.cases.create(newCase({ applicant: { name: NAME } }), new Date());
    expect(await useCases.staffAlerts.nearDeadline(record.caseNo)).to.equal(2);
    expect(await useCases.staffAlerts.nearDeadline(record.caseNo)).to.equal(0);
    const rows = await stores.outbox.list({ caseNo: record.caseNo });
    expect(rows.map((r) => r.sms!.params)).to.deep.equal([[record.caseNo, '王*国', '已提交'], [record.caseNo, '王*国', '已提交']]);
  });
});

describe('SMS privacy: no full name or ID number in any SMS', () => {
  const record = { caseNo: 'YC202611200001', applicant: { name: '欧阳建国', idNumber: SAMPLE_ID_NUMBER } } as CaseRecord;
  const forbidden = [record.applicant.name, record.applicant.idNumber, record.applicant.idNumber.slice(-6)];

  it('every template holds only its numbered parameters and names nobody', () => {
    expect(Object.keys(statusTexts.sms).sort()).to.deep.equal([...SMS_TEMPLATE_KEYS].sort());
    for (const key of SMS_TEMPLATE_KEYS) {
      const template = statusTexts.sms[key];
      expect(template.replace(/\{\d\}/g, ''), key).not.to.match(/\{|\}/);
      for (const f of forbidden) expect(template, key).not.to.include(f);
    }
  });

  it('every SMS written (each stage, a return, an appraisal, a family check, new case, deadline) carries the masked name, the case number and its news only', async () => {
    const { stores, useCases, clock } = await setUp();
    const created = await useCases.submission.submit({ ...newCase({ applicant: { name: '欧阳建国', idNumber: SAMPLE_ID_NUMBER }, conversation: undefined }), submissionId: 's' });
    await useCases.staffAlerts.nearDeadline(created.caseNo);
    const reason = '户口簿那页照片看不清，请重新拍一张清楚的，四个角都要拍进去，谢谢配合';
    await useCases.workflow.perform(created.caseNo, { action: 'start_review', by: 'staff:1' });
    await useCases.workflow.perform(created.caseNo, { action: 'return', by: 'staff:1', note: reason });
    await useCases.workflow.perform(created.caseNo, { action: 'resubmit', by: 'staff:1' });
    await useCases.workflow.perform(created.caseNo, { action: 'pass_review', by: 'staff:1' });
    const date = addDays(shanghaiDate(clock.now()), 3);
    await stores.slots.ensureSlots([{ hospitalId: 'people', date, part: 'am', capacity: 2 }]);
    const booked = await useCases.appointments.book(created.caseNo, `people:${date}:am`, { userKey: created.submittedBy.userKey, category: '肢体' });
    expect(booked.ok).to.equal(true);
    await useCases.appointments.remind((booked as { booking: Booking }).booking);
    await useCases.access.recordFamilyCheck(created.caseNo, 'test:nephew', 'notice');
    await useCases.access.recordFamilyLock(created.caseNo, 'test:stranger', 'notice');
    const written = await stores.outbox.list({ caseNo: created.caseNo });
    expect(new Set(written.map((r) => r.sms?.template))).to.deep.equal(new Set(SMS_TEMPLATE_KEYS));

    const stageNames = new Set(STAGES.map((st) => statusTexts.stageNames[st]));
    const when = `${monthDay(date)}上午`;
    const news: Record<SmsTemplateKey, string[][]> = {
      status: [...stageNames].map((st) => [st]),
      returned: [[`${reason.slice(0, 29)}…`]],
      appraisal: [[when, '示范市人民医院']],
      family_checked: [[]],
      family_locked: [[]],
      staff_new_case: [[]],
      staff_deadline: [...stageNames].map((st) => [st]),
    };
    for (const row of written) {
      const { template, params } = row.sms!;
      const [name, caseNo] = template.startsWith('staff_') ? [params[1], params[0]] : params;
      expect(name, template).to.equal('欧**国');
      expect(caseNo, template).to.equal(created.caseNo);
      expect(news[template].map((n) => JSON.stringify(n)), template).to.include(JSON.stringify(params.slice(2)));
      expect(row.text).to.equal(smsText(statusTexts.sms[template], params));
      for (const f of forbidden) expect(row.text).not.to.include(f);
    }
  });
});
