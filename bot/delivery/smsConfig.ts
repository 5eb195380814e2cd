import { SMS_TEMPLATE_KEYS, type SmsTemplateKey } from '../../data/outbox.js';
import type { SmsRateLimits } from '../../data/sms.js';
import { wholeNumber } from '../envNumbers.js';
import { DEFAULT_TENCENT_SMS_BASE, type TencentSmsConfig } from './tencentSms.js';

export interface SmsConfig {
  tencent: TencentSmsConfig;
  templateIds: Record<SmsTemplateKey, string>;
  limits: SmsRateLimits;
  /** SMS_CALLBACK_TOKEN: the provider's receipt and reply callbacks carry it; unset, they are closed. */
  callbackToken?: string;
}

/** SMS on, or off with the reason said at start-up. */
export type SmsSetting = { on: true; config: SmsConfig } | { on: false; reason: string };

const REQUIRED = ['SMS_SECRET_ID', 'SMS_SECRET_KEY', 'SMS_SDK_APP_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATES'] as const;

/** SMS_TEMPLATES: `status=1234567,returned=1234568,...`, every template of SMS_TEMPLATE_KEYS named once. */
export function parseSmsTemplates(value: string): Record<SmsTemplateKey, string> {
  const found: Partial<Record<SmsTemplateKey, string>> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=(\d{1,20})$/.exec(part);
    if (!m || !SMS_TEMPLATE_KEYS.includes(m[1] as SmsTemplateKey)) {
      throw new Error(`SMS_TEMPLATES 无效: "${part}"。应写成 模板=模板ID，用逗号分开，模板为 ${SMS_TEMPLATE_KEYS.join('、')}`);
    }
    found[m[1] as SmsTemplateKey] = m[2];
  }
  const missing = SMS_TEMPLATE_KEYS.filter((k) => !found[k]);
  if (missing.length) throw new Error(`SMS_TEMPLATES 缺少 ${missing.join('、')} 的模板ID`);
  return found as Record<SmsTemplateKey, string>;
}

/**
 * The SMS provider (Tencent Cloud SMS) from the environment. Without its credentials SMS is
 * off: start-up says which variables are missing, and updates go by chat only. A value that is
 * set but wrong stops start-up with a message naming it.
 */
export function loadSmsSetting(env: NodeJS.ProcessEnv): SmsSetting {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length === REQUIRED.length) return { on: false, reason: 'SMS_* not set' };
  if (missing.length) return { on: false, reason: `missing ${missing.join(', ')}` };
  const baseUrl = env.SMS_API_BASE || DEFAULT_TENCENT_SMS_BASE;
  if (!/^https?:\/\/[^/]+\/?$/.test(baseUrl)) throw new Error(`SMS_API_BASE 无效: ${baseUrl}（应是 https://主机名，如 ${DEFAULT_TENCENT_SMS_BASE}）`);
  return {
    on: true,
    config: {
      tencent: {
        baseUrl,
        secretId: env.SMS_SECRET_ID!,
        secretKey: env.SMS_SECRET_KEY!,
        sdkAppId: env.SMS_SDK_APP_ID!,
        signName: env.SMS_SIGN_NAME!,
        region: env.SMS_REGION || 'ap-guangzhou',
      },
      templateIds: parseSmsTemplates(env.SMS_TEMPLATES!),
      limits: { perMinute: wholeNumber(env, 'SMS_PHONE_PER_MINUTE', 1, 1, 1000), perDay: wholeNumber(env, 'SMS_PHONE_PER_DAY', 10, 1, 1000) },
      ...(env.SMS_CALLBACK_TOKEN ? { callbackToken: env.SMS_CALLBACK_TOKEN } : {}),
    },
  };
}
