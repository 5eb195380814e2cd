import { expect } from 'chai';
import { recognizeChoice, recognizeChoices, recognizeMention, recognizePosition, recognizeYesNo } from '../../dialogs/choices.js';

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

describe('yes/no in Chinese', () => {
  const table: [string, boolean | undefined][] = [
    ['是', true], ['好', true], ['行', true], ['可以', true], ['对', true], ['确认', true], ['嗯', true], ['没问题', true], ['好的！', true],
    ['不', false], ['不是', false], ['不用了', false], ['不要', false], ['算了', false], ['否', false], ['没有', false],
    ['护理补贴谁能领', undefined], ['', undefined],
    ['是的呀', true], ['好的谢谢', true], ['可以可以', true], ['同意的', true], ['不用了谢谢', false], ['不要了', false],
    // Questions that merely start with a yes or no word are not answers.
    ['要带什么材料', undefined], ['有补贴吗', undefined], ['要多久', undefined], ['不知道', undefined], ['行不行啊', undefined], ['对方能办吗', undefined],
    // Dialect and spoken forms: 中/不中 (Henan), 得嘞, 要得, 成, 好滴; and questions built on them.
    ['中', true], ['中嘞', true], ['得嘞', true], ['要得', true], ['成', true], ['可以的', true], ['好滴', true], ['行吧', true], ['那行', true],
    ['不中', false], ['不成', false], ['甭了', false], ['不办了', false], ['算了吧', false],
    ['中不中', undefined], ['成不成', undefined], ['中午能去吗', undefined], ['得多久', undefined],
  ];
  for (const [input, expected] of table) it(`"${input}" -> ${expected}`, () => expect(recognizeYesNo(input)).to.equal(expected));
});

describe('several choices at once', () => {
  const options = [
    { label: '残疾人证', value: 'cert', synonyms: ['证'] },
    { label: '生活补贴', value: 'living' },
    { label: '护理补贴', value: 'care' },
  ];
  const table: [string, string[]][] = [
    ['证和护理补贴都要', ['cert', 'care']],
    ['1和3', ['cert', 'care']],
    ['一、二', ['cert', 'living']],
    ['生活补贴，护理补贴', ['living', 'care']],
    ['2', ['living']],
    ['天气', []],
    // A one-character name counts only as a word of its own, never inside another word.
    ['身份证', []],
    ['办个证，还有护理补贴', ['cert', 'care']],
  ];
  for (const [input, expected] of table) {
    it(`"${input}" -> ${expected.join(',') || 'nothing'}`, () => {
      expect(recognizeChoices(input, options).map((o) => o.value)).to.deep.equal(expected);
    });
  }
});

describe('the one choice a sentence speaks of', () => {
  const options = [
    { label: '邮寄到家', value: 'mail', synonyms: ['邮寄', '寄到家'] },
    { label: '自己去领', value: 'pickup', synonyms: ['自己拿'] },
  ];
  const table: [string, string | undefined][] = [
    ['给寄到家里吧', 'mail'],
    ['还是邮寄吧省事', 'mail'],
    ['不用邮寄，我自己拿', 'pickup'],
    ['别寄到家', undefined],
    ['我不会用手机，没法邮寄', undefined],
    ['能不能邮寄', 'mail'],
    ['可不可以自己拿', 'pickup'],
    ['邮寄或者自己拿都行', undefined],
  ];
  for (const [input, expected] of table) it(`"${input}" -> ${expected}`, () => expect(recognizeMention(input, options)?.value).to.equal(expected));
});
