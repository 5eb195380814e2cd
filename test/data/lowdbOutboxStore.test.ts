import { expect } from 'chai';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const pendingIds = (dataDir: string) =>
  (JSON.parse(readFileSync(join(dataDir, 'outbox', 'pending.json'), 'utf8')) as { rows: OutboxRow[] }).rows.map((r) => r.id);

async function rejects(promise: Promise<unknown>): Promise<void> {
  let error: unknown;
  await promise.catch((err) => (error = err));
  expect(error).to.be.instanceOf(Error);
}

describe('LowdbOutboxStore files', () => {
  it('are owner-only, in owner-only folders', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbOutboxStore.open(dataDir);
    const [a] = await store.enqueue([note('a'), note('b')], AT);
    await store.markDelivered(a.id, AT);
    for (const folder of [dataDir, join(dataDir, 'outbox'), archiveDir(dataDir)]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    expect(readdirSync(join(dataDir, 'outbox')).sort()).to.deep.equal(['archive', 'archive-index.json', 'pending.json']);
    expect(readdirSync(archiveDir(dataDir))).to.deep.equal(['000001.jsonl']);
    for (const file of [join(dataDir, 'outbox', 'pending.json'), join(dataDir, 'outbox', 'archive-index.json'), join(archiveDir(dataDir), '000001.jsonl')]) {
      expect(statSync(file).mode & 0o777, file).to.equal(0o600);
    }
  });

  it('keep finished rows in the archive only: pending.json is what is still to send', async () => {
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
    // The next write of pending.json (here: an enqueue) leaves the finished rows out.
    const [d] = await store.enqueue([note('d')], AT);
    expect(pendingIds(dataDir)).to.deep.equal([c.id, d.id]);
  });

  it('treat a row found in the archive as finished even if pending.json still lists it (a stop before the rewrite)', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const [a, b] = await store.enqueue([note('a'), note('b')], AT);
    await store.markDelivered(a.id, AT);
    expect(pendingIds(dataDir)).to.deep.equal([a.id, b.id]);
    const reopened = await LowdbOutboxStore.open(dataDir);
    expect((await reopened.due(AT, 10)).map((r) => r.id)).to.deep.equal([b.id]);
    expect(pendingIds(dataDir)).to.deep.equal([b.id]);
  });

  it('rewrite pending.json after many deliveries, so it does not fill up with finished rows', async () => {
    const dataDir = tempDir();
    const store = await LowdbOutboxStore.open(dataDir);
    const rows = await store.enqueue(Array.from({ length: 600 }, (_, i) => note(`k${i}`)), AT);
    await Promise.all(rows.slice(0, 550).map((r) => store.markDelivered(r.id, AT)));
    expect(pendingIds(dataDir)).to.have.length.below(600);
    expect(pendingIds(dataDir)).to.include.members(rows.slice(550).map((r) => r.id));
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
    // A directory where the temp file should go makes the write fail, even for root.
    const blocker = join(dataDir, 'outbox', '.pending.json.tmp');
    mkdirSync(blocker);
    await rejects(store.enqueue([note('b')], AT));
    expect((await store.due(AT, 10)).map((r) => r.dedupeKey)).to.deep.equal(['a']);
    rmSync(blocker, { recursive: true });
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
    mkdirSync(join(dataDir, 'outbox', '.pending.json.tmp'));
    await rejects(store.markFailed(a.id, 'x', AT, { retryAt: new Date(AT.getTime() + 60_000) }));
    expect(await store.due(AT, 10)).to.deep.equal([a]);
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
    writeFileSync(join(dataDir, 'outbox', 'archive-index.json'), '{"end":', { mode: 0o600 });
    let error: Error | undefined;
    await LowdbOutboxStore.open(dataDir).catch((err: Error) => (error = err));
    expect(error?.message).to.include('unreadable record at byte 0');
  });
});
