import { expect } from 'chai';
import type { FeedbackStore, UnansweredStore } from '../../data/stores.js';

/**
 * The contract of the knowledge-base stores, written against the interfaces: every backend
 * runs these same tests. `open` returns a store over `dir`; opening twice shows persistence.
 */
export function unansweredStoreConformance(name: string, open: (dir: string) => Promise<UnansweredStore>, newDir: () => string) {
  describe(`UnansweredStore conformance: ${name}`, () => {
    it('counts repeats of a question and keeps first and last time', async () => {
      const store = await open(newDir());
      await store.record('k1', '问题一', new Date('2026-01-01T00:00:00Z'));
      const row = await store.record('k1', '问题一（又问）', new Date('2026-01-02T00:00:00Z'));
      expect(row).to.include({ key: 'k1', count: 2, example: '问题一（又问）', firstAt: '2026-01-01T00:00:00.000Z', lastAt: '2026-01-02T00:00:00.000Z' });
    });

    it('lists the most asked first, up to the limit', async () => {
      const store = await open(newDir());
      const at = new Date('2026-01-01T00:00:00Z');
      await store.record('a', 'a', at);
      await store.record('b', 'b', at);
      await store.record('b', 'b', at);
      await store.record('c', 'c', at);
      const two = await store.list(2);
      expect(two).to.have.length(2);
      expect(two[0]).to.include({ key: 'b', count: 2 });
      expect(await store.list(10)).to.have.length(3);
    });

    it('keeps keys such as __proto__ and constructor as questions of their own, touching no prototype', async () => {
      const dir = newDir();
      const store = await open(dir);
      const at = new Date('2026-01-01T00:00:00Z');
      for (const key of ['__proto__', 'constructor', 'toString', '__proto__']) await store.record(key, key, at);
      const counts = Object.fromEntries((await (await open(dir)).list(10)).map((r) => [r.key, r.count]));
      expect(counts).to.deep.equal({ ['__proto__']: 2, constructor: 1, toString: 1 });
      expect(({} as Record<string, unknown>).count).to.equal(undefined);
      expect((Object as unknown as Record<string, unknown>).count).to.equal(undefined);
    });

    it('keeps what was recorded after reopening', async () => {
      const dir = newDir();
      const store = await open(dir);
      await Promise.all([1, 2, 3].map(() => store.record('x', 'x', new Date())));
      expect((await (await open(dir)).list(1))[0].count).to.equal(3);
    });

    it('returns copies, not live rows', async () => {
      const store = await open(newDir());
      await store.record('x', 'x', new Date());
      (await store.list(1))[0].count = 99;
      expect((await store.list(1))[0].count).to.equal(1);
    });
  });
}

export function feedbackStoreConformance(name: string, open: (dir: string) => Promise<FeedbackStore>, newDir: () => string) {
  describe(`FeedbackStore conformance: ${name}`, () => {
    const fb = (entryId: string, helpful: boolean, at: string) => ({ entryId, helpful, channel: 'chat' as const, at });

    it('totals helpful and not helpful per entry, most criticised first', async () => {
      const store = await open(newDir());
      await store.record(fb('a', true, '2026-01-01T00:00:00Z'));
      await store.record(fb('b', false, '2026-01-01T00:00:01Z'));
      await store.record(fb('b', false, '2026-01-01T00:00:02Z'));
      await store.record(fb('a', false, '2026-01-01T00:00:03Z'));
      const summary = await store.summary();
      expect(summary[0]).to.include({ entryId: 'b', helpful: 0, notHelpful: 2 });
      expect(summary[1]).to.include({ entryId: 'a', helpful: 1, notHelpful: 1 });
    });

    it('lists recent feedback newest first and keeps it after reopening', async () => {
      const dir = newDir();
      const store = await open(dir);
      await store.record(fb('a', true, '2026-01-01T00:00:00Z'));
      await store.record(fb('b', false, '2026-01-02T00:00:00Z'));
      const recent = await (await open(dir)).recent(10);
      expect(recent.map((r) => r.entryId)).to.deep.equal(['b', 'a']);
    });
  });
}
