import { expect } from 'chai';
import { answerStart, buttons, dialogHarness, itAnswers } from './harness.js';

// Single questions the knowledge base got wrong (fix20a), each in the reported words and in others,
// so a fix for the reported sentence alone fails here.
describe("fix20a: single questions in people's own words", () => {
  const asked = itAnswers;

  describe('whether the documents brought are enough, or what else: the materials list, not the ID card office', () => {
    for (const said of ['光带身份证行不行', '身份证户口本都带了 还差啥不', '光拿户口本够不够', '只带了身份证 可以吗']) asked(said, ['materials-offline']);
    // The ID card itself applied for is still the police's.
    asked('办身份证光带户口本行不行', ['decl-id-card']);
  });

  describe('a 五保户 asks what 特困 people get', () => {
    for (const said of ['我们家是五保户 护理补贴有没有', '俺是五保老人 护理补贴能领不']) asked(said, ['sub-exclusion-tekun']);
  });

  describe("a grade's yes or no is not said of another item: the living allowance does not hang on the grade", () => {
    for (const said of ['二级残疾能领生活补贴吗', '一级的能领生活补贴吗']) asked(said, ['living-allowance-eligibility'], /^不一定/);
    asked('四级残疾能领生活补贴不', ['sub-grade34-what']);
  });

  describe('the certificate elsewhere, its yearly check, a check-up', () => {
    for (const said of ['残疾证能否异地办理', '残疾证能在外地办吗']) asked(said, ['ov-nonlocal-hukou']);
    for (const said of ['来电人询问残疾证年审事宜', '残疾证要年检吗', '残疾证需要每年审核吗']) {
      it(`"${said}": no yearly check, the card lasts ten years`, async () => {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text).to.include('不用年审').and.include('有效期10年');
      });
    }
    asked('补贴要年审吗', ['sub-annual-review']);
    for (const said of ['评残要体检吗', '鉴定要体检不']) asked(said, ['appr-what-is']);
  });

  describe("trial 17: an adult's guardian, late money, how to find the result, the blind at home", () => {
    for (const said of ['精神病人的监护人证明去哪开', '精神分裂的人监护证明谁开']) {
      it(`"${said}": the guardian proof for adults said, not a minor's alone`, async () => {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text).to.include(answerStart(h, 'mat-guardian-proof')).and.include('村（居）委会');
        expect(reply.text).to.not.match(/^未成年/);
      });
    }
    for (const said of ['残疾证办下来了 护理补贴咋还没到账 都三个月了', '证下来俩月了 护理补贴还没到账', '生活补贴一直没发 咋回事']) {
      asked(said, ['sub-start-time'], /没有查到您在办的申请/);
    }
    asked('补贴停了咋还没发', ['sub-stop']);
    for (const said of ['评定结果出来了吗咋查', '评残结果出来了没 在哪看']) {
      it(`"${said}": one question, no 不用 to a how`, async () => {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text).to.not.match(/^不用/);
        expect(buttons(reply).join('|')).to.not.match(/咋查|在哪看/);
      });
    }
    for (const said of ['她看不见 能上门不', '盲人能上门评定不']) asked(said, ['appr-home'], /^可以。/);
  });

  describe("what someone else said is told, not asked for: no form started", () => {
    for (const said of ['有人打电话说交三百块能帮我快点办证 是真的吗', '听说交点钱能帮着快点办下来 真的假的']) asked(said, ['svc-fraud'], /申请表/);
  });
});
