import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress, withCase, type Step } from './harness.js';

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
  describe('W42: a bare cost question after the grades is the re-appraisal fee the answer offers, not the fraud warning', () => {
    for (const [first, then] of [
      ['我办证的时候评的二级 现在又严重了 想评一级 咋弄', '要多少钱'],
      ['残疾等级变了想重新评 咋办', '收费不'],
      ['俺现在比以前重了 想评个一级 咋申请', '要钱不'],
    ]) {
      it(`${first} → ${then}`, async () => {
        const h = await dialogHarness();
        await h.say(first);
        const reply = await h.say(then);
        expect(reply.text).to.include('一般由您自己付评定费').and.not.include('骗子');
      });
    }
  });

  describe('W25: moving an appraisal asked with none booked is answered, no booking begun', () => {
    for (const said of ['评定那天我发烧了去不了能改期不', '鉴定那天有事去不了 能换个时间吗', '评残的日子能改不 那天俺要住院']) {
      it(said, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text).to.include('重新约一个时间').and.not.include(text.booking.noCaseYet);
      });
    }
  });

  describe('N6: at the summary, where to pick up the card offers mailing; after booking, the companion and illness', () => {
    const toSummary: Step[] = [...selfNewCertificateToAddress.slice(0, -1), ['自己去领', app.summary.intro]];
    for (const said of ['在哪领 我上班没空', '领证得本人去吗 我没时间', '证去哪拿啊']) {
      it(`"${said}": where, and mailing offered; said that way, the address is asked`, async () => {
        const h = await run(toSummary);
        const replies = (await h.send(said)).map((r) => r.text);
        expect(replies[0]).to.equal(app.summary.pickupWhere);
        expect((await h.say('领证方式改成邮寄到家')).text).to.equal(app.prompts.address);
      });
    }
    async function booked() {
      const h = await withCase('appraisal_scheduled');
      await h.send('预约下周二上午鉴定');
      await h.send('对');
      return h;
    }
    for (const said of ['能不能让孩子爸带去 我那天走不开', '那天我走不开 换她奶奶陪着去行不']) {
      it(`"${said}": the companion's answer`, async () => {
        expect((await (await booked()).say(said)).text).to.include('家属不能代替，但可以陪同');
      });
    }
  });
});
