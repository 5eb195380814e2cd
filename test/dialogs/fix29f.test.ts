import { expect } from 'chai';
import { handoffView } from '../../bot/routes/handoffDesk.js';
import { text } from '../../dialogs/text/index.js';
import { answerStart, dialogHarness } from './harness.js';

// fix29f: trial 26's faults 1, 2, 9 and 11 (first point), in the tester's words and in others.

describe('trial 26 (1): someone who cannot hear or phone, asking whether typing works, is told to type here', () => {
  for (const said of [
    '我耳朵不好使 电话听不见 能打字不',
    // Other words
    '电话里听不清 能在这打字问不',
    '俺是聋子 打不了电话 在这打字行不',
    '耳背 接不了电话 打字行吗',
    '我说不了话 能打字不',
  ]) {
    it(`"${said}": typing here, never the hotlines to phone`, async () => {
      const h = await dialogHarness();
      const reply = (await h.say(said)).text ?? '';
      // Said only that they cannot phone, the typed desk is offered; else the deaf person's answer.
      expect(reply === text.handoff.typedOffer || reply.includes(answerStart(h, 'svc-deaf-text').slice(2)), reply).to.equal(true);
      expect(reply).to.not.include('打字不方便');
    });
  }

  for (const said of ['不会打字怎么办', '俺不会打字 能打电话问不', '手不好使打不了字', '老人不会打字 有电话吗']) {
    it(`"${said}": someone who cannot type is still given the phone`, async () => {
      const h = await dialogHarness();
      expect((await h.say(said)).text ?? '').to.include(answerStart(h, 'talk-voice'));
    });
  }
});

describe('trial 26 (2): queued for a person, any question about the wait gets the place and the wait', () => {
  for (const asked of [
    '还得等多久啊 俺着急',
    '人咋还不来',
    // Other words
    '咋还没人',
    '轮到我没',
    '怎么还没人来啊',
    '到底还要等多久 急死了',
    '轮到俺了没',
    '客服咋还不来',
    // Urging alone (trial 27)
    '俺着急',
    '快点吧 急死了',
    '赶紧的',
  ]) {
    it(`"${asked}" while queued: the place and minutes, no policy answer`, async () => {
      const h = await dialogHarness();
      await h.say('转人工');
      const reply = (await h.say(asked)).text ?? '';
      expect(reply).to.match(/排队.*大约还要等\d+分钟/u);
      const [queued] = await h.handoffStore.list({ status: ['queued'] });
      expect(queued.messages.map((m) => m.text)).to.include(asked);
    });
  }

  for (const asked of ['办证还得等多久啊 俺着急', '残疾证咋还不来', '补贴咋还没到账']) {
    it(`"${asked}" while queued: a policy question, still answered by the bot`, async () => {
      const h = await dialogHarness();
      await h.say('转人工');
      expect((await h.say(asked)).text ?? '').to.not.include('排队');
    });
  }
});

describe('trial 26 (9): "不用了" after an answer closes the exchange, as "好的" does', () => {
  for (const [asked, no] of [
    ['我耳朵不好使 电话听不见 能打字问不', '不用了'],
    // Other words
    ['我耳朵不好使 电话听不见 能打字问不', '不需要了'],
    ['护理补贴谁能领', '不用了谢谢'],
    ['残疾证丢了咋补', '不用了，谢谢啊'],
    ['办残疾证要带啥', '不需要'],
  ]) {
    it(`${asked} → ${no}: acknowledged, nothing ranked`, async () => {
      const h = await dialogHarness();
      await h.say(asked);
      const reply = await h.say(no);
      expect(reply.text).to.equal(text.acknowledged);
    });
  }

  it('"不是" after an answer still says it did not help; a question starting with 不用 is still answered', async () => {
    const h = await dialogHarness();
    await h.say('护理补贴谁能领');
    expect((await h.say('不是')).text).to.not.equal(text.acknowledged);
    const x = await dialogHarness();
    await x.say('护理补贴谁能领');
    expect((await x.say('不用本人去吗')).text).to.not.equal(text.acknowledged);
  });
});

describe('trial 26 (11): the queue labels a typed hand-off by what the person said', () => {
  const note = async (turns: string[]) => {
    const h = await dialogHarness();
    for (const t of turns) await h.say(t);
    const [queued] = await h.handoffStore.list({ status: ['queued'] });
    expect(queued.typedOnly, turns.join(' → ')).to.equal(true);
    return handoffView(queued, h.clock.now(), false).typedOnlyNote;
  };

  for (const turns of [
    ['转人工', '现在有人了不 俺还是想在这打字说'],
    // Other words
    ['转人工', '就在这打字吧'],
    ['有没有人能打字回俺'],
  ]) {
    it(`${turns.join(' → ')}: prefers typing, no disability claimed`, async () => {
      expect(await note(turns)).to.equal(text.handoff.typedPreferredNote);
    });
  }

  for (const turns of [
    ['转人工', '我耳朵不好使 电话听不见 只能打字'],
    ['俺是聋子 打不了电话 想找个人打字说'],
    ['转人工', '就在这打字吧', '俺是哑巴'],
  ]) {
    it(`${turns.join(' → ')}: cannot hear or speak, said so`, async () => {
      expect(await note(turns)).to.equal(text.handoff.typedOnlyNote);
    });
  }
});

