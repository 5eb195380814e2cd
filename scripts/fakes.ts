import { statusTexts } from '../dialogs/text/index.js';
import { FakeWechatPlatform } from './bench/wechatFake.js';
import { DEMO_SMS, DEMO_WECHAT, demoEnv } from './fakes/demoAccounts.js';
import { FakeTencentSms } from './fakes/tencentSms.js';

// npm run fakes: the local stand-ins for Tencent Cloud SMS and the WeChat official-account
// platform, on loopback, printing what the bot sends through them. Start the bot with the
// settings printed here (README: "Try WeChat and SMS locally"). Ctrl-C stops them.
const port = (name: string, fallback: number) => Number(process.env[name] || fallback);
const time = () => new Date().toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

const sms = new FakeTencentSms({
  secretId: DEMO_SMS.secretId,
  secretKey: DEMO_SMS.secretKey,
  sdkAppId: DEMO_SMS.sdkAppId,
  signName: DEMO_SMS.signName,
  templates: Object.fromEntries(Object.entries(DEMO_SMS.templateIds).map(([key, id]) => [id, statusTexts.sms[key as keyof typeof statusTexts.sms]])),
  onSent: (m) => console.log(`${time()} SMS to ${m.phone}: ${m.text}`),
});
const wechat = new FakeWechatPlatform({
  appId: DEMO_WECHAT.appId,
  appSecret: DEMO_WECHAT.appSecret,
  onSent: (m) => console.log(`${time()} WeChat ${m.kind} to ${m.touser}: ${m.text ?? JSON.stringify(m.data)}`),
});
const smsBase = await sms.start(port('FAKE_SMS_PORT', 3901));
const wechatBase = await wechat.start(port('FAKE_WECHAT_PORT', 3902));

console.log(`fake Tencent Cloud SMS:    ${smsBase} (checks every request's TC3 signature)`);
console.log(`fake WeChat platform API:  ${wechatBase} (token, customer-service and template messages)`);
console.log('Start the bot with these settings (another terminal), for example:\n');
const env = Object.entries(demoEnv(smsBase, wechatBase)).map(([k, v]) => `${k}='${v}'`);
console.log(`  export ${env.join(' \\\n    ')}\n`);
console.log('Messages the bot sends through the fakes appear below.');

const stop = async () => {
  await Promise.all([sms.close(), wechat.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
