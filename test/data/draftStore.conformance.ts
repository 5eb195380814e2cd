import { expect } from 'chai';
import type { DraftStore } from '../../data/stores.js';

interface Draft {
  step: string;
  fields: Record<string, string>;
}

const AT = new Date('2026-11-20T02:00:00Z');

/** The DraftStore contract: every backend runs these same tests; opening `dir` again shows what was made durable. */
export function draftStoreConformance(name: string, open: (dir: string) => Promise<DraftStore<Draft>>, newDir: () => string) {
  describe(`DraftStore conformance: ${name}`, () => {
    it('has no draft for an unknown user, and deleting one is a no-op', async () => {
      const store = await open(newDir());
      expect(await store.get('nobody')).to.equal(undefined);
      await store.delete('nobody');
      expect(await store.get('nobody')).to.equal(undefined);
    });

    it('saves, replaces and deletes one draft per user, with the time of the last save', async () => {
      const store = await open(newDir());
      await store.save('u1', { step: 'name', fields: {} }, AT);
      await store.save('u2', { step: 'phone', fields: { name: '王建国' } }, AT);
      const later = new Date(AT.getTime() + 60_000);
      await store.save('u1', { step: 'phone', fields: { name: '李四' } }, later);
      expect(await store.get('u1')).to.deep.equal({ draft: { step: 'phone', fields: { name: '李四' } }, updatedAt: later.toISOString() });
      expect((await store.get('u2'))?.draft.fields.name).to.equal('王建国');
      await store.delete('u1');
      expect(await store.get('u1')).to.equal(undefined);
      expect(await store.get('u2')).to.not.equal(undefined);
    });

    it('hands out copies: changing what was saved or read changes nothing stored', async () => {
      const store = await open(newDir());
      const draft: Draft = { step: 'name', fields: { a: '1' } };
      await store.save('u1', draft, AT);
      draft.fields.a = 'changed';
      (await store.get('u1'))!.draft.fields.a = 'changed too';
      expect((await store.get('u1'))?.draft.fields.a).to.equal('1');
    });

    it('keeps keys of any characters apart, "__proto__" and "constructor" included', async () => {
      const store = await open(newDir());
      for (const key of ['__proto__', 'constructor', 'toString', 'webchat:用户 1']) await store.save(key, { step: key, fields: {} }, AT);
      for (const key of ['__proto__', 'constructor', 'toString', 'webchat:用户 1']) expect((await store.get(key))?.draft.step).to.equal(key);
      expect(await store.get('hasOwnProperty')).to.equal(undefined);
    });

    it('keeps every acknowledged save across reopening, concurrent ones included', async () => {
      const dir = newDir();
      const store = await open(dir);
      await Promise.all(Array.from({ length: 30 }, (_, i) => store.save(`u${i}`, { step: `s${i}`, fields: {} }, AT)));
      await store.delete('u0');
      const reopened = await open(dir);
      expect(await reopened.get('u0')).to.equal(undefined);
      for (let i = 1; i < 30; i++) expect((await reopened.get(`u${i}`))?.draft.step).to.equal(`s${i}`);
    });
  });
}
