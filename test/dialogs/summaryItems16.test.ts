import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { dialogHarness, run, selfNewCertificateToAddress } from './harness.js';

// Trial 16: the answers given within the items (which certificate service, which employment help,
// whether a certificate is held) showed in the summary as "undefined：…", and 修改 crashed the turn.
const t = text.application;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;

/** Answers each question of the form as it comes, from the items on, until the summary. */
async function fillToSummary(h: Harness, items: string[]): Promise<string> {
  const answers: [string, string][] = [
    [t.prompts.name, '王建国'],
    [t.prompts.idNumber, '11010519491231002X'],
    [t.prompts.phone, '13812345678'],
    [t.prompts.hukou, '示范县'],
    [t.prompts.category, '肢体'],
    [t.prompts.grade, '二级'],
    [t.prompts.hasCertificate, '有'],
    [t.prompts.dibao, '不是'],
    [t.prompts.channel, '网上提交'],
    [t.prompts.delivery, '邮寄到家'],
    [t.prompts.address, '示范县人民路12号'],
  ];
  let reply = (await h.say('我要申请')).text ?? '';
  for (const said of ['同意', '给我自己', ...items]) reply = (await h.say(said)).text ?? '';
  for (let turn = 0; turn < 20 && !reply.startsWith(t.summary.intro); turn++) {
    const answer = answers.find(([prompt]) => reply.includes(prompt))?.[1] ?? '1';
    reply = (await h.say(answer)).text ?? '';
  }
  return reply;
}

describe('trial 16: the summary of a form with a certificate service or employment help', () => {
  for (const [what, items, shown] of [
    ['employment help', ['我有证了 要就业帮扶', '选好了', '社保卡'], '社会保障卡申领'],
    ['a certificate service', ['2', '挂失补办', '选好了'], '挂失补办'],
  ] as const) {
    it(`${what}: the items line names it, no line reads undefined, and 修改 lists the fields without crashing`, async () => {
      const h = await dialogHarness();
      const summary = await fillToSummary(h, [...items]);
      expect(summary).to.include(t.summary.intro);
      expect(summary).to.not.include('undefined');
      expect(summary).to.match(new RegExp(`${t.labels.items}：[^\\n]*${shown}`));
      const fields = await h.say('修改');
      expect(fields.text).to.equal(t.summary.pickField);
      const titles = (fields.suggestedActions?.actions ?? []).map((a) => String(a.title));
      expect(titles.join(' ')).to.not.include('undefined');
      expect(titles.some((title) => title.includes(t.labels.items))).to.equal(true);
      // Changing a field still works and comes back to the summary.
      expect((await h.say(t.labels.phone)).text).to.include(t.prompts.phone);
      expect((await h.say('13912345678')).text).to.include(t.summary.intro);
    });
  }
});

describe('trial 16: a cancel said in passing at a step ("算了不办了 太麻烦") is the cancel, not a wrong answer to the step', () => {
  for (const said of ['算了不办了 太麻烦', '俺不填了啊', '我不想办了 太费劲了']) {
    it(`"${said}" at the ID number: asked to confirm the cancel; "继续填" goes back to the ID`, async () => {
      const h = await dialogHarness();
      for (const step of ['我要申请', '同意', '给我自己', '1', '选好了', '王建国']) await h.say(step);
      const reply = await h.say(said);
      expect(reply.text).to.not.include('身份证号应该是');
      expect((reply.suggestedActions?.actions ?? []).map((a) => String(a.title)).join(' ')).to.include('继续填');
      expect((await h.say('继续填')).text).to.equal(t.prompts.idNumber);
    });
  }

  it('a question with the same words ("不办了吗") is no cancel', async () => {
    const { recognizeCommand } = await import('../../dialogs/commands.js');
    expect(recognizeCommand('不办了吗')).to.equal(undefined);
    expect(recognizeCommand('算了')).to.equal(undefined);
    expect(recognizeCommand('算了不办了')).to.equal('cancel');
  });
});

describe('trial 16: a short village address at the address step is the address, not a question about another place', () => {
  for (const said of ['河东乡李村', '柳树乡王庄']) {
    it(`"${said}" is kept as the mailing address`, async () => {
      const h = await run(selfNewCertificateToAddress);
      const reply = (await h.say(said)).text ?? '';
      expect(reply).to.not.include('当地的残联');
      const summary = reply.startsWith(t.summary.intro) ? reply : (await h.say('没有')).text ?? '';
      expect(summary).to.include(`${t.labels.address}：${said}`);
    });
  }
});

describe('trial 16: the name, the ID number and the phone said in one message at the name are all kept', () => {
  for (const said of ['王建国 身份证11010519491231002X 电话13812345678', '王建国 13812345678 11010519491231002X']) {
    it(`"${said}": on to 户籍, nothing asked again`, async () => {
      const h = await dialogHarness();
      for (const step of ['我要申请', '同意', '给我自己', '1', '选好了']) await h.say(step);
      const replies = (await h.send(said)).map((r) => r.text ?? '');
      expect(replies.at(-1)).to.equal(t.prompts.hukou);
      expect((await h.drafts.get('test:user1'))?.draft.values).to.include({ name: '王建国', idNumber: '11010519491231002X', phone: '13812345678' });
    });
  }
});
