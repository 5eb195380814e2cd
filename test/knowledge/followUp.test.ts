import { expect } from 'chai';
import { join } from 'node:path';
import { isFragment, readInContext, rewriteFollowUp, topicAfter, whichOfTopic } from '../../knowledge/followUp.js';
import { extractSlots, facetsOf, intentOf } from '../../knowledge/questionFacets.js';
import { evaluateConversations, readConversations } from '../../knowledge/evaluation.js';
import { fixtures, shippedKnowledge } from '../support.js';
import { dialogHarness } from '../dialogs/harness.js';

/** SMS on: answers as their entries word them (with it off, what they say of SMS is reworded). */
const WORDED = { sms: true };
import type { AnswerPart } from '../../knowledge/schema.js';

/** The answer the bot gives by itself to a question after the previous ones of a call: its entry and text. */
function said(previous: string[], q: string): { id?: string; answer?: string } | undefined {
  const s = shippedKnowledge().kb.suggest(q, 3, previous);
  return s.answered ? { id: s.suggestions[0]?.id, answer: s.suggestions[0]?.answer } : undefined;
}

/** An entry with one part of its answer, as a follow-up asking only that is told. */
const part = (id: string, name: AnswerPart) => ({ id, answer: shippedKnowledge().kb.entry(id)!.parts![name] });

