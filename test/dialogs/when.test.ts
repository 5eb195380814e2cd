import { expect } from 'chai';
import { recognizeWhen, type When } from '../../dialogs/booking/when.js';

// Reference: Friday 2026-11-20, 10:00 in Beijing (02:00 UTC).
const NOW = new Date('2026-11-20T02:00:00Z');

const table: [string, When | undefined][] = [
  ['明天', { kind: 'date', date: '2026-11-21', part: undefined }],
  ['后天', { kind: 'date', date: '2026-11-22', part: undefined }],
  ['大后天', { kind: 'date', date: '2026-11-23', part: undefined }],
  ['后天上午', { kind: 'date', date: '2026-11-22', part: 'am' }],
  ['下周三', { kind: 'date', date: '2026-11-25', part: undefined }],
  ['下周三上午可以吗', { kind: 'date', date: '2026-11-25', part: 'am' }],
  ['下礼拜二', { kind: 'date', date: '2026-11-24', part: undefined }],
  ['下星期四下午', { kind: 'date', date: '2026-11-26', part: 'pm' }],
  ['周五', { kind: 'date', date: '2026-11-20', part: undefined }],
  ['星期五下午', { kind: 'date', date: '2026-11-20', part: 'pm' }],
  ['12月1号', { kind: 'date', date: '2026-12-01', part: undefined }],
  ['帮我改到12月1号下午', { kind: 'date', date: '2026-12-01', part: 'pm' }],
  ['12月1日上午', { kind: 'date', date: '2026-12-01', part: 'am' }],
  ['11月25日上午', { kind: 'date', date: '2026-11-25', part: 'am' }],
  ['2026年12月3日', { kind: 'date', date: '2026-12-03', part: undefined }],
  ['三天后', { kind: 'date', date: '2026-11-23', part: undefined }],
  ['两天后', { kind: 'date', date: '2026-11-22', part: undefined }],
  ['一周后', { kind: 'date', date: '2026-11-27', part: undefined }],
  ['下个月3号', { kind: 'date', date: '2026-12-03', part: undefined }],
  ['1号', { kind: 'date', date: '2026-12-01', part: undefined }],
  ['25号', { kind: 'date', date: '2026-11-25', part: undefined }],
  ['二十五号下午', { kind: 'date', date: '2026-11-25', part: 'pm' }],
  ['12.2', { kind: 'date', date: '2026-12-02', part: undefined }],
  ['12/2', { kind: 'date', date: '2026-12-02', part: undefined }],
  ['元旦', { kind: 'date', date: '2027-01-01', part: undefined }],
  ['1月5日', { kind: 'date', date: '2027-01-05', part: undefined }],
  ['今天下午', { kind: 'date', date: '2026-11-20', part: 'pm' }],
  ['月底', { kind: 'range', from: '2026-11-26', to: '2026-11-30', part: undefined }],
  ['下周', { kind: 'range', from: '2026-11-23', to: '2026-11-29', part: undefined }],
  ['最早什么时候', { kind: 'earliest', part: undefined }],
  ['越早越好，上午', { kind: 'earliest', part: 'am' }],
  ['下午', { kind: 'part', part: 'pm' }],
  ['上午吧', { kind: 'part', part: 'am' }],
  ['这周四', { kind: 'date', date: '2026-11-19', part: undefined }],
  ['这周六', { kind: 'date', date: '2026-11-21', part: undefined }],
  ['大大后天', { kind: 'date', date: '2026-11-24', part: undefined }],
  ['下下周二', { kind: 'date', date: '2026-12-01', part: undefined }],
  ['下下周一下午', { kind: 'date', date: '2026-11-30', part: 'pm' }],
  ['下下个星期五上午', { kind: 'date', date: '2026-12-04', part: 'am' }],
  ['下下礼拜天', { kind: 'date', date: '2026-12-06', part: undefined }],
  ['下下周', { kind: 'range', from: '2026-11-30', to: '2026-12-06', part: undefined }],
  ['我要预约鉴定', undefined],
];

describe('dates and half days in Chinese (reference Fri 2026-11-20 10:00 Beijing)', () => {
  for (const [input, expected] of table) {
    it(`"${input}"`, () => {
      const got = recognizeWhen(input, NOW);
      if (expected === undefined) expect(got).to.equal(undefined);
      else expect(got).to.deep.equal(expected);
    });
  }
});

// The same forms from a Sunday, the day Chinese weeks end on: 下下周 is still counted from Monday.
describe('weeks counted from Monday (reference Sun 2026-11-22 10:00 Beijing)', () => {
  const sunday = new Date('2026-11-22T02:00:00Z');
  const cases: [string, string][] = [
    ['下周二', '2026-11-24'],
    ['下下周二', '2026-12-01'],
    ['大后天', '2026-11-25'],
  ];
  for (const [input, date] of cases) {
    it(`"${input}" -> ${date}`, () => expect(recognizeWhen(input, sunday)).to.deep.include({ kind: 'date', date }));
  }
});
