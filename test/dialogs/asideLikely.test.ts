import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { dialogHarness } from './harness.js';

// A question in the middle of a flow that the knowledge base is not sure of was put off ("这一步办完后，
// 把问题再发一次"): the likeliest answer is given, named, and the step asked again.
describe('a question mid-flow that could mean several things', () => {
  for (const asked of ['那咋查', '那怎么查']) {
    it(`"${asked}" at the family check's case number: the likeliest answer, named, then the number asked again`, async () => {
      const h = await dialogHarness();
      await h.say('帮我爸查一下办到哪一步了');
      const replies = await h.send(asked);
      const said = replies.map((r) => r.text ?? '').join('\n');
      expect(said).to.include('您问的可能是“');
      expect(said).to.not.include('把问题再发一次');
      const decision = h.kb.decide(asked);
      const likely = decision.kind === 'clarify' ? decision.options[0].entry : decision.kind === 'answer' ? decision.top.entry : undefined;
      expect(likely, decision.kind).to.not.equal(undefined);
      expect(said).to.include(likely!.answer.slice(0, 15));
      expect(replies.at(-1)!.text).to.include('案件号');
    });
  }

  it('the catalogue names the question answered', () => {
    expect(text.flow.asideLikely('办理进度怎么查询？')).to.include('办理进度怎么查询？');
  });
});
