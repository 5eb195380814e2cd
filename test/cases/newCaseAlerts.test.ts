import { expect } from 'chai';
import { SmsChannel } from '../../bot/delivery/smsChannel.js';
import { silentLogger } from '../../bot/logger.js';
import { Notifier } from '../../bot/notifier.js';
import { CaseUseCases } from '../../cases/index.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { openStores } from '../../data/openStores.js';
import type { OutboxStore } from '../../data/outbox.js';
import { statusTexts, text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { startFakeSms, TEMPLATE_IDS } from '../bot/delivery/smsFixture.js';
import { FakeClock, shippedKnowledge, tempDir } from '../support.js';

/** An outbox the process never reaches: it stops right after the case is written. */
const unreachable = (outbox: OutboxStore): OutboxStore => ({
  ...outbox,
  enqueue: () => Promise.reject(new Error('killed after the case write')),
});

describe('the new-case staff alert is part of the case\'s creation (a crash cannot lose it)', () => {
  it('is kept in the case when the process stops after the case write, and sent exactly once after the restart', async () => {
    const dir = tempDir();
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z')); // 10:00 in Beijing
    const { region } = shippedKnowledge();
    const deps = { region, clock, texts: statusTexts, itemNames: text.application.itemNames, sms: true };
    const input = { ...newCase({ applicant: { name: '王建国' } }), submissionId: 'crash-1' };

    // The first life: the case goes to disk, then the process dies before the outbox is written.
    const before = await openStores({ store: 'memory', dataDir: dir }, silentLogger);
    const cases = await LowdbCaseStore.open(dir);
    const relayErrors: string[] = [];
    const dying = new CaseUseCases({ ...before, ...deps, cases, outbox: unreachable(before.outbox), onRelayError: (err) => relayErrors.push(String(err)) });
    const record = await dying.submission.submit(input);
    expect(relayErrors).to.have.length(1);

    // The restart: every store read back from the folder; the start-up relay finds the alert in the case.
    const { fake, provider } = await startFakeSms(clock);
    const stores = await openStores({ store: 'lowdb', dataDir: dir }, silentLogger);
    try {
      const useCases = new CaseUseCases({ ...stores, ...deps });
      expect((await stores.cases.get(record.caseNo))?.pendingNotifications?.map((n) => n.recipient)).to.deep.equal(['staff:残联', 'staff:民政']);
      expect(await useCases.relay.relayPending()).to.equal(2);
      expect(await useCases.relay.relayPending()).to.equal(0);
      // The chat's repeat of the same submission after the restart adds nothing.
      expect((await useCases.submission.submit(input)).caseNo).to.equal(record.caseNo);

      const channel = new SmsChannel({ provider, store: stores.sms, templateIds: TEMPLATE_IDS, limits: { perMinute: 1, perDay: 10 }, clock });
      const notifier = new Notifier({ adapter: undefined as never, outbox: stores.outbox, clock, logger: silentLogger, quietHours: null, channels: { sms: channel } });
      expect(await notifier.tick()).to.include({ delivered: 2, dead: 0 });
      expect(await notifier.tick()).to.include({ delivered: 0 });
      expect(fake.sent.map((s) => [s.phone, s.templateId, s.params])).to.deep.equal([
        ['+8615400000001', TEMPLATE_IDS.staff_new_case, [record.caseNo, '王*国']],
        ['+8615400000002', TEMPLATE_IDS.staff_new_case, [record.caseNo, '王*国']],
      ]);
    } finally {
      await stores.close();
      await fake.close();
    }
  });
});
