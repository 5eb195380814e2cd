import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';

describe('decisions kept by the knowledge base', () => {
  it('gives the decision worked out before for the same text and depth, another for another text or depth', () => {
    const { kb } = shippedKnowledge();
    const first = kb.decide('残疾证有效期几年');
    expect(first.kind).to.equal('answer');
    expect(kb.decide('残疾证有效期几年')).to.equal(first);
    expect(kb.decide('残疾证有效期几年', 3)).to.equal(first);
    // Another depth is another decision (it may rank and decide otherwise); so is another text.
    expect(kb.decide('残疾证有效期几年', 6)).to.not.equal(first);
    expect(kb.decide('残疾证有效期几年吗')).to.not.equal(first);
    expect(kb.decide('护理补贴怎么领').kind === 'answer' && kb.decide('护理补贴怎么领')).to.not.equal(first);
  });

  it('keeps no decision on a message holding personal data (an ID tail typed at the wrong moment)', () => {
    const { kb } = shippedKnowledge();
    expect(kb.decide('123456')).to.not.equal(kb.decide('123456'));
    expect(kb.decide('123456')).to.deep.equal(kb.decide('123456'));
  });
});
