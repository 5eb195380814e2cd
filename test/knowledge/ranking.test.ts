import { expect } from 'chai';
import { join } from 'node:path';
import { Bm25Index } from '../../knowledge/bm25.js';
import { answerTo } from '../../knowledge/canAsk.js';
import { categoryDescribed } from '../../knowledge/categories.js';
import { combine, evaluate, evaluateFold, kFold, readJsonl } from '../../knowledge/evaluation.js';
import { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { SoftmaxModel } from '../../knowledge/linearModel.js';
import { loadKnowledge, type Entry } from '../../knowledge/loader.js';
import { DEFAULT_RANKING, sameFact, TFIDF_RANKING } from '../../knowledge/ranking.js';
import { fixtures, shippedKnowledge } from '../support.js';
import { loadConfig } from '../../bot/config.js';

function entry(id: string, question: string, alternates: string[], extra: Partial<Entry> = {}): Entry {
  return { id, category: '测试', question, alternates, answer: `${id} 的答案`, source: '测试', followUps: [], kind: 'answer', file: 'test', ...extra };
}

const bag = (...keys: string[]) => new Map(keys.map((k) => [k, 1 / Math.sqrt(keys.length)]));
const CLASSES = ['cancel', 'new'];

describe('the linear model', () => {
  // Two classes share 怎么 and 办理; only 注销 / 新办 tell them apart.
  const samples = [
    ...['注销', '注销 怎么', '注销 办理', '怎么 办理 注销'].map((s) => ({ bag: bag(...s.split(' ')), label: 0, key: s })),
    ...['新办', '新办 怎么', '新办 办理', '怎么 办理 新办'].map((s) => ({ bag: bag(...s.split(' ')), label: 1, key: s })),
  ];
  const model = new SoftmaxModel(samples, CLASSES, (c) => [1 - c]);
  const probabilities = (...keys: string[]) => {
    const p: number[] = [];
    model.score(bag(...keys), (c, x) => (p[c] = x));
    return p;
  };

  it('gives probabilities over all classes that sum to 1', () => {
    const p = probabilities('注销');
    expect(p[0] + p[1]).to.be.closeTo(1, 1e-6);
  });

  it('weighs the words that distinguish classes above the words they share', () => {
    expect(probabilities('怎么', '办理', '注销')[0]).to.be.greaterThan(0.8);
    expect(probabilities('怎么', '办理', '新办')[1]).to.be.greaterThan(0.8);
  });
});

describe('BM25 normalised by the query self-score', () => {
  const words = (...keys: string[]) => new Map(keys.map((k) => [k, 1]));
  const index = new Bm25Index([words('护理', '补贴', '申请'), words('生活', '补贴', '申请'), words('照片', '几张', '尺寸')]);
  const score = (...keys: string[]) => {
    let best = 0;
    index.score(words(...keys), (doc, s) => doc === 0 && (best = s));
    return best;
  };

  it('scores in [0, 1], a full match near 1', () => {
    expect(score('护理', '补贴')).to.be.within(0.9, 1);
  });

  it('counts words the knowledge base never uses against a match', () => {
    expect(score('护理', '补贴', '火星', '移民')).to.be.lessThan(score('护理', '补贴') * 0.6);
  });
});

describe('ranking scores and decisions', () => {
  const kb = KnowledgeBase.fromEntries(
    [
      entry('photos', '办证要几张照片', ['照片要几张', '交几张相片', '相片数量', '要多少张照片', '照片张数']),
      entry('photo-size', '照片是几寸的', ['照片多大', '相片尺寸', '几寸照片', '照片规格', '照片大小']),
      entry('fuel-a', '燃油补贴怎么申请', ['燃油补贴申请', '申请燃油补贴', '燃油补贴申请方法', '燃油补贴去申请', '燃油补贴要申请'], { answer: '到残联窗口填表申请燃油补贴。' }),
      entry('fuel-b', '燃油补贴怎么领取', ['燃油补贴领取', '领取燃油补贴', '燃油补贴领取方法', '燃油补贴去领取', '燃油补贴要领取'], { answer: '每年发一次，打到社保卡上。' }),
      entry('id-card', '身份证丢了怎么补办', ['身份证补办', '身份证丢失', '补办身份证', '身份证掉了', '身份证遗失'], { kind: 'decline', about: ['身份证'] }),
      entry('cert-lost', '残疾证丢了怎么补办', ['残疾证补办', '残疾证丢失', '补办残疾证', '残疾证掉了', '残疾证被偷了'], { answer: '带身份证到窗口补办残疾证。' }),
    ],
    [],
  );

  it('scores within [0, 1], best first', () => {
    const { suggestions } = kb.suggest('要交几张照片', 5);
    expect(suggestions[0].id).to.equal('photos');
    for (const s of suggestions) expect(s.score).to.be.within(0, 1);
    for (let i = 1; i < suggestions.length; i++) expect(suggestions[i - 1].score).to.be.at.least(suggestions[i].score);
  });

  it('answers by itself when one entry clearly fits', () => {
    expect(kb.decide('交几张相片').kind).to.equal('answer');
  });

  it('asks which one was meant when the top two are close and say different things', () => {
    // The decision rule, on the lexical voice alone: its scores for these mirror-image entries
    // are equal by construction (a model trained on five wordings each is not).
    const lexical = KnowledgeBase.fromEntries(kb.entries, [], TFIDF_RANKING);
    const decision = lexical.decide('燃油补贴');
    expect(decision.kind).to.equal('clarify');
    if (decision.kind === 'clarify') {
      expect(decision.options.map((o) => o.entry.id)).to.include.members(['fuel-a', 'fuel-b']);
      expect(decision.options.length).to.be.at.most(3);
    }
  });

  it('answers when the tied candidates give the same fact', () => {
    const same = KnowledgeBase.fromEntries(
      [
        entry('fuel-a', '燃油补贴怎么申请', ['燃油补贴申请', '申请燃油补贴', '燃油补贴申请方法', '燃油补贴去申请', '燃油补贴要申请'], { answer: '到残联窗口填表申请燃油补贴。' }),
        entry('fuel-b', '燃油补贴怎么领取', ['燃油补贴领取', '领取燃油补贴', '燃油补贴领取方法', '燃油补贴去领取', '燃油补贴要领取'], { answer: '到残联窗口填表申请燃油补贴就行。' }),
        entry('photos', '办证要几张照片', ['照片要几张', '交几张相片', '相片数量', '要多少张照片', '照片张数']),
      ],
      [],
    );
    expect(same.decide('燃油补贴').kind).to.equal('answer');
  });

  it('admits not knowing when nothing fits', () => {
    expect(kb.decide('明天会下雨吗').kind).to.equal('none');
    expect(kb.suggest('明天会下雨吗', 3).answered).to.equal(false);
  });

  it('declines an out-of-scope topic and never suggests the decline entry', () => {
    const decision = kb.decide('身份证丢了去哪补办');
    expect(decision.kind).to.equal('decline');
    const result = kb.suggest('身份证丢了去哪补办', 3);
    expect(result.answered).to.equal(false);
    expect(result.suggestions.map((s) => s.id)).to.not.include('id-card');
  });

  it('does not decline on a word shared with the decline entry when its object is not named', () => {
    const decision = kb.decide('证件掉了');
    expect(decision.kind).to.not.equal('decline');
  });
});

describe('what is asked, in the shipped knowledge base', () => {
  const { kb } = shippedKnowledge();
  const decided = (q: string) => {
    const d = kb.decide(q);
    return d.kind === 'answer' ? d.top.entry.id : d.kind === 'decline' ? `decline:${d.top.entry.id}` : d.kind;
  };

  it('reads 残疾证怎么办理 (Simplified or Traditional) as applying for a new certificate', () => {
    expect(decided('残疾证怎么办理')).to.equal('cert-new-how');
    expect(decided('殘疾證怎麼辦理')).to.equal('cert-new-how');
  });

  it('follows the sub-item when the question names one', () => {
    expect(decided('残疾证丢了怎么办理')).to.equal('cert-lost');
    expect(decided('残疾证注销怎么办理')).to.match(/^cert-cancel/);
    expect(decided('户口迁走了残疾证怎么办理')).to.equal('cert-move');
  });

  it('declines only when the question is about the decline entry\'s object', () => {
    expect(decided('身份证过期了怎么换')).to.match(/^decline:decl-id-card/);
    expect(decided('被狗咬了去哪打疫苗')).to.equal('decline:decl-vaccine');
    expect(decided('死亡证明去哪开')).to.equal('decline:decl-death-certificate');
    expect(decided('照片掉了怎么办')).to.not.match(/^decline/);
    expect(decided('残疾证被偷了怎么办')).to.not.match(/^decline/);
  });

  it("declines another document's photo or loss, another subsidy; the certificate's own still answer", () => {
    expect(decided('办护照的照片能自己拍吗')).to.equal('decline:decl-other-doc-photo');
    expect(decided('驾驶证照片要几寸')).to.equal('decline:decl-other-doc-photo');
    expect(decided('不动产证丢了去哪补办')).to.equal('decline:decl-other-doc-lost');
    expect(decided('独生子女父母奖励怎么申请')).to.equal('decline:decl-family-planning');
    expect(decided('残疾证照片要几张')).to.equal('mat-photo-count');
    expect(decided('残疾证丢了咋补')).to.equal('cert-lost');
    expect(decided('电动三轮能申请燃油补贴吗')).to.equal('emp-fuel-electric');
  });

  it('answers the questions a trial left unanswered, where the facts exist', () => {
    expect(decided('俺走不了远路 叫医生上家里来看行不')).to.equal('appr-home');
    expect(decided('鉴定要在哪鉴 随便找个医院开证明行不')).to.equal('appr-designated-only');
    expect(decided('娃还没成年 谁来签字申请')).to.equal('mat-guardian-proof');
    expect(decided('俺右手少了两根指头 属于哪类残疾')).to.equal('cert-limb');
    expect(decided('我又聋又瘸 等级咋定')).to.equal('cert-multiple');
    expect(decided('👍👍👍')).to.equal('talk-ok');
    // Trial 13 #5: 截了 is an amputation, 语言 the speech category.
    expect(decided('我这腿截了一条 能办残疾证吗')).to.equal('cert-limb');
    expect(decided('語言的要去哪個醫院')).to.equal('appr-hosp-speech');
  });

  it('reads two disabilities said of one person as a multiple disability, a list of two as either', () => {
    expect(decided('又聋又瞎的算哪一类')).to.equal('cert-multiple');
    expect(decided('又聋又哑的怎么定级')).to.equal('cert-multiple');
    expect(categoryDescribed('中风了 半边身子动不了 说话也不利索')).to.equal('多重');
    expect(categoryDescribed('我眼睛看不清腿还瘸 两样都有')).to.equal('多重');
    expect(categoryDescribed('孩子自闭，也不爱说话')).to.equal('精神');
    expect(categoryDescribed('孩子脑瘫，走路也不稳')).to.equal('多重');
    expect(categoryDescribed('脑瘫的孩子算哪类')).to.equal('智力');
    expect(categoryDescribed('智力、精神残疾要交病历吗')).to.equal('精神');
    // Deaf and muddled as well: two categories of one person.
    expect(categoryDescribed('耳朵听不见 还有点糊涂')).to.equal('多重');
    expect(categoryDescribed('老人糊涂了')).to.equal('智力');
  });

  it('decides by what is asked, not by the condition the question also describes (trial 11)', () => {
    // How long a certificate takes, not what vision disability is.
    expect(decided('眼睛看不清了 办残疾证要多久')).to.equal('flow-total-time');
    expect(decided('眼睛看不清了办残疾证要多久')).to.equal('flow-total-time');
    expect(decided('孩子自闭症 办证要多久')).to.equal('flow-total-time');
    expect(decided('眼睛看不清了 办残疾证多少钱')).to.be.oneOf(['appr-fee', 'cert-free']);
    // Where to apply for the certificate, not where the limb appraisal is.
    expect(decided('腿脚不好 在哪办残疾证')).to.equal('cert-new-how');
    expect(decided('耳朵听不见 去哪办残疾证')).to.equal('cert-new-how');
    expect(decided('腿脚不好 办证要带啥')).to.equal('materials-offline');
    // The condition's own entries still answer what they answer.
    expect(decided('眼睛看不清 去哪鉴定')).to.equal('appr-hosp-vision');
    expect(decided('眼睛看不清算视力残疾吗')).to.equal('cert-vision');
  });

  it('answers what trial 12 asked: a sign-language interpreter is no errand, the blind going to hospital, a lapsed renewal\'s subsidy', () => {
    // 翻译 alone is the errand's object; 手语翻译 at the appraisal is a question for the federation.
    expect(decided('聋人办证评定的时候要带手语翻译吗')).to.not.equal('decline:decl-cannot-do');
    expect(decided('帮我翻译一段话')).to.equal('decline:decl-cannot-do');
    const blind = kb.decide('盲人咋去医院');
    expect(blind.kind === 'answer' ? blind.top.entry.id : blind.kind === 'clarify' ? blind.options[0].entry.id : blind.kind).to.equal('appr-home');
    expect(kb.entry('cert-renew')!.answer).to.include('民政');
  });

  it('reads age and the condition as the scene of what the last clause asks (trial 14)', () => {
    // The age said in years: which subsidies, whatever the category.
    expect(decided('俺姥姥九十多岁了眼睛看不见 能领啥钱')).to.equal('sub-overview');
    expect(decided('孩子他爷爷今年七十五了 腿脚不行 有啥补助')).to.equal('sub-overview');
    // Subsidies asked besides a condition: which there are, who gets one; not what the condition is.
    expect(decided('他耳朵背得厉害 有什么补贴')).to.equal('sub-overview');
    expect(decided('我腿截了一条 能不能领护理补贴')).to.be.oneOf(['care-allowance-eligibility', 'sub-care-grade12']);
    // Folded words: 不灵光 is 智力, 失聪 听力, 这个证 the certificate.
    expect(decided('俺闺女脑子不太灵光 能办残疾证吗')).to.equal('cert-intellectual');
    expect(decided('双耳失聪算什么残疾')).to.equal('cert-hearing');
    expect(decided('这个证办下来能管几年')).to.equal('cert-renew');
    // A note's written words (能否, 有何) ask as spoken ones do; 及 before one starts a second question.
    expect(decided('来电人称其母双耳失聪 问能否申请残疾证')).to.equal('cert-hearing');
    expect(decided('有何补贴')).to.equal('sub-overview');
    expect(kb.splitQuestions('其父眼睛失明 询问能否办理残疾证以及有何补贴')).to.have.length(2);
    // The age is no part of a question answered with it.
    expect(decided('我妈六十八了还能办残疾证吗')).to.equal('cert-elderly');
  });

  it('reads money given out as the subsidies, and being on 低保 as the scene, not the question (session 12)', () => {
    const amounts = ['sub-amounts', 'sub-living-amount', 'sub-care-amount', 'sub-overview'];
    // Answered, or offered first.
    const first = (q: string) => {
      const d = kb.decide(q);
      return d.kind === 'answer' ? d.top.entry.id : d.kind === 'clarify' ? d.options[0].entry.id : d.kind;
    };
    // Money 领 or 给 each month is a subsidy's, never what the condition is.
    expect(first('俺腿截了 每个月能给多少钱')).to.be.oneOf(amounts);
    expect(first('耳朵聋了 一个月给几个钱')).to.be.oneOf(amounts);
    expect(decided('腿脚不好 能领啥钱')).to.be.oneOf(amounts);
    // The fee of the card is still the fee.
    expect(decided('腿截肢了 办证花多少钱')).to.equal('appr-fee');
    // 低保 said of oneself beside our question is no 低保 question; one about 低保 itself still is.
    expect(decided('我是低保户 腿脚不好 能领啥钱')).to.be.oneOf(amounts);
    expect(decided('俺家是低保户 眼睛瞎了 有啥补贴')).to.not.match(/^decline/);
    expect(decided('吃低保要什么条件')).to.equal('decline:decl-dibao');
    expect(decided('我是低保户 想问问低保一个月多少钱')).to.equal('decline:decl-dibao');
  });

  it('says an answer\'s yes or no only to a question that wants one, not to when, who or how much (session 12)', () => {
    const upload = kb.entry('flow-result-upload')!;
    expect(upload.answer).to.match(/^不用。/);
    for (const q of ['鉴定结果啥时候出来', '评定完了结果给谁', '做完鉴定下一步干啥']) expect(answerTo(upload, q), q).to.not.match(/^不用/);
    for (const q of ['鉴定完结果要我送到残联吗', '评定结果要我自己送不', '结果要不要我自己送']) expect(answerTo(upload, q), q).to.match(/^不用。/);
    const pension = kb.entry('emp-pension-subsidy')!;
    expect(answerTo(pension, '城乡居民养老保险补助谁管')).to.not.match(/^有。/);
    expect(answerTo(pension, '残疾人交养老保险 政府给补不')).to.match(/^有。/);
    expect(answerTo(pension, '养老保险政府有补贴吗 咋申请')).to.match(/^有。/);
  });

  it('answers a question naming no category with the entry for all categories, never one guessed (session 12)', () => {
    // "去哪鉴定" answered the vision hospital, "医院在哪" the intellectual one.
    for (const q of ['去哪鉴定', '在哪评定', '医院在哪', '评残到底上哪个医院', '鉴定的医院在什么地方']) {
      const d = kb.decide(q);
      const guessed = d.kind === 'answer' && /^appr-hosp-/.test(d.top.entry.id);
      expect(guessed, `${q}: ${decided(q)}`).to.equal(false);
      expect(d.kind === 'answer' ? d.top.entry.id : d.kind === 'clarify' ? d.options.map((o) => o.entry.id).join() : d.kind).to.include('hospital-by-category');
    }
    // A category named still decides the hospital.
    expect(decided('听力的去哪鉴定')).to.equal('appr-hosp-hearing');
    expect(decided('精神病去哪鉴定')).to.equal('appr-hosp-mental');
  });

  it('answers how to apply for the subsidies in general, and declines another office\'s certificate asked of alone (session 12)', () => {
    for (const q of ['补贴怎么申请', '残疾人那些补贴咋申请', '补贴要怎么办手续', '残疾人的补助是怎么个领法']) expect(decided(q), q).to.equal('sub-apply');
    // A subsidy named is still its own entry.
    expect(decided('生活补贴怎么申请')).to.equal('sub-living-apply');
    expect(decided('护理补贴去哪办')).to.equal('sub-care-apply');
    // Another office's certificate with nothing of ours is declined, however well our materials fit;
    // the ID card, which our applications take, is not.
    for (const q of ['居住证办理需要啥材料', '驾驶证要什么材料']) expect(decided(q), q).to.match(/^decline:/);
    expect(decided('身份证原件要带吗')).to.not.match(/^decline:/);
    expect(decided('社保卡能一起办吗')).to.not.match(/^decline:/);
  });

  it('tells a child\'s autism from mental disability in general', () => {
    expect(decided('孤独症孩子办的是哪类证')).to.equal('cert-child-autism');
    expect(decided('孩子自闭症能办残疾证不')).to.equal('cert-child-autism');
    expect(decided('大人得了精神病能办残疾证不')).to.equal('cert-mental');
    expect(decided('精神残疾包括哪些病')).to.equal('cert-mental');
  });

  it('answers where the best answer answers what is asked, and offers a likely one rather than 答不上来', () => {
    expect(decided('重度残疾人护理补贴能拿多少钱')).to.equal('sub-care-amount');
    // A low score, yet the model finds the best answer likely: given or offered, not 答不上来.
    const d = kb.decide('拍照能戴帽子吗');
    expect(d.kind).to.be.oneOf(['answer', 'clarify']);
    expect(d.kind === 'answer' ? d.top.entry.id : d.kind === 'clarify' && d.options[0].entry.id).to.equal('mat-photo-spec');
    expect(d.ranked[0].score).to.be.lessThan(DEFAULT_RANKING.suggest);
    expect(decided('学生公交卡多久能拿到')).to.be.oneOf(['decline:decl-other-document', 'decline:decl-travel-concession']);
  });

  it('answers the facts that were missing', () => {
    expect(decided('身份证号最后是X，网上填表能填吗')).to.equal('mat-id-number');
    expect(decided('打了12345以后会有人回访吗')).to.equal('svc-callback');
    expect(decided('我妈六十八了还能办残疾证吗')).to.equal('cert-elderly');
    expect(decided('孩子是自闭症，能办残疾证吗')).to.equal('cert-child-autism');
    expect(decided('残疾证用得太旧了，想换个新的')).to.equal('cert-renew');
  });

  it('answers both facts at once where a caller cannot tell sibling entries apart', () => {
    // Validity, renewal and an expired card; a child's application and the guardian's proof;
    // moving out and moving in; the grades and changing one; the grant's school years.
    const answer = (q: string) => {
      const d = kb.decide(q);
      return d.kind === 'answer' ? d.top.entry.answer : '';
    };
    expect(answer('残疾证能用几年')).to.include('10年').and.include('换领');
    expect(answer('残疾证过期了还能用吗')).to.include('暂停');
    expect(answer('户口迁到外县了残疾证还能用吗')).to.include('迁移');
    expect(answer('俺家孩子是聋哑人，上学有补助不')).to.include('高中').and.include('小学');
    expect(decided('外地的残疾证能在这边用吗')).to.equal('cert-move');
    expect(decided('想把三级改成二级怎么申请')).to.equal('cert-grades');
  });

  it("does not answer for a certificate or card no wording names (another office's), whatever else the question shares: it says whom to ask", () => {
    expect(decided('健康证要带什么材料')).to.equal('decline:decl-other-document');
    expect(decided('献血证丢了怎么补')).to.equal('decline:decl-other-document');
    expect(decided('志愿服务证去哪里办')).to.be.oneOf(['decline:decl-other-document', 'decline:decl-charity']);
    expect(decided('学生公交卡多久能拿到')).to.be.oneOf(['decline:decl-other-document', 'decline:decl-travel-concession']);
    // Our certificate however it is named, a verb or a pronoun before 证, documents the wordings name.
    expect(decided('又多了一种残疾 证要重新申请吗')).to.not.equal('none');
    expect(decided('多久能拿到证')).to.not.equal('none');
    expect(decided('这个证要钱吗')).to.not.equal('none');
    expect(decided('燃油补贴要带行驶证吗')).to.equal('emp-fuel-apply');
  });

  it('declines vehicle plates on their own objects, not on the vehicle or the papers fuel subsidies also use', () => {
    expect(decided('电动三轮车能上牌吗')).to.equal('decline:decl-vehicle-plate');
    expect(decided('新买的三轮车咋挂牌照')).to.equal('decline:decl-vehicle-plate');
    expect(decided('燃油补贴要带行驶证吗')).to.equal('emp-fuel-apply');
    expect(decided('电动三轮能申请燃油补贴吗')).to.equal('emp-fuel-electric');
    expect(decided('机动轮椅车燃油补贴谁能领')).to.match(/^emp-fuel/);
  });

  it("offers a seed place's way to a question naming its app, and never to a bare 在哪办", () => {
    const first = (q: string) => kb.decide(q).ranked[0]?.entry.id;
    expect(first('赣服通上面能办残疾证不')).to.equal('place-lushan-apply');
    expect(first('苏服办能办残疾证吗')).to.equal('place-suqian');
    expect(kb.decide('残疾证在哪办').ranked.map((r) => r.entry.id)).to.not.include('place-lushan-apply');
    expect(kb.decide('网上用什么app办残疾证').ranked.map((r) => r.entry.id)).to.not.include.members(['place-lushan-apply', 'place-suqian']);
  });

  it("puts a named seed place's entry first when asked what it answers, and a generic entry when asked anything else", () => {
    const first = (q: string) => kb.decide(q).ranked[0]?.entry.id;
    expect(first('津市那个补贴一个月给多少')).to.equal('ov-jinshi');
    expect(first('宿迁网上在哪个app办')).to.equal('place-suqian');
    expect(first('那个补贴一个月给多少')).to.not.equal('ov-jinshi');
    expect(first('津市能上门鉴定吗')).to.equal('appr-home');
    expect(first('津市残疾证丢了怎么补办')).to.equal('cert-lost');
    expect(first('津市残联审核要几天')).to.equal('flow-review');
  });

  it('puts the entry that answers the sibling question first: in person is the proxy question, not the guardian one', () => {
    const first = (q: string) => kb.decide(q).ranked[0]?.entry.id;
    expect(first('残疾证要本人去吗')).to.equal('svc-proxy');
    expect(first('孩子办残疾证要本人去吗')).to.equal('mat-guardian-proof');
  });

  it('tells the same fact apart from different facts', () => {
    expect(sameFact('到窗口申请。', '到窗口申请。', 0.8)).to.equal(true);
    expect(sameFact('到窗口申请。', '每年发一次。', 0.8)).to.equal(false);
  });
});

describe('ranking on the development set', () => {
  const { kb } = shippedKnowledge();
  const report = evaluate(kb, readJsonl(join(fixtures, 'kb-dev.jsonl')), readJsonl(join(fixtures, 'kb-dev-outofscope.jsonl')));

  it('top-1 >= 0.95, answered-and-right >= 0.9, answered-but-wrong <= 0.03', () => {
    expect(report.top1, JSON.stringify(report.failures)).to.be.at.least(0.95);
    expect(report.answeredRight, JSON.stringify(report.failures)).to.be.at.least(0.9);
    expect(report.answeredWrong, JSON.stringify(report.failures)).to.be.at.most(0.03);
  });

  it('answers none of the out-of-scope questions by itself', () => {
    expect(report.rejected, JSON.stringify(report.failures)).to.equal(1);
  });
});

describe('training that follows the wordings, not their order in the files', () => {
  const config = loadConfig({});
  const { entries, synonyms } = loadKnowledge(config.knowledgeDir, shippedKnowledge().region);
  const { kb } = shippedKnowledge();
  const questions = ['kb-holdout', 'kb-blind-s6'].flatMap((name) => [...readJsonl(join(fixtures, `${name}.jsonl`)), ...readJsonl(join(fixtures, `${name}-outofscope.jsonl`))]).map((x) => x.q);
  const decisions = (base: KnowledgeBase) =>
    questions.map((q) => {
      const d = base.decide(q);
      return `${d.kind} ${d.ranked.map((r) => `${r.entry.id}:${r.score.toFixed(3)}`).join(' ')}`;
    });

  it('gives the same decisions and scores when the entries and their wordings come in another order', function () {
    this.timeout(60_000);
    // A fixed permutation: every third entry moved to the front, each entry's alternates reversed.
    const reordered = [...entries.filter((_, i) => i % 3 === 0), ...entries.filter((_, i) => i % 3 !== 0)].map((e) => ({ ...e, alternates: [...e.alternates].reverse() }));
    expect(decisions(KnowledgeBase.fromEntries(reordered, synonyms))).to.deep.equal(decisions(kb));
  });

  it('changes almost no other decision when one wording is added to one entry', function () {
    this.timeout(60_000);
    const added = entries.map((e) => (e.id === 'cert-lost' ? { ...e, alternates: [...e.alternates, '残疾证找不着了咋整啊'] } : e));
    const before = decisions(kb).map((d) => d.split(':')[0]);
    const after = decisions(KnowledgeBase.fromEntries(added, synonyms)).map((d) => d.split(':')[0]);
    // When the training followed the files' order, this moved 53 of the 1,102 set questions.
    expect(after.filter((d, i) => d !== before[i]).length).to.be.at.most(3);
  });

  it('keeps every other entry\'s wordings in their folds when a wording is added', () => {
    const added = entries.map((e) => (e.id === 'cert-lost' ? { ...e, alternates: [...e.alternates, '残疾证找不着了咋整啊'] } : e));
    for (const f of [0, 1, 2, 3, 4]) {
      const held = (fold: ReturnType<typeof kFold>) => fold.inScope.filter((x) => x.id !== 'cert-lost').map((x) => x.q);
      expect(held(kFold(added, 5, f))).to.deep.equal(held(kFold(entries, 5, f)));
    }
  });
});

describe('ranking on k-fold held-out entry wordings', () => {
  // Two of the five folds keep the test fast; `npm run eval:kb` runs all five.
  const config = loadConfig({});
  const { entries, synonyms } = loadKnowledge(config.knowledgeDir, shippedKnowledge().region);
  const folds = [0, 1].map((f) => kFold(entries, 5, f));

  it('holds every wording out exactly once', () => {
    const all = [0, 1, 2, 3, 4].map((f) => kFold(entries, 5, f));
    const held = all.reduce((n, f) => n + f.inScope.length + f.outOfScope.length, 0);
    expect(held).to.equal(entries.reduce((n, e) => n + 1 + e.alternates.length, 0));
    for (const f of all) for (const e of f.train) expect(e.alternates.length).to.be.at.least(3);
  });

  it('blend: top-1 >= 0.69, top-3 >= 0.86, answered-and-right >= 0.57, answered-but-wrong <= 0.14, out-of-scope rejected >= 0.94; above TF-IDF alone', function () {
    this.timeout(60_000);
    const blend = combine(folds.map((f) => evaluateFold(KnowledgeBase.fromEntries(f.train, synonyms), f)));
    const tfidf = combine(folds.map((f) => evaluateFold(KnowledgeBase.fromEntries(f.train, synonyms, TFIDF_RANKING), f)));
    expect(blend.top1).to.be.at.least(0.69);
    expect(blend.top3).to.be.at.least(0.86);
    expect(blend.answeredRight).to.be.at.least(0.57);
    expect(blend.answeredWrong).to.be.at.most(0.14);
    expect(blend.rejected).to.be.at.least(0.94);
    expect(blend.top1).to.be.greaterThan(tfidf.top1 + 0.05);
  });
});

describe('ranking on our own hold-out sets (regression guard)', () => {
  const { kb } = shippedKnowledge();
  // Bars a little under what BENCHMARKS.md records, so a real regression fails, noise does not.
  // The training no longer follows the files' order, so an added wording moves only what it
  // should (BENCHMARKS.md, session 7). s4 and s7 a question lower: the out-of-scope entries of
  // session 7 (oos8) moved one in-scope question each from answered to asked, before the lead's re-fit.
  // s7, s8, s10 and the seed places (session 8, rank9): one question under their figures. s8's
  // answered-and-right one lower again: oos9's decline entries moved two borderline questions
  // (confidence 0.46 / 0.47 against 0.477) from answered to asked, before the lead's re-fit. Out of
  // scope (oos9): one question under the 100% every blind set now reads. s7, s8 and the seed places'
  // top-1 and wrong answers (rank10: a named place's own entry): one question under.
  const sets = [
    { name: 'kb-holdout', top1: 0.985, right: 0.9, wrong: 0.01, rejected: 0.97 },
    { name: 'kb-holdout2', top1: 0.975, right: 0.94, wrong: 0.01, rejected: 0.98 },
    { name: 'kb-blind-s3', top1: 0.97, right: 0.95, wrong: 0.03, rejected: 1 },
    { name: 'kb-blind-s4', top1: 0.98, right: 0.94, wrong: 0.015, rejected: 1 },
    { name: 'kb-blind-s5', top1: 0.98, right: 0.88, wrong: 0.02, rejected: 0.96 },
    { name: 'kb-blind-s6', top1: 0.96, right: 0.86, wrong: 0.025, rejected: 0.97 },
    { name: 'kb-blind-s7', top1: 0.96, right: 0.89, wrong: 0.01, rejected: 0.97 },
    { name: 'kb-blind-s8', top1: 0.95, right: 0.88, wrong: 0.01, rejected: 0.97 },
    { name: 'kb-blind-s10', top1: 0.99, right: 0.9, wrong: 0.01, rejected: 0.97 },
    // s9: kept unread until the end of session 8, measured once; one question under those figures.
    { name: 'kb-blind-s9', top1: 0.97, right: 0.88, wrong: 0.02, rejected: 0.93 },
    // Session 9: s11 and s12 measured once (s11 97.3 / 88.2 / 1.8 / 97.8, s12 94.5 / 84.5 / 1.8 / 100),
    // then studied; s13 kept unread until the end, measured once (97.3 / 90.9 / 0.9 / 100). One question under.
    { name: 'kb-blind-s11', top1: 0.98, right: 0.87, wrong: 0.02, rejected: 0.97 },
    { name: 'kb-blind-s12', top1: 0.97, right: 0.87, wrong: 0.01, rejected: 0.97 },
    { name: 'kb-blind-s13', top1: 0.96, right: 0.9, wrong: 0.02, rejected: 0.97 },
    // Session 10: s14 kept unread until the end, measured once (100 / 90.9 / 0 / 100). One question under.
    { name: 'kb-blind-s14', top1: 0.99, right: 0.9, wrong: 0.01, rejected: 0.97 },
    // Session 11: s15 kept unread until its one run (94.5 / 84.5 / 1.8 / 100), then studied. One question under.
    { name: 'kb-blind-s15', top1: 0.94, right: 0.84, wrong: 0.02, rejected: 0.97 },
    // Session 12: s16 kept unread until its one run (97.3 / 90.0 / 0 / 100 in process). One question under.
    { name: 'kb-blind-s16', top1: 0.96, right: 0.88, wrong: 0.01, rejected: 0.97 },
    // Session 13: s17 kept unread until its one run (94.5 / 87.3 / 2.7 / 100 in process), then studied. One question under.
    { name: 'kb-blind-s17', top1: 0.94, right: 0.86, wrong: 0.03, rejected: 0.97 },
    // Session 14: s18 kept unread until its one run (98.2 / 90.0 / 1.8 / 93.3, in process and through the endpoints alike). One question under.
    { name: 'kb-blind-s18', top1: 0.97, right: 0.89, wrong: 0.03, rejected: 0.91 },
    // Session 15: s19 kept unread until its one run (98.2 / 89.1 / 0 / 93.3 in process; 91.8 answered-and-right through
    // the endpoints), then its three out-of-scope misses studied and fixed. One question under.
    { name: 'kb-blind-s19', top1: 0.97, right: 0.88, wrong: 0.01, rejected: 0.97 },
    // Session 16: s20 kept unread until its one run (97.3 / 94.5 / 1.8 / 95.6 in process; 95.5 / 0.9 through the endpoints).
    { name: 'kb-blind-s20', top1: 0.96, right: 0.93, wrong: 0.02, rejected: 0.95 },
    // Session 17: s21 kept unread until its one run (99.1 / 93.6 / 0.9 / 95.6 in process; 91.8 / 2.7 through the endpoints).
    { name: 'kb-blind-s21', top1: 0.98, right: 0.92, wrong: 0.01, rejected: 0.95 },
    // Session 18: s22 kept unread until its one run (99.1 / 96.4 / 0.9 / 97.8 in process and through the endpoints).
    { name: 'kb-blind-s22', top1: 0.98, right: 0.95, wrong: 0.01, rejected: 0.97 },
    { name: 'kb-audit-s7', top1: 0.985, right: 0.91, wrong: 0.01, rejected: 1 },
    { name: 'kb-dev-places9', top1: 0.975, right: 0.95, wrong: 0.025, rejected: 0.87 },
  ];
  for (const { name, top1, right, wrong, rejected } of sets) {
    it(`${name}: top-1 >= ${top1}, answered-and-right >= ${right}, answered-but-wrong <= ${wrong}, out-of-scope rejected >= ${rejected}`, () => {
      const r = evaluate(kb, readJsonl(join(fixtures, `${name}.jsonl`)), readJsonl(join(fixtures, `${name}-outofscope.jsonl`)));
      expect(r.top1).to.be.at.least(top1);
      expect(r.answeredRight).to.be.at.least(right);
      expect(r.answeredWrong).to.be.at.most(wrong);
      expect(r.rejected).to.be.at.least(rejected);
    });
  }
});
