import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z, type ZodError, type ZodIssue } from 'zod';
import { CALL_CATEGORIES, type CallRecord, type CallStore } from '../../data/calls.js';
import type { AuditedAccess } from '../../cases/auditedAccess.js';
import { nextStep } from '../../cases/nextStep.js';
import type { AuditEntry, CaseRecord, CaseStore } from '../../data/cases.js';
import type { Clock } from '../../data/clock.js';
import type { Region } from '../../data/region.js';
import { normalizePhone } from '../../data/idNumber.js';
import { maskName, maskText, questionForCurators } from '../../data/personalData.js';
import type { AnswerFeedback, FeedbackStore } from '../../data/stores.js';
import { itemStatusName } from '../../dialogs/status/timeline.js';
import { text } from '../../dialogs/text/index.js';
import { AGENT_SESSION_MS, lockedOut, sessionCookie, type AgentAuth, type AgentCaller } from '../agentAuth.js';
import { guardRoute, HttpError, readJsonBody, sendError, sendJson, sourceAddress } from '../http.js';
import { checkCaseNo, checkId } from '../ids.js';
import { projectRoot } from '../paths.js';
import { maskNumber } from './cases.js';

const MAX_BODY = 16 * 1024;
const MAX_LIST = 500;

export interface AgentConsoleDeps {
  /** The agents' logins (accounts in the store). */
  auth: AgentAuth;
  feedback: FeedbackStore;
  cases: CaseStore;
  /** Records every reveal on the case (cases/). */
  access: AuditedAccess;
  calls: CallStore;
  clock: Clock;
  /** Names the hospitals of appraisal sessions. */
  region: Pick<Region, 'hospitals'>;
  /** When given, feedback must name an entry it knows. */
  kb?: { entry(id: string): unknown };
}

// ---------------------------------------------------------------------------------------------
// Request bodies, with messages an agent (or the console's developer) can act on.

const FIELD_NAMES: Record<string, string> = {
  name: '登录名（name）',
  password: '密码（password）',
  entryId: '知识条目编号（entryId）',
  question: '问题（question）',
  helpful: '是否有用（helpful）',
  reason: '查看原因（reason）',
  callerPhone: '来电号码（callerPhone）',
  category: '分类（category）',
  answer: '答复（answer）',
  followUpNeeded: '需要回访（followUpNeeded）',
  note: '备注（note）',
};
const TYPE_NAMES: Record<string, string> = { string: '文字', boolean: 'true 或 false', object: 'JSON 对象', number: '数字' };

