import { expect } from 'chai';
import { lexicalBag, TextAnalyzer } from '../../knowledge/features.js';
import { normalizeEach, normalizeText } from '../../knowledge/normalize.js';
import { shippedKnowledge } from '../support.js';
import { SynonymFolder } from '../../knowledge/synonyms.js';

describe('text normalisation', () => {
  it('folds full-width letters, digits and punctuation', () => {
    expect(normalizeText('ＡＰＰ上能办吗？２寸照片！')).to.equal('app上能办吗 2寸照片');
  });

  it('turns Traditional characters into Simplified', () => {
    expect(normalizeText('辦理殘疾人證需要什麼材料')).to.equal('办理残疾人证需要什么材料');
    expect(normalizeText('鑒定結果')).to.equal('鉴定结果');
  });

  it('collapses spaces and symbols', () => {
    expect(normalizeText('  残疾证 ,,  怎么   办 ~~ ')).to.equal('残疾证 怎么 办');
  });

  it('says a thumbs-up or folded hands in words instead of dropping them', () => {
    expect(normalizeText('👍👍👍')).to.equal('好的 好的 好的');
    expect(normalizeText('🙏')).to.equal('谢谢');
  });
});

describe('text normalisation of many texts at once', () => {
  it('folds each text as it folds it alone: the shipped wordings, and texts with edges', () => {
    const texts = [
      ...shippedKnowledge().kb.entries.flatMap((e) => [e.question, ...e.alternates]),
      '',
      '  殘疾證怎麼辦理？？ ',
      'ＡＢＣ１２３',
      '👍',
      '🙏谢谢',
      'ΟΔΟΣ',
      '\u0301开头的附加符号',
      '',
    ];
    expect(normalizeEach(texts)).to.deep.equal(texts.map(normalizeText));
  });

  it('folds texts holding a line break one by one, each as alone', () => {
    const texts = ['第一行\n第二行', '發展', ''];
    expect(normalizeEach(texts)).to.deep.equal(texts.map(normalizeText));
  });
});

describe('synonym folding', () => {
  const folder = new SynonymFolder(
    [
      { canonical: '残疾人证', variants: ['残疾证', '残证'] },
      { canonical: '照片', variants: ['相片', '寸照'] },
      { canonical: '怎么', variants: ['咋', '怎么办'] },
    ],
    normalizeText,
  );

  it('replaces variants with the canonical form', () => {
    expect(folder.fold('残疾证要几张相片')).to.equal('残疾人证要几张照片');
  });

  it('prefers the longest variant and never rewrites a replacement', () => {
    expect(folder.fold('残疾证怎么办')).to.equal('残疾人证怎么');
    expect(folder.fold('残疾人证')).to.equal('残疾人证');
  });
});

describe('feature extraction', () => {
  const analyzer = new TextAnalyzer([{ canonical: '残疾人证', variants: ['残疾证'] }]);
  const extract = (text: string) => lexicalBag(analyzer.analyze(text));

  it('segments with jieba, keeping domain terms whole', () => {
    const words = [...extract('我家老人办残疾证要带什么材料').keys()].filter((k) => k.startsWith('w:'));
    expect(words).to.include.members(['w:残疾人证', 'w:材料']);
  });

  it('drops particles and pronouns but keeps question words', () => {
    const keys = [...extract('我的残疾证在哪里办呢').keys()];
    expect(keys).to.not.include('w:我');
    expect(keys).to.not.include('w:呢');
    expect(keys.some((k) => k.includes('哪里'))).to.equal(true);
  });

  it('adds character bigrams so different segmentations still overlap', () => {
    expect(extract('护理补贴').has('b:理补')).to.equal(true);
  });

  it('treats Traditional and Simplified input the same', () => {
    expect([...extract('殘疾證補辦').keys()]).to.deep.equal([...extract('残疾证补办').keys()]);
  });
});

// mt27: "搁哪个医院看" after whether a deaf father can apply.
describe('a dialect 搁 of a place', () => {
  it('reads 搁 before a place word as 在', () => {
    expect(normalizeText('搁哪个医院看')).to.equal('在哪个医院看');
    expect(normalizeText('搁这儿能办不')).to.equal('在这儿能办不');
    expect(normalizeText('俺娘搁县医院住着')).to.equal('俺娘在县医院住着');
  });

  it('leaves 搁 of putting off alone', () => {
    expect(normalizeText('这事耽搁了')).to.equal('这事耽搁了');
    expect(normalizeText('先搁一搁')).to.equal('先搁一搁');
  });

  it('answers where a category is appraised', () => {
    const d = shippedKnowledge().kb.decide('听力残疾搁哪个医院评定');
    expect(d.kind === 'answer' ? d.top.entry.id : d.kind).to.equal('appr-hosp-hearing');
  });
});
