import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { buttons, dialogHarness } from './harness.js';

const p = text.privacy;
const decided = [{ id: 'education-grant' as const, department: '教育' as const, status: 'approved' as const }];

async function withCase(items?: typeof decided) {
  const h = await dialogHarness();
  const record = await h.cases.create(
    newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { name: '王建国', phone: '13900000000' }, ...(items ? { items } : {}) }),
    h.clock.now(),
  );
  return { ...h, record };
}

describe('the applicant\'s own data in the chat (PIPL)', () => {
  for (const phrase of ['我要查看我的个人信息', '导出我的数据']) {
    it(`"${phrase}": after the case number and ID tail, the data in full, and the access audited`, async () => {
      const h = await withCase();
      expect((await h.say(phrase)).text).to.equal(p.askCaseNo);
      expect((await h.say(h.record.caseNo)).text).to.equal(p.askIdTail);
      const shown = (await h.say(SAMPLE_ID_NUMBER.slice(-6))).text!;
      expect(shown).to.include(p.title(h.record.caseNo)).and.include('王建国').and.include(SAMPLE_ID_NUMBER).and.include('13900000000');
      expect(shown).to.include(p.footer);
      expect((await h.cases.get(h.record.caseNo))!.audit.at(-1)).to.include({ action: 'export', by: 'chat:test:user1', note: '本人在线查阅' });
    });
  }

  it('gives nothing to another account, even with the right details, and counts it as a failed check', async () => {
    const h = await withCase();
    await h.sayAs('stranger', '导出我的数据');
    await h.sayAs('stranger', h.record.caseNo);
    const reply = (await h.sayAs('stranger', SAMPLE_ID_NUMBER.slice(-6))).text!;
    expect(reply).to.equal(p.mismatch);
    expect(reply).not.to.include('王建国');
    expect(await h.family.failuresSince('requester:test:stranger', new Date(0))).to.equal(1);
  });

  it('"删除我的信息" is refused while a case is in progress', async () => {
    const h = await withCase();
    expect((await h.say('删除我的信息')).text).to.equal(p.eraseInProgress(h.record.caseNo));
  });

  it('"删除我的信息" deletes the draft only after a clear yes', async () => {
    const h = await dialogHarness();
    await h.drafts.save('test:user1', { values: { name: '王建国' } } as never, h.clock.now());
    const asked = await h.say('删除我的信息');
    expect(asked.text).to.equal(p.eraseConfirm);
    expect(buttons(asked)).to.deep.equal(p.eraseButtons);
    expect((await h.say('好吧')).text).to.equal(p.notErased);
    expect(await h.drafts.get('test:user1')).not.to.equal(undefined);
    await h.say('删除我的信息');
    expect((await h.say('确定删除')).text).to.equal(p.erased);
    expect(await h.drafts.get('test:user1')).to.equal(undefined);
    await h.say('删除我的信息');
    expect((await h.say('1')).text).to.equal(p.nothingToErase);
  });
});
