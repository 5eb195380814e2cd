import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LowdbUnansweredStore } from '../../data/lowdb/lowdbKnowledgeStores.js';
import { LowdbStorage } from '../../data/lowdb/lowdbStorage.js';
import { openLow } from '../../data/lowdb/open.js';
import { tempDir } from '../support.js';


describe('lowdb files', () => {
  it('are readable by the owner only, in an owner-only folder', async () => {
    const dir = join(tempDir(), 'data');
    const storage = await LowdbStorage.open(dir);
    await storage.write({ a: { n: 1 } });
    await storage.flush();
    const store = await LowdbUnansweredStore.open(dir);
    await store.record('k', 'k', new Date());
    const check = (folder: string): void => {
      expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) check(path);
        else expect(statSync(path).mode & 0o777, path).to.equal(0o600);
      }
    };
    check(dir);
    expect(readdirSync(join(dir, 'bot-state')).length).to.be.greaterThan(0);
  });

  it('leave no temp file behind, keep the version before the last write as .prev, and coalesce a burst of writes', async () => {
    const dir = tempDir();
    const db = await openLow<{ n: number }>(dir, 'burst.json', { n: 0 });
    const writes = Array.from({ length: 50 }, () => {
      db.data.n += 1;
      return db.write();
    });
    await Promise.all(writes);
    expect(readdirSync(dir).sort()).to.deep.equal(['burst.json', 'burst.json.prev']);
    expect(JSON.parse(readFileSync(join(dir, 'burst.json.prev'), 'utf8')).n).to.be.within(1, 49);
    expect(statSync(join(dir, 'burst.json.prev')).mode & 0o777).to.equal(0o600);
    const reopened = await openLow<{ n: number }>(dir, 'burst.json', { n: 0 });
    expect(reopened.data.n).to.equal(50);
  });
});
