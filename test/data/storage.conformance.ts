import { expect } from 'chai';
import type { Storage } from 'botbuilder';

/** What ConversationState/UserState need of a Storage, in the spirit of botbuilder's storageBaseTests. */
/** A backend that writes behind exposes `flush`, awaited before a reopen. */
type FlushableStorage = Storage & { flush?(): Promise<void> };

export function storageConformance(name: string, open: (dir: string) => Promise<FlushableStorage>, newDir: () => string) {
  describe(`Storage conformance: ${name}`, () => {
    it('returns nothing for unknown keys', async () => {
      const storage = await open(newDir());
      expect(await storage.read(['nope'])).to.deep.equal({});
    });

    it('writes, reads back and overwrites (last write wins)', async () => {
      const storage = await open(newDir());
      await storage.write({ a: { n: 1 }, b: { s: '中文' } });
      await storage.write({ a: { n: 2, eTag: 'stale' } });
      const items = await storage.read(['a', 'b']);
      expect(items.a.n).to.equal(2);
      expect(items.b.s).to.equal('中文');
    });

    it('deletes keys', async () => {
      const storage = await open(newDir());
      await storage.write({ a: { n: 1 } });
      await storage.delete(['a']);
      expect(await storage.read(['a'])).to.deep.equal({});
    });

    it('does not let a reader change stored data without a write', async () => {
      const storage = await open(newDir());
      await storage.write({ a: { list: [1] } });
      (await storage.read(['a'])).a.list.push(2);
      expect((await storage.read(['a'])).a.list).to.deep.equal([1]);
    });

    it('keeps data across reopening, including concurrent writes', async () => {
      const dir = newDir();
      const storage = await open(dir);
      await Promise.all(Array.from({ length: 20 }, (_, i) => storage.write({ [`k${i}`]: { i } })));
      await storage.flush?.();
      const items = await (await open(dir)).read(Array.from({ length: 20 }, (_, i) => `k${i}`));
      expect(Object.keys(items)).to.have.length(20);
    });
  });
}
