import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import type { EvalQuestion } from '../../knowledge/evaluation.js';
import { evaluateEndpoints, startEvalBot, type EvalBot } from '../../scripts/endpointEval.js';
import { shippedKnowledge, testConfig } from '../support.js';

// Questions whose reply through /api/messages once said worse than the knowledge base decided:
// a welcome in front of the answer, a flow started by a question (the application, the booking,
// the status check; for another office's business too), a run-on split at "十几年", a question said aside without its context.
const inScope: EvalQuestion[] = [
  { q: '残疾证有效期几年', expect: [['10', '十']] },
  { q: '耳朵聋了十几年 在哪儿鉴定啊', expect: [['人民医院']] },
  { q: '腿坏了好几年了 去哪个医院评', expect: [['人民医院']] },
  { q: '怎么知道哪天去医院鉴定', expect: [['短信', '通知', '电话']] },
  { q: '能查到审批进度吗', expect: [['查询', '进度']] },
  { q: '我的申请到哪一步了', expect: [['查询', '进度']] },
  { q: '俺爹腿脚不好好些年了，想给他办个残疾证，咋弄啊', expect: [['申请', '办理'], ['鉴定', '评定']] },
  { q: '我想给我爸办个残疾证，要去哪办啊', expect: [['窗口', '网上', 'App']] },
  { q: '我爸去年中风了，左边身子不能动。想给他办个残疾证，先要干啥？', expect: [['申请', '鉴定', '评定', '材料']] },
  { q: '评定需要预约吗', expect: [['预约']] },
];
const outOfScope: EvalQuestion[] = [
  { q: '明天会不会下雨' },
  { q: '明天下雨不' },
  { q: '身份证丢了怎么补办' },
  { q: '给我讲个笑话' },
  // Another office's business in the words of a flow: declined, no application, booking or status check started.
  { q: '我想办营业执照' },
  { q: '帮我妈办个老年证' },
  { q: '我要申请低保' },
  { q: '我要预约挂号' },
  { q: '我的护照办到哪了' },
  { q: '我想办健康证' },
  // A day named with business of its own is no booking request.
  { q: '帮我挂个后天的专家号' },
  { q: '明天双色球开什么号' },
  // A question about applying, not a request to.
  { q: '外孙自闭症 我是外婆 能帮他申请不' },
];

describe('the endpoints say what the knowledge base decided', () => {
  let bot: EvalBot;
  const { kb, region } = shippedKnowledge();

  before(async () => {
    bot = await startEvalBot(testConfig(), kb, region.hotlines);
  });
  after(() => bot.close());

  it('asked alone in a new conversation, each question gets in its first message what the knowledge base decides', async () => {
    const report = await evaluateEndpoints(bot, kb, inScope, outOfScope.slice(0, -1));
    expect(report.worse.map((w) => `${w.q} -> ${w.got}`)).to.deep.equal([]);
    // Most of the table is answered rightly in process (else it would test little); the KB's content may move one.
    expect(report.answeredRight).to.be.at.least(0.8);
    expect(report.rejected).to.be.at.least(0.8);
    // Declines are counted apart from "答不上来" and menus: the replies that say where to ask.
    const declined = outOfScope.slice(0, -1).filter(({ q }) => kb.decide(q).kind === 'decline').length;
    expect(report.declined).to.be.closeTo(declined / (outOfScope.length - 1), 1e-9);
    expect(report.declined).to.be.greaterThan(0);
  });

  it('a question about whether one may apply for a relative is not read as a request to (no application started)', async () => {
    const { q } = outOfScope.at(-1)!;
    const reply = await bot.ask(q);
    const decided = kb.decide(q);
    // The likeliest said, named, is an answer.
    const said = decided.kind === 'clarify' && decided.likely ? 'answer' : { answer: 'answer', clarify: 'clarify', none: 'notFound', decline: 'decline' }[decided.kind];
    expect(reply.kind).to.equal(said);
    expect(reply.texts.join('\n')).to.not.include(text.application.consent);
  });

  it('a greeting first is welcomed; a question first is answered first, with no welcome in front', async () => {
    const greeted = await bot.ask('你好');
    expect(greeted.texts).to.have.length(1);
    expect(greeted.texts[0]).to.include('一次办');
    // A greeting greeted answers nothing as if in scope ("你好" among out-of-scope questions is rejected).
    expect(greeted.kind).to.equal('smalltalk');
    expect((await evaluateEndpoints(bot, kb, [], [{ q: '你好' }])).rejected).to.equal(1);
    const asked = await bot.ask('护理补贴一个月多少钱');
    expect(asked.texts[0]).to.not.include('一次办');
  });

  it('small talk answers nothing as if in scope: an out-of-scope chat about the bot counts as rejected', async () => {
    // Split, the run-on's first part gets who the bot is; a grader must not count that as an answer.
    const q = '你叫什么名字 你是机器人吗';
    const reply = await bot.ask(q);
    expect(reply.kind).to.equal('smalltalk');
    const report = await evaluateEndpoints(bot, kb, [], [{ q }]);
    expect(report.rejected).to.equal(1);
    expect(report.worse).to.deep.equal([]);
  });
});
