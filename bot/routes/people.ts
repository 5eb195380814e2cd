import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { normalizeIdNumber, type Privacy } from '../../cases/privacy.js';
import { formatIssues } from '../../data/validation.js';
import { HttpError, readJsonBody, sendError, sendJson } from '../http.js';
import type { AdminGuard } from './admin.js';

const who = { by: z.string().trim().min(1).max(50), reason: z.string().trim().min(2).max(200) };
const eraseSchema = z.object({ ...who, force: z.boolean().optional() }).strict();
const exportSchema = z.object(who);

function idNumberOf(req: Request): string {
  const id = normalizeIdNumber(String(req.params.idNumber ?? ''));
  if (!id) throw new HttpError(400, '身份证号格式不对：应是18位（最后一位可以是X）或15位');
  return id;
}

/**
 * Staff acting on a person's rights (PIPL): a copy of everything kept about them, and its
 * erasure. Both by ID number, both audited on every case touched (who, why).
 */
export function registerPeopleAdmin(server: Server, allowed: AdminGuard, privacy: Privacy): void {
  const guarded = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    if (!allowed(req, res)) return;
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof HttpError) return sendError(res, err.status, err.message);
      throw err;
    }
  };

  // GET ...?by=工号&reason=原因: reading it is an access like any other, so who and why are required.
  server.get(
    '/api/admin/people/:idNumber/export',
    guarded(async (req, res) => {
      const idNumber = idNumberOf(req);
      const query = Object.fromEntries(new URL(req.url ?? '', 'http://localhost').searchParams);
      const parsed = exportSchema.safeParse(query);
      if (!parsed.success) throw new HttpError(400, `请在查询参数中写明 by（经办人）和 reason（原因）：${formatIssues(parsed.error)}`);
      const data = await privacy.export(idNumber, { by: `admin:${parsed.data.by}`, reason: parsed.data.reason });
      if (!data) throw new HttpError(404, '没有这个身份证号的数据');
      sendJson(res, 200, data);
    }),
  );

  server.del(
    '/api/admin/people/:idNumber',
    guarded(async (req, res) => {
      const idNumber = idNumberOf(req);
      const parsed = eraseSchema.safeParse(await readJsonBody(req, 16 * 1024));
      if (!parsed.success) throw new HttpError(400, `请求体应是 {"by","reason","force"?}：${formatIssues(parsed.error)}`);
      const result = await privacy.erase(idNumber, { by: `admin:${parsed.data.by}`, reason: parsed.data.reason, force: parsed.data.force });
      if (result.ok) return sendJson(res, 200, { erased: { cases: result.cases, drafts: result.drafts } });
      if (result.reason === 'not_found') throw new HttpError(404, '没有这个身份证号的数据');
      sendJson(res, 409, { error: `有正在办理的案件（${result.cases.join('、')}），不能删除；确需删除请加 "force": true 并写明原因`, cases: result.cases });
    }),
  );
}
