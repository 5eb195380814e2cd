import { expect } from 'chai';
import { answerStart, dialogHarness } from '../dialogs/harness.js';
import { consoleSuggest } from './consoleSuggest.js';

// Trial 21 (4): a follow-up typed after a run-on the chat answers with "您是问…吧？" is read against
// the part said as the likeliest, in the console as in the chat; the label says what the chat does.
describe('the console reads a follow-up after a "您是问…吧？" run-on as the chat does (trial 21)', () => {
  const suggest = consoleSuggest();
  for (const call of [
    ['聋哑人 能上大学不 有钱补不', '要带啥'],
    ['孩子眼睛看不见 能上高中不 有补助没', '带啥材料'],
    ['我家娃是聋人 想上大学 有没有钱补', '去哪申请'],
    ['娃听不见 上大学有补贴不', '咋申请'],
  ]) {
    it(`${call.join(' → ')}: how to apply for the education grant, labelled as the chat answers it`, async () => {
      const s = await suggest(...call);
      expect(s.decision).to.equal('answer');
      expect(s.entryId).to.equal('emp-edu-apply');
      expect(s.suggestions[0].id).to.equal('emp-edu-apply');
      const h = await dialogHarness();
      await h.say(call[0]);
      expect((await h.say(call[1])).text).to.include(answerStart(h, s.entryId!));
    });
  }
});
