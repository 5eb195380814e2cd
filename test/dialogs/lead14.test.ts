import { expect } from 'chai';
import { withoutSms } from '../../dialogs/replies.js';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness } from './harness.js';

// Between "answer by itself" and "ask which one": the likeliest answer said, named as understood,
// with the other candidates offered (a hotline agent's "您是问补办吧？"), rather than a menu.
describe('a question the knowledge base is fairly but not fully sure of', () => {
  for (const [said, id] of [
    ['证让人偷了能补不', 'cert-lost'],
    ['鉴定随便找个医院就行吧', 'hospital-by-category'],
    ['在家能办吗，不想跑', 'ov-channels'],
  ] as const) {
    it(`"${said}" is decided as likely, and the agent sees it as answered`, async () => {
      const h = await dialogHarness();
      const decision = h.kb.decide(said);
      expect(decision.kind).to.equal('clarify');
      expect(decision.kind === 'clarify' && decision.likely, said).to.equal(true);
      expect(h.kb.suggest(said, 3)).to.include({ answered: true });
      expect(h.kb.suggest(said, 3).suggestions[0].id).to.equal(id);
    });

    it(`"${said}" is answered, named as understood, with the other candidates as buttons`, async () => {
      const h = await dialogHarness();
      const entry = h.kb.entry(id)!;
      const reply = await h.say(said);
      expect(reply.text).to.match(new RegExp(`^${text.clarify.likely(entry.question).replace(/[?？()（）]/g, '.')}\n`));
      expect(reply.text).to.include(entry.answer.slice(0, 20));
      expect(reply.text).to.not.include(text.clarify.intro);
      const decision = h.kb.decide(said);
      const others = decision.kind === 'clarify' ? decision.options.slice(1).map((o) => o.entry.question) : [];
      for (const other of others) expect(buttons(reply).some((b) => b.endsWith(other)), other).to.equal(true);
      expect(reply.text!.includes(text.clarify.likelyOthers)).to.equal(others.length > 0);
      expect(buttons(reply).some((b) => b.endsWith(text.answer.helpful))).to.equal(true);
    });
  }

  it('a pick of another candidate, typed by its number, gets that answer', async () => {
    const h = await dialogHarness();
    const reply = await h.say('鉴定随便找个医院就行吧');
    const at = buttons(reply).findIndex((b) => b.endsWith(h.kb.entry('appr-designated-only')!.question));
    expect(at).to.be.at.least(0);
    expect((await h.say(String(at + 1))).text).to.include(h.kb.entry('appr-designated-only')!.answer.slice(0, 20));
  });

  it('a near tie is still asked, not said', async () => {
    const h = await dialogHarness();
    const decision = h.kb.decide('残疾证谁能办');
    expect(decision.kind === 'clarify' && decision.likely).to.not.equal(true);
    expect((await h.say('残疾证谁能办')).text).to.match(new RegExp(`^${text.clarify.intro.replace(/[?？]/g, '.')}`));
  });
});

describe('lead 14: our certificate lost, stolen or its holder dead, in words the synonyms did not fold', () => {
  it('a certificate stolen or its holder dead is that service', async () => {
    const h = await dialogHarness();
    for (const [said, id] of [['俺的证叫人偷走了', 'cert-lost'], ['证被人摸走了', 'cert-lost'], ['人死了证要交回去不', 'cert-cancel-death'], ['俺爹死了残疾证咋办', 'cert-cancel-death'], ['来电人称其父已去世 咨询残疾证如何处理', 'cert-cancel-death']] as const) {
      const d = h.kb.decide(said);
      expect(d.kind === 'answer' || d.kind === 'clarify' ? (d.kind === 'answer' ? d.top : d.options[0]).entry.id : d.kind, said).to.equal(id);
    }
  });

  it('a bare 证 lost somewhere another office\'s word names (公交) is not that office\'s concession', async () => {
    const h = await dialogHarness();
    for (const said of ['证丢在公交上了咋办', '俺的证丢在公交车上了']) expect(h.kb.decide(said).kind, said).to.not.equal('decline');
    // Another office's card, or the concession itself, still is.
    expect(h.kb.decide('公交卡丢了').kind).to.equal('decline');
    expect(h.kb.decide('老年证丢了').kind).to.equal('decline');
    expect(h.kb.decide('身份证丢了').kind).to.equal('decline');
  });
});

