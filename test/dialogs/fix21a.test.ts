import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness, run, type Step } from './harness.js';

const app = text.application;

// Trial 18's leftovers (fix21a): N10, W31, W42, W25, N6.
describe('fix21a: trial 18 leftovers', () => {
  describe('N10: a deaf or mute person asking whether typing here will do is offered typing here, not queued', () => {
    for (const said of [
      '我耳朵听不见 从小就聋 打不了电话 只能在这打字问',
      '俺说不了话 在这打字行吗',
      '我天生聋哑 电话打不了 只能在这儿打字',
      '俺耳朵聋 接不了电话 就在这打字问吧',
    ]) {
      it(said, async () => {
        const bot = await dialogHarness();
        const reply = await bot.say(said);
        expect(reply.text).to.equal(text.handoff.typedOffer);
        expect(buttons(reply)).to.include(text.handoff.typedOfferButton);
        expect(await bot.handoffStore.list({ status: ['queued'] })).to.have.length(0);
      });
    }
    it('asking for a person to type with still reaches the desk', async () => {
      const bot = await dialogHarness();
      await bot.say('俺是聋子 打不了电话 在这打字找个人工行不');
      expect(await bot.handoffStore.list({ status: ['queued'] })).to.have.length(1);
    });
  });

  describe('W31: a child without an ID card, asked at the name or ID step, is told to use the 户口本 number', () => {
    const toName: Step[] = [
      ['我要办残疾证', app.consent],
      ['同意', app.prompts.role],
      ['替家人或被监护人', app.prompts.relation],
      ['给我闺女办 她九岁', app.prompts.itemsMore('残疾人证新办')],
      ['就这些', app.prompts.name],
    ];
    for (const said of ['孩子没有身份证能办不', '娃还没办身份证 咋填', '她没身份证 能申请吗']) {
      it(`at the name: "${said}"`, async () => {
        const h = await run(toName);
        const replies = (await h.send(said)).map((r) => r.text).join('\n');
        expect(replies).to.include(app.fieldAnswers.idNumber.none).and.include(app.prompts.name).and.not.include('派出所');
      });
    }
    it('at the ID number: "孩子没有身份证能办不"', async () => {
      const h = await run([...toName, ['王小明', app.prompts.idNumberMinor]]);
      const replies = (await h.send('孩子没有身份证能办不')).map((r) => r.text).join('\n');
      expect(replies).to.include(app.fieldAnswers.idNumber.none).and.not.include('派出所');
    });
  });
});
