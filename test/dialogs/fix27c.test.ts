import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';
import { dialogHarness } from './harness.js';

// fix27c: follow-ups of the mt21 dev set read in context, each in the tester's words and in others.
const { kb } = shippedKnowledge();
/** The start of an entry's answer, as the chat says it. */
const opening = (id: string) => kb.entry(id)!.answer.slice(0, 16);

/** The bot's replies to each turn of one conversation, each joined into one text, its buttons' titles too. */
async function replies(turns: string[]): Promise<string[]> {
  const h = await dialogHarness();
  const out: string[] = [];
  for (const t of turns) out.push((await h.send(t)).map((a) => [a.text ?? '', ...(a.suggestedActions?.actions.map((b) => b.title ?? '') ?? [])].join('\n')).join('\n'));
  return out;
}

describe('fix27c', () => {
  it('how many days the notice is up, after who reviews the card, is the notice\'s days, not the review\'s', async () => {
    for (const turns of [
      ['残疾人证谁来审核?', '公示幾天'],
      ['残疾证谁审核', '公示几天'],
      ['残疾证是谁审批的', '要公示多久'],
    ]) {
      const said = await replies(turns);
      expect(said[1], turns.join(' / ')).to.include(opening('flow-publicity'));
    }
  });
});
