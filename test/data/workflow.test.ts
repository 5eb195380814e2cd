import { expect } from 'chai';
import type { CaseRecord, Stage } from '../../data/cases.js';
import { deriveCaseStatus } from '../../data/cases.js';
import { ACTIONS, actionBodySchema, actionFields, nextActions, planAction, type Action, type ActionBody } from '../../data/workflow.js';
import { shippedKnowledge } from '../support.js';
import { newCase } from '../fixtures/cases.js';

const { region } = shippedKnowledge();
const TODAY = '2026-11-20';

function record(stage: Stage, items = newCase().items): CaseRecord {
  const { by: _by, ...fields } = newCase({ items });
  return { ...fields, caseNo: 'YC202611200001', createdAt: '', updatedAt: '', stage, status: deriveCaseStatus(items, stage), audit: [] };
}

const body = (action: Action, extra: Partial<ActionBody> = {}): ActionBody => ({ action, by: 'staff:test', ...extra });

// Which stage-level actions each stage allows (item decisions are tested below).
const allowed: Record<Stage, Action[]> = {
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
const extras: Partial<Record<Action, Partial<ActionBody>>> = {
  return: { note: '照片不清楚', fields: ['phone'] },
  record_appraisal: { category: '肢体', grade: '二级' },
  object: { note: '邻居反映情况不实' },
  deliver: { method: 'mail' },
};

describe('case workflow: the transition table', () => {
  for (const [stage, actions] of Object.entries(allowed) as [Stage, Action[]][]) {
    for (const action of ACTIONS.filter((a) => a !== 'approve_item' && a !== 'reject_item')) {
      const ok = actions.includes(action);
      it(`${stage} + ${action} -> ${ok ? 'allowed' : '409'}`, () => {
        const plan = planAction(record(stage), body(action, extras[action]), TODAY, region);
        if (ok) expect(plan.ok, JSON.stringify(plan)).to.equal(true);
        else expect(plan).to.include({ ok: false, status: 409 });
      });
    }
  }

  it('needs a reason to return, an appraisal result to record it, a method to deliver (400)', () => {
    expect(planAction(record('pre_review'), body('return'), TODAY, region)).to.include({ ok: false, status: 400 });
    expect(planAction(record('appraisal_scheduled'), body('record_appraisal'), TODAY, region)).to.include({ ok: false, status: 400 });
    expect(planAction(record('approved'), body('deliver'), TODAY, region)).to.include({ ok: false, status: 400 });
  });

  it('sends a certificate case to appraisal and a subsidy-only case to the departments', () => {
    const cert = record('pre_review');
    const plan = planAction(cert, body('pass_review'), TODAY, region);
    if (plan.ok) plan.change(cert);
    expect(cert.stage).to.equal('appraisal_scheduled');
    const subsidy = record('pre_review', [{ id: 'pension-help', department: '人社', status: 'submitted' }]);
    const plan2 = planAction(subsidy, body('pass_review'), TODAY, region);
    if (plan2.ok) plan2.change(subsidy);
    expect(subsidy.stage).to.equal('in_decision');
  });

  it('ends the 公示 five working days later, counting over a holiday', () => {
    const c = record('appraised');
    const plan = planAction(c, body('start_notice'), '2026-12-28', region);
    if (plan.ok) plan.change(c);
    // 12-29, 12-30, 12-31, (1-1 holiday, 1-2/1-3 weekend), 1-4, 1-5.
    expect(c.noticeEndsOn).to.equal('2027-01-05');
  });

  it('on approval issues the certificate item and releases the items that waited for it', () => {
    const c = record('public_notice', [
      { id: 'cert-new', department: '残联', status: 'submitted' },
      { id: 'care-allowance', department: '民政', status: 'queued', reason: '等证' },
    ]);
    const plan = planAction(c, body('complete_notice'), TODAY, region);
    if (plan.ok) plan.change(c);
    expect(c.items.map((i) => [i.id, i.status])).to.deep.equal([['cert-new', 'approved'], ['care-allowance', 'submitted']]);
    const approve = nextActions(c).find((a) => a.action === 'approve_item');
    expect(approve?.body.item).to.deep.include({ required: true, oneOf: ['care-allowance'] });
  });

  it('refuses to end the 公示 before its last working day, unless a reason is given', () => {
    const c = { ...record('public_notice'), noticeEndsOn: '2026-11-24' };
    const early = planAction(c, body('complete_notice'), '2026-11-23', region);
    expect(early).to.include({ ok: false, status: 409 });
    expect(!early.ok && early.error).to.include('2026-11-24');
    expect(planAction(c, body('complete_notice'), '2026-11-24', region)).to.include({ ok: true });
    expect(planAction(c, body('complete_notice', { override: '申请人病危，县残联批准提前办结' }), '2026-11-23', region)).to.include({ ok: true });
  });

  it('names in nextActions exactly the body fields each action reads', () => {
    const c = record('appraisal_scheduled');
    const [recordAppraisal] = nextActions(c);
    expect(recordAppraisal.action).to.equal('record_appraisal');
    expect(Object.keys(recordAppraisal.body)).to.have.members(['category', 'grade', 'note']);
    const schemaKeys = Object.keys(actionBodySchema.shape);
    for (const action of ACTIONS) for (const field of Object.keys(actionFields(action, c))) expect(schemaKeys, `${action}.${field}`).to.include(field);
  });

  it('reads grades as staff type them: 1-4, "2", 一级-四级, 三', () => {
    for (const [raw, grade] of [[1, '一级'], ['2', '二级'], ['三级', '三级'], ['四', '四级']] as const) {
      const parsed = actionBodySchema.parse({ action: 'record_appraisal', by: 'staff', category: '肢体', grade: raw });
      expect(parsed.grade, String(raw)).to.equal(grade);
    }
    expect(actionBodySchema.safeParse({ action: 'record_appraisal', by: 'staff', category: '肢体', grade: 5 }).success).to.equal(false);
  });

  it('lets departments decide items in parallel once pre-review has passed, never before', () => {
    const before = record('pre_review', [{ id: 'pension-help', department: '人社', status: 'submitted' }]);
    expect(planAction(before, body('approve_item', { item: 'pension-help' }), TODAY, region)).to.include({ ok: false, status: 409 });
    const after = record('in_decision', [
      { id: 'pension-help', department: '人社', status: 'submitted' },
      { id: 'living-allowance', department: '民政', status: 'submitted' },
    ]);
    const reject = planAction(after, body('reject_item', { item: 'living-allowance' }), TODAY, region);
    expect(reject).to.include({ ok: false, status: 400 });
    const approve = planAction(after, body('approve_item', { item: 'pension-help' }), TODAY, region);
    if (approve.ok) approve.change(after);
    expect(after.items[0].status).to.equal('approved');
    expect(planAction(after, body('approve_item', { item: 'pension-help' }), TODAY, region)).to.include({ ok: false, status: 409 });
  });
});
