import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { questionOf } from '../../knowledge/runOn.js';
import { buttons, dialogHarness } from './harness.js';

describe('Run-on messages with several questions', () => {
  it('answers the first question, offers the second as a button, and does not start the application', async () => {
    const h = await dialogHarness();
    const reply = await h.say('老头子中风了，能不能办个残疾证，补贴能领多少');
    expect(reply.text).to.include('依据').and.include(text.runOn.more);
    expect(reply.text).to.not.include(text.application.consent);
    expect(buttons(reply)[0]).to.equal('补贴能领多少');
    expect(await h.drafts.get('test:user1')).to.equal(undefined);
    // The button asks the second question as if it had been sent alone.
    const alone = await (await dialogHarness()).say('补贴能领多少');
    expect((await h.say('1')).text).to.equal(alone.text);
  });

  for (const message of ['老头子中风了能办残疾证吗能领多少钱', '我妈眼睛看不见，能办残疾证不，能领多少钱', '孩子是自闭症能办证吗？一个月能领多少钱']) {
    it(`offers the other question of "${message}" as a button, even when one is asked back or vague`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(message);
      // Whichever question is answered (or asked back), the other is a button.
      const parts = h.kb.splitQuestions(message);
      expect(parts).to.have.length(2);
      expect(buttons(reply).some((b) => parts.map((p) => text.runOn.button(questionOf(p))).includes(b)), buttons(reply).join('|')).to.equal(true);
      expect(await h.drafts.get('test:user1')).to.equal(undefined);
    });
  }

  // Voice typing runs a yes/no question ending in 不 on into the next clause with its subject:
  // the question is still asked, so it is answered, not taken for a request to apply.
  for (const message of ['我替我爸办他本人得去不他瘫在床上了', '帮我奶奶申请残疾证她要去医院不她八十多了']) {
    it(`answers "${message}" and does not start the application`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(message);
      expect(reply.text).to.not.include(text.application.consent);
      expect(await h.drafts.get('test:user1')).to.equal(undefined);
    });
  }
});
