import { expect } from 'chai';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { tempDir } from '../support.js';
import { directLineStoreConformance } from './directLineStore.conformance.js';

directLineStoreConformance('lowdb', (dir, limits) => LowdbDirectLineStore.open(dir, limits), () => tempDir());

describe('LowdbDirectLineStore files', () => {
  it('are owner-only, in owner-only folders', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbDirectLineStore.open(dataDir);
    await store.create('c', new Date('2026-11-20T02:00:00Z'));
    await store.append('c', { type: 'message', text: '你好' }, new Date('2026-11-20T02:01:00Z'));
    const dir = join(dataDir, 'directline');
    for (const folder of [dataDir, dir]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).to.be.greaterThan(0);
    for (const name of files) expect(statSync(join(dir, name)).mode & 0o777, name).to.equal(0o600);
  });

  it('refuses limits that are not positive integers', async () => {
    for (const limits of [{ maxActivities: 0 }, { retentionMs: -1 }, { maxActivities: 1.5 }]) {
      let error: unknown;
      await LowdbDirectLineStore.open(tempDir(), limits).catch((err: unknown) => (error = err));
      expect(error, JSON.stringify(limits)).to.be.instanceOf(RangeError);
    }
  });
});
