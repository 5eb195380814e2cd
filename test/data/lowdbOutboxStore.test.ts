import { expect } from 'chai';
import { appendFileSync, existsSync, mkdirSync, renameSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationAccount } from 'botbuilder';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import type { NewOutboxRow, OutboxRow } from '../../data/outbox.js';
import { tempDir } from '../support.js';


const AT = new Date('2026-11-20T02:00:00Z');
const note = (key: string): NewOutboxRow => ({
  dedupeKey: key,
  conversation: { channelId: 'test', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'conv-1' } as ConversationAccount },
  recipient: 'applicant',
  text: `消息 ${key}`,
});
const archiveDir = (dataDir: string) => join(dataDir, 'outbox', 'archive');
const journalDir = (dataDir: string) => join(dataDir, 'outbox', 'pending');
const pendingFile = (dataDir: string) => join(dataDir, 'outbox', 'pending.json');
/** The pending rows a start reads: pending.json, then the journal segments after it (a row's last line wins). */
function pendingOnDisk(dataDir: string): { ids: string[]; journalLines: number; fileRows: number } {
  const file = existsSync(pendingFile(dataDir)) ? (JSON.parse(readFileSync(pendingFile(dataDir), 'utf8')) as { rows: OutboxRow[]; journalFrom?: number }) : { rows: [] };
  const rows = new Map(file.rows.map((r) => [r.id, r]));
  let journalLines = 0;
  for (const name of readdirSync(journalDir(dataDir)).sort()) {
    if (Number(name.slice(0, 6)) < (file.journalFrom ?? 0)) continue;
    for (const line of readFileSync(join(journalDir(dataDir), name), 'utf8').split('\n').filter(Boolean)) {
      const row = JSON.parse(line) as OutboxRow;
      rows.set(row.id, row);
      journalLines++;
    }
  }
  return { ids: [...rows.keys()].sort(), journalLines, fileRows: file.rows.length };
}

async function rejects(promise: Promise<unknown>): Promise<void> {
  let error: unknown;
  await promise.catch((err) => (error = err));
  expect(error).to.be.instanceOf(Error);
}

/** Lets the logs close the segments they hold open while appends keep coming. */
const idle = () => new Promise((resolve) => setImmediate(resolve));

