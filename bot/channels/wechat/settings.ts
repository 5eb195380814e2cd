import { aesKeyOf } from './crypto.js';
import type { WechatTemplate } from './delivery.js';

/** The real platform's API host (WECHAT_API_BASE's default). */
export const WECHAT_API_DEFAULT = 'https://api.weixin.qq.com';

export interface WechatSettings {
  /** WECHAT_TOKEN: the token set in the account's server configuration (signs every push). */
  token: string;
  /** WECHAT_APPID, WECHAT_APPSECRET: the account's credentials for its API (access_token). */
  appId: string;
  appSecret: string;
  /** WECHAT_AES_KEY: the 32-byte key of the 43-character EncodingAESKey (safe mode). */
  aesKey: Buffer;
  /** WECHAT_API_BASE: where the platform's API is (a local fake in tests). */
  apiBase: string;
  /** WECHAT_TEMPLATE_ID with WECHAT_TEMPLATE_FIELDS: status updates as template messages. */
  template?: WechatTemplate;
}

/** The channel's configuration: on with its settings, or off naming what is missing. */
export type WechatConfig = { on: true; settings: WechatSettings } | { on: false; missing: string[] };

const REQUIRED = ['WECHAT_TOKEN', 'WECHAT_APPID', 'WECHAT_APPSECRET', 'WECHAT_AES_KEY'] as const;
const TEMPLATE_VALUES = ['caseNo', 'name', 'status'] as const;
const DEFAULT_TEMPLATE_FIELDS = 'caseNo=keyword1,name=keyword2,status=keyword3';

/** WECHAT_TEMPLATE_FIELDS: `caseNo=…,name=…,status=…`, each value's field name in the template. */
function templateFields(raw: string): WechatTemplate['fields'] {
  const pairs = new Map(raw.split(',').map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]));
  const fields = Object.fromEntries(TEMPLATE_VALUES.map((name) => [name, pairs.get(name) ?? '']));
  const bad = TEMPLATE_VALUES.filter((name) => !/^[A-Za-z][\w.]{0,31}$/.test(fields[name]));
  if (bad.length || pairs.size !== TEMPLATE_VALUES.length) {
    throw new Error(`WECHAT_TEMPLATE_FIELDS 无效: "${raw}"。应写成 ${DEFAULT_TEMPLATE_FIELDS}（等号右边是模板里的字段名）`);
  }
  return fields as WechatTemplate['fields'];
}

/** Reads the WECHAT_* variables; a malformed value stops start-up with a message, missing ones turn the channel off. */
export function wechatConfig(env: NodeJS.ProcessEnv): WechatConfig {
  const missing = REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length) return { on: false, missing };
  const apiBase = env.WECHAT_API_BASE?.trim() || WECHAT_API_DEFAULT;
  if (!URL.canParse(apiBase) || !/^https?:$/.test(new URL(apiBase).protocol)) throw new Error(`WECHAT_API_BASE 无效: "${apiBase}"（应是 http(s) 地址）`);
  const templateId = env.WECHAT_TEMPLATE_ID?.trim();
  return {
    on: true,
    settings: {
      token: env.WECHAT_TOKEN!.trim(),
      appId: env.WECHAT_APPID!.trim(),
      appSecret: env.WECHAT_APPSECRET!.trim(),
      aesKey: aesKeyOf(env.WECHAT_AES_KEY!.trim()),
      apiBase,
      ...(templateId ? { template: { id: templateId, fields: templateFields(env.WECHAT_TEMPLATE_FIELDS?.trim() || DEFAULT_TEMPLATE_FIELDS) } } : {}),
    },
  };
}
