import { expect } from 'chai';
import { answerStart, dialogHarness } from './harness.js';

// fix24b: short follow-ups in context that were still read against the wrong entry, each in the
// trial's words and in others (another topic, the same kind of follow-up).

/** The bot's reply to the last of a conversation's messages. */
const lastReply = async (turns: string[]) => {
  const h = await dialogHarness();
  let reply = '';
  for (const t of turns) reply = (await h.say(t)).text ?? '';
  return { h, reply };
};

describe('fix24b (2): "评不上" after a subsidy or the card asks what happens when the appraisal finds no disability', () => {
  const cases: [before: string, said: string][] = [
    ['残疾证和护理补贴能一起办吗要跑几趟', '那要是评不上呢'],
    ['生活补贴和护理补贴能同时申请吗', '那要是评不上呢'],
    ['残疾证怎么办', '那要是评不上呢'],
    ['护理补贴怎么申请', '要是没评上咋办'],
    ['生活补贴谁能领', '没有评上的话呢'],
  ];
  for (const [before, said] of cases) {
    it(`"${said}" after "${before}": the appraisal found not qualified`, async () => {
      const { h, reply } = await lastReply([before, said]);
      expect(reply).to.include(answerStart(h, 'appr-not-qualified'));
    });
  }

  it('a question about it that stands on its own is answered on its own', async () => {
    const { h, reply } = await lastReply(['护理补贴怎么申请', '评定结果是不符合还能再申请吗']);
    expect(reply).to.include(answerStart(h, 'appr-not-qualified'));
  });
});

describe('fix24b (3): "要等多大才能评" after a question about a child asks at what age a child is appraised', () => {
  const cases: [before: string, said: string][] = [
    ['孩子能办残疾证不', '要等多大才能评'],
    ['孩子办证谁去申请', '要等多大才能评'],
    ['孩子的照片怎么拍', '几岁才能评'],
    ['俺娃三岁 自闭症 能办证不', '多大能评'],
    ['宝宝听力不好能办残疾证吗', '得多大才能鉴定'],
  ];
  for (const [before, said] of cases) {
    it(`"${said}" after "${before}": the small child's entry, which says the hospital decides when`, async () => {
      const { reply } = await lastReply([before, said]);
      expect(reply).to.include('什么时候评，由定点医院的医生根据情况决定');
    });
  }

  it('a child\'s age asked in a whole question is answered on its own after another topic', async () => {
    const { h, reply } = await lastReply(['护理补贴一个月多少钱', '孩子几岁能办残疾证']);
    expect(reply).to.include(answerStart(h, 'cert-infant'));
  });

  it('an age of something else after a child\'s topic is not read as the appraisal\'s age', async () => {
    const { reply } = await lastReply(['孩子能办残疾证不', '几岁能领教育补贴']);
    expect(reply).to.not.include('什么时候评，由定点医院的医生根据情况决定');
  });
});

describe('fix24b (1): "多久发一次" after a paid item asks how often it is paid, which that item\'s answers say', () => {
  const cases: [before: string, said: string, says: string][] = [
    ['护理补贴谁能领', '多久发一次', '两项补贴一般按月发'],
    ['生活补贴怎么申请', '几个月发一回', '两项补贴一般按月发'],
    ['护理补贴一个月多少钱', '多长时间发一回', '两项补贴一般按月发'],
    // Other items are paid otherwise: their own answers say so, not the two allowances' 按月.
    ['燃油补贴谁能领', '多久发一次', '一般按年发放'],
    ['养老保险补助谁能领', '多久发一次', '按年替您缴费'],
    ['生活补贴谁能领', '钱多久给一回', '两项补贴一般按月发'],
  ];
  for (const [before, said, says] of cases) {
    it(`"${said}" after "${before}": ${says}`, async () => {
      const { reply } = await lastReply([before, said]);
      expect(reply).to.include(says);
    });
  }

  it('how long until the money starts is still when it starts, not how often', async () => {
    const { h, reply } = await lastReply(['护理补贴怎么申请', '批下来多久能发钱']);
    expect(reply).to.include(answerStart(h, 'sub-start-time'));
  });

  it('a question of its own after it is answered on its own', async () => {
    const { h, reply } = await lastReply(['燃油补贴谁能领', '残疾证丢了咋补']);
    expect(reply).to.include(answerStart(h, 'cert-lost'));
  });
});

describe('fix24b: the questions a topic makes whole are read against it only while it is followed up', () => {
  it('three turns on, "多久发一次" and "要等多大才能评" are no longer the topic\'s', async () => {
    const h = await dialogHarness();
    for (const [topic, said] of [['护理补贴谁能领', '多久发一次'], ['孩子能办残疾证不', '要等多大才能评']]) {
      expect(h.kb.suggest(said, 3, [topic]).followUp, said).to.equal(true);
      expect(h.kb.suggest(said, 3, [topic, '你好', '你好', '你好']).followUp, said).to.equal(false);
    }
  });
});
