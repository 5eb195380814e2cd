import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../bot/config.js';
import { addDays, generateSlots } from '../data/calendar.js';
import { shanghaiDate } from '../data/caseQuery.js';
import { openStores } from '../data/openStores.js';
import { loadRegion } from '../data/region.js';
import { newCase, testIdNumber } from '../test/fixtures/cases.js';
import { serveInChild } from './bench/child.js';
import { ms, percentile } from './bench/stats.js';

// `npm run bench:booking`: 50 conversations booking at once through /api/messages (the bot in
// its own process), then the cost of finding free sessions with 4 weeks and 1 year generated.
const CONVERSATIONS = 50;
const region = loadRegion(loadConfig().regionFile);

const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-bench-booking-'));
const seeded = await openStores({ store: 'lowdb', dataDir });
for (let i = 0; i < CONVERSATIONS; i++) {
  await seeded.cases.create(newCase({ submittedBy: { role: 'self', userKey: `bench:b${i}` }, applicant: { idNumber: testIdNumber(i), category: '肢体' }, stage: 'appraisal_scheduled' }), new Date());
}
// The bot's process is the folder's one writer from here on.
await seeded.close();
const bot = await serveInChild('app', { DATA_DIR: dataDir, RATE_LIMIT: 'off' }); // one loopback client is not a flood

async function say(n: number, text: string, latencies: number[]): Promise<string> {
  const started = performance.now();
  const res = await fetch(bot.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', text, channelId: 'bench', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
      conversation: { id: `book-${n}` }, from: { id: `b${n}` }, recipient: { id: 'bot' },
    }),
  });
  const acts = ((await res.json()) as { activities: { text?: string }[] }).activities;
  latencies.push(performance.now() - started);
  return acts.map((a) => a.text ?? '').join('\n');
}

/** 预约鉴定 -> 最早什么时候 -> pick one of the three offered, again while it was taken by someone else. */
async function book(n: number, latencies: number[]): Promise<boolean> {
  await say(n, '预约鉴定', latencies);
  await say(n, '最早什么时候', latencies);
  for (let tries = 0; tries < 20; tries++) {
    const reply = await say(n, String(1 + ((n + tries) % 3)), latencies);
    if (reply.includes('约好了')) return true;
  }
  return false;
}

const latencies: number[] = [];
const started = performance.now();
const results = await Promise.all(Array.from({ length: CONVERSATIONS }, (_, n) => book(n, latencies)));
const seconds = (performance.now() - started) / 1000;
bot.stop();
console.log(`Booking through /api/messages, ${CONVERSATIONS} conversations at once (预约鉴定 -> 最早什么时候 -> one of the offers, again if taken):`);
console.log(`  ${results.filter(Boolean).length}/${CONVERSATIONS} booked, ${latencies.length} turns in ${seconds.toFixed(2)} s = ${(latencies.length / seconds).toFixed(0)} turns/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`);

console.log('Finding free sessions (SlotStore.list over the 4-week window, one hospital, free only):');
for (const [label, days] of [['4 weeks', 28], ['1 year', 365]] as const) {
  const { slots: store } = await openStores({ store: 'lowdb', dataDir: mkdtempSync(join(tmpdir(), 'onevisit-bench-slots-')) });
  const today = shanghaiDate(new Date());
  await store.ensureSlots(generateSlots(region, addDays(today, 1), days));
  const all = await store.list({});
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    await store.list({ hospitalId: 'people', from: addDays(today, 1), to: addDays(today, 28), freeOnly: true });
    times.push(performance.now() - t0);
  }
  console.log(`  ${label} generated (${all.length} sessions): p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}`);
}
