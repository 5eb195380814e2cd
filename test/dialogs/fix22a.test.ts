import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER, testIdNumber } from '../fixtures/cases.js';
import { dialogHarness, run, selfAtDibao, selfNewCertificateToAddress, sonChecked, withCase } from './harness.js';

// fix22a: trial 19's leftovers in the dialogs (faults 5, 6, 8, 11, 12, 14), each in the trial's words and others.
const s = text.status;
const c = s.checkedCaseAnswers;
const app = text.application;
const to = app.textOnly;
/** All replies to one message, joined. */
const said = async (h: Awaited<ReturnType<typeof dialogHarness>>, input: string) => (await h.send(input)).map((a) => a.text ?? '').join('\n');
/** No phone number to call: neither hotline nor any other number. */
const NO_NUMBERS = /12345|12385|\d{7,}/u;

describe('fix22a', () => {
  describe('fault 5: a relative who sends the case number or the ID again keeps the check', () => {
    it('the trial\'s: the whole ID at the offer, then moving the day and what to bring, all of the checked case', async () => {
      const h = await sonChecked();
      const again = await h.ask(SAMPLE_ID_NUMBER);
      expect(again).to.include(s.alreadyChecked).and.include(s.subscribeAsk).and.not.include(SAMPLE_ID_NUMBER);
      expect(again).to.not.include(s.caseNoNotById).and.not.include(s.familyAskCaseNo);
      expect(await h.ask('改到12月4号')).to.include('只有提交申请的人能约').and.not.include(s.familyAskCaseNo);
      expect(await h.ask('她那天要带啥')).to.include('去示范市人民医院做评定要带').and.not.include(s.familyAskCaseNo);
    });

    for (const said of ['她身份证号是11010519491231002X', 'CASE', `CASE ${SAMPLE_ID_NUMBER.slice(-6)}`, SAMPLE_ID_NUMBER.slice(-6).toLowerCase()]) {
      it(`"${said}" after the offer was answered: found already, the case shown masked, nothing asked`, async () => {
        const h = await sonChecked();
        await h.ask('不用了');
        const again = await h.ask(said.replace('CASE', h.record.caseNo));
        expect(again).to.include(s.alreadyChecked).and.include('110***********002X').and.not.include(SAMPLE_ID_NUMBER);
        expect(again).to.not.include(s.familyAskId).and.not.include(s.familyAskCaseNo);
        expect(await h.ask('约的哪天')).to.include('12月10日');
      });
    }

    it('an ID of someone else after the check: the look-up asks its number, and a question of the checked case still reaches it', async () => {
      const h = await sonChecked();
      expect(await h.ask(testIdNumber(7, '1965-07-07'))).to.include(s.familyAskCaseNo);
      expect(await h.ask('她那天要带啥')).to.include('去示范市人民医院做评定要带').and.not.include(s.familyAskCaseNo);
    });
  });

  describe('fault 6: a case question at the offer of updates is answered from the case, and the offer made again', () => {
    it('the trial\'s: 医生上门那天俺得在家不 of a case booked at the hospital, then 要 subscribes', async () => {
      const h = await sonChecked();
      const home = await h.ask('医生上门那天俺得在家不');
      expect(home).to.include(c.notHome('她', c.bookedAt('2026-12-10', 'am', '示范市人民医院'))).and.include(s.subscribeAsk);
      expect(home).to.include('12月10日上午在示范市人民医院');
      expect(await h.ask('要')).to.equal(s.subscribed);
      expect(await h.family.subscribersOf(h.record.caseNo)).to.have.length(1);
    });

    for (const said of ['是上门评定吗', '家里要留人不', '医生会来家里吗']) {
      it(`"${said}" with nothing booked: no visit, the applicant books, and the offer again`, async () => {
        const h = await sonChecked(false);
        const reply = await h.ask(said);
        expect(reply).to.include(c.notHome('她')).and.include(s.subscribeAsk);
        expect(await h.ask('要')).to.equal(s.subscribed);
      });
    }

    it('a question of the case answered by its booking (what to bring, which day): the offer again, then 要 subscribes', async () => {
      const h = await sonChecked();
      expect(await h.ask('她那天要带啥')).to.include('去示范市人民医院做评定要带').and.include(s.subscribeAsk);
      expect(await h.ask('约的哪天')).to.include('12月10日').and.include(s.subscribeAsk);
      expect(await h.ask('要')).to.equal(s.subscribed);
    });

    it('asking for a home visit is no question of whether one comes', async () => {
      const h = await sonChecked(false);
      expect(await h.ask('能不能让医生上门评定')).to.not.include(c.notHome('她'));
    });
  });

  describe('fault 8: someone who can only type, asking whether they will be phoned, is told no', () => {
    for (const asked of ['你们会打电话给我吗', '工作人员会打过来吗', '会不会给我打电话']) {
      it(`"${asked}" while queued for the typed desk (the trial's 俺是哑巴): no call, the place kept`, async () => {
        const h = await dialogHarness();
        await h.say('俺是哑巴 打字中不');
        await h.say('转人工');
        const reply = await said(h, asked);
        expect(reply).to.include('不会给您打电话').and.include('打字回复您').and.include('排队');
        expect(reply).to.not.match(NO_NUMBERS);
      });
    }

    it('said before, with no one asked for: this chat, and how the hospital gets told', async () => {
      const h = await dialogHarness();
      await h.say('我听不见 只能打字');
      expect(await said(h, '你们会打电话给我吗')).to.equal(to.noCallsUs);
      expect(await said(h, '评定的时候医院会给我打电话不')).to.equal(to.noCallsNoCase);
    });

    for (const [asked, answer] of [['医院会打电话给俺吗 俺听不见', to.noCallsHospital], ['到时候医院打电话通知我吗 我是聋子', to.noCallsHospital], ['你们会打电话给我吗 我耳朵聋', to.noCallsUs]]) {
      it(`"${asked}" mid-form (the trial's S11): answered, noted on the application, and the question asked again`, async () => {
        const h = await run(selfNewCertificateToAddress.slice(0, 7));
        const reply = await said(h, asked);
        expect(reply).to.include(answer).and.include(app.prompts.phone);
        expect(reply).to.not.match(NO_NUMBERS);
        expect((await h.drafts.get('test:user1'))?.draft.values.textOnly).to.equal(true);
      });
    }

    it('with a case filed: noted on the case (audited, staff told), never phone numbers', async () => {
      const h = await withCase();
      const reply = await said(h, '医院会打电话给俺吗 俺听不见');
      expect(reply).to.include(to.noCallsHospital).and.not.match(NO_NUMBERS);
      const record = (await h.cases.get(h.record.caseNo))!;
      expect(record.contact).to.equal('text-only');
      expect(record.audit.at(-1)).to.include({ action: 'contact-text-only', note: to.caseNote });
    });

    it('right after submitting, at the materials\' step: answered, noted on the case, the photo asked again', async () => {
      const h = await run([...selfNewCertificateToAddress, ['示范县城关镇东大街12号', app.summary.intro]]);
      await h.send('确认提交');
      const reply = await said(h, '评定的时候医院给我打电话不 我耳朵听不见');
      expect(reply).to.include(to.noCallsHospital).and.include(text.upload.ask.photos).and.not.match(NO_NUMBERS);
      expect((await h.cases.openCasesOfUser('test:user1'))[0].contact).to.equal('text-only');
    });

    it('someone who never said so is answered as before', async () => {
      const h = await dialogHarness();
      expect(await said(h, '你们会打电话给我吗')).to.not.include(to.noCallsUs);
    });
  });

  describe('fault 11: after submitting with pickup, mailing is reached in people\'s words', () => {
    /** The chat user's case, its certificate to be picked up, no address on it (the form asks none for pickup). */
    async function pickupCase() {
      const h = await dialogHarness();
      const record = await h.cases.create(
        newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { address: undefined }, delivery: 'pickup', stage: 'pre_review' }),
        h.clock.now(),
      );
      return { ...h, record };
    }

    it('the trial\'s, right after submitting online: where, mailing offered, 那给俺寄家里吧 asks the address, the case mailed', async () => {
      const h = await run([...selfNewCertificateToAddress.slice(0, 10), ['网上提交', app.prompts.delivery], ['自己去领', app.summary.intro]]);
      await h.send('确认提交');
      expect(await said(h, '在哪领 我一个人去不了')).to.include(app.pickupAnswer);
      expect(await said(h, '那给俺寄家里吧')).to.equal(app.prompts.address);
      await h.say('示范县城关镇幸福路12号');
      const [record] = await h.cases.openCasesOfUser('test:user1');
      expect(record.delivery).to.equal('mail');
    });

    for (const asked of ['证去哪拿 俺腿脚不好去不了', '去哪里领取', '俺一个人去不了 咋领']) {
      it(`"${asked}": where, and mailing offered`, async () => {
        const h = await pickupCase();
        expect(await said(h, asked)).to.equal(app.pickupAnswer);
      });
    }

    for (const asked of ['那给俺寄家里吧', '还是寄到家里吧', '能给俺邮过来不']) {
      it(`"${asked}": the change to mailing, asked first`, async () => {
        const h = await pickupCase();
        expect(await said(h, asked)).to.equal(s.mail.offerAgain);
        expect(await said(h, '要')).to.equal(app.prompts.address);
      });
    }

    for (const asked of ['补贴在哪领', '在哪取钱', '结果去哪拿']) {
      it(`"${asked}" fetches something else: no mailing offered`, async () => {
        const h = await pickupCase();
        const reply = await said(h, asked);
        expect(reply).to.not.equal(app.pickupAnswer).and.not.equal(s.mail.offerAgain);
      });
    }
  });

  describe('fault 12: a phone changed right after submitting changes the case\'s', () => {
    const NEW = '13512349998';
    for (const asked of [`电话改成${NEW}`, '手机号换了 新号是135 1234 9998', `电话写错了 不是13812345678 是${NEW}`, `我换号了 ${NEW}`, `手机停机了 用这个${NEW}`]) {
      it(`"${asked}": changed, said back, audited without the number`, async () => {
        const h = await run([...selfNewCertificateToAddress, ['示范县城关镇东大街12号', app.summary.intro]]);
        await h.send('确认提交');
        const [{ caseNo }] = await h.cases.openCasesOfUser('test:user1');
        expect(await said(h, asked)).to.include(s.phoneChanged.changed(caseNo, NEW));
        const record = (await h.cases.get(caseNo))!;
        expect(record.applicant.phone).to.equal(NEW);
        expect(record.audit.at(-1)!.action).to.equal('phone-change');
        expect(JSON.stringify(record.audit)).to.not.include(NEW);
      });
    }

    it('the phone the case has already: said so, nothing changed', async () => {
      const h = await withCase();
      expect(await said(h, '电话改成13900000000')).to.equal(s.phoneChanged.same(h.record.caseNo, '13900000000'));
      expect((await h.cases.get(h.record.caseNo))!.audit.map((e) => e.action)).to.not.include('phone-change');
    });

    it('"电话没换 还是13900000000" changes nothing', async () => {
      const h = await withCase();
      await h.send('电话没换 还是13900000000');
      expect((await h.cases.get(h.record.caseNo))!.audit.map((e) => e.action)).to.not.include('phone-change');
    });
  });

  describe('fault 14: the 低保 field at the summary and its field picker', () => {
    /** At the summary, 低保 answered `dibao`. */
    const atSummary = (dibao: string) => run([...selfAtDibao, [dibao, app.prompts.channel], ['网上提交', app.prompts.delivery], ['邮寄到家', app.prompts.address], ['示范县城关镇东大街12号', app.summary.intro]]);
    const values = async (h: Awaited<ReturnType<typeof dialogHarness>>) => (await h.drafts.get('test:user1'))!.draft.values;

    it('the trial\'s: already low-income said again is no change; at the picker 低保那一项改成是 sets it', async () => {
      const h = await atSummary('不是低保 是低收入户');
      expect(await said(h, '低保那个填错了 俺家是低收入户')).to.include(app.summary.unchanged(app.labels.dibao, app.summary.dibaoStatus({ lowIncome: true })));
      expect(await said(h, '修改')).to.equal(app.summary.pickField);
      const reply = await said(h, '低保那一项改成是');
      expect(reply).to.include(app.summary.changedTo(app.labels.dibao, app.summary.yes)).and.include(app.summary.intro);
      expect((await values(h)).dibao).to.equal(true);
    });

    it('"低保填错了" at the summary asks the 低保 question', async () => {
      const h = await atSummary('是');
      expect(await said(h, '低保填错了')).to.equal(app.prompts.dibao);
    });

    it('at the picker: 低保那项 asks it; 低保那一项改成不是 sets it', async () => {
      const h = await atSummary('是');
      await h.say('修改');
      expect(await said(h, '低保那项')).to.equal(app.prompts.dibao);
      const other = await atSummary('是');
      await other.say('修改');
      expect(await said(other, '低保那一项改成不是')).to.include(app.summary.changedTo(app.labels.dibao, app.summary.no));
      expect((await values(other)).dibao).to.equal(false);
    });

    for (const back of ['确认提交', '不改了', '没有要改的']) {
      it(`"${back}" at the picker: the summary again, nothing submitted`, async () => {
        const h = await atSummary('是');
        await h.say('修改');
        expect(await said(h, back)).to.include(app.summary.intro).and.not.include(app.summary.pickField);
        expect(await h.cases.openCasesOfUser('test:user1')).to.deep.equal([]);
      });
    }
  });
});
