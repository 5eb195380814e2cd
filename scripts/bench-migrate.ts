import type { ConversationAccount } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores } from '../data/openStores.js';
import { checkCharacter } from '../data/idNumber.js';
import { lowdbToPostgres } from './lowdbToPostgres.js';
import { startCluster } from './pgCluster.js';

// npm run bench:migrate: generates a lowdb folder of CASES cases (default 10,000) with bookings,
// pending updates, drafts and chat state, copies it into a throwaway PostgreSQL, prints the times.
const CASES = Number(process.env.CASES ?? 10_000);
const AT = Date.parse('2026-11-20T02:00:00Z');
const idNumber = (i: number) => {
  const first17 = `110105${19400101 + (i % 28)}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};
const conversation = (i: number) => ({ channelId: 'directline', serviceUrl: 'http://127.0.0.1:3978/v3/directline', conversation: { id: `c${i}` } as ConversationAccount });

const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-migrate-'));
const cluster = await startCluster();
try {
  let t = Date.now();
  const s = await openStores<{ step: string }>({ store: 'lowdb', dataDir });
  const days = Math.ceil(CASES / 40);
  await s.slots.ensureSlots(Array.from({ length: days }, (_, d) => ({ hospitalId: 'h1', date: new Date(AT + d * 86400_000).toISOString().slice(0, 10), part: 'am' as const, capacity: 1000 })));
  const slots = await s.slots.list({});
  for (let start = 0; start < CASES; start += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, CASES - start) }, async (_, k) => {
        const i = start + k;
        const pending = i % 5 === 0 ? [{ dedupeKey: `p${i}`, conversation: conversation(i), recipient: 'applicant', text: `进展 ${i}` }] : undefined;
        const c = await s.cases.create(
          {
            by: `test:u${i}`, applicant: { name: '张测试', idNumber: idNumber(i), birthDate: '1949-12-31', phone: '13800001234', hukou: '示例县', category: '肢体' },
            submittedBy: { role: 'self', userKey: `test:u${i}` }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], facts: {},
            materials: { verified: [], toSubmit: ['photo'] }, channel: 'online', conversation: conversation(i), submissionId: `sub-${i}`, pendingNotifications: pending,
          },
          new Date(AT + i * 60_000),
        );
        if (i % 3 === 0) await s.slots.reserve(slots[i % slots.length].id, { caseNo: c.caseNo, userKey: `test:u${i}`, category: '肢体' }, new Date(AT));
        if (i % 4 === 0) await s.drafts.save(`test:d${i}`, { step: `step-${i}` }, new Date(AT));
        await s.storage.write({ [`directline/conversations/c${i}`]: { dialogState: { step: i } } });
      }),
    );
  }
  await s.close();
  console.log(`generated ${CASES} cases in ${((Date.now() - t) / 1000).toFixed(1)} s (${dataDir})`);
  t = Date.now();
  const counts = await lowdbToPostgres(dataDir, cluster.url);
  console.log(`migrated in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
} finally {
  cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
