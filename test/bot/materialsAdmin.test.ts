import { expect } from 'chai';
import sharp from 'sharp';
import { createApp } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { uploadFixture } from '../fixtures/uploadFiles.js';
import { adminAppPerTest } from '../adminApp.js';
import { FakeClock, testConfig } from '../support.js';

const ADMIN = 'test-admin-token';

interface MaterialsBody {
  caseNo: string;
  materials: { key: string; name: string; state: string; files: { fileId: string; mime: string; status: string; reason?: string; decidedBy?: string; url: string }[] }[];
}

describe('admin API: materials handed in online', () => {
  const clock = new FakeClock();
  const admin = adminAppPerTest(ADMIN, clock);
  const { call } = admin;

  /** An online case with a photo and a PDF received in the chat. */
  async function caseWithFiles() {
    const c = await admin.app.stores.cases.create(newCase({ materials: { verified: ['form'], toSubmit: ['photos', 'studentProof', 'wheelchairProof'] } }), clock.now());
    const photo = await admin.app.useCases.materials.receive(c.caseNo, 'photos', uploadFixture('portrait-450x630.jpg'), 'chat:test:user-1');
    const proof = await admin.app.useCases.materials.receive(c.caseNo, 'studentProof', uploadFixture('student-proof.pdf'), 'chat:test:user-1');
    const id = (r: typeof photo) => (r.ok && 'file' in r ? r.file.fileId : '');
    return { caseNo: c.caseNo, photoId: id(photo), proofId: id(proof) };
  }

  it('lists a case\'s materials: which are received and which still to come, each file with its path', async () => {
    const { caseNo, photoId } = await caseWithFiles();
    const res = await call('GET', `/api/admin/cases/${caseNo}/materials`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const body = (await res.json()) as MaterialsBody;
    expect(body.materials.map((m) => [m.key, m.state])).to.deep.equal([['photos', 'received'], ['studentProof', 'received'], ['wheelchairProof', 'missing']]);
    expect(body.materials[0].name).to.equal(text.application.materials.names.photos);
    expect(body.materials[0].files[0]).to.include({ fileId: photoId, mime: 'image/jpeg', status: 'received', url: `/api/admin/cases/${caseNo}/materials/${photoId}` });
    expect((await call('GET', '/api/admin/cases/YC202611200999/materials')).status).to.equal(404);
    expect((await call('GET', '/api/admin/cases/nonsense/materials')).status).to.equal(400);
  });

  it('serves a file only with the admin token and a staff name: its type, as an attachment, never cached, audited', async () => {
    const { caseNo, photoId, proofId } = await caseWithFiles();
    const path = `/api/admin/cases/${caseNo}/materials/${photoId}`;
    expect((await call('GET', `${path}?by=li`, undefined, '')).status).to.equal(401);
    expect((await call('GET', `${path}?by=li`, undefined, 'wrong')).status).to.equal(401);
    const noName = await call('GET', path);
    expect(noName.status).to.equal(400);
    expect(((await noName.json()) as { error: string }).error).to.include('by');

    const res = await call('GET', `${path}?by=li`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('image/jpeg');
    expect(res.headers.get('content-disposition')).to.equal(`attachment; filename="${caseNo}-photos-${photoId.slice(0, 8)}.jpg"`);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(await sharp(bytes).metadata()).to.include({ format: 'jpeg', width: 450, height: 630 });
    expect((await admin.app.stores.cases.get(caseNo))?.audit.at(-1)).to.include({ action: 'material-read', by: 'admin:li', note: `photos ${photoId.slice(0, 12)}` });

    const pdf = await call('GET', `/api/admin/cases/${caseNo}/materials/${proofId}?by=li`);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).equals(uploadFixture('student-proof.pdf'))).to.equal(true);

    expect((await call('GET', `/api/admin/cases/${caseNo}/materials/${'a'.repeat(64)}?by=li`)).status).to.equal(404);
    expect((await call('GET', `/api/admin/cases/${caseNo}/materials/../../etc?by=li`)).status).to.be.oneOf([400, 404]);
    expect((await call('GET', `/api/admin/cases/${caseNo}/materials/not-a-file-id?by=li`)).status).to.equal(400);
    expect((await call('GET', `/api/admin/cases/YC202611200999/materials/${photoId}?by=li`)).status).to.equal(404);
  });

  it('accepts and rejects a file: a rejection needs a reason and tells the applicant; a file not on the case is 409', async () => {
    const { caseNo, photoId, proofId } = await caseWithFiles();
    const decide = (fileId: string, body: unknown) => call('POST', `/api/admin/cases/${caseNo}/materials/${fileId}/decision`, body);

    const noReason = await decide(photoId, { decision: 'reject', by: 'li' });
    expect(noReason.status).to.equal(400);
    expect(((await noReason.json()) as { error: string }).error).to.include('reason');
    for (const bad of [{ decision: 'maybe', by: 'li' }, { decision: 'accept' }, { decision: 'accept', by: 'li', extra: 1 }, [], 'null', '{"decision":']) {
      expect((await decide(photoId, bad)).status, JSON.stringify(bad)).to.equal(400);
    }
    expect((await decide('b'.repeat(64), { decision: 'accept', by: 'li' })).status).to.equal(409);
    expect((await call('POST', `/api/admin/cases/YC202611200999/materials/${photoId}/decision`, { decision: 'accept', by: 'li' })).status).to.equal(404);
    expect((await call('POST', `/api/admin/cases/${caseNo}/materials/${photoId}/decision`, { decision: 'accept', by: 'li' }, '')).status).to.equal(401);

    const rejected = await decide(photoId, { decision: 'reject', by: 'li', reason: '背景不是白色' });
    expect(rejected.status).to.equal(200);
    const body = (await rejected.json()) as MaterialsBody;
    expect(body.materials[0]).to.deep.include({ state: 'rejected' });
    expect(body.materials[0].files[0]).to.include({ status: 'rejected', reason: '背景不是白色', decidedBy: 'admin:li' });
    await admin.app.useCases.relay.settled();
    const rows = await admin.app.stores.outbox.list({ caseNo });
    expect(rows.map((r) => r.text)).to.deep.equal([text.status.prefixApplicant(caseNo) + text.status.notify.material_rejected(text.upload.names.photos, '背景不是白色')]);

    const accepted = await decide(proofId, { decision: 'accept', by: 'wang' });
    expect(((await accepted.json()) as MaterialsBody).materials[1]).to.deep.include({ state: 'accepted' });
    expect((await admin.app.stores.cases.get(caseNo))?.audit.map((e) => e.action).slice(-2)).to.deep.equal(['material-rejected', 'material-accepted']);

    // The rejected photo accepted later: refused with a clear 409 unless forced with a reason.
    const late = await decide(photoId, { decision: 'accept', by: 'zhao' });
    expect(late.status).to.equal(409);
    expect(((await late.json()) as { error: string }).error).to.include('退回').and.include('force');
    expect((await decide(photoId, { decision: 'accept', by: 'zhao', force: 'yes' })).status).to.equal(400);
    const forced = await decide(photoId, { decision: 'accept', by: 'zhao', force: true, reason: '复核后合格' });
    expect(forced.status).to.equal(200);
    expect((await admin.app.stores.cases.get(caseNo))?.audit.at(-1)).to.include({ action: 'material-accepted', by: 'admin:zhao', note: 'force：复核后合格' });
  });
});

describe('UPLOAD_MAX_BYTES', () => {
  it('sets the largest file taken', async () => {
    const clock = new FakeClock();
    const app = await createApp({ config: testConfig({ uploadMaxBytes: 1024 * 1024 }), logger: silentLogger, clock });
    try {
      const c = await app.stores.cases.create(newCase({ materials: { verified: [], toSubmit: ['studentProof'] } }), clock.now());
      const big = Buffer.concat([uploadFixture('document-800x560.png'), Buffer.alloc(1024 * 1024)]);
      expect(await app.useCases.materials.receive(c.caseNo, 'studentProof', big, 'chat:test:user-1')).to.deep.equal({ ok: false, problem: 'tooLarge' });
      expect(await app.useCases.materials.receive(c.caseNo, 'studentProof', uploadFixture('document-800x560.png'), 'chat:test:user-1')).to.include({ ok: true });
    } finally {
      await app.close();
    }
  });
});
