import { expect } from 'chai';
import { joinSpacedCharacters, TextAnalyzer } from '../../knowledge/features.js';
import { HomophoneCorrector } from '../../knowledge/homophones.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { questionParts, soleQuestion } from '../../knowledge/runOn.js';
import { SynonymFolder } from '../../knowledge/synonyms.js';
import { shippedKnowledge } from '../support.js';

describe('synonyms on word boundaries', () => {
  const folder = new SynonymFolder([{ canonical: '申请', variants: ['办'] }, { canonical: '注销', variants: ['死亡'] }], normalizeText);

  it('replaces a variant that is a whole word', () => {
    expect(folder.fold('去哪办')).to.equal('去哪申请');
  });

  it('never replaces inside another word', () => {
    expect(folder.fold('办公室在哪')).to.equal('办公室在哪');
  });

  it('keeps the shipped table from rewriting 哪种, 死亡证明 and 照片掉了', () => {
    const { kb } = shippedKnowledge();
    expect(kb.questionKey('哪种残疾能办')).to.not.include('哪里种');
    expect(kb.questionKey('死亡证明去哪开')).to.include('死亡证明').and.not.include('注销');
    expect(kb.questionKey('照片掉了怎么办')).to.not.include('补办');
  });

  it('folds the gaps people hit: 户口簿, 办证, 调级, 啥情况, 一个表, 步骤, 表', () => {
    const { kb } = shippedKnowledge();
    expect(kb.questionKey('户口簿')).to.equal('户口本');
    expect(kb.questionKey('办证')).to.include('残疾人证');
    expect(kb.questionKey('等级能调高吗')).to.include('变更');
    expect(kb.questionKey('这是啥情况')).to.include('什么情况');
    expect(kb.questionKey('一个表')).to.equal('一张表');
    expect(kb.questionKey('具体步骤')).to.equal('流程');
    expect(kb.questionKey('表在哪领')).to.include('申请表');
  });

  it('folds the dialect 咋个 and a stolen card (被偷了 is lost, not a decline topic of its own)', () => {
    const { kb } = shippedKnowledge();
    expect(kb.questionKey('残疾证咋个办理')).to.equal(kb.questionKey('残疾证怎么办理'));
    expect(kb.questionKey('咋个申请')).to.equal(kb.questionKey('怎么申请'));
    expect(kb.questionKey('残疾证被偷了')).to.equal(kb.questionKey('残疾证丢了'));
    expect(kb.decide('残疾证被偷了').kind).to.equal('answer');
    expect(kb.decide('身份证被偷了怎么补').kind).to.equal('decline');
  });
});

describe('a word typed a character at a time', () => {
  it('is read as the word, while spaces between words stay', () => {
    expect(joinSpacedCharacters('残 疾 证 丢 了')).to.equal('残疾证丢了');
    expect(joinSpacedCharacters('我 要 办 残疾证')).to.equal('我要办 残疾证');
    expect(joinSpacedCharacters('残疾人证 新办 材料')).to.equal('残疾人证 新办 材料');
    expect(joinSpacedCharacters('残疾证 丢 了')).to.equal('残疾证 丢 了');
  });

  it('finds the same entry as the word typed whole', () => {
    const { kb } = shippedKnowledge();
    const top = (q: string) => kb.suggest(q, 1).suggestions[0]?.id;
    expect(top('残 疾 证 丢 了')).to.equal(top('残疾证丢了'));
  });
});

describe('homophone correction', () => {
  const corrector = new HomophoneCorrector(new Set(['护理', '补贴', '残疾证', '事实']));

  it('replaces a run that sounds like a known word and keeps one of its characters', () => {
    expect(corrector.correct('护里补帖怎么领')).to.equal('护理补贴怎么领');
    expect(corrector.correct('残急证')).to.equal('残疾证');
  });

  it('leaves known words and unrelated sound-alikes alone', () => {
    expect(corrector.correct('补贴')).to.equal('补贴');
    expect(corrector.correct('视事')).to.equal('视事');
  });

  it('never rewrites or cuts a word the text already spells right', () => {
    const vocabulary = new Set(['油补', '补助', '腿脚', '不好', '老人', '肢体', '残疾', '残疾证']);
    const corrector = new HomophoneCorrector(vocabulary);
    expect(corrector.correct('有补助么')).to.equal('有补助么');
    expect(corrector.correct('腿脚不好使')).to.equal('腿脚不好使');
    // A known word kept whole and unchanged inside the correction is fine.
    expect(corrector.correct('残疾症')).to.equal('残疾证');
  });

  it('finds the right entries for typed-by-sound questions in the shipped knowledge base', () => {
    const { kb } = shippedKnowledge();
    const top = (q: string) => kb.suggest(q, 3).suggestions[0]?.id;
    expect(top('护里补帖怎么领')).to.match(/^(sub-care|care-allowance)/);
    expect(top('残疾症怎么办理')).to.equal('cert-new-how');
    expect(top('残急证在哪办')).to.equal('cert-new-how');
  });

  it('keeps the text as typed unless the correction fits the knowledge base clearly better', () => {
    const { kb } = shippedKnowledge();
    // Before: 有补助么 was read as 油补贴幺 (the fuel subsidy), 腿脚不好使 as 老人肢体使.
    expect(kb.suggest('有补助么', 3).suggestions[0]?.id ?? '').to.not.match(/fuel/);
    expect(kb.suggest('腿脚不好使', 3).suggestions[0]?.id).to.match(/limb/);
  });
});

