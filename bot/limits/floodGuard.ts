import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { sendJson, sourceAddress } from '../http.js';
import type { Clock } from '../../data/clock.js';
import type { FloodCounts } from '../../data/floodCounts.js';
import { countedRateLimit, type Rate, type RateLimit, type Verdict } from './rateLimit.js';

/** The limited groups of endpoints; each has its own budget per user and per address. */
export type FloodClass = 'messages' | 'directline' | 'tokens' | 'agent' | 'admin';

export interface FloodLimits {
  /** Per user (a chat user, a Direct Line conversation, a credential or session). */
  user: Rate;
  /** Per source address, for each group. */
  ip: Rate;
  /** Per source address for what mints tokens and conversations (the Web Chat page's token, Direct Line). */
  tokensIp: Rate;
  /**
   * Per WeChat follower, on the messages of the official account's push: the platform sends
   * every follower's messages from its own few addresses, so only the follower tells them apart.
   */
  wechatFollower: Rate;
}

export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  user: { points: 30, seconds: 10 },
  ip: { points: 300, seconds: 10 },
  tokensIp: { points: 30, seconds: 60 },
  wechatFollower: { points: 20, seconds: 60 },
};

const DIRECT_LINE = '/v3/directline';

/** Which group a request belongs to; undefined for what is not limited (pages, health, the bot's own connector calls). */
export function floodClassOf(method: string, path: string): FloodClass | undefined {
  if (path === '/api/messages') return 'messages';
  if (path === '/api/webchat/token' || path === `${DIRECT_LINE}/tokens/generate`) return 'tokens';
  if (method === 'POST' && (path === `${DIRECT_LINE}/conversations` || path === `${DIRECT_LINE}/conversations/`)) return 'tokens';
  // `/v3/directline/v3/...` is the bot posting its replies (the channel's connector side), not a client.
  if (path.startsWith(`${DIRECT_LINE}/v3/`)) return undefined;
  if (path.startsWith(`${DIRECT_LINE}/`)) return 'directline';
  if (path.startsWith('/api/agent/')) return 'agent';
  if (path.startsWith('/api/admin/')) return 'admin';
  return undefined;
}

/** The path as the router will match it, so "/api/%61dmin" or "//api/admin" is not a way around the limits. */
export function routedPath(url: string): string {
  const raw = url.split('?')[0].replace(/\/{2,}/g, '/');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // malformed escapes: the router refuses the request anyway
  }
}

const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

/**
 * Who is asking, when the request says so before its body is read: the Direct Line
 * conversation in the path, else the credential or session cookie presented (hashed: the key
 * must not hold the secret).
 */
function userOf(req: Request, path: string): string | undefined {
  const conversation = /^\/v3\/directline\/conversations\/([^/]+)/.exec(path)?.[1];
  if (conversation) return `conversation:${conversation}`;
  const credential = req.headers.authorization || req.headers.cookie;
  return credential ? `credential:${hashed(credential)}` : undefined;
}

export interface FloodGuard {
  /** For a route that learns its user from the body (/api/messages): false after answering 429. */
  admitUser(kind: FloodClass, user: string, res: Response): Promise<boolean>;
  /**
   * A WeChat follower's message, known once the push is verified: the verdict, for the channel to
   * answer in its own way (the platform takes no 429: it would retry, and tell the follower the
   * account is out of service).
   */
  admitFollower(openId: string): Promise<Verdict>;
}

function tooMany(res: Response, path: string, retryAfterSeconds: number): void {
  res.header('Retry-After', String(retryAfterSeconds));
  const message = `请求太频繁，请 ${retryAfterSeconds} 秒后再试`;
  // Direct Line clients read the channel's own error shape.
  sendJson(res, 429, path.startsWith(DIRECT_LINE) ? { error: { code: 'TooManyRequests', message } } : { error: message });
}

/**
 * Flood limits on every public API: per source address before anything else runs, and per
 * user as soon as the user is known, so one noisy client gets 429 (with Retry-After) and costs
 * the others next to nothing. Counted in `counts`: with PostgreSQL, across every instance.
 */
export function registerFloodGuard(server: Server, limits: FloodLimits, counts: FloodCounts, clock: Clock): FloodGuard {
  const perUser = countedRateLimit(counts, limits.user, clock, 'user');
  const perIp = countedRateLimit(counts, limits.ip, clock, 'ip');
  const tokensPerIp = countedRateLimit(counts, limits.tokensIp, clock, 'tokens-ip');
  const perFollower = countedRateLimit(counts, limits.wechatFollower, clock, 'follower');

  const admit = async (res: Response, path: string, checks: [RateLimit, string][]): Promise<boolean> => {
    for (const [limit, key] of checks) {
      const verdict = await limit.consume(key);
      if (!verdict.ok) {
        tooMany(res, path, verdict.retryAfterSeconds);
        return false;
      }
    }
    return true;
  };

  server.pre((req: Request, res: Response, next: (stop?: false) => void) => {
    const path = routedPath(req.url ?? '');
    const kind = floodClassOf(req.method ?? 'GET', path);
    if (!kind) return next();
    const checks: [RateLimit, string][] = [[kind === 'tokens' ? tokensPerIp : perIp, `${kind}:${sourceAddress(req)}`]];
    // On /api/messages the user is in the body (a channel's credential is shared by all its users).
    const user = kind === 'messages' ? undefined : userOf(req, path);
    if (user) checks.push([perUser, `${kind}:${user}`]);
    admit(res, path, checks).then(
      (ok) => next(ok ? undefined : false),
      () => next(), // a failing limiter must not take the service down with it
    );
  });

  return {
    // A failing limiter (a database error) must not silence the channel or answer 500.
    admitUser: (kind, user, res) => admit(res, '', [[perUser, `${kind}:user:${user}`]]).catch(() => true),
    admitFollower: (openId) => perFollower.consume(`wechat:${openId}`).catch((): Verdict => ({ ok: true })),
  };
}
