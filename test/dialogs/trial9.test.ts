import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { applyOnline, dialogHarness, run, selfNewCertificateToAddress } from './harness.js';

// What the trial of understanding on session 7's main found in the flows, one case per finding.
const t = text.application;
const u = text.upload;

describe('trial 9: the flows', () => {
  it('7. "地址写我家的还是我爷爷家的" at the address is answered, not taken for an address', async () => {
    const h = await run(selfNewCertificateToAddress);
    for (const asked of ['地址写我家的还是我爷爷家的', '写谁家的地址']) {
      expect((await h.say(asked)).text).to.equal(t.errors.addressWhich);
      expect((await h.drafts.get('test:user1'))!.draft.values).to.not.have.property('addressDraft');
    }
    expect((await h.say('示范县人民路12号3栋201')).text).to.include(t.summary.intro);
  });

  it('8. at the photo, a question with more after "行不" is answered and the photo asked again', async () => {
    const h = await dialogHarness();
    await applyOnline(h);
    const replies = await h.send('手机拍的行不 还是要去照相馆');
    expect(replies.map((r) => r.text).join('\n')).to.include('依据');
    expect(replies.at(-1)!.text).to.equal(`${text.flow.continueAfterAnswer}${u.ask.photos}`);
  });

  it('8. "照片还没拍 先传监护人证明行不" asks for that one first, and the photo after it', async () => {
    const h = await dialogHarness();
    const { caseNo } = await applyOnline(h);
    const replies = await h.send('照片还没拍 先传监护人证明行不');
    expect(replies.at(-1)!.text).to.equal(`${u.otherFirst(u.names.guardianProof, u.names.photos)}\n${u.ask.guardianProof}`);
    const pdf = dataUrlAttachment(uploadFixture('student-proof.pdf'), 'application/pdf', 'proof.pdf');
    const after = await h.sendFiles([pdf]);
    expect(after[0].text).to.equal(u.received(u.names.guardianProof));
    expect(after.at(-1)!.text).to.equal(u.ask.photos);
    expect(Object.keys((await h.cases.get(caseNo))!.materials.files ?? {})).to.deep.equal(['guardianProof']);
  });

  it('8. only a material named after "先" goes first: "监护人证明还没开 先传照片" does not move the proof ahead', async () => {
    const h = await dialogHarness();
    await applyOnline(h);
    const replies = await h.send('监护人证明还没开 先传照片');
    expect(replies.at(-1)!.text).to.not.include(u.names.guardianProof);
    expect(replies.at(-1)!.text).to.include(u.names.photos);
  });

  it('6. a stroke that took the legs and the speech is offered as 多重 at the category step', async () => {
    const h = await run(selfNewCertificateToAddress.slice(0, 9));
    expect((await h.say('中风了 半边身子动不了 说话也不利索')).text).to.equal(t.prompts.categoryGuess('多重'));
    // One category described stays one; autism with few words is 精神, not 多重.
    const other = await run(selfNewCertificateToAddress.slice(0, 9));
    expect((await other.say('自闭症 不爱说话')).text).to.equal(t.prompts.categoryGuess('精神'));
  });

  it('12. submitted for the window, the confirmation says where, when and what to take there', async () => {
    const h = await run([...selfNewCertificateToAddress.slice(0, 10), ['到窗口办', t.prompts.delivery], ['自己去领', t.summary.intro]]);
    const said = (await h.send('确认提交')).map((r) => r.text).join('\n');
    const { window } = h.region;
    expect(said).to.include(t.windowVisit(window.name, window.address, window.hours, [t.materials.names.idCard, t.materials.names.hukouBook, t.materials.names.photos].join('、')));
  });

  it('15. correcting a returned field, "我填的没错啊" says what to do, "问问俺家那口子" waits; the field asked again each time', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { name: '王建国', phone: '13900000000' } }), h.clock.now());
    await h.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(record.caseNo, { action: 'return', by: 'staff:li', note: '电话打不通', fields: ['phone'] });
    await h.send('修改退回的申请');
    // A phone that was right may stay as it is (trial 12): offered with the field asked again.
    const insisted = await h.send('我填的没错啊 就是这个号');
    expect(insisted.at(-1)!.text).to.equal(`${text.status.correctKeepPhone}\n${t.prompts.phone}`);
    const waits = await h.send('我得问问俺家那口子');
    expect(waits.at(-1)!.text).to.equal(`${text.flow.askAround}\n${t.prompts.phone}`);
    expect((await h.say('13900001111')).text).to.equal(text.status.correctDone);
  });
});

describe('trial 10: free chat', () => {
  it('"我是他老伴" as a first message asks what the person wants to know, not about a death in the family', async () => {
    const h = await dialogHarness();
    const replies = await h.send('我是他老伴');
    expect(replies.at(-1)!.text).to.equal(text.askedForWhom);
    expect(replies.map((r) => r.text).join('\n')).to.not.include('去世');
  });
});
