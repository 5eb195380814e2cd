import { expect } from 'chai';
import { seqOf, type DirectLineLimits, type DirectLineStore } from '../../data/directLineStore.js';

const t0 = new Date('2026-11-20T02:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const message = (text: string) => ({ type: 'message', text, from: { id: 'u1' } });
const texts = (activities: Record<string, unknown>[]) => activities.map((a) => a.text);

/**
 * The DirectLineStore contract, written against the interface only: every backend runs these
 * same tests. `open` returns a store over `dir` with the given limits (defaults otherwise);
 * opening the same dir again shows what was written.
 */
export function directLineStoreConformance(
  name: string,
  open: (dir: string, limits?: Partial<DirectLineLimits>) => Promise<DirectLineStore>,
  newDir: () => string,
) {
  describe(`DirectLineStore conformance: ${name}`, () => {
    it('refuses limits that are not positive integers', async () => {
      for (const limits of [{ maxActivities: 0 }, { retentionMs: -1 }, { maxActivities: 1.5 }]) {
        let error: unknown;
        await open(newDir(), limits).catch((err: unknown) => (error = err));
        expect(error, JSON.stringify(limits)).to.be.instanceOf(RangeError);
      }
    });

    it('creates a conversation once; a second create of the id changes nothing', async () => {
      const store = await open(newDir());
      const created = await store.create('c1', t0);
      expect(created).to.deep.equal({ id: 'c1', createdAt: t0.toISOString(), updatedAt: t0.toISOString(), members: [] });
      await store.append('c1', message('hi'), at(1));
      expect(await store.create('c1', at(2))).to.equal(undefined);
      expect((await store.list('c1'))?.activities).to.have.length(1);
      expect(await store.get('c1')).to.include({ createdAt: t0.toISOString(), updatedAt: at(1).toISOString() });
      expect(await store.get('nope')).to.equal(undefined);
    });

    it('numbers activities <conversation>|<7 digits> from 0, stamps the time, and keeps the rest as given', async () => {
      const store = await open(newDir());
      await store.create('conv-A', t0);
      const first = await store.append('conv-A', { ...message('一'), id: 'client-id', channelData: { clientActivityID: 'x1' } }, at(1));
      const second = await store.append('conv-A', { type: 'event', name: 'webchat/join' }, at(2));
      expect(first).to.deep.equal({
        type: 'message',
        text: '一',
        from: { id: 'u1' },
        channelData: { clientActivityID: 'x1' },
        id: 'conv-A|0000000',
        timestamp: at(1).toISOString(),
      });
      expect(second).to.include({ id: 'conv-A|0000001', name: 'webchat/join' });
      expect(seqOf(second!.id)).to.equal(1);
    });

    it('lists after a watermark, oldest first, with the watermark to ask from next', async () => {
      const store = await open(newDir());
      await store.create('c', t0);
      expect(await store.list('c')).to.deep.equal({ activities: [], watermark: undefined });
      for (const text of ['a', 'b', 'c']) await store.append('c', message(text), at(1));
      const all = await store.list('c');
      expect(texts(all!.activities)).to.deep.equal(['a', 'b', 'c']);
      expect(all!.watermark).to.equal(2);
      const after0 = await store.list('c', 0);
      expect(texts(after0!.activities)).to.deep.equal(['b', 'c']);
      expect(await store.list('c', 2)).to.deep.equal({ activities: [], watermark: 2 });
      expect(await store.list('nope')).to.equal(undefined);
    });

    it('gives 50 concurrent appends 50 distinct, gapless numbers, all listed in number order', async () => {
      const store = await open(newDir());
      await store.create('c', t0);
      const appended = await Promise.all(Array.from({ length: 50 }, (_, i) => store.append('c', message(String(i)), at(1))));
      const seqs = appended.map((a) => seqOf(a!.id)!).sort((a, b) => a - b);
      expect(seqs).to.deep.equal(Array.from({ length: 50 }, (_, i) => i));
      const listed = (await store.list('c'))!.activities.map((a) => seqOf(a.id));
      expect(listed).to.deep.equal(seqs);
    });

    it('keeps the newest maxActivities, numbers never reused, and an old watermark still works', async () => {
      const store = await open(newDir(), { maxActivities: 3 });
      await store.create('c', t0);
      for (let i = 0; i < 5; i++) await store.append('c', message(String(i)), at(i));
      const page = await store.list('c');
      expect(texts(page!.activities)).to.deep.equal(['2', '3', '4']);
      expect(page!.activities.map((a) => a.id)).to.deep.equal(['c|0000002', 'c|0000003', 'c|0000004']);
      expect(texts((await store.list('c', 0))!.activities)).to.deep.equal(['2', '3', '4']);
      expect(texts((await store.list('c', 3))!.activities)).to.deep.equal(['4']);
      expect((await store.append('c', message('5'), at(9)))!.id).to.equal('c|0000005');
    });

    it('records members once each, even when asked concurrently', async () => {
      const store = await open(newDir());
      await store.create('c', t0);
      const results = await Promise.all([store.addMembers('c', ['u1']), store.addMembers('c', ['u1', 'u2', 'u2'])]);
      expect(results.flatMap((r) => r ?? []).sort()).to.deep.equal(['u1', 'u2']);
      expect(await store.addMembers('c', ['u2'])).to.deep.equal([]);
      expect((await store.get('c'))!.members.sort()).to.deep.equal(['u1', 'u2']);
      expect(await store.addMembers('nope', ['u1'])).to.equal(undefined);
    });

    it('expires conversations idle longer than the retention, counting from their last activity', async () => {
      const store = await open(newDir(), { retentionMs: 60 * 60_000 });
      await store.create('idle', t0);
      await store.create('busy', t0);
      await store.append('busy', message('still here'), at(50));
      expect(await store.expire(at(60))).to.equal(0);
      expect(await store.expire(at(61))).to.equal(1);
      expect(await store.get('idle')).to.equal(undefined);
      expect(await store.list('idle')).to.equal(undefined);
      expect(await store.append('idle', message('late'), at(62))).to.equal(undefined);
      expect(await store.get('busy')).to.not.equal(undefined);
      expect(await store.expire(at(111))).to.equal(1);
    });

    it('hands out copies: changing what was given or returned does not change the store', async () => {
      const store = await open(newDir());
      await store.create('c', t0);
      const input = { type: 'message', text: 'original', channelData: { n: 1 } };
      const stored = await store.append('c', input, at(1));
      input.channelData.n = 2;
      stored!.text = 'changed';
      (await store.list('c'))!.activities[0].type = 'typing';
      (await store.get('c'))!.members.push('intruder');
      const again = (await store.list('c'))!.activities[0];
      expect(again).to.include({ type: 'message', text: 'original' });
      expect(again.channelData).to.deep.equal({ n: 1 });
      expect((await store.get('c'))!.members).to.deep.equal([]);
    });

    it('keeps what was acknowledged across a reopen', async () => {
      const dir = newDir();
      const store = await open(dir);
      await store.create('c', t0);
      await store.addMembers('c', ['u1']);
      await store.append('c', message('persisted'), at(1));
      const reopened = await open(dir);
      expect((await reopened.get('c'))!.members).to.deep.equal(['u1']);
      expect(texts((await reopened.list('c'))!.activities)).to.deep.equal(['persisted']);
      expect((await reopened.append('c', message('next'), at(2)))!.id).to.equal('c|0000001');
    });
  });
}
