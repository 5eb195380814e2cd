import { expect } from 'chai';
import type { CloudAdapter, ConversationAccount } from 'botbuilder';
import { createAdapter } from '../../bot/adapter.js';
import { silentLogger } from '../../bot/logger.js';
import { Notifier } from '../../bot/notifier.js';
import { startScheduler } from '../../bot/scheduler.js';
import { openStores } from '../../data/openStores.js';
import type { PgDatabase } from '../../data/postgres/db.js';
import { openPgDatabase, pgStores } from '../../data/postgres/open.js';
import { sharedCluster } from '../../scripts/pgCluster.js';
import { ConnectorStub } from '../connectorStub.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock, tempDir, testConfig } from '../support.js';
import { postgresAvailable } from './backends.js';

const AT = new Date('2026-11-20T02:00:00Z');
let schemas = 0;

/** Two bot instances' stores on one database: separate pools (separate connections), one schema. */
async function twoInstances(): Promise<[PgDatabase, PgDatabase]> {
  const { url } = await sharedCluster();
  const schema = `instances_${process.pid}_${++schemas}`;
  return [await openPgDatabase(url, schema), await openPgDatabase(url, schema)];
}

if (postgresAvailable) {
  describe('PostgreSQL: many bot instances on one database', () => {
    let dbs: PgDatabase[] = [];
    afterEach(async () => {
      await Promise.all(dbs.map((db) => db.close()));
      dbs = [];
    });
    const open = async () => {
      const pair = await twoInstances();
      dbs.push(...pair);
      return pair.map((db) => pgStores(db));
    };

    it('gives the last appraisal place to exactly one of 40 requests spread over two instances', async () => {
      const [a, b] = await open();
      await a.slots.ensureSlots([{ hospitalId: 'h1', date: '2026-12-01', part: 'am', capacity: 1 }]);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).slots.reserve('h1:2026-12-01:am', { caseNo: `YC20261120${String(i).padStart(4, '0')}`, userKey: `u${i}`, category: '视力' }, AT)),
      );
      expect(results.filter((r) => r.ok)).to.have.length(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).to.deep.equal(Array(39).fill('full'));
      for (const s of [a, b]) expect(await s.slots.get('h1:2026-12-01:am')).to.include({ booked: 1, capacity: 1 });
    });

    it('books one case once however many instances race for it', async () => {
      const [a, b] = await open();
      await a.slots.ensureSlots(['am', 'pm'].map((part) => ({ hospitalId: 'h1', date: '2026-12-01', part: part as 'am' | 'pm', capacity: 10 })));
      const who = { caseNo: 'YC202611200001', userKey: 'u1', category: '视力' as const };
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).slots.reserve(`h1:2026-12-01:${i % 4 < 2 ? 'am' : 'pm'}`, who, AT)));
      expect(results.filter((r) => r.ok)).to.have.length(1);
      const booked = (await a.slots.list({})).reduce((n, s) => n + s.booked, 0);
      expect(booked).to.equal(1);
    });

    it('numbers cases from both instances without a repeat', async () => {
      const [a, b] = await open();
      const made = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).cases.create(newCase(), AT)));
      expect(new Set(made.map((c) => c.caseNo)).size).to.equal(30);
      expect(await b.cases.count()).to.equal(30);
    });

    it('delivers every due status update exactly once when two instances\' schedulers tick together', async () => {
      const [a, b] = await open();
      const stub = await ConnectorStub.start();
      try {
        const conversation = (n: number) => ({ channelId: 'test', serviceUrl: stub.url, conversation: { id: `conv-${n}` } as ConversationAccount, user: { id: `u${n}`, name: '' } });
        await a.outbox.enqueue(Array.from({ length: 30 }, (_, n) => ({ dedupeKey: `k${n}`, conversation: conversation(n), recipient: 'applicant', text: `进展 ${n}` })), AT);
        const clock = new FakeClock(AT);
        const notifier = (outbox: typeof a.outbox) =>
          new Notifier({ adapter: createAdapter(testConfig(), silentLogger) as CloudAdapter, outbox, clock, logger: silentLogger, quietHours: null, batchSize: 4 });
        const [ta, tb] = await Promise.all([notifier(a.outbox).tick(), notifier(b.outbox).tick()]);
        expect(ta.delivered + tb.delivered).to.equal(30);
        expect(ta.delivered, 'both instances took a share').to.be.above(0);
        expect(tb.delivered, 'both instances took a share').to.be.above(0);
        const keys = stub.received.map((r) => r.dedupeKey).sort();
        expect(keys).to.deep.equal(Array.from({ length: 30 }, (_, n) => `k${n}`).sort());
        expect(await a.outbox.list({ status: 'delivered', limit: 100 })).to.have.length(30);
      } finally {
        await stub.close();
      }
    });

    it('hands a claimed row to no other instance until its lease runs out (its holder died)', async () => {
      const [a, b] = await open();
      const [row] = await a.outbox.enqueue([{ dedupeKey: 'k', conversation: { serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c' } as ConversationAccount }, recipient: 'applicant', text: '进展' }], AT);
      expect((await a.outbox.claimDue(AT, 10, 60_000)).map((r) => r.id)).to.deep.equal([row.id]);
      expect(await b.outbox.claimDue(new Date(AT.getTime() + 59_999), 10, 60_000)).to.deep.equal([]);
      const taken = await b.outbox.claimDue(new Date(AT.getTime() + 60_000), 10, 60_000);
      expect(taken.map((r) => r.id)).to.deep.equal([row.id]);
      await b.outbox.markDelivered(row.id, new Date(AT.getTime() + 60_001));
      expect(await a.outbox.claimDue(new Date(AT.getTime() + 600_000), 10, 60_000)).to.deep.equal([]);
    });

    it('sends a row delivered at once (a desk reply) from one instance only: claimed by id or by a scheduler, not both', async () => {
      const [a, b] = await open();
      const conversation = { serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c' } as ConversationAccount };
      const [first, second] = await a.outbox.enqueue(['k1', 'k2'].map((dedupeKey) => ({ dedupeKey, conversation, recipient: 'applicant', text: '回复' })), AT);
      expect(await a.outbox.claim!(first.id, AT, 60_000)).to.equal(true);
      expect((await b.outbox.claimDue(AT, 10, 60_000)).map((r) => r.id)).to.deep.equal([second.id]);
      expect(await b.outbox.claim!(first.id, AT, 60_000)).to.equal(false);
      expect(await a.outbox.claim!(second.id, AT, 60_000)).to.equal(false);
      await a.outbox.markDelivered(first.id, AT);
      expect(await b.outbox.claim!(first.id, new Date(AT.getTime() + 600_000), 60_000)).to.equal(false);
    });

    it('runs a daily job once when two instances\' schedulers find it due together', async () => {
      const [a, b] = await open();
      const clock = new FakeClock(new Date('2026-11-20T01:00:00Z')); // 09:00 in Beijing
      const runs: string[] = [];
      const start = (state: typeof a.jobState, name: string) =>
        startScheduler({
          notifier: { tick: async () => ({ delivered: 0, failed: 0, dead: 0, deferred: 0 }) },
          daily: [{ name: 'appraisal-reminders', at: '08:30', run: async () => void runs.push(name) }],
          clock,
          state,
          logger: silentLogger,
          schedule: '0 0 1 1 *',
        });
      const schedulers = [start(a.jobState, 'a'), start(b.jobState, 'b')];
      await Promise.all(schedulers.map((s) => s.stop()));
      expect(runs).to.have.length(1);
      expect(await b.jobState.lastRun('appraisal-reminders')).to.equal('2026-11-20');
      // The next day's occurrence is claimed afresh.
      expect(await a.jobState.claimRun('appraisal-reminders', '2026-11-21', clock.now(), 60_000)).to.equal(true);
      expect(await b.jobState.claimRun('appraisal-reminders', '2026-11-21', clock.now(), 60_000)).to.equal(false);
    });

    it('wakes a watcher on one instance when another appends to a Direct Line conversation', async () => {
      const [a, b] = await open();
      const woken: string[] = [];
      let wake: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (wake = resolve));
      const stop = await a.directLine.watch((id) => {
        woken.push(id);
        wake();
      });
      try {
        await b.directLine.create('conv-1', AT);
        await b.directLine.append('conv-1', { type: 'message', text: '你好' }, AT);
        await arrived;
        expect(woken).to.deep.equal(['conv-1']);
      } finally {
        await stop();
      }
    });

    it('listens again after its connection is cut (a database restart)', async () => {
      const [a, b] = await open();
      const woken = new Set<string>();
      const stop = await a.directLine.watch((id) => woken.add(id));
      try {
        await b.directLine.create('conv-2', AT);
        const { rowCount } = await dbs[1].query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1', [`LISTEN onevisit_directline_${dbs[0].schema}`]);
        expect(rowCount).to.be.at.least(1);
        // The listener comes back after about a second: append until it hears one.
        for (let i = 0; i < 50 && !woken.has('conv-2'); i++) {
          await b.directLine.append('conv-2', { type: 'message', text: `${i}` }, AT);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(woken.has('conv-2')).to.equal(true);
      } finally {
        await stop();
      }
    });

    it('opens every store with no data-folder lock, and refuses an instance whose shared secrets differ', async () => {
      const { url } = await sharedCluster();
      const db = await openPgDatabase(url);
      await db.query(`CREATE DATABASE secrets_${process.pid}`).finally(() => db.close());
      const databaseUrl = url.replace('/postgres?', `/secrets_${process.pid}?`);
      const config = { store: 'postgres' as const, dataDir: tempDir(), databaseUrl, sharedSecrets: { DIRECTLINE_SECRET: 's1', ADMIN_TOKEN: undefined } };
      const first = await openStores(config);
      const second = await openStores(config);
      try {
        const made = await first.cases.create(newCase(), AT);
        expect(await second.cases.get(made.caseNo)).to.deep.equal(made);
        let error: Error | undefined;
        await openStores({ ...config, sharedSecrets: { DIRECTLINE_SECRET: 's2', ADMIN_TOKEN: 'now-set' } }).catch((err: Error) => (error = err));
        expect(error?.message).to.include('ADMIN_TOKEN, DIRECTLINE_SECRET differ from what the other instances on this database use');
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  });
}
