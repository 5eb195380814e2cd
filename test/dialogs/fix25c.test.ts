import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { consoleSuggest } from '../bot/consoleSuggest.js';
import { shippedKnowledge } from '../support.js';
import { answerStart, buttons, dialogHarness } from './harness.js';

// Trial 22's follow-up and hand-off faults (6, 8, 11, 12, 7), each in the tester's words and in others.

describe('trial 22 (8): in the queue for a person, asking how long is the wait for that person', () => {
  for (const [first, asked] of [
    ['我是聋人 电话打不了 想找个工作人员打字聊', '要等多久'],
    ['转人工', '还得等多长时间'],
    ['我要找人工', '啥时候轮到俺'],
    ['转人工', '人工客服还要等多久啊'],
  ]) {
    it(`"${asked}" after "${first}": the place and minutes in the queue, not the certificate's timeline`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      const reply = (await h.say(asked)).text ?? '';
      expect(reply).to.match(/排队.*大约还要等\d+分钟/u);
      expect(reply).to.not.include('公示');
    });
  }

  it('a question about the certificate\'s time, while queued, is still answered by the bot', async () => {
    const h = await dialogHarness();
    await h.say('转人工');
    const reply = (await h.say('办残疾证要等多久')).text ?? '';
    expect(reply).to.not.include('排队');
    expect(reply).to.include('评定');
  });

  it('the agent sees the question on the queued hand-off', async () => {
    const h = await dialogHarness();
    await h.say('转人工');
    await h.say('要等多久');
    const [queued] = await h.handoffStore.list({ status: ['queued'] });
    expect(queued.messages.map((m) => m.text)).to.include('要等多久');
  });
});

describe('trial 22 (6): a short follow-up to a decline asks of what was declined', () => {
  const suggest = consoleSuggest();
  const calls: [declined: string, followUp: string][] = [
    ['老年证在哪办', '在哪办'],
    ['高龄补贴能领不', '九十的呢'],
    ['残疾人能考驾驶证不', '要体检不'],
    ['低保怎么申请', '评不上咋办'],
    // Other words
    ['老年证在哪办', '网上能办不'],
    ['高龄补贴能领不', '八十岁能领不'],
    ['残疾人能考驾驶证不', '要带啥'],
    ['低保怎么申请', '多久能批下来'],
  ];
  for (const [declined, followUp] of calls) {
    it(`${declined} → ${followUp}: declined again, in the chat and the console alike`, async () => {
      const h = await dialogHarness();
      await h.say(declined);
      const again = await h.say(followUp);
      // Another office's matter, where to go for it, whichever decline says it.
      expect(h.kb.entries.some((e) => e.kind === 'decline' && e.answer === again.text), again.text).to.equal(true);
      expect(buttons(again)).to.deep.equal([text.notFoundButtons[0]]);
      const s = await suggest(declined, followUp);
      expect(s.decision).to.equal('decline');
    });
  }

  for (const [declined, ours, id] of [
    ['老年证在哪办', '那残疾证呢', undefined],
    ['高龄补贴能领不', '那护理补贴呢', undefined],
    ['低保怎么申请', '俺是残疾人能领啥补贴', undefined],
  ] as const) {
    it(`${declined} → ${ours}: our own subject, not declined`, async () => {
      const h = await dialogHarness();
      const first = (await h.say(declined)).text ?? '';
      const reply = (await h.say(ours)).text ?? '';
      expect(reply).to.not.equal(first);
      if (id) expect(reply).to.include(answerStart(h, id));
    });
  }

  it('"你好" after a decline is a greeting, not declined again', async () => {
    const h = await dialogHarness();
    const first = (await h.say('老年证在哪办')).text ?? '';
    expect((await h.say('你好')).text).to.not.equal(first);
  });
});

describe('trial 22 (6): "不是" after a decline, and small talk never a candidate', () => {
  for (const declined of ['助听器能报销不', '老年证在哪办', '身份证丢了咋补']) {
    it(`"不是" after "${declined}": sorry, with 转人工, no small-talk entry offered (twice)`, async () => {
      const h = await dialogHarness();
      await h.say(declined);
      for (let i = 0; i < 2; i++) {
        const reply = await h.say('不是');
        expect(reply.text).to.not.include(text.clarify.intro);
        expect(buttons(reply).join('|')).to.not.include('答非所问');
        expect(reply.text).to.equal(i ? text.notSure : text.feedback.sorry);
      }
    });
  }

  it('"不是" after a decline rates the decline, not an answer said before it', async () => {
    const h = await dialogHarness();
    await h.say('残疾证丢了咋补');
    await h.say('助听器能报销不');
    const reply = await h.say('不是');
    expect(reply.text).to.equal(text.feedback.sorry);
    const rated = await h.feedback.recent(10);
    expect(rated.map((f) => [f.entryId, f.helpful])).to.deep.equal([['decl-assistive-purchase', false]]);
  });

  it('no choice of the knowledge base offers a small-talk entry', () => {
    const h = shippedKnowledge().kb;
    const smalltalk = new Set(h.entries.filter((e) => e.kind === 'smalltalk').map((e) => e.id));
    for (const q of ['不是', '不是头一回办呢', '你这说的不对啊', '不对不对', '答的啥呀这是', '没听懂', '这不是我要的']) {
      const d = h.decide(q);
      if (d.kind === 'clarify') expect(d.options.map((o) => o.entry.id).filter((id) => smalltalk.has(id)), q).to.deep.equal([]);
    }
  });
});

