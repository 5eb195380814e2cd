import type { Server } from 'restify';
import { DEPARTMENTS, type Department } from '../../data/bundle.js';
import { createdBound, DEFAULT_CASE_LIST_LIMIT } from '../../data/caseQuery.js';
import type { WorkflowActions } from '../../cases/workflowActions.js';
import { formatIssues } from '../../data/validation.js';
import { actionBodySchema, nextActions } from '../../data/workflow.js';
import { CASE_STATUSES, type CaseFilter, type CaseRecord, type CaseStatus, type CaseStore } from '../../data/cases.js';
import { maskName } from '../../data/personalData.js';
import { guardRoute, parseLimit, readJsonBody, sendError, sendJson } from '../http.js';
import { checkCaseNo } from '../ids.js';
import type { AdminGuard } from './admin.js';

const MAX_LIST = 500;
const STATUSES = CASE_STATUSES;

/**
 * Keeps the first 3 and last 4 characters and stars every other letter or digit, whatever the
 * format (18- or 15-digit ID, mobile, landline): a list never shows a full number, even one
 * the free-text masking would not recognise.
 */
export function maskNumber(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return chars.map((ch, i) => (i < 3 || i >= chars.length - 4 || !/[0-9A-Za-z]/.test(ch) ? ch : '*')).join('');
}

export interface CaseSummary {
  caseNo: string;
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
  applicant: { name: string; idNumber: string; phone: string };
  items: { id: string; department: Department; status: string }[];
  channel: CaseRecord['channel'];
  /** `text-only`: reach the applicant by SMS or in writing, never by a call. */
  contact?: CaseRecord['contact'];
  delivery?: CaseRecord['delivery'];
  /** Mailed: to the applicant's address, or to the mailing address given apart (`mailTo`, in the case itself). */
  mailTo?: 'applicant' | 'other';
}

/** A list row: enough to find and triage a case, personal data masked. */
export function caseSummary(c: CaseRecord): CaseSummary {
  return {
    caseNo: c.caseNo,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    applicant: { name: maskName(c.applicant.name), idNumber: maskNumber(c.applicant.idNumber), phone: maskNumber(c.applicant.phone) },
    items: c.items.map((i) => ({ id: i.id, department: i.department, status: i.status })),
    channel: c.channel,
    ...(c.contact ? { contact: c.contact } : {}),
    ...(c.delivery ? { delivery: c.delivery } : {}),
    ...(c.delivery === 'mail' ? { mailTo: c.mailTo ? ('other' as const) : ('applicant' as const) } : {}),
  };
}

/** The list filter from the query string, or the message explaining what is wrong with it. */
export function caseFilterFromQuery(query: URLSearchParams): CaseFilter | { error: string } {
  const value = (name: string) => {
    const raw = query.get(name)?.trim();
    return raw ? raw : undefined;
  };
  const filter: CaseFilter = { limit: DEFAULT_CASE_LIST_LIMIT };
  const status = value('status');
  if (status !== undefined) {
    if (!STATUSES.includes(status as CaseStatus)) return { error: `status 应是 ${STATUSES.join(' 或 ')}` };
    filter.status = status as CaseStatus;
  }
  const department = value('department');
  if (department !== undefined) {
    if (!DEPARTMENTS.includes(department as Department)) return { error: `department 应是 ${DEPARTMENTS.join('、')} 之一` };
    filter.department = department as Department;
  }
  for (const end of ['from', 'to'] as const) {
    // An unencoded "+08:00" arrives as " 08:00".
    const raw = value(end)?.replace(/(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2');
    if (raw === undefined) continue;
    if (createdBound(raw, end) === undefined) {
      return { error: `${end} 应是日期（如 2026-11-21，按北京时间整天计）或 ISO 时间（如 2026-11-21T09:00:00+08:00）` };
    }
    filter[end] = raw;
  }
  if (filter.from && filter.to && createdBound(filter.from, 'from')! > createdBound(filter.to, 'to')!) {
    return { error: 'from 不能晚于 to' };
  }
  const limit = parseLimit(value('limit'), MAX_LIST);
  if (typeof limit === 'object') return limit;
  if (limit !== undefined) filter.limit = limit;
  return filter;
}

/**
 * Back-office case views: a masked list with filters, one full case by number with the actions
 * allowed now, and performing one action (the workflow checks and audits it).
 */
export function registerCaseAdmin(server: Server, allowed: AdminGuard, cases: CaseStore, workflow?: WorkflowActions): void {
  server.get('/api/admin/cases', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const filter = caseFilterFromQuery(new URL(req.url ?? '', 'http://localhost').searchParams);
    if ('error' in filter) return sendError(res, 400, filter.error);
    sendJson(res, 200, { cases: (await cases.list(filter)).map(caseSummary) });
  }));
  server.get('/api/admin/cases/:caseNo', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const caseNo = checkCaseNo(req.params.caseNo);
    const found = await cases.get(caseNo);
    if (!found) return sendError(res, 404, `没有找到案件 ${caseNo}，请核对办件编号（如 YC202611210001）`);
    sendJson(res, 200, { case: found, nextActions: nextActions(found) });
  }));
  if (!workflow) return;
  server.post('/api/admin/cases/:caseNo/actions', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const caseNo = checkCaseNo(req.params.caseNo);
    const parsed = actionBodySchema.safeParse(await readJsonBody(req, 64 * 1024));
    if (!parsed.success) return sendError(res, 400, `请求体有误：${formatIssues(parsed.error)}`);
    const result = await workflow.perform(caseNo, parsed.data);
    if (!result.ok) return sendError(res, result.status, result.error);
    sendJson(res, 200, { case: result.record, nextActions: nextActions(result.record) });
  }));
}
