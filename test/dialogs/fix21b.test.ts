import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { buttons, dialogHarness } from './harness.js';

// fix21b: review 13's findings 1, 2 and 7: the change to mailing, what starts it, and a relative's
// questions after a family check (each in the reviewer's words and in others).
const s = text.status;
const app = text.application;
const c = s.checkedCaseAnswers;

describe('fix21b', () => {
  describe('switching to mailing: only an address is taken, the one on the case kept, a way out', () => {
    const ON_CASE = '示例县城关镇示例路 1 号 2 单元 301 室';
    /** user1's online case to be picked up, with the applicant's address on it unless `noAddress`. */
    async function pickupCase(noAddress = false) {
      const address = noAddress ? undefined : ON_CASE;
      const h = await dialogHarness();
      const record = await h.cases.create(
        newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { address }, delivery: 'pickup', stage: 'pre_review' }),
        h.clock.now(),
      );
      return { ...h, record };
    }
    type Harness = Awaited<ReturnType<typeof pickupCase>>;
    const mailed = async (h: Harness) => {
      const record = (await h.cases.get(h.record.caseNo))!;
      // Where the certificate goes: a mailing address given apart (fix22b), else the applicant's.
      return { delivery: record.delivery, address: record.mailTo ?? record.applicant.address };
    };
    /** Asked to mail, and said yes: at the address step. */
    async function atAddress(h: Harness, asked = '改成邮寄') {
      const ask = await h.say(asked);
      expect(ask.text).to.equal(s.mail.offerAgain);
      expect(buttons(ask)).to.deep.equal(s.mail.offerButtons);
      return h.say(s.mail.offerButtons[0]);
    }

    for (const [said, also] of [['就寄到原来那个地址', '没有'], [s.mail.onCaseButton, undefined], ['寄户口上的那个', '没有']] as const) {
      it(`"${said}": mailed to the address on the case, which stays`, async () => {
        const h = await pickupCase();
        const prompt = await atAddress(h);
        expect(prompt.text).to.equal(app.prompts.address);
        expect(buttons(prompt)).to.deep.equal([s.mail.onCaseButton]);
        expect((await h.say(said)).text).to.equal(s.mail.doneOnCase);
        if (also) await h.say(also);
        expect(await mailed(h)).to.deep.equal({ delivery: 'mail', address: ON_CASE });
      });
    }

    it('no address on the case: "就寄到原来那个地址", then "没有", is no address, and nothing is said done', async () => {
      const h = await pickupCase(true);
      const prompt = await atAddress(h);
      expect(buttons(prompt)).to.deep.equal([]);
      const replies = [(await h.say('就寄到原来那个地址')).text, (await h.say('没有')).text, (await h.say('就那个呗')).text];
      expect(replies[0]).to.equal(app.errors.address);
      for (const reply of replies) expect(reply).to.not.include(s.mail.done('').split('“')[0]);
      expect(await mailed(h)).to.deep.equal({ delivery: 'pickup', address: undefined });
    });

    it('no address on the case, a street without its number: "就寄到原来那个地址" is not the number; "没有" is', async () => {
      const h = await pickupCase(true);
      await atAddress(h);
      expect((await h.say('城关镇东街')).text).to.equal(app.prompts.houseNumber);
      expect((await h.say('就寄到原来那个地址')).text).to.equal(app.errors.address);
      expect((await h.say('没有')).text).to.equal(s.mail.done('城关镇东街'));
      expect(await mailed(h)).to.deep.equal({ delivery: 'mail', address: '城关镇东街' });
    });

    for (const [said, address] of [
      ['城关镇东街8号 收件人写我闺女 电话13912345678', '城关镇东街8号'],
      ['寄到河东乡李村3组 手机13800001111 找我儿子', '河东乡李村3组'],
    ] as const) {
      it(`"${said}": the address alone, not the phone nor who receives it`, async () => {
        const h = await pickupCase();
        await atAddress(h);
        expect((await h.say(said)).text).to.equal(s.mail.done(address));
        expect(await mailed(h)).to.deep.equal({ delivery: 'mail', address });
      });
    }

    it('a question at the address step is stored as nothing', async () => {
      const h = await pickupCase();
      await atAddress(h);
      const reply = (await h.say('寄过来要花钱不')).text;
      expect(reply).to.not.equal(app.errors.address);
      expect(reply).to.not.include(s.mail.done('').split('“')[0]);
      expect(await mailed(h)).to.deep.equal({ delivery: 'pickup', address: ON_CASE });
    });

    for (const said of ['算了', '不改了', '那不寄了吧']) {
      it(`"${said}" at the address: nothing changes`, async () => {
        const h = await pickupCase();
        await atAddress(h);
        expect((await h.say(said)).text).to.equal(s.mail.kept);
        expect(await mailed(h)).to.deep.equal({ delivery: 'pickup', address: ON_CASE });
      });
    }
  });

  describe('what starts the change to mailing: the certificate, asked first', () => {
    async function pickupCase() {
      const h = await dialogHarness();
      await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, delivery: 'pickup', stage: 'pre_review' }), h.clock.now());
      return h;
    }

    for (const said of ['评定能改成送上门的吗', '材料改成快递寄行不', '能不能帮我寄过来 身份证复印件', '检查报告能寄过来吗', '病历能不能帮我寄过来', '鉴定结果可以寄给我吗']) {
      it(`"${said}" is not the certificate's delivery`, async () => {
        const h = await pickupCase();
        const reply = await h.say(said);
        expect(reply.text).to.not.equal(s.mail.offerAgain);
        expect(reply.text).to.not.equal(app.prompts.address);
      });
    }

    for (const said of ['证能寄到家不', '改成邮寄', '帮我把证改成邮寄', '领证能不能换成快递', '能不能寄到家里']) {
      it(`"${said}": asked whether to change it, before any address`, async () => {
        const h = await pickupCase();
        const reply = await h.say(said);
        expect(reply.text).to.equal(s.mail.offerAgain);
        expect((await h.say('不用了')).text).to.equal(s.mail.kept);
      });
    }
  });

  describe('a relative after a family check: the case\'s answers only for the questions they answer', () => {
    async function checked() {
      const h = await dialogHarness();
      const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, stage: 'appraisal_scheduled' }), h.clock.now());
      expect(await h.useCases.appointments.requestHome(record.caseNo, 'test:user1', '卧床')).to.equal('recorded');
      await h.sayAs('son', record.caseNo);
      await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6));
      return h;
    }
    // SAMPLE_ID_NUMBER is a woman's: 她.
    const canned = [c.homeWhoIsIn('她'), c.homeRecords('她'), c.records('她'), c.result, c.firstFee(true), c.firstFee(false), c.homeHour('她', '下午'), c.homeHour('她', '上午')];

    for (const said of [
      '她有了残疾证还能上班吗',
      '我上班的单位能给残疾人交社保吗',
      '他残疾了以后还能不能去上班',
      '病历丢了怎么办',
      '检查报告在哪打印',
      '片子找不到了咋整',
      '证能用多久',
      '残疾证有效期多久 到期了啥时候换',
      '证过期了多长时间内要换',
      '下午来办事的话窗口几点关门',
      '上门评定要收费吗 我听说第二次要钱',
    ]) {
      it(`"${said}": not the checked case's canned answer`, async () => {
        const h = await checked();
        // The first reply: a canned answer would be followed by the offer made again (fix22a).
        const [reply] = (await h.send(said, 'zh-CN', 'son')).map((a) => a.text ?? '');
        expect(canned).to.not.include(reply);
      });
    }

    it('the step\'s own questions still are', async () => {
      const h = await checked();
      const ask = async (said: string) => (await h.send(said, 'zh-CN', 'son')).map((a) => a.text ?? '')[0];
      expect(await ask('上门那天我得上班 咋办')).to.equal(c.homeWhoIsIn('她'));
      expect(await ask('要把病历带上吗')).to.equal(c.homeRecords('她'));
      expect(await ask('多久能拿到证')).to.equal(c.result);
    });

    it('the applicant is named by the catalogue\'s pronoun', () => {
      expect([s.pronoun('female'), s.pronoun('male'), s.pronoun(undefined)]).to.deep.equal(['她', '他', '申请人']);
    });
  });
});
