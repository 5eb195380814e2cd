import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseRecord } from '../../data/cases.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { checkCharacter } from '../../data/idNumber.js';
import { newCase, testIdNumber } from '../fixtures/cases.js';
import { tempDir } from '../support.js';

const logFile = (dataDir: string) => join(dataDir, 'cases', '000001.jsonl');

/** Every case as it is on disk right now: the last line of each case number in the log. */
function casesOnDisk(dataDir: string): Map<string, CaseRecord> {
  const found = new Map<string, CaseRecord>();
  for (const line of readFileSync(logFile(dataDir), 'utf8').split('\n').filter(Boolean)) {
    const record = JSON.parse(line) as CaseRecord;
    found.set(record.caseNo, record);
  }
  return found;
}

describe('LowdbCaseStore files', () => {
  const at = new Date('2026-11-20T02:00:00Z');

  it('are owner-only, in an owner-only folder', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbCaseStore.open(dataDir);
    await Promise.all(Array.from({ length: 10 }, () => store.create(newCase(), at)));
    await store.close();
    for (const folder of [dataDir, join(dataDir, 'cases')]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    const files = readdirSync(join(dataDir, 'cases'));
    expect(files.sort()).to.deep.equal(['000001.jsonl', 'index.json']);
    for (const name of files) expect(statSync(join(dataDir, 'cases', name)).mode & 0o777, name).to.equal(0o600);
  });

  it('append one line per create or change, whatever is stored already: nothing is rewritten', async () => {
    const dataDir = tempDir();
    await LowdbCaseStore.importInto(dataDir, Array.from({ length: 2000 }, (_, i) => ({ ...newCase(), caseNo: `YC2025010${String(i).padStart(5, '0')}`, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', status: 'submitted', stage: 'submitted', audit: [] }) as CaseRecord));
    const store = await LowdbCaseStore.open(dataDir);
    const before = statSync(logFile(dataDir)).size;
    const index = statSync(join(dataDir, 'cases', 'index.json')).mtimeMs;
    const created = await store.create(newCase(), at);
    const changed = await store.update(created.caseNo, (c) => void (c.stage = 'pre_review'), { by: 'staff', action: 'review' }, at);
    const lines = [created, changed].map((r) => Buffer.byteLength(JSON.stringify(r)) + 1);
    expect(statSync(logFile(dataDir)).size - before).to.equal(lines[0] + lines[1]);
    expect(statSync(join(dataDir, 'cases', 'index.json')).mtimeMs).to.equal(index);
  });

  it('hold a case on disk as soon as create resolves', async () => {
    const dataDir = tempDir();
    const store = await LowdbCaseStore.open(dataDir);
    const checks = Array.from({ length: 20 }, (_, i) =>
      store.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), at).then((created) => {
        // Synchronously, before anything else runs: the log must already hold it.
        expect(casesOnDisk(dataDir).get(created.caseNo)).to.deep.equal(created);
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
    const store = await LowdbCaseStore.open(dataDir);
    // A directory where the log's first segment should go makes the append fail, even for root.
    mkdirSync(logFile(dataDir));
    let error: unknown;
    await store.create(newCase(), at).catch((err) => (error = err));
    expect(error).to.be.instanceOf(Error);
    expect(await store.count()).to.equal(0);
    rmSync(logFile(dataDir), { recursive: true });
    const kept = await store.create(newCase(), at);
    const reopened = await LowdbCaseStore.open(dataDir);
    expect((await reopened.list({})).map((c) => c.caseNo)).to.deep.equal([kept.caseNo]);
  });

  it('start from the saved index without reading the log before it, and replay only the lines after it', async () => {
    const dataDir = tempDir();
    const store = await LowdbCaseStore.open(dataDir);
    const [first, second] = [await store.create(newCase(), at), await store.create(newCase(), at)];
    await store.close();
    const later = await (await LowdbCaseStore.open(dataDir)).create(newCase(), at);
    // Garbage in place of the second case's line: a start that parsed the covered log would refuse.
    const text = readFileSync(logFile(dataDir), 'utf8');
    const line = JSON.stringify(second);
    writeFileSync(logFile(dataDir), text.replace(line, '#'.repeat(Buffer.byteLength(line))), { mode: 0o600 });
    const reopened = await LowdbCaseStore.open(dataDir);
    expect(await reopened.count()).to.equal(3);
    expect(await reopened.get(first.caseNo)).to.deep.equal(first);
    expect(await reopened.get(later.caseNo)).to.deep.equal(later);
  });

  it('rebuild a damaged or missing index from the log, never handing out a used number', async () => {
    const dataDir = tempDir();
    const store = await LowdbCaseStore.open(dataDir);
    const created = await Promise.all([1, 2, 3].map(() => store.create(newCase(), at)));
    await store.close();
    writeFileSync(join(dataDir, 'cases', 'index.json'), '{"end":', { mode: 0o600 });
    const next = await (await LowdbCaseStore.open(dataDir)).create(newCase(), at);
    expect(created.map((c) => c.caseNo)).not.to.include(next.caseNo);
    expect(next.caseNo).to.equal('YC202611200004');
    rmSync(join(dataDir, 'cases', 'index.json'));
    expect(await (await LowdbCaseStore.open(dataDir)).count()).to.equal(4);
  });

  it('move the cases of a folder from before the log (shard files) into the log, once', async () => {
    const dataDir = tempDir();
    const dir = join(dataDir, 'cases');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const source = await LowdbCaseStore.open(tempDir());
    const records = await Promise.all([0, 1, 2].map((i) => source.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), at)));
    writeFileSync(join(dir, 'shard-000.json'), JSON.stringify({ [records[0].caseNo]: records[0], [records[2].caseNo]: records[2] }), { mode: 0o600 });
    writeFileSync(join(dir, 'shard-001.json'), JSON.stringify({ [records[1].caseNo]: records[1] }), { mode: 0o600 });
    writeFileSync(join(dir, 'sequence.json'), JSON.stringify({ shards: 2, days: { '20261120': 3 } }), { mode: 0o600 });
    const store = await LowdbCaseStore.open(dataDir);
    expect(await store.list({})).to.deep.equal([...records].reverse());
    expect(existsSync(join(dir, 'shard-000.json')) || existsSync(join(dir, 'sequence.json'))).to.equal(false);
    expect((await store.create(newCase(), at)).caseNo).to.equal('YC202611200004');
    expect(await (await LowdbCaseStore.open(dataDir)).count()).to.equal(4);
  });

  it('can be bulk-loaded into a new folder', async () => {
    const source = await LowdbCaseStore.open(tempDir());
    const records = await Promise.all(
      Array.from({ length: 30 }, (_, i) => source.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), new Date(at.getTime() + i * 3_600_000))),
    );
    const dataDir = tempDir();
    await LowdbCaseStore.importInto(dataDir, records);
    const store = await LowdbCaseStore.open(dataDir);
    expect(await store.count()).to.equal(30);
    expect(await store.list({ limit: 500 })).to.deep.equal([...records].reverse());
    const next = await store.create(newCase(), new Date('2026-11-21T10:00:00Z'));
    expect(records.map((r) => r.caseNo)).not.to.include(next.caseNo);
    let error: Error | undefined;
    await LowdbCaseStore.importInto(dataDir, records).catch((err: Error) => (error = err));
    expect(error?.message).to.include('already');
  });
  it('compact the log in the background once most of it is superseded versions, losing nothing', async () => {
    const dataDir = tempDir();
    const store = await LowdbCaseStore.open(dataDir, { compactMinBytes: 20_000 });
    const created = await Promise.all(Array.from({ length: 12 }, () => store.create(newCase(), at)));
    for (let round = 1; round <= 6; round++) {
      await Promise.all(created.map((c) => store.update(c.caseNo, (r) => void (r.applicant.phone = `1390000000${round}`), { by: 'staff:t', action: `round-${round}` }, at)));
    }
    await store.close();
    const dir = join(dataDir, 'cases');
    const segments = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    expect(segments).to.not.include('000001.jsonl');
    const lines = segments.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean));
    // Far fewer than the 84 versions written: about one per case, plus what came after the last compaction.
    expect(lines.length).to.be.below(40);
    const reopened = await LowdbCaseStore.open(dataDir);
    for (const c of created) {
      const record = await reopened.get(c.caseNo);
      expect(record?.applicant.phone, c.caseNo).to.equal('13900000006');
      expect(record?.audit.map((e) => e.action).slice(-6)).to.deep.equal([1, 2, 3, 4, 5, 6].map((r) => `round-${r}`));
    }
  });

  it('lose nothing when stopped mid-compaction: copies cut short, old segments and index still there; a change made meanwhile wins', async () => {
    const dataDir = tempDir();
    const dir = join(dataDir, 'cases');
    const store = await LowdbCaseStore.open(dataDir);
    const created = await Promise.all(Array.from({ length: 10 }, () => store.create(newCase(), at)));
    for (const c of created) await store.update(c.caseNo, (r) => void (r.applicant.phone = '13900000001'), { by: 'staff:t', action: 'before' }, at);
    await store.close();
    const before = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
    const running = await LowdbCaseStore.open(dataDir);
    // Changes that race the copies: each must stay its case's latest version.
    await Promise.all([
      running.compact(),
      ...created.slice(0, 5).map((c) => running.update(c.caseNo, (r) => void (r.applicant.phone = '13900000002'), { by: 'staff:t', action: 'during' }, at)),
    ]);
    for (const [i, c] of created.entries()) expect((await running.get(c.caseNo))?.applicant.phone, c.caseNo).to.equal(i < 5 ? '13900000002' : '13900000001');
    const after = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    expect(after).to.not.include('000001.jsonl');
    const copies = after.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean));
    // The stop: the old segment and index back in place, the new segment holding only half the copies.
    for (const [name, bytes] of before) writeFileSync(join(dir, name), bytes, { mode: 0o600 });
    for (const f of after) rmSync(join(dir, f));
    writeFileSync(join(dir, after[0]), `${copies.slice(0, Math.ceil(copies.length / 2)).join('\n')}\n`, { mode: 0o600 });
    const reopened = await LowdbCaseStore.open(dataDir);
    for (const c of created) {
      const record = await reopened.get(c.caseNo);
      const half = copies.slice(0, Math.ceil(copies.length / 2)).map((l) => JSON.parse(l) as CaseRecord);
      const expected = half.some((r) => r.caseNo === c.caseNo && r.applicant.phone === '13900000002') ? '13900000002' : '13900000001';
      expect(record?.applicant.phone, c.caseNo).to.equal(expected);
      expect(record?.audit.at(-1)?.action).to.equal(expected === '13900000002' ? 'during' : 'before');
    }
    // And after a full compaction the folder reads back the same.
    await reopened.compact();
    await reopened.close();
    const third = await LowdbCaseStore.open(dataDir);
    for (const c of created) expect((await third.get(c.caseNo))?.audit.length).to.equal((await reopened.get(c.caseNo))?.audit.length);
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
