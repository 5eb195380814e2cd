import { expect } from 'chai';
import type { App } from '../../bot/app.js';
import type { CaseRecord } from '../../data/cases.js';
import type { FakeTencentSms } from '../../scripts/fakes/tencentSms.js';
import { SAMPLE_ID_NUMBER, testIdNumber } from '../fixtures/cases.js';
import { tempDir, type FakeClock } from '../support.js';
import { CREDENTIALS, startSmsApp, TEMPLATE_IDS, type SmsApp } from './delivery/smsFixture.js';

const ADMIN = 'admin-token-window';

/**
 * An applicant who applies at the window never chats: staff register the case in the admin API,
 * and every status update reaches the applicant's mobile by SMS, through the local fake of
 * Tencent Cloud SMS (which verifies each request's signature).
 */
describe('window cases: POST /api/admin/cases, then SMS at every stage', function () {
  this.timeout(60_000);
  let rig: SmsApp;
  let fake: FakeTencentSms;
  let app: App;
  let base: string;
  let clock: FakeClock;

  before(async () => ({ app, base, fake, clock } = rig = await startSmsApp({ adminToken: ADMIN })));
  beforeEach(() => void (fake.sent.length = 0));
  after(() => rig.close());

  const post = async (path: string, body: unknown, token = ADMIN) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { case?: CaseRecord; error?: string; warning?: string } };
  };
  const register = (extra: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) =>
    post('/api/admin/cases', {
      requestId: 'win-0001-abcd',
      registeredBy: '窗口 李敏',
      applicant: { name: '王建国', idNumber: SAMPLE_ID_NUMBER, phone: '139 1234 5678', county: '示范县', address: '城关镇示例路 8 号', category: '肢体', ...applicant },
      items: ['cert-new', 'living-allowance'],
      delivery: 'pickup',
      ...extra,
    });

  it('registers the case as the chat would file it, once per request id, and texts each stage: template, masked name, case number, signed', async () => {
    const first = await register();
    expect(first.status, first.body.error).to.equal(201);
    const record = first.body.case!;
    expect(record.caseNo).to.match(/^YC20261120\d{4}$/);
    expect(record).to.deep.include({ channel: 'window', notifyBy: 'sms', stage: 'submitted', delivery: 'pickup' });
    expect(record).not.to.have.property('conversation');
    expect(record.applicant).to.include({ phone: '13912345678', birthDate: '1949-12-31', hukou: app.region.county });
    // Routed and queued by the bundle's rules: the allowance waits for the new certificate.
    expect(record.items.map((i) => [i.id, i.department, i.status])).to.deep.equal([['cert-new', '残联', 'submitted'], ['living-allowance', '民政', 'queued']]);
    expect(record.materials.toSubmit).to.include.members(['idCard', 'hukouBook', 'photos']);
    expect(record.audit[0]).to.include({ by: '窗口 李敏', action: 'submit' });

    // A retry (a lost answer, a double click) makes no second case.
    const again = await register();
    expect([again.status, again.body.case?.caseNo]).to.deep.equal([200, record.caseNo]);
    expect(await app.stores.cases.count()).to.equal(1);

    // The new case's alert to each department's duty phone, and its number to the applicant, who has no chat to read it in.
    expect(await app.notifier.tick()).to.include({ delivered: 3, dead: 0 });
    expect(fake.sent.map((s) => [s.phone, s.templateId, s.params])).to.have.deep.members([
      ['+8615400000001', TEMPLATE_IDS.staff_new_case, [record.caseNo, '王*国']],
      ['+8615400000002', TEMPLATE_IDS.staff_new_case, [record.caseNo, '王*国']],
      ['+8613912345678', TEMPLATE_IDS.status, ['王*国', record.caseNo, '已提交']],
    ]);

    // Every stage change reaches the applicant's phone.
    for (const [action, stageName] of [['start_review', '残联预审中'], ['pass_review', '待残疾评定']] as const) {
      fake.sent.length = 0;
      const acted = await post(`/api/admin/cases/${record.caseNo}/actions`, { action, by: '预审员1' });
      expect(acted.status, acted.body.error).to.equal(200);
      clock.advance(61_000); // one SMS per phone per minute
      expect(await app.notifier.tick()).to.include({ delivered: 1, dead: 0 });
      expect(fake.refused).to.deep.equal([]);
      expect(fake.sent.map((s) => [s.phone, s.templateId, s.params])).to.deep.equal([['+8613912345678', TEMPLATE_IDS.status, ['王*国', record.caseNo, stageName]]]);
      expect(fake.sent[0].text).to.include(`【${CREDENTIALS.signName}】`).and.include(record.caseNo).and.not.include('王建国').and.not.include(SAMPLE_ID_NUMBER);
    }
  });

  it('answers bad input with 400 naming what is wrong, never 500, and keeps nothing', async () => {
    const before = await app.stores.cases.count();
    const cases: [string, Promise<{ status: number; body: { error?: string } }>, RegExp][] = [
      ['not JSON', post('/api/admin/cases', '{"requestId":'), /JSON/],
      ['no body fields', post('/api/admin/cases', {}), /requestId/],
      ['an unknown field', register({ requestId: 'win-bad-0001', colour: 'red' }), /colour|Unrecognized/],
      ['an unknown item', register({ requestId: 'win-bad-0002', items: ['cert-new', 'free-bus'] }), /items/],
      ['no item', register({ requestId: 'win-bad-0003', items: [] }), /至少选一个事项/],
      ['a wrong check character', register({ requestId: 'win-bad-0004' }, { idNumber: '110105194912310021' }), /身份证号码不对/],
      ['a landline', register({ requestId: 'win-bad-0005' }, { phone: '0791-86123456' }), /手机号/],
      ['another county', register({ requestId: 'win-bad-0006' }, { county: '别的县' }), /户籍/],
      ['two certificate items', register({ requestId: 'win-bad-0007', items: ['cert-new', 'cert-renew'] }), /一次只能办一个/],
      ['a card without how to get it', register({ requestId: 'win-bad-0008', delivery: undefined }), /delivery/],
      ['a minor without a guardian', register({ requestId: 'win-bad-0009' }, { idNumber: testIdNumber(7, '2015-03-01') }), /监护人/],
      ['a bad request id', register({ requestId: 'x' }), /requestId/],
      ['a name that is not one', register({ requestId: 'win-bad-0010' }, { name: '123' }), /applicant\.name/],
    ];
    for (const [what, reply, message] of cases) {
      const { status, body } = await reply;
      expect(status, what).to.equal(400);
      expect(body.error, what).to.match(message);
    }
    expect(await app.stores.cases.count()).to.equal(before);
  });

  it('registers a minor with the guardian, the guardian\'s ID number as the check reads it', async () => {
    const guardianId = testIdNumber(21, '1980-02-02');
    const child = testIdNumber(22, '2016-06-06');
    const made = await register({ requestId: 'win-minor-0001', items: ['cert-new'], guardian: { name: '王大山', idNumber: ` ${guardianId.toLowerCase()} `, relation: '父亲' } }, { idNumber: child });
    expect(made.status, made.body.error).to.equal(201);
    expect(made.body.case!.guardian).to.deep.equal({ name: '王大山', idNumber: guardianId, relation: '父亲' });
    expect(made.body.case!.materials.toSubmit).to.include('guardianProof');
  });

  it('refuses another name on an ID number in progress, and a request id reused for another person (409, nothing filed)', async () => {
    const id = testIdNumber(12, '1958-03-03');
    const made = await register({ requestId: 'win-name-0001', items: ['cert-new'] }, { idNumber: id });
    expect(made.status).to.equal(201);
    const before = await app.stores.cases.count();
    const renamed = await register({ requestId: 'win-name-0002', items: ['emp-social-card'] }, { idNumber: id, name: '钱五' });
    expect(renamed.status).to.equal(409);
    expect(renamed.body.error).to.include('姓名不是“钱五”');
    const reused = await register({ requestId: 'win-name-0001', items: ['cert-new'] }, { idNumber: testIdNumber(13, '1961-04-04'), name: '赵四' });
    expect(reused.status).to.equal(409);
    expect(reused.body.error).to.include('已经用于另一位申请人');
    expect(await app.stores.cases.count()).to.equal(before);
  });

  it('refuses an item the person already has in progress (409 with its case), and strangers (no token)', async () => {
    const other = testIdNumber(11, '1960-05-05');
    const made = await register({ requestId: 'win-dup-0001', items: ['cert-new'] }, { idNumber: other });
    expect(made.status).to.equal(201);
    const dup = await register({ requestId: 'win-dup-0002', items: ['cert-new'] }, { idNumber: other });
    expect(dup.status).to.equal(409);
    expect(dup.body.error).to.include(made.body.case!.caseNo);
    expect((await post('/api/admin/cases', { requestId: 'win-dup-0003' }, 'wrong')).status).to.equal(401);
  });
});