describe('Follow-ups: slots and rewriting', () => {
  it('reads the slots people name, in their own words', () => {
    expect(extractSlots('我家孩子耳朵听不见，网上能办护理补贴吗，二级')).to.deep.equal({ category: '听力', item: '护理补贴', channel: '网上', grade: '二级', age: '未成年' });
    expect(extractSlots('要是精神方面的呢')).to.deep.equal({ category: '精神' });
    // A bare 证 is ours after a word pointing at one, not after a noun naming another office's card.
    for (const q of ['我的证丢了', '办个证要多久', '证到期了', '残疾证咋办']) expect(extractSlots(q).item, q).to.equal('残疾证');
    for (const q of ['想办个老年证', '身份证丢了', '驾驶证到期了']) expect(extractSlots(q).item, q).to.equal(undefined);
    expect(extractSlots('监护人证明')).to.deep.equal({});
    // A phone number is not the online way.
    expect(extractSlots('手机号填错了怎么改')).to.deep.equal({});
    expect(extractSlots('手机上能办吗')).to.deep.equal({ channel: '网上' });
  });

  it('reads which service for the certificate a question is about', () => {
    expect(extractSlots('残疾证丢了咋补').service).to.equal('补办');
    expect(extractSlots('户口迁走了证咋办').service).to.equal('迁移');
    expect(extractSlots('证过期了还能用吗').service).to.equal('换领');
    expect(extractSlots('残疾证怎么办理').service).to.equal(undefined);
  });

  it('reads an illness as no service for the card: 听不见了 is not 不见了, 眼睛看不清 not a worn card', () => {
    expect(extractSlots('俺家老头子耳朵听不见了 能办残疾证不').service).to.equal(undefined);
    expect(extractSlots('我娘七十了 眼睛看不清 能办残疾证不').service).to.equal(undefined);
    expect(extractSlots('俺爹的残疾证不见了').service).to.equal('补办');
    expect(extractSlots('残疾证泡水了看不清了怎么办').service).to.equal('换领');
    expect(extractSlots('残疾证发黄了字看不清').service).to.equal('换领');
    const { kb } = shippedKnowledge();
    const top = (previous: string[], q: string) => kb.suggest(q, 3, previous).suggestions[0]?.id;
    // The first-time time limit and the place to apply, not the lost card's or the renewal's.
    expect(top(['俺家老头子耳朵听不见了 能办残疾证不'], '要多久')).to.equal('flow-total-time');
    expect(top(['我娘七十了 眼睛看不清 能办残疾证不'], '在哪办')).to.equal('cert-new-how');
    expect(top(['我娘七十了 眼睛看不清 能办残疾证不', '在哪办'], '要多久')).to.equal('flow-total-time');
  });

  it('reads "网上能办不" as how to apply for the topic\'s item that way', () => {
    const { kb } = shippedKnowledge();
    const answer = (previous: string[], q: string) => {
      const s = kb.suggest(q, 3, previous);
      return s.answered && s.followUp ? s.suggestions[0]?.id : undefined;
    };
    // Not who may receive it again: tick it in the online form.
    expect(answer(['护理补贴谁能领'], '网上能办不')).to.equal('sub-care-apply');
    // The appraisal cannot be done online, whatever the application can.
    expect(answer(['视力残疾去哪评定', '听力的呢', '要带啥'], '网上能办不')).to.equal('appr-online');
    expect(answer(['他那個鑒定要帶啥'], '網上能辦不')).to.equal('appr-online');
    // A kept service answers for its own way; alone it is the online application.
    expect(answer(['户口迁走了证咋办'], '网上能办不')).to.equal('cert-move');
    expect(kb.suggest('网上能办不', 3).suggestions[0]?.id).to.equal('apply-online');
  });

  it('keeps a follow-up with the service of its topic: replacement, transfer, renewal', () => {
    const { kb } = shippedKnowledge();
    const top = (previous: string[], q: string) => {
      const s = kb.suggest(q, 3, previous);
      return s.answered ? s.suggestions[0]?.id : undefined;
    };
    // Not the new certificate's "about a month", nor who pays a re-appraisal, nor the generic online answer.
    expect(top(['残疾证丢了咋补', '要带啥'], '多久能拿到')).to.equal('cert-lost');
    expect(top(['户口迁到外地了 残疾证怎么转'], '要重新鉴定不')).to.equal('cert-move');
    expect(top(['户口迁走了证咋办'], '网上能办不')).to.equal('cert-move');
    expect(top(['证过期了还能用吗'], '网上能换不')).to.equal('cert-renew');
    expect(top(['残疾证能用几年'], '到期了咋办')).to.equal('cert-renew');
    // A chain of three: "要多久" after the grade-3 answer is how long until the care allowance is paid
    // (its question names the certificate as well, but a subsidies entry is about the subsidies).
    expect(top(['护理补贴谁能领', '三级的呢'], '要多久')).to.equal('sub-start-time');
    // Alone, the same words are about the new certificate.
    expect(top([], '要重新鉴定不')).to.not.equal('cert-move');
  });

  it('tells a follow-up to a service the part it asks for, not the whole answer again (trial 11)', () => {
    const { kb } = shippedKnowledge();
    expect(said(['残疾证过期了咋整'], '要带啥')).to.deep.equal(part('cert-renew', 'materials'));
    expect(said(['残疾证过期了咋整', '要带啥'], '网上能办不')).to.deep.equal(part('cert-renew', 'online'));
    expect(said(['证过期了还能用吗'], '网上能换不')).to.deep.equal(part('cert-renew', 'online'));
    expect(said(['残疾证丢了咋补'], '网上能办不')).to.deep.equal(part('cert-lost', 'online'));
    expect(said(['残疾证丢了咋补'], '要多久')).to.deep.equal(part('cert-lost', 'howLong'));
    expect(said(['残疾证丢了怎么办'], '在哪办')).to.deep.equal(part('cert-lost', 'where'));
    expect(said(['户口迁走了证咋办'], '要带啥')).to.deep.equal(part('cert-move', 'materials'));
    // The cancellation's materials, not a new application's.
    expect(said(['注销残疾证咋办'], '要带啥')).to.deep.equal(part('cert-cancel', 'materials'));
    // Asked alone, or asked what has no part of its own, the whole answer.
    expect(said([], '换新的残疾证要带啥')).to.deep.equal({ id: 'cert-renew', answer: kb.entry('cert-renew')!.answer });
    expect(said(['残疾证丢了咋补'], '要重新鉴定不')).to.deep.equal({ id: 'cert-lost', answer: kb.entry('cert-lost')!.answer });
  });

  it('keeps a seed place the topic named for its follow-ups: that place\'s way, not the county\'s (extra A)', () => {
    expect(said(['庐山办残疾证'], '网上能办吗')).to.deep.equal(part('place-lushan-apply', 'online'));
    expect(said(['庐山办残疾证'], '网上能办吗')!.answer).to.include('赣服通');
    expect(said(['庐山办残疾证'], '要带啥')).to.deep.equal(part('place-lushan-apply', 'materials'));
    expect(said(['庐山办残疾证'], '在哪办')).to.deep.equal(part('place-lushan-apply', 'where'));
    expect(said(['宿迁残疾证怎么办'], '网上能办吗')).to.deep.equal(part('place-suqian', 'online'));
    // What the place's entry does not tell is the county's answer.
    expect(said(['庐山办残疾证'], '要多久')?.id).to.equal('flow-total-time');
    expect(extractSlots('庐山办残疾证').place).to.equal('庐山');
  });

  it('says in a part only what its answer says', () => {
    const { kb } = shippedKnowledge();
    const figures = (text: string) => text.match(/\d+/g) ?? [];
    const withParts = kb.entries.filter((e) => e.parts);
    expect(withParts.length).to.be.greaterThan(3);
    for (const e of withParts) {
      for (const text of Object.values(e.parts!)) for (const n of figures(text!)) expect(figures(e.answer), `${e.id}: ${text}`).to.include(n);
    }
  });

  it('reads a second category said of the same person as a multiple disability, in one message or two (trial 11)', () => {
    const { kb } = shippedKnowledge();
    const top = (previous: string[], q: string) => {
      const s = kb.suggest(q, 3, previous);
      return s.answered ? s.suggestions[0]?.id : undefined;
    };
    expect(extractSlots('我耳朵听不见 腿也不好').category).to.equal('多重');
    expect(top(['我耳朵听不见 腿也不好'], '在哪鉴定')).to.equal('appr-hosp-multiple');
    expect(top(['我耳朵听不见', '腿也不好'], '在哪鉴定')).to.equal('appr-hosp-multiple');
    // "两个都有" after one category is the multiple disability (trial 12).
    expect(top(['说话不清的那种算啥'], '要是两个都有呢')).to.equal('cert-multiple');
    // What a grade-3 person gets, after the subsidies in general (trial 12).
    expect(top(['俺妈耳朵聋了能领啥补贴'], '三级的呢')).to.equal('sub-grade34-what');
    // Another category asked of instead is not a second one.
    expect(top(['听力残疾去哪评定'], '视力的也在那吗')).to.equal('appr-hosp-vision');
    expect(top(['听力残疾去哪评定'], '视力的呢')).to.equal('appr-hosp-vision');
  });

  it('reads what a question asks: where, how long, how much, materials, eligibility, meaning, how', () => {
    const asked: [string, string | undefined][] = [
      ['在哪办', 'where'], ['上哪办', 'where'], ['要多久', 'howLong'], ['多长时间能拿到', 'howLong'], ['要钱吗', 'howMuch'],
      ['收不收工本费', 'howMuch'], ['要带什么', 'materials'], ['谁能领', 'eligible'], ['三级能领吗', 'eligible'],
      ['听力残疾是什么', 'what'], ['丢了怎么办', 'how'], ['残疾证几年有效', 'valid'], ['三级的呢', undefined],
      // 么 in 什么/怎么 is no question particle of "能…么".
      ['残疾证能享受什么优惠', undefined],
    ];
    for (const [q, intent] of asked) expect(intentOf(q), q).to.equal(intent);
  });

  it('reads what an entry answers off its own wordings, and the item its topic implies', () => {
    const { kb } = shippedKnowledge();
    const lost = facetsOf(kb.entry('cert-lost')!);
    // Asked "怎么…补办" and, in two of its other wordings, "去哪补".
    expect([...lost.asked]).to.deep.equal(['how']);
    expect(lost.intents.has('where')).to.equal(true);
    expect([...facetsOf(kb.entry('sub-care-grade34')!).about.get('grade')!]).to.deep.equal(['三级', '四级']);
    expect([...facetsOf(kb.entry('cert-hearing')!).about.get('item')!]).to.deep.equal(['残疾证']);
    expect([...facetsOf(kb.entry('appr-hosp-hearing')!).about.get('item')!]).to.deep.equal(['评定']);
  });

  it('reads the call\'s questions in order: a follow-up\'s answer is the topic of the next', () => {
    const { kb } = shippedKnowledge();
    expect(kb.topicOf(['听力残疾去哪儿评定', '视力的呢'])?.entryId).to.equal('appr-hosp-vision');
    const third = kb.suggest('要钱吗', 3, ['听力残疾去哪儿评定', '视力的呢']);
    expect(third.followUp).to.equal(true);
    expect(third.suggestions[0].id).to.equal('appr-fee');
    // A topic three turns old is spent for follow-ups (the chat still recalls it by name); older questions than that are not read.
    expect(kb.suggest('二级的呢', 3, ['一级护理补贴多少钱', '你好', '你好', '你好']).followUp).to.equal(false);
    expect(kb.topicOf(['一级护理补贴多少钱', '你好', '你好', '你好', '你好', '你好', '你好'])).to.equal(undefined);
  });

  const table: [previous: string, followUp: string, rewritten: string][] = [
    ['听力残疾去哪儿评定', '视力的呢', '视力残疾去哪儿评定'],
    ['护理补贴归哪个部门管', '生活补贴呢', '生活补贴归哪个部门管'],
    // 办证 is applying for the certificate: its verb stays with the item.
    ['窗口办证要带什么', '那网上办呢', '网上办残疾证要带什么'],
    ['护理补贴一个月多少钱', '三级的呢', '三级护理补贴一个月多少钱'],
    ['窗口办残疾证带哪些东西', '孩子是未成年的呢', '未成年窗口办残疾证带哪些东西'],
    ['公示一般在哪里贴', '贴几天', '公示贴几天'],
    // 丢了 names the replacement service.
    ['残疾证有效期多久', '丢了怎么办', '补办残疾证怎么办'],
    ['护理补贴谁能领', '多久发一次', '护理补贴领多久发一次'],
    ['残疾证怎么办', '那要是在网上办呢', '网上残疾证怎么办'],
  ];
  // An entry whose topic implies no item: the rewrites come from the words alone.
  const entry = shippedKnowledge().kb.entry('hotline-numbers')!;
  for (const [previous, followUp, rewritten] of table) {
    it(`"${previous}" then "${followUp}" may read as "${rewritten}"`, () => {
      expect(isFragment(followUp)).to.equal(true);
      expect(rewriteFollowUp(followUp, topicAfter(previous, entry))).to.include(rewritten);
    });
  }

  it('tells fragments from questions that stand on their own', () => {
    for (const f of ['多少天之内', '要等多久', '我是言语残疾', '那网上办呢', '要是智力残疾四级呢']) expect(isFragment(f), f).to.equal(true);
    for (const q of ['残疾证丢了去哪里补办手续', '护理补贴每个月什么时候发到卡上']) expect(isFragment(q), q).to.equal(false);
  });

  it('answers a question that stands on its own on its own, and forgets the topic after a few turns', () => {
    const { kb } = shippedKnowledge();
    const decide = (q: string, n: number) => kb.decide(q, n);
    const topic = topicAfter('听力残疾去哪儿评定', kb.entry('appr-hosp-hearing')!);
    const own = readInContext(decide, '残疾证丢了去哪里补办手续', topic);
    expect(own.contextual).to.equal(false);
    const follow = readInContext(decide, '视力的呢', topic);
    expect(follow.contextual).to.equal(true);
    expect(follow.decision.kind === 'answer' && follow.decision.top.entry.id).to.equal('appr-hosp-vision');
    expect(readInContext(decide, '视力的呢', { ...topic, turns: 3 }).contextual).to.equal(false);
  });

  it('recalls a topic named again after an out-of-scope aside, and only when named', () => {
    const { kb } = shippedKnowledge();
    const back = kb.suggest('刚才那个补贴在哪申请', 3, ['护理补贴谁能领', '今天天气咋样']);
    expect(back.followUp).to.equal(true);
    expect(back.answered).to.equal(true);
    // Where or how the care allowance is applied for (alone, "补贴在哪申请" only gets a choice).
    expect(['sub-care-apply', 'sub-household-registration']).to.include(back.suggestions[0].id);
    expect(kb.suggest('视力的呢', 3, ['听力残疾去哪儿评定', '今天天气咋样']).followUp).to.equal(false);
  });

  it('reads a new question after an answer as about its topic, not as that answer again', () => {
    const { kb } = shippedKnowledge();
    const top = (previous: string, q: string) => kb.suggest(q, 3, [previous]).suggestions[0]?.id;
    // "要等多久" after where to be appraised: waiting for the appraisal, not the whole process.
    expect(top('肢体残疾在哪个医院鉴定', '要等多久')).to.equal('appr-schedule');
    // "一级的呢" after who gets the care allowance: the answer for 一级, not the same answer again.
    expect(top('护理补贴谁能领', '一级的呢')).to.equal('sub-care-grade12');
    expect(kb.entry('sub-care-grade12')!.answer).to.match(/^不一定，要看两条：一级、二级/);
    expect(top('护理补贴谁能领', '三级智力的呢')).to.equal('sub-care-grade34');
    // The same entry is still right when it holds what is asked.
    expect(top('公示在哪贴', '贴几天')).to.equal('flow-publicity');
    // "要钱不" after how to replace a lost card: its fee alone, not the paragraph again.
    expect(kb.suggest('要钱不', 3, ['残疾证丢了咋办']).suggestions[0]?.answer).to.equal(kb.entry('cert-lost')!.parts!.howMuch);
  });

  it('does not read a whole out-of-scope question as about the topic on a weak match', () => {
    const { kb } = shippedKnowledge();
    // Alone it finds nothing; with the hotline topic it only scored 0.15 (under the offer floor).
    const after = kb.suggest('残疾人可以免费去公园吗', 3, ['残疾人可以免费去公园吗，我的电话138 1234 5678']);
    expect(after.followUp).to.equal(false);
    expect(after.answered).to.equal(false);
  });

  it('keeps the topic of a question answered with "您想问的是", and reads small talk on its own', () => {
    const { kb } = shippedKnowledge();
    expect(kb.decide('补贴').kind).to.equal('clarify');
    expect(kb.suggest('一个月多少钱', 3, ['补贴']).followUp).to.equal(true);
    expect(kb.suggest('谢谢', 3, ['残疾证怎么办']).followUp).to.equal(false);
  });

  it('keeps a follow-up naming a material of the topic in the topic, and a document\'s own errand out of scope (blind s11/s12)', () => {
    const { kb } = shippedKnowledge();
    const upload = kb.suggest('身份证要传吗', 3, ['残疾证网上申请要传啥']);
    // Either entry that says it: the online materials' answer says the ID card is not uploaded too.
    expect([upload.followUp, upload.answered]).to.deep.equal([true, true]);
    expect(upload.suggestions[0]?.answer).to.match(/身份证[^。]*不用上传|不用上传身份证/);
    // Alone it is the ID card's office; losing one's ID card stays that office's after the same topic.
    expect(kb.decide('身份证要传吗').kind).to.equal('decline');
    expect(kb.decide('身份证丢了怎么办').kind).to.equal('decline');
    expect(kb.suggest('身份证丢了怎么办', 3, ['残疾证网上申请要传啥']).answered).to.equal(false);
  });

  it('keeps the topic\'s applying in a follow-up asking how long (trial 13 #4)', () => {
    const { kb } = shippedKnowledge();
    const top = (previous: string[], q: string) => kb.suggest(q, 3, previous).suggestions[0]?.id;
    expect(top(['俺娘耳朵背了好几年了能办残疾证不', '听力的呢'], '要多久')).to.equal('flow-total-time');
    // A renewal's follow-up stays the renewal's.
    expect(top(['残疾证过期了咋整'], '要多久')).to.equal('cert-renew');
  });
});

