import { expect } from 'chai';
import { confidence, fitConfidence, thresholdFor, type ConfidenceFeatures, type LabelledRanking } from '../../knowledge/confidence.js';
import { kFold } from '../../knowledge/evaluation.js';
import { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import type { Entry } from '../../knowledge/loader.js';
import { DEFAULT_RANKING, type RankingOptions } from '../../knowledge/ranking.js';
import { shippedKnowledge } from '../support.js';
import { loadConfig } from '../../bot/config.js';
import { loadKnowledge } from '../../knowledge/loader.js';

const features = (over: Partial<ConfidenceFeatures>): ConfidenceFeatures => ({
  score: 0.3, lead: 0.05, factLead: 0.05, probability: 0.2, agree: 1, lexical: 0.5, lexicalAgree: 1, coverage: 1, decline: 0, oneWord: 0, relativeLead: 0.15, intentLead: 0, slotConflict: 0, ...over,
});

function entry(id: string, question: string, alternates: string[], answer: string): Entry {
  return { id, category: '测试', question, alternates, answer, source: '测试', followUps: [], kind: 'answer', file: 'test' };
}

describe('the confidence model', () => {
  // Right exactly when the best answer leads the first different fact by more than 0.1.
  const data: LabelledRanking[] = Array.from({ length: 200 }, (_, i) => {
    const factLead = (i % 40) / 100;
    return { features: features({ factLead, score: 0.2 + ((i * 7) % 30) / 100 }), right: factLead > 0.1, outOfScope: false };
  });
  const model = fitConfidence(data);

  it('learns which features tell a right best answer from a wrong one', () => {
    expect(model.weights.factLead).to.be.greaterThan(10);
    expect(confidence({ ...model, answerAt: 0.5 }, features({ factLead: 0.3 }))).to.be.greaterThan(0.9);
    expect(confidence({ ...model, answerAt: 0.5 }, features({ factLead: 0.02 }))).to.be.lessThan(0.1);
  });

  it('sets the lowest threshold that answers no more rankings wrongly than allowed', () => {
    const answerAt = thresholdFor(model, data, 5);
    const answered = (d: LabelledRanking) => confidence({ ...model, answerAt }, d.features) >= answerAt;
    expect(data.filter((d) => !d.right && answered(d))).to.have.length.at.most(5);
    const lower = answerAt - 0.01;
    expect(data.filter((d) => !d.right && confidence({ ...model, answerAt: lower }, d.features) >= lower)).to.have.length.above(5);
    expect(data.filter((d) => d.right && answered(d)).length / data.filter((d) => d.right).length).to.be.at.least(0.9);
  });
});

describe('deciding with the confidence model', () => {
  const entries = [
    entry('fuel-apply', '燃油补贴怎么申请', ['燃油补贴申请', '申请燃油补贴', '燃油补贴申请方法', '燃油补贴去申请', '燃油补贴要申请'], '到残联窗口填表申请燃油补贴。'),
    entry('fuel-apply-where', '燃油补贴在哪申请', ['燃油补贴去哪申请', '在哪申请燃油补贴', '燃油补贴申请地点', '燃油补贴到哪申请', '燃油补贴哪里申请'], '到残联窗口填表申请燃油补贴就行。'),
    entry('fuel-get', '燃油补贴怎么领取', ['燃油补贴领取', '领取燃油补贴', '燃油补贴领取方法', '燃油补贴去领取', '燃油补贴要领取'], '每年发一次，打到社保卡上。'),
    entry('photos', '办证要几张照片', ['照片要几张', '交几张相片', '相片数量', '要多少张照片', '照片张数'], '3张两寸白底彩照。'),
  ];
  const withBias = (bias: number): RankingOptions => ({
    ...DEFAULT_RANKING,
    confidence: { weights: { ...DEFAULT_RANKING.confidence!.weights }, bias, answerAt: 0.5 },
  });

  it('answers when the model is sure and asks when it is not, whatever the scores', () => {
    const zero = (o: RankingOptions) => ({ ...o, confidence: { ...o.confidence!, weights: Object.fromEntries(Object.keys(o.confidence!.weights).map((k) => [k, 0])) as never } });
    expect(KnowledgeBase.fromEntries(entries, [], zero(withBias(5))).decide('燃油补贴').kind).to.equal('answer');
    expect(KnowledgeBase.fromEntries(entries, [], zero(withBias(-5))).decide('交几张相片').kind).to.equal('clarify');
  });

  it('judges a long question whose every score is under the offer floor: answers when sure, says nothing when not', () => {
    // Words the knowledge base never uses scale every entry's score down; the model still judges.
    const long = '麻烦问一下哈，俺家老头子让我来问问，那个交几张相片的事情到底咋说的';
    const zero = (o: RankingOptions) => ({ ...o, confidence: { ...o.confidence!, weights: Object.fromEntries(Object.keys(o.confidence!.weights).map((k) => [k, 0])) as never } });
    const sure = KnowledgeBase.fromEntries(entries, [], zero(withBias(5))).decide(long);
    expect(sure.kind).to.equal('answer');
    expect(sure.ranked[0].entry.id).to.equal('photos');
    expect(sure.ranked[0].score).to.be.below(DEFAULT_RANKING.suggest);
    expect(KnowledgeBase.fromEntries(entries, [], zero(withBias(-5))).decide(long).kind).to.equal('none');
  });

  it('offers only answers that differ, the best of each fact first', () => {
    const kb = KnowledgeBase.fromEntries(entries, [], withBias(-50));
    const decision = kb.decide('燃油补贴');
    expect(decision.kind).to.equal('clarify');
    if (decision.kind !== 'clarify') return;
    const ids = decision.options.map((o) => o.entry.id);
    expect(ids).to.include('fuel-get');
    // The two entries that both say "到残联窗口填表申请" stand as one option.
    expect(ids.filter((id) => id.startsWith('fuel-apply'))).to.have.length(1);
    for (let i = 1; i < decision.options.length; i++) expect(decision.options[i - 1].score).to.be.at.least(decision.options[i].score);
  });

  it('reads the features off the ranking: a clear question leads, a vague one does not', () => {
    const kb = KnowledgeBase.fromEntries(entries, [], DEFAULT_RANKING);
    const clear = kb.confidenceFeatures('交几张相片')!;
    const vague = kb.confidenceFeatures('燃油补贴')!;
    expect(clear.factLead).to.be.greaterThan(vague.factLead);
    expect(clear.agree).to.equal(1);
    expect(kb.confidenceFeatures('明天会下雨吗')).to.equal(undefined);
  });

  it('reads the lead relative to the best score, and whether the best answer answers what is asked', () => {
    const { kb } = shippedKnowledge();
    const amount = kb.confidenceFeatures('重度残疾人护理补贴能拿多少钱')!;
    expect(amount.relativeLead).to.be.closeTo(amount.factLead / amount.score, 1e-9);
    // The amounts entry answers "多少钱"; the first entry with another fact (who may claim) does not.
    expect(amount.intentLead).to.equal(1);
    expect(amount.slotConflict).to.equal(0);
  });

});

describe('k folds with decline entries held out whole', () => {
  const config = loadConfig({});
  const { entries } = loadKnowledge(config.knowledgeDir, shippedKnowledge().region);
  const declines = entries.filter((e) => e.kind === 'decline');

  it('leaves each decline entry out of one fold entirely, its wordings asked as out-of-scope questions', () => {
    const folds = [0, 1, 2, 3, 4].map((f) => kFold(entries, 5, f, true));
    const missing = folds.map((f) => declines.filter((d) => !f.train.some((e) => e.id === d.id)));
    expect(missing.flat().map((d) => d.id).sort()).to.deep.equal(declines.map((d) => d.id).sort());
    folds.forEach((f, i) => expect(f.outOfScope).to.have.length(missing[i].reduce((n, d) => n + 1 + d.alternates.length, 0)));
  });
});
