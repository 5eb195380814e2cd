import { expect } from 'chai';
import { handoffView } from '../../bot/routes/handoffDesk.js';
import { text } from '../../dialogs/text/index.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { FakeClock } from '../support.js';
import { buttons, dialogHarness } from './harness.js';

const h = text.handoff;
const r = text.rating;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;

const photo = (name: string) => dataUrlAttachment(uploadFixture('portrait-450x630.jpg'), 'image/jpeg', name);
const pdf = (name: string) => dataUrlAttachment(uploadFixture('student-proof.pdf'), 'application/pdf', name);

/** The person's queued hand-off, taken by agent 1001: its id. */
async function taken(x: Harness): Promise<string> {
  const [q] = await x.handoffStore.list({ status: ['queued'] });
  expect((await x.handoffs.take(q.id, '1001', '张敏')).ok).to.equal(true);
  return q.id;
}

/** What the person was sent through the outbox, oldest first. */
async function pushed(x: Harness): Promise<string[]> {
  return (await x.outbox.list({ limit: 500 })).map((row) => row.text).reverse();
}

/** The agent's transcript lines of the hand-off, as the console shows them ("对方：…"). */
async function desk(x: Harness, id: string): Promise<string[]> {
  const view = handoffView((await x.handoffStore.get(id))!, x.clock.now(), true);
  const who = { person: '对方', agent: '坐席', bot: '助手' };
  return view.messages!.map((m) => `${who[m.from]}：${m.text}`);
}

describe('Trial 16: the desk and the hand-off as the person and the agent see them', () => {
  it('names a file the person sends on the agent’s transcript, never an empty "对方：" line', async () => {
    const x = await dialogHarness();
    await x.say('转人工');
    const id = await taken(x);
    // The bot stays silent while the agent has the conversation.
    expect(await x.sendFiles([photo('wide.jpg')])).to.deep.equal([]);
    expect((await desk(x, id)).at(-1)).to.equal('对方：[发来照片 wide.jpg]');
    // In other words: a PDF with a few words, two photos at once, a name holding an ID number (masked).
    expect(await x.send('这是病历', 'zh-CN', 'user1', [pdf('门诊病历.pdf')])).to.deep.equal([]);
    expect((await desk(x, id)).at(-1)).to.equal('对方：这是病历 [发来文件 门诊病历.pdf]');
    await x.sendFiles([photo('IMG_0001.jpg'), photo('IMG_0002.jpg')]);
    expect((await desk(x, id)).at(-1)).to.equal('对方：[发来照片 IMG_0001.jpg] [发来照片 IMG_0002.jpg]');
    await x.sendFiles([photo('身份证11010519491231002X.jpg')]);
    const last = (await desk(x, id)).at(-1)!;
    expect(last).to.match(/^对方：\[发来照片 身份证.+\.jpg\]$/).and.not.include('11010519491231002X');
    expect((await desk(x, id)).filter((l) => l === '对方：')).to.deep.equal([]);
  });

  it('shows on the queue the last words the person typed, masked, even when a photo came after them', async () => {
    // Desk closed: someone who cannot phone is queued for a typed reply, then sends a photo while waiting.
    const x = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
    await x.say('转人工');
    await x.say('评定的时候医院别给我打电话 我听不见 发短信或者在这里打字');
    const [q] = await x.handoffStore.list({ status: ['queued'] });
    expect(q.typedOnly).to.equal(true);
    await x.sendFiles([photo('wide.jpg')]);
    const queued = handoffView((await x.handoffStore.get(q.id))!, x.clock.now());
    expect(queued.lastPersonText).to.equal('评定的时候医院别给我打电话 我听不见 发短信或者在这里打字');

    // In other words, a number in them masked, and a PDF after them.
    const y = await dialogHarness();
    await y.say('我是聋哑人 只能打字 帮我转人工 电话13912345678别打');
    await y.send('', 'zh-CN', 'user1', [pdf('病历.pdf')]);
    const [other] = await y.handoffStore.list({ status: ['queued'] });
    expect(handoffView(other, y.clock.now()).lastPersonText).to.equal('我是聋哑人 只能打字 帮我转人工 电话139****5678别打');
  });

  it('after 问机器人, asks the 好差评 last in the turn, its buttons the ones on screen, and only once', async () => {
    for (const said of ['问机器人', '那我先问机器人吧', '先问你']) {
      const x = await dialogHarness();
      await x.say('转人工');
      await taken(x);
      x.clock.advance(5 * 60_000);
      expect(await x.handoffs.checkQuiet()).to.equal(1);
      const replies = await x.send(said);
      expect(replies.map((a) => a.text), said).to.deep.equal([h.backToBot, r.askHandoff]);
      expect(buttons(replies[0]), said).to.deep.equal([]);
      expect(buttons(replies[1]), said).to.deep.equal(['5分 非常满意', '4分 满意', '3分 基本满意', '2分 不满意', '1分 非常不满意']);
      // Not asked a second time through the outbox, where it could overtake the turn's replies.
      expect((await pushed(x)).filter((t) => t === r.askHandoff), said).to.deep.equal([]);
      // The tap (or its number) is the rating.
      expect((await x.say('4分 满意')).text, said).to.equal(r.askComment);
      expect((await x.ratingStore.list())[0], said).to.deep.include({ level: '满意', agent: '1001', stage: 'handoff' });
    }
  });

  it('offers no phone call-back in the quiet-agent notice to someone who can only type', async () => {
    // Said when asking for a person, and (desk closed, asked for a phone) said after it.
    const asked = await dialogHarness();
    await asked.say('我耳朵听不见 只能打字 转人工');
    const later = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
    await later.say('转人工');
    await later.say('俺耳朵不好使 接不了电话');
    for (const x of [asked, later]) {
      const id = await taken(x);
      x.clock.advance(5 * 60_000);
      expect(await x.handoffs.checkQuiet()).to.equal(1);
      const told = (await pushed(x)).at(-1)!;
      expect(told).to.equal(h.quiet(true)).and.include('问机器人').and.not.include('回电').and.not.include('电话');
      expect((await desk(x, id)).at(-1)).to.equal(`助手：${h.quiet(true)}`);
    }
    // Someone who can take a call is still offered one.
    const hearing = await dialogHarness();
    await hearing.say('转人工');
    await taken(hearing);
    hearing.clock.advance(5 * 60_000);
    await hearing.handoffs.checkQuiet();
    expect((await pushed(hearing)).at(-1)).to.equal(h.quiet(false)).and.include('回电');
  });
});
