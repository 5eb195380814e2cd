import { expect } from 'chai';
import { registerAgent } from '../../bot/routes/agent.js';
import { text } from '../../dialogs/text/index.js';
import { serveRoutes, shippedKnowledge } from '../support.js';
import { callContext, fromTopic } from '../../dialogs/botReading.js';
import { conversationReplies } from './harness.js';

// fix29a (trial 25): a follow-up after a question not answered here, another card's photo, the hospital's list,
// a child after the allowances' amounts; each in the tester's words and in others.

describe('fix29a', () => {
  const { kb } = shippedKnowledge();
  const registration = kb.entry('decl-hospital-registration')!.answer.slice(0, 12);
  const appraisalFee = '您不用掏钱';

  it('"X的号咋挂" asks how to register at the hospital, with or without a story around it', async () => {
    for (const asked of ['县医院骨科的号咋挂 俺想给俺妈看腿', '专家号在哪挂 俺想给俺爹看眼睛', '眼科的号怎么挂', '儿科的号去哪挂 孩子老咳嗽']) {
      const [reply] = await conversationReplies([asked]);
      expect(reply, asked).to.include(registration);
    }
  });

  it('a bare question after a hospital registration declined stays with the decline, not the appraisal fee', async () => {
    for (const turns of [['县医院骨科的号咋挂 俺想给俺妈看腿', '要钱不'], ['专家号在哪挂 俺想给俺爹看眼睛', '要钱不'], ['眼科的号怎么挂', '要带啥']]) {
      const replies = await conversationReplies(turns);
      expect(replies[1], turns.join(' / ')).to.include(registration).and.not.include(appraisalFee);
    }
  });

  it('a bare question after one found nothing asks which matter it is about, not a topic of ours', async () => {
    for (const turns of [['村口那条路啥时候修', '要钱不'], ['俺老家那个啥证咋弄来着 就是蓝本本', '要多久'], ['村口那条路啥时候修', '在哪办']]) {
      const replies = await conversationReplies(turns);
      expect(replies[0], turns[0]).to.include(text.notFound(shippedKnowledge().region.hotlines));
      expect(replies[1], turns.join(' / ')).to.equal(text.whichMatter);
    }
    // After an answer of ours, the same question is that topic's.
    const [, fee] = await conversationReplies(['办残疾证要去医院评定吗', '要钱不']);
    expect(fee).to.include(appraisalFee);
  });

  it("what to bring after a hospital asked of with the card (办证) is the appraisal's list, for every category", async () => {
    const bring = kb.entry('appr-bring')!.answer.slice(0, 6);
    for (const turns of [
      ['俺孙子脑子不太灵光 说话晚 办证去哪个医院看', '要带什么材料'],
      ['俺孙子脑子不太灵光 说话晚 办证去哪个医院看', '要带啥'],
      ['俺娘眼睛看不见 办残疾证去哪家医院', '要带啥'],
      ['俺爹腿截肢了 办证去哪个医院', '要带什么材料'],
      ['耳朵聋了 办证去哪个医院查', '得准备啥'],
      ['俺爹又聋又瘸 办证去哪个医院', '要带啥'],
      ['俺娃不会说话 办证去哪个医院评', '要带啥东西'],
    ]) {
      const replies = await conversationReplies(turns);
      expect(replies[0], turns[0]).to.include('医院');
      expect(replies[1], turns.join(' / ')).to.include(bring).and.not.include('一件事只要一套材料');
    }
    // Asked of otherwise, the card is still what was asked of: how long getting it takes, applying online.
    const [, long, online] = await conversationReplies(['俺爹腿截肢了 办证去哪个医院', '要多久', '网上能办不']);
    expect(long).to.include('公示');
    expect(online).to.include('政务服务App');
  });

  it("changing the social-security card's photo or name is 人社's matter, and a bare question after it stays with it", async () => {
    const declined = '社保卡换照片或改信息';
    for (const turns of [['社保卡上的照片照的太丑了 能换不', '在哪'], ['社保卡照片能换不', '要多久'], ['社保卡上名字写错了咋改', '去哪改'], ['护理补贴一个月多少', '社保卡上相片能重新照不']]) {
      const replies = await conversationReplies(turns);
      expect(replies[1], turns.join(' / ')).to.include(declined).and.include('人社部门').and.not.include('评定');
    }
    // Applying for one here, its photo's requirements too, is ours.
    const [photo] = await conversationReplies(['办社保卡的照片有什么要求']);
    expect(photo).to.include(kb.entry('emp-social-card')!.answer.slice(0, 12));
  });

  it('a question the ranking offers its own choice for is answered from its topic only by an entry holding all it asks', () => {
    const decide = (q: string, top?: number) => kb.decide(q, top);
    const offered = [kb.entry('emp-social-card')!];
    for (const earlier of [['护理补贴一个月多少'], ['残疾证咋办'], ['护理补贴谁能领', '生活补贴咋发的']]) {
      const { topic } = callContext(kb, earlier);
      // The care allowance's payment to the 社保卡, the autistic child's photos: a word of it in passing.
      expect(fromTopic(kb, '社保卡上照片能换不', topic!, decide, undefined, undefined, offered), earlier.join(' / ')).to.equal(undefined);
    }
  });

  it('a child named after the allowances\' amounts is told it is the same, not the paragraph again', async () => {
    const amounts = kb.entry('sub-amounts')!.answer.slice(0, 10);
    for (const [turns, who] of [
      [['残疾人那两项补贴一个月给多少', '那孩子呢'], '孩子'],
      [['残疾补贴一个月能领多少钱', '小孩呢'], '小孩'],
      [['两项补贴标准是多少', '那娃呢'], '娃'],
    ] as [string[], string][]) {
      const replies = await conversationReplies(turns);
      expect(replies[0], turns[0]).to.include(amounts);
      expect(replies[1], turns.join(' / ')).to.include(text.sameForPerson(who)).and.include('残疾孩子能领两项补贴吗').and.not.include(amounts);
    }
  });

  describe('the console', () => {
    let served: Awaited<ReturnType<typeof serveRoutes>>;
    before(async () => {
      served = await serveRoutes((server) => registerAgent(server, kb, true));
    });
    after(() => served.close());
    const suggest = async (q: string, context: string[]) =>
      (await (await fetch(`${served.base}/api/agent/suggest?q=${encodeURIComponent(q)}&top=3${context.map((c) => `&context=${encodeURIComponent(c)}`).join('')}`)).json()) as { decision: string; entryId?: string; options?: string[] };

    it('reads a bare question after one not answered as the chat does: not the appraisal fee, 把握大', async () => {
      expect(await suggest('要钱不', ['县医院骨科的号咋挂 俺想给俺妈看腿'])).to.include({ decision: 'decline', entryId: 'decl-hospital-registration' });
      for (const [q, context] of [['要钱不', ['村口那条路啥时候修']], ['要多久', ['护理补贴谁能领', '俺老家那个啥证咋弄来着 就是蓝本本']], ['在哪办', ['村口那条路啥时候修']]] as [string, string[]][]) {
        expect((await suggest(q, context)).decision, `${context.join(' / ')} / ${q}`).to.equal('none');
      }
    });

    it("declines changing the social-security card's photo whatever the call asked before", async () => {
      for (const context of [[], ['护理补贴谁能领', '残疾证咋办'], ['护理补贴一个月多少'], ['残疾证咋办']]) {
        expect(await suggest('社保卡上照片能换不', context), context.join(' / ')).to.include({ decision: 'decline', entryId: 'decl-social-insurance-query' });
      }
      // Asked so that no rule reads it, a choice standing on its own is labelled as alone, not 把握大 for the topic's payment.
      const alone = await suggest('社保卡上照片太丑 能弄个新的不', []);
      for (const context of [['护理补贴一个月多少'], ['残疾证咋办']]) {
        expect(await suggest('社保卡上照片太丑 能弄个新的不', context), context.join(' / ')).to.deep.include({ decision: alone.decision, options: alone.options });
      }
    });
  });
});
