import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapter } from '../bot/adapter.js';
import { loadConfig } from '../bot/config.js';
import { SMS_CHANNEL } from '../bot/delivery/channels.js';
import { SmsChannel } from '../bot/delivery/smsChannel.js';
import { TencentSms } from '../bot/delivery/tencentSms.js';
import { silentLogger } from '../bot/logger.js';
import { Notifier } from '../bot/notifier.js';
import { smsRow } from '../cases/statusUpdates.js';
import type { Clock } from '../data/clock.js';
import { openStores } from '../data/openStores.js';
import type { NewOutboxRow, SmsTemplateKey } from '../data/outbox.js';
import { statusTexts } from '../dialogs/text/index.js';
import { FakeTencentSms } from './fakes/tencentSms.js';

// `npm run bench:sms`: 10,000 due status updates by SMS, delivered by the Notifier through the
// SmsChannel and the Tencent Cloud SMS client (TC3-signed HTTP) to the local fake provider,
// which verifies every signature. Stores on lowdb in a temp folder (outbox, SMS store: fsync).
// 9,800 phones; 200 of them get a second update in the same minute, which the per-phone limit
// (SMS_PHONE_PER_MINUTE=1, SMS_PHONE_PER_DAY=10, the defaults) defers to the next minute.
const UPDATES = 10_000;
const REPEATS = 200;
const LIMITS = { perMinute: 1, perDay: 10 };

let now = new Date('2026-11-20T02:00:00Z'); // 10:00 in Beijing
const clock: Clock = { now: () => new Date(now) };
const templateIds: Record<SmsTemplateKey, string> = { status: '2001001', staff_new_case: '2001002', staff_deadline: '2001003', returned: '2001004', appraisal: '2001005', family_checked: '2001006', family_locked: '2001007' };
const credentials = { secretId: 'AKIDbench000000000000000000000000000', secretKey: 'bench-secret-key', sdkAppId: '1400000001', signName: '示范县残联' };
const fake = new FakeTencentSms({ ...credentials, templates: Object.fromEntries(Object.entries(templateIds).map(([k, id]) => [id, statusTexts.sms[k as SmsTemplateKey]])), now: clock.now });
const base = await fake.start();

// STORE=memory measures the SMS path alone (signing, HTTP, the limiter) without the disk.
const store = process.env.STORE === 'memory' ? 'memory' : 'lowdb';
const stores = await openStores({ store, dataDir: mkdtempSync(join(tmpdir(), 'onevisit-bench-sms-')) });
const phoneOf = (n: number) => `139${String(10_000_000 + (n < UPDATES - REPEATS ? n : n - (UPDATES - REPEATS))).slice(-8)}`;
const rows: NewOutboxRow[] = Array.from({ length: UPDATES }, (_, n) => {
  const caseNo = `YC2026112${String(n).padStart(5, '0')}`;
  return smsRow({ dedupeKey: `${caseNo}:audit-2:window:${n}:sms`, caseNo, recipient: 'applicant' }, { phone: phoneOf(n), template: 'status', params: ['王*国', caseNo, '残联预审中'] }, statusTexts);
});
for (let i = 0; i < rows.length; i += 1000) await stores.outbox.enqueue(rows.slice(i, i + 1000), clock.now());

const sms = new SmsChannel({ provider: new TencentSms({ baseUrl: base, ...credentials, region: 'ap-guangzhou' }, clock), store: stores.sms, templateIds, limits: LIMITS, clock });
const adapter = createAdapter({ ...loadConfig({}), logLevel: 'silent' }, silentLogger);
const notifier = new Notifier({ adapter, outbox: stores.outbox, clock, logger: silentLogger, quietHours: null, channels: { [SMS_CHANNEL]: sms } });

const started = performance.now();
const first = await notifier.tick();
const firstSeconds = (performance.now() - started) / 1000;
now = new Date(now.getTime() + 60_000);
const second = await notifier.tick();
const seconds = (performance.now() - started) / 1000;
const left = await stores.outbox.due(new Date(now.getTime() + 24 * 3600_000), 1);

console.log(`Delivering ${UPDATES} due status updates by SMS (Notifier -> SmsChannel -> TC3-signed SendSms -> local fake provider in this process, verifying each signature; STORE=${store}):`);
console.log(`  rate limit ${LIMITS.perMinute}/minute, ${LIMITS.perDay}/day per phone; ${UPDATES - REPEATS} phones, ${REPEATS} with a second update in the same minute`);
console.log(`  tick 1: ${first.delivered} delivered, ${first.deferred} deferred by the limit, ${first.failed + first.dead} failed  ${firstSeconds.toFixed(2)} s`);
console.log(`  tick 2 (a minute later): ${second.delivered} delivered, ${second.deferred} deferred, ${second.failed + second.dead} failed`);
console.log(`  provider accepted ${fake.sent.length}, refused ${fake.refused.length} (bad signature or request); ${left.length} left pending`);
console.log(`  ${seconds.toFixed(2)} s in all = ${((first.delivered + second.delivered) / seconds).toFixed(0)} SMS/s`);
await stores.close();
await fake.close();
