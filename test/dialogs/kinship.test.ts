import { expect } from 'chai';
import { inverseKin, kinIn, kinLabel, RELATIVE_MENTION, type Kin } from '../../dialogs/kinship.js';
import { idNumberIn, phoneIn } from '../../dialogs/numbersIn.js';
import { text } from '../../dialogs/text/index.js';

describe('kin words', () => {
  const table: [said: string, kin: Kin, side: 'speaker' | 'other' | 'plain'][] = [
    ['祖父母', 'grandparent', 'plain'],
    ['姥姥', 'grandparent', 'plain'],
    ['外孙女', 'grandchild', 'plain'],
    ['我孙子', 'grandchild', 'other'],
    ['我是她孙女', 'grandchild', 'speaker'],
    ['姑妈', 'otherKin', 'plain'],
    ['舅妈', 'otherKin', 'plain'],
    ['儿媳妇', 'otherKin', 'plain'],
    ['女婿', 'otherKin', 'plain'],
    ['孩子他爸', 'spouse', 'plain'],
    ['俺娘', 'parent', 'other'],
    ['我是申请人的儿子', 'child', 'speaker'],
    ['监护人', 'guardian', 'plain'],
    ['我是孩子姑姑', 'otherKin', 'speaker'],
    ['我是孩子的奶奶', 'grandparent', 'speaker'],
  ];
  for (const [said, kin, side] of table) {
    it(`"${said}" -> ${kin}, ${side}`, () => {
      const read = kinIn(said)!;
      expect(read.kin).to.equal(kin);
      expect(read.ofSpeaker).to.equal(side === 'other');
      expect(read.speakerIs).to.equal(side === 'speaker');
    });
  }

  it('maps kin to the labels each question keeps', () => {
    const t = text.application;
    expect(kinLabel('grandparent', t.relations)).to.equal('其他亲属');
    expect(kinLabel('grandparent', t.guardianRelations)).to.equal('其他近亲属');
    expect(kinLabel('sibling', t.guardianRelations)).to.equal('其他近亲属');
    expect(kinLabel('committee', t.relations)).to.equal('其他亲属');
    expect(inverseKin('parent')).to.equal('child');
    expect(inverseKin('grandchild')).to.equal('grandparent');
  });

  it('a relative is named in a sentence only by whole words or with whose', () => {
    for (const said of ['帮我姥姥查', '我孙子的证', '她舅的申请', '给老伴查查']) expect(RELATIVE_MENTION.test(said), said).to.equal(true);
    for (const said of ['办到哪儿了', '社区公示到哪了', '我的申请']) expect(RELATIVE_MENTION.test(said), said).to.equal(false);
  });
});

describe('a phone in a sentence', () => {
  const table: [string, string | undefined][] = [
    ['我电话是13912345678，白天都在家', '13912345678'],
    ['打这个 139 1234 5678 就行', '13912345678'],
    ['13812345678 0571-87654321', '13812345678'],
    ['座机(0791)8612 3456', '0791-86123456'],
    ['幺三九 一二三四 五六七八', '13912345678'],
    ['一三九一二三四五六七八', '13912345678'],
    ['12345', undefined],
    ['我没有电话', undefined],
  ];
  for (const [said, phone] of table) it(`"${said}" -> ${phone}`, () => expect(phoneIn(said)).to.equal(phone));
});

describe('an ID number in a sentence', () => {
  const today = new Date('2026-11-20T02:00:00Z');
  it('is found beside a phone typed after it, and a short try is counted on its own', () => {
    expect(idNumberIn('11010519491231002X 13912345678', today)?.result).to.include({ ok: true, idNumber: '11010519491231002X' });
    expect(idNumberIn('身份证 110105 19491231 002X', today)?.result).to.include({ ok: true, idNumber: '11010519491231002X' });
    expect(idNumberIn('1101051949123100', today)?.run).to.equal('1101051949123100');
  });
});
