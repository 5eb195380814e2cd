import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { outstandingMaterials } from '../../data/caseMaterials.js';
import { DiskFileStore } from '../../data/files/diskFileStore.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { uploadFixture } from '../fixtures/uploadFiles.js';
import { FakeClock, tempDir } from '../support.js';
import { useCasesFor } from '../useCases.js';

const s = text.status;
const DAY = 86_400_000;

async function setup(overrides: Parameters<typeof newCase>[0] = {}) {
  const dataDir = tempDir();
  const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
  const cases = await LowdbCaseStore.open(dataDir);
  const outbox = await LowdbOutboxStore.open(dataDir);
  const files = DiskFileStore.open(dataDir);
  const conversation = { serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'me' } as ConversationAccount };
  const record = await cases.create(
    newCase({ submittedBy: { role: 'self', userKey: 'test:me' }, conversation, materials: { verified: ['form', 'idCard'], toSubmit: ['photos', 'studentProof'] }, ...overrides }),
    clock.now(),
  );
  const useCases = await useCasesFor(dataDir, cases, clock, { outbox, files });
  return { useCases, materials: useCases.materials, cases, outbox, files, record, clock, dataDir };
}

describe('materials use cases', () => {
  it('receives a phone photo: re-encoded without EXIF, stored, linked to the case as received, audited', async () => {
    const { materials, cases, files, record } = await setup();
    const result = await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-450x630.jpg'), 'chat:test:me');
    if (!result.ok || !('file' in result)) throw new Error(`not received: ${JSON.stringify(result)}`);
    expect(result.file).to.include({ mime: 'image/jpeg', status: 'received', receivedAt: '2026-11-20T02:00:00.000Z' });
    const stored = await files.get(result.file.fileId);
    expect((await sharp(stored!).metadata()).exif).to.equal(undefined);
    const after = await cases.get(record.caseNo);
    expect(after?.materials.files?.photos).to.deep.equal([result.file]);
    expect(after?.audit.at(-1)).to.include({ by: 'chat:test:me', action: 'material-received', note: 'photos' });
    expect(outstandingMaterials(after!)).to.deep.equal(['studentProof']);
    // The same photo again is the same file: kept once, not a second entry.
    const again = await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-450x630.jpg'), 'chat:test:me');
    expect(again).to.include({ ok: true, again: true });
    expect((await cases.get(record.caseNo))?.materials.files?.photos).to.have.length(1);
  });

  it('takes a PNG, an iPhone HEIC and a PDF, each for its material', async () => {
    const { materials, record } = await setup({ materials: { verified: [], toSubmit: ['photos', 'studentProof', 'guardianProof', 'medicalRecords'] } });
    expect(await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-400x600.heic'), 'chat:test:me')).to.include({ ok: true });
    expect(await materials.receive(record.caseNo, 'guardianProof', uploadFixture('document-800x560.png'), 'chat:test:me')).to.include({ ok: true });
    const pdf = await materials.receive(record.caseNo, 'studentProof', uploadFixture('student-proof.pdf'), 'chat:test:me');
    expect(pdf.ok && 'file' in pdf && pdf.file.mime).to.equal('application/pdf');
    expect((await materials.list(record.caseNo))?.map((m) => [m.key, m.state])).to.deep.equal([
      ['photos', 'received'],
      ['studentProof', 'received'],
      ['guardianProof', 'received'],
      ['medicalRecords', 'missing'],
    ]);
  });

  it('refuses a bad file with its problem and stores nothing: a landscape portrait, a PDF with a script, too large, not a picture', async () => {
    const { materials, cases, record, dataDir } = await setup();
    const landscape = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    expect(await materials.receive(record.caseNo, 'photos', landscape, 'chat:test:me')).to.deep.equal({ ok: false, problem: 'portraitLandscape' });
    expect(await materials.receive(record.caseNo, 'studentProof', uploadFixture('with-script.pdf'), 'chat:test:me')).to.deep.equal({ ok: false, problem: 'pdfActiveContent' });
    expect(await materials.receive(record.caseNo, 'photos', uploadFixture('student-proof.pdf'), 'chat:test:me')).to.deep.equal({ ok: false, problem: 'notPhoto' });
    expect(await materials.receive(record.caseNo, 'studentProof', Buffer.from('just some text, not a document'), 'chat:test:me')).to.deep.equal({ ok: false, problem: 'type' });
    const big = Buffer.concat([uploadFixture('document-800x560.png'), Buffer.alloc(11 * 1024 * 1024)]);
    expect(await materials.receive(record.caseNo, 'studentProof', big, 'chat:test:me')).to.deep.equal({ ok: false, problem: 'tooLarge' });
    const after = await cases.get(record.caseNo);
    expect(after?.materials).not.to.have.property('files');
    expect(after?.audit).to.have.length(1);
    // Nothing reached the file store either.
    expect(readdirSync(join(dataDir, 'files'), { recursive: true })).to.deep.equal([]);
    expect(await materials.receive(record.caseNo, 'hukouBook', uploadFixture('document-800x560.png'), 'chat:test:me')).to.include({ ok: false, status: 409 });
    expect(await materials.receive('YC202611200999', 'photos', uploadFixture('document-800x560.png'), 'chat:test:me')).to.include({ ok: false, status: 404 });
  });

  it('staff reject with a reason: the applicant is told in words; the material is outstanding again; accept clears it', async () => {
    const { materials, cases, outbox, record, useCases } = await setup();
    const got = await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-450x630.jpg'), 'chat:test:me');
    const fileId = got.ok && 'file' in got ? got.file.fileId : '';
    expect(await materials.decide(record.caseNo, fileId, { decision: 'reject', by: 'staff:li' })).to.include({ ok: false, status: 400 });
    expect(await materials.decide(record.caseNo, 'f'.repeat(64), { decision: 'accept', by: 'staff:li' })).to.include({ ok: false, status: 409 });
    const rejected = await materials.decide(record.caseNo, fileId, { decision: 'reject', by: 'staff:li', reason: '背景不是白色' });
    expect(rejected.ok).to.equal(true);
    const after = await cases.get(record.caseNo);
    expect(after?.materials.files?.photos[0]).to.include({ status: 'rejected', reason: '背景不是白色', decidedBy: 'staff:li' });
    expect(after?.audit.at(-1)).to.include({ action: 'material-rejected', note: '背景不是白色', by: 'staff:li' });
    expect(outstandingMaterials(after!)).to.deep.equal(['photos', 'studentProof']);
    await useCases.relay.settled();
    const rows = await outbox.list({ caseNo: record.caseNo });
    expect(rows.map((r) => r.text)).to.deep.equal([s.prefixApplicant(record.caseNo) + s.notify.material_rejected(text.upload.names.photos, '背景不是白色')]);
    expect(rows[0].text).to.include('需要重新上传：背景不是白色');
    // The very file staff rejected, sent again, is refused; a new one is received.
    expect(await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-450x630.jpg'), 'chat:test:me')).to.deep.equal({ ok: false, problem: 'sameAsRejected' });
    const second = await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-400x600.heic'), 'chat:test:me');
    expect(second.ok).to.equal(true);
    expect(outstandingMaterials((await cases.get(record.caseNo))!)).to.deep.equal(['studentProof']);
    const accepted = await materials.decide(record.caseNo, second.ok && 'file' in second ? second.file.fileId : '', { decision: 'accept', by: 'staff:li' });
    expect(accepted.ok && accepted.record.materials.files?.photos[1].status).to.equal('accepted');
  });

  it('tells the applicant when files pass: one message for several accepted together, once no file waits for review', async () => {
    const { materials, outbox, record, useCases } = await setup();
    const id = (r: Awaited<ReturnType<typeof materials.receive>>) => (r.ok && 'file' in r ? r.file.fileId : '');
    const photo = id(await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-450x630.jpg'), 'chat:test:me'));
    const proof = id(await materials.receive(record.caseNo, 'studentProof', uploadFixture('student-proof.pdf'), 'chat:test:me'));
    expect((await materials.decide(record.caseNo, photo, { decision: 'accept', by: 'staff:li' })).ok).to.equal(true);
    // The proof still waits for review: nothing said yet.
    await useCases.relay.settled();
    expect(await outbox.list({ caseNo: record.caseNo })).to.deep.equal([]);
    expect((await materials.decide(record.caseNo, proof, { decision: 'accept', by: 'staff:li' })).ok).to.equal(true);
    const names = `${text.upload.names.photos}、${text.upload.names.studentProof}`;
    await useCases.relay.settled();
    expect((await outbox.list({ caseNo: record.caseNo })).map((r) => r.text)).to.deep.equal([s.prefixApplicant(record.caseNo) + s.notify.materials_accepted(names, true)]);
    // Accepted again (a repeated click): nothing new to tell.
    await materials.decide(record.caseNo, proof, { decision: 'accept', by: 'staff:li' });
    await useCases.relay.settled();
    expect(await outbox.list({ caseNo: record.caseNo })).to.have.length(1);
  });

  it('refuses to accept a file rejected before (409, in words staff can act on) unless forced with a reason, audited', async () => {
    const { materials, cases, record } = await setup();
    const got = await materials.receive(record.caseNo, 'photos', uploadFixture('portrait-450x630.jpg'), 'chat:test:me');
    const fileId = got.ok && 'file' in got ? got.file.fileId : '';
    await materials.decide(record.caseNo, fileId, { decision: 'reject', by: 'staff:li', reason: '背景不是白色' });
    const refused = await materials.decide(record.caseNo, fileId, { decision: 'accept', by: 'staff:wang' });
    expect(refused).to.include({ ok: false, status: 409 });
    expect(!refused.ok && refused.error).to.include('已被 staff:li 退回').and.include('背景不是白色').and.include('"force": true');
    expect(await materials.decide(record.caseNo, fileId, { decision: 'accept', by: 'staff:wang', force: true })).to.include({ ok: false, status: 400 });
    expect((await cases.get(record.caseNo))?.materials.files?.photos[0].status).to.equal('rejected');
    const forced = await materials.decide(record.caseNo, fileId, { decision: 'accept', by: 'staff:wang', force: true, reason: '复核后背景合格' });
    expect(forced.ok).to.equal(true);
    const after = await cases.get(record.caseNo);
    expect(after?.materials.files?.photos[0]).to.include({ status: 'accepted', decidedBy: 'staff:wang' });
    expect(after?.audit.at(-1)).to.include({ action: 'material-accepted', by: 'staff:wang', note: 'force：复核后背景合格' });
  });

  it('reads a file for staff only with an audit entry; an unknown file or case is 404', async () => {
    const { materials, cases, record } = await setup();
    const got = await materials.receive(record.caseNo, 'studentProof', uploadFixture('student-proof.pdf'), 'chat:test:me');
    const fileId = got.ok && 'file' in got ? got.file.fileId : '';
    const read = await materials.read(record.caseNo, fileId, 'staff:wang');
    expect(read).to.include({ ok: true, mime: 'application/pdf', material: 'studentProof' });
    expect(read.ok && read.bytes.equals(uploadFixture('student-proof.pdf'))).to.equal(true);
    expect((await cases.get(record.caseNo))?.audit.at(-1)).to.include({ by: 'staff:wang', action: 'material-read', note: `studentProof ${fileId.slice(0, 12)}` });
    expect(await materials.read(record.caseNo, 'a'.repeat(64), 'staff:wang')).to.include({ ok: false, status: 404 });
    expect(await materials.read('YC202611200999', fileId, 'staff:wang')).to.include({ ok: false, status: 404 });
  });

  it('reminds an online case of missing materials once a day, three times at most, not on the day it was submitted', async () => {
    const { materials, outbox, record, clock, cases, useCases } = await setup();
    expect(await materials.remindMissing(record.caseNo)).to.equal(false);
    const sent: boolean[] = [];
    for (let day = 1; day <= 5; day++) {
      clock.advance(DAY);
      sent.push(await materials.remindMissing(record.caseNo));
      sent.push(await materials.remindMissing(record.caseNo));
    }
    expect(sent).to.deep.equal([true, false, true, false, true, false, false, false, false, false]);
    await useCases.relay.settled();
    const rows = await outbox.list({ caseNo: record.caseNo });
    expect(rows).to.have.length(3);
    expect(rows[0].text).to.equal(s.prefixApplicant(record.caseNo) + s.notify.materials_missing('两寸免冠白底彩照、学生证或在读证明'));
    expect((await cases.get(record.caseNo))?.materials.reminded).to.deep.equal(['2026-11-21', '2026-11-22', '2026-11-23']);
  });

  it('does not remind a window case, nor one with everything received', async () => {
    const window = await setup({ channel: 'window' });
    window.clock.advance(DAY);
    expect(await window.materials.remindMissing(window.record.caseNo)).to.equal(false);
    const online = await setup({ materials: { verified: [], toSubmit: ['studentProof'] } });
    await online.materials.receive(online.record.caseNo, 'studentProof', uploadFixture('student-proof.pdf'), 'chat:test:me');
    online.clock.advance(DAY);
    expect(await online.materials.remindMissing(online.record.caseNo)).to.equal(false);
    await online.useCases.relay.settled();
    expect(await online.outbox.list({ caseNo: online.record.caseNo })).to.deep.equal([]);
  });
});
