import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import { createApp } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import type { OutboxStore } from '../../data/outbox.js';
import { text } from '../../dialogs/text/index.js';
import { ConnectorStub } from '../connectorStub.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock, tempDir, testConfig } from '../support.js';
import { useCasesFor } from '../useCases.js';

const s = text.status;

/** An outbox whose next `enqueue` fails as if the process died before writing it. */
function crashingOnce(outbox: OutboxStore): OutboxStore & { crashes: number } {
  const wrapped = Object.create(outbox) as OutboxStore & { crashes: number };
  wrapped.crashes = 0;
  wrapped.enqueue = async (rows, at) => {
    if (wrapped.crashes++ === 0) throw new Error('killed between the case write and the relay');
    return outbox.enqueue(rows, at);
  };
  return wrapped;
}

describe('transactional outbox: a case change and its status updates cannot be separated', () => {
  let stub: ConnectorStub;
  before(async () => (stub = await ConnectorStub.start()));
  after(() => stub.close());

  it('keeps the update in the case when the relay dies, relays it at restart, and delivers it exactly once', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z')); // 10:00 in Beijing: not quiet hours
    const cases = await LowdbCaseStore.open(dataDir);
    const conversation = { channelId: 'test', serviceUrl: stub.url, conversation: { id: 'conv-relay' } as ConversationAccount, user: { id: 'u1', name: '' }, bot: { id: 'bot', name: '' } };
    const record = await cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:u1' }, conversation }), clock.now());
    const outbox = crashingOnce(await LowdbOutboxStore.open(dataDir));
    const useCases = await useCasesFor(dataDir, cases, clock, { outbox });

    // The change is committed even though the relay right after it failed.
    const done = await useCases.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' });
    expect(done.ok).to.equal(true);
    expect(outbox.crashes).to.equal(1);
    expect(await outbox.list({ caseNo: record.caseNo })).to.deep.equal([]);
    const kept = await (await LowdbCaseStore.open(dataDir)).get(record.caseNo);
    expect(kept?.stage).to.equal('pre_review');
    expect(kept?.pendingNotifications?.map((n) => n.text)).to.deep.equal([s.prefixApplicant(record.caseNo) + s.notify.pre_review]);

    // Restart: start-up relays what was left, the scheduler's pass delivers it.
    for (let restart = 0; restart < 2; restart++) {
      const app = await createApp({ config: testConfig({ dataDir }), logger: silentLogger, clock });
      try {
        await app.useCases.relay.relayPending();
        await app.notifier.tick();
        expect(await app.stores.cases.withPendingNotifications(10)).to.deep.equal([]);
        expect((await app.stores.outbox.list({ caseNo: record.caseNo })).map((r) => r.status)).to.deep.equal(['delivered']);
      } finally {
        await app.close();
      }
    }
    expect(stub.received.filter((r) => r.conversationId === 'conv-relay').map((r) => r.text)).to.deep.equal([s.prefixApplicant(record.caseNo) + s.notify.pre_review]);
  });

  it('relays a repeated copy only once: the outbox dedupe keys make a second relay a no-op', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
    const cases = await LowdbCaseStore.open(dataDir);
    const outbox = await LowdbOutboxStore.open(dataDir);
    const record = await cases.create(newCase({ conversation: { serviceUrl: stub.url, conversation: { id: 'conv-twice' } as ConversationAccount } }), clock.now());
    const useCases = await useCasesFor(dataDir, cases, clock, { outbox });
    // A crash after the outbox write but before the case was marked: the rows are in both places.
    const marked = cases.markRelayed.bind(cases);
    cases.markRelayed = async () => {
      throw new Error('killed before marking');
    };
    expect((await useCases.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' })).ok).to.equal(true);
    await useCases.relay.settled();
    cases.markRelayed = marked;
    expect(await outbox.list({ caseNo: record.caseNo })).to.have.length(1);
    expect(await cases.withPendingNotifications(10)).to.have.length(1);
    expect(await useCases.relay.relayPending()).to.equal(1);
    expect(await useCases.relay.relayPending()).to.equal(0);
    expect(await outbox.list({ caseNo: record.caseNo })).to.have.length(1);
  });
  it('does not hold up the change for the copy into the outbox: the case write already holds the update', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
    const cases = await LowdbCaseStore.open(dataDir);
    const outbox = await LowdbOutboxStore.open(dataDir);
    const record = await cases.create(newCase({ conversation: { serviceUrl: stub.url, conversation: { id: 'conv-slow' } as ConversationAccount } }), clock.now());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Object.create(outbox) as OutboxStore;
    slow.enqueue = async (rows, at) => (await gate, outbox.enqueue(rows, at));
    const useCases = await useCasesFor(dataDir, cases, clock, { outbox: slow });
    // The change answers while the outbox write still waits (a slow disk or database).
    expect((await useCases.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' })).ok).to.equal(true);
    expect(await outbox.list({ caseNo: record.caseNo })).to.deep.equal([]);
    expect(await cases.withPendingNotifications(10)).to.have.length(1);
    let settled = false;
    const waiting = useCases.relay.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).to.equal(false);
    release();
    await waiting;
    expect((await outbox.list({ caseNo: record.caseNo })).map((r) => r.text)).to.deep.equal([s.prefixApplicant(record.caseNo) + s.notify.pre_review]);
    expect(await cases.withPendingNotifications(10)).to.deep.equal([]);
  });
});
