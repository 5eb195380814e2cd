import { z } from 'zod';
import { GRADES } from './bundle.js';
import { addWorkingDays } from './calendar.js';
import { STAGES, type CaseRecord, type Stage } from './cases.js';
import { DISABILITY_CATEGORIES, type Region } from './region.js';

// The case workflow as a table: which action is allowed at which stage, what it needs, what it
// changes. Every change goes through CaseStore.update, so it is atomic and audited.

export const ACTIONS = [
  'start_review',
  'return',
  'resubmit',
  'pass_review',
  'record_appraisal',
  'start_notice',
  'object',
  'complete_notice',
  'deliver',
  'approve_item',
  'reject_item',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Fields the applicant can be asked to correct after a return (the application form's slot keys). */
export const CORRECTABLE_FIELDS = ['name', 'idNumber', 'phone', 'hukou', 'address', 'category', 'guardianName', 'guardianId', 'guardianRelation', 'channel', 'delivery'] as const;

const GRADE_NUMBERS: Record<string, (typeof GRADES)[number]> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级', 一: '一级', 二: '二级', 三: '三级', 四: '四级' };

/** Staff send grades as 1-4, "1", "一级" or "三": all read as the grade they mean. */
const gradeSchema = z.preprocess((raw) => {
  const key = String(raw ?? '').trim().replace(/级$/, '');
  return GRADE_NUMBERS[key] ?? raw;
}, z.enum(GRADES));

export const actionBodySchema = z
  .object({
    action: z.enum(ACTIONS),
    note: z.string().max(500).optional(),
    by: z.string().min(1).max(100),
    item: z.string().optional(),
    fields: z.array(z.enum(CORRECTABLE_FIELDS)).optional(),
    category: z.enum(DISABILITY_CATEGORIES).optional(),
    grade: gradeSchema.optional(),
    method: z.enum(['mail', 'pickup']).optional(),
    /** Why a step is taken before its time (ending the 公示 early); kept in the audit trail. */
    override: z.string().trim().min(2).max(200).optional(),
  })
  .strict();
export type ActionBody = z.infer<typeof actionBodySchema>;

/** One body field an action takes, as staff and their tools need to know it. */
export interface FieldSpec {
  required: boolean;
  description: string;
  oneOf?: readonly string[];
}

export interface NextAction {
  action: Action;
  /** The body fields besides `action` and `by` (always required): exactly what the API reads. */
  body: Record<string, FieldSpec>;
}

const optionalNote: FieldSpec = { required: false, description: '备注，记入办理记录' };

/** What each action reads from the body (the API's documentation and `nextActions` come from here). */
export function actionFields(action: Action, c: CaseRecord): Record<string, FieldSpec> {
  switch (action) {
    case 'return':
      return {
        note: { required: true, description: '退回原因，申请人能照着改的话' },
        fields: { required: false, description: '要申请人重新填写的项（数组）', oneOf: CORRECTABLE_FIELDS },
      };
    case 'record_appraisal':
      return {
        category: { required: true, description: '评定的残疾类别', oneOf: DISABILITY_CATEGORIES },
        grade: { required: true, description: '评定的等级：1-4 或 一级-四级', oneOf: GRADES },
        note: optionalNote,
      };
    case 'object':
      return { note: { required: true, description: '异议内容' } };
    case 'complete_notice':
      return {
        note: optionalNote,
        override: { required: false, description: `公示${c.noticeEndsOn ? `到${c.noticeEndsOn}` : ''}结束前完成时必填：提前结束的理由，记入办理记录` },
      };
    case 'deliver':
      return { method: { required: true, description: '送达方式', oneOf: ['mail', 'pickup'] }, note: optionalNote };
    case 'approve_item':
      return { item: { required: true, description: '要决定的事项（一次一项）', oneOf: decidableItems(c, action) }, note: optionalNote };
    case 'reject_item':
      return {
        item: { required: true, description: '要决定的事项（一次一项）', oneOf: decidableItems(c, action) },
        note: { required: true, description: '不予办理的原因' },
      };
    default:
      return { note: optionalNote };
  }
}

/** The items that need an appraisal at a designated hospital: a new certificate, a new category or grade. */
export const APPRAISAL_ITEMS: readonly string[] = ['cert-new', 'cert-change'];
const needsAppraisal = (c: CaseRecord) => c.items.some((i) => APPRAISAL_ITEMS.includes(i.id));
const certItem = (c: CaseRecord) => c.items.find((i) => i.id.startsWith('cert-'));

/** Stages from which departments decide items in parallel (pre-review has passed). */
export const DECIDING: readonly Stage[] = ['appraisal_scheduled', 'appraised', 'public_notice', 'approved', 'delivered', 'in_decision'];

const STAGE_ACTIONS: Record<Stage, Action[]> = {
  submitted: ['start_review'],
  pre_review: ['pass_review', 'return'],
  returned: ['resubmit'],
  appraisal_scheduled: ['record_appraisal'],
  appraised: ['start_notice'],
  public_notice: ['complete_notice', 'object'],
  approved: ['deliver'],
  delivered: [],
  in_decision: [],
};

/** Items a department may decide now: undecided, not waiting for the certificate, not the certificate itself (its track decides it). */
function decidableItems(c: CaseRecord, action: 'approve_item' | 'reject_item'): string[] {
  if (!DECIDING.includes(c.stage)) return [];
  return c.items
    .filter((i) => i.status === 'submitted')
    .filter((i) => !i.id.startsWith('cert-') || (action === 'reject_item' && ['appraised', 'public_notice'].includes(c.stage)) || (!needsAppraisal(c) && c.stage === 'in_decision'))
    .map((i) => i.id);
}

export function nextActions(c: CaseRecord): NextAction[] {
  const actions: Action[] = [...STAGE_ACTIONS[c.stage]];
  for (const action of ['approve_item', 'reject_item'] as const) if (decidableItems(c, action).length) actions.push(action);
  return actions.map((action) => ({ action, body: actionFields(action, c) }));
}

export type ActionOutcome =
  | { ok: true; change: (c: CaseRecord) => void; message: NotificationKey }
  | { ok: false; status: 400 | 409; error: string };

/** What the applicant is told, by kind of event. */
export type NotificationKey =
  | 'pre_review'
  | 'returned'
  | 'resubmitted'
  | 'appraisal_scheduled'
  | 'in_decision'
  | 'appraised'
  | 'public_notice'
  | 'objection'
  | 'approved'
  | 'delivered_mail'
  | 'delivered_pickup'
  | 'item_approved'
  | 'item_rejected';

/**
 * Checks an action against the case as it is and returns the change to apply. 409 when the
 * action is not allowed now; 400 when what it needs is missing.
 */
export function planAction(c: CaseRecord, body: ActionBody, today: string, region: Region): ActionOutcome {
  const allowed = nextActions(c).find((a) => a.action === body.action);
  const decidable = allowed?.body.item?.oneOf;
  if (!allowed) return { ok: false, status: 409, error: `现在（${c.stage}）不能执行 ${body.action}；可以执行：${nextActions(c).map((a) => a.action).join('、') || '无'}` };
  const need = (what: string) => ({ ok: false as const, status: 400 as const, error: `${body.action} 需要 ${what}` });
  switch (body.action) {
    case 'start_review':
      return { ok: true, change: (r) => void (r.stage = 'pre_review'), message: 'pre_review' };
    case 'return':
      if (!body.note) return need('note（退回原因，申请人能照着改的话）');
      return {
        ok: true,
        change: (r) => {
          r.stage = 'returned';
          r.returned = { reason: body.note!, fields: body.fields ?? [], at: today };
        },
        message: 'returned',
      };
    case 'resubmit':
      return {
        ok: true,
        change: (r) => {
          r.stage = 'pre_review';
          delete r.returned;
        },
        message: 'resubmitted',
      };
    case 'pass_review':
      return {
        ok: true,
        change: (r) => void (r.stage = needsAppraisal(r) ? 'appraisal_scheduled' : 'in_decision'),
        message: needsAppraisal(c) ? 'appraisal_scheduled' : 'in_decision',
      };
    case 'record_appraisal':
      if (!body.category || !body.grade) return need('category 和 grade（评定结果）');
      return {
        ok: true,
        change: (r) => {
          r.stage = 'appraised';
          r.applicant.category = body.category;
          r.applicant.grade = body.grade;
        },
        message: 'appraised',
      };
    case 'start_notice':
      return {
        ok: true,
        change: (r) => {
          r.stage = 'public_notice';
          r.noticeEndsOn = addWorkingDays(region, today, 5);
        },
        message: 'public_notice',
      };
    case 'object':
      if (!body.note) return need('note（异议内容）');
      return { ok: true, change: (r) => void ((r.stage = 'pre_review'), delete r.noticeEndsOn), message: 'objection' };
    case 'complete_notice':
      // The 公示 runs through its last working day; ending it sooner takes a reason on record.
      if (c.noticeEndsOn && today < c.noticeEndsOn && !body.override) {
        return { ok: false, status: 409, error: `公示到${c.noticeEndsOn}才结束，现在不能完成；确需提前结束请在 override 里写明理由` };
      }
      return {
        ok: true,
        change: (r) => {
          r.stage = 'approved';
          delete r.noticeEndsOn;
          const cert = certItem(r);
          if (cert && cert.status === 'submitted') cert.status = 'approved';
          // Subsidies that waited for the certificate go to their departments now.
          for (const item of r.items) if (item.status === 'queued') (item.status = 'submitted'), delete item.reason;
        },
        message: 'approved',
      };
    case 'deliver':
      if (!body.method) return need('method（mail 或 pickup）');
      return { ok: true, change: (r) => void ((r.stage = 'delivered'), (r.delivery = body.method)), message: body.method === 'mail' ? 'delivered_mail' : 'delivered_pickup' };
    case 'approve_item':
    case 'reject_item': {
      if (!body.item || !decidable?.includes(body.item)) return { ok: false, status: 409, error: `事项 ${body.item ?? '(未填)'} 现在不能决定；可以决定：${decidable?.join('、')}` };
      if (body.action === 'reject_item' && !body.note) return need('note（不予办理的原因）');
      return {
        ok: true,
        change: (r) => {
          const item = r.items.find((i) => i.id === body.item)!;
          item.status = body.action === 'approve_item' ? 'approved' : 'rejected';
          if (body.note) item.reason = body.note;
        },
        message: body.action === 'approve_item' ? 'item_approved' : 'item_rejected',
      };
    }
  }
}

/**
 * Changes a case gets from the applicant, an agent or the system outside the staff actions
 * above, and the stages that allow each: the use cases check them inside the case write.
 */
export const CASE_EVENTS = {
  'appointment-book': ['appraisal_scheduled'],
  'appointment-reschedule': ['appraisal_scheduled'],
  // Freeing a place is always allowed: a booking left behind by a later stage only blocks others.
  'appointment-cancel': STAGES,
  'home-appraisal-request': ['submitted', 'pre_review', 'returned', 'appraisal_scheduled'],
  'home-appraisal-cancel': ['submitted', 'pre_review', 'returned', 'appraisal_scheduled'],
  // Picking up changed to mailing: until the certificate is issued.
  'delivery-mail': ['submitted', 'pre_review', 'returned', 'appraisal_scheduled', 'appraised', 'public_notice', 'approved'],
  // The address a mailed certificate goes to: until it is sent.
  'mail-address-change': ['submitted', 'pre_review', 'returned', 'appraisal_scheduled', 'appraised', 'public_notice', 'approved'],
  // How the applicant is reached (a new phone, calls not taken): while anyone may still need to reach them.
  'phone-change': ['submitted', 'pre_review', 'returned', 'appraisal_scheduled', 'appraised', 'public_notice', 'approved', 'in_decision'],
  'contact-text-only': ['submitted', 'pre_review', 'returned', 'appraisal_scheduled', 'appraised', 'public_notice', 'approved', 'in_decision'],
  'agent-reveal': STAGES,
  'family-check-locked': STAGES,
  'family-check': STAGES,
  // Files come in while the case is open: before and after pre-review (staff may still ask for one).
  'material-receive': ['submitted', 'pre_review', 'returned', 'appraisal_scheduled', 'appraised', 'public_notice', 'approved', 'in_decision'],
  'material-decide': STAGES,
  'material-read': STAGES,
  // Reminders of missing files stop once the case is past pre-review's concerns.
  'material-reminder': ['submitted', 'pre_review', 'returned'],
} as const satisfies Record<string, readonly Stage[]>;
export type CaseEvent = keyof typeof CASE_EVENTS;

export const allowsEvent = (c: CaseRecord, event: CaseEvent): boolean => (CASE_EVENTS[event] as readonly Stage[]).includes(c.stage);

/**
 * Working days a stage may take before the case is overdue: the federation reviews within 10
 * working days (policy-facts.md); the other limits are this service's own promises.
 */
export const STAGE_LIMITS: Partial<Record<Stage, number>> = {
  submitted: 2,
  pre_review: 10,
  appraised: 5,
  approved: 10,
  in_decision: 20,
};

/** When the case entered its current stage: the last audit entry that moved it there. */
export function stageSince(c: CaseRecord): string {
  for (let i = c.audit.length - 1; i >= 0; i--) {
    const entry = c.audit[i];
    if (entry.from !== entry.to || i === 0) return entry.at;
  }
  return c.createdAt;
}
