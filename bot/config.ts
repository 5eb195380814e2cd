import { resolve } from 'node:path';
import { STORE_KINDS, type StoreKind } from '../data/openStores.js';
import { DEFAULT_UPLOAD_LIMITS } from '../data/files/inspectUpload.js';
import { wholeNumber } from './envNumbers.js';
import { projectRoot } from './paths.js';
import { DEFAULT_FLOOD_LIMITS, type FloodLimits } from './limits/floodGuard.js';
import { parseRate } from './limits/rateLimit.js';
import { parseAllowedServiceUrls } from './replyTargets.js';
import { loadSmsSetting, type SmsSetting } from './delivery/smsConfig.js';
import { wechatConfig, type WechatConfig } from './channels/wechat/settings.js';

export interface Config {
  port: number;
  host: string;
  /** STORE: the backend of every store (lowdb by default; memory keeps nothing after exit). */
  store: StoreKind;
  dataDir: string;
  /** Where the knowledge base's trained model is kept between starts (default `<dataDir>/kb-model`). */
  kbModelDir?: string;
  /** DATABASE_URL: the PostgreSQL database of STORE=postgres. */
  databaseUrl?: string;
  /** CHAT_STATE_IDLE_DAYS: days a chat's state (lowdb) is kept after its last turn, default 30. */
  chatStateIdleDays?: number;
  regionFile: string;
  knowledgeDir: string;
  adminToken?: string;
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppTenantId?: string;
  microsoftAppType?: string;
  logLevel: 'info' | 'silent';
  /** QUIET_HOURS, e.g. "21:00-08:00" (the default) or "off". */
  quietHours?: string;
  /** NOTIFY_SCHEDULE: cron expression (Beijing time) of the outbox delivery, default every minute. */
  notifySchedule?: string;
  /** DIRECTLINE_SECRET: what a Direct Line client presents to get a token. */
  directLineSecret?: string;
  /** RATE_LIMIT_USER, RATE_LIMIT_IP, RATE_LIMIT_TOKENS_IP ("N/S": N requests per S seconds); `RATE_LIMIT=off` turns them off. */
  floodLimits?: FloodLimits;
  /** HANDOFF_QUIET_MINUTES: an agent silent this long in a live chat, the person is told and offered the bot or a call-back. */
  handoffQuietMinutes: number;
  /** ALLOWED_SERVICE_URLS: hosts or origins an anonymous bot may reply to besides loopback. */
  allowedServiceUrls: string[];
  /** UPLOAD_MAX_BYTES: the largest material file taken in the chat (10 MB by default): Direct Line uploads, files fetched for a message. */
  uploadMaxBytes: number;
  /** WEBCHAT_RESUME_DAYS: how long the Web Chat page keeps its user and conversation after the last visit. */
  webchatResumeDays: number;
  /** SMS_*: status updates and staff alerts by SMS (Tencent Cloud SMS), or off with the reason. */
  sms: SmsSetting;
  /** CHAT_FALLBACK_MINUTES: a chat delivery failing this long (retried meanwhile) falls back to SMS. */
  chatFallbackMinutes: number;
  /** WECHAT_*: the official-account channel at /api/wechat, off unless its four settings are given. */
  wechat: WechatConfig;
}

/** UPLOAD_MAX_BYTES: a whole number of bytes, or with a unit (10MB, 512KB); 1 KB to 50 MB. */
export function parseUploadMaxBytes(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_UPLOAD_LIMITS.maxBytes;
  const m = /^(\d+)\s*(kb|mb)?$/i.exec(value.trim());
  const bytes = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'mb' ? 1024 * 1024 : m[2] ? 1024 : 1) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1024 || bytes > 50 * 1024 * 1024) {
    throw new Error(`UPLOAD_MAX_BYTES 无效: "${value}"。应是字节数（如 10485760）或带单位（如 10MB、512KB），在 1KB 到 50MB 之间`);
  }
  return bytes;
}

