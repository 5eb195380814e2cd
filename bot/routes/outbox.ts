import type { Server } from 'restify';
import { parseCaseNo } from '../../data/caseQuery.js';
import type { OutboxRow, OutboxStore } from '../../data/outbox.js';
import { maskText } from '../../data/personalData.js';
import { guardRoute, parseLimit, sendError, sendJson } from '../http.js';
import type { AdminGuard } from './admin.js';

const MAX_LIST = 500;
const DEFAULT_LIST = 100;
const STATUSES: readonly OutboxRow['status'][] = ['pending', 'delivered', 'dead'];

type OutboxFilter = { status?: OutboxRow['status']; caseNo?: string; limit: number };

/** A row for the back office: the conversation reference cut down to where it goes (no user or bot ids, no service URL), an SMS's phone masked. */
export type OutboxRowView = Omit<OutboxRow, 'conversation'> & { conversation: { channelId?: string; id?: string } };

export function outboxRowView(row: OutboxRow): OutboxRowView {
  const { conversation, sms, ...rest } = row;
  return { ...rest, conversation: { channelId: conversation.channelId, id: conversation.conversation?.id }, ...(sms ? { sms: { ...sms, phone: maskText(sms.phone) } } : {}) };
}

/** The list filter from the query string, or the message explaining what is wrong with it. */
export function outboxFilterFromQuery(query: URLSearchParams): OutboxFilter | { error: string } {
  const value = (name: string) => query.get(name)?.trim() || undefined;
  const filter: OutboxFilter = { limit: DEFAULT_LIST };
  const status = value('status');
  if (status !== undefined) {
    if (!STATUSES.includes(status as OutboxRow['status'])) return { error: `status 应是 ${STATUSES.join('、')} 之一（待发送、已送达、已放弃）` };
    filter.status = status as OutboxRow['status'];
  }
  const caseNo = value('caseNo')?.toUpperCase();
  if (caseNo !== undefined) {
    if (!parseCaseNo(caseNo)) return { error: 'caseNo 应是办件编号（如 YC202611210001）' };
    filter.caseNo = caseNo;
  }
  const limit = parseLimit(value('limit'), MAX_LIST);
  if (typeof limit === 'object') return limit;
  if (limit !== undefined) filter.limit = limit;
  return filter;
}

/** `GET /api/admin/outbox?status=&caseNo=&limit=`: notifications newest first, dead letters included. */
export function registerOutboxAdmin(server: Server, allowed: AdminGuard, outbox: OutboxStore): void {
  server.get('/api/admin/outbox', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const filter = outboxFilterFromQuery(new URL(req.url ?? '', 'http://localhost').searchParams);
    if ('error' in filter) return sendError(res, 400, filter.error);
    sendJson(res, 200, { rows: (await outbox.list(filter)).map(outboxRowView) });
  }));
}
