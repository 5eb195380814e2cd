import { expect } from 'chai';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseRecord } from '../../data/cases.js';
import { DEFAULT_CASE_SHARDS, LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { checkCharacter } from '../../data/idNumber.js';
import { newCase, testIdNumber } from '../fixtures/cases.js';
import { tempDir } from '../support.js';
import { caseStoreConformance } from './caseStore.conformance.js';

caseStoreConformance('lowdb, 3 shards', (dir) => LowdbCaseStore.open(dir, { shards: 3 }), () => tempDir());

/** Every case as it is on disk right now, read straight from the shard files. */
function casesOnDisk(dataDir: string): Map<string, CaseRecord> {
  const dir = join(dataDir, 'cases');
  const found = new Map<string, CaseRecord>();
  for (const name of readdirSync(dir).filter((f) => /^shard-\d{3}\.json$/.test(f))) {
    for (const [no, record] of Object.entries(JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, CaseRecord>)) {
      expect(found.has(no), `${no} in two shards`).to.equal(false);
      found.set(no, record);
    }
  }
  return found;
}

describe('LowdbCaseStore files', () => {
  const at = new Date('2026-11-20T02:00:00Z');

  it('are owner-only, in an owner-only folder', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbCaseStore.open(dataDir);
    await Promise.all(Array.from({ length: 10 }, () => store.create(newCase(), at)));
    for (const folder of [dataDir, join(dataDir, 'cases')]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    const files = readdirSync(join(dataDir, 'cases'));
    expect(files.length).to.be.greaterThan(1);
    for (const name of files) expect(statSync(join(dataDir, 'cases', name)).mode & 0o777, name).to.equal(0o600);
  });

  it('spread cases over shard files, each case in one, with the layout in sequence.json', async () => {
    const dataDir = tempDir();
    const store = await LowdbCaseStore.open(dataDir, { shards: 8 });
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) => store.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), at)));
    // `.prev` files are the last good copies (lowdb.test.ts).
    const files = readdirSync(join(dataDir, 'cases')).filter((f) => !f.endsWith('.prev')).sort();
    const shards = files.filter((f) => /^shard-\d{3}\.json$/.test(f));
    expect(files).to.deep.equal(['sequence.json', ...shards]);
    expect(shards.length).to.be.within(2, 8);
    expect([...casesOnDisk(dataDir).keys()].sort()).to.deep.equal(created.map((c) => c.caseNo).sort());
    const sequence = JSON.parse(readFileSync(join(dataDir, 'cases', 'sequence.json'), 'utf8'));
    expect(sequence.shards).to.equal(8);
  });

  it('use 128 shards by default and keep the layout a folder was made with', async () => {
    expect(DEFAULT_CASE_SHARDS).to.equal(128);
    const dataDir = tempDir();
    await LowdbCaseStore.open(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, 'cases', 'sequence.json'), 'utf8')).shards).to.equal(128);
    const small = tempDir();
    const store = await LowdbCaseStore.open(small, { shards: 4 });
    const created = await store.create(newCase(), at);
    expect(await (await LowdbCaseStore.open(small)).get(created.caseNo)).to.deep.equal(created);
    let error: Error | undefined;
    await LowdbCaseStore.open(small, { shards: 16 }).catch((err: Error) => (error = err));
    expect(error?.message).to.include('4 shards');
  });

  it('hold a case on disk as soon as create resolves', async () => {
    const dataDir = tempDir();
    const store = await LowdbCaseStore.open(dataDir);
    const checks = Array.from({ length: 20 }, (_, i) =>
      store.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), at).then((created) => {
        // Synchronously, before anything else runs: the files must already hold it.
        const onDisk = casesOnDisk(dataDir).get(created.caseNo);
        expect(onDisk).to.deep.equal(created);
        return created;
      }),
    );
    const created = await Promise.all(checks);
    const reopened = await LowdbCaseStore.open(dataDir);
    expect(await reopened.count()).to.equal(20);
    expect(await reopened.get(created[19].caseNo)).to.deep.equal(created[19]);
  });

  it('do not acknowledge or keep a case whose write failed', async () => {
    const dataDir = tempDir();
    const dir = join(dataDir, 'cases');
    const store = await LowdbCaseStore.open(dataDir, { shards: 2 });
    const kept = await store.create(newCase(), at);
    // A directory where the temp file should go makes the next write fail, even for root.
    const blockers = ['.shard-000.json.tmp', '.shard-001.json.tmp'].map((n) => join(dir, n));
    blockers.forEach((b) => mkdirSync(b));
    let error: unknown;
    await store.create(newCase(), at).catch((err) => (error = err));
    expect(error).to.be.instanceOf(Error);
    expect(await store.count()).to.equal(1);
    expect((await store.list({})).map((c) => c.caseNo)).to.deep.equal([kept.caseNo]);
    blockers.forEach((b) => rmSync(b, { recursive: true }));
    const next = await store.create(newCase(), at);
    expect(next.caseNo).not.to.equal(kept.caseNo);
    const reopened = await LowdbCaseStore.open(dataDir);
    expect((await reopened.list({})).map((c) => c.caseNo)).to.deep.equal([next.caseNo, kept.caseNo]);

  });

  it('never hand out a used number when the counter file is behind the cases', async () => {
    const dataDir = tempDir();
    const store = await LowdbCaseStore.open(dataDir);
    const created = await Promise.all([1, 2, 3].map(() => store.create(newCase(), at)));
    writeFileSync(join(dataDir, 'cases', 'sequence.json'), JSON.stringify({ shards: 128, days: {} }), { mode: 0o600 });
    const next = await (await LowdbCaseStore.open(dataDir)).create(newCase(), at);
    expect(created.map((c) => c.caseNo)).not.to.include(next.caseNo);
    expect(next.caseNo).to.equal('YC202611200004');
  });

  it('can be bulk-loaded into a new folder', async () => {
    const source = await LowdbCaseStore.open(tempDir());
    const records = await Promise.all(
      Array.from({ length: 30 }, (_, i) => source.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), new Date(at.getTime() + i * 3_600_000))),
    );
    const dataDir = tempDir();
    await LowdbCaseStore.importInto(dataDir, records, { shards: 5 });
    const store = await LowdbCaseStore.open(dataDir);
    expect(await store.count()).to.equal(30);
    expect(await store.list({ limit: 500 })).to.deep.equal([...records].reverse());
    const next = await store.create(newCase(), new Date('2026-11-21T10:00:00Z'));
    expect(records.map((r) => r.caseNo)).not.to.include(next.caseNo);
    let error: Error | undefined;
    await LowdbCaseStore.importInto(dataDir, records).catch((err: Error) => (error = err));
    expect(error?.message).to.include('already');
  });
});

describe('case fixtures', () => {
  it('make valid ID numbers (MOD 11-2), the standard sample included', () => {
    expect(testIdNumber(2)).to.equal('11010519491231002X');
    expect(checkCharacter('11010119900307451')).to.equal('4');
    const { idNumber } = newCase().applicant;
    expect(checkCharacter(idNumber.slice(0, 17))).to.equal(idNumber[17]);
    expect(testIdNumber(7, '1960-05-04')).to.match(/^11010519600504007[\dX]$/);
  });
});
