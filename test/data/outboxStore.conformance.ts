import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import type { NewOutboxRow, OutboxRow, OutboxStore } from '../../data/outbox.js';

const AT = new Date('2026-11-20T02:00:00Z');
const MINUTE = 60 * 1000;
const later = (minutes: number) => new Date(AT.getTime() + minutes * MINUTE);

/** A notification for case `n` to conversation `n`, unique by `key`. */
const note = (key: string, n = 1, extra: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
  dedupeKey: key,
  caseNo: `YC20261120${String(n).padStart(4, '0')}`,
  conversation: {
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: `conv-${n}` } as ConversationAccount,
    user: { id: `user-${n}`, name: '' },
  },
  recipient: 'applicant',
  text: `您的申请 ${key} 有新进展`,
  ...extra,
});

const keysOf = (rows: OutboxRow[]) => rows.map((r) => r.dedupeKey);

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  let error: unknown;
  await promise.catch((err) => (error = err));
  expect(error, 'expected a rejection').to.be.instanceOf(Error);
  return error;
}

/**
 * The OutboxStore contract, written against the interface only: every backend (lowdb today, a
 * database server later) runs these same tests. `open` returns a store over `dir`; opening the
 * same dir again shows what was made durable.
 */
export function outboxStoreConformance(name: string, open: (dir: string) => Promise<OutboxStore>, newDir: () => string) {
  describe(`OutboxStore conformance: ${name}`, () => {
    describe('enqueue', () => {
      it('adds pending rows due at once, attempt 0, with distinct ids', async () => {
        const store = await open(newDir());
        const added = await store.enqueue([note('a', 1), note('b', 2)], AT);
        expect(added).to.have.length(2);
        expect(new Set(added.map((r) => r.id)).size).to.equal(2);
        expect(added[0]).to.deep.include({
          dedupeKey: 'a',
          caseNo: 'YC202611200001',
          recipient: 'applicant',
          text: '您的申请 a 有新进展',
          createdAt: AT.toISOString(),
          dueAt: AT.toISOString(),
          attempts: 0,
          status: 'pending',
        });
        expect(added[0].conversation).to.deep.equal(note('a', 1).conversation);
        expect(added[0]).not.to.have.any.keys('lastError', 'deliveredAt');
        expect(await store.due(AT, 10)).to.deep.equal(added);
      });

      it('keeps how a row is shown: live, its buttons and who it is from', async () => {
        const dir = newDir();
        const store = await open(dir);
        const [row] = await store.enqueue([{ ...note('live', 1), live: true, buttons: ['5分 非常满意', '1分 非常不满意'], from: '工作人员张敏' }], AT);
        expect(row).to.deep.include({ live: true, buttons: ['5分 非常满意', '1分 非常不满意'], from: '工作人员张敏' });
        expect(await store.due(AT, 10)).to.deep.equal([row]);
        expect(await (await open(dir)).due(AT, 10)).to.deep.equal([row]);
      });

      it('keeps the case notice a row is (status update or reminder, the masked name), and refuses a malformed one', async () => {
        const dir = newDir();
        const store = await open(dir);
        const [update, reminder] = await store.enqueue([
          { ...note('update', 1), notice: { kind: 'status', applicant: '王*国' } },
          { ...note('reminder', 1), notice: { kind: 'reminder', applicant: '王*国' } },
        ], AT);
        expect(update.notice).to.deep.equal({ kind: 'status', applicant: '王*国' });
        expect(reminder.notice).to.deep.equal({ kind: 'reminder', applicant: '王*国' });
        expect(await (await open(dir)).due(AT, 10)).to.deep.equal([update, reminder]);
        const bad = { ...note('bad', 1), notice: { kind: 'news', applicant: '王*国' } } as unknown as NewOutboxRow;
        let error: unknown;
        await store.enqueue([bad], AT).catch((err: unknown) => (error = err));
        expect(String(error)).to.include('notice.kind');
      });

      it('keeps the SMS a row carries, and refuses one with a landline or an unknown template', async () => {
        const dir = newDir();
        const store = await open(dir);
        const sms = { phone: '13812345678', template: 'status' as const, params: ['王*国', 'YC202611200001', '已通过预审'] };
        const [row] = await store.enqueue([{ ...note('sms', 1), conversation: { channelId: 'sms' }, sms }], AT);
        expect(row.sms).to.deep.equal(sms);
        expect(await (await open(dir)).due(AT, 10)).to.deep.equal([row]);
        await rejects(store.enqueue([{ ...note('landline'), sms: { ...sms, phone: '0791-86123456' } }], AT));
        await rejects(store.enqueue([{ ...note('unknown'), sms: { ...sms, template: 'promo' as never } }], AT));
      });

      it('skips a dedupe key seen in the same batch or stored before', async () => {
        const store = await open(newDir());
        const first = await store.enqueue([note('a'), note('b'), note('a', 2, { text: '重复' })], AT);
        expect(keysOf(first)).to.deep.equal(['a', 'b']);
        expect(first[0].text).to.equal('您的申请 a 有新进展');
        expect(await store.enqueue([note('b'), note('a')], later(1))).to.deep.equal([]);
        expect(keysOf(await store.enqueue([note('c'), note('a')], later(2)))).to.deep.equal(['c']);
        expect(keysOf(await store.due(later(5), 10))).to.deep.equal(['a', 'b', 'c']);
        expect(await store.enqueue([], AT)).to.deep.equal([]);
      });

      it('keeps a key once it is delivered or dead, and after reopening', async () => {
        const dir = newDir();
        const store = await open(dir);
        const [a, b] = await store.enqueue([note('a'), note('b'), note('c')], AT);
        await store.markDelivered(a.id, later(1));
        await store.markFailed(b.id, 'gone', later(1), { dead: true });
        expect(await store.enqueue([note('a'), note('b'), note('c')], later(2))).to.deep.equal([]);
        const reopened = await open(dir);
        expect(await reopened.enqueue([note('a'), note('b'), note('c')], later(3))).to.deep.equal([]);
        expect(keysOf(await reopened.enqueue([note('d'), note('a')], later(3)))).to.deep.equal(['d']);
        expect(keysOf(await reopened.due(later(3), 10))).to.deep.equal(['c', 'd']);
      });

      it('keeps a later dueAt and gives it back as an ISO instant', async () => {
        const store = await open(newDir());
        const [row] = await store.enqueue([note('morning', 1, { dueAt: '2026-11-20T08:00:00+08:00' })], AT);
        expect(row.dueAt).to.equal('2026-11-20T00:00:00.000Z');
        expect(row.createdAt).to.equal(AT.toISOString());
      });

      it('does not keep a reference to the caller objects', async () => {
        const store = await open(newDir());
        const input = note('a');
        const [row] = await store.enqueue([input], AT);
        input.text = 'changed';
        (input.conversation.conversation as { id: string }).id = 'changed';
        row.text = 'changed too';
        const [stored] = await store.due(AT, 1);
        expect(stored.text).to.equal('您的申请 a 有新进展');
        expect(stored.conversation.conversation?.id).to.equal('conv-1');
      });

      it('refuses a bad row or date, adding nothing of the batch', async () => {
        const store = await open(newDir());
        for (const bad of [
          note(''),
          note('x', 1, { text: '' }),
          note('x', 1, { recipient: '' }),
          note('x', 1, { dueAt: 'tomorrow' }),
          { ...note('x'), conversation: null as unknown as NewOutboxRow['conversation'] },
        ]) {
          await rejects(store.enqueue([note('ok'), bad], AT));
        }
        await rejects(store.enqueue([note('ok')], new Date('nope')));
        expect(await store.due(later(60), 10)).to.deep.equal([]);
        expect(await store.enqueue([note('ok')], AT)).to.have.length(1);
      });
    });

    describe('due', () => {
      it('gives only rows due at that time, in creation order, at most `limit`', async () => {
        const store = await open(newDir());
        await store.enqueue([note('in-10', 1, { dueAt: later(10).toISOString() })], AT);
        await store.enqueue([note('now-1'), note('in-5', 2, { dueAt: later(5).toISOString() })], later(1));
        await store.enqueue([note('now-2')], later(2));
        expect(keysOf(await store.due(later(2), 10))).to.deep.equal(['now-1', 'now-2']);
        expect(keysOf(await store.due(later(5), 10))).to.deep.equal(['now-1', 'in-5', 'now-2']);
        expect(keysOf(await store.due(later(10), 10))).to.deep.equal(['in-10', 'now-1', 'in-5', 'now-2']);
        expect(keysOf(await store.due(later(10), 2))).to.deep.equal(['in-10', 'now-1']);
        expect(await store.due(later(10), 0)).to.deep.equal([]);
        expect(await store.due(AT, 10)).to.deep.equal([]);
      });

      it('picks the oldest due rows when many more are due than asked for', async () => {
        const store = await open(newDir());
        await store.enqueue(Array.from({ length: 50 }, (_, i) => note(`late-${i}`, i, { dueAt: later(30).toISOString() })), AT);
        await store.enqueue(Array.from({ length: 50 }, (_, i) => note(`now-${i}`, i)), later(1));
        expect(keysOf(await store.due(later(1), 3))).to.deep.equal(['now-0', 'now-1', 'now-2']);
        expect(keysOf(await store.due(later(30), 3))).to.deep.equal(['late-0', 'late-1', 'late-2']);
        expect(await store.due(later(30), 1000)).to.have.length(100);
      });

      it('hands out copies', async () => {
        const store = await open(newDir());
        await store.enqueue([note('a')], AT);
        const [row] = await store.due(AT, 1);
        row.attempts = 99;
        expect((await store.due(AT, 1))[0].attempts).to.equal(0);
      });
    });

    describe('marking', () => {
      it('markDelivered takes a row out of due and records when', async () => {
        const store = await open(newDir());
        const [a, b] = await store.enqueue([note('a'), note('b')], AT);
        await store.markDelivered(a.id, later(1));
        expect(keysOf(await store.due(later(2), 10))).to.deep.equal(['b']);
        const [delivered] = await store.list({ status: 'delivered' });
        expect(delivered).to.deep.equal({ ...a, status: 'delivered', attempts: 1, deliveredAt: later(1).toISOString() });
        await rejects(store.markDelivered(a.id, later(2)));
        await rejects(store.markDelivered('no-such-row', later(2)));
        expect((await store.list({ status: 'pending' })).map((r) => r.id)).to.deep.equal([b.id]);
      });

      it('markFailed with retryAt counts the attempt and holds the row until then, keeping its place', async () => {
        const store = await open(newDir());
        const [a] = await store.enqueue([note('a'), note('b')], AT);
        await store.markFailed(a.id, 'HTTP 503', later(1), { retryAt: later(2) });
        expect(keysOf(await store.due(later(1), 10))).to.deep.equal(['b']);
        const [retried] = await store.due(later(2), 10);
        expect(retried).to.deep.equal({ ...a, attempts: 1, lastError: 'HTTP 503', dueAt: later(2).toISOString() });
        await store.markFailed(a.id, 'HTTP 500', later(2), { retryAt: later(4) });
        expect((await store.due(later(4), 10)).map((r) => [r.dedupeKey, r.attempts, r.lastError])).to.deep.equal([
          ['a', 2, 'HTTP 500'],
          ['b', 0, undefined],
        ]);
      });

      it('markFailed deferred (a rate limit) holds the row without counting an attempt', async () => {
        const dir = newDir();
        const store = await open(dir);
        const [a] = await store.enqueue([note('a')], AT);
        await store.markFailed(a.id, 'rate limited', AT, { retryAt: later(1), deferred: true });
        expect(await store.due(AT, 10)).to.deep.equal([]);
        expect(await (await open(dir)).due(later(1), 10)).to.deep.equal([{ ...a, attempts: 0, lastError: 'rate limited', dueAt: later(1).toISOString() }]);
      });

      it('markFailed with dead dead-letters the row: never due again, listed as dead', async () => {
        const store = await open(newDir());
        const [a] = await store.enqueue([note('a')], AT);
        await store.markFailed(a.id, 'HTTP 403', later(1), { dead: true });
        expect(await store.due(later(60 * 24), 10)).to.deep.equal([]);
        expect(await store.list({ status: 'dead' })).to.deep.equal([{ ...a, status: 'dead', attempts: 1, lastError: 'HTTP 403' }]);
        await rejects(store.markFailed(a.id, 'again', later(2), { retryAt: later(3) }));
        await rejects(store.markFailed(a.id, 'again', later(2), { dead: true }));
      });
    });

    describe('list', () => {
      let store: OutboxStore;
      let ids: Record<string, string>;

      before(async () => {
        store = await open(newDir());
        const rows = await store.enqueue([note('a', 1), note('b', 2), note('c', 1), note('d', 2), note('e', 1)], AT);
        ids = Object.fromEntries(rows.map((r) => [r.dedupeKey, r.id]));
        await store.markDelivered(ids.b, later(1));
        await store.markDelivered(ids.c, later(1));
        await store.markFailed(ids.d, 'gone', later(1), { dead: true });
      });

      it('lists every row, newest first', async () => {
        expect(keysOf(await store.list({}))).to.deep.equal(['e', 'd', 'c', 'b', 'a']);
      });

      it('filters by status, case and both, and stops at `limit`', async () => {
        expect(keysOf(await store.list({ status: 'pending' }))).to.deep.equal(['e', 'a']);
        expect(keysOf(await store.list({ status: 'delivered' }))).to.deep.equal(['c', 'b']);
        expect(keysOf(await store.list({ status: 'dead' }))).to.deep.equal(['d']);
        expect(keysOf(await store.list({ caseNo: 'YC202611200001' }))).to.deep.equal(['e', 'c', 'a']);
        expect(keysOf(await store.list({ caseNo: 'YC202611200002', status: 'delivered' }))).to.deep.equal(['b']);
        expect(keysOf(await store.list({ caseNo: 'YC209912319999' }))).to.deep.equal([]);
        expect(keysOf(await store.list({ limit: 2 }))).to.deep.equal(['e', 'd']);
        expect(keysOf(await store.list({ status: 'delivered', limit: 1 }))).to.deep.equal(['c']);
      });

      it('shows each row in its current state', async () => {
        const all = Object.fromEntries((await store.list({})).map((r) => [r.dedupeKey, r]));
        expect(all.a).to.include({ status: 'pending', attempts: 0 });
        expect(all.b).to.include({ status: 'delivered', attempts: 1, deliveredAt: later(1).toISOString() });
        expect(all.d).to.include({ status: 'dead', lastError: 'gone' });
      });
    });

    describe('durability', () => {
      it('keeps every row and its state across reopening', async () => {
        const dir = newDir();
        const store = await open(dir);
        const rows = await store.enqueue([note('a'), note('b'), note('c'), note('d', 2, { dueAt: later(30).toISOString() })], AT);
        await store.markDelivered(rows[0].id, later(1));
        await store.markFailed(rows[1].id, 'HTTP 503', later(1), { retryAt: later(5) });
        await store.markFailed(rows[2].id, 'HTTP 404', later(1), { dead: true });
        const before = await store.list({});
        const reopened = await open(dir);
        expect(await reopened.list({})).to.deep.equal(before);
        expect(keysOf(await reopened.due(later(4), 10))).to.deep.equal([]);
        expect(keysOf(await reopened.due(later(30), 10))).to.deep.equal(['b', 'd']);
        // New rows come after the old ones in creation order.
        const [e] = await reopened.enqueue([note('e')], later(2));
        expect(before.map((r) => r.id)).not.to.include(e.id);
        expect(keysOf(await reopened.due(later(30), 10))).to.deep.equal(['b', 'd', 'e']);
      });

      it('loses or duplicates nothing under concurrent enqueues and marks', async () => {
        const dir = newDir();
        const store = await open(dir);
        // 40 callers at once, each with 5 rows; every key is offered by two callers.
        const batches = Array.from({ length: 40 }, (_, c) => Array.from({ length: 5 }, (_, r) => note(`k-${(c % 20) * 5 + r}`, c)));
        const results = await Promise.all(batches.map((batch, c) => store.enqueue(batch, later(c % 3))));
        const added = results.flat();
        expect(added).to.have.length(100);
        expect(new Set(keysOf(added)).size).to.equal(100);
        expect(new Set(added.map((r) => r.id)).size).to.equal(100);
        const due = await store.due(later(3), 1000);
        expect(due.map((r) => r.id).sort()).to.deep.equal(added.map((r) => r.id).sort());
        // Half marked delivered, a quarter retried, a quarter dead, all at once.
        await Promise.all(
          due.map((row, i) =>
            i % 2 === 0
              ? store.markDelivered(row.id, later(4))
              : i % 4 === 1
                ? store.markFailed(row.id, 'x', later(4), { retryAt: later(10) })
                : store.markFailed(row.id, 'x', later(4), { dead: true }),
          ),
        );
        const reopened = await open(dir);
        for (const s of [store, reopened]) {
          expect(await s.list({ status: 'delivered', limit: 500 })).to.have.length(50);
          expect(await s.list({ status: 'dead', limit: 500 })).to.have.length(25);
          expect(await s.list({ status: 'pending', limit: 500 })).to.have.length(25);
          expect(await s.list({ limit: 500 })).to.have.length(100);
          expect(await s.due(later(9), 1000)).to.deep.equal([]);
          expect(await s.due(later(10), 1000)).to.have.length(25);
        }
      });
    });
  });
}
