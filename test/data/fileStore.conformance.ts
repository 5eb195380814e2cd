import { expect } from 'chai';
import { fileIdOf, type FileStore } from '../../data/files/fileStore.js';

/** Every FileStore backend passes the same suite. */
export function fileStoreConformance(name: string, open: () => Promise<FileStore> | FileStore): void {
  describe(`FileStore contract (${name})`, () => {
    it('keeps bytes under the SHA-256 of their owner and bytes, once however often one owner sends them', async () => {
      const store = await open();
      const bytes = Buffer.from('一张照片的字节');
      const id = await store.put(bytes, 'YC202611200001');
      expect(id).to.match(/^[0-9a-f]{64}$/).and.equal(fileIdOf(bytes, 'YC202611200001'));
      expect(await store.put(Buffer.from(bytes), 'YC202611200001')).to.equal(id);
      expect((await store.get(id))?.equals(bytes)).to.equal(true);
    });

    it('keeps the same bytes of two owners apart: deleting one leaves the other (a household’s 户口簿)', async () => {
      const store = await open();
      const bytes = Buffer.from('户口簿');
      const mine = await store.put(bytes, 'YC202611200001');
      const theirs = await store.put(bytes, 'YC202611200002');
      expect(mine).to.not.equal(theirs);
      await store.delete(mine);
      expect((await store.get(theirs))?.equals(bytes)).to.equal(true);
    });

    it('answers undefined for unknown ids and for anything that is not an id (no path is built from it)', async () => {
      const store = await open();
      for (const id of ['0'.repeat(64), '../../etc/passwd', '__proto__', 'AB'.repeat(32), '']) expect(await store.get(id), id).to.equal(undefined);
    });

    it('deletes, and deleting twice or an unknown id is harmless', async () => {
      const store = await open();
      const id = await store.put(Buffer.from('材料'), 'YC202611200001');
      await store.delete(id);
      await store.delete(id);
      await store.delete('../x');
      expect(await store.get(id)).to.equal(undefined);
    });

    it('hands out copies: changing a returned buffer changes nothing stored', async () => {
      const store = await open();
      const id = await store.put(Buffer.from('abc'), 'YC202611200001');
      const got = (await store.get(id))!;
      got[0] = 0x7a;
      expect((await store.get(id))?.toString()).to.equal('abc');
    });
  });
}
