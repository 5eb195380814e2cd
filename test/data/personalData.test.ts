import { expect } from 'chai';
import { createLogger } from '../../bot/logger.js';
import { maskName, maskText } from '../../data/personalData.js';

describe('personal data masking', () => {
  it('masks ID numbers, mobiles and landlines inside text', () => {
    expect(maskText('身份证110101199003074514，电话13812345678')).to.equal('身份证110***********4514，电话138****5678');
    expect(maskText('座机0791-86123456')).to.equal('座机0791-****3456');
    expect(maskText('身份证11010119900307451X')).to.include('***********451X');
  });

  it('leaves ordinary numbers alone', () => {
    expect(maskText('公示5个工作日，有效期10年，3张照片')).to.equal('公示5个工作日，有效期10年，3张照片');
  });

  it('masks names keeping the ends', () => {
    expect(maskName('王建国')).to.equal('王*国');
    expect(maskName('李四')).to.equal('李*');
    expect(maskName('欧阳娜娜')).to.equal('欧**娜');
  });

  it('is applied by the logger to every string field', () => {
    const lines: string[] = [];
    const logger = createLogger((l) => lines.push(l));
    logger.info('turn', { note: '我的电话13812345678', n: 1 });
    const logged = JSON.parse(lines[0]);
    expect(logged).to.include({ level: 'info', event: 'turn', note: '我的电话138****5678', n: 1 });
  });
});
