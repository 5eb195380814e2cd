import { SMS_TEMPLATE_KEYS, type SmsTemplateKey } from '../../data/outbox.js';
import type { WechatAccount } from '../bench/wechatClient.js';

/**
 * Made-up credentials shared by the local fakes (`npm run fakes`) and the bot started against
 * them: nothing here is a real account. The settings the bot needs are printed by `npm run fakes`.
 */
export const DEMO_SMS = {
  secretId: 'AKIDlocalfake00000000000000000000000',
  secretKey: 'local-fake-secret-key',
  sdkAppId: '1400000000',
  signName: '示范县残联',
  templateIds: Object.fromEntries(SMS_TEMPLATE_KEYS.map((k, i) => [k, String(1000001 + i)])) as Record<SmsTemplateKey, string>,
};

export const DEMO_WECHAT: WechatAccount & { appSecret: string } = {
  token: 'local-wechat-token',
  appId: 'wx00000000000000aa',
  appSecret: 'local-wechat-secret',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  accountId: 'gh_localfake',
};

/** The environment that points the bot at the fakes listening on `smsBase` and `wechatBase`. */
export function demoEnv(smsBase: string, wechatBase: string): Record<string, string> {
  return {
    SMS_API_BASE: smsBase,
    SMS_SECRET_ID: DEMO_SMS.secretId,
    SMS_SECRET_KEY: DEMO_SMS.secretKey,
    SMS_SDK_APP_ID: DEMO_SMS.sdkAppId,
    SMS_SIGN_NAME: DEMO_SMS.signName,
    SMS_TEMPLATES: Object.entries(DEMO_SMS.templateIds).map(([k, id]) => `${k}=${id}`).join(','),
    WECHAT_API_BASE: wechatBase,
    WECHAT_TOKEN: DEMO_WECHAT.token,
    WECHAT_APPID: DEMO_WECHAT.appId,
    WECHAT_APPSECRET: DEMO_WECHAT.appSecret,
    WECHAT_AES_KEY: DEMO_WECHAT.aesKey,
    SMS_CALLBACK_TOKEN: 'local-callback-token',
  };
}
