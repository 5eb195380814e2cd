import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { categoryDescribed } from '../../knowledge/categories.js';
import { chasesUp } from '../../knowledge/chaseUp.js';
import { withoutThanks } from '../../knowledge/preamble.js';
import { extractSlots } from '../../knowledge/questionFacets.js';
import { buttons, dialogHarness } from './harness.js';

// Trial 18's chat faults (fix18b), each in the tester's words and in others.
describe('trial 18: the chat on thanks, where to apply and a run-on\'s unanswerable part', () => {
  it('reads "A还是B" as a choice, "谁去办" as who goes', () => {
    expect(categoryDescribed('智力还是精神')).to.not.equal('多重');
    expect(categoryDescribed('又聋又瞎')).to.equal('多重');
    expect(extractSlots('谁去办').channel).to.equal(undefined);
    expect(extractSlots('那我自己去办').channel).to.equal('窗口');
  });

  it('takes the question after thanks, and keeps a message that asks nothing after them', () => {
    expect(withoutThanks('好的谢谢 那评定大概啥时候')).to.equal('那评定大概啥时候');
    expect(withoutThanks('嗯嗯，知道了，护理补贴一个月多少钱')).to.equal('护理补贴一个月多少钱');
    for (const kept of ['谢谢', '好的谢谢', '谢谢 再见', '好多钱吗', '行动不便能上门吗']) expect(withoutThanks(kept), kept).to.equal(kept);
  });

  for (const [first, then, id] of [
    ['残疾证怎么办理', '好的谢谢 那评定大概啥时候', 'appr-schedule'],
    ['残疾证丢了咋补', '谢谢你 那要多久', 'cert-lost'],
  ]) {
    it(`"${first}" → "${then}": the question is answered, not the thanks`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      const reply = await h.say(then);
      expect(reply.text).to.not.include(h.kb.entry('talk-thanks')!.answer);
      expect(reply.text).to.not.include(text.clarify.intro);
      expect(reply.text).to.include(h.kb.entry(id)!.parts?.howLong?.slice(0, 15) ?? h.kb.entry(id)!.answer.slice(0, 15));
    });
  }

  describe('where to apply says the chat takes the application too', () => {
    for (const said of ['残疾证在哪申请', '办残疾证去哪里', '护理补贴在哪申请']) {
      it(`"${said}": the answer, after saying it can be applied for here`, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text).to.match(new RegExp(`^${text.application.appliedHere}`));
        expect(buttons(reply)).to.include(text.application.applyButton);
      });
    }

    for (const said of ['在哪办', '去哪申请']) {
      it(`"${said}": a choice that offers applying here`, async () => {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text).to.include(text.application.appliedHereAmong);
        expect(buttons(reply)).to.include(text.application.applyButton);
        // The button starts the application.
        const picked = await h.say(String(buttons(reply).indexOf(text.application.applyButton) + 1));
        expect(picked.text).to.include(text.application.consent);
      });
    }

    it('a follow-up asking where after the certificate\'s how-to says it too', async () => {
      const h = await dialogHarness();
      await h.say('残疾证怎么办理');
      expect((await h.say('在哪办')).text).to.match(new RegExp(`^${text.application.appliedHere}`));
    });

    for (const said of ['残疾证丢了在哪补办', '残疾评定在哪做', '窗口在哪', '户口不在本县 残疾证在哪办', '我家老头子眼睛看不见了想办个残疾证要去哪个医院检查']) {
      it(`"${said}": not said where the chat takes no such application or the question names the place`, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text).to.not.include(text.application.appliedHere);
      });
    }
  });

  describe("a run-on's part nothing answers is no button of the person's own words", () => {
    for (const said of ['俺腿不中 能坐轮椅去不 有没有电梯', '我妈瘫了 能办残疾证不 医院有没有轮椅借']) {
      it(said, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(buttons(reply).some((b) => /电梯|轮椅借/.test(b)), buttons(reply).join('|')).to.equal(false);
        expect(reply.text).to.not.include(text.runOn.more);
      });
    }
    it('a part answered elsewhere is still one', async () => {
      const reply = await (await dialogHarness()).say('残疾证怎么办 身份证丢了咋补');
      expect(buttons(reply)).to.include(text.runOn.button('身份证丢了咋补'));
    });
  });
});

describe('trial 18: a chase-up is read as one', () => {
  it('reads waiting with nobody in touch after applying as a chase-up, and nothing else', () => {
    for (const said of ['来电人反映上门鉴定申请半个月没人联系 情绪激动', '约了上门评定 一直没人来', '交上去半个月了没动静，咋回事']) expect(chasesUp(said), said).to.equal(true);
    for (const said of ['上门鉴定怎么申请', '说是证寄出了 申请人一直没消息', '俺上个月交的材料到现在还没动静 多久能拿到证啊', '公示完了没人有意见 接下来咋弄']) {
      expect(chasesUp(said), said).to.equal(false);
    }
  });
});