describe('LowdbOutboxStore files', () => {
  it('are owner-only, in owner-only folders', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbOutboxStore.open(dataDir);
    const [a] = await store.enqueue([note('a'), note('b')], AT);
    await store.markDelivered(a.id, AT);
    await store.close();
    await (await LowdbOutboxStore.open(dataDir)).close();
    for (const folder of [dataDir, join(dataDir, 'outbox'), archiveDir(dataDir), journalDir(dataDir)]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    expect(readdirSync(join(dataDir, 'outbox')).sort()).to.deep.equal(['archive', 'archive-index.bin', 'pending', 'pending.json']);
    expect(readdirSync(archiveDir(dataDir))).to.deep.equal(['000001.jsonl']);
    for (const file of [pendingFile(dataDir), join(dataDir, 'outbox', 'archive-index.bin'), join(archiveDir(dataDir), '000001.jsonl')]) {
      expect(statSync(file).mode & 0o777, file).to.equal(0o600);
    }
  });

  it('keep finished rows in the archive only; an enqueue appends its rows to the journal, never rewriting pending.json', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a, b, c] = await store.enqueue([note('a'), note('b'), note('c')], AT);
    await store.markDelivered(a.id, AT);
    await store.markFailed(b.id, 'gone', AT, { dead: true });
    const archived = readFileSync(join(archiveDir(dataDir), '000001.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OutboxRow);
    expect(archived.map((r) => [r.id, r.status])).to.deep.equal([
      [a.id, 'delivered'],
      [b.id, 'dead'],
    ]);
    const [d] = await store.enqueue([note('d')], AT);
    expect(existsSync(pendingFile(dataDir))).to.equal(false);
    expect(pendingOnDisk(dataDir)).to.deep.equal({ ids: [a.id, b.id, c.id, d.id], journalLines: 4, fileRows: 0 });
    // A start drops the finished rows and folds the journal into pending.json.
    const reopened = await LowdbOutboxStore.open(dataDir);
    expect((await reopened.due(AT, 10)).map((r) => r.id)).to.deep.equal([c.id, d.id]);
    expect(pendingOnDisk(dataDir)).to.deep.equal({ ids: [c.id, d.id], journalLines: 0, fileRows: 2 });
  });

  it('treat a row found in the archive as finished even if the journal still lists it (a stop before folding it)', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a, b] = await store.enqueue([note('a'), note('b')], AT);
    await store.markDelivered(a.id, AT);
    expect(pendingOnDisk(dataDir).ids).to.deep.equal([a.id, b.id]);
    const reopened = await LowdbOutboxStore.open(dataDir);
    expect((await reopened.due(AT, 10)).map((r) => r.id)).to.deep.equal([b.id]);
    expect(pendingOnDisk(dataDir).ids).to.deep.equal([b.id]);
  });

  it('fold the journal into pending.json in the background once it holds a few hundred lines, removing the segments it covers', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir, { onError: (err) => { throw err; } });
    const rows = await store.enqueue(Array.from({ length: 300 }, (_, i) => note(`k${i}`)), AT);
    await Promise.all(rows.slice(0, 250).map((r) => store.markDelivered(r.id, AT)));
    expect(existsSync(pendingFile(dataDir))).to.equal(false);
    const later = await store.enqueue(Array.from({ length: 200 }, (_, i) => note(`m${i}`)), AT);
    await store.markFailed(later[0].id, 'busy', AT, { retryAt: new Date(AT.getTime() + 60_000) });
    await store.close();
    // 500 lines: folded into the file (the 50 + 200 rows still pending), the first segment
    // removed; the retry after it is the one line left in the journal.
    const onDisk = pendingOnDisk(dataDir);
    expect(onDisk).to.include({ journalLines: 1, fileRows: 250 });
    expect(onDisk.ids).to.deep.equal([...rows.slice(250), ...later].map((r) => r.id).sort());
    expect(readdirSync(journalDir(dataDir))).to.not.include('000001.jsonl');
    const reopened = await LowdbOutboxStore.open(dataDir);
    expect(await reopened.due(AT, 1000)).to.have.length(249);
    expect((await reopened.list({ caseNo: undefined, limit: 1000 })).find((r) => r.id === later[0].id)?.attempts).to.equal(1);
    expect(await reopened.enqueue([note('k3'), note('m3'), note('new')], AT)).to.have.length(1);
  });

  it('lose nothing when stopped mid-fold: before pending.json is replaced, and after it but before the old segments are removed', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a, b] = await store.enqueue([note('a'), note('b')], AT);
    await store.markFailed(a.id, 'busy', AT, { retryAt: new Date(AT.getTime() + 60_000) });
    await store.close();
    // A stop after the temp file was written, before the rename: the old state is read, whole.
    writeFileSync(join(dataDir, 'outbox', '.pending.json.tmp'), JSON.stringify({ rows: [], journalFrom: 9 }), { mode: 0o600 });
    const first = await LowdbOutboxStore.open(dataDir);
    expect((await first.list({ status: 'pending' })).map((r) => [r.id, r.attempts])).to.deep.equal([[b.id, 0], [a.id, 1]]);
    const [c] = await first.enqueue([note('c')], AT);
    await first.close();
    // A stop after the rename, before the covered segments were removed: a copy of such a segment
    // (its rows now also in pending.json) is not read again, and new lines still are.
    const folded = pendingOnDisk(dataDir);
    const { journalFrom } = JSON.parse(readFileSync(pendingFile(dataDir), 'utf8')) as { journalFrom: number };
    expect(journalFrom).to.be.greaterThan(1);
    writeFileSync(join(journalDir(dataDir), '000001.jsonl'), `${JSON.stringify({ ...a, attempts: 0 })}\n`, { mode: 0o600 });
    const second = await LowdbOutboxStore.open(dataDir);
    expect((await second.list({ status: 'pending' })).map((r) => [r.id, r.attempts])).to.deep.equal([[c.id, 0], [b.id, 0], [a.id, 1]]);
    const [d] = await second.enqueue([note('d')], AT);
    expect(readdirSync(journalDir(dataDir)).every((name) => Number(name.slice(0, 6)) >= journalFrom)).to.equal(true);
    const third = await LowdbOutboxStore.open(dataDir);
    expect((await third.list({ status: 'pending' })).map((r) => r.id)).to.deep.equal([d.id, c.id, b.id, a.id]);
    expect(folded.ids).to.deep.equal([a.id, b.id, c.id]);
  });

  it('write enqueues that arrive together in one journal append, each acknowledged once on disk', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.enqueue([note(`n${i}`), note('shared')], AT)));
    expect(results.flat().map((r) => r.dedupeKey).filter((k) => k === 'shared')).to.have.length(1);
    expect(results.flat()).to.have.length(21);
    expect(pendingOnDisk(dataDir).journalLines).to.equal(21);
    const reopened = await LowdbOutboxStore.open(dataDir);
    expect(await reopened.due(AT, 100)).to.have.length(21);
  });

  it('cut off a record torn by a crash mid-append, keeping the row pending', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a, b] = await store.enqueue([note('a'), note('b')], AT);
    await store.markDelivered(a.id, AT);
    const segment = join(archiveDir(dataDir), '000001.jsonl');
    const whole = readFileSync(segment, 'utf8');
    appendFileSync(segment, JSON.stringify({ ...b, status: 'delivered' }).slice(0, 40));
    const reopened = await LowdbOutboxStore.open(dataDir);
    expect(readFileSync(segment, 'utf8')).to.equal(whole);
    expect((await reopened.due(AT, 10)).map((r) => r.id)).to.deep.equal([b.id]);
    await reopened.markDelivered(b.id, AT);
    expect((await (await LowdbOutboxStore.open(dataDir)).list({ status: 'delivered' })).map((r) => r.id)).to.deep.equal([b.id, a.id]);
  });

  it('refuse to open over a damaged record that is not at the end', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a, b] = await store.enqueue([note('a'), note('b')], AT);
    await store.markDelivered(a.id, AT);
    await store.markDelivered(b.id, AT);
    const segment = join(archiveDir(dataDir), '000001.jsonl');
    const [first, second] = readFileSync(segment, 'utf8').split('\n');
    rmSync(segment);
    appendFileSync(segment, `${first.slice(0, 20)}\n${second}\n`);
    let error: unknown;
    await LowdbOutboxStore.open(dataDir).catch((err) => (error = err));
    // Named, with what to do about it.
    expect((error as Error).message).to.include(`${segment}: unreadable record at byte 0`).and.include('repair that line');
  });

  it('do not acknowledge or keep an enqueue whose write failed', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    await store.enqueue([note('a')], AT);
    // Once idle the journal keeps no segment open: a file where its folder should be makes the next append fail, even for root.
    await idle();
    const journal = journalDir(dataDir);
    renameSync(journal, `${journal}.moved`);
    writeFileSync(journal, '');
    const failed = store.enqueue([note('b')], AT);
    // Not offered while it is being written.
    expect((await store.due(AT, 10)).map((r) => r.dedupeKey)).to.deep.equal(['a']);
    await rejects(failed);
    expect((await store.due(AT, 10)).map((r) => r.dedupeKey)).to.deep.equal(['a']);
    rmSync(journal);
    renameSync(`${journal}.moved`, journal);
    // The key was not taken by the failed enqueue.
    expect(await store.enqueue([note('b')], AT)).to.have.length(1);
    expect((await (await LowdbOutboxStore.open(dataDir)).due(AT, 10)).map((r) => r.dedupeKey)).to.deep.equal(['a', 'b']);
  });

  it('keep a row pending and its retry unchanged when the write of a mark fails', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a] = await store.enqueue([note('a')], AT);
    // The archive's first segment does not exist yet: a directory in its place blocks the append.
    const blocker = join(archiveDir(dataDir), '000001.jsonl');
    mkdirSync(blocker);
    await rejects(store.markDelivered(a.id, AT));
    await idle();
    const journal = journalDir(dataDir);
    renameSync(journal, `${journal}.moved`);
    writeFileSync(journal, '');
    await rejects(store.markFailed(a.id, 'x', AT, { retryAt: new Date(AT.getTime() + 60_000) }));
    expect(await store.due(AT, 10)).to.deep.equal([a]);
    rmSync(journal);
    renameSync(`${journal}.moved`, journal);
    rmSync(blocker, { recursive: true });
    await store.markDelivered(a.id, AT);
    expect(await store.due(AT, 10)).to.deep.equal([]);
  });

  it('open over a delivered history longer than the call stack allows as arguments (200,000 rows)', async function () {
    this.timeout(60_000);
    const dataDir = tempDir();
    mkdirSync(archiveDir(dataDir), { recursive: true, mode: 0o700 });
    const row = (n: number): OutboxRow => ({
      ...note(`h${n}`),
      id: `OB${String(n).padStart(8, '0')}`,
      caseNo: `YC2026112${String(n % 100000).padStart(5, '0')}`,
      createdAt: AT.toISOString(),
      dueAt: AT.toISOString(),
      attempts: 1,
      status: 'delivered',
      deliveredAt: AT.toISOString(),
    });
    const lines: string[] = [];
    for (let n = 1; n <= 200_000; n++) lines.push(JSON.stringify(row(n)));
    appendFileSync(join(archiveDir(dataDir), '000001.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
    const store = await LowdbOutboxStore.open(dataDir);
    expect(await store.list({ status: 'delivered', limit: 3 })).to.have.length(3);
    const [next] = await store.enqueue([note('after-history')], AT);
    expect(next.id).to.equal('OB00200001');
  });

  it('answer due() in microseconds when nothing is due, with 50,000 rows delivered', async function () {
    this.timeout(60_000);
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir, { onError: (err) => { throw err; } });
    for (let batch = 0; batch < 10; batch++) {
      const rows = await store.enqueue(Array.from({ length: 5000 }, (_, i) => note(`k${batch}-${i}`)), AT);
      await Promise.all(rows.map((r) => store.markDelivered(r.id, AT)));
    }
    await store.enqueue([{ ...note('tomorrow'), dueAt: '2026-11-21T02:00:00Z' }], AT);
    const reopened = await LowdbOutboxStore.open(dataDir);
    expect(await reopened.list({ status: 'delivered', limit: 500 })).to.have.length(500);
    const found: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 1000; i++) found.push((await reopened.due(AT, 100)).length);
    const perCall = (performance.now() - started) / 1000;
    expect(found.every((n) => n === 0)).to.equal(true);
    // About 1 µs measured; looking at each stored row even once would take well over 20 µs.
    expect(perCall).to.be.below(0.02);
  });

  it('start from the saved archive index without reading the rows before it; rebuild a damaged index from the archive', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a, b] = await store.enqueue([note('a'), note('b')], AT);
    await store.markDelivered(a.id, AT);
    await store.close();
    const reopened = await LowdbOutboxStore.open(dataDir);
    await reopened.markDelivered(b.id, AT);
    // Garbage in place of a's archived line: a start that parsed the covered archive would refuse.
    const file = join(archiveDir(dataDir), '000001.jsonl');
    const [first, ...rest] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, ['#'.repeat(Buffer.byteLength(first)), ...rest].join('\n'), { mode: 0o600 });
    const third = await LowdbOutboxStore.open(dataDir);
    expect((await third.list({ status: 'delivered', limit: 1 })).map((r) => r.id)).to.deep.equal([b.id]);
    expect(await third.enqueue([note('a')], AT)).to.deep.equal([]);
    // Without a usable index every archived line is read again (here: the garbled one is refused).
    const index = join(dataDir, 'outbox', 'archive-index.bin');
    writeFileSync(index, readFileSync(index).subarray(0, 20), { mode: 0o600 });
    let error: Error | undefined;
    await LowdbOutboxStore.open(dataDir).catch((err: Error) => (error = err));
    expect(error?.message).to.include('unreadable record at byte 0');
  });
});
