import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { text } from '../../dialogs/text/index.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { applyOnline, buttons, dialogHarness } from './harness.js';

const t = text.application;
const u = text.upload;
const s = text.status;
// The names the online materials go by (one photo file, not the window's three prints).
const names = u.names;


const heic = dataUrlAttachment(uploadFixture('portrait-400x600.heic'), 'image/heic', 'IMG_0001.HEIC');
const jpeg = dataUrlAttachment(uploadFixture('portrait-450x630.jpg'), 'image/jpeg', 'photo.jpg');
const png = dataUrlAttachment(uploadFixture('document-800x560.png'), 'image/png', 'scan.png');
const pdf = dataUrlAttachment(uploadFixture('student-proof.pdf'), 'application/pdf', 'proof.pdf');
const scriptPdf = dataUrlAttachment(uploadFixture('with-script.pdf'), 'application/pdf', 'proof.pdf');

const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text).join('\n');

describe('MaterialsDialog: materials handed in the chat', () => {
  it('after an online submission asks for each material in plain words, takes a HEIC photo and a PDF, answers a question between', async () => {
    const h = await dialogHarness();
    const { caseNo, replies } = await applyOnline(h);
    expect(texts(replies)).to.include(u.intro(2, true));
    expect(replies.at(-1)?.text).to.equal(u.ask.photos);
    expect(buttons(replies.at(-1)!)).to.deep.equal([u.later]);

    const afterPhoto = await h.sendFiles([heic]);
    // One photo was asked for: the reply does not say three came.
    expect(afterPhoto[0].text).to.equal('收到了两寸免冠白底彩照。');
    expect(afterPhoto.at(-1)?.text).to.equal(u.ask.guardianProof);

    // A policy question is answered and the same material asked again.
    const aside = await h.send('护理补贴谁能领');
    expect(aside.length).to.be.greaterThan(1);
    expect(aside.at(-1)?.text).to.equal(`${text.flow.continueAfterAnswer}${u.ask.guardianProof}`);

    const done = await h.sendFiles([pdf]);
    expect(texts(done)).to.include(u.received(names.guardianProof)).and.include(u.allReceived);
    const record = await h.cases.get(caseNo);
    expect(record?.materials.files?.photos.map((f) => [f.mime, f.status])).to.deep.equal([['image/jpeg', 'received']]);
    expect(record?.materials.files?.guardianProof.map((f) => [f.mime, f.status])).to.deep.equal([['application/pdf', 'received']]);
    // The flow is over: the next message is a policy question again.
    expect((await h.say('残疾证怎么办')).text).not.to.include(u.ask.guardianProof);
    // The progress says all came, not "还差 无".
    expect((await h.say('我的申请到哪一步了')).text).to.include(s.materialsLine([names.photos, names.guardianProof], [])).and.not.include('还差');
  });

  it('explains a refused file and asks for the same material again: landscape, too large, a PDF with a script, text instead of a file', async () => {
    const h = await dialogHarness();
    const { caseNo } = await applyOnline(h);
    const landscape = await h.sendFiles([png]);
    expect(landscape.at(-1)?.text).to.equal(`${u.problems.portraitLandscape}\n${u.ask.photos}`);
    const big = Buffer.concat([uploadFixture('portrait-450x630.jpg'), Buffer.alloc(11 * 1024 * 1024)]);
    const tooLarge = await h.sendFiles([dataUrlAttachment(big, 'image/jpeg')]);
    expect(tooLarge.at(-1)?.text).to.equal(`${u.problems.tooLarge(10)}\n${u.ask.photos}`).and.include('最大10MB');
    expect((await h.say('嗯嗯嗯')).text).to.equal(u.notFile(names.photos, true));
    expect((await h.sendFiles([jpeg])).at(-1)?.text).to.equal(u.ask.guardianProof);
    expect((await h.sendFiles([scriptPdf])).at(-1)?.text).to.equal(`${u.problems.pdfActiveContent}\n${u.ask.guardianProof}`);
    const record = await h.cases.get(caseNo);
    expect(Object.keys(record?.materials.files ?? {})).to.deep.equal(['photos']);
  });

  it('稍后再传 ends the step saying what is still to come; 补传材料 later asks only for what is missing', async () => {
    const h = await dialogHarness();
    const { caseNo } = await applyOnline(h);
    expect((await h.say(u.later)).text).to.equal(u.progress('', `${names.photos}、${names.guardianProof}`));
    // Nothing sent yet: no "已收到：无" line.
    expect(u.progress('', names.photos)).to.not.include('已收到');
    expect((await h.say('我的申请到哪一步了')).text).to.include(s.materialsLine([], [names.photos, names.guardianProof]));

    const restarted = await h.send('补传材料');
    expect(texts(restarted)).to.include(u.intro(2, true));
    expect(restarted.at(-1)?.text).to.equal(u.ask.photos);
    await h.sendFiles([jpeg]);
    expect((await h.say('稍后')).text).to.equal(u.progress(names.photos, names.guardianProof));
    // One material left: a file sent with no question asked is taken as that one.
    const sent = await h.sendFiles([png]);
    expect(texts(sent)).to.include(u.received(names.guardianProof)).and.include(u.allReceived);
    expect(Object.keys((await h.cases.get(caseNo))?.materials.files ?? {})).to.have.members(['photos', 'guardianProof']);
    expect((await h.say('传照片')).text).to.equal(u.nothingMissing);
  });

  it('after staff reject a file and return the case, the correction asks for exactly that file, then only the flagged field', async () => {
    const h = await dialogHarness();
    const { caseNo } = await applyOnline(h);
    await h.sendFiles([jpeg]);
    await h.sendFiles([png]);
    const photo = (await h.cases.get(caseNo))!.materials.files!.photos[0];
    await h.workflow.perform(caseNo, { action: 'start_review', by: 'staff:li' });
    expect((await h.useCases.materials.decide(caseNo, photo.fileId, { decision: 'reject', by: 'staff:li', reason: '背景不是白色' })).ok).to.equal(true);
    await h.workflow.perform(caseNo, { action: 'return', by: 'staff:li', note: '照片要重拍，电话打不通', fields: ['phone'] });

    const start = await h.send('修改退回的申请');
    expect(start[0].text).to.equal(s.correctStart('照片要重拍，电话打不通', `${t.labels.phone}、${names.photos}`));
    expect(start.at(-1)?.text).to.equal(`${u.again(names.photos, '背景不是白色')}\n${u.ask.photos}`);
    // The very file rejected is refused; a new photo is taken; the guardian's proof is not asked again.
    expect((await h.sendFiles([jpeg])).at(-1)?.text).to.equal(`${u.problems.sameAsRejected}\n${u.again(names.photos, '背景不是白色')}\n${u.ask.photos}`);
    const newPhoto = await h.sendFiles([heic]);
    expect(texts(newPhoto)).not.to.include(u.ask.guardianProof).and.not.include(u.returnedNext);
    expect(newPhoto.at(-1)?.text).to.include(t.prompts.phone);
    expect((await h.say('13900001111')).text).to.equal(s.correctDone);
    const record = await h.cases.get(caseNo);
    expect(record?.stage).to.equal('pre_review');
    expect(record?.applicant.phone).to.equal('13900001111');
    expect(record?.materials.files?.photos.map((f) => f.status)).to.deep.equal(['rejected', 'received']);
  });

  it('a correction whose rejected file is left for later resubmits nothing; 补传材料 then says how to resubmit', async () => {
    const h = await dialogHarness();
    const { caseNo } = await applyOnline(h);
    await h.sendFiles([jpeg]);
    await h.say(u.later);
    const photo = (await h.cases.get(caseNo))!.materials.files!.photos[0];
    await h.workflow.perform(caseNo, { action: 'start_review', by: 'staff:li' });
    await h.useCases.materials.decide(caseNo, photo.fileId, { decision: 'reject', by: 'staff:li', reason: '太暗了' });
    await h.workflow.perform(caseNo, { action: 'return', by: 'staff:li', note: '照片太暗' });
    await h.send('修改退回的申请');
    expect((await h.say(u.later)).text).to.equal(s.correctLater);
    expect((await h.cases.get(caseNo))?.stage).to.equal('returned');
    // Sent later with 补传材料: the rejected photo (saying why) and the missing proof; then how to resubmit.
    expect((await h.send('补传材料')).at(-1)?.text).to.equal(`${u.again(names.photos, '太暗了')}\n${u.ask.photos}`);
    await h.sendFiles([heic]);
    expect(texts(await h.sendFiles([png]))).to.include(`${u.allReceived}\n${u.returnedNext}`);
  });

  it('a message that starts another flow leaves the step: 查进度 shows the case with its materials still to come', async () => {
    const h = await dialogHarness();
    const { caseNo } = await applyOnline(h);
    const replies = await h.send('查进度');
    expect(replies[0].text).to.equal(u.movedOn);
    expect(replies.at(-1)?.text).to.include(caseNo).and.include(s.materialsLine([], [names.photos, names.guardianProof]));
    // The step is over: a file now starts it again for what is missing.
    expect((await h.sendFiles([jpeg])).at(-1)?.text).to.equal(u.ask.photos);
  });

  it('with no online case says so; a file in the middle of the form is not taken and the question asked again', async () => {
    const h = await dialogHarness();
    expect((await h.say('补传材料')).text).to.equal(u.noCase);
    await h.say('我要办残疾证');
    const reply = await h.sendFiles([jpeg]);
    expect(reply.at(-1)?.text).to.equal(`${u.notNow}\n${t.consent}`);
  });
});
