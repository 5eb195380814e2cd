import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { Materials } from '../../cases/materials.js';
import type { MaterialView } from '../../data/caseMaterials.js';
import { isFileId } from '../../data/files/fileStore.js';
import { formatIssues } from '../../data/validation.js';
import { text } from '../../dialogs/text/index.js';
import { guardRoute, HttpError, readJsonBody, sendError, sendJson } from '../http.js';
import { checkCaseNo } from '../ids.js';
import type { AdminGuard } from './admin.js';

const staff = z.string().trim().min(1).max(50);
const decisionSchema = z
  .object({
    decision: z.enum(['accept', 'reject']),
    by: staff,
    /** Required to reject: said to the applicant as it is written. */
    reason: z.string().trim().min(2).max(200).optional(),
    /** Accepts a file rejected before: only with a reason, audited. */
    force: z.boolean().optional(),
  })
  .strict();

const EXTENSIONS = { 'image/jpeg': 'jpg', 'application/pdf': 'pdf' } as const;

function fileIdOf(req: Request): string {
  const fileId = String(req.params.fileId ?? '');
  if (!isFileId(fileId)) throw new HttpError(400, 'fileId 应是 64 位十六进制（材料列表里的 fileId）');
  return fileId;
}

/** A material as staff read it: its name, where it stands, and each file with the path to open it. */
function materialJson(caseNo: string, m: MaterialView) {
  return {
    key: m.key,
    name: text.application.materials.names[m.key] ?? m.key,
    state: m.state,
    files: m.files.map((f) => ({ ...f, url: `/api/admin/cases/${caseNo}/materials/${f.fileId}` })),
  };
}

/**
 * Staff's view of the materials handed in online: the list per case, one file's bytes (each
 * read audited with who), and accepting or rejecting a file with the reason the applicant hears.
 */
export function registerMaterialsAdmin(server: Server, allowed: AdminGuard, materials: Materials): void {
  const list = async (caseNo: string) => {
    const views = await materials.list(caseNo);
    if (!views) throw new HttpError(404, `没有找到案件 ${caseNo}，请核对办件编号（如 YC202611210001）`);
    return { caseNo, materials: views.map((m) => materialJson(caseNo, m)) };
  };

  server.get('/api/admin/cases/:caseNo/materials', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    sendJson(res, 200, await list(checkCaseNo(req.params.caseNo)));
  }));

  // GET ...?by=工号: opening a person's document is an access like any other, so who is required.
  server.get('/api/admin/cases/:caseNo/materials/:fileId', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const caseNo = checkCaseNo(req.params.caseNo);
    const fileId = fileIdOf(req);
    const by = staff.safeParse(new URL(req.url ?? '', 'http://localhost').searchParams.get('by') ?? '');
    if (!by.success) throw new HttpError(400, '请在查询参数中写明 by（经办人），查看材料会记入办理记录');
    const read = await materials.read(caseNo, fileId, `admin:${by.data}`);
    if (!read.ok) return sendError(res, read.status, read.error);
    // Cache-Control: no-store comes with every /api answer (webServer).
    res.header('Content-Type', read.mime);
    res.header('Content-Length', String(read.bytes.length));
    res.header('Content-Disposition', `attachment; filename="${caseNo}-${read.material}-${fileId.slice(0, 8)}.${EXTENSIONS[read.mime]}"`);
    res.writeHead(200);
    res.end(read.bytes);
  }));

  server.post('/api/admin/cases/:caseNo/materials/:fileId/decision', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const caseNo = checkCaseNo(req.params.caseNo);
    const fileId = fileIdOf(req);
    const parsed = decisionSchema.safeParse(await readJsonBody(req, 16 * 1024));
    if (!parsed.success) throw new HttpError(400, `请求体应是 {"decision":"accept"|"reject","by","reason"?,"force"?}：${formatIssues(parsed.error)}`);
    const result = await materials.decide(caseNo, fileId, { ...parsed.data, by: `admin:${parsed.data.by}` });
    if (!result.ok) return sendError(res, result.status, result.error);
    sendJson(res, 200, await list(caseNo));
  }));
}
