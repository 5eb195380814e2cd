import { expect } from 'chai';
import { ERASED } from '../../data/cases.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { uploadFixture } from '../fixtures/uploadFiles.js';
import { adminAppPerTest } from '../adminApp.js';
import { FakeClock } from '../support.js';

const ADMIN = 'test-admin-token';
const decided = [{ id: 'education-grant' as const, department: '教育' as const, status: 'approved' as const }];
/** The sample ID number as someone might type it in a URL. */
const TYPED_ID = `${SAMPLE_ID_NUMBER.slice(0, 6)}-${SAMPLE_ID_NUMBER.slice(6, 14)}-${SAMPLE_ID_NUMBER.slice(14).toLowerCase()}`;

describe('admin API: a person\'s data (export and erasure)', () => {
  const clock = new FakeClock();
  const admin = adminAppPerTest(ADMIN, clock);
  const { call } = admin;

  it('exports everything about one person, audited with who and why', async () => {
    const c = await admin.app.stores.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:u1' } }), clock.now());
    await admin.app.stores.family.subscribe({ caseNo: c.caseNo, userKey: 'test:daughter', conversation: {}, since: clock.now().toISOString() });
    expect((await call('GET', `/api/admin/people/${TYPED_ID}/export`)).status).to.equal(400);
    const res = await call('GET', `/api/admin/people/${TYPED_ID}/export?by=li&reason=${encodeURIComponent('本人来窗口申请查阅')}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const body = (await res.json()) as { idNumber: string; cases: { caseNo: string; applicant: { idNumber: string }; audit: { action: string; by: string; note?: string }[] }[]; followers: { userKey: string }[] };
    expect(body.idNumber).to.equal(SAMPLE_ID_NUMBER);
    expect(body.cases.map((x) => x.caseNo)).to.deep.equal([c.caseNo]);
    expect(body.cases[0].applicant.idNumber).to.equal(SAMPLE_ID_NUMBER);
    expect(body.cases[0].audit.at(-1)).to.deep.include({ action: 'export', by: 'admin:li', note: '本人来窗口申请查阅' });
    expect(body.followers.map((f) => f.userKey)).to.deep.equal(['test:daughter']);
    expect((await admin.app.stores.cases.get(c.caseNo))!.audit.at(-1)).to.include({ action: 'export' });
    expect((await call('GET', '/api/admin/people/110101199003074514/export?by=li&reason=查阅')).status).to.equal(404);
    expect((await call('GET', '/api/admin/people/12345/export?by=li&reason=查阅')).status).to.equal(400);
  });

  it('refuses to erase while a case is in progress unless forced with a reason, then erases it all', async () => {
    const c = await admin.app.stores.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:u1' } }), clock.now());
    await admin.app.stores.family.subscribe({ caseNo: c.caseNo, userKey: 'test:daughter', conversation: {}, since: clock.now().toISOString() });
    const refused = await call('DELETE', `/api/admin/people/${SAMPLE_ID_NUMBER}`, { by: 'li', reason: '本人申请删除' });
    expect(refused.status).to.equal(409);
    expect(await refused.json()).to.deep.include({ cases: [c.caseNo] });
    expect((await admin.app.stores.cases.get(c.caseNo))!.applicant.idNumber).to.equal(SAMPLE_ID_NUMBER);
    expect((await call('DELETE', `/api/admin/people/${SAMPLE_ID_NUMBER}`, { by: 'li', force: true })).status).to.equal(400);
    const forced = await call('DELETE', `/api/admin/people/${SAMPLE_ID_NUMBER}`, { by: 'li', reason: '法院裁定删除', force: true });
    expect(forced.status).to.equal(200);
    expect(await forced.json()).to.deep.equal({ erased: { cases: [c.caseNo], drafts: 0 } });
    const erased = (await admin.app.stores.cases.get(c.caseNo))!;
    expect(erased.applicant.name).to.equal(ERASED);
    expect(JSON.stringify(erased)).not.to.include(SAMPLE_ID_NUMBER);
    expect(erased.audit.at(-1)).to.include({ action: 'erase-forced', by: 'admin:li', note: '法院裁定删除' });
    expect(await admin.app.stores.family.subscribersOf(c.caseNo)).to.deep.equal([]);
    expect((await call('GET', `/api/admin/people/${SAMPLE_ID_NUMBER}/export?by=li&reason=核对`)).status).to.equal(404);
  });

  it('erases a person whose cases are all closed without force, the files of their materials too', async () => {
    const c = await admin.app.stores.cases.create(newCase({ items: decided }), clock.now());
    // A file received before the case closed (linked as the materials use case links it).
    const fileId = await admin.app.stores.files.put(uploadFixture('student-proof.pdf'), c.caseNo);
    await admin.app.stores.cases.update(c.caseNo, (r) => void (r.materials.files = { photos: [{ fileId, mime: 'application/pdf', size: 1, receivedAt: clock.now().toISOString(), status: 'accepted' }] }), { by: 'test', action: 'material-received' }, clock.now());
    const res = await call('DELETE', `/api/admin/people/${TYPED_ID}`, { by: 'li', reason: '本人申请删除' });
    expect(res.status).to.equal(200);
    expect(await admin.app.stores.files.get(fileId)).to.equal(undefined);
    expect((await admin.app.stores.cases.get(c.caseNo))!.materials).not.to.have.property('files');
    expect((await admin.app.stores.cases.get(c.caseNo))!.audit.at(-1)).to.include({ action: 'erase', by: 'admin:li' });
    expect((await call('DELETE', `/api/admin/people/${TYPED_ID}`, { by: 'li', reason: '再删一次' })).status).to.equal(404);
  });

  it('needs the admin token', async () => {
    expect((await call('GET', `/api/admin/people/${SAMPLE_ID_NUMBER}/export?by=li&reason=查阅`, undefined, '')).status).to.equal(401);
    expect((await call('DELETE', `/api/admin/people/${SAMPLE_ID_NUMBER}`, undefined, '')).status).to.equal(401);
  });
});
