import type { Response, Server } from 'restify';
import { z } from 'zod';
import { normalizeIdNumber } from '../../cases/privacy.js';
import type { Submission } from '../../cases/submission.js';
import { bundleItem, GRADES, ITEM_IDS } from '../../data/bundle.js';
import type { CaseRecord, CaseStore, NewCase } from '../../data/cases.js';
import type { Clock } from '../../data/clock.js';
import { normalizePhone, validateIdNumber } from '../../data/idNumber.js';
import { DISABILITY_CATEGORIES, type Region } from '../../data/region.js';
import { formatIssues } from '../../data/validation.js';
import { caseItemsOf, nameDiffers, openCaseWith } from '../../dialogs/application/caseItems.js';
import { materialsFor } from '../../dialogs/application/materials.js';
import { finalItems, needsGuardian, type Values } from '../../dialogs/application/values.js';
import { text } from '../../dialogs/text/index.js';
import { guardRoute, readJsonBody, sendError, sendJson } from '../http.js';
import type { AdminGuard } from './admin.js';

/** Han names of 2-8 characters, names of several parts joined by ·, or a Latin name. */
const PERSON_NAME = /^(?:\p{Script=Han}{2,8}|\p{Script=Han}+(?:·\p{Script=Han}+)+|[A-Za-z][A-Za-z .'-]{1,40})$/u;
const name = z.string().trim().max(40).regex(PERSON_NAME, '应是申请人的姓名（2-8 个汉字，少数民族姓名用 · 连接）');
const idNumber = z.string().trim().min(15).max(30);

/** What staff send when they register an application handed in at the window. */
const windowCaseSchema = z
  .object({
    /** The client's id for this registration: sent again (a retry, a double click), it makes no second case. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '应是 8-64 位字母、数字、- 或 _，同一次登记重发时不变'),
    /** Who registered it (staff name or number): the audit trail's first entry. */
    registeredBy: z.string().trim().min(1, '请写登记人').max(100),
    applicant: z
      .object({
        name,
        idNumber,
        phone: z.string().max(30),
        /** 户籍: the county of the region file (its name or an alias); the county when left out. */
        county: z.string().trim().max(50).optional(),
        address: z.string().trim().min(6).max(100).optional(),
        category: z.enum(DISABILITY_CATEGORIES).optional(),
        grade: z.enum(GRADES).optional(),
      })
      .strict(),
    guardian: z.object({ name, idNumber, relation: z.string().trim().min(1).max(20) }).strict().optional(),
    items: z.array(z.enum(ITEM_IDS)).min(1, '至少选一个事项').max(ITEM_IDS.length),
    delivery: z.enum(['mail', 'pickup']).optional(),
  })
  .strict();
type WindowCaseBody = z.infer<typeof windowCaseSchema>;

export interface WindowCaseDeps {
  /** Whether SMS is on: without it a window applicant, who has no chat, hears of nothing. */
  smsOn: boolean;
  cases: CaseStore;
  submission: Submission;
  region: Region;
  clock: Clock;
}

type Checked = { ok: true; input: NewCase & { submissionId: string } } | { ok: false; status: 400 | 409; error: string };

/**
 * The case as the chat's application would file it: the same items, routing and queueing, the
 * same materials (the originals shown at the window), SMS for every status update (a window
 * applicant has no chat). Or what is wrong with the registration, in words staff can act on.
 */
async function windowCaseOf(body: WindowCaseBody, deps: WindowCaseDeps): Promise<Checked> {
  const bad = (error: string): Checked => ({ ok: false, status: 400, error });
  const { applicant, guardian } = body;
  const id = validateIdNumber(applicant.idNumber, deps.clock.now());
  if (!id.ok) return bad('applicant.idNumber: 身份证号码不对（出生日期或校验位有误），请核对');
  const phone = normalizePhone(applicant.phone);
  if (!phone || !/^1/.test(phone)) return bad('applicant.phone: 应是申请人的手机号（11 位），办理进度用短信发到这个号码');
  const county = deps.region.county;
  if (applicant.county && ![county, ...(deps.region.countyAliases ?? [])].some((n) => applicant.county!.includes(n))) {
    return bad(`applicant.county: 户籍应在${county}，其他地方的申请请告知申请人去户籍地办理`);
  }
  const v: Values = { picks: body.items, channel: 'window', age: id.age, ...(applicant.category ? { category: applicant.category } : {}), ...(applicant.grade ? { grade: applicant.grade } : {}) };
  const items = finalItems(v);
  const certificates = items.filter((i) => bundleItem(i).certificate);
  if (certificates.length > 1) return bad(`items: 残疾人证的事项一次只能办一个，现在有 ${certificates.join('、')}`);
  if (needsGuardian(v) && !guardian) return bad('guardian: 未成年人或智力、精神残疾人要登记监护人（name、idNumber、relation）');
  const guardianId = guardian && validateIdNumber(guardian.idNumber, deps.clock.now());
  if (guardianId && !guardianId.ok) return bad('guardian.idNumber: 监护人身份证号码不对，请核对');
  const issuesCard = items.some((i) => bundleItem(i).issuesCard);
  if (issuesCard && !body.delivery) return bad('delivery: 要发证的事项请写领取方式：mail（邮寄）或 pickup（窗口领取）');
  const submissionId = `window:${body.requestId}`;
  const open = await deps.cases.openCasesOf(id.idNumber);
  if (nameDiffers(open, submissionId, applicant.name)) {
    return { ok: false, status: 409, error: `这个身份证号已有在办的申请（${open.map((c) => c.caseNo).join('、')}），姓名不是“${applicant.name}”：请核对姓名和身份证号` };
  }
  const duplicates = items.map((i) => ({ item: i, other: openCaseWith(open, submissionId, i) })).filter((d) => d.other);
  if (duplicates.length) {
    const listed = duplicates.map((d) => `${text.application.itemNames[d.item]}（${d.other!.caseNo}）`).join('、');
    return { ok: false, status: 409, error: `申请人已有在办的：${listed}，请去掉这些事项再登记` };
  }
  const materials = materialsFor(v);
  return {
    ok: true,
    input: {
      submissionId,
      by: body.registeredBy,
      applicant: {
        name: applicant.name,
        idNumber: id.idNumber,
        birthDate: id.birthDate,
        phone,
        hukou: county,
        ...(applicant.address ? { address: applicant.address } : {}),
        ...(applicant.category ? { category: applicant.category } : {}),
        ...(applicant.grade ? { grade: applicant.grade } : {}),
      },
      // Nobody chats about a window case: its key is the registration's, never a chat user's.
      submittedBy: { role: 'self', userKey: submissionId },
      ...(guardian && guardianId?.ok ? { guardian: { ...guardian, idNumber: guardianId.idNumber } } : {}),
      items: caseItemsOf(v, items),
      facts: {},
      materials: { verified: materials.verified, toSubmit: materials.toSubmit },
      channel: 'window',
      ...(issuesCard ? { delivery: body.delivery } : {}),
      notifyBy: 'sms',
    },
  };
}

/** A registration whose requestId has a case already: that case (200), or 409 when it is another applicant's. */
function answerRepeat(res: Response, repeated: CaseRecord, body: WindowCaseBody): void {
  if (repeated.applicant.idNumber !== normalizeIdNumber(body.applicant.idNumber)) {
    return sendError(res, 409, `requestId ${body.requestId} 已经用于另一位申请人的案件 ${repeated.caseNo}，新的登记请换一个 requestId`);
  }
  sendJson(res, 200, { case: repeated });
}

/**
 * POST /api/admin/cases: an application handed in at the window, registered by staff. The case
 * is made by the same use case as the chat's submission (one case per `requestId`: 201 for the
 * request that made it, 200 with it for every repeat, at once or later), and its status updates
 * go to the applicant's mobile by SMS.
 */
export function registerWindowCases(server: Server, allowed: AdminGuard, deps: WindowCaseDeps): void {
  server.post('/api/admin/cases', guardRoute(async (req, res) => {
    if (!allowed(req, res)) return;
    const parsed = windowCaseSchema.safeParse(await readJsonBody(req, 16 * 1024));
    if (!parsed.success) return sendError(res, 400, `请求体有误：${formatIssues(parsed.error)}`);
    const repeated = await deps.submission.submitted(`window:${parsed.data.requestId}`);
    if (repeated) return answerRepeat(res, repeated, parsed.data);
    const checked = await windowCaseOf(parsed.data, deps);
    if (!checked.ok) return sendError(res, checked.status, checked.error);
    // The same registration sent at once (a double click, a client's retry): one made the case, the others repeat it.
    const { record, created } = await deps.submission.file(checked.input);
    if (!created) return answerRepeat(res, record, parsed.data);
    const warning = deps.smsOn ? {} : { warning: '短信未开启（未配置 SMS_*）：这位申请人没有聊天，收不到任何办理进度，请另行电话告知' };
    sendJson(res, 201, { case: record, ...warning });
  }));
}