describe('run-on messages', () => {
  it('cuts a message into its questions, context kept with the question after it', () => {
    expect(questionParts('老头子中风了…能不能办个残疾证…补贴能领多少')).to.deep.equal(['老头子中风了，能不能办个残疾证', '补贴能领多少']);
    // A clause that names nothing but what it asks ("要带什么材料") is about the item named before it.
    expect(questionParts('我妈眼睛看不见能办残疾证吗要带什么材料')).to.deep.equal(['我妈眼睛看不见能办残疾证吗', '残疾证要带什么材料']);
    expect(questionParts('养老保险有补助吗？怎么申请')).to.deep.equal(['养老保险有补助吗', '养老保险怎么申请']);
    // One that names something of its own is not ("补贴能领多少" is no certificate's).
    expect(questionParts('能办残疾证吗，补贴能领多少')).to.deep.equal(['能办残疾证吗', '补贴能领多少']);
    // "…办个证不" ends before what comes once it is done (trial 13 #3).
    expect(questionParts('俺老头子中风了半边身子动不了能给他办个证不办下来一个月能给多少钱')).to.deep.equal(['俺老头子中风了半边身子动不了能给他办个证不', '办下来一个月能给多少钱']);
  });

  it('keeps a single question whole', () => {
    expect(questionParts('老头子中风了，能不能办个残疾证')).to.deep.equal(['老头子中风了，能不能办个残疾证']);
  });

  it('cuts a voice-typed run-on without punctuation where its next question starts', () => {
    const said = '喂喂 那个我问一下啊就是我家老头子耳朵聋了好多年了能不能办那个残疾证要去哪办要花钱不';
    // A later question that names no item is about the one named before it.
    expect(questionParts(said)).to.deep.equal(['喂喂，那个我问一下啊就是我家老头子耳朵聋了好多年了能不能办那个残疾证', '残疾证要去哪办', '残疾证要花钱不']);
    expect(questionParts('残疾证怎么办要多久')).to.deep.equal(['残疾证怎么办', '残疾证要多久']);
    expect(questionParts('护理补贴怎么申请要多久')).to.deep.equal(['护理补贴怎么申请', '护理补贴要多久']);
    // Nothing asked before the verb, or after it: one question.
    for (const q of ['残疾证要带什么材料', '残疾证要多久能拿到', '护理补贴能领多少', '我需要带户口本吗']) expect(questionParts(q)).to.deep.equal([q]);
    // A question word before the verb that names nothing to be done is one question ("孩子几岁能办残疾证吗").
    for (const q of ['孩子几岁能办残疾证吗', '哪些人能办残疾证呢', '多少岁能领补贴吗']) expect(questionParts(q)).to.deep.equal([q]);
    // Before, the whole message got 答不上来: now its first question is answered or offered.
    const { kb } = shippedKnowledge();
    const parts = kb.splitQuestions(said);
    expect(parts).to.have.length(3);
    expect(kb.decide(parts[0]).kind).to.not.equal('none');
    expect(parts.some((p) => kb.decide(p).kind === 'answer')).to.equal(true);
  });

  it('cuts three questions said without punctuation, at a question word, a new item or service, or a yes/no 不', () => {
    const cuts: [string, string[]][] = [
      ['护理补贴谁能领要带啥在哪办', ['护理补贴谁能领', '护理补贴要带啥', '护理补贴在哪办']],
      ['残疾证咋办要带啥东西在哪办', ['残疾证咋办', '残疾证要带啥东西', '残疾证在哪办']],
      ['残疾证怎么办理护理补贴谁能领燃油补贴多少钱', ['残疾证怎么办理', '护理补贴谁能领', '燃油补贴多少钱']],
      ['残疾证有效期几年到期了咋换', ['残疾证有效期几年', '残疾证到期了咋换']],
      ['残疾证怎么注销注销了还能再办吗', ['残疾证怎么注销', '残疾证注销了还能再办吗']],
      ['生活补贴怎么申请啥时候到账', ['生活补贴怎么申请', '生活补贴啥时候到账']],
      ['残疾证咋办理大概多久能拿到证', ['残疾证咋办理', '大概多久能拿到证']],
      ['孩子自闭症能办残疾证不要带什么材料', ['孩子自闭症能办残疾证不', '残疾证要带什么材料']],
      // The service goes with the item to the next question: how long the replacement takes.
      ['残疾证丢了咋补要多久', ['残疾证丢了咋补', '残疾证丢了要多久']],
    ];
    for (const [said, parts] of cuts) expect(questionParts(said), said).to.deep.equal(parts);
    // Not cut: a question word that asks nothing yet, an item after a question that named none.
    for (const q of ['护理补贴谁能领', '怎么办残疾证要带啥'.slice(0, 6), '能不能网上办残疾证', '哪些人能办残疾证呢']) expect(questionParts(q), q).to.deep.equal([q]);
  });

  it('offers each different question once: parts the same answer answers go with it', () => {
    const { kb } = shippedKnowledge();
    // "在哪办" is answered by the how-to (the app and the window): two questions, not three.
    expect(kb.splitQuestions('残疾证咋办要带啥东西在哪办')).to.deep.equal(['残疾证咋办', '残疾证要带啥东西']);
    // How to apply for the care allowance says where, and that its materials are the certificate's.
    expect(kb.splitQuestions('护理补贴谁能领要带啥在哪办')).to.deep.equal(['护理补贴谁能领', '护理补贴要带啥']);
    // One question said twice is one question.
    expect(kb.splitQuestions('残疾证有效期几年到期了咋换')).to.deep.equal(['残疾证有效期几年到期了咋换']);
  });

  it('splits on the knowledge base only when each part has its own answer', () => {
    const { kb } = shippedKnowledge();
    expect(kb.splitQuestions('老头子中风了…能不能办个残疾证…补贴能领多少')).to.have.length(2);
    expect(kb.splitQuestions('残疾证怎么办理')).to.deep.equal(['残疾证怎么办理']);
    expect(kb.splitQuestions('你好，残疾证怎么办理')).to.deep.equal(['你好，残疾证怎么办理']);
  });

  it('answers the one question of a long spoken message by itself when the whole ranks its entry first but too low to answer', () => {
    const { kb } = shippedKnowledge();
    const said = '我那个鉴定上礼拜做完了嘛 然后就一直等 到底还要等多久才能拿到证啊';
    expect(soleQuestion(said)).to.equal('到底还要等多久才能拿到证啊');
    const d = kb.decide(said);
    expect(d.kind).to.equal('answer');
    expect(d.kind === 'answer' && d.top.entry.id).to.equal('flow-total-time');
    // A question that says nothing by itself ("这是咋回事嘛") is not answered from its words alone.
    const vague = kb.decide('我孙子在网上给我申请的 说是被退回来了 这是咋回事嘛');
    expect(vague.kind === 'answer' && vague.top.entry.id).to.not.equal('ov-jinshi');
    // Two questions, or one and nothing else said, have no sole question.
    expect(soleQuestion('能办残疾证吗 要带啥')).to.equal(undefined);
    expect(soleQuestion('残疾证咋办')).to.equal(undefined);
  });
});