describe('lead 14: may I apply for him, asked with 行不, is answered, not taken as the request', () => {
  for (const said of ['我替我爹办 他不识字 行不', '我替我妈申请行吗', '我帮俺爹办 可以不', '俺替俺爹办证 行吗']) {
    it(`"${said}" is answered (who may apply for whom), the form not started`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(said);
      expect(reply.text).to.not.equal(text.application.consent);
      expect(reply.text).to.match(/代办|代为申请|家属/);
    });
  }

  it('the request itself still starts the form', async () => {
    const h = await dialogHarness();
    expect((await h.say('我给我爸办残疾证')).text).to.equal(text.application.consent);
  });
});

describe('lead 14: "不是" to the likeliest said', () => {
  it('offers the other candidates, with 都不是; a pick gets that answer', async () => {
    const h = await dialogHarness();
    await h.say('鉴定随便找个医院就行吧');
    const other = h.kb.entry('appr-designated-only')!;
    for (const no of ['不是']) {
      const reply = await h.say(no);
      expect(reply.text).to.equal(text.clarify.introOne);
      expect(buttons(reply).map((b) => b.replace(/^\d+\. /, ''))).to.deep.equal([other.question, text.clarify.noneOfThese]);
    }
    expect((await h.say('1')).text).to.include(other.answer.slice(0, 20));
  });

  it('"不是这个意思" is the same no; with nothing else close, it is said honestly and kept for the curators', async () => {
    const h = await dialogHarness();
    await h.say('在家能办吗，不想跑');
    expect((await h.say('不是这个意思')).text).to.equal(text.clarify.intro);
    const alone = await dialogHarness();
    await alone.say('证让人偷了能补不');
    expect((await alone.say('不是')).text).to.equal(text.notFound(alone.region.hotlines));
    expect((await alone.unanswered.list(10)).map((u) => u.example)).to.include('证让人偷了能补不');
  });

  it('the likeliest said shows its candidates and the rating, not its own next steps as well (a phone shows a few well)', async () => {
    const h = await dialogHarness();
    const reply = await h.say('在家能办吗，不想跑');
    expect(buttons(reply)).to.have.length(4);
  });
});

describe('lead 14: another office\'s certificate or appraisal, asked where and how much', () => {
  it('a request for another office\'s certificate with "去哪办" is that office\'s, not our how-to', async () => {
    const h = await dialogHarness();
    for (const said of ['俺爹七十了想办个老年证 上哪办', '想给闺女办个居住证 去哪办']) expect(h.kb.decide(said).kind, said).to.equal('decline');
    // Ours still carries to the next question.
    const ours = h.kb.decide('想办个残疾证 去哪办');
    expect(ours.kind === 'answer' && ours.top.entry.id).to.equal('cert-new-how');
  });

  it('a paternity test (亲子鉴定) is not our appraisal, however its words fold', async () => {
    const h = await dialogHarness();
    for (const said of ['做亲子鉴定去哪个医院', '亲子鉴定要花多少钱']) {
      const d = h.kb.decide(said);
      expect(d.kind === 'decline' && d.top.entry.id, said).to.equal('decl-injury-appraisal');
    }
  });
});

describe('lead 14: the care allowance for a grade 3 or 4 of another category than 智力/精神', () => {
  it('says it is not had, and what may be instead (trial 21: "俺腿截了 三级 护理补贴能领不")', async () => {
    const h = await dialogHarness();
    for (const said of ['俺腿截了 三级 护理补贴能领不', '眼睛四级的有没有护理补贴']) {
      const reply = await h.say(said);
      expect(reply.text, said).to.include('不在这个范围').and.include('生活补贴');
    }
  });
});

describe('lead 14: with SMS off, "each step is told" says both ways truly', () => {
  it('this chat for who applied here, the SMS for who applied at a window or online, in every answer that said SMS', async () => {
    const h = await dialogHarness();
    for (const id of ['progress-check', 'flow-total-time', 'flow-overview', 'svc-deaf-text']) {
      const said = withoutSms(h.kb.entry(id)!.answer);
      expect(said, id).to.include('在这里申请的，在这个聊天里').and.include('在窗口或网上申请的');
      expect(said, id).to.not.match(/每(?:到)?一步(?:都|也)会在这个聊天里/);
    }
    expect((await h.say('咋知道办到哪一步了')).text).to.include('在窗口或网上申请的');
  });
});
