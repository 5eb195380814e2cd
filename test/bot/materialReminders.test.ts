import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { ConnectorStub } from '../connectorStub.js';
import { newCase } from '../fixtures/cases.js';
import { uploadFixture } from '../fixtures/uploadFiles.js';
import { FakeClock, testConfig } from '../support.js';

const s = text.status;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('daily job: reminders of missing materials', () => {
  let app: App;
  let stub: ConnectorStub;
  let clock: FakeClock;
  beforeEach(async () => {
    stub = await ConnectorStub.start();
    clock = new FakeClock(new Date('2026-11-20T02:00:00Z')); // Friday 10:00 Beijing
    app = await createApp({ config: testConfig(), logger: silentLogger, clock });
  });
  afterEach(async () => {
    await app.close();
    await stub.close();
  });

  const onlineCase = (toSubmit: string[], overrides: Parameters<typeof newCase>[0] = {}) =>
    app.stores.cases.create(
      newCase({
        materials: { verified: ['form'], toSubmit },
        conversation: { channelId: 'test', serviceUrl: stub.url, conversation: { id: 'conv-1' } as ConversationAccount, user: { id: 'user-1', name: '' }, bot: { id: 'bot', name: '' } },
        ...overrides,
      }),
      clock.now(),
    );

  it('reminds once a day, three times at most, and stops once nothing is missing', async () => {
    const record = await onlineCase(['photos', 'studentProof']);
    const done = await onlineCase(['studentProof'], { applicant: { idNumber: '110101201003074514' } });
    await app.useCases.materials.receive(done.caseNo, 'studentProof', uploadFixture('student-proof.pdf'), 'chat:test:user-1');
    const window = await onlineCase(['idCard'], { channel: 'window', applicant: { idNumber: '110105194912310029' } });
    expect(await app.dailyJobs.remindMissingMaterials()).to.deep.equal([]); // the day it was submitted
    const perDay: string[][] = [];
    for (let day = 1; day <= 5; day++) {
      clock.advance(DAY);
      perDay.push(await app.dailyJobs.remindMissingMaterials());
      perDay.push(await app.dailyJobs.remindMissingMaterials()); // a second run the same day
    }
    expect(perDay).to.deep.equal([[record.caseNo], [], [record.caseNo], [], [record.caseNo], [], [], [], [], []]);
    await app.useCases.relay.settled();
    const rows = await app.stores.outbox.list({ caseNo: record.caseNo });
    expect(rows.map((r) => r.text)).to.deep.equal(Array(3).fill(s.prefixApplicant(record.caseNo) + s.notify.materials_missing(`${text.upload.names.photos}、${text.upload.names.studentProof}`)));
    await app.useCases.relay.settled();
    expect(await app.stores.outbox.list({ caseNo: done.caseNo })).to.deep.equal([]);
    await app.useCases.relay.settled();
    expect(await app.stores.outbox.list({ caseNo: window.caseNo })).to.deep.equal([]);
    expect(app.dailyJobs.jobs().map((j) => j.name)).to.include('materials-reminders');
  });

  it('writes no reminder in quiet hours (a catch-up run at 22:00); the next day\'s run does, delivered at once', async () => {
    const record = await onlineCase(['photos']);
    clock.advance(DAY + 12 * HOUR); // Saturday 22:00 Beijing
    expect(await app.dailyJobs.remindMissingMaterials()).to.deep.equal([]);
    await app.useCases.relay.settled();
    expect(await app.stores.outbox.list({ caseNo: record.caseNo })).to.deep.equal([]);
    clock.advance(12 * HOUR); // Sunday 10:00
    expect(await app.dailyJobs.remindMissingMaterials()).to.deep.equal([record.caseNo]);
    expect(await app.notifier.tick()).to.include({ delivered: 1 });
    expect(stub.received.map((r) => r.text)).to.deep.equal([s.prefixApplicant(record.caseNo) + s.notify.materials_missing(text.upload.names.photos)]);
  });

  it('with QUIET_HOURS=off reminds at any hour', async () => {
    await app.close();
    app = await createApp({ config: testConfig({ quietHours: 'off' }), logger: silentLogger, clock });
    const record = await onlineCase(['photos']);
    clock.advance(DAY + 12 * HOUR); // Saturday 22:00 Beijing
    expect(await app.dailyJobs.remindMissingMaterials()).to.deep.equal([record.caseNo]);
  });
});
