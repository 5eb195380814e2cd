import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { FeedbackStore, UnansweredStore } from '../../data/stores.js';
import { guardRoute, parseLimit, sendError, sendJson } from '../http.js';

const MAX_LIST = 500;

/** Bearer-token check; with no ADMIN_TOKEN configured the back office stays closed. */
export function adminGuard(token: string | undefined) {
  return (req: Request, res: Response): boolean => {
    if (!token) {
      sendError(res, 403, '后台接口未开启：请配置 ADMIN_TOKEN');
      return false;
    }
    const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
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
  token: string | undefined,
  stores: { unanswered: UnansweredStore; feedback: FeedbackStore },
): void {
  const allowed = adminGuard(token);
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
