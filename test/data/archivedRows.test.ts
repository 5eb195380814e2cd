import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveIndexFile } from '../../data/lowdb/archiveIndexFile.js';
import { ArchivedRows, keyHash, type Archived } from '../../data/lowdb/archivedRows.js';
import { tempDir } from '../support.js';

const row = (seq: number, extra: Partial<Archived> = {}): Archived => ({
  seq,
  status: seq % 7 === 0 ? 'dead' : 'delivered',
  ...(seq % 3 ? { caseNo: `YC2026112${String(seq % 1000).padStart(5, '0')}` } : {}),
  dedupeKey: `key-${seq}`,
  position: { segment: 1 + Math.floor(seq / 100), offset: seq * 37, length: 200 + (seq % 50) },
  ...extra,
});

function expectRow(rows: ArchivedRows, i: number, expected: Archived): void {
  expect(rows.seqAt(i)).to.equal(expected.seq);
  expect(rows.statusAt(i)).to.equal(expected.status);
  expect(rows.caseNoAt(i)).to.equal(expected.caseNo);
  expect(rows.positionAt(i)).to.deep.equal(expected.position);
  expect(rows.hasKey(expected.dedupeKey)).to.equal(true);
}

describe('ArchivedRows (the outbox archive in columns)', () => {
  it('keeps rows in seq order whatever order they finish in, a replayed seq once, and knows every key', () => {
    const rows = new ArchivedRows(2);
    const order = [5, 1, 3, 2, 4, 6, 3];
    for (const seq of order) rows.put(row(seq));
    expect(rows.size).to.equal(6);
    for (let i = 0; i < 6; i++) expectRow(rows, i, row(i + 1));
    expect(rows.lastSeq).to.equal(6);
    expect(rows.hasSeq(4)).to.equal(true);
    expect(rows.hasSeq(7)).to.equal(false);
    expect(rows.hasKey('key-7')).to.equal(false);
  });

  it('grows past its first sizes: 50,000 rows, every key found, none invented', () => {
    const rows = new ArchivedRows();
    for (let seq = 1; seq <= 50_000; seq++) rows.put(row(seq));
    expect(rows.size).to.equal(50_000);
    for (let seq = 1; seq <= 50_000; seq += 997) expectRow(rows, seq - 1, row(seq));
    let found = 0;
    for (let seq = 50_001; seq <= 100_000; seq++) if (rows.hasKey(`key-${seq}`)) found++;
    expect(found).to.equal(0);
  });

  it('hashes keys to 64 bits that differ for near-identical keys', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(keyHash(`YC20261120${String(i).padStart(4, '0')}-step-1`).join(':'));
    expect(seen.size).to.equal(100_000);
    expect(keyHash('a')).to.not.deep.equal(keyHash('b'));
  });

  it('are saved and read back as the same columns; a short or foreign file reads as absent', async () => {
    const dir = tempDir();
    const rows = new ArchivedRows();
    for (let seq = 1; seq <= 1000; seq++) rows.put(row(seq));
    const file = new ArchiveIndexFile(dir);
    expect(await file.read()).to.equal(undefined);
    await file.write({ segment: 11, offset: 4242 }, rows);
    const back = await file.read();
    expect(back?.end).to.deep.equal({ segment: 11, offset: 4242 });
    expect(back?.rows.size).to.equal(1000);
    for (let i = 0; i < 1000; i++) expectRow(back!.rows, i, row(i + 1));
    // Rows added after reading go on growing the columns read.
    back!.rows.put(row(1001));
    expectRow(back!.rows, 1000, row(1001));
    const path = join(dir, 'archive-index.bin');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 4));
    expect(await file.read()).to.equal(undefined);
    writeFileSync(path, `{"end":{"segment":1,"offset":0},"rows":[]}`);
    expect(await file.read()).to.equal(undefined);
  });
});
