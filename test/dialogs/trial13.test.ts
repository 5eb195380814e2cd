import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { SAMPLE_ID_NUMBER, testIdNumber } from '../fixtures/cases.js';
import { applyOnline, buttons, dialogHarness, guardianNameFor, returnedCase, run, selfNewCertificateToAddress, withCase } from './harness.js';

// The final newcomer trial's dialog faults (trial 13), one block each, in the trial's numbering.
const s = text.status;
const h13 = text.handoff;
const b = text.booking;
const t = text.application;
const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '');

describe('trial 13: dialog faults', () => {
  describe('1. a relative\'s first message with the case number and the whole ID starts the family check, the tail read from the ID', () => {
    const said = (caseNo: string) => [
      `帮我姥姥查一下 ${caseNo} 身份证${SAMPLE_ID_NUMBER}`,
      `查下${caseNo} 身份证号${SAMPLE_ID_NUMBER}`,
      `查下${caseNo} 身份证号${SAMPLE_ID_NUMBER} 进度`,
    ];
    for (const i of [0, 1, 2]) {
      it(`"${said('YC…')[i]}" shows the case, masked, without asking for the tail`, async () => {
        const h = await withCase();
        const replies = texts(await h.send(said(h.record.caseNo)[i], 'zh-CN', 'son')).join('\n');
        expect(replies).to.include(`案件 ${h.record.caseNo}：`).and.include(s.subscribeAsk);
        expect(replies).to.not.include(s.familyAskId).and.not.include(SAMPLE_ID_NUMBER);
      });
    }

    it('a whole ID that is not the applicant\'s shows nothing of the case', async () => {
      const h = await withCase();
      const replies = texts(await h.send(`帮我姥姥查一下 ${h.record.caseNo} 身份证${testIdNumber(31, '1958-03-09')}`, 'zh-CN', 'son')).join('\n');
      expect(replies).to.not.include(`案件 ${h.record.caseNo}：`).and.not.include('王');
    });
  });

  describe('2. a deaf person\'s first message asking for a person to type with goes to the typed hand-off', () => {
    // Short or long, and asked with a trailing 不 ("…能打字找个人不", 16 characters).
    for (const said of ['我耳朵聋 电话接不了 能不能打字找个人', '俺是聋子 没法打电话 想找个工作人员打字说', '俺是聋子 打不了电话 能打字找个人不', '我是哑巴 能跟人打字聊不']) {
      it(`"${said}" joins the queue with the desk open`, async () => {
        const bot = await dialogHarness();
        expect((await bot.say(said)).text).to.equal(h13.queued(0, 4));
        expect(await bot.handoffStore.list({ status: ['queued'] })).to.have.length(1);
      });

      it(`"${said}" is queued for a typed reply with the desk closed: no phone asked`, async () => {
        const bot = await dialogHarness();
        bot.desk.agentsOnDuty = 0;
        expect((await bot.say(said)).text).to.equal(h13.nobodyTyped);
        expect(await bot.handoffStore.list({ status: ['callback'] })).to.have.length(0);
      });
    }

    for (const said of ['打不了电话 俺是聋子', '我耳朵聋了 没法接电话']) {
      it(`"${said}" alone is offered the typed desk, never the hotline numbers; "转人工" then queues a typed reply`, async () => {
        const bot = await dialogHarness();
        bot.desk.agentsOnDuty = 0;
        const offer = await bot.say(said);
        expect(offer.text).to.equal(h13.typedOffer).and.not.include('12345');
        expect(buttons(offer)[0]).to.equal(h13.typedOfferButton);
        expect((await bot.say(h13.typedOfferButton)).text).to.equal(h13.nobodyTyped);
      });
    }

    it('a long question about someone else who is deaf is no hand-off', async () => {
      const bot = await dialogHarness();
      await bot.say('我爸耳朵聋 电话接不了 能不能找个人帮他办残疾证');
      expect(await bot.handoffStore.list({ status: ['queued', 'callback'] })).to.have.length(0);
    });
  });

  describe('6. a relative asking about the appraisal of a case whose home visit is asked for', () => {
    /** user1's case still at 已提交, a home appraisal asked for, checked by the relative "son". */
    async function homeCaseChecked() {
      const h = await withCase('submitted');
      expect(await h.useCases.appointments.requestHome(h.record.caseNo, 'test:user1', '走不了路')).to.equal('recorded');
      await h.sayAs('son', h.record.caseNo);
      expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
      await h.sayAs('son', '不用了');
      return h;
    }

    it('"他啥时候去鉴定" says the review comes first, then the hospital phones for the home visit; not how to book', async () => {
      const h = await homeCaseChecked();
      expect((await h.sayAs('son', '他啥时候去鉴定')).text).to.equal(b.homeAfterReview(h.record.caseNo, s.stageNames.submitted, '139****0000'));
    });

    it('"要带啥" says what to have ready at home, not what to take to the hospital', async () => {
      const h = await homeCaseChecked();
      const said = (await h.sayAs('son', '要带啥')).text!;
      expect(said).to.include('上门评定不用去医院').and.not.include('去示范市人民医院');
    });

    it('the applicant\'s own "要带啥" at the appraisal stage with a home visit asked for: the same', async () => {
      const h = await withCase();
      await h.useCases.appointments.requestHome(h.record.caseNo, 'test:user1', '卧床');
      expect((await h.say('要带啥')).text).to.include('上门评定不用去医院').and.not.include('去示范市人民医院');
    });
  });

  describe('7. at the guardian\'s name, "我就是 我是她奶奶 张桂兰" takes the name and the relation', () => {
    const toGuardianName = guardianNameFor('给我孙女办');

    it('the guardian is named and the relation is not asked again', async () => {
      const h = await run([...toGuardianName, ['我就是 我是她奶奶 张桂兰', t.prompts.guardianId], [SAMPLE_ID_NUMBER, t.prompts.channel]]);
      const draft = (await h.drafts.get('test:user1'))!;
      expect(draft.draft.values).to.include({ guardianName: '张桂兰', guardianRelation: '其他近亲属' });
    });

    it('"我就是" alone says the guardian is the speaker and asks their name', async () => {
      const h = await run(toGuardianName);
      expect(texts(await h.send('我就是'))[0]).to.equal(t.guardianIsSpeaker);
    });
  });

  describe('8. at the returned phone, saying the number is right in one\'s own words offers keeping it', () => {
    for (const said of ['号码没毛病啊 那天下地了没听见', '号码没问题 那天没接着', '电话对着呢 就是没听见']) {
      it(`"${said}" offers the keep-number button, never the phone format error`, async () => {
        const h = await returnedCase('accepted');
        await h.send('修改退回的申请');
        const offered = await h.send(said);
        expect(texts(offered).at(-1)).to.equal(`${s.correctKeepPhone}\n${text.application.prompts.phone}`);
        expect(buttons(offered.at(-1)!)).to.deep.equal([s.keepPhoneButton]);
        expect(texts(offered).join('\n')).to.not.include('格式不对');
      });
    }
  });

  describe('12. after the applicant cancelled the booking, a relative asking its day is told there is none now', () => {
    for (const asked of ['他约的哪天', '她啥时候去鉴定']) {
      it(`"${asked}"`, async () => {
        const h = await withCase();
        await h.say('我想预约下周二上午鉴定');
        await h.say('对');
        await h.say('取消预约');
        await h.say('确定取消');
        expect(await h.slots.activeBookingOf(h.record.caseNo)).to.equal(undefined);
        await h.sayAs('son', h.record.caseNo);
        await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6));
        await h.sayAs('son', '不用了');
        expect((await h.sayAs('son', asked)).text).to.equal(b.caseNotBooked(h.record.caseNo));
      });
    }
  });

  describe('11. questions at a step in one\'s own words get that step\'s answer', () => {
    it('"他叫啥你问这个干啥" at the name step says why the name is needed, and the name is asked again', async () => {
      const h = await run(selfNewCertificateToAddress.slice(0, 5));
      const replies = texts(await h.send('他叫啥你问这个干啥'));
      expect(replies[0]).to.include(t.fieldAnswers.name.why);
      expect(replies.at(-1)).to.include(t.prompts.name);
    });

    it('"没有照片 家里没有白墙" at the photo step says how to take one anyway, and the photo is asked again', async () => {
      const h = await dialogHarness();
      expect((await applyOnline(h)).replies.at(-1)?.text).to.equal(text.upload.ask.photos);
      const replies = texts(await h.send('没有照片 家里没有白墙'));
      expect(replies[0]).to.equal(text.upload.without.photos);
      expect(replies.at(-1)).to.include(text.upload.ask.photos);
    });
  });
});
