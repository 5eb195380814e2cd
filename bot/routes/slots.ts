import type { Server } from 'restify';
import { z } from 'zod';
import type { SlotFilter, SlotStore } from '../../data/appraisal.js';
import { MAX_SLOT_CAPACITY, isCalendarDate } from '../../data/appraisalRules.js';
import { guardRoute, readJsonBody, sendError, sendJson } from '../http.js';
import { checkId } from '../ids.js';
import { adminGuard } from './admin.js';

export const MAX_SLOT_PATCH_BYTES = 64 * 1024;
const MAX_ID_LENGTH = 100;

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];
const CAPACITY_MESSAGE = `capacity 应是 0 到 ${MAX_SLOT_CAPACITY} 之间的整数`;
const BODY_EXAMPLE = '如 {"capacity": 8} 或 {"closed": true}';

/** A staff change of one session: capacity, closed, or both; nothing else. */
const slotChange = z
  .object(
    {
      capacity: z
        .number({ invalid_type_error: CAPACITY_MESSAGE })
        .int(CAPACITY_MESSAGE)
        .min(0, CAPACITY_MESSAGE)
        .max(MAX_SLOT_CAPACITY, CAPACITY_MESSAGE)
        .optional(),
      closed: z.boolean({ invalid_type_error: 'closed 应是 true 或 false' }).optional(),
    },
    { invalid_type_error: `请求体应是 JSON 对象，${BODY_EXAMPLE}` },
  )
  .strict()
  .refine((c) => c.capacity !== undefined || c.closed !== undefined, `请给出 capacity 或 closed，${BODY_EXAMPLE}`);

function changeMessage(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.code === 'unrecognized_keys' ? `不认识的字段 ${issue.keys.map((k) => k.slice(0, 40)).join('、')}：只能修改 capacity 和 closed` : issue.message,
    )
    .join('；');
}

/** The list filter from the query string, or the message explaining what is wrong with it. */
export function slotFilterFromQuery(query: URLSearchParams): SlotFilter | { error: string } {
  const value = (name: string) => {
    const raw = query.get(name)?.trim();
    return raw ? raw : undefined;
  };
  const filter: SlotFilter = {};
  const hospital = value('hospital');
  if (hospital !== undefined) {
    if (hospital.length > MAX_ID_LENGTH) return { error: `hospital 应是医院编号（不超过 ${MAX_ID_LENGTH} 个字符）` };
    filter.hospitalId = hospital;
  }
  for (const end of ['from', 'to'] as const) {
    const raw = value(end);
    if (raw === undefined) continue;
    if (!isCalendarDate(raw)) return { error: `${end} 应是日期，写成 yyyy-mm-dd（如 2026-12-01）` };
    filter[end] = raw;
  }
  if (filter.from && filter.to && filter.from > filter.to) return { error: 'from 不能晚于 to' };
  const free = value('free')?.toLowerCase();
  if (free !== undefined) {
    if (TRUE.includes(free)) filter.freeOnly = true;
    else if (!FALSE.includes(free)) return { error: 'free 应是 true 或 false（true：只列出未关闭且有空位的场次）' };
  }
  return filter;
}

/**
 * Back-office appraisal sessions: the list (by date, morning before afternoon) and staff
 * changes of one session (capacity, never below what is booked; closing or reopening).
 */
export function registerSlotAdmin(server: Server, token: string | undefined, slots: SlotStore): void {
  const allowed = adminGuard(token);
  server.get('/api/admin/slots', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const filter = slotFilterFromQuery(new URL(req.url ?? '', 'http://localhost').searchParams);
    if ('error' in filter) return sendError(res, 400, filter.error);
    sendJson(res, 200, { slots: await slots.list(filter) });
  }));
  // Slot ids are `hospital:yyyy-mm-dd:part`: the router matches ':' (and its %3A form) inside a parameter.
  server.patch('/api/admin/slots/:slotId', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const id = checkId(String(req.params.slotId ?? '').trim(), '场次编号');
    const parsed = slotChange.safeParse(await readJsonBody(req, MAX_SLOT_PATCH_BYTES));
    if (!parsed.success) {
      const message = changeMessage(parsed.error);
      return sendError(res, 400, message.startsWith('请求体') ? message : `请求体有误：${message}`);
    }
    const result = await slots.update(id, parsed.data);
    if ('error' in result) {
      if (result.error === 'unknown') {
        return sendError(res, 404, `没有找到场次 ${id.slice(0, MAX_ID_LENGTH)}，场次编号形如 医院编号:2026-12-01:am`);
      }
      const booked = (await slots.get(id))?.booked;
      return sendError(res, 409, `该场次已约 ${booked ?? '若干'} 人，容量不能少于已约人数；如需减少，请先为已约的申请人改约或取消`);
    }
    sendJson(res, 200, { slot: result });
  }));
}
