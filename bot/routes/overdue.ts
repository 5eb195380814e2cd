import type { Server } from 'restify';
import type { DailyJobs } from '../dailyJobs.js';
import { guardRoute, sendJson } from '../http.js';
import { adminGuard } from './admin.js';

/** GET /api/admin/overdue: cases past their stage's time limit, most overdue first. */
export function registerOverdueAdmin(server: Server, token: string | undefined, jobs: DailyJobs): void {
  const allowed = adminGuard(token);
  server.get('/api/admin/overdue', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const overdue = (await jobs.overdue()).sort((a, b) => b.workingDays - b.limit - (a.workingDays - a.limit));
    sendJson(res, 200, { overdue });
  }));
}
