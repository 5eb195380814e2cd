import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { shippedKnowledge } from '../support.js';
import { buttons, dialogHarness as setup } from './harness.js';

const CJK = /\p{Script=Han}/u;

describe('MainDialog: policy questions', () => {
  const table: [string, string[]][] = [
    ['残疾证要交几张照片', ['3']],
    ['言语残疾去哪里鉴定', [shippedKnowledge().region.hospitals[0].name]],
    ['公示要几天', ['5']],
    ['護理補貼申請條件', ['一级', '二级']],
  ];
  for (const [question, words] of table) {
    it(`answers "${question}" with its source and feedback buttons`, async () => {
      const { say } = await setup();
      const reply = await say(question);
      for (const w of words) expect(reply.text).to.include(w);
      expect(reply.text).to.include('依据：');
      expect(buttons(reply)).to.include.members([text.answer.helpful, text.answer.notHelpful]);
    });
  }

  it('answers in Chinese even when the client says en-US', async () => {
    const { say } = await setup();
    const reply = await say('残疾证有效期几年', 'en-US');
    expect(reply.text).to.match(CJK).and.include('10');
    expect(reply.locale).to.equal('zh-CN');
  });

  it('follows a follow-up button, by its label or its number', async () => {
    const { say, kb } = await setup();
    const first = await say('办残疾证要带哪些材料');
    const entry = kb.entries.find((e) => first.text?.startsWith(e.answer));
    expect(entry?.followUps.length, 'the materials answer offers follow-ups').to.be.greaterThan(0);
    const follow = entry!.followUps[0];
    const target = kb.entry('to' in follow ? follow.to : '')!;
    expect((await say('1')).text).to.include(target.answer);
    await say('办残疾证要带哪些材料');
    expect((await say(entry!.followUps[0].label)).text).to.include(target.answer);
  });

  it('records "有帮助" and "没帮助" for the answer they follow', async () => {
    const { say, feedback } = await setup();
    await say('残疾证有效期几年');
    expect((await say('有帮助')).text).to.equal(text.feedback.thanks);
    await say('公示要几天');
    const sorry = await say('没帮助');
    expect(sorry.text).to.equal(text.feedback.sorry);
    const summary = await feedback.summary();
    expect(summary.reduce((n, s) => n + s.helpful, 0)).to.equal(1);
    expect(summary.reduce((n, s) => n + s.notHelpful, 0)).to.equal(1);
  });

  it('keeps a rated question for curators with its name masked, and none holding a phone', async () => {
    const { say, feedback } = await setup();
    await say('俺叫王德贵，残疾证有效期几年');
    await say('有帮助');
    await say('我电话13912345678 残疾证有效期几年');
    await say('没帮助');
    const kept = (await feedback.recent(5)).map((f) => f.question);
    expect(kept).to.have.members(['俺叫王*贵，残疾证有效期几年', undefined]);
  });

  it('says plainly when it does not know, gives the hotlines and records the question', async () => {
    const { say, unanswered, region } = await setup();
    const reply = await say('残疾人可以免费去公园吗');
    expect(reply.text).to.equal(text.notFound(region.hotlines));
    expect(buttons(reply)).to.include('转人工');
    await say('残疾人可以免费去公园吗');
    const [row] = await unanswered.list(10);
    expect(row.count).to.equal(2);
    expect(row.example).to.equal('残疾人可以免费去公园吗');
  });

  it('never keeps personal data typed at the wrong moment as a question for curators', async () => {
    const { say, unanswered } = await setup();
    const typed = [
      '110101199003074514', '1101 0119 9003 0745 1X', '110101-19900307-451x', '１１０１０１１９９００３０７４５１４',
      '13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '0571-87654321', '(0571) 8765 4321',
      '45141X', '074514', 'YC202611200001', 'YC 2026 1120 0001', '残疾人可以免费去公园吗，我的电话138 1234 5678',
    ];
    for (const message of typed) expect((await say(message)).text, message).to.be.a('string');
    expect(await unanswered.list(100)).to.deep.equal([]);
    // The same turn without the number is kept: the gate is the personal data, not the question.
    await say('残疾人可以免费去公园吗');
    expect((await unanswered.list(100)).map((r) => r.example)).to.deep.equal(['残疾人可以免费去公园吗']);
  });

  it('declines out-of-scope questions without a disability answer', async () => {
    const { say, kb } = await setup();
    const reply = await say('我的居民身份证丢了，去哪里补办');
    const disability = kb.entries.filter((e) => e.kind === 'answer').map((e) => e.answer);
    expect(disability).to.not.include(reply.text);
    expect(reply.text).to.not.include('依据');
  });

  it('queues for the desk on "人工" and, while waiting, answers "帮助" with the menu', async () => {
    const { say, region } = await setup();
    const human = await say('人工');
    expect(human.text).to.equal(text.handoff.queued(0, 4));
    const help = await say('帮助');
    expect(help.text).to.equal(text.help(region.hotlines));
    expect(buttons(help)).to.deep.equal(text.welcome.buttons);
    expect((await say('2')).text).to.include('申请');
  });

  it('asks "您想问的是" with up to 3 choices when a question is vague, and takes a number', async () => {
    const { say, kb } = await setup();
    const reply = await say('补贴');
    expect(reply.text).to.equal(text.clarify.intro);
    const options = buttons(reply);
    expect(options.length).to.be.within(3, 4);
    expect(options[options.length - 1]).to.equal(text.clarify.noneOfThese);
    const chosen = kb.entries.find((e) => e.question === options[1])!;
    expect((await say('第二个')).text).to.include(chosen.answer);
  });

  it('asks a yes, not "哪一个", when only one answer comes close, and takes 1', async () => {
    const { say, kb } = await setup();
    const reply = await say('身份证原件要带吗');
    expect(reply.text).to.equal(text.clarify.introOne);
    const options = buttons(reply);
    expect(options).to.have.length(2);
    expect(options[1]).to.equal(text.clarify.noneOfThese);
    const offered = kb.entries.find((e) => e.question === options[0])!;
    expect((await say('1')).text).to.include(offered.answer);
    // Asked as a yes, it is answered as one: 是的 picks it, 不是 is 都不是.
    const typed = await setup();
    await typed.say('身份证原件要带吗');
    expect((await typed.say('是的')).text).to.include(offered.answer);
    const refused = await setup();
    await refused.say('身份证原件要带吗');
    expect((await refused.say('不是')).text).to.equal(text.notFound(refused.region.hotlines));
  });

  it('treats "都不是" after "您想问的是" as not found, and records the question', async () => {
    const { say, unanswered, region } = await setup();
    await say('补贴');
    expect((await say('都不是')).text).to.equal(text.notFound(region.hotlines));
    expect((await unanswered.list(5)).map((r) => r.example)).to.include('补贴');
  });

  it('numbers every button, so "回复按钮前面的数字" is true wherever it is said', async () => {
    const { say } = await setup();
    const help = await say('帮助');
    expect(help.text).to.include('数字');
    expect(help.suggestedActions?.actions.map((a) => a.title)).to.deep.equal(text.welcome.buttons.map((b, i) => `${i + 1}. ${b}`));
    const clarify = await (await setup()).say('补贴');
    expect(clarify.text).to.equal(text.clarify.intro).and.include('数字');
    for (const [i, action] of (clarify.suggestedActions?.actions ?? []).entries()) {
      expect(action.title).to.equal(`${i + 1}. ${action.value}`);
    }
    await say('我要办残疾证');
    await say('同意');
    const wrong = await say('随便');
    expect(wrong.text).to.equal(text.application.errors.choice);
    expect(wrong.suggestedActions?.actions.map((a) => a.title)).to.deep.equal([`1. ${text.application.roles.self}`, `2. ${text.application.roles.proxy}`]);
  });

  it('says "数字" only in messages sent with buttons', () => {
    const catalogue = [text.help({ government: '', federation: '' }), text.clarify.intro, text.application.errors.choice, text.flow.help, text.runOn.more];
    const withButtons = new Set([text.help({ government: '', federation: '' }), text.clarify.intro, text.application.errors.choice]);
    for (const sentence of catalogue) if (/按钮前.{0,2}数字|回复数字/.test(sentence)) expect(withButtons.has(sentence), sentence).to.equal(true);
  });
});

