import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness } from './harness.js';

const t = text.booking;

// Asked for an appraisal with no application, the person says they have not applied yet: they were
// told how to check progress. The application is offered, and a yes starts it.
describe('booking before applying: "我还没申请呢"', () => {
  for (const [opening, said] of [
    ['预约鉴定', '我还没申请呢'],
    ['想约个评残的时间', '俺都没提交过申请'],
    ['鉴定能约哪天', '还没报名呢'],
  ]) {
    it(`"${opening}" then "${said}": the application offered, a yes starts it`, async () => {
      const h = await dialogHarness();
      expect((await h.say(opening)).text).to.include(t.askCategory);
      const offered = await h.say(said);
      expect(offered.text).to.equal(t.notAppliedYet);
      expect(buttons(offered)).to.deep.equal([text.application.applyButton]);
      const started = await h.send('好');
      expect(started.map((r) => r.text).join('\n')).to.include('您同意吗');
    });
  }

  it('a category said is still the category', async () => {
    const h = await dialogHarness();
    await h.say('预约鉴定');
    expect((await h.say('肢体')).text).to.not.equal(t.notAppliedYet);
  });
});
