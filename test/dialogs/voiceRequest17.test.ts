import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { dialogHarness } from './harness.js';

// Trial 16 F3: a request voice-typed with no punctuation runs on into what it says of the person.
// It starts the form as the same words with a space do, the condition read the same way.
const app = text.application;
const replies = async (input: string) => {
  const h = await dialogHarness();
  return (await h.send(input)).map((r) => r.text ?? '');
};

describe('trial 16 F3: a voice-typed request naming whom and the condition, no punctuation', () => {
  for (const [runOn, spaced] of [
    ['我想帮我妈申请残疾证她去年中风了现在一直躺床上起不来', '我想帮我妈申请残疾证 她去年中风了现在一直躺床上起不来'],
    ['帮我妈办个残疾证她中风瘫在床上了', '帮我妈办个残疾证 她中风瘫在床上了'],
    // In other words: a father, a bare 证, a spouse's allowance.
    ['俺想给俺爹办个证他腿截肢了走不了路', '俺想给俺爹办个证 他腿截肢了走不了路'],
    ['我要给我老伴申请护理补贴她瘫在床上好几年了', '我要给我老伴申请护理补贴 她瘫在床上好几年了'],
  ]) {
    it(`"${runOn}" starts the form as with a space`, async () => {
      const said = await replies(runOn);
      expect(said.join('\n')).to.include(app.start);
      expect(said).to.deep.equal(await replies(spaced));
    });
  }

  it('a certificate already had ("给我妈办的证她弄丢了") starts no form', async () => {
    expect((await replies('给我妈办的证她弄丢了')).join('\n')).to.not.include(app.start);
  });
});