describe('MainDialog: what a hotline agent would say', () => {
  for (const question of ['要带什么材料', '要带啥材料']) {
    it(`"${question}" alone gets the one set of materials for the combined application, with the specifics as buttons`, async () => {
      const { say } = await setup();
      const reply = await say(question);
      expect(reply.text).to.include('一套材料').and.include('身份证').and.include('户口本').and.include('依据');
      expect(reply.text).to.not.include(text.clarify.intro);
      expect(buttons(reply)).to.include('网上办要传什么？');
    });
  }

  for (const [question, lead] of [['盲人能办残疾证不', '能申请。'], ['耳朵聋了能办残疾证吗', '能申请。'], ['电动轮椅能领燃油补贴吗', '不能。']] as const) {
    it(`"${question}" (can I?) starts with the yes or no`, async () => {
      const { say } = await setup();
      expect((await say(question)).text).to.match(new RegExp(`^${lead}`));
    });
  }

  it('a definition question gets the definition without a yes/no in front', async () => {
    const { say } = await setup();
    expect((await say('视力残疾是指什么')).text).to.match(/^视力残疾就是/);
  });

  it('"取消申请" with nothing in progress says so, and offers how to withdraw a submitted application', async () => {
    const { say, kb } = await setup();
    const reply = await say('取消申请');
    expect(reply.text).to.equal(text.nothingToCancel);
    expect((await say('1')).text).to.include(kb.entry('flow-withdraw')!.answer);
  });
});

describe('Personal data typed at the wrong moment', () => {
  const personal = ['123456', '12345X', 'YC202611200001', '13812345678', '138 1234 5678', '11010519491231002X', '我的电话是13812345678', '身份证后六位是12345X'];

  it('never reaches the unanswered questions curators read, while a real unknown question does', async () => {
    const { say, unanswered } = await setup();
    for (const input of personal) await say(input);
    expect(await unanswered.list(50), JSON.stringify(await unanswered.list(50))).to.have.length(0);
    await say('残疾人可以免费去公园吗');
    expect(await unanswered.list(50)).to.have.length(1);
  });

  it('is not recorded when said as a question in the middle of a form either', async () => {
    const { say, unanswered } = await setup();
    for (const input of ['我要申请', '同意', '给我自己', '1', '选好了']) await say(input);
    await say('我的电话是13812345678可以吗');
    expect(await unanswered.list(50)).to.have.length(0);
  });
});
