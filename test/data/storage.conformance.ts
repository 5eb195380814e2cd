import { expect } from 'chai';
import type { Storage, StoreItems } from 'botbuilder';
import { ABSENT_ETAG, ETagConflictError } from '../../data/versionedStorage.js';

/** A backend that writes behind exposes `flush`, awaited before a reopen. */
type FlushableStorage = Storage & { flush?(): Promise<void> };

async function conflict(write: Promise<void>): Promise<ETagConflictError> {
  let error: unknown;
  await write.catch((err: unknown) => (error = err));
  expect(error, 'expected an eTag conflict').to.be.instanceOf(ETagConflictError);
  return error as ETagConflictError;
}

/**
 * The Bot Framework `Storage` contract: the cases of botbuilder-js's storageBaseTests (the
 * suite every Storage in botbuilder-js passes), plus what this project adds (copies, durability).
 * Every backend runs these same tests.
 */
export function storageConformance(name: string, open: (dir: string) => Promise<FlushableStorage>, newDir: () => string) {
  describe(`Storage conformance: ${name}`, () => {
    let storage: FlushableStorage;
    beforeEach(async () => {
      storage = await open(newDir());
    });

    it('reads an unknown key as an empty object', async () => {
      expect(await storage.read(['unknown'])).to.deep.equal({});
    });

    it('reads nothing for null or undefined keys, and writes or deletes nothing for them', async () => {
      expect(await storage.read(null as unknown as string[])).to.deep.equal({});
      expect(await storage.read(undefined as unknown as string[])).to.deep.equal({});
      expect(await storage.write(null as unknown as StoreItems)).to.equal(undefined);
      expect(await storage.write(undefined as unknown as StoreItems)).to.equal(undefined);
      expect(await storage.delete(null as unknown as string[])).to.equal(undefined);
    });

    it('writes no items without complaint', async () => {
      await storage.write({});
      await storage.write([] as unknown as StoreItems);
    });

    it('creates items and gives each an eTag', async () => {
      await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2, eTag: '*' } });
      const items = await storage.read(['createPoco', 'createPocoStoreItem']);
      expect(items.createPoco.id).to.equal(1);
      expect(items.createPocoStoreItem.id).to.equal(2);
      expect(items.createPoco.eTag).to.be.a('string').and.not.equal('*');
      expect(items.createPocoStoreItem.eTag).to.be.a('string').and.not.equal('*');
    });

    it('handles keys made of any characters', async () => {
      const key = '!@#$%^&*()~/\\><,.?\';"`~ 中文 __proto__';
      await storage.write({ [key]: { id: 1 } });
      expect((await storage.read([key]))[key].id).to.equal(1);
      await storage.write({ __proto__: { id: 2 } } as unknown as StoreItems);
      await storage.write(JSON.parse('{"__proto__":{"id":3}}') as StoreItems);
      expect((await storage.read(['__proto__']))['__proto__']?.id).to.equal(3);
    });

    it('updates with the current eTag, gives a new eTag on every write, and refuses a stale one', async () => {
      await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
      const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
      const firstETag = loaded.pocoStoreItem.eTag;
      delete loaded.pocoItem.eTag; // no eTag: an unconditional write
      loaded.pocoItem.count++;
      loaded.pocoStoreItem.count++;
      await storage.write(loaded);
      const reloaded = await storage.read(['pocoItem', 'pocoStoreItem']);
      expect(reloaded.pocoItem.count).to.equal(2);
      expect(reloaded.pocoStoreItem.count).to.equal(2);
      expect(reloaded.pocoItem.eTag).to.be.a('string');
      expect(reloaded.pocoStoreItem.eTag).to.be.a('string').and.not.equal(firstETag);

      // Without an eTag the write goes through; with the stale one it is refused, changing nothing.
      await storage.write({ pocoItem: { id: 1, count: 123 } });
      const error = await conflict(storage.write({ pocoStoreItem: { id: 1, count: 123, eTag: firstETag } }));
      expect(error.key).to.equal('pocoStoreItem');
      expect(error.message).to.include('pocoStoreItem').and.include('eTag');
      const after = await storage.read(['pocoItem', 'pocoStoreItem']);
      expect(after.pocoItem.count).to.equal(123);
      expect(after.pocoStoreItem.count).to.equal(2);

      // "*" writes whatever is stored.
      await storage.write({ pocoItem: { count: 100, eTag: '*' }, pocoStoreItem: { count: 100, eTag: '*' } });
      const final = await storage.read(['pocoItem', 'pocoStoreItem']);
      expect(final.pocoItem.count).to.equal(100);
      expect(final.pocoStoreItem.count).to.equal(100);
    });

    it('sets the new eTag on the written object, so a second save of it is not stale', async () => {
      await storage.write({ a: { n: 1 } });
      const item = (await storage.read(['a'])).a;
      item.n = 2;
      await storage.write({ a: item });
      item.n = 3;
      await storage.write({ a: item });
      expect((await storage.read(['a'])).a.n).to.equal(3);
    });

    it('lets exactly one of two writers holding the same eTag win; the batch of the loser changes nothing', async () => {
      await storage.write({ a: { n: 0 } });
      const [first, second] = [await storage.read(['a']), await storage.read(['a'])];
      first.a.n = 1;
      second.a.n = 2;
      // Either may win (a shared backend's two connections race); the loser's whole batch is refused.
      const results = await Promise.allSettled([storage.write({ a: first.a, c: { n: 8 } }), storage.write({ a: second.a, b: { n: 9 } })]);
      expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(ETagConflictError);
      const [winner, loserExtra, winnerExtra] = results[0].status === 'fulfilled' ? [1, 'b', 'c'] : [2, 'c', 'b'];
      expect(await storage.read(['a'])).to.have.nested.property('a.n', winner);
      expect(await storage.read([loserExtra])).to.deep.equal({});
      expect(await storage.read([winnerExtra])).to.have.property(winnerExtra);
    });

    it('creates with ABSENT_ETAG only while the item is absent, and refuses an eTag of an item since deleted', async () => {
      await storage.write({ fresh: { n: 1, eTag: ABSENT_ETAG } });
      await conflict(storage.write({ fresh: { n: 2, eTag: ABSENT_ETAG } }));
      expect((await storage.read(['fresh'])).fresh.n).to.equal(1);
      const { eTag } = (await storage.read(['fresh'])).fresh;
      await storage.delete(['fresh']);
      await conflict(storage.write({ fresh: { n: 3, eTag } }));
      expect(await storage.read(['fresh'])).to.deep.equal({});
    });

    it('deletes items, unknown keys without complaint', async () => {
      await storage.write({ delete1: { id: 1, count: 1 } });
      expect((await storage.read(['delete1'])).delete1.count).to.equal(1);
      await storage.delete(['delete1']);
      expect((await storage.read(['delete1'])).delete1).to.equal(undefined);
      await storage.delete(['unknown_key']);
    });

    it('writes, reads and deletes in batches', async () => {
      await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
      const result = await storage.read(['batch1', 'batch2', 'batch3']);
      for (const key of ['batch1', 'batch2', 'batch3']) {
        expect(result[key].count).to.be.greaterThan(0);
        expect(result[key].eTag).to.be.a('string');
      }
      await storage.delete(['batch1', 'batch2', 'batch3']);
      expect(await storage.read(['batch1', 'batch2', 'batch3'])).to.deep.equal({});
    });

    it('does not let a reader or a writer change stored data without a write', async () => {
      const written = { list: [1] };
      await storage.write({ a: written });
      written.list.push(9);
      (await storage.read(['a'])).a.list.push(2);
      expect((await storage.read(['a'])).a.list).to.deep.equal([1]);
    });

    it('keeps data across reopening, including concurrent writes', async () => {
      const dir = newDir();
      const first = await open(dir);
      await Promise.all(Array.from({ length: 20 }, (_, i) => first.write({ [`k${i}`]: { i } })));
      await first.flush?.();
      const items = await (await open(dir)).read(Array.from({ length: 20 }, (_, i) => `k${i}`));
      expect(Object.keys(items)).to.have.length(20);
    });
  });
}
