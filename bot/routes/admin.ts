import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { FeedbackStore, UnansweredStore } from '../../data/stores.js';
import { systemClock } from '../../data/clock.js';
import { guardRoute, parseLimit, sendError, sendJson, sourceAddress } from '../http.js';
import { CredentialLockout } from '../limits/lockout.js';

const MAX_LIST = 500;

/** True when the request may use the back office; otherwise the answer (403, 401 or 429) is sent. */
export type AdminGuard = (req: Request, res: Response) => boolean;

const ADMIN_CREDENTIAL = 'admin-token';
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Bearer-token check; with no ADMIN_TOKEN configured the back office stays closed. Wrong
 * tokens are counted per source and in all (`lockout`), shared by every admin route.
 */
export function adminGuard(token: string | undefined, lockout: CredentialLockout = new CredentialLockout(systemClock)): AdminGuard {
  return (req, res) => {
    if (!token) {
      sendError(res, 403, '后台接口未开启：请配置 ADMIN_TOKEN');
      return false;
    }
    const source = sourceAddress(req);
    const retryAfter = lockout.retryAfter(ADMIN_CREDENTIAL, source);
    if (retryAfter) {
      res.header('Retry-After', String(retryAfter));
      sendError(res, 429, `管理令牌错误次数太多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`);
      return false;
    }
    // Compared as digests: equal length whatever was sent, and in constant time.
    const given = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    if (!timingSafeEqual(digest(given), digest(token))) {
      lockout.fail(ADMIN_CREDENTIAL, source);
      res.header('WWW-Authenticate', 'Bearer');
      sendError(res, 401, '需要有效的管理令牌');
      return false;
    }
    return true;
  };
}

function limitParam(req: Request): number | undefined {
  const limit = parseLimit(new URL(req.url ?? '', 'http://localhost').searchParams.get('limit'), MAX_LIST);
  if (typeof limit === 'object') return undefined;
  return limit ?? 100;
}

/** Curators' view of the knowledge base: what users asked that it could not answer, and ratings. */
export function registerKnowledgeAdmin(
  server: Server,
  allowed: AdminGuard,
  stores: { unanswered: UnansweredStore; feedback: FeedbackStore },
): void {
  server.get('/api/admin/unanswered', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const limit = limitParam(req);
    if (limit === undefined) return sendError(res, 400, `limit 应是 1 到 ${MAX_LIST} 之间的整数`);
    sendJson(res, 200, { questions: await stores.unanswered.list(limit) });
  }));
  server.get('/api/admin/feedback', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const limit = limitParam(req);
    if (limit === undefined) return sendError(res, 400, `limit 应是 1 到 ${MAX_LIST} 之间的整数`);
    sendJson(res, 200, { entries: await stores.feedback.summary(), recent: await stores.feedback.recent(limit) });
  }));
}