describe('Follow-ups that point back (mt23)', () => {
  const top = (previous: string[], q: string) => shippedKnowledge().kb.suggest(q, 3, previous).suggestions[0]?.id;

  it('reads a hotline note\'s "来电人追问…" as a follow-up, its opening gone', () => {
    expect(top(['来电人咨询残疾人证办理需哪些材料'], '来电人追问其子14岁，还需补什么')).to.equal('mat-guardian-proof');
    expect(top(['来电人称其父肢体残疾，想申请护理补贴，咨询需满足啥条件'], '来电人追问其母为精神残疾四级，能否申请')).to.equal('sub-care-grade34');
    // In other words: a note asking of the topic for another relative.
    expect(top(['市民来电咨询重度残疾人护理补贴谁能领'], '来电人追问其妻智力残疾三级，可否申领')).to.equal('sub-care-grade34');
  });

  it('reads "也能这样不" of another person as the topic asked for them, not as the first person\'s second category', () => {
    expect(top(['俺爹瘫在床上去不了医院，评残咋弄'], '俺娘眼睛看不见也能这样不')).to.equal('appr-home');
    expect(top(['我爸中风了躺床上出不了门 评残怎么办'], '那我妈耳朵聋了也能这样弄不')).to.equal('appr-home');
  });
});

