import { expect } from 'chai';
import { bringTo } from '../../data/region.js';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { dialogHarness, sonChecked } from './harness.js';

// fix27d: trial 24's faults outside the follow-ups, in the trial's words and others.
const s = text.status;
const c = s.checkedCaseAnswers;

describe('fix27d', () => {
  describe('fault 9: a card not come a month after the appraisal is answered in the chat', () => {
    for (const said of ['评定完一个多月了证还没寄到 咋回事', '鉴定做完一个多月了 残疾证咋还没寄来', '来电人反映 评定完一个多月了证还没寄到']) {
      it(`"${said}": how long it takes and how to check, nothing left unanswered`, async () => {
        const h = await dialogHarness();
        const reply = (await h.say(said)).text!;
        expect(reply).to.include('大约一个月能拿到证').and.include('查进度');
        expect(await h.unanswered.list(10)).to.deep.equal([]);
      });
    }
  });

  describe('fault 2: the social security card\'s photo is not answered with our certificate\'s', () => {
    for (const said of ['办社保卡的照片有啥要求 能用手机拍不', '社保卡照片能自己拍吗', '办社保卡要几张照片 能用手机拍不']) {
      it(`"${said}": the 人社 office's, and the card itself applied for with ours; no part answered as using a phone`, async () => {
        const h = await dialogHarness();
        const replies = await h.send(said);
        const text0 = replies.map((a) => a.text ?? '').join('\n');
        expect(text0).to.include('照片按人社部门的要求').and.include('社会保障卡申领');
        expect(text0).to.not.include('3张').and.not.include('两寸、近期、免冠');
        // Every button offered, tapped, says nothing of our certificate's photo nor of phones being hard to use.
        for (const label of replies.flatMap((r) => r.suggestedActions?.actions.map((a) => String(a.value)) ?? []).filter((v) => /拍|照片/.test(v))) {
          const tapped = (await h.send(label)).map((a) => a.text ?? '').join('\n');
          expect(tapped, label).to.not.include('不会用手机也没关系').and.not.include('3张两寸');
        }
      });
    }
  });

  describe('fault 13: a relative asking the day booked (to take leave) is told the day, where and what to bring', () => {
    for (const said of [
      '约的哪天啊 俺得请假陪她去',
      // Unscripted.
      '评定定的几号 我好跟单位请假',
      '俺娘哪天去医院鉴定 我陪她去',
    ]) {
      it(`"${said}": the booking, with no home visit nobody asked about`, async () => {
        const h = await sonChecked();
        const hospital = h.region.hospitals.find((x) => x.name === '示范市人民医院')!;
        const reply = await h.ask(said);
        expect(reply).to.include(c.bookedDay('她', '12月10日上午', hospital.name, hospital.address, bringTo(hospital, '肢体')));
        expect(reply).to.include(hospital.address).and.not.include('不是上门').and.not.include('医生不来家里');
      });
    }

    it('whether someone must be in for a visit is still told none comes, with the booking', async () => {
      const h = await sonChecked();
      expect(await h.ask('医生上门那天俺得在家不')).to.include(c.notHome('她', c.bookedAt('2026-12-10', 'am', '示范市人民医院')));
      expect(await h.ask('那天家里要留人不')).to.include('不是上门');
    });
  });

  describe('fault 13: the relative sees who submitted as the case records it, by relation only', () => {
    const cases: [submittedBy: { role: 'self' | 'proxy'; relation?: string }, shown: string][] = [
      [{ role: 'proxy', relation: '子女' }, '提交申请（申请人的子女代办）'],
      // Unscripted: the applicant themself; a relative whose relation was not recorded.
      [{ role: 'self' }, '提交申请（申请人本人）'],
      [{ role: 'proxy', relation: '其他亲属' }, '提交申请（申请人的家属代办）'],
    ];
    for (const [by, shown] of cases) {
      it(`${by.role} ${by.relation ?? ''}: "${shown}", no name`, async () => {
        const h = await dialogHarness();
        const record = await h.cases.create(newCase({ submittedBy: { ...by, userKey: 'test:daughter' } }), h.clock.now());
        await h.sayAs('son', record.caseNo);
        const seen = (await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text!;
        expect(seen).to.include(shown).and.not.include('（申请人）').and.not.include(record.applicant.name);
      });
    }
  });
});
