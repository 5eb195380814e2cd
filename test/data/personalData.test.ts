import { expect } from 'chai';
import { createLogger } from '../../bot/logger.js';
import { looksPersonal, maskName, maskText, publicNumbers, questionForCurators } from '../../data/personalData.js';

/** How people type an ID number (110101199003074514 / 11010119900307451X) and phones. */
const SPELLINGS: [typed: string, masked: string][] = [
  ['身份证110101199003074514，电话13812345678', '身份证110***********4514，电话138****5678'],
  ['身份证11010119900307451X', '身份证110***********451X'],
  ['身份证 11010119900307451x 谢谢', '身份证 110***********451x 谢谢'],
  ['110101 19900307 4514', '110***********4514'],
  ['1101 0119 9003 0745 1X', '110***********451X'],
  ['110101-19900307-451X', '110***********451X'],
  ['老证号110101900307451', '老证号110********7451'],
  ['１１０１０１１９９００３０７４５１４', '110***********4514'],
  ['手机138 1234 5678', '手机138****5678'],
  ['手机138-1234-5678', '手机138****5678'],
  ['手机 +86 138 1234 5678', '手机 138****5678'],
  ['手机(138)12345678', '手机138****5678'],
  ['座机0791-86123456', '座机0791****3456'],
  ['座机(0571)87654321', '座机0571****4321'],
  ['座机010 8765 4321', '座机010****4321'],
  ['两个号码13812345678 0571-87654321', '两个号码138****5678 0571****4321'],
];

describe('personal data', () => {
  it('masks ID numbers, mobiles and landlines inside text, however they are spaced', () => {
    for (const [typed, want] of SPELLINGS) expect(maskText(typed), typed).to.equal(want);
  });

  it('leaves ordinary numbers alone', () => {
    for (const plain of ['公示5个工作日，有效期10年，3张照片', '2026-11-20 上午', '补贴每月100元', '第2个', '案件号YC202611200001']) {
      expect(maskText(plain), plain).to.equal(plain);
    }
  });

  it('tells personal data from a question: IDs, phones, case numbers, a bare ID tail and any long number', () => {
    for (const [typed] of SPELLINGS) expect(looksPersonal(typed), typed).to.equal(true);
    for (const typed of ['123456', '45141X', '4514 1x', '12345Ｘ', '后六位是45141X', 'YC202611200001', 'yc 2026 1120 0001', '我的案件号是YC202611200001', '1381234', '11111111111', '138 1234 567', '卡号6222 0212 3456']) {
      expect(looksPersonal(typed), typed).to.equal(true);
    }
    for (const question of ['残疾证怎么办', '补贴每月100元吗', '一级和二级有什么区别', '2026年的政策', '60岁以上能办吗', '12345热线', '补贴一共发了120000元吗']) {
      expect(looksPersonal(question), question).to.equal(false);
    }
  });

  it('leaves the public numbers it is given alone (a hospital’s, a hotline’s), masking the rest', () => {
    const keep = publicNumbers(['0000-1234567', '12385']);
    expect(maskText('请打医院电话 0000-1234567，您的电话 0571-87654321', keep)).to.equal('请打医院电话 0000-1234567，您的电话 0571****4321');
    expect(maskText('请打医院电话 0000-1234567')).to.not.include('1234567');
  });

  it('keeps a question for curators with the names said in it masked, and the question words whole', () => {
    expect(questionForCurators('我是他外婆 叫张桂兰 他爸妈在广东打工 我能当监护人吗')).to.equal('我是他外婆 叫张*兰 他爸妈在广东打工 我能当监护人吗');
    expect(questionForCurators('俺叫王德贵，想办残疾证')).to.equal('俺叫王*贵，想办残疾证');
    expect(questionForCurators('我儿子李小明耳朵听不见 能办吗')).to.equal('我儿子李*明耳朵听不见 能办吗');
    expect(questionForCurators('姓名：赵四 这样填对吗')).to.equal('姓名：赵* 这样填对吗');
    for (const question of ['残疾证怎么办理', '这个病叫什么', '老头子中风了能不能办个残疾证', '安定医院在哪', '叫人来帮忙行不行']) {
      expect(questionForCurators(question), question).to.equal(question);
    }
    expect(questionForCurators('我电话13912345678')).to.equal(undefined);
  });

  it('keeps no question holding someone\'s address (trial 23: "…寄到俺闺女家 城关镇北关村六组八号" was listed whole)', () => {
    for (const question of ['证别寄那了 寄到俺闺女家 城关镇北关村六组八号', '俺家在幸福路 18 号 能上门不', '李庄屯二组的人去哪评残', '东风小区3栋咋走']) {
      expect(questionForCurators(question), question).to.equal(undefined);
    }
    for (const question of ['3号楼在哪', '一级和二级有什么区别', '村里的人都去哪评残', '二十里铺怎么走', '第2个']) {
      expect(questionForCurators(question), question).to.equal(question);
    }
  });

  it('masks a name typed alone, where no form asked for it (trial 16: "张小梅" was kept whole), and leaves short words that start with a surname', () => {
    expect(questionForCurators('张小梅')).to.equal('张*梅');
    expect(questionForCurators(' 赵丽 ')).to.equal('赵*');
    expect(questionForCurators('周建军')).to.equal('周*军');
    for (const word of ['白内障', '高血压', '方便', '江苏', '马上', '黄金', '何时', '林业', '金额', '周末', '护理补贴']) {
      expect(questionForCurators(word), word).to.equal(word);
    }
  });

  it('keeps a question that names a date (2026-11-20, 2026.12.01) for curators: a date is no one\'s number', () => {
    expect(looksPersonal('2026-11-20那天能去办吗')).to.equal(false);
    expect(looksPersonal('预约了2026.12.01 还能改吗')).to.equal(false);
    expect(looksPersonal('账号6222021234567')).to.equal(true);
  });

  it('masks names keeping the ends', () => {
    expect(maskName('王建国')).to.equal('王*国');
    expect(maskName('李四')).to.equal('李*');
    expect(maskName('欧阳娜娜')).to.equal('欧**娜');
  });

  it('is applied by the logger to every string field', () => {
    const lines: string[] = [];
    const logger = createLogger((l) => lines.push(l));
    logger.info('turn', { note: '我的电话138 1234 5678', id: '身份证 110101-19900307-451X', n: 1 });
    const logged = JSON.parse(lines[0]);
    expect(logged).to.include({ level: 'info', event: 'turn', note: '我的电话138****5678', id: '身份证 110***********451X', n: 1 });
  });
});
