import { pushToBot, textPush } from './bench/wechatClient.js';
import { DEMO_WECHAT } from './fakes/demoAccounts.js';

// npm run wechat:say -- <openId> <text>: what the WeChat platform does when a follower writes to
// the official account: a signed (safe-mode) push to the bot's /api/wechat, for trying the
// channel against `npm run fakes`. Prints the passive reply; later messages go through the
// customer-service API, which `npm run fakes` prints. `subscribe` as the text follows the account.
const [openId, ...words] = process.argv.slice(2);
const said = words.join(' ').trim();
if (!openId || !said) {
  console.error('用法: npm run wechat:say -- <openId> <要说的话>    （如 npm run wechat:say -- oDemoUser 残疾证怎么办）');
  process.exit(1);
}
const base = process.env.BOT_URL || `http://127.0.0.1:${process.env.PORT || 3978}`;
const now = Math.floor(Date.now() / 1000);
// A MsgId of its own for every run: the bot takes a repeated MsgId for the platform's retry.
const msgId = String(BigInt(Date.now()) * 1000n + BigInt(process.pid % 1000));
const fields: Record<string, string | number> = said === 'subscribe' ? { FromUserName: openId, CreateTime: now, MsgType: 'event', Event: 'subscribe' } : { ...textPush(openId, said, now), MsgId: msgId };
const answer = await pushToBot(base, { ...DEMO_WECHAT, token: process.env.WECHAT_TOKEN || DEMO_WECHAT.token, aesKey: process.env.WECHAT_AES_KEY || DEMO_WECHAT.aesKey, appId: process.env.WECHAT_APPID || DEMO_WECHAT.appId }, fields, { safe: true });
if (answer.status !== 200) {
  console.error(`HTTP ${answer.status}: ${answer.body}`);
  process.exit(1);
}
console.log(answer.reply ?? '（没有被动回复：回答会通过客服消息发出，见 npm run fakes 的输出）');