describe('Follow-ups through the dialog', () => {
  const reply = async (turns: string[]) => {
    const { send } = await dialogHarness(WORDED);
    let last = '';
    for (const t of turns) last = (await send(t)).map((a) => a.text ?? '').join('\n');
    return last;
  };

  // Floors just under what `npm run eval:kb` prints (1.00, 1.00, 0.94, 1.00; BENCHMARKS.md, session 6).
  const sets = [
    ['kb-dev-multiturn.jsonl', 1], ['kb-holdout-multiturn.jsonl', 0.94], ['kb-holdout2-multiturn.jsonl', 0.93], ['kb-blind-s5-multiturn.jsonl', 0.9],
    // Session 8's own two- and three-turn table (0.83: the misses are in BENCHMARKS.md).
    ['kb-dev-followup8.jsonl', 0.8],
    // Session 8's follow9 table (1.00; 0.825 before its fixes).
    ['kb-dev-followup9.jsonl', 0.95],
    // Session 9's blind sets (1.00 each; s11 read 0.93 at its one unstudied run, s13 1.00 at its).
    ['kb-blind-s11-multiturn.jsonl', 0.93], ['kb-blind-s12-multiturn.jsonl', 0.93], ['kb-blind-s13-multiturn.jsonl', 0.93],
    // Session 10's blind s14, kept unread until its one run at the end (0.93 through the chat).
    ['kb-blind-s14-multiturn.jsonl', 0.86],
    // Session 11's blind s15, kept unread until its one run (1.00).
    ['kb-blind-s15-multiturn.jsonl', 0.93],
    // Session 12's blind s16, kept unread until its one run (1.00).
    ['kb-blind-s16-multiturn.jsonl', 0.93],
    // Session 13's blind s17, kept unread until its one run (1.00).
    ['kb-blind-s17-multiturn.jsonl', 0.93],
    ['kb-blind-s18-multiturn.jsonl', 0.93],
    // Session 15's blind s19, kept unread until its one run (0.933), and dev20 (0.967, written the same way, then studied).
    ['kb-blind-s19-multiturn.jsonl', 0.93],
    ['kb-dev20-multiturn.jsonl', 0.93],
    // Session 16's blind s20, kept unread until its one run (0.867; one miss's answer then said who qualifies: 0.933),
    // and the dev sets mt21 (first run 0.813 two-turn, 0.85 three-turn) and mt22 (first run 0.833), then studied.
    ['kb-blind-s20-multiturn.jsonl', 0.93],
    ['kb-dev-mt21.jsonl', 0.95],
    ['kb-dev-mt21-3turn.jsonl', 0.95],
    ['kb-dev-mt22.jsonl', 0.9],
    // Session 17's dev sets by three more testers: mt23 (first run 0.838), mt24 (0.85, kept unread while mt23 was studied)
    // and mt25 (0.833, kept unread until the others' fixes had merged: 0.833 still), then studied.
    ['kb-dev-mt23.jsonl', 0.96],
    ['kb-dev-mt24.jsonl', 0.93],
    ['kb-dev-mt25.jsonl', 0.86],
    // Session 17's blind s21 (30 two-turn), kept unread until its one run at the end (1.00).
    ['kb-blind-s21-multiturn.jsonl', 0.96],
    // Session 18's blind s22 (30 two-turn), kept unread until its one run at the end (0.967).
    ['kb-blind-s22-multiturn.jsonl', 0.96],
    // Session 18's dev set mt26 by a fourth tester (first run 0.783 on session 17's main), then studied (fix29d: 0.90).
    ['kb-dev-mt26.jsonl', 0.88],
    // mt27 by a fifth tester, kept unread until this session's fixes had merged (0.917), then studied.
    ['kb-dev-mt27.jsonl', 0.9],
  ] as const;
  for (const [file, floor] of sets) {
    it(`answers the second turn of ${file} in context (>= ${floor})`, async () => {
      const report = await evaluateConversations(readConversations(join(fixtures, file)), reply);
      expect(report.passed, JSON.stringify(report.failures)).to.be.at.least(floor);
    });
  }

  it('answers the same fragment differently without the first turn', async () => {
    const vision = shippedKnowledge().kb.entry('appr-hosp-vision')!.answer;
    expect(await reply(['听力残疾去哪儿评定', '视力的呢'])).to.include(vision);
    expect(await reply(['视力的呢'])).to.not.include(vision);
  });

  it('forgets the topic after a change of subject and after a few turns', async () => {
    const vision = shippedKnowledge().kb.entry('appr-hosp-vision')!.answer;
    expect(await reply(['听力残疾去哪儿评定', '我的身份证丢了去哪补办', '视力的呢'])).to.not.include(vision);
    expect(await reply(['听力残疾去哪儿评定', '今天天气', '你好', '谢谢', '视力的呢'])).to.not.include(vision);
    expect(await reply(['听力残疾去哪儿评定', '你好', '视力的呢'])).to.include(vision);
  });

  it('answers a category after a materials answer with materials, not the category\'s definition', async () => {
    const definition = shippedKnowledge().kb.entry('cert-hearing')!.answer;
    const got = await reply(['办残疾证要带啥', '听力的呢']);
    expect(got).to.not.include(definition);
    expect(got).to.match(/病历|照片|身份证/);
  });

  it('answers a voice-typed run-on with no punctuation, and offers its other questions', async () => {
    const { send } = await dialogHarness(WORDED);
    const [reply] = await send('喂喂 那个我问一下啊就是我家老头子耳朵聋了好多年了能不能办那个残疾证要去哪办要花钱不');
    expect(reply.text).to.not.match(/答不上来/);
    const buttons = (reply.suggestedActions?.actions ?? []).map((a) => String(a.title));
    // One question answered, the others offered, each about the certificate named first.
    expect(buttons.filter((b) => /残疾证要去哪办|残疾证要花钱不|喂喂/.test(b)), buttons.join(' | ')).to.have.length(2);
  });

  it('answers a follow-up about what it asks of the topic\'s item: where, how long, a grade, a category', async () => {
    const { kb } = shippedKnowledge();
    const answer = (id: string) => kb.entry(id)!.answer;
    // "在哪办" after how to apply: the how-to names the app and the window, no "您想问的是".
    const where = await reply(['残疾证怎么办理', '在哪办']);
    expect(where).to.include(answer('cert-new-how'));
    // A grade after the care allowance's conditions: the entry about that grade, not the grades' definition.
    expect(await reply(['护理补贴啥条件', '要是四级呢'])).to.include(answer('sub-care-grade34'));
    // A grade does not change who gets the living allowance (低保 decides): its answer again, not the care allowance's.
    expect(await reply(['生活补贴谁能领', '一级的能领吗'])).to.include(answer('living-allowance-eligibility'));
    // A grade after a category: that category's grades.
    expect(await reply(['视力残疾是什么意思', '三级的呢'])).to.include(answer('cert-grades-by-category'));
    // "怎么办证" after a definition is how to apply, and "材料呢" after a place's reform its materials.
    expect(await reply(['言语残疾是指什么', '怎么办证'])).to.include(answer('cert-new-how'));
    expect(await reply(['平原县一张表办几件事', '材料呢'])).to.include(answer('ov-pingyuan'));
    // A subsidy's place after its materials, three turns on: where alone.
    expect(await reply(['护理补贴谁能领', '要带啥', '在哪交'])).to.include(kb.entry('sub-care-apply')!.parts!.where);
  });

  it('does not answer a new question in words with an entry not asked that way ("那要多久" is not the hearing tests)', async () => {
    const { kb } = shippedKnowledge();
    const got = await reply(['听力残疾去哪鉴定', '那要多久']);
    expect(got).to.not.include(kb.entry('appr-check-hearing')!.answer);
    expect(kb.suggest('那要多久', 3, ['听力残疾去哪鉴定']).suggestions.map((s) => s.id)).to.include('appr-schedule');
  });

  it('answers the care allowance\'s category follow-up and a subsidy\'s time, not the certificate\'s', async () => {
    const { kb } = shippedKnowledge();
    expect(await reply(['护理补贴谁能领', '听力的呢'])).to.match(/一级|二级/);
    const time = await reply(['护理补贴怎么申请', '那要多久']);
    expect(time).to.include('补贴').and.not.include(kb.entry('flow-total-time')!.answer);
  });

  it('answers three questions said without punctuation: the first, and each other one once as a button', async () => {
    const { kb } = shippedKnowledge();
    const said = async (message: string) => {
      const [got] = await (await dialogHarness(WORDED)).send(message);
      return { text: got.text ?? '', buttons: (got.suggestedActions?.actions ?? []).map((a) => String(a.value)) };
    };
    const care = await said('护理补贴谁能领要带啥在哪办');
    expect(care.text).to.include(kb.entry('care-allowance-eligibility')!.answer).and.not.match(/答不上来/);
    expect(care.buttons).to.include('护理补贴要带啥');
    const cert = await said('残疾证咋办要带啥东西在哪办');
    expect(cert.text).to.include(kb.entry('cert-new-how')!.answer);
    // 在哪办 is in the how-to's answer: not offered again.
    expect(cert.buttons).to.include('残疾证要带啥东西').and.not.include('残疾证在哪办');
  });

  it('answers a relative\'s question as the same question asked plainly', async () => {
    expect(await reply(['帮我姑姑问下 残疾证咋办'])).to.equal(await reply(['残疾证咋办']));
  });
});

