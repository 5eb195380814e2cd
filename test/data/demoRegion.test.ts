import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';

describe('the demo region file', () => {
  it('has duty mobiles that reach nobody: all in 154, a block no operator has', () => {
    const phones = Object.values(shippedKnowledge().region.dutyPhones ?? {});
    expect(phones).to.not.be.empty;
    for (const phone of phones) expect(phone).to.match(/^154\d{8}$/);
  });
});
