import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ITEM_IDS, bundleItem } from '../../data/bundle.js';
import { formatCaseNo, shanghaiDate } from '../../data/caseQuery.js';
import { caseRecordOf, type CaseItem, type CaseRecord, type ItemStatus } from '../../data/cases.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { newCase, testIdNumber } from '../../test/fixtures/cases.js';
import { percentile, seededRandom } from './stats.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A county's volume: ~3,000 applications a year, so 50,000 cases span about 17 years. */
const CASES_PER_DAY = 3000 / 365;
const MEASURED = 200;
const WARM_UP = 10;

/** `count` realistic stored cases, oldest first, ending just before `end`, a few a day. */
function syntheticCases(count: number, end: Date): CaseRecord[] {
  const random = seededRandom(count);
  const start = end.getTime() - Math.ceil(count / CASES_PER_DAY) * DAY_MS;
  const perDay = new Map<string, number>();
  const decided: ItemStatus[] = ['approved', 'approved', 'approved', 'rejected'];
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(start + Math.floor(((i + random()) / count) * (end.getTime() - start - 1)));
    const day = shanghaiDate(at);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    // Old cases are closed; the last few hundred still have items under way.
    const open = count - i < 300;
    const ids = new Set([ITEM_IDS[Math.floor(random() * 6)], ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => ITEM_IDS[6 + Math.floor(random() * 8)])]);
    const items: CaseItem[] = [...ids].map((id) => ({
      id,
      department: bundleItem(id).department,
      status: open && random() < 0.5 ? 'submitted' : decided[Math.floor(random() * decided.length)],
      ...(random() < 0.2 ? { reason: '材料不全：缺少近期免冠照片' } : {}),
    }));
    const birthDate = `19${40 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`;
    const input = newCase({ items, applicant: { idNumber: testIdNumber(i, birthDate), birthDate }, stage: open ? 'pre_review' : 'delivered' });
    return caseRecordOf(input, formatCaseNo(at, seq), at);
  });
}

/**
 * For each size: a fresh data folder bulk-loaded with that many cases (not measured), the
 * time to open it, then `create` latency over 200 sequential calls after 10 unmeasured ones.
 * Milliseconds.
 */
export async function benchCaseStore(sizes: number[]): Promise<{ stored: number; p50: number; p99: number; openMs: number }[]> {
  const results: { stored: number; p50: number; p99: number; openMs: number }[] = [];
  for (const size of sizes) {
    const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-casebench-'));
    try {
      const now = new Date();
      await LowdbCaseStore.importInto(dataDir, syntheticCases(size, now));
      const t0 = performance.now();
      const store = await LowdbCaseStore.open(dataDir);
      const openMs = performance.now() - t0;
      const times: number[] = [];
      for (let i = 0; i < WARM_UP + MEASURED; i++) {
        const input = newCase({ applicant: { idNumber: testIdNumber(i, '1975-06-15') } });
        const t = performance.now();
        await store.create(input, new Date(now.getTime() + i * 1000));
        if (i >= WARM_UP) times.push(performance.now() - t);
      }
      if ((await store.count()) !== size + WARM_UP + MEASURED) throw new Error('bench: cases went missing');
      results.push({ stored: size, p50: percentile(times, 50), p99: percentile(times, 99), openMs });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}
