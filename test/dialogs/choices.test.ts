import { expect } from 'chai';
import { recognizeChoice, recognizePosition } from '../../dialogs/choices.js';

describe('choice recognition', () => {
  const options = [
    { label: '线上办要什么？', value: 'online' },
    { label: '窗口办要什么？', value: 'window', synonyms: ['线下'] },
    { label: '有帮助', value: 'yes' },
  ];
  const table: [string, string | undefined][] = [
    ['2', 'window'],
    ['２', 'window'],
    ['二', 'window'],
    ['第二个', 'window'],
    ['第2个', 'window'],
    ['选3', 'yes'],
    ['1号', 'online'],
    ['窗口办要什么？', 'window'],
    ['窗口办要什么', 'window'],
    ['线下', 'window'],
    ['线上', 'online'],
    ['有帮助！', 'yes'],
    ['第五个', undefined],
    ['残疾证怎么办', undefined],
    ['一级残疾能领什么补贴', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of table) {
    it(`"${input}" -> ${expected ?? 'nothing'}`, () => {
      expect(recognizeChoice(input, options)?.value).to.equal(expected);
    });
  }

  it('reads positions only from text that is nothing but a position', () => {
    expect(recognizePosition('第三个')).to.equal(3);
    expect(recognizePosition('一级')).to.equal(undefined);
    expect(recognizePosition('3张照片')).to.equal(undefined);
  });
});
