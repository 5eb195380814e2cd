import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationAccount } from 'botbuilder';
import { createAdapter } from '../bot/adapter.js';
import { loadConfig } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';
import { Notifier, parseQuietHours } from '../bot/notifier.js';
import { systemClock } from '../data/clock.js';
import { openStores } from '../data/openStores.js';
import { LowdbOutboxStore } from '../data/lowdb/lowdbOutboxStore.js';
import type { NewOutboxRow } from '../data/outbox.js';
import { startConnectorChild } from './bench/child.js';
import { ms, percentile } from './bench/stats.js';

// `npm run bench:notify`:
// 1. 10,000 due notifications delivered by one Notifier.tick() through the app's CloudAdapter
//    (createAdapter, anonymous) to a Connector stub running in its own process, every send
//    marked in the outbox (fsync). Quiet hours off, so the figure does not depend on the hour.
// 2. One idle tick (nothing due, default quiet hours) with 100,000 rows already delivered and
//    100 waiting for a retry; the history is written through the store's own API beforehand.
const DELIVER = 10_000;
const HISTORY = 100_000;
const CONVERSATIONS = 500;
const IDLE_TICKS = 10_000;

/** A realistic row: a Direct Line conversation reference and a two-sentence status update. */
function row(n: number, serviceUrl: string, extra: Partial<NewOutboxRow> = {}): NewOutboxRow {
  const c = n % CONVERSATIONS;
  return {
    dedupeKey: `YC2026112${String(n).padStart(5, '0')}:pre_review:applicant:${n}`,
    caseNo: `YC2026112${String(n).padStart(5, '0')}`,
    conversation: {
      channelId: 'directline',
      serviceUrl,
      conversation: { id: `DL-${c.toString(36).padStart(6, '0')}-a8f3c2d1e4b5` } as ConversationAccount,
      user: { id: `dl_user_${c}`, name: '' },
      bot: { id: 'onevisit', name: '一次办' },
      locale: 'zh-CN',
    },
    recipient: n % 3 === 0 ? `subscriber:dl_user_${c + 1}` : 'applicant',
    text: `您的残疾人证申请（办件编号 YC2026112${String(n).padStart(5, '0')}）已通过初审。下一步：请按预约时间携带身份证和近期免冠照片到指定医院参加评定，如需改期请回复“改约”。`,
    ...extra,
  };
}

const sizeOf = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const connector = await startConnectorChild();
const adapter = createAdapter({ ...loadConfig(), logLevel: 'silent' }, silentLogger);

// 1. Delivering 10,000 due notifications.
{
  const { outbox } = await openStores({ store: 'lowdb', dataDir: mkdtempSync(join(tmpdir(), 'onevisit-bench-notify-')) });
  for (let i = 0; i < DELIVER; i += 1000) {
    await outbox.enqueue(Array.from({ length: 1000 }, (_, k) => row(i + k, connector.url)), new Date());
  }
  const notifier = new Notifier({ adapter, outbox, clock: systemClock, logger: silentLogger, quietHours: null });
  const started = performance.now();
  const result = await notifier.tick();
  const seconds = (performance.now() - started) / 1000;
  const { received, distinctKeys } = await connector.count();
  const left = await outbox.due(new Date(), 1);
  console.log(`Delivering ${DELIVER} due notifications (one tick, app CloudAdapter -> Connector stub in another process, each marked with fsync):`);
  console.log(
    `  ${result.delivered} delivered, ${result.failed + result.dead} failed, stub received ${received} (${distinctKeys} distinct dedupe keys), ${left.length} left due`,
  );
  console.log(`  ${seconds.toFixed(2)} s = ${(result.delivered / seconds).toFixed(0)} messages/s   target <= 30 s`);
}

// 2. An idle tick with 100,000 rows delivered.
{
  const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-bench-notify-history-'));
  const store = await LowdbOutboxStore.open(dataDir);
  const filled = performance.now();
  for (let i = 0; i < HISTORY; i += 10_000) {
    const rows = await store.enqueue(Array.from({ length: 10_000 }, (_, k) => row(DELIVER + i + k, 'http://127.0.0.1:9')), new Date());
    await Promise.all(rows.map((r) => store.markDelivered(r.id, new Date())));
  }
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
  await store.enqueue(Array.from({ length: 100 }, (_, k) => row(DELIVER + HISTORY + k, 'http://127.0.0.1:9', { dueAt: tomorrow })), new Date());
  const fillSeconds = (performance.now() - filled) / 1000;
  // Its background writes (the journal folded into pending.json, the archive index) done before the folder is opened again.
  await store.close();

  const opened = performance.now();
  const outbox = await LowdbOutboxStore.open(dataDir);
  const openMs = performance.now() - opened;
  const delivered = (await outbox.list({ status: 'delivered', limit: 500 })).length;
  const notifier = new Notifier({ adapter, outbox, clock: systemClock, logger: silentLogger, quietHours: parseQuietHours(undefined) });
  const ticks: number[] = [];
  const dues: number[] = [];
  for (let i = 0; i < IDLE_TICKS; i++) {
    let t = performance.now();
    const result = await notifier.tick();
    ticks.push(performance.now() - t);
    if (result.delivered + result.failed + result.dead + result.deferred > 0) throw new Error('bench: the idle tick did something');
    t = performance.now();
    await outbox.due(new Date(), 100);
    dues.push(performance.now() - t);
  }
  console.log(`Idle tick with ${HISTORY} rows delivered and 100 waiting for a retry (history written in ${fillSeconds.toFixed(1)} s, ${delivered === 500 ? 'listed' : 'NOT listed'}):`);
  console.log(`  tick: p50 ${ms(percentile(ticks, 50))}  p99 ${ms(percentile(ticks, 99))}  max ${ms(Math.max(...ticks))}   target <= 5 ms`);
  console.log(`  due(): p50 ${ms(percentile(dues, 50))}  p99 ${ms(percentile(dues, 99))}   (${IDLE_TICKS} calls each)`);
  console.log(
    `  store open: ${openMs.toFixed(0)} ms; on disk: archive ${mb(sizeOf(join(dataDir, 'outbox', 'archive')))}, pending.json ${mb(statSync(join(dataDir, 'outbox', 'pending.json')).size)}`,
  );
}
connector.stop();
