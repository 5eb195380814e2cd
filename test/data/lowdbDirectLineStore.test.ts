import { expect } from 'chai';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { tempDir } from '../support.js';


describe('LowdbDirectLineStore files', () => {
  it('are owner-only, in owner-only folders', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbDirectLineStore.open(dataDir);
    await store.create('c', new Date('2026-11-20T02:00:00Z'));
    await store.append('c', { type: 'message', text: '你好' }, new Date('2026-11-20T02:01:00Z'));
    const dir = join(dataDir, 'directline');
    for (const folder of [dataDir, dir]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).to.be.greaterThan(0);
    for (const name of files) expect(statSync(join(dir, name)).mode & 0o777, name).to.equal(0o600);
  });
});
