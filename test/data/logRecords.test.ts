import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogRecords } from '../../data/lowdb/logRecords.js';
import { LowdbStorage } from '../../data/lowdb/lowdbStorage.js';
import { FakeClock, tempDir } from '../support.js';

type Rec = { n: number; text: string };
const DAY = 86_400_000;
const logBytes = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.jsonl')).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);

describe('LogRecords', () => {
  it('appends only the changed record: a put costs its own line, whatever else is stored', async () => {
    const dir = tempDir();
    const records = await LogRecords.open<Rec>(dir, { fsync: false });
    await records.put(Array.from({ length: 5000 }, (_, n) => [`k${n}`, { n, text: '一段聊天状态'.repeat(20) }]));
    const before = logBytes(dir);
    await records.put([['k7', { n: 7, text: 'changed' }]]);
    expect(logBytes(dir) - before).to.be.below(100);
    const reopened = await LogRecords.open<Rec>(dir, { fsync: false });
    expect(reopened.get('k7')).to.deep.equal({ n: 7, text: 'changed' });
    expect([...reopened.entries()]).to.have.length(5000);
  });

  it('compacts in the background once most of the log is superseded: old segments go, the latest values stay', async () => {
    const dir = tempDir();
    const options = { fsync: false, segmentBytes: 16 * 1024, compactMinBytes: 64 * 1024 };
    const records = await LogRecords.open<Rec>(dir, options);
    for (let round = 0; round < 20; round++) {
      await records.put(Array.from({ length: 100 }, (_, n) => [`k${n}`, { n: round, text: 'x'.repeat(40) }]));
      if (round === 10) await records.put([['gone', { n: -1, text: '' }]]);
      if (round === 12) await records.put([['gone', undefined]]);
      // Between requests the event loop turns, and a compaction under way goes on.
      await records.settled();
    }
    await records.settled();
    // 20 rounds of 100 lines of ~55 bytes were written (~110 KB); the first segments are gone.
    expect(logBytes(dir)).to.be.below(60 * 1024);
    expect(existsSync(join(dir, '000001.jsonl'))).to.equal(false);
    const reopened = await LogRecords.open<Rec>(dir, options);
    expect(reopened.get('k42')).to.deep.equal({ n: 19, text: 'x'.repeat(40) });
    expect(reopened.get('gone')).to.equal(undefined);
    expect([...reopened.entries()]).to.have.length(100);
  });

  it('compacts again when writes made during a compaction left the log mostly superseded', async () => {
    const dir = tempDir();
    const options = { fsync: false, segmentBytes: 64 * 1024, compactMinBytes: 64 * 1024 };
    const records = await LogRecords.open<Rec>(dir, options);
    // Every key rewritten once per turn of the event loop (as a burst of chat turns does): the
    // compaction the first rounds start copies in batches while the later rounds land.
    for (let round = 0; round < 10; round++) {
      await records.put(Array.from({ length: 2000 }, (_, n) => [`k${n}`, { n: round, text: 'x'.repeat(40) }]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await records.settled();
    // 10 rounds of ~120 KB were written; 2000 live records of ~60 bytes remain.
    expect(logBytes(dir)).to.be.below(2 * 130 * 1024);
    expect((await LogRecords.open<Rec>(dir, options)).get('k42')).to.deep.equal({ n: 9, text: 'x'.repeat(40) });
  });

  it('lets requests in between the batches of a compaction, even where no write waits for the disk', async () => {
    const dir = tempDir();
    const records = await LogRecords.open<Rec>(dir, { fsync: false });
    await records.put(Array.from({ length: 2000 }, (_, n) => [`k${n}`, { n, text: 'z' }]));
    const compaction = records.compact();
    // What a request arriving now would find: the copies made before the event loop turned.
    const copiedBeforeRequest = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(readFileSync(join(dir, '000002.jsonl'), 'utf8').split('\n').filter(Boolean).length)),
    );
    await compaction;
    expect(copiedBeforeRequest).to.be.at.most(500);
    expect([...(await LogRecords.open<Rec>(dir, { fsync: false })).entries()]).to.have.length(2000);
  });

  it('keeps records written while a compaction runs', async () => {
    const dir = tempDir();
    const records = await LogRecords.open<Rec>(dir, { fsync: false, segmentBytes: 8 * 1024 });
    for (let round = 0; round < 5; round++) await records.put(Array.from({ length: 300 }, (_, n) => [`k${n}`, { n: round, text: 'y'.repeat(30) }]));
    const compaction = records.compact();
    const during = Promise.all(Array.from({ length: 300 }, (_, n) => records.put([[`k${n}`, { n: 100 + n, text: 'during' }]])));
    await Promise.all([compaction, during]);
    const reopened = await LogRecords.open<Rec>(dir, { fsync: false });
    for (const n of [0, 150, 299]) expect(reopened.get(`k${n}`)).to.deep.equal({ n: 100 + n, text: 'during' });
  });

  it('moves the records of a folder from before the log (shard files) into it, once', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shard-000.json'), JSON.stringify({ a: { n: 1, text: 'a' } }), { mode: 0o600 });
    writeFileSync(join(dir, 'shard-001.json'), JSON.stringify({ b: { n: 2, text: 'b' } }), { mode: 0o600 });
    const records = await LogRecords.open<Rec>(dir, { fsync: true });
    expect(Object.fromEntries(records.entries())).to.deep.equal({ a: { n: 1, text: 'a' }, b: { n: 2, text: 'b' } });
    expect(existsSync(join(dir, 'shard-000.json'))).to.equal(false);
    expect((await LogRecords.open<Rec>(dir, { fsync: true })).get('b')).to.deep.equal({ n: 2, text: 'b' });
  });
});

describe('chat state expiry', () => {
  it('forgets state idle for longer than the configured days, also after a restart; active state stays', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const storage = await LowdbStorage.open(dir, { idleDays: 30, clock });
    await storage.write({ 'c/conversations/old': { step: 1 }, 'c/conversations/busy': { step: 1 } });
    clock.advance(20 * DAY);
    await storage.write({ 'c/conversations/busy': { step: 2 } });
    clock.advance(11 * DAY);
    const read = await storage.read(['c/conversations/old', 'c/conversations/busy']);
    expect(Object.keys(read)).to.deep.equal(['c/conversations/busy']);
    await storage.flush();
    const reopened = await LowdbStorage.open(dir, { idleDays: 30, clock });
    expect(Object.keys(await reopened.read(['c/conversations/old', 'c/conversations/busy']))).to.deep.equal(['c/conversations/busy']);
    // Written again, an expired key is a new item (no stale eTag can be held for it).
    await reopened.write({ 'c/conversations/old': { step: 9, eTag: '*' } });
    expect((await reopened.read(['c/conversations/old']))['c/conversations/old']).to.include({ step: 9 });
  });

  it('defaults to 30 days and refuses a bad setting', async () => {
    const clock = new FakeClock();
    const storage = await LowdbStorage.open(tempDir(), { clock });
    await storage.write({ k: { v: 1 } });
    clock.advance(29 * DAY);
    expect(await storage.read(['k'])).to.have.key('k');
    clock.advance(2 * DAY);
    expect(await storage.read(['k'])).to.deep.equal({});
    let error: Error | undefined;
    await LowdbStorage.open(tempDir(), { idleDays: 0 }).catch((err: Error) => (error = err));
    expect(error).to.be.instanceOf(RangeError);
  });
});
