import { expect } from 'chai';
import { normalizePhone, validateIdNumber } from '../../data/idNumber.js';
import { normalizeIdNumber } from '../../cases/privacy.js';
import { caseNumberIn, idTailIn, tailAfterCaseNo } from '../../dialogs/status/familyChecks.js';

describe('resident ID numbers (MOD 11-2)', () => {
  const today = new Date('2026-11-20T12:00:00+08:00');
  const table: [string, string | number][] = [
    ['11010519491231002X', 76],
    ['11010519491231002x', 76],
    ['1101 0519 4912 3100 2X', 76],
    // Full-width, as Chinese input methods type them.
    ['１１０１０５１９４９１２３１００２Ｘ', 76],
    ['110101201003074514', 16],
    ['110105194912310021', 'checksum'],
    ['110105194902300027', 'birthDate'],
    ['110105203012310028', 'birthDate'],
    ['11010519491231002', 'format'],
    ['1.1010519491231e+17', 'format'],
  ];
  for (const [input, expected] of table) {
    it(`${input} -> ${expected}`, () => {
      const result = validateIdNumber(input, today);
      if (typeof expected === 'number') expect(result).to.deep.include({ ok: true, age: expected });
      else expect(result).to.deep.equal({ ok: false, problem: expected });
    });
  }
});

describe('phone numbers', () => {
  const table: [string, string | undefined][] = [
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 13812345678', '13812345678'],
    ['0791-86123456', '0791-86123456'],
    ['079186123456', '0791-86123456'],
    ['010-1234567', '010-1234567'],
    ['138-1234-5678', '13812345678'],
    ['138－1234－5678', '13812345678'],
    ['(0791) 8612 3456', '0791-86123456'],
    ['0755 1234 5678', '0755-12345678'],
    ['01012345678', '010-12345678'],
    ['021-6123-4567', '021-61234567'],
    ['0791--86123456', undefined],
    ['12812345678', undefined],
    ['12345', undefined],
  ];
  for (const [input, expected] of table) it(`${input} -> ${expected}`, () => expect(normalizePhone(input)).to.equal(expected));
});

describe('case numbers, ID tails and ID numbers typed full-width', () => {
  it('reads them as their ASCII forms', () => {
    expect(caseNumberIn('我的是ＹＣ２０２６１１２００００１')).to.equal('YC202611200001');
    expect(idTailIn('３１００２ｘ')).to.equal('31002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).to.equal('11010519491231002X');
  });
});

describe('a case number and an ID tail typed with a space between them', () => {
  it('reads the case number and the tail apart, not as one longer case number', () => {
    for (const typed of ['YC202611300002 221019', 'yc202611300002  22101x', '202611300002 - 221019']) {
      expect(caseNumberIn(typed), typed).to.equal('YC202611300002');
      expect(tailAfterCaseNo(typed), typed).to.match(/^22101[9X]$/);
    }
    // A number whose sequence runs past four digits, typed whole or in groups, is still one case number.
    expect(caseNumberIn('YC2026113000021')).to.equal('YC2026113000021');
    expect(caseNumberIn('YC 2026 1130 0002')).to.equal('YC202611300002');
    expect(tailAfterCaseNo('YC 2026 1130 0002')).to.equal(undefined);
  });
});