describe('trial 22 (11): the console labels a follow-up by what the chat does with it', () => {
  const textOf = text;
  const suggest = consoleSuggest();
  const calls: string[][] = [
    ['老头耳朵背 能办残疾证不', '残疾证弄丢了咋补办', '俺家那电动轮椅 油钱补不补', '要钱不'],
    // Other words
    ['残疾证弄丢了咋补办', '俺家那电动轮椅 油钱补不补', '收钱不'],
    ['残疾证丢了咋补', '俺家老头坐轮椅 燃油补贴有没有', '花钱不'],
    ['残疾证丢了咋补', '收费不'],
    ['我眼睛看不见了能办残疾证吗', '残疾证丢了怎么办', '花钱不'],
    ['残疾证过期了咋换', '要带啥'],
    ['两项补贴批了以后 钱咋给', '每个月几号到账'],
  ];
  for (const call of calls) {
    it(`${call.join(' → ')}: the chat's reply is what the console labels`, async () => {
      const s = await suggest(...call);
      const h = await dialogHarness();
      for (const q of call.slice(0, -1)) await h.say(q);
      const reply = await h.say(call.at(-1)!);
      const text = reply.text ?? '';
      const chat = text.includes(textOf.clarify.intro) || text.includes(textOf.clarify.introOne) ? 'clarify' : text.includes('您是问') ? 'likely' : 'answer';
      expect(s.decision, text).to.equal(chat);
      // Said whole, or the part of it asked for.
      const entry = h.kb.entry(s.entryId ?? '')!;
      if (chat === 'answer') expect([entry.answer, ...Object.values(entry.parts ?? {})].some((a) => a.includes(text.slice(0, 12))), text).to.equal(true);
    });
  }
});

describe('trial 22 (12): 疯病 and the like are a mental illness: where it is appraised is answered', () => {
  for (const said of [
    '俺闺女得疯病好些年了 鉴定上哪个医院',
    '俺儿子疯了好几年 评残去哪个医院',
    '家里老头有点疯疯癫癫的 去哪鉴定',
    '俺娘精神失常 上哪做残疾鉴定',
  ]) {
    it(`"${said}": the mental-disability hospital, answered`, async () => {
      const h = await dialogHarness();
      const reply = (await h.say(said)).text ?? '';
      expect(reply).to.include(answerStart(h, 'appr-hosp-mental'));
      expect(reply).to.not.include(text.clarify.introOne);
    });
  }
});

describe('trial 22 (7): "在哪办" after the transfer\'s answer is where the transfer is done', () => {
  for (const [first, where] of [
    ['户口迁到外县了 残疾证咋办', '在哪办'],
    ['户口从外地迁过来了 残疾证咋转', '去哪办'],
    ['户口迁走了残疾证咋整', '到哪里办理'],
  ]) {
    it(`${first} → ${where}: the transfer's place, no appraisal and no first application`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      const reply = (await h.say(where)).text ?? '';
      expect(reply).to.include(h.kb.entry('cert-move')!.parts!.where!.slice(0, 20));
      expect(reply).to.not.include(answerStart(h, 'cert-new-how'));
    });
  }
});

describe('trial 22 (7): money for the trip is never told "您不用掏钱" of the appraisal fee', () => {
  for (const call of [
    ['俺住山里头 办个证得去几趟县城', '坐车的钱给报不'],
    ['坐车的钱给报不'],
    ['去医院评残 打车的钱谁出'],
    ['来回车费能报销吗'],
  ]) {
    it(call.join(' → '), async () => {
      const h = await dialogHarness();
      for (const q of call.slice(0, -1)) await h.say(q);
      const reply = (await h.say(call.at(-1)!)).text ?? '';
      expect(reply).to.not.match(/不用掏钱|不用付|免费/u);
    });
  }

  for (const said of ['评残的钱出不起咋办', '鉴定费谁出', '办证的钱要自己出吗', '邮寄要钱不']) {
    it(`"${said}": the fees it names are still answered`, async () => {
      const h = await dialogHarness();
      expect((await h.say(said)).text).to.match(/不用掏钱|不用付|免费/u);
    });
  }
});
