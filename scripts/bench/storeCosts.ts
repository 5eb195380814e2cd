import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { LowdbDraftStore } from '../../data/lowdb/lowdbDraftStore.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import { LowdbStorage } from '../../data/lowdb/lowdbStorage.js';
import type { KnownCase } from './scaleData.js';
import { ms, percentile } from './stats.js';

const CHECKS = 200;
const CONCURRENCY = 20;
const STAGES = ['submitted', 'pre_review', 'appraisal_scheduled', 'appraised', 'public_notice'] as const;

/** Heap and typed arrays in use after a full GC (run with --expose-gc; without it, without the GC). */
function memoryInUse(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1048576;
}

/**
 * The stores' own share of the figures, in this process, apart from HTTP and the bot: each
 * store's open time and the memory it keeps (opened one after another over the folder), then
 * what a family check's verifying turn asks of the stores (read the case, append the audited
 * change with its status update, relay it to the outbox, mark it relayed; 20 at once) and the
 * overdue index. Comparable between runs on a busy machine, unlike the HTTP latencies.
 */
export async function printStoreCosts(dataDir: string, known: KnownCase[]): Promise<void> {
  let before = memoryInUse();
  async function opened<T>(name: string, open: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const store = await open();
    const now = memoryInUse();
    console.log(`  ${name.padEnd(33)} open ${((performance.now() - started) / 1000).toFixed(2)} s, keeps ${(now - before).toFixed(0)} MB`);
    before = now;
    return store;
  }
  const cases = await opened('cases', () => LowdbCaseStore.open(dataDir));
  const outbox = await opened('outbox', () => LowdbOutboxStore.open(dataDir));
  const storage = await opened('chat state', () => LowdbStorage.open(dataDir));
  await opened('Direct Line', () => LowdbDirectLineStore.open(dataDir));
  await opened('drafts', () => LowdbDraftStore.open(dataDir, 'application'));

  const at = new Date();
  let made = 0;
  async function familyCheckCalls(total: number, concurrency: number): Promise<{ checks: number[]; enqueues: number[] }> {
    const checks: number[] = [];
    const enqueues: number[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const n = made++;
        const { caseNo } = known[n % known.length];
        const started = performance.now();
        await cases.get(caseNo);
        const row = { dedupeKey: `store-costs-${caseNo}-${n}`, caseNo, conversation: {}, recipient: 'applicant', text: '您的家人查看了申请进度。', dueAt: at.toISOString() };
        await cases.update(caseNo, (c) => void (c.pendingNotifications = [row]), { by: 'chat:bench', action: 'family-check' }, at);
        const enqueued = performance.now();
        await outbox.enqueue([row], at);
        enqueues.push(performance.now() - enqueued);
        await cases.markRelayed(caseNo, [row.dedupeKey]);
        checks.push(performance.now() - started);
      }
    }));
    return { checks, enqueues };
  }
  const alone = await familyCheckCalls(30, 1);
  const { checks, enqueues } = await familyCheckCalls(CHECKS, CONCURRENCY);
  const overdue: number[] = [];
  const bound = new Date(at.getTime() - 5 * 86_400_000).toISOString();
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    for (const stage of STAGES) await cases.waitingAt(stage, bound);
    overdue.push(performance.now() - started);
  }
  console.log(`  family check's store calls, one at a time p50 ${ms(percentile(alone.checks, 50))}  p99 ${ms(percentile(alone.checks, 99))}`);
  console.log(`  family check's store calls, ${CONCURRENCY} at once p50 ${ms(percentile(checks, 50))}  p99 ${ms(percentile(checks, 99))}   (of which the outbox enqueue p50 ${ms(percentile(enqueues, 50))}  p99 ${ms(percentile(enqueues, 99))})`);
  console.log(`  overdue index, every stage        p50 ${ms(percentile(overdue, 50))}  p99 ${ms(percentile(overdue, 99))}`);
  await Promise.all([cases.close(), outbox.close(), storage.flush()]);
}