describe('a query\'s readings, kept', () => {
  it('are the text as typed and, with a sound-alike typo, as corrected, from one cut', () => {
    const analyzer = new TextAnalyzer([]);
    analyzer.learn(['护理补贴怎么领', '残疾证在哪办']);
    const typo = analyzer.queryReadings('护里补帖怎么领');
    expect(typo.typed).to.deep.equal(analyzer.analyze('护里补帖怎么领'));
    expect(typo.corrected).to.deep.equal(analyzer.analyze('护理补贴怎么领'));
    expect(analyzer.queryReadings('残疾证在哪办')).to.deep.equal({ typed: analyzer.analyze('残疾证在哪办') });
    // Kept: asked again, the same readings, not worked out again.
    expect(analyzer.queryReadings('护里补帖怎么领')).to.equal(typo);
  });

  it('are worked out again once another analyzer adds words to jieba\'s dictionary, which may change a cut', () => {
    const analyzer = new TextAnalyzer([]);
    // A made-up word no other test uses: the dictionary is one per process.
    const text = '甲乙丙丁戊己怎么办';
    const before = analyzer.queryReadings(text).typed.tokens;
    new TextAnalyzer([{ canonical: '甲乙丙丁戊己', variants: ['天干六个'] }]);
    const after = analyzer.queryReadings(text).typed.tokens;
    expect(after).to.not.deep.equal(before);
    expect(after).to.deep.equal(analyzer.analyze(text).tokens);
    expect(after).to.include('甲乙丙丁戊己');
  });
});
