import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { text } from '../../dialogs/text/index.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { applyOnline, dialogHarness } from './harness.js';

const u = text.upload;
const jpeg = dataUrlAttachment(uploadFixture('portrait-450x630.jpg'), 'image/jpeg', 'photo.jpg');
const pdf = dataUrlAttachment(uploadFixture('student-proof.pdf'), 'application/pdf', 'proof.pdf');
const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text).join('\n');

/** An online case whose photo staff rejected (the other material in), its applicant told to re-send it. */
async function photoRejected() {
  const h = await dialogHarness();
  const { caseNo } = await applyOnline(h);
  await h.sendFiles([jpeg]);
  await h.sendFiles([pdf]);
  const photo = (await h.cases.get(caseNo))!.materials.files!.photos[0];
  await h.workflow.perform(caseNo, { action: 'start_review', by: 'staff:li' });
  expect((await h.useCases.materials.decide(caseNo, photo.fileId, { decision: 'reject', by: 'staff:li', reason: '照片太模糊' })).ok).to.equal(true);
  return h;
}

// Trial 26 (fault 3): after a rejected photo, the applicant's own words for re-sending it start
// what "补传材料" starts; said by someone with nothing to re-send, they are a question as before.
describe('re-sending a rejected material in one\'s own words (trial 26)', () => {
  const resend = ['照片俺重新拍了 咋给你发', '俺要把新照片发给你', '新照片咋传', '相片重照好了 怎么发上去', '我把照片再发你一遍'];
  for (const said of resend) {
    it(`"${said}" asks for the rejected photo again, as 补传材料 does`, async () => {
      const h = await photoRejected();
      const expected = (await (await photoRejected()).send('补传材料')).at(-1)?.text;
      expect(expected).to.include(u.ask.photos);
      expect((await h.send(said)).at(-1)?.text).to.equal(expected);
    });
  }

  it('with nothing to re-send, the same words do not start the materials step', async () => {
    const h = await dialogHarness();
    for (const said of resend.slice(0, 3)) {
      const replies = texts(await h.send(said));
      expect(replies).to.not.include(u.ask.photos).and.not.include(u.noCase);
    }
  });
});

// Trial 26 (fault 6): a relative who cannot find the case number is told where it is (the
// applicant's chat or SMS, the applicant, 12345), however it is said, with the opening or at the step.
describe('a relative\'s check without the case number says where to find it (trial 26)', () => {
  const none = text.status.caseNoAnswers.none;
  const where = (replies: Partial<Activity>[]) => expect(texts(replies)).to.include(none).and.include('12345').and.include(text.status.familyAskCaseNo);

  it('"俺爹那个证办到哪一步了 案件号俺找不着", then "找不着啊 上哪看": where it is, both times', async () => {
    const h = await dialogHarness();
    where(await h.send('俺爹那个证办到哪一步了 案件号俺找不着'));
    where(await h.send('找不着啊 上哪看'));
  });

  for (const convo of [
    ['俺娘的申请到哪了', '号码找不见了'],
    ['帮家人查进度', '俺没那个号'],
    ['我妈的证办得咋样了 那个受理号没找着', '寻不着'],
  ]) {
    it(convo.join(' → '), async () => {
      const h = await dialogHarness();
      const first = await h.send(convo[0]);
      if (texts(first).includes(none)) where(first);
      where(await h.send(convo[1]));
    });
  }

  it('"上哪找去" at the step says where the number is', async () => {
    const h = await dialogHarness();
    await h.send('帮家人查进度');
    expect(texts(await h.send('上哪找去'))).to.include(text.status.caseNoAnswers.where);
  });
});
