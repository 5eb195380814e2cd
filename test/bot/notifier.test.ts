import { expect } from 'chai';
import type { CloudAdapter, ConversationAccount, ConversationReference } from 'botbuilder';
import { createAdapter } from '../../bot/adapter.js';
import type { LogFields, Logger } from '../../bot/logger.js';
import { Notifier, defaultBackoff, inQuietHours, parseQuietHours, type NotifierOptions, type TickResult } from '../../bot/notifier.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import type { NewOutboxRow, OutboxStore } from '../../data/outbox.js';
import { ConnectorStub } from '../connectorStub.js';
import { FakeClock, tempDir, testConfig } from '../support.js';

const MINUTE = 60 * 1000;
/** 10:00 in Beijing. */
const MORNING = new Date('2026-11-20T02:00:00Z');
const NOTHING: TickResult = { delivered: 0, failed: 0, dead: 0, deferred: 0 };

function recordingLogger(): Logger & { events: { event: string; fields: LogFields }[] } {
  const events: { event: string; fields: LogFields }[] = [];
  const log = (event: string, fields: LogFields = {}) => void events.push({ event, fields });
  return { events, info: log, error: log };
}

describe('Notifier', () => {
  let stub: ConnectorStub;
  let logger: ReturnType<typeof recordingLogger>;
  let adapter: CloudAdapter;
  let outbox: LowdbOutboxStore;
  let clock: FakeClock;

  beforeEach(async () => {
    stub = await ConnectorStub.start();
    logger = recordingLogger();
    // The app's own adapter: anonymous, with its onTurnError.
    adapter = createAdapter(testConfig(), logger);
    outbox = await LowdbOutboxStore.open(tempDir());
    clock = new FakeClock(MORNING);
  });
  afterEach(() => stub.close());

  const reference = (n: number, serviceUrl = stub.url): Partial<ConversationReference> => ({
    channelId: 'test',
    serviceUrl,
    conversation: { id: `conv-${n}` } as ConversationAccount,
    user: { id: `user-${n}`, name: '' },
    bot: { id: 'onevisit', name: '一次办' },
  });
  const note = (key: string, n = 1, extra: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
    dedupeKey: key,
    caseNo: 'YC202611200001',
    conversation: reference(n),
    recipient: 'applicant',
    text: `进展 ${key}`,
    ...extra,
  });
  const notifier = (options: Partial<NotifierOptions> = {}) =>
    new Notifier({ adapter, outbox, clock, logger, quietHours: parseQuietHours(undefined), ...options });
  const sentKeys = () => stub.received.map((r) => r.dedupeKey);

  it('delivers due rows in creation order with their dedupe key, marks them, and leaves later rows waiting', async () => {
    await outbox.enqueue([note('a', 1), note('b', 2), note('later', 1, { dueAt: new Date(MORNING.getTime() + 30 * MINUTE).toISOString() })], clock.now());
    await outbox.enqueue([note('c', 1)], clock.now());
    const n = notifier();
    expect(await n.tick()).to.deep.equal({ ...NOTHING, delivered: 3 });
    expect(stub.received).to.deep.equal([
      { conversationId: 'conv-1', text: '进展 a', dedupeKey: 'a' },
      { conversationId: 'conv-2', text: '进展 b', dedupeKey: 'b' },
      { conversationId: 'conv-1', text: '进展 c', dedupeKey: 'c' },
    ]);
    const delivered = await outbox.list({ status: 'delivered' });
    expect(delivered.map((r) => [r.dedupeKey, r.attempts, r.deliveredAt])).to.deep.equal([
      ['c', 1, MORNING.toISOString()],
      ['b', 1, MORNING.toISOString()],
      ['a', 1, MORNING.toISOString()],
    ]);
    expect(await n.tick()).to.deep.equal(NOTHING);
    clock.advance(30 * MINUTE);
    expect(await n.tick()).to.deep.equal({ ...NOTHING, delivered: 1 });
    expect(sentKeys()).to.deep.equal(['a', 'b', 'c', 'later']);
  });

  it("shows an agent's message under the agent's name, and numbers buttons unless they start with their points", async () => {
    await outbox.enqueue([note('agent', 1, { from: '工作人员张敏', buttons: ['5分 非常满意', '满意'] }), note('bot', 2)], clock.now());
    expect(await notifier().tick()).to.deep.equal({ ...NOTHING, delivered: 2 });
    const [agent, bot] = stub.activities as { from: { id: string; name?: string }; suggestedActions?: { actions: { title: string }[] } }[];
    expect(agent.from).to.deep.include({ id: 'onevisit', name: '工作人员张敏' });
    expect(agent.suggestedActions!.actions.map((a) => a.title)).to.deep.equal(['5分 非常满意', '2. 满意']);
    expect(bot.from).to.deep.include({ id: 'onevisit', name: '一次办' });
  });

  it('sends an update as a message of its own, replying to nothing (Web Chat holds back a reply to an activity it never got: trial 12)', async () => {
    // A case keeps the reference of the message that submitted it.
    await outbox.enqueue([note('a', 1, { conversation: { ...reference(1), activityId: 'submit-message-1' } }), note('b', 2)], clock.now());
    expect(await notifier().tick()).to.deep.equal({ ...NOTHING, delivered: 2 });
    expect(stub.activities).to.have.length(2);
    for (const activity of stub.activities as Record<string, unknown>[]) expect(activity).to.not.have.property('replyToId');
  });

  it('reads the outbox in batches and delivers everything due in one tick', async () => {
    await outbox.enqueue(['a', 'b', 'c', 'd', 'e'].map((k, i) => note(k, i)), clock.now());
    expect(await notifier({ batchSize: 2 }).tick()).to.deep.equal({ ...NOTHING, delivered: 5 });
    expect(sentKeys()).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });

  it('sends a dedupe key once, however often it was enqueued', async () => {
    await outbox.enqueue([note('case-1:approved'), note('case-1:approved')], clock.now());
    await outbox.enqueue([note('case-1:approved', 2)], clock.now());
    const n = notifier();
    await n.tick();
    await outbox.enqueue([note('case-1:approved')], clock.now());
    await n.tick();
    expect(stub.received).to.deep.equal([{ conversationId: 'conv-1', text: '进展 case-1:approved', dedupeKey: 'case-1:approved' }]);
  });

  it('retries a failed send after 1, then 2 minutes, and delivers it once the channel is back', async () => {
    await outbox.enqueue([note('a')], clock.now());
    const n = notifier();
    stub.failWith = 503;
    expect(await n.tick()).to.deep.equal({ ...NOTHING, failed: 1 });
    let [row] = await outbox.list({ status: 'pending' });
    expect(row).to.include({ attempts: 1, dueAt: new Date(MORNING.getTime() + MINUTE).toISOString() });
    expect(row.lastError).to.contain('connector stub failure');
    const requests = stub.rejected;
    expect(await n.tick()).to.deep.equal(NOTHING);
    expect(stub.rejected, 'not retried before its time').to.equal(requests);
    clock.advance(MINUTE);
    expect(await n.tick()).to.deep.equal({ ...NOTHING, failed: 1 });
    [row] = await outbox.list({ status: 'pending' });
    expect(row).to.include({ attempts: 2, dueAt: new Date(MORNING.getTime() + 3 * MINUTE).toISOString() });
    stub.failWith = null;
    clock.advance(2 * MINUTE);
    expect(await n.tick()).to.deep.equal({ ...NOTHING, delivered: 1 });
    expect(sentKeys()).to.deep.equal(['a']);
    expect((await outbox.list({ status: 'delivered' }))[0]).to.include({ attempts: 3 });
    // Logged by id and case, never by the message text.
    expect(logger.events.filter((e) => e.event === 'notify_retry')).to.have.length(2);
    expect(JSON.stringify(logger.events)).not.to.contain('进展');
  });

  it('waits 1, 2, 4 ... minutes between attempts, at most 6 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20].map((n) => defaultBackoff(n) / MINUTE)).to.deep.equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);
  });

  it('dead-letters a row after 8 failed attempts, each after its backoff', async () => {
    await outbox.enqueue([note('a'), note('b', 2)], clock.now());
    const n = notifier();
    stub.failWith = 503;
    for (let attempt = 1; attempt <= 7; attempt++) {
      expect(await n.tick(), `attempt ${attempt}`).to.deep.equal({ ...NOTHING, failed: 2 });
      const pending = await outbox.list({ status: 'pending' });
      expect(pending.map((r) => Date.parse(r.dueAt) - clock.now().getTime())).to.deep.equal([defaultBackoff(attempt), defaultBackoff(attempt)]);
      clock.advance(defaultBackoff(attempt));
    }
    expect(await n.tick()).to.deep.equal({ ...NOTHING, dead: 2 });
    const dead = await outbox.list({ status: 'dead' });
    expect(dead.map((r) => [r.dedupeKey, r.attempts])).to.deep.equal([
      ['b', 8],
      ['a', 8],
    ]);
    expect(dead[0].lastError).to.contain('connector stub failure');
    stub.failWith = null;
    clock.advance(24 * 60 * MINUTE);
    expect(await n.tick()).to.deep.equal(NOTHING);
    expect(stub.received).to.deep.equal([]);
    expect(logger.events.filter((e) => e.event === 'notify_dead').map((e) => e.fields.id)).to.deep.equal(dead.map((r) => r.id).reverse());
  });

  it('counts a 500 from the channel as a failure, after the connector client has retried it itself', async function () {
    // The connector's built-in policy retries a 500 three times over about 5 s of real time.
    this.timeout(20_000);
    this.slow(10_000);
    await outbox.enqueue([note('a')], clock.now());
    stub.failWith = 500;
    expect(await notifier().tick()).to.deep.equal({ ...NOTHING, failed: 1 });
    expect(stub.rejected).to.equal(4);
    expect((await outbox.list({}))[0]).to.include({ status: 'pending', attempts: 1 });
  });

  it('counts a turn that failed before the send as a failure, though continueConversationAsync resolved', async () => {
    adapter.use({
      onTurn: async () => {
        throw new Error('middleware broke');
      },
    });
    await outbox.enqueue([note('a')], clock.now());
    expect(await notifier().tick()).to.deep.equal({ ...NOTHING, failed: 1 });
    expect(logger.events.map((e) => e.event)).to.include('turn_error');
    expect(sentKeys()).not.to.include('a');
    expect((await outbox.list({}))[0]).to.include({ status: 'pending', attempts: 1 });
  });

  it('counts a message that a send handler swallowed as a failure', async () => {
    adapter.use(async (context, next) => {
      context.onSendActivities(async () => []);
      await next();
    });
    await outbox.enqueue([note('a')], clock.now());
    expect(await notifier().tick()).to.deep.equal({ ...NOTHING, failed: 1 });
    expect(stub.received).to.deep.equal([]);
  });

  it('dead-letters at once a row whose conversation reference has no service URL', async () => {
    await outbox.enqueue([note('a', 1, { conversation: { channelId: 'test', conversation: { id: 'c' } as ConversationAccount } }), note('b')], clock.now());
    expect(await notifier().tick()).to.deep.equal({ ...NOTHING, delivered: 1, dead: 1 });
    const [dead] = await outbox.list({ status: 'dead' });
    expect(dead).to.include({ dedupeKey: 'a', attempts: 1 });
    expect(dead.lastError).to.contain('serviceUrl');
    expect(sentKeys()).to.deep.equal(['b']);
  });

  it('holds messages during quiet hours and sends them in order at 08:00 Beijing time', async () => {
    clock = new FakeClock(new Date('2026-11-20T13:30:00Z')); // 21:30
    await outbox.enqueue([note('a', 1), note('b', 2)], clock.now());
    const n = notifier();
    expect(await n.tick()).to.deep.equal({ ...NOTHING, deferred: 2 });
    clock.advance(4 * 60 * MINUTE); // 01:30
    await outbox.enqueue([note('c', 1)], clock.now());
    expect(await n.tick()).to.deep.equal({ ...NOTHING, deferred: 3 });
    clock.advance(6 * 60 * MINUTE + 29 * MINUTE); // 07:59
    expect(await n.tick()).to.deep.equal({ ...NOTHING, deferred: 3 });
    expect(stub.received).to.deep.equal([]);
    clock.advance(MINUTE); // 08:00
    expect(await n.tick()).to.deep.equal({ ...NOTHING, delivered: 3 });
    expect(sentKeys()).to.deep.equal(['a', 'b', 'c']);
    expect((await outbox.list({ status: 'delivered' })).every((r) => r.deliveredAt === '2026-11-21T00:00:00.000Z')).to.equal(true);
  });

  it('stops sending when quiet hours begin during a tick; the rest wait for the morning', async () => {
    clock = new FakeClock(new Date('2026-11-20T12:59:00Z')); // 20:59
    await outbox.enqueue([note('a'), note('b'), note('c')], clock.now());
    void stub.nextArrival().then(() => clock.advance(MINUTE)); // 21:00 while the first is being sent
    expect(await notifier().tick()).to.deep.equal({ ...NOTHING, delivered: 1, deferred: 2 });
    expect(sentKeys()).to.deep.equal(['a']);
  });

  it('sends at any hour with quiet hours off', async () => {
    clock = new FakeClock(new Date('2026-11-20T16:00:00Z')); // 00:00
    await outbox.enqueue([note('a')], clock.now());
    expect(await notifier({ quietHours: parseQuietHours('off') }).tick()).to.deep.equal({ ...NOTHING, delivered: 1 });
  });

  it('does not overlap: a tick while one runs returns at once, doing nothing', async () => {
    await outbox.enqueue([note('a'), note('b', 2)], clock.now());
    const n = notifier();
    stub.hold();
    const arrived = stub.nextArrival();
    const first = n.tick();
    await arrived;
    expect(await n.tick()).to.deep.equal(NOTHING);
    stub.release();
    expect(await first).to.deep.equal({ ...NOTHING, delivered: 2 });
    expect(sentKeys()).to.deep.equal(['a', 'b']);
  });

  it('after a restart in the middle of a batch, delivers every row at least once and at most twice, repeats with the same key', async () => {
    const dataDir = tempDir();
    const before = await LowdbOutboxStore.open(dataDir);
    const keys = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    await before.enqueue(keys.map((k, i) => note(k, i % 2)), clock.now());
    // The first process stops after its second mark: later marks never reach the disk, though
    // their messages went out.
    let marks = 0;
    const dying: OutboxStore = {
      enqueue: (rows, at) => before.enqueue(rows, at),
      due: (at, limit) => before.due(at, limit),
      markFailed: (id, error, at, next) => before.markFailed(id, error, at, next),
      list: (filter) => before.list(filter),
      markDelivered: async (id, at) => {
        if (++marks > 2) throw new Error('the process stopped');
        await before.markDelivered(id, at);
      },
    };
    expect(await notifier({ outbox: dying }).tick()).to.include({ delivered: 2 });
    expect(logger.events.filter((e) => e.event === 'notify_mark_failed')).to.have.length(4);

    const after = await LowdbOutboxStore.open(dataDir);
    expect(await notifier({ outbox: after }).tick()).to.deep.equal({ ...NOTHING, delivered: 4 });
    const times = new Map<string, number>();
    for (const r of stub.received) times.set(r.dedupeKey!, (times.get(r.dedupeKey!) ?? 0) + 1);
    expect([...times.keys()].sort()).to.deep.equal(keys);
    expect([...times.values()].every((t) => t === 1 || t === 2)).to.equal(true);
    for (const key of keys) {
      expect(new Set(stub.received.filter((r) => r.dedupeKey === key).map((r) => r.text)), key).to.deep.equal(new Set([`进展 ${key}`]));
    }
    expect(await after.list({ status: 'delivered' })).to.have.length(6);
    expect(await after.due(new Date(MORNING.getTime() + 24 * 60 * MINUTE), 10)).to.deep.equal([]);
  });
});

