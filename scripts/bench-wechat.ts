import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { FakeWechatPlatform } from './bench/wechatFake.js';
import { pushToBot, textPush, type WechatAccount } from './bench/wechatClient.js';
import { percentile } from './bench/stats.js';
import { startServerProcess } from './fuzz/serverProcess.js';

// npm run bench:wechat: 50 followers at once subscribe and ask questions through signed,
// safe-mode pushes to /api/wechat of a server run as `npm start` runs (a child process), its
// platform API a local fake. Each push's answer time is measured: the platform waits 5 s, so
// p99 must stay below that, and every answer must be the passive reply (not "success"). A
// warm-up, not measured, comes first: as many other followers asking the same questions, so
// the JIT is warm (a server just started runs its first turns several times slower) and the
// connections are open, as the platform keeps its own (a server busy with turns accepts new
// connections slowly: 45 opened at once at the start cost up to 10 s on a loaded machine).

const FOLLOWERS = Number(process.env.WECHAT_FOLLOWERS ?? 50);
const QUESTIONS = ['办残疾证要带什么材料', '护理补贴谁能领', '听力残疾去哪儿评定', '视力的呢', '要等多久', '残疾人证可以邮寄吗'];
const LIMIT_MS = 5000;

const account: WechatAccount = { token: randomBytes(8).toString('hex'), appId: 'wxbench0000000001', aesKey: randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, 'a').slice(0, 43), accountId: 'gh_bench' };
const appSecret = randomBytes(8).toString('hex');
const platform = new FakeWechatPlatform({ appId: account.appId, appSecret });
await platform.start();
const server = await startServerProcess({
  RATE_LIMIT: 'off', LOG_LEVEL: 'silent',
  WECHAT_TOKEN: account.token, WECHAT_APPID: account.appId, WECHAT_APPSECRET: appSecret, WECHAT_AES_KEY: account.aesKey, WECHAT_API_BASE: platform.base,
});
const times: number[] = [];
const failures: string[] = [];
let passive = 0;

/** `count` followers at once, each subscribing and then asking every question in turn. */
const followers = (count: number, prefix: string, measure: boolean) =>
  Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const openId = `${prefix}${String(i).padStart(3, '0')}`;
      const pushes = [{ FromUserName: openId, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'subscribe' }, ...QUESTIONS.map((q) => textPush(openId, q))];
      for (const push of pushes) {
        const t0 = performance.now();
        const answer = await pushToBot(server.base, account, push, { safe: true });
        if (!measure) continue;
        times.push(performance.now() - t0);
        if (answer.status !== 200) failures.push(`${openId}: HTTP ${answer.status} ${answer.body.slice(0, 100)}`);
        else if (answer.reply) passive += 1;
        else failures.push(`${openId}: "${answer.body}" instead of a passive reply`);
      }
    }),
  );

try {
  await followers(FOLLOWERS, 'oWarm', false);
  // One push per connection at once right before the run (a menu link opened: answered at once),
  // so none of them has been idle long enough to be closed.
  await Promise.all(Array.from({ length: FOLLOWERS }, (_, i) => pushToBot(server.base, account, { FromUserName: `oWarm${i}`, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'VIEW', EventKey: 'https://example.org' }, { safe: true })));
  const started = performance.now();
  await followers(FOLLOWERS, 'oBench', true);
  const wall = performance.now() - started;
  const p = (q: number) => `${percentile(times, q).toFixed(0)} ms`;
  console.log(`bench:wechat — ${FOLLOWERS} followers at once, ${times.length} safe-mode pushes (a subscribe and ${QUESTIONS.length} questions each) in ${(wall / 1000).toFixed(1)} s`);
  console.log(`  answer time: p50 ${p(50)}, p95 ${p(95)}, p99 ${p(99)}, max ${Math.max(...times).toFixed(0)} ms (limit ${LIMIT_MS} ms)`);
  console.log(`  passive replies ${passive}/${times.length}; customer-service messages ${platform.sent.length}; access-token fetches ${platform.tokenFetches}; load average ${loadavg()[0].toFixed(1)}`);
  if (percentile(times, 99) >= LIMIT_MS) failures.push(`p99 ${p(99)} is not below ${LIMIT_MS} ms`);
} finally {
  await server.stop();
  await platform.close();
}
if (failures.length) {
  console.error(`FAILED (${failures.length}):\n  ${failures.slice(0, 10).join('\n  ')}`);
  process.exitCode = 1;
}