describe('window cases with SMS off', function () {
  this.timeout(60_000);
  it('registers the case and warns that the applicant, who has no chat, will hear of nothing', async () => {
    const rig = await startSmsApp({ adminToken: ADMIN, sms: { on: false, reason: 'SMS_* not set' } });
    try {
      const res = await fetch(`${rig.base}/api/admin/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({
          requestId: 'win-nosms-0001', registeredBy: '窗口 李敏', items: ['cert-new'], delivery: 'pickup',
          applicant: { name: '王建国', idNumber: SAMPLE_ID_NUMBER, phone: '13912345678', county: '示范县', category: '肢体' },
        }),
      });
      const body = (await res.json()) as { case?: CaseRecord; warning?: string };
      expect(res.status).to.equal(201);
      expect(body.case?.caseNo).to.match(/^YC/);
      expect(body.warning).to.include('短信未开启');
    } finally {
      await rig.close();
    }
  });
});

describe('window cases: the same registration sent several times at once', function () {
  this.timeout(60_000);

  it('answers 201 to the request that made the case and 200 with that case to each repeat; a repeat for another applicant gets 409', async () => {
    // The embedded store writes to disk, so the requests overlap while the first case is being written.
    const rig = await startSmsApp({ adminToken: ADMIN, store: 'lowdb', dataDir: tempDir() });
    try {
      const body = (requestId: string, idNumber: string) => ({
        requestId, registeredBy: '窗口 李敏', items: ['cert-new'], delivery: 'pickup',
        applicant: { name: '王建国', idNumber, phone: '13912345678', category: '肢体' },
      });
      const post = async (sent: unknown) => {
        const res = await fetch(`${rig.base}/api/admin/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(sent) });
        return { status: res.status, body: (await res.json()) as { case?: CaseRecord; error?: string } };
      };
      const same = await Promise.all(Array.from({ length: 3 }, () => post(body('win-burst-0001', SAMPLE_ID_NUMBER))));
      expect(same.map((r) => r.status).sort()).to.deep.equal([200, 200, 201]);
      const caseNos = new Set(same.map((r) => r.body.case?.caseNo));
      expect(caseNos.size).to.equal(1);
      expect(await rig.app.stores.cases.count()).to.equal(1);
      // As a repeat sent later answers.
      const later = await post(body('win-burst-0001', SAMPLE_ID_NUMBER));
      expect([later.status, later.body.case?.caseNo]).to.deep.equal([200, [...caseNos][0]]);

      const mixed = await Promise.all([post(body('win-burst-0002', testIdNumber(21, '1970-05-05'))), post(body('win-burst-0002', testIdNumber(22, '1971-06-06')))]);
      expect(mixed.map((r) => r.status).sort()).to.deep.equal([201, 409]);
      expect(mixed.find((r) => r.status === 409)?.body.error).to.include('已经用于另一位申请人');
      expect(await rig.app.stores.cases.count()).to.equal(2);
    } finally {
      await rig.close();
    }
  });
});