describe('quiet hours', () => {
  it('default to 21:00-08:00; "off" turns them off', () => {
    expect(parseQuietHours(undefined)).to.deep.equal({ from: 21 * 60, to: 8 * 60 });
    expect(parseQuietHours('')).to.deep.equal({ from: 21 * 60, to: 8 * 60 });
    expect(parseQuietHours(' OFF ')).to.equal(null);
    expect(parseQuietHours('22:30-6:15')).to.deep.equal({ from: 22 * 60 + 30, to: 6 * 60 + 15 });
    expect(parseQuietHours('12:00-14:00')).to.deep.equal({ from: 12 * 60, to: 14 * 60 });
  });

  it('refuse anything else with a message saying what to write', () => {
    for (const bad of ['21:00', '21-8', '25:00-08:00', '21:00-08:60', '21:00-08:00-09:00', '08:00-08:00', 'never']) {
      expect(() => parseQuietHours(bad), bad).to.throw(/QUIET_HOURS 无效.*21:00-08:00.*off/);
    }
  });

  it('are Beijing time whatever the machine time zone, across midnight or within a day', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const night = parseQuietHours('21:00-08:00')!;
      const at = (iso: string) => inQuietHours(night, new Date(iso));
      expect(at('2026-11-20T12:59:59Z')).to.equal(false); // 20:59:59
      expect(at('2026-11-20T13:00:00Z')).to.equal(true); // 21:00
      expect(at('2026-11-20T16:00:00Z')).to.equal(true); // 00:00
      expect(at('2026-11-20T23:59:59Z')).to.equal(true); // 07:59:59
      expect(at('2026-11-21T00:00:00Z')).to.equal(false); // 08:00
      const lunch = parseQuietHours('12:00-14:00')!;
      expect(inQuietHours(lunch, new Date('2026-11-20T03:59:00Z'))).to.equal(false); // 11:59
      expect(inQuietHours(lunch, new Date('2026-11-20T04:00:00Z'))).to.equal(true); // 12:00
      expect(inQuietHours(lunch, new Date('2026-11-20T06:00:00Z'))).to.equal(false); // 14:00
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