describe('Follow-ups and notes left open (issue 9, fix14a; other words than the misses)', () => {
  const answered = (previous: string[], q: string) => {
    const s = shippedKnowledge().kb.suggest(q, 3, previous);
    return s.answered ? s.suggestions[0] : undefined;
  };

  it("reads a hotline note's question: a guardian's proof for an adult who cannot speak for himself, the subsidies for a caller", () => {
    expect(answered([], '市民来电称其哥哥精神残疾 自己讲不清 问要开什么证明')?.id).to.equal('mat-guardian-proof');
    // The first turn understood, the grade after it is what that grade gets, not how grades are set.
    expect(answered(['来电的大娘说她眼睛看不见了问能领啥补贴'], '四级的呢')?.id).to.equal('sub-grade34-what');
  });

  it('tells a follow-up the part asked: the fee of a renewal, where and what to bring for a subsidy, the grant\'s amount', () => {
    expect(said(['残疾证旧了想换个新的'], '收钱不')).to.deep.equal(part('cert-renew', 'howMuch'));
    expect(said(['护理补贴怎么申请'], '去哪办')).to.deep.equal(part('sub-care-apply', 'where'));
    expect(said(['护理补贴咋弄'], '刚才那个护理补贴带啥')).to.deep.equal(part('sub-care-apply', 'materials'));
    // A follow-up on an amount keeps the topic's subsidy: the education grant's, not the two subsidies' amounts.
    expect(said(['娃读高中有补助吗'], '一年给多少')).to.deep.equal(part('emp-edu-grant', 'howMuch'));
  });

  it('answers a category the topic already named with what is specific to it, not the general answer again', () => {
    expect(answered(['老伴耳朵不好使了 能办残疾证吗'], '听力的呢')?.id).to.equal('cert-hearing');
  });

  it('reads a bare "how long" of the certificate as how long getting one takes; a named renewal keeps its own', () => {
    expect(answered([], '残疾人证要多久')?.id).to.equal('flow-total-time');
    expect(answered([], '残疾证能用多久')?.id).to.equal('cert-renew');
    expect(answered([], '换证要多长时间')?.id).to.equal('cert-renew');
  });

  it('answers a blind or mute person\'s practical questions: getting to the appraisal, the photo, a sign-language helper', () => {
    const { kb } = shippedKnowledge();
    const home = answered([], '看不见的人怎么去医院评残');
    expect(home?.id).to.equal('appr-home');
    // "可以。" only to a can-I question: not to how, nor to "残疾证怎么办" from someone bedridden.
    expect(home?.answer).to.not.match(/^可以/);
    expect(home?.answer).to.include('家属陪同');
    expect(answered([], '我妈脑梗了下不了床 残疾证怎么办')?.answer).to.not.match(/^可以/);
    expect(answered([], '上门鉴定能申请吗')?.answer).to.match(/^可以申请，看情况。/);
    expect(answered([], '眼瞎了拍不了照片 照片能免吗')).to.include({ id: 'mat-photo-cannot' });
    expect(answered(['盲人办证要照片吗'], '那能不拍吗')?.id).to.equal('mat-photo-cannot');
    expect(answered([], '聋哑人评定能带个打手语的吗')?.answer).to.equal(`可以。${kb.entry('appr-companion')!.answer}`);
  });

  it("offers the agent no suggestion past the first that fits by a shared character only (a seed place's example)", () => {
    const { kb } = shippedKnowledge();
    for (const [previous, q] of [[['孩子自闭症上学有补助没'], '幼儿园的呢'], [[], '托儿所的呢'], [[], '那个呢']] as [string[], string][]) {
      const s = kb.suggest(q, 3, previous);
      expect(s.suggestions.slice(1).map((x) => x.id), q).to.not.include('ov-pingyuan');
      for (const x of s.suggestions.slice(1)) expect(x.score, `${q}: ${x.id}`).to.be.at.least(0.05);
    }
  });
});

