import { expect } from 'chai';
import type { CallRecord, CallStore, NewCall } from '../../data/calls.js';

const AT = new Date('2026-11-20T02:00:00Z');
const MINUTE = 60 * 1000;
const later = (minutes: number) => new Date(AT.getTime() + minutes * MINUTE);

export const call = (n: number, extra: Partial<NewCall> = {}): NewCall => ({
  callerPhone: `1391234${String(n).padStart(4, '0')}`,
  category: '咨询',
  question: `问题 ${n}：护理补贴怎么领？`,
  answer: `答复 ${n}：一级、二级重度残疾人可以申请护理补贴。`,
  followUpNeeded: false,
  agent: '1001',
  ...extra,
});

const ids = (calls: CallRecord[]) => calls.map((c) => c.id);

/**
 * The CallStore contract, written against the interface only: every backend runs these same
 * tests. `open` returns a store over `dir`; opening the same dir again shows what was made durable.
 */
export function callStoreConformance(name: string, open: (dir: string) => Promise<CallStore>, newDir: () => string) {
  describe(`CallStore conformance: ${name}`, () => {
    it('numbers a call LD + Beijing date + daily sequence and keeps every field', async () => {
      const store = await open(newDir());
      // 01:00 on 21 November in Beijing, still the 20th in UTC.
      const night = new Date('2026-11-20T17:00:00Z');
      const first = await store.record(call(1, { followUpNeeded: true, category: '求助' }), night);
      const second = await store.record(call(2), night);
      const nextDay = await store.record(call(3), new Date('2026-11-21T17:00:00Z'));
      expect(first).to.deep.equal({ id: 'LD202611210001', at: night.toISOString(), ...call(1, { followUpNeeded: true, category: '求助' }) });
      expect(second.id).to.equal('LD202611210002');
      expect(nextDay.id).to.equal('LD202611220001');
      expect(await store.get(first.id)).to.deep.equal(first);
      expect(await store.get('LD209901010001')).to.equal(undefined);
      expect(await store.get('nonsense')).to.equal(undefined);
    });

    it('hands out copies: changing a returned call or the input changes nothing stored', async () => {
      const store = await open(newDir());
      const input = call(1);
      const stored = await store.record(input, AT);
      input.question = 'changed';
      stored.answer = 'changed';
      (await store.get(stored.id))!.agent = 'changed';
      (await store.list())[0].category = '投诉';
      expect(await store.get(stored.id)).to.deep.equal({ id: stored.id, at: AT.toISOString(), ...call(1) });
    });

    it('lists newest first with a limit, and the pending follow-ups oldest first', async () => {
      const store = await open(newDir());
      const a = await store.record(call(1, { followUpNeeded: true }), AT);
      const b = await store.record(call(2), later(1));
      const c = await store.record(call(3, { followUpNeeded: true }), later(2));
      const d = await store.record(call(4, { followUpNeeded: true }), later(3));
      expect(ids(await store.list())).to.deep.equal([d.id, c.id, b.id, a.id]);
      expect(ids(await store.list({ limit: 2 }))).to.deep.equal([d.id, c.id]);
      expect(ids(await store.list({ followUp: 'pending' }))).to.deep.equal([a.id, c.id, d.id]);
      expect(ids(await store.list({ followUp: 'pending', limit: 2 }))).to.deep.equal([a.id, c.id]);
      expect(await store.list({ followUp: 'done' })).to.deep.equal([]);
    });

    it('marks a follow-up done once, with who and when; the first record stands', async () => {
      const store = await open(newDir());
      const a = await store.record(call(1, { followUpNeeded: true }), AT);
      const b = await store.record(call(2, { followUpNeeded: true }), later(1));
      const none = await store.record(call(3), later(2));
      const done = await store.markFollowUpDone(a.id, '1002', later(30), '已电话告知');
      expect(done).to.deep.equal({ ok: true, call: { ...a, followUp: { doneBy: '1002', doneAt: later(30).toISOString(), note: '已电话告知' } } });
      expect(await store.get(a.id)).to.deep.equal(done.ok && done.call);
      expect(ids(await store.list({ followUp: 'pending' }))).to.deep.equal([b.id]);
      expect(ids(await store.list({ followUp: 'done' }))).to.deep.equal([a.id]);

      const again = await store.markFollowUpDone(a.id, '1003', later(40));
      expect(again).to.deep.include({ ok: false, reason: 'already_done' });
      expect((await store.get(a.id))!.followUp).to.deep.equal({ doneBy: '1002', doneAt: later(30).toISOString(), note: '已电话告知' });
      expect(await store.markFollowUpDone(none.id, '1002', later(30))).to.deep.equal({ ok: false, reason: 'not_needed', call: none });
      expect(await store.markFollowUpDone('LD209901010001', '1002', later(30))).to.deep.equal({ ok: false, reason: 'not_found' });
      const withoutNote = await store.markFollowUpDone(b.id, '1002', later(31));
      expect(withoutNote.ok && withoutNote.call.followUp).to.deep.equal({ doneBy: '1002', doneAt: later(31).toISOString() });
    });

    it('is durable: a reopened store has every call, follow-up and the daily sequence', async () => {
      const dir = newDir();
      const store = await open(dir);
      const a = await store.record(call(1, { followUpNeeded: true }), AT);
      const b = await store.record(call(2, { followUpNeeded: true }), later(1));
      // Another month, too.
      const december = await store.record(call(3), new Date('2026-12-01T02:00:00Z'));
      await store.markFollowUpDone(a.id, '1002', later(5));
      const reopened = await open(dir);
      expect(await reopened.list()).to.deep.equal(await store.list());
      expect(ids(await reopened.list({ followUp: 'pending' }))).to.deep.equal([b.id]);
      expect(ids(await reopened.list())).to.deep.equal([december.id, b.id, a.id]);
      expect((await reopened.record(call(4), later(10))).id).to.equal('LD202611200003');
    });

    it('numbers concurrent calls without a repeat', async () => {
      const store = await open(newDir());
      const made = await Promise.all(Array.from({ length: 20 }, (_, i) => store.record(call(i, { followUpNeeded: i % 2 === 0 }), AT)));
      expect(new Set(ids(made)).size).to.equal(20);
      expect(await store.list({ limit: 100 })).to.have.length(20);
      expect(await store.list({ followUp: 'pending' })).to.have.length(10);
      const results = await Promise.all([store.markFollowUpDone(made[0].id, 'x', later(1)), store.markFollowUpDone(made[0].id, 'y', later(1))]);
      expect(results.map((r) => r.ok).sort()).to.deep.equal([false, true]);
    });
  });
}
