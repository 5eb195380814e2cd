import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { run, selfNewCertificateToAddress } from './harness.js';

// What the trial of understanding on session 7's main found in the flows, one case per finding.
const t = text.application;

describe('trial 9: the flows', () => {
  it('7. "地址写我家的还是我爷爷家的" at the address is answered, not taken for an address', async () => {
    const h = await run(selfNewCertificateToAddress);
    for (const asked of ['地址写我家的还是我爷爷家的', '写谁家的地址']) {
      expect((await h.say(asked)).text).to.equal(t.errors.addressWhich);
      expect((await h.drafts.get('test:user1'))!.draft.values).to.not.have.property('addressDraft');
    }
    expect((await h.say('示范县人民路12号3栋201')).text).to.include(t.summary.intro);
  });
});