describe('Follow-ups that went wrong in trial 15 (fix15c; the examples and other words)', () => {
  const answered = (previous: string[], q: string) => {
    const s = shippedKnowledge().kb.suggest(q, 3, previous);
    return s.answered ? s.suggestions[0] : undefined;
  };
  const each = (pairs: [string, string][], id: string) => {
    for (const [first, then] of pairs) expect(answered([first], then)?.id, `${first} / ${then}`).to.equal(id);
  };

  it('answers schooling help for a disabled child with the education grant whatever the condition, and keeps it for a school stage and its amount', async () => {
    for (const q of ['娃有脑瘫 念书有啥补助', '闺女眼睛看不见 念书能有补助不', '孩子聋了 读书有补贴没']) expect(answered([], q)?.id, q).to.equal('emp-edu-grant');
    each([['娃有脑瘫 念书有啥补助', '那上幼儿园呢'], ['孩子聋了 读书有补贴没', '那上小学呢'], ['闺女眼睛看不见 念书能有补助不', '幼儿园的呢']], 'emp-edu-grant');
    expect(said(['孩子聋了 读书有补贴没', '那上小学呢'], '一年能给多少钱')).to.deep.equal(part('emp-edu-grant', 'howMuch'));
    // Through the chat, turn by turn.
    const { send } = await dialogHarness(WORDED);
    const turns = [];
    for (const t of ['娃有脑瘫 念书有啥补助', '那上幼儿园呢', '一年给多少']) turns.push((await send(t)).map((a) => a.text ?? '').join('\n'));
    const grant = shippedKnowledge().kb.entry('emp-edu-grant')!;
    expect(turns[0]).to.include(grant.answer);
    // The stage asked of is told first whether it qualifies (fix27b), then the rest of the answer.
    expect(turns[1]).to.match(/^不能。小学、初中（义务教育）和学前阶段（幼儿园）不在这一项里/u).and.include(grant.answer.split('。')[0]);
    expect(turns[2]).to.include(grant.parts!.howMuch);
  });

  it('answers a category asked of a fee with the fee, the same for every category, not a choice of money questions', () => {
    each([['办证花钱不', '听力的呢'], ['办残疾证要钱吗', '肢体的呢'], ['评定要交钱不', '视力的呢'], ['鉴定收费不', '精神残疾的呢']], 'appr-fee');
  });

  it("answers what to bring after an appraisal's hospital with the appraisal's list, asked for 材料 or 东西 too, in Traditional characters too", () => {
    each([['视力残疾去哪个医院鉴定', '要帶甚麼'], ['视力残疾去哪个医院鉴定', '帶啥東西'], ['听力残疾去哪评定', '要带什么材料'], ['肢体残疾在哪鉴定', '得准备啥资料']], 'appr-bring');
    // Alone, the application's list.
    expect(answered([], '要带什么材料')?.id).to.equal('materials-offline');
  });

  it("answers a child named after a certificate's service with what a guardian does for a child's, not the service again", () => {
    each([['残疾证丢了咋补', '那孩子呢'], ['残疾证过期了咋换', '孩子的呢'], ['户口迁走了证咋办', '那小孩呢'], ['补办残疾证要带啥', '那孩子的呢']], 'mat-guardian-proof');
    // An old person's card is replaced as anyone's.
    expect(answered(['残疾证丢了咋补'], '那老人呢')?.id).to.equal('cert-lost');
  });
});

describe('Follow-ups that went wrong in trial 16 (fix17c; the examples and other words)', () => {
  const answered = (previous: string[], q: string) => {
    const s = shippedKnowledge().kb.suggest(q, 3, previous);
    return s.answered ? s.suggestions[0] : undefined;
  };

  it('reads "怎么领" after an allowance as how to get that allowance, not how to collect the certificate', async () => {
    expect(answered(['护理补贴一个月多少', '二级的呢'], '怎么领')?.id).to.equal('sub-care-apply');
    expect(answered(['市民来电 其父腿截肢 问护理补贴一个月多少', '二级的呢'], '怎么领')?.id).to.equal('sub-care-apply');
    // In other words: another allowance, where to get it, after who may.
    expect(answered(['生活补贴一个月多少钱'], '去哪领')?.id).to.equal('sub-living-apply');
    expect(answered(['护理补贴谁能领'], '那咋领')?.id).to.equal('sub-care-apply');
    // After the certificate, 领 is still collecting the card.
    expect(answered(['残疾证办好了'], '怎么领')?.id).to.equal('flow-delivery');
    // Through the chat, turn by turn.
    const { send } = await dialogHarness(WORDED);
    const turns = [];
    for (const t of ['护理补贴一个月多少', '二级的呢', '怎么领']) turns.push((await send(t)).map((a) => a.text ?? '').join('\n'));
    expect(turns[2]).to.include(shippedKnowledge().kb.entry('sub-care-apply')!.answer.slice(0, 20));
  });

  it('reads "上门的呢" after a fee as asking of the home appraisal, not the fraud warning', () => {
    const call = ['来电人称其母中风卧床两年 咨询能否办残疾证', '那要多久', '在哪办', '要钱不'];
    expect(answered(call, '上门的呢')?.id).to.equal('appr-home');
    // The last three questions alone, as the console sent them in trial 16.
    expect(answered(call.slice(1), '上门的呢')?.id).to.equal('appr-home');
    // In other words: another fee question, the appraisal's time.
    expect(answered(['办证要钱不'], '那上门的呢')?.id).to.equal('appr-home');
    expect(answered(['评定要交钱吗'], '上门评的呢')?.id).to.equal('appr-home');
    expect(answered(['鉴定要多久'], '上门的呢')?.id).to.equal('appr-home');
    // What the follow-up names only by what it asks gains nothing: "材料呢" after a renewal is still the renewal's.
    expect(answered(['残疾证过期了咋换'], '材料呢')?.id).to.equal('cert-renew');
  });

  it("keeps a call's first question (the person) for the console after several follow-ups, as the chat does", () => {
    const { kb } = shippedKnowledge();
    const call = ['来电人称其母中风卧床两年 咨询能否办残疾证', '那要多久', '在哪办', '要钱不'];
    expect(kb.topicOf(call)?.slots).to.include({ category: '肢体', item: '残疾证' });
    expect(kb.topicOf(['俺爹脑梗了说话不清楚 能办残疾证不', '要多久', '去哪办', '花钱不'])?.slots).to.include({ category: '言语' });
  });
});

