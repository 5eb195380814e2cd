import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness } from './harness.js';

const app = text.application;

// The lead's own probes of session 13, in people's words.
describe('lead 13: a relative asks for the card and the money it brings', () => {
  for (const said of [
    '俺爹八十了瘫床上好几年了 想给他办个证领点补贴',
    '想给俺爹办个证领点补贴',
    '俺娘要办个证好领补贴',
    '俺娘眼睛瞎了好几年了 想给她办个证',
  ]) {
    it(`"${said}" starts the form`, async () => {
      const h = await dialogHarness();
      expect((await h.say(said)).text).to.equal(app.consent);
    });
  }

  it('another office\'s card with the money is still declined', async () => {
    const h = await dialogHarness();
    expect((await h.say('俺爹想办个老年证领点钱')).text).to.not.equal(app.consent);
    expect((await h.say('俺爹想办个老年证领点钱')).text).to.include('不在这里办');
  });
});

describe('lead 13: laughter and keyboard mashing ask nothing', () => {
  for (const said of ['哈哈哈哈', '呵呵', 'qwertyuiop', '啊啊啊啊sdfgh']) {
    it(`"${said}" is said to be unread, with the menu, and not kept for the curators`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(said);
      expect(reply.text).to.equal(text.noWords);
      expect(buttons(reply)).to.include('转人工');
      expect(await h.unanswered.list(10)).to.deep.equal([]);
    });
  }

  it('a question wrapped in sighs is still answered', async () => {
    const h = await dialogHarness();
    expect((await h.say('啊这个残疾证咋办啊')).text).to.include('申请');
  });
});
