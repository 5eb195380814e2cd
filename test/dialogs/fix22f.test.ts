import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { answerStart, dialogHarness, itAnswers, run, type Step } from './harness.js';

// Trial 20's wrong and clumsy answers (faults 10, 11, 13, 14, 15, 17, 18, 20, 22, 23), each in the tester's words and in others.
const t = text.application;

/** Self, the care allowance, holding a certificate: at the category. */
const toCategory: Step[] = [
  ['我要申请', t.consent],
  ['同意', t.prompts.role],
  ['给我自己', t.prompts.items],
  ['护理补贴', t.prompts.itemsMore(t.itemOptions['care-allowance'])],
  ['选好了', t.prompts.hasCertificate],
  ['已经有了', t.prompts.name],
  ['王建国', t.prompts.idNumber],
  ['11010519491231002X', t.prompts.phone],
  ['13812345678', t.prompts.hukou],
  ['示范县', t.prompts.category],
];

describe('trial 20 (13): the care allowance for 智力/精神 三、四级 said as the knowledge base says it (the county decides)', () => {
  it('no sentence of the form says flatly that 三、四级 qualify', () => {
    const said = [t.careAllowanceRule, t.itemExplain['care-allowance'], t.fieldAnswers.grade.what, t.dropped['care-allowance']];
    for (const s of said) expect(s).to.not.match(/也可以/);
    for (const s of said.slice(0, 3)) expect(s).to.include('本县规定');
  });

  it('picked in words ("护理的钱俺也想要"): the rule says the county decides for 三、四级', async () => {
    const h = await run(toCategory.slice(0, 3));
    const replies = (await h.send('护理的钱俺也想要')).map((r) => r.text ?? '');
    expect(replies[0]).to.equal(t.careAllowanceRule).and.include('看本县规定');
  });

  it('精神 三级: why the grade is asked says the county decides, and the allowance is kept for 民政 to decide', async () => {
    const h = await run([...toCategory, ['精神', t.prompts.grade]]);
    expect((await h.send('为啥要问这个'))[0].text).to.equal(t.fieldAnswers.grade.what);
    expect((await h.send('三级')).map((r) => r.text).join('\n')).to.not.include(t.dropped['care-allowance']);
    expect((await h.drafts.get('test:user1'))?.draft.values.picks).to.include('care-allowance');
  });
});

describe('trial 20 (10): whether the card can be applied for online is how to apply online', () => {
  for (const said of ['残疾证能网上办吗', '残疾证在手机上能办不', '网上可以办残疾证吗']) itAnswers(said, ['apply-online']);

  for (const [before, said] of [['护理补贴谁能领', '残疾证能网上办吗'], ['生活补贴怎么申请', '残疾证手机上能办不'], ['残疾人补贴有哪些', '网上可以办残疾证吗']]) {
    it(`"${said}" after "${before}": how to apply online, not the renewal's online way`, async () => {
      const h = await dialogHarness();
      await h.say(before);
      const reply = (await h.say(said)).text ?? '';
      expect(reply).to.include(answerStart(h, 'apply-online'));
      expect(reply).to.not.include('换领').and.not.include('电子证照');
    });
  }
});