describe('Follow-ups that keep the topic just answered (trial 17)', () => {
  const answered = (previous: string[], q: string) => {
    const s = shippedKnowledge().kb.suggest(q, 3, previous);
    return s.answered ? s.suggestions[0] : undefined;
  };

  it('reads "要钱不" after an allowance as what applying costs, not the amount paid out', () => {
    const fee = (id: string) => shippedKnowledge().kb.entry(id)!.parts!.howMuch;
    expect(answered(['护理补贴咋申请'], '要钱不')?.answer).to.equal(fee('sub-care-apply'));
    expect(answered(['生活补贴能领多少'], '要钱不')?.answer).to.equal(fee('sub-living-apply'));
    // In other words.
    expect(answered(['护理补贴一个月多少钱'], '申请收费不')?.answer).to.equal(fee('sub-care-apply'));
    expect(answered(['生活补贴去哪申请'], '花钱不')?.answer).to.equal(fee('sub-living-apply'));
    // Asked how much, the amount still.
    expect(answered(['护理补贴咋申请'], '能领多少')?.id).to.equal('sub-care-amount');
  });

  it('reads "多少天内" as the time limit the topic states, and "找谁" after it still of the appeal', () => {
    expect(answered(['证上等级评低了 不服咋办'], '多少天内')?.id).to.equal('appr-appeal');
    expect(answered(['证上等级评低了 不服咋办', '多少天内'], '找谁')?.id).to.equal('appr-appeal');
    // In other words.
    expect(answered(['评的等级不对 想复核咋弄'], '几天之内')?.id).to.equal('appr-appeal');
    // How long, not within how long: still how long it all takes.
    expect(answered(['残疾证咋办'], '要多久')?.id).to.equal('flow-total-time');
  });

  it('reads "要病历不" for the person the topic was about, not the other categories', () => {
    expect(answered(['俺是精神病 吃药好几年了 能办证吗'], '要病历不')?.id).to.equal('mat-medical-records');
    expect(answered(['俺儿子智力有问题 能办残疾证不'], '要交病历吗')?.id).to.equal('mat-medical-records');
    // For a leg, the other categories' answer is right.
    expect(answered(['俺腿截肢了 能办证吗'], '要病历不')?.id).to.equal('mat-records-other');
  });

  it('reads "补多少" after the pension help as its amount, not the fuel subsidy', () => {
    expect(answered(['残疾人交养老保险 政府给补不'], '补多少')?.id).to.equal('emp-pension-subsidy');
    expect(answered(['养老保险政府帮交吗'], '给多少')?.id).to.equal('emp-pension-subsidy');
  });

  it('reads "要预约不" after a category\'s hospital as when to go, the same for every category', () => {
    expect(answered(['鉴定去哪 俺是听力'], '要预约不')?.id).to.equal('appr-schedule');
    expect(answered(['视力残疾去哪个医院评定'], '用预约吗')?.id).to.equal('appr-schedule');
  });

  it('answers whether a relative must go along to the appraisal', () => {
    expect(answered(['俺爹截肢了 评定那天要带什么'], '那天俺得陪着去吗 俺上班')?.id).to.equal('appr-companion');
    expect(answered(['俺妈腿不好 预约了鉴定'], '评定那天要有人陪吗')?.id).to.equal('appr-companion');
  });

  it('reads "几级" after whether a child can apply as the grades, not the same answer again', () => {
    const s = shippedKnowledge().kb.suggest('几级', 3, ['孩子自闭症 能办残疾证吗']);
    expect(s.suggestions[0]?.id).to.not.equal('cert-child-autism');
    expect(s.suggestions[0]?.id).to.match(/^cert-grades/);
    const t = shippedKnowledge().kb.suggest('能评几级', 3, ['俺娃脑瘫 能办证不']);
    expect(t.suggestions[0]?.id).to.match(/^cert-grades/);
  });
});

