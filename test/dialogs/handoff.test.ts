import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { RATING_LEVELS, levelValue } from '../../data/ratings.js';
import { recognizeCommand } from '../../dialogs/commands.js';
import { readRating } from '../../dialogs/handoff/handoffGate.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock } from '../support.js';
import { dialogHarness } from './harness.js';

const h = text.handoff;
const t = text.application;

type Harness = Awaited<ReturnType<typeof dialogHarness>>;

/** What the person was sent through the outbox (agent replies and hand-off notices), oldest first. */
async function pushed(x: Harness): Promise<string[]> {
  return (await x.outbox.list({ limit: 500 })).filter((r) => r.recipient.startsWith('handoff:')).map((r) => r.text).reverse();
}

const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '');

describe('Hand-off to the desk (dialogs)', () => {
  it('queues on 转人工 / 找人工 / 我要找真人 with the place and wait, and never twice', async () => {
    for (const said of ['转人工', '找人工', '我要找真人']) {
      const x = await dialogHarness();
      // Someone else is already waiting: this person is second.
      await x.handoffs.request({ conversation: {}, conversationKey: 'other:c1', userKey: 'other:u1', channel: 'other', reason: 'asked', recent: [] });
      expect((await x.say(said)).text, said).to.equal(h.queued(1, 8));
      expect((await x.say('转人工')).text).to.equal(h.already(1, 8));
      const queued = await x.handoffStore.list({ status: ['queued'] });
      expect(queued.map((q) => [q.conversationKey, q.reason])).to.deep.equal([['other:c1', 'asked'], ['test:Convo1', 'asked']]);
    }
  });

  it('queues a request for a person in other words, and the KB entry on reaching a person queues too', async () => {
    // The gate's phrases: a short message that asks for a person.
    for (const said of ['俺弄不明白了，找个真人说说', '找个真人说说吧', '我想跟人说', '人工客服', '找个人问问']) {
      const x = await dialogHarness();
      expect((await x.say(said)).text, said).to.equal(h.queued(0, 4));
      expect(await x.handoffStore.list({ status: ['queued'] }), said).to.have.length(1);
    }
    // Words only the knowledge base knows for it: its answer is the hand-off itself, not a promise.
    const x = await dialogHarness();
    expect(recognizeCommand('有人工吗')).to.equal(undefined);
    expect((await x.say('有人工吗')).text).to.equal(h.queued(0, 4));
    expect(await x.handoffStore.list({ status: ['queued'] })).to.have.length(1);
    // Out of hours the same words book a call-back.
    const y = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
    expect((await y.say('有人工吗')).text).to.equal(h.closedAskPhone(y.region.desk.hours));
  });

  it('reads how people ask for a person, and not wanting one (我不要人工了) as no request', () => {
    for (const said of ['有没有活人啊', '叫你们领导来', '喂 有人吗', '让管事的来']) expect(recognizeCommand(said), said).to.equal('human');
    for (const said of ['我不要人工了', '不用人工', '不找客服了']) expect(recognizeCommand(said), said).to.equal(undefined);
  });

  it('reads whether the bot is a person (你是真人还是机器人) as small talk, not a request for one; asking for one after it still is', () => {
    for (const said of ['你是真人还是机器人', '你到底是不是真人啊', '你是真人吗 陪我聊会', '机器人还是真人', '是真人吗']) expect(recognizeCommand(said), said).to.equal(undefined);
    for (const said of ['你是真人吗 我要找真人', '有没有真人', '找真人', '我要的是真人', '我想找的是真人']) expect(recognizeCommand(said), said).to.equal('human');
  });

  it('queues nobody for 我不要人工了 said with nothing queued, though it ranks to the hand-off entry', async () => {
    const x = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
    expect((await x.say('我不要人工了')).text).to.equal(h.left);
    expect(await x.handoffStore.list()).to.deep.equal([]);
  });

  it('leaves the queue however it is said (算了不等了, 我不要人工了), and a call-back by its phrase when the agent is quiet', async () => {
    for (const said of ['算了不等了', '我不要人工了', '不转人工了', '不需要客服了', '不排队了，谢谢']) {
      const x = await dialogHarness();
      await x.say('转人工');
      expect((await x.say(said)).text, said).to.equal(h.left);
      expect(await x.handoffStore.list({ status: ['queued'] }), said).to.deep.equal([]);
    }
    const x = await dialogHarness();
    await x.say('转人工');
    const [q] = await x.handoffStore.list({ status: ['queued'] });
    await x.handoffs.take(q.id, '1001', '张敏');
    x.clock.advance(5 * 60_000);
    await x.handoffs.checkQuiet();
    expect((await x.say('那还是让他打电话给俺吧')).text).to.equal(h.askPhone);
    expect((await x.handoffStore.get(q.id))!.status).to.not.equal('active');
  });

  it('does not take a policy question that mentions 人 for a request for a person', () => {
    for (const said of ['残疾人证怎么办', '找个人代办可以吗', '家里人能帮我办吗', '办证需要本人去吗', '工作人员上门评定要多久', '人工耳蜗能报销吗']) {
      expect(recognizeCommand(said), said).to.equal(undefined);
    }
  });

  it('lets the person keep asking the bot while queued, the agent seeing it all, and 不用了 leaves', async () => {
    const x = await dialogHarness();
    await x.say('护理补贴谁能领');
    await x.say('转人工');
    const answer = await x.say('残疾证怎么办');
    expect(answer.text).to.include('依据');
    const [queued] = await x.handoffStore.list({ status: ['queued'] });
    // What led to the hand-off and what was said while waiting, for the agent.
    expect(queued.messages.map((m) => m.from)).to.deep.equal(['person', 'bot', 'person', 'person', 'bot']);
    expect(queued.messages[0].text).to.equal('护理补贴谁能领');
    expect((await x.say('不用了')).text).to.equal(h.left);
    expect(await x.handoffStore.list({ status: ['queued'] })).to.deep.equal([]);
    expect((await x.handoffStore.list())[0]).to.deep.include({ status: 'closed', outcome: 'left' });
    // Asked again later: a new place in the queue.
    expect((await x.say('转人工')).text).to.equal(h.queued(0, 4));
  });

  it('stays silent while an agent has the conversation, relaying to the agent; the agent ends it and the bot answers again', async () => {
    const x = await dialogHarness();
    await x.say('转人工');
    const [q] = await x.handoffStore.list({ status: ['queued'] });
    expect((await x.handoffs.take(q.id, '1001', '张敏')).ok).to.equal(true);
    expect(await x.send('我的电话是13912345678，残疾证办到哪了')).to.deep.equal([]);
    expect(await x.send('转人工')).to.deep.equal([]);
    const active = (await x.handoffStore.get(q.id))!;
    expect(active.messages.filter((m) => m.from === 'person').map((m) => m.text).slice(-2)).to.deep.equal(['我的电话是139****5678，残疾证办到哪了', '转人工']);
    expect((await x.handoffs.reply(q.id, '1001', '您好，我帮您查一下。', '张敏')).ok).to.equal(true);
    // Only the agent who has it may answer or end it.
    expect(await x.handoffs.reply(q.id, '1002', '插话')).to.deep.include({ ok: false, status: 409 });
    expect((await x.handoffs.finish(q.id, '1001', 'handedBack')).ok).to.equal(true);
    expect(await pushed(x)).to.deep.equal([h.taken('张敏'), '工作人员张敏：您好，我帮您查一下。', h.handedBack]);
    // The agent's message is shown from the agent, not the bot.
    expect((await x.outbox.list({ limit: 10 })).map((row) => row.from)).to.include('工作人员张敏');
    expect((await x.outbox.list({ limit: 10 })).every((r) => r.live)).to.equal(true);
    expect((await x.say('残疾证怎么办')).text).to.include('依据');
    const audit = (await x.handoffStore.get(q.id))!.audit.map((e) => `${e.action} ${e.by}`);
    expect(audit).to.deep.equal(['queue chat', 'take agent:1001', 'handedBack agent:1001']);
  });

  it('shows the next agent what the desk said in the conversation’s last hand-off', async () => {
    const x = await dialogHarness();
    await x.say('转人工');
    const [first] = await x.handoffStore.list({ status: ['queued'] });
    await x.handoffs.take(first.id, '1001', '张敏');
    await x.handoffs.reply(first.id, '1001', '我们3个工作日内打电话给您。', '张敏');
    await x.handoffs.finish(first.id, '1001', 'ended');
    x.clock.advance(2 * 60 * 60_000);
    await x.say('转人工');
    const [second] = await x.handoffStore.list({ status: ['queued'] });
    expect(second.id).to.not.equal(first.id);
    expect(second.messages[0]).to.deep.include({ from: 'agent', text: '我们3个工作日内打电话给您。' });
    expect(second.messages.at(-1)).to.deep.include({ from: 'person', text: '转人工' });
  });

  it('outside the desk hours, asks for a phone and puts the call-back on the 回访 list', async () => {
    // 22:00 in Beijing on a Friday.
    const x = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
    expect((await x.say('转人工')).text).to.equal(h.closedAskPhone(x.region.desk.hours));
    // While asked for a phone, questions still get answers; a second 转人工 is reminded.
    const answered = (await x.send('残疾证怎么办')).map((r) => r.text ?? '');
    expect(answered.join('\n')).to.include('依据');
    expect(answered.at(-1)).to.equal(h.askPhoneAgain);
    expect((await x.say('转人工')).text).to.equal(h.alreadyCallback);
    expect((await x.say('我的电话 139 1234 5678')).text).to.equal(h.callbackBooked('139****5678'));
    const [call] = await x.calls.list({ followUp: 'pending' });
    expect(call).to.deep.include({ callerPhone: '13912345678', followUpNeeded: true, category: '求助', agent: 'bot' });
    expect(call.question).to.include(h.reasonNames.asked);
    const [closed] = await x.handoffStore.list();
    expect(closed).to.deep.include({ status: 'closed', outcome: 'callback', callId: call.id });
  });

  it('with nobody on duty in the desk hours, offers a call-back too; 不用了 declines it', async () => {
    const x = await dialogHarness();
    x.desk.agentsOnDuty = 0;
    expect((await x.say('转人工')).text).to.equal(h.nobodyAskPhone);
    expect((await x.say('不用了')).text).to.equal(h.left);
    expect(await x.calls.list()).to.deep.equal([]);
  });

  it('tells the person when the agent goes quiet, and offers the bot or a call-back', async () => {
    const x = await dialogHarness();
    await x.say('转人工');
    const [q] = await x.handoffStore.list({ status: ['queued'] });
    await x.handoffs.take(q.id, '1001', '张敏');
    x.clock.advance(4 * 60_000);
    expect(await x.handoffs.checkQuiet()).to.equal(0);
    x.clock.advance(60_000);
    expect(await x.handoffs.checkQuiet()).to.equal(1);
    expect(await x.handoffs.checkQuiet()).to.equal(0);
    expect((await pushed(x)).at(-1)).to.equal(h.quiet(false));
    expect((await x.say('接着等')).text).to.equal(h.stillWaiting);
    expect((await x.say('回电')).text).to.equal(h.askPhone);
    expect((await x.say('0571-87654321')).text).to.equal(h.callbackBooked('0571****4321'));
    expect((await x.calls.list({ followUp: 'pending' }))[0].callerPhone).to.equal('0571-87654321');

    await x.say('转人工');
    const [again] = await x.handoffStore.list({ status: ['queued'] });
    await x.handoffs.take(again.id, '1002', '李强');
    x.clock.advance(5 * 60_000);
    await x.handoffs.checkQuiet();
    // The 好差评 comes last, its buttons left on screen.
    expect(texts(await x.send('问机器人'))).to.deep.equal([h.backToBot, text.rating.askHandoff]);
    expect((await x.handoffStore.get(again.id))!.outcome).to.equal('timedOut');
    expect((await x.say('残疾证怎么办')).text).to.include('依据');
  });

  it('hands a person who keeps failing in the application to the desk, the second time', async () => {
    const x = await dialogHarness();
    for (const [said, expected] of [['我要申请', t.consent], ['同意', t.prompts.role], ['给我自己', t.prompts.items], ['证都要', t.prompts.name], ['王建国', t.prompts.idNumber]]) {
      expect((await x.say(said)).text).to.include(expected);
    }
    for (const bad of ['123', '456']) await x.say(bad);
    expect((await x.say('789')).text).to.equal(t.tooManyTries);
    expect((await x.say('再试一次')).text).to.include(t.prompts.idNumber);
    for (const bad of ['111', '222']) await x.say(bad);
    const replies = texts(await x.send('333'));
    expect(replies).to.deep.equal([`${h.stuck}${t.humanKept}`, h.queued(0, 4)]);
    expect((await x.handoffStore.list({ status: ['queued'] })).map((q) => q.reason)).to.deep.equal(['stuck']);
    // The form goes on while the person waits.
    expect((await x.say('11010519491231002X')).text).to.include(t.prompts.phone);
  });

  it('keeps the queue across a restart: a second 转人工 after it is not queued twice', async () => {
    const x = await dialogHarness();
    await x.say('转人工');
    const y = await dialogHarness({ dataDir: x.dataDir });
    expect((await y.say('转人工')).text).to.equal(h.already(0, 4));
    expect(await y.handoffStore.list()).to.have.length(1);
  });
});