function describeIssue(issue: ZodIssue): string {
  const key = String(issue.path[0] ?? '');
  const field = FIELD_NAMES[key] ?? (key || '请求体');
  switch (issue.code) {
    case 'invalid_type':
      if (!key) return '请求体应是 JSON 对象';
      if (issue.received === 'undefined') return `缺少${field}`;
      return `${field}应是${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.minimum === 1 ? `${field}不能为空` : `${field}至少 ${issue.minimum} 个字`;
    case 'too_big':
      return `${field}太长了，最多 ${issue.maximum} 个字`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_enum_value':
      return `${field}应是 ${issue.options.join('、')} 之一`;
    default:
      return key ? `${field}：${issue.message}` : issue.message;
  }
}

export function chineseIssues(error: ZodError): string {
  return [...new Set(error.issues.map(describeIssue))].join('；');
}

/**
 * A value the agent typed that is not right (a landline without its area code): said as the form
 * names the field, with no request jargon; a malformed body is the console developer's, in full.
 */
function typedIssues(error: ZodError): string | undefined {
  if (!error.issues.every((issue) => issue.code === 'custom' && FIELD_NAMES[String(issue.path[0])])) return undefined;
  return [...new Set(error.issues.map((issue) => `${FIELD_NAMES[String(issue.path[0])].replace(/（\w+）$/, '')}${issue.message}`))].join('；');
}

export const trimmed = (max: number) => z.string().trim().min(1).max(max);

const loginSchema = z.object({ name: trimmed(50), password: z.string().min(1).max(200) }).strict();

const feedbackSchema = z
  .object({
    entryId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '应是知识条目的编号，如 cert-new-how'),
    question: trimmed(1000),
    helpful: z.boolean(),
  })
  .strict();

const revealSchema = z.object({ reason: z.string().trim().min(2).max(200) }).strict();

const phoneSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      // A local landline typed as the caller says it ("8612345"): what is missing, said.
      const local = /^[1-9]\d{6,7}$/.test(value.replace(/[\s-]/g, ''));
      ctx.addIssue({ code: 'custom', message: local ? '少了区号：固定电话请在前面加上区号（如 0571-87654321）' : '应是 11 位手机号或带区号的固定电话（如 0571-87654321）' });
      return z.NEVER;
    }
    return phone;
  });

const callSchema = z
  .object({
    callerPhone: phoneSchema,
    category: z.enum(CALL_CATEGORIES),
    question: trimmed(2000),
    answer: trimmed(4000),
    followUpNeeded: z.boolean(),
  })
  .strict();

const doneSchema = z.object({ note: z.string().trim().max(500).optional() }).strict();

export async function parseBody<T>(req: Request, schema: z.ZodType<T, z.ZodTypeDef, unknown>): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(req, MAX_BODY));
  if (!parsed.success) throw new HttpError(400, typedIssues(parsed.error) ?? `请求体有误：${chineseIssues(parsed.error)}`);
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// What an agent sees of a case.

const st = text.status;

/** The steps a family member takes in the chat (the check of a relative's case); every other chat step is the applicant's. */
const FAMILY_ACTIONS = new Set(['family-check', 'family-check-locked']);

/** Who did a step; the chat account that filed a case for someone (`byProxy`) is the relative's, not the applicant's. */
function byLabel(by: string, action: string, byProxy: boolean): string {
  const [kind, ...rest] = by.split(':');
  const who = rest.join(':');
  if (kind === 'chat') return FAMILY_ACTIONS.has(action) ? st.agentBy.family : byProxy ? st.agentBy.proxy : st.agentBy.applicant;
  if (kind === 'agent') return st.agentBy.agent(who);
  if (kind === 'system') return st.agentBy.system;
  if (kind === 'admin' || kind === 'staff') return st.agentBy.staff(maskText(who));
  return maskText(by);
}

const ACTION_NAMES: Record<string, string> = { ...st.actionNames, ...st.agentActionNames };

/** A slot id as the slot store writes it (data/appraisal.ts `slotId`): hospital, date, part. */
const SLOT_ID = /([a-z0-9-]+):(\d{4}-\d{2}-\d{2}):(am|pm)/g;

/** Any slot id in the text said in words, so the agent can read it out to the caller. */
function slotsInWords(value: string, region: Pick<Region, 'hospitals'>): string {
  return value.replace(SLOT_ID, (_id, hospitalId: string, date: string, part: 'am' | 'pm') =>
    st.session(date, part, region.hospitals.find((h) => h.id === hospitalId)?.name),
  );
}

/** The case for a caller on the phone: where it stands, personal data masked, sessions in words. */
export function agentCaseView(c: CaseRecord, region: Pick<Region, 'hospitals'>) {
  // A closed case has nothing left to attend, whatever booking it still records.
  const appointment = c.status === 'closed' ? undefined : c.appointment;
  return {
    caseNo: c.caseNo,
    status: c.status,
    statusName: st.stageNames[c.status] ?? c.status,
    stage: c.stage,
    stageName: st.stageNames[c.stage] ?? c.stage,
    next: st.agentNext[nextStep(c)],
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    channel: c.channel,
    masked: true as const,
    applicant: { name: maskName(c.applicant.name), idNumber: maskNumber(c.applicant.idNumber), phone: maskNumber(c.applicant.phone) },
    submittedBy: { role: c.submittedBy.role, ...(c.submittedBy.relation ? { relation: c.submittedBy.relation } : {}) },
    items: c.items.map((i) => ({
      id: i.id,
      name: text.application.itemNames[i.id] ?? i.id,
      department: i.department,
      status: i.status,
      statusName: itemStatusName(i, c.stage),
      ...(i.reason ? { reason: maskText(i.reason) } : {}),
    })),
    ...(appointment
      ? {
          appointment: {
            date: appointment.date,
            part: appointment.part,
            partName: text.booking.parts[appointment.part],
            words: st.session(appointment.date, appointment.part, region.hospitals.find((h) => h.id === appointment.hospitalId)?.name),
          },
        }
      : {}),
    ...(c.returned ? { returned: { reason: maskText(c.returned.reason), fields: c.returned.fields, at: c.returned.at } } : {}),
    // A deaf applicant: the agent on the phone with a relative must not promise a call back.
    ...(c.contact ? { contact: c.contact, contactName: st.contactNames[c.contact] ?? c.contact } : {}),
    ...(c.noticeEndsOn ? { noticeEndsOn: c.noticeEndsOn } : {}),
    // A mailing address given after submitting is kept apart from the applicant's: the line says which (the address shows on reveal).
    ...(c.delivery ? { deliveryName: c.delivery === 'mail' ? `${st.deliveryNames.mail}（${st.mailTo[c.mailTo ? 'other' : 'applicant']}）` : st.deliveryNames.pickup } : {}),
    // As the applicant answered: "让民政看着办" reads as left to 民政, never as a low-income family.
    ...(c.facts.dibao !== undefined || c.facts.minzhengChecks ? { dibaoName: text.application.summary.dibaoStatus(c.facts) } : {}),
    timeline: c.audit.map((e) => timelineEntry(e, region, c.submittedBy)),
  };
}

/** Steps whose note starts with the material's key ("photos", "photos f1234…"): named as the applicant reads it. */
const MATERIAL_NOTED: readonly string[] = ['material-received', 'material-read'];
const materialNamed = (note: string) => note.replace(/^\S+/u, (key) => text.upload.names[key] ?? key);

/** One step of a case's timeline as the console shows it: named and attributed in the catalogue's words, numbers masked. */
export function timelineEntry(e: AuditEntry, region: Pick<Region, 'hospitals'>, filer?: CaseRecord['submittedBy']) {
  const words = (value: string) => slotsInWords(MATERIAL_NOTED.includes(e.action) ? materialNamed(value) : value, region);
  return {
    at: e.at,
    action: e.action,
    actionName: ACTION_NAMES[e.action] ?? st.agentActionOther,
    by: byLabel(e.by, e.action, filer?.role === 'proxy'),
    ...(e.from !== undefined ? { from: words(e.from) } : {}),
    ...(e.to !== undefined ? { to: words(e.to) } : {}),
    ...(e.note ? { note: words(maskText(e.note)) } : {}),
  };
}

/** A call in a list: the caller's number and any number in the text masked. */
export function callSummary(c: CallRecord) {
  return { ...c, callerPhone: maskNumber(c.callerPhone), question: maskText(c.question), answer: maskText(c.answer) };
}

// ---------------------------------------------------------------------------------------------
// The console page.

const PAGE_DIR = join(projectRoot, 'bot/web/agent');
const PAGE_FILES = {
  '/agent': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/agent/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/agent/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
} as const;

const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-cache',
};

function registerPage(server: Server): void {
  for (const [path, { file, type }] of Object.entries(PAGE_FILES)) {
    const body = readFileSync(join(PAGE_DIR, file));
    const handler = guardRoute(async (_req, res) => {
      res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
      res.end(body);
    });
    server.get(path, handler);
    if (path === '/agent') server.get('/agent/', handler);
  }
}

// ---------------------------------------------------------------------------------------------

type Handler = (req: Request, res: Response, caller: AgentCaller) => Promise<void>;

/**
 * The 12345 hotline agent console: the page at /agent, its login, and the APIs behind it
 * (feedback on suggestions, case lookup with audited reveal, call records and follow-ups).
 * Suggestions come from the public GET /api/agent/suggest.
 */
export function registerAgentConsole(server: Server, deps: AgentConsoleDeps): void {
  const { auth } = deps;
  const now = () => deps.clock.now();

  const guarded = (handler: Handler) =>
    guardRoute(async (req, res) => {
      const caller = await auth.check(req, res);
      if (caller) await handler(req, res, caller);
    });

  registerPage(server);

  server.post('/api/agent/login', guardRoute(async (req, res) => {
    const body = await parseBody(req, loginSchema);
    const result = await auth.login(body.name, body.password, sourceAddress(req));
    if (!result.ok) {
      if (result.retryAfter) return lockedOut(res, result.retryAfter);
      return sendError(res, 401, '登录名或密码不对，请核对后再试（连错 5 次账号会锁定 15 分钟）');
    }
    res.header('Set-Cookie', sessionCookie(req, result.token, AGENT_SESSION_MS / 1000));
    const { name, role, displayName } = result.caller;
    sendJson(res, 200, { agent: name, displayName, role, token: result.token, expiresAt: result.expiresAt.toISOString() });
  }));

  server.post('/api/agent/logout', guardRoute(async (req, res) => {
    await auth.logout(req);
    res.header('Set-Cookie', sessionCookie(req, '', 0));
    sendJson(res, 200, { loggedOut: true });
  }));

  // For the page: whether to show the login form (200 either way, nothing to hide).
  server.get('/api/agent/session', guardRoute(async (req, res) => {
    const { caller } = await auth.identify(req);
    sendJson(res, 200, caller ? { loggedIn: true, agent: caller.name, displayName: caller.displayName, role: caller.role } : { loggedIn: false });
  }));

  server.post(
    '/api/agent/feedback',
    guarded(async (req, res) => {
      const body = await parseBody(req, feedbackSchema);
      if (deps.kb && !deps.kb.entry(body.entryId)) throw new HttpError(400, `请求体有误：没有编号为 ${body.entryId} 的知识条目`);
      const feedback: AnswerFeedback = {
        entryId: body.entryId,
        helpful: body.helpful,
        channel: 'agent',
        ...(questionForCurators(body.question) ? { question: body.question } : {}),
        at: now().toISOString(),
      };
      await deps.feedback.record(feedback);
      sendJson(res, 201, { recorded: feedback });
    }),
  );

  const findCase = async (req: Request): Promise<CaseRecord> => {
    const caseNo = checkCaseNo(req.params.caseNo);
    const found = await deps.cases.get(caseNo);
    if (!found) throw new HttpError(404, `没有找到案件 ${caseNo}，请核对办件编号（如 YC202611210001）`);
    return found;
  };

  server.get(
    '/api/agent/cases/:caseNo',
    guarded(async (req, res) => sendJson(res, 200, { case: agentCaseView(await findCase(req), deps.region) })),
  );

  server.post(
    '/api/agent/cases/:caseNo/reveal',
    guarded(async (req, res, caller) => {
      const found = await findCase(req);
      const body = await parseBody(req, revealSchema);
      const result = await deps.access.recordReveal(found.caseNo, caller.name, maskText(body.reason));
      if (!result.ok) throw new HttpError(404, `没有找到案件 ${found.caseNo}`);
      const updated = result.record;
      sendJson(res, 200, {
        caseNo: updated.caseNo,
        applicant: updated.applicant,
        ...(updated.mailTo ? { mailTo: updated.mailTo } : {}),
        ...(updated.guardian ? { guardian: updated.guardian } : {}),
        // The step as the timeline shows it, for the console to add.
        entry: timelineEntry(updated.audit[updated.audit.length - 1], deps.region, updated.submittedBy),
      });
    }),
  );

  server.post(
    '/api/agent/calls',
    guarded(async (req, res, caller) => {
      const call = await parseBody(req, callSchema);
      // The caller's number is the record's purpose; any other number in the notes is masked.
      const recorded = await deps.calls.record({ ...call, question: maskText(call.question), answer: maskText(call.answer), agent: caller.name }, now());
      sendJson(res, 201, { call: recorded });
    }),
  );

  server.get(
    '/api/agent/calls',
    guarded(async (req, res) => {
      const query = new URL(req.url ?? '', 'http://localhost').searchParams;
      const followUp = query.get('followUp')?.trim() || undefined;
      if (followUp !== undefined && followUp !== 'pending' && followUp !== 'done') {
        throw new HttpError(400, 'followUp 应是 pending（待回访）或 done（已回访）');
      }
      const rawLimit = query.get('limit')?.trim();
      const limit = rawLimit ? Number(rawLimit) : 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw new HttpError(400, `limit 应是 1 到 ${MAX_LIST} 之间的整数`);
      const calls = await deps.calls.list({ followUp, limit });
      sendJson(res, 200, { calls: calls.map(callSummary) });
    }),
  );

  const callId = (req: Request) => checkId(String(req.params.id ?? '').trim(), '来电记录编号').toUpperCase();
  const noCall = (id: string) => new HttpError(404, `没有找到来电记录 ${id.slice(0, 40)}`);

  // One call in full: the number to call back.
  server.get(
    '/api/agent/calls/:id',
    guarded(async (req, res) => {
      const found = await deps.calls.get(callId(req));
      if (!found) throw noCall(callId(req));
      sendJson(res, 200, { call: found });
    }),
  );

  server.post(
    '/api/agent/calls/:id/done',
    guarded(async (req, res, caller) => {
      const id = callId(req);
      const body = await parseBody(req, doneSchema);
      const result = await deps.calls.markFollowUpDone(id, caller.name, now(), body.note || undefined);
      if (result.ok) return sendJson(res, 200, { call: callSummary(result.call) });
      if (result.reason === 'not_found') throw noCall(id);
      if (result.reason === 'not_needed') throw new HttpError(409, `来电 ${id} 没有标记需要回访`);
      const done = result.call.followUp!;
      throw new HttpError(409, `来电 ${id} 已经回访过了（${done.doneBy}，${done.doneAt}）`);
    }),
  );
}