describe('Follow-ups asking another facet of what was just answered (mt23, fix28a; the examples and other words)', () => {
  /** The chat's reply to the last of the turns. */
  const last = async (turns: string[]) => {
    const { send } = await dialogHarness(WORDED);
    let reply = '';
    for (const t of turns) reply = (await send(t)).map((a) => a.text ?? '').join('\n');
    return reply;
  };
  const answerOf = (id: string) => shippedKnowledge().kb.entry(id)!.answer;

  it('reads "期限" as the time limit the topic states, as 时限: the appeal\'s ten working days, the replacement\'s review', async () => {
    const appeal = answerOf('appr-appeal');
    expect(await last(['对评残结果不服可以申诉吗', '期限是幾天'])).to.include(appeal);
    expect(await last(['鉴定结果不满意能复核吗', '期限呢'])).to.include(appeal);
    // The replacement's own review, not the new card's.
    expect(await last(['残疾证丢了咋补', '审核期限几天'])).to.include('补好的证');
  });

  it('reads a way asked after ("手机上能办不", "用手机能办吗") as how to apply that way, not the topic\'s question again', async () => {
    const online = answerOf('apply-online').slice(0, 20);
    expect(await last(['网上办残疾证用啥平台', '手机上能办不'])).to.include(online);
    expect(await last(['网上申请残疾证要传啥', '用手机能办吗'])).to.include(online);
    expect(await last(['网上办残疾证要交照片吗', '手机上可以弄不'])).to.include(online);
    expect(extractSlots('用手机能办吗')).to.deep.equal({ channel: '网上' });
  });

  it('reads "在哪公示" after the days of the notice as where it goes up, not where to apply', async () => {
    const publicity = answerOf('flow-publicity');
    expect(await last(['办残疾证要公示几天', '在哪公示'])).to.include(publicity);
    expect(await last(['护理补贴要公示几天', '在哪公示'])).to.include(publicity);
    expect(await last(['办残疾证要公示吗', '公示在哪'])).to.include(publicity);
  });

  it('tells "这算哪一项" after a list the item holding what was asked of', async () => {
    expect(await last(['社保卡能在残疾人一件事里一起申请吗', '这算哪一项里头的'])).to.include('残疾人就业帮扶（失业登记、就业困难人员认定、社保卡申领）');
    const { kb } = shippedKnowledge();
    const items = kb.entry('ov-bundle-items')!.answer;
    const which = (query: string, q: string) => whichOfTopic(q, items, { entryId: 'ov-bundle-items', query, slots: {}, turns: 0 }, (t) => kb.questionKey(t));
    expect(which('失业登记也能在一件事里申请吗', '这属于哪一类')).to.equal('残疾人就业帮扶（失业登记、就业困难人员认定、社保卡申领）。');
    // The slot fewest sentences hold: the fuel subsidy's, not every subsidy's.
    expect(which('燃油补贴能一起办吗', '归哪一项')).to.equal('残疾人机动轮椅车燃油补贴。');
    expect(which('教育补贴能一起申请吗', '那是哪一大项')).to.equal('高中和大学阶段残疾学生教育补贴。');
    // Not after a condition: which category it is, the category's own entry says.
    expect(which('老年痴呆能办残疾证吗', '这算哪一类')).to.equal(undefined);
    expect(await last(['老年痴呆能办残疾证吗', '这算哪一类'])).to.include(answerOf('cert-intellectual').slice(0, 20));
  });

  it('reads a place one cannot get to ("连窗口也去不了") as not going out: the home appraisal and a relative applying', async () => {
    const home = answerOf('appr-home').slice(0, 20);
    // In the middle of the form the first turn starts, and after other topics.
    expect(await last(['想给我妈办残疾证，她腿脚不好去不了医院', '那要是她连窗口也去不了呢'])).to.include(home);
    expect(await last(['想给俺爹办个残疾证 他腿不行', '要是他哪儿都去不了呢'])).to.include(home);
    expect(await last(['我要申请残疾证', '那要是我去不了窗口呢'])).to.include(home);
    expect(await last(['残疾证在哪办', '俺娘去不了政务中心咋整'])).to.include(home);
  });
});

describe('Follow-ups left from mt25 (fix29c; the examples and other words)', () => {
  /** The chat's reply to the last of the turns. */
  const last = async (turns: string[]) => {
    const { send } = await dialogHarness(WORDED);
    let reply = '';
    for (const t of turns) reply = (await send(t)).map((a) => a.text ?? '').join('\n');
    return reply;
  };

  it('reads being away and not coming back ("人在外地打工回不来") as asking the ways not in person the topic\'s answer states', async () => {
    expect(await last(['残疾证到期了咋整？', '要是人在外地打工回不来呢'])).to.include('网上申请');
    expect(await last(['残疾证丢了咋补？', '人在外地打工回不来咋办'])).to.include('网上申请');
    expect(await last(['户口迁走了残疾证咋办', '俺在外面上班回不去呢'])).to.include('网上申请');
  });

  it('reads an old relative looking after a child ("爷爷带着") as the carer, the guardian asked of, not the person\'s age', async () => {
    expect(await last(['孩子12岁，智力残疾，办证谁来申请？', '要是爸妈在外地，爷爷带着呢'])).to.include('监护人');
    expect(await last(['孩子的证丢了咋补', '爸妈都在外地打工，爷爷带着呢'])).to.include('监护人');
    expect(await last(['小孩办残疾证谁去申请', '爸妈不在了，奶奶照顾着呢'])).to.include('监护人');
  });

  it('reads the person\'s condition told in clauses, then only "能办不", as a can-I of the topic however long', async () => {
    expect(isFragment('俺娘八十了，眼睛全瞎了，评的一级视力，能办不')).to.equal(true);
    // Naming an item, it asks of that one.
    expect(isFragment('俺娘八十了，眼睛全瞎了，评的一级视力，护理补贴能办不')).to.equal(false);
    expect(await last(['重度残疾人护理补贴哪些人能领？', '俺娘八十了，眼睛全瞎了，评的一级视力，能办不'])).to.include('6个月');
    expect(await last(['护理补贴谁能领', '俺家老头子中风瘫床上半年多了，肢体二级，能办不'])).to.include('6个月');
    expect(await last(['燃油补贴谁能领', '俺是下肢瘫痪，肢体一级，自己开摩托车，能领不'])).to.include('燃油补贴是补给烧油的机动轮椅车的');
  });

  it('reads an office said with 那边 ("人社那边能给办啥") as the office the answers name', async () => {
    expect(await last(['俺们两口子都是残疾人想找个活干', '人社那边能给办啥'])).to.include('失业登记');
    expect(await last(['俺是残疾人想出去打工', '人社那边能帮着办啥'])).to.include('人社部门');
    expect(await last(['俺儿子残疾了想找个活', '那人社那边能管啥'])).to.include('人社部门');
  });

  it('reads doing it for someone said with 替 ("俺替她办中不中") as 代办, whatever the dialect\'s 中不中 pulls', async () => {
    const proxy = shippedKnowledge().kb.entry('svc-proxy')!.answer.slice(0, 20);
    expect(await last(['我娘七十多了走不动道想办残疾证', '她不识字俺替她办中不中'])).to.include(proxy);
    expect(await last(['护理补贴怎么申请', '俺爹瘫着呢，俺替他办中不中'])).to.include(proxy);
    expect(await last(['残疾证丢了咋补', '俺娘不识字，俺替俺娘办中不中'])).to.include(proxy);
  });

  it('reads the person\'s assistance told after what they get ("来电人追问其父非低保户") as asked of the topic\'s rules on it', async () => {
    expect(await last(['来电人称其父残疾证为二级，咨询能领什么补贴', '来电人追问其父非低保户'])).to.include('护理补贴');
    expect(await last(['来电人咨询一级残疾能领哪些补贴', '来电人追问其妻非低保户'])).to.include('护理补贴');
    expect(await last(['一级残疾都能享受啥政策', '来电人追问其家非低保户'])).to.include('护理补贴');
  });

  it('tells 津市\'s subsidy a year as well as a month (the entry lacked the figure)', async () => {
    expect(await last(['听说津市那边办下残疾证每个月有补贴，多少钱？', '一年下来多少'])).to.include('900');
    expect(await last(['津市那边办了证一个月补多少钱', '一年下来能领多少钱'])).to.include('900');
    expect(await last(['津市的补贴一个月多少', '那一年是多少'])).to.include('900');
  });
});