describe('好差评 (dialogs)', () => {
  const r = text.rating;

  /** A person handed off to agent 1001, who then ends the conversation. */
  async function talkedWithAgent(x: Harness): Promise<void> {
    await x.say('转人工');
    const [q] = await x.handoffStore.list({ status: ['queued'] });
    await x.handoffs.take(q.id, '1001', '张敏');
    await x.handoffs.finish(q.id, '1001', 'ended');
  }

  it('asks once after a hand-off, in one tap; 不满意 with a comment puts a 回访 on the list, due in the configured working days', async () => {
    const x = await dialogHarness();
    await talkedWithAgent(x);
    const [ask] = (await x.outbox.list({ limit: 10 })).filter((row) => row.recipient.startsWith('rating:'));
    expect(ask).to.deep.include({ text: r.askHandoff, buttons: ['5分 非常满意', '4分 满意', '3分 基本满意', '2分 不满意', '1分 非常不满意'], live: true });
    expect(r.askHandoff).to.include('5分最满意，1分最不满意');
    expect((await x.say('不满意')).text).to.equal(r.askCommentPoor);
    expect((await x.say('等了太久，电话 139 1234 5678')).text).to.equal(r.thanksPoor(3));
    const [call] = await x.calls.list({ followUp: 'pending' });
    // Friday 20 November: three working days later is Wednesday 25 November.
    expect(call).to.deep.include({ callerPhone: '13912345678', category: '投诉', followUpNeeded: true, dueBy: '2026-11-25' });
    expect(call.question).to.include('不满意').and.include('坐席 1001').and.include('等了太久').and.not.include('13912345678');
    const summary = await x.ratings.summary();
    expect(summary).to.deep.include({ total: 1, poor: 1 });
    expect(summary.byAgent['1001']).to.deep.include({ count: 1, average: 2 });
    expect(summary.byChannel.test.count).to.equal(1);
    expect(summary.byStage.handoff.levels['不满意']).to.equal(1);
    // Rated once: the same words now go to the bot.
    expect((await x.say('不满意')).text).to.not.equal(r.askCommentPoor);
  });

  it('takes the level by its points (5 is 非常满意), a comment is optional (不用了), and a good rating makes no 回访', async () => {
    const x = await dialogHarness();
    await talkedWithAgent(x);
    expect((await x.say('5')).text).to.equal(r.askComment);
    expect((await x.say('不用了')).text).to.equal(r.thanks);
    expect((await x.ratingStore.list())[0]).to.deep.include({ level: '非常满意', status: 'done', stage: 'handoff', agent: '1001' });
    expect(await x.calls.list()).to.deep.equal([]);
  });

  it('reads a bare number as a button once the bot has spoken since the rating was asked, and closes an unanswered rating after a day', async () => {
    const x = await dialogHarness();
    await talkedWithAgent(x);
    x.clock.advance(1000);
    // The person asked something else first: "1" now picks the answer's first button, not a score.
    await x.say('残疾证丢了怎么办');
    await x.say('1');
    expect((await x.ratingStore.list())[0]).to.deep.include({ status: 'asked' });
    expect((await x.ratingStore.list())[0].level).to.equal(undefined);
    // A tapped rating button still counts.
    expect((await x.say('4分 满意')).text).to.equal(r.askComment);
    expect((await x.ratingStore.list())[0]).to.deep.include({ level: '满意' });

    const y = await dialogHarness();
    await talkedWithAgent(y);
    y.clock.advance(23 * 60 * 60_000);
    expect(await y.ratings.settleStale()).to.equal(0);
    y.clock.advance(60 * 60_000);
    expect(await y.ratings.settleStale()).to.equal(1);
    expect((await y.ratingStore.list())[0]).to.deep.include({ status: 'done' });
    expect((await y.ratingStore.list())[0].level).to.equal(undefined);
    // Nothing waits any more: "5" is just a message to the bot.
    expect(await y.ratings.pendingFor('test:Convo1')).to.equal(undefined);
  });

  it('books one call-back for two 转人工 at once with the desk closed', async () => {
    const x = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
    // The person has a case with a phone: the call-back is booked at once, on the 回访 list.
    await x.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:u9' } }), x.clock.now());
    const req = { conversation: {}, conversationKey: 'test:c9', userKey: 'test:u9', channel: 'test', reason: 'asked' as const, recent: [] };
    const outcomes = await Promise.all([x.handoffs.request(req), x.handoffs.request(req)]);
    expect(outcomes.map((o) => o.kind).sort()).to.deep.equal(['callback', 'callback']);
    expect(await x.handoffStore.list()).to.have.length(1);
    expect(await x.calls.list({ followUp: 'pending' })).to.have.length(1);
  });

  it('gives a poor rating whose comment never came its 回访 on a later scheduler pass', async () => {
    const x = await dialogHarness();
    await talkedWithAgent(x);
    expect((await x.say('1')).text).to.equal(r.askCommentPoor);
    expect(await x.ratings.settleStale()).to.equal(0);
    x.clock.advance(10 * 60_000);
    expect(await x.ratings.settleStale()).to.equal(1);
    expect((await x.calls.list({ followUp: 'pending' }))[0].question).to.include('非常不满意');
  });

  it('reads points and words as people say them', () => {
    const cases: [string, string, string?][] = [
      ['5', '非常满意'], ['1', '非常不满意'], ['5分 非常满意', '非常满意'], ['1分 非常不满意', '非常不满意'], ['给5分，挺好的', '非常满意', '挺好的'],
      ['五分', '非常满意'], ['5星', '非常满意'], ['打4分', '满意'], ['满意', '满意'], ['还行', '基本满意'], ['不满意', '不满意'],
      ['很满意，谢谢', '非常满意', '谢谢'], ['非常不满意，等太久', '非常不满意', '等太久'], ['给4分吧', '满意'], ['满意啊！', '满意'],
    ];
    for (const [said, level, comment] of cases) {
      expect(readRating(said), said).to.deep.equal({ level, ...(comment ? { comment } : {}) });
    }
    for (const said of ['残疾证怎么办', '我可以问个问题吗', '12345', '一般要多久', '不好意思，补贴什么时候发']) expect(readRating(said), said).to.equal(undefined);
    expect(RATING_LEVELS.map(levelValue)).to.deep.equal([5, 4, 3, 2, 1]);
  });

  it('takes 给5分 / 五分 / 还行 as a rating, never as an unanswered question', async () => {
    for (const [said, level] of [['给5分，挺好的', '非常满意'], ['五分', '非常满意'], ['5星', '非常满意'], ['还行', '基本满意']]) {
      const x = await dialogHarness();
      await talkedWithAgent(x);
      const reply = (await x.say(said)).text;
      expect(reply, said).to.be.oneOf([r.askComment, r.thanks]);
      expect((await x.ratingStore.list())[0].level, said).to.equal(level);
      expect(await x.unanswered.list(100), said).to.deep.equal([]);
    }
  });

  it('lets a poor rating be corrected before the comment: 不是，我是说满意', async () => {
    const x = await dialogHarness();
    await talkedWithAgent(x);
    expect((await x.say('1')).text).to.equal(r.askCommentPoor);
    expect((await x.say('不是，我是说满意')).text).to.equal(r.askComment);
    expect((await x.ratingStore.list())[0]).to.deep.include({ level: '满意', status: 'comment' });
    expect((await x.say('态度很好')).text).to.equal(r.thanks);
    expect((await x.ratingStore.list())[0]).to.deep.include({ level: '满意', status: 'done', comment: '态度很好' });
    expect(await x.calls.list()).to.deep.equal([]);
  });

  it('asks the applicant when the case is delivered, and a 回访 for a poor rating calls the case phone', async () => {
    const x = await dialogHarness();
    const record = await x.cases.create(newCase({ conversation: { channelId: 'test', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'Convo1' } as never } }), x.clock.now());
    await x.cases.update(record.caseNo, (c) => {
      c.stage = 'approved';
      for (const i of c.items) i.status = 'approved';
    }, { by: 'staff:test', action: 'test-setup' }, x.clock.now());
    const done = await x.useCases.workflow.perform(record.caseNo, { action: 'deliver', by: 'staff:li', method: 'mail' });
    expect(done.ok).to.equal(true);
    const ask = (await x.outbox.list({ limit: 20 })).find((row) => row.recipient.startsWith('rating:'))!;
    expect(ask).to.deep.include({ text: r.askCase(record.caseNo, 'delivered'), caseNo: record.caseNo });
    expect(ask.live).to.equal(undefined);
    expect((await x.say('非常不满意，邮寄太慢')).text).to.equal(r.thanksPoor(3));
    const [call] = await x.calls.list({ followUp: 'pending' });
    expect(call).to.deep.include({ callerPhone: '13800001234' });
    expect(call.question).to.include(record.caseNo).and.include('邮寄太慢').and.include(r.stageNames.delivered);
  });
});
