import { readFileSync } from 'node:fs';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import { LowdbStorage } from '../../data/lowdb/lowdbStorage.js';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { LowdbDraftStore } from '../../data/lowdb/lowdbDraftStore.js';
import { ms, percentile } from './stats.js';

// In-process cost of each store over a generated folder: open time and heap kept (after GC),
// then the store calls a family check and a status update make. node --expose-gc.
const dir = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc!;
const heap = () => (gc(), process.memoryUsage().heapUsed / 1048576);
let base = heap();
async function timed<T>(name: string, open: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const store = await open();
  const h = heap();
  console.log(`${name.padEnd(12)} open ${((performance.now() - t) / 1000).toFixed(2)} s  heap +${(h - base).toFixed(0)} MB`);
  base = h;
  return store;
}
const cases = await timed('cases', () => LowdbCaseStore.open(dir));
const outbox = await timed('outbox', () => LowdbOutboxStore.open(dir));
const storage = await timed('chat state', () => LowdbStorage.open(dir));
await timed('directline', () => LowdbDirectLineStore.open(dir));
await timed('drafts', () => LowdbDraftStore.open(dir, 'application'));
console.log(`rss ${(process.memoryUsage.rss() / 1048576).toFixed(0)} MB`);

const known = JSON.parse(readFileSync(`${dir}.known.json`, 'utf8')) as { caseNo: string }[];
const family: number[] = [];
const overdue: number[] = [];
const enqueue: number[] = [];
const at = new Date();
// What a family check's verified turn does to the stores: read the case, append the audited
// change with its status update, relay it to the outbox, mark it relayed. 20 at once.
let next = 0;
await Promise.all(Array.from({ length: 20 }, async () => {
  while (next < 200) {
    const { caseNo } = known[next++ % known.length];
    const t = performance.now();
    await cases.get(caseNo);
    const row = { dedupeKey: `bench-${caseNo}-${next}`, caseNo, conversation: {}, recipient: 'applicant' as const, text: 'x', dueAt: at.toISOString() };
    await cases.update(caseNo, (c) => void (c.pendingNotifications = [row]), { by: 'bench', action: 'family-check' }, at);
    const e = performance.now();
    await outbox.enqueue([row], at);
    enqueue.push(performance.now() - e);
    await cases.markRelayed(caseNo, [row.dedupeKey]);
    family.push(performance.now() - t);
  }
}));
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  for (const stage of ['submitted', 'pre_review', 'appraisal_scheduled', 'appraised', 'public_notice'] as const) await cases.waitingAt(stage, new Date(at.getTime() - 5 * 86400_000).toISOString());
  overdue.push(performance.now() - t);
}
console.log(`family check's store calls, 20 at once: p50 ${ms(percentile(family, 50))} p99 ${ms(percentile(family, 99))} (outbox enqueue p50 ${ms(percentile(enqueue, 50))} p99 ${ms(percentile(enqueue, 99))})`);
console.log(`overdue index (5 stages): p50 ${ms(percentile(overdue, 50))} p99 ${ms(percentile(overdue, 99))}`);
await Promise.all([cases.close(), outbox.close(), storage.flush()]);
