import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';
import { buttons, dialogHarness } from './harness.js';

// Trial 17's single questions on money, eligibility and the certificate (fix19b), each in the
// tester's words and in others, so a fix for the tester's sentences alone fails here.
describe("trial 17: single questions in people's own words", () => {
  const { kb, region } = shippedKnowledge();
  const answerOf = (id: string) => kb.entry(id)!.answer.slice(0, 20);
  const ask = async (said: string) => (await (await dialogHarness()).say(said)).text ?? '';

  for (const said of [
    '我想问一下就是我们家孩子那个智力有点问题然后现在上初中了那个学校说让办个残疾证我不知道去哪办要带什么',
    '闺女读初中 学校要我们给她办残疾证 要准备啥材料',
    '儿子要上幼儿园了 园里让办个残疾证 在哪办',
  ]) {
    it(`"${said.slice(0, 24)}…": the school only asked for the certificate, not turned away as enrolment`, async () => {
      expect(await ask(said)).to.not.include(answerOf('decl-school-enrolment'));
    });
  }

  for (const said of ['生活补贴能领多少', '生活补贴我能领到多少', '那个生活补贴 能给多少']) {
    it(`"${said}": the living allowance's amount`, async () => {
      expect(await ask(said)).to.include(region.allowances.living);
    });
  }

  for (const said of ['生活补贴他能领上不 家里是低保', '俺们吃着低保 那个困难补贴有份没', '我爸是低保户 有残疾证 生活补助他能拿到不']) {
    it(`"${said}": on 低保, who gets the living allowance (answered or offered first), not the answer for those off it`, async () => {
      const reply = await (await dialogHarness()).say(said);
      const rule = kb.entry('living-allowance-eligibility')!;
      expect(reply.text!.includes(rule.answer.slice(0, 20)) || buttons(reply)[0] === rule.question, reply.text).to.equal(true);
      expect(reply.text).to.not.include(answerOf('sub-low-income'));
    });
  }
  for (const said of ['不是低保户能领生活补贴不', '我家算低保边缘 生活补贴有份吗']) {
    it(`"${said}": off 低保 still gets the answer for those off it`, async () => {
      expect(await ask(said)).to.include(answerOf('sub-low-income'));
    });
  }

  for (const said of ['几级能领钱', '评残评到几级能拿补贴']) {
    it(`"${said}": which grade each subsidy needs, not how grades are set`, async () => {
      expect(await ask(said)).to.include(answerOf('sub-which-grade'));
    });
  }

  for (const said of ['护理补贴我能领吗 我是听力二级', '二级残疾能领护理补贴吗']) {
    it(`"${said}": no bare yes to the grade; the care it needs too`, async () => {
      const reply = await ask(said);
      expect(reply).to.not.match(/^能。/);
      expect(reply).to.match(/^不一定/).and.include('长期照护');
    });
  }

  for (const said of ['我爸瞎了一只眼 另一只还能看见 能办证不', '右眼失明了 左眼好好的 能评残疾吗']) {
    it(`"${said}": one good eye usually does not qualify, not a yes`, async () => {
      const reply = await ask(said);
      expect(reply).to.match(/^一般不能。/).and.include('好的那只眼');
    });
  }

  for (const said of ['我能帮她传照片不', '闺女替我把照片传上去行吗']) {
    it(`"${said}": family may upload the photo, not "the photo cannot be waived"`, async () => {
      const reply = await ask(said);
      expect(reply).to.include('家里人可以帮着拍、帮着传');
      expect(reply).to.not.match(/^不能免/);
    });
  }

  for (const said of ['残疾证能贷款不', '残疾人办贷款有没有贴息', '俺是残疾人 想借点创业的贷款']) {
    it(`"${said}": whom to ask about loans, not the stocks-and-scams reply`, async () => {
      const reply = await ask(said);
      expect(reply).to.include(answerOf('decl-disabled-loan'));
    });
  }
});
