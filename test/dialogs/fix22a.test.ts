import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { SAMPLE_ID_NUMBER, testIdNumber } from '../fixtures/cases.js';
import { withCase } from './harness.js';

// fix22a: trial 19's leftovers in the dialogs (faults 5, 6, 8, 11, 12, 14), each in the trial's words and others.
const s = text.status;
const c = s.checkedCaseAnswers;

/** The applicant (user1) booked 12月10日上午 (unless `booked` is false); the son checks the case and sees the offer of updates. */
async function sonChecked(booked = true) {
  const h = await withCase();
  if (booked) {
    await h.say('我想预约12月10日上午鉴定');
    await h.say('对');
  }
  await h.sayAs('son', h.record.caseNo);
  expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
  const ask = async (said: string) => (await h.send(said, 'zh-CN', 'son')).map((a) => a.text ?? '').join('\n');
  return { ...h, ask };
}

describe('fix22a', () => {
  describe('fault 5: a relative who sends the case number or the ID again keeps the check', () => {
    it('the trial\'s: the whole ID at the offer, then moving the day and what to bring, all of the checked case', async () => {
      const h = await sonChecked();
      const again = await h.ask(SAMPLE_ID_NUMBER);
      expect(again).to.include(s.alreadyChecked).and.include(s.subscribeAsk).and.not.include(SAMPLE_ID_NUMBER);
      expect(again).to.not.include(s.caseNoNotById).and.not.include(s.familyAskCaseNo);
      expect(await h.ask('改到12月4号')).to.include('只有提交申请的人能约').and.not.include(s.familyAskCaseNo);
      expect(await h.ask('她那天要带啥')).to.include('去示范市人民医院做评定要带').and.not.include(s.familyAskCaseNo);
    });

    for (const said of ['她身份证号是11010519491231002X', 'CASE', `CASE ${SAMPLE_ID_NUMBER.slice(-6)}`, SAMPLE_ID_NUMBER.slice(-6).toLowerCase()]) {
      it(`"${said}" after the offer was answered: found already, the case shown masked, nothing asked`, async () => {
        const h = await sonChecked();
        await h.ask('不用了');
        const again = await h.ask(said.replace('CASE', h.record.caseNo));
        expect(again).to.include(s.alreadyChecked).and.include('110***********002X').and.not.include(SAMPLE_ID_NUMBER);
        expect(again).to.not.include(s.familyAskId).and.not.include(s.familyAskCaseNo);
        expect(await h.ask('约的哪天')).to.include('12月10日');
      });
    }

    it('an ID of someone else after the check: the look-up asks its number, and a question of the checked case still reaches it', async () => {
      const h = await sonChecked();
      expect(await h.ask(testIdNumber(7, '1965-07-07'))).to.include(s.familyAskCaseNo);
      expect(await h.ask('她那天要带啥')).to.include('去示范市人民医院做评定要带').and.not.include(s.familyAskCaseNo);
    });
  });

  describe('fault 6: a case question at the offer of updates is answered from the case, and the offer made again', () => {
    it('the trial\'s: 医生上门那天俺得在家不 of a case booked at the hospital, then 要 subscribes', async () => {
      const h = await sonChecked();
      const home = await h.ask('医生上门那天俺得在家不');
      expect(home).to.include(c.notHome('她', c.bookedAt('2026-12-10', 'am', '示范市人民医院'))).and.include(s.subscribeAsk);
      expect(home).to.include('12月10日上午在示范市人民医院');
      expect(await h.ask('要')).to.equal(s.subscribed);
      expect(await h.family.subscribersOf(h.record.caseNo)).to.have.length(1);
    });

    for (const said of ['是上门评定吗', '家里要留人不', '医生会来家里吗']) {
      it(`"${said}" with nothing booked: no visit, the applicant books, and the offer again`, async () => {
        const h = await sonChecked(false);
        const reply = await h.ask(said);
        expect(reply).to.include(c.notHome('她')).and.include(s.subscribeAsk);
        expect(await h.ask('要')).to.equal(s.subscribed);
      });
    }

    it('asking for a home visit is no question of whether one comes', async () => {
      const h = await sonChecked(false);
      expect(await h.ask('能不能让医生上门评定')).to.not.include(c.notHome('她'));
    });
  });
});
