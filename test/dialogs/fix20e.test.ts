import { expect } from 'chai';
import { recognizeProgressIntent } from '../../dialogs/status/progressIntent.js';
import { text } from '../../dialogs/text/index.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { buttons, dialogHarness } from './harness.js';

// Trial 18 (fix20e): N10's mute person, N11's run-ons, N3's declines in the chat.
describe('fix20e: trial 18 in the chat', () => {
  describe('N10: someone who cannot speak asks whether typing will do: typing here', () => {
    for (const said of ['俺是哑巴 说不了话 打字中不', '我是哑巴 能打字问不', '俺是聋哑人 打字行不行']) {
      it(said, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text).to.equal(text.handoff.typedOffer);
      });
    }
  });

  describe('N11: the question asked on a yes, and a worry, are buttons of their own', () => {
    for (const [said, button] of [
      ['我老伴老年痴呆了好几年了能算残疾不能的话护理补贴有没有', '护理补贴有没有'],
      ['俺爹中风瘫了能办证不能的话一个月补多少', '一个月补多少'],
      ['我是精神分裂症 病情稳定了 能办证吗 我不想让单位知道', '我不想让单位知道'],
      ['我抑郁症好多年了 能评残疾吗 怕村里人都知道', '怕村里人都知道'],
    ]) {
      it(`${said} → ${button}`, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text).to.include(text.runOn.more);
        expect(buttons(reply)).to.include(button);
      });
    }

    it('a question too long for a button is labelled by the answer it gets, never cut mid-sentence', async () => {
      for (const said of ['残疾证怎么办理 俺爹前些年中风了现在走路都不行了能上门来评定吗', '残疾证咋办 俺娘瘫在床上好几年了家里也没人照顾护理补贴一个月能领多少钱']) {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text, said).to.include(text.runOn.more);
        const first = buttons(reply)[0];
        expect(first, said).to.not.match(/^…/);
        expect(h.kb.entries.some((e) => e.question === first), first).to.equal(true);
      }
    });
  });

  describe('N3: questions of ours that name another office\'s word', () => {
    for (const [said, id] of [
      ['我家姑娘十六岁 脑瘫 走路不行 办证谁来申请 她自己有身份证', 'mat-guardian-proof'],
      ['俺孩子十七了 明年十八 证要不要换', 'cert-renew'],
      ['我一只耳朵完全听不见 另一只正常 够残疾吗', 'cert-one-ear'],
    ] as const) {
      it(said, async () => {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text).to.include(h.kb.entry(id)!.answer.slice(0, 20));
      });
    }

    it('wanting to know about getting a certificate is a question, not a case looked up', async () => {
      expect(asksSomething('我想了解一下申请护理补贴')).to.equal(true);
      // The filler of a voice-typed opening asks nothing by itself.
      expect(asksSomething('我想问一下就是我家老头子')).to.equal(false);
      for (const said of ['我眼睛看不见 用读屏软件 想问问办残疾证', '我是盲人 想了解一下办个残疾证']) expect(recognizeProgressIntent(said), said).to.equal(undefined);
      for (const said of ['帮我问问办证的进度', '我想问问我的证办得怎么样了']) expect(recognizeProgressIntent(said), said).to.not.equal(undefined);
      for (const said of ['我眼睛看不见 用读屏软件 想问问办残疾证', '我是盲人 想了解一下办个残疾证']) {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text, said).to.not.include('没有查到您在办的申请');
      }
      // Said alone, it is how to apply.
      const h = await dialogHarness();
      expect((await h.say('想问问办残疾证')).text).to.include(h.kb.entry('cert-new-how')!.answer.slice(0, 20));
    });

    it('the assistive devices decline speaks of buying, fitting and their subsidies, not of trade', async () => {
      const h = await dialogHarness();
      const reply = await h.say('配助听器有补贴吗 人工耳蜗呢');
      expect(reply.text).to.not.include('买卖');
      expect(reply.text).to.include('补贴').and.include('12385');
    });
  });
});
