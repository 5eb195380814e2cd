import { createApp, type App } from '../../../bot/app.js';
import { wechatConfig } from '../../../bot/channels/wechat/settings.js';
import { silentLogger } from '../../../bot/logger.js';
import { FakeWechatPlatform } from '../../../scripts/bench/wechatFake.js';
import { pushToBot, textPush, type PushOptions, type WechatAccount } from '../../../scripts/bench/wechatClient.js';
import { FakeClock, testConfig } from '../../support.js';
import type { Config } from '../../../bot/config.js';

export const ACCOUNT: WechatAccount = { token: 'wx-push-token', appId: 'wx0123456789abcdef', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', accountId: 'gh_onevisit' };
export const APP_SECRET = 'wx-app-secret';

export interface WechatRig {
  app: App;
  base: string;
  platform: FakeWechatPlatform;
  clock: FakeClock;
  /** A push signed at the fake clock's time. */
  push(fields: Record<string, string | number>, options?: PushOptions): ReturnType<typeof pushToBot>;
  /** The follower subscribes (and is welcomed): their first message is then answered at once. */
  follow(openId: string): ReturnType<typeof pushToBot>;
  /** Stops the app and starts it again on the same data folder and platform. */
  restart(): Promise<void>;
  /** A text from a follower, signed and created at the fake clock's time. */
  say(openId: string, text: string, options?: PushOptions): ReturnType<typeof pushToBot>;
  close(): Promise<void>;
}

const seconds = (clock: FakeClock) => Math.floor(clock.now().getTime() / 1000);

/** The app with the WeChat channel on, pointed at a fresh fake platform, on free loopback ports. */
export async function startWechatRig(overrides: Partial<Config> = {}, env: Record<string, string> = {}, clock = new FakeClock()): Promise<WechatRig> {
  const platform = new FakeWechatPlatform({ appId: ACCOUNT.appId, appSecret: APP_SECRET });
  await platform.start();
  const wechat = wechatConfig({ WECHAT_TOKEN: ACCOUNT.token, WECHAT_APPID: ACCOUNT.appId, WECHAT_APPSECRET: APP_SECRET, WECHAT_AES_KEY: ACCOUNT.aesKey, WECHAT_API_BASE: platform.base, ...env });
  const config = testConfig({ floodLimits: undefined, wechat, ...overrides });
  const rig = { app: await createApp({ config, logger: silentLogger, clock }), base: '' };
  rig.base = await rig.app.listen();
  const push: WechatRig['push'] = (fields, options = {}) => pushToBot(rig.base, ACCOUNT, fields, { timestamp: seconds(clock), ...options });
  return {
    get app() {
      return rig.app;
    },
    get base() {
      return rig.base;
    },
    platform,
    clock,
    push,
    follow: (openId) => push({ FromUserName: openId, CreateTime: seconds(clock), MsgType: 'event', Event: 'subscribe' }),
    restart: async () => {
      await rig.app.wechat?.settled();
      await rig.app.close();
      rig.app = await createApp({ config, logger: silentLogger, clock });
      rig.base = await rig.app.listen();
    },
    say: (openId, text, options) => push(textPush(openId, text, seconds(clock)), options),
    close: async () => {
      await rig.app.wechat?.settled();
      await rig.app.close();
      await platform.close();
    },
  };
}