function floodLimitsOf(env: NodeJS.ProcessEnv): FloodLimits | undefined {
  if (env.RATE_LIMIT === 'off') return undefined;
  const rate = (name: string, fallback: FloodLimits[keyof FloodLimits]) => (env[name] ? parseRate(name, env[name]!) : fallback);
  return {
    user: rate('RATE_LIMIT_USER', DEFAULT_FLOOD_LIMITS.user),
    ip: rate('RATE_LIMIT_IP', DEFAULT_FLOOD_LIMITS.ip),
    tokensIp: rate('RATE_LIMIT_TOKENS_IP', DEFAULT_FLOOD_LIMITS.tokensIp),
    wechatFollower: rate('RATE_LIMIT_WECHAT', DEFAULT_FLOOD_LIMITS.wechatFollower),
  };
}

/**
 * STORE=postgres is for several instances behind one proxy: each must find the database, and a
 * Direct Line token minted by one must be valid on the others (the signing key derives from
 * DIRECTLINE_SECRET; without it each process would sign with a key of its own).
 */
function requireSharedDeployment(env: NodeJS.ProcessEnv): void {
  const missing = ['DATABASE_URL', 'DIRECTLINE_SECRET'].filter((name) => !env[name]);
  if (missing.length) {
    throw new Error(
      `STORE=postgres 需要设置 ${missing.join('、')}（DATABASE_URL 如 postgres://onevisit:密码@db:5432/onevisit；DIRECTLINE_SECRET 每个实例相同，令牌才能在实例之间通用）`,
    );
  }
}

/** Reads the runtime contract's environment variables; a bad value stops start-up with a message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效: ${env.PORT}`);
  const store = (env.STORE || 'lowdb') as StoreKind;
  if (!STORE_KINDS.includes(store)) throw new Error(`STORE 无效: ${env.STORE}（可选 ${STORE_KINDS.join('、')}）`);
  if (store === 'postgres') requireSharedDeployment(env);
  const handoffQuietMinutes = Number(env.HANDOFF_QUIET_MINUTES || 5);
  if (!Number.isInteger(handoffQuietMinutes) || handoffQuietMinutes < 1 || handoffQuietMinutes > 120) {
    throw new Error(`HANDOFF_QUIET_MINUTES 无效: ${env.HANDOFF_QUIET_MINUTES}（1 到 120 之间的整数，单位分钟）`);
  }
  const idle = env.CHAT_STATE_IDLE_DAYS ? Number(env.CHAT_STATE_IDLE_DAYS) : undefined;
  if (idle !== undefined && !(idle > 0)) throw new Error(`CHAT_STATE_IDLE_DAYS 无效: ${env.CHAT_STATE_IDLE_DAYS}（应为正数，单位：天）`);
  return {
    port,
    store,
    handoffQuietMinutes,
    ...(idle !== undefined ? { chatStateIdleDays: idle } : {}),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || resolve(projectRoot, '.data')),
    databaseUrl: env.DATABASE_URL || undefined,
    regionFile: resolve(env.REGION_FILE || resolve(projectRoot, 'data/region/demo-county.yaml')),
    knowledgeDir: resolve(env.KNOWLEDGE_DIR || resolve(projectRoot, 'knowledge')),
    adminToken: env.ADMIN_TOKEN || undefined,
    microsoftAppId: env.MicrosoftAppId || undefined,
    microsoftAppPassword: env.MicrosoftAppPassword || undefined,
    microsoftAppTenantId: env.MicrosoftAppTenantId || undefined,
    microsoftAppType: env.MicrosoftAppType || undefined,
    logLevel: env.LOG_LEVEL === 'silent' ? 'silent' : 'info',
    quietHours: env.QUIET_HOURS || undefined,
    notifySchedule: env.NOTIFY_SCHEDULE || undefined,
    directLineSecret: env.DIRECTLINE_SECRET || undefined,
    floodLimits: floodLimitsOf(env),
    allowedServiceUrls: parseAllowedServiceUrls(env.ALLOWED_SERVICE_URLS),
    uploadMaxBytes: parseUploadMaxBytes(env.UPLOAD_MAX_BYTES),
    webchatResumeDays: wholeNumber(env, 'WEBCHAT_RESUME_DAYS', 7, 1, 30),
    sms: loadSmsSetting(env),
    chatFallbackMinutes: wholeNumber(env, 'CHAT_FALLBACK_MINUTES', 15, 1, 1440),
    wechat: wechatConfig(env),
  };
}
