import { expect } from 'chai';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MapRecords } from '../../data/keyedRecords.js';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { EXPIRE_BATCH, MemoryDirectLineStore, directLineLimits, type ConversationRecord } from '../../data/memory/memoryDirectLineStore.js';
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

  it('expire idle conversations in bounded batches, one short line each, never rewriting the transcripts', async () => {
    const dataDir = tempDir();
    const store = await LowdbDirectLineStore.open(dataDir, { retentionMs: 1000 });
    const at = new Date('2026-11-20T02:00:00Z');
    for (let i = 0; i < 450; i++) {
      await store.create(`c${i}`, at);
      await store.append(`c${i}`, { type: 'message', text: '请问残疾证怎么办？'.repeat(20) }, at);
    }
    const dir = join(dataDir, 'directline');
    const size = () => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
    const before = size();
    expect(await store.expire(new Date(at.getTime() + 2000))).to.equal(450);
    expect(size() - before).to.be.below(450 * 100);
    expect(await (await LowdbDirectLineStore.open(dataDir)).get('c7')).to.equal(undefined);

    const puts: number[] = [];
    const records = new MapRecords<ConversationRecord>();
    const recording = Object.assign(Object.create(records) as MapRecords<ConversationRecord>, {
      put: (changes: [string, ConversationRecord | undefined][]) => (puts.push(changes.length), records.put(changes)),
    });
    const memory = new MemoryDirectLineStore(recording, directLineLimits({ retentionMs: 1000 }));
    for (let i = 0; i < 450; i++) await memory.create(`m${i}`, at);
    puts.length = 0;
    expect(await memory.expire(new Date(at.getTime() + 2000))).to.equal(450);
    expect(puts).to.deep.equal([EXPIRE_BATCH, EXPIRE_BATCH, 450 - 2 * EXPIRE_BATCH]);
  });
});
