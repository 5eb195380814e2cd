import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress } from './harness.js';

const t = text.booking;
const app = text.application;
const s = text.status;
// The harness clock: Friday 2026-11-20, 10:00 Beijing. The people's hospital (肢体, 听力, 视力,
// 言语) sees appraisals Tuesday morning and afternoon and Thursday morning.
const EARLIEST = '11月24日（周二）上午、11月24日（周二）下午、11月26日（周四）上午';

describe('Trial 16: dialog faults', () => {
  describe('looking at the appraisal times with no application', () => {
    const starts: [string, string][] = [
      ['我要预约鉴定', '肢体'],
      ['想约个评残的时间', '1'],
      ['鉴定能约哪天', '听力'],
    ];
    for (const [opening, category] of starts) {
      it(`"${opening}": the apply-first preface once, then days asked are answered from the free times`, async () => {
        const h = await dialogHarness();
        const asked = await h.say(opening);
        expect(asked.text).to.equal(`${t.noCaseYet}\n${t.askCategory}`);
        const times = await h.say(category);
        expect(times.text).to.equal(t.earliestInfo('示范市人民医院', EARLIEST));
        const monday = await h.say('下周一上午有没有');
        expect(monday.text).to.equal(`${t.noSessionThatDay('11月23日（周一）', '示范市人民医院')}${t.nearestFree('11月24日（周二）上午、11月26日（周四）上午、12月1日（周二）上午')}\n${t.browseOnly}`);
        expect(buttons(monday)).to.deep.equal([text.application.applyButton]);
        // Said once: later days get the answer alone, and never the category question again.
        const thursday = await h.say('周四行不');
        expect(thursday.text).to.equal(t.freeThatDay('11月26日（周四）上午'));
        expect(buttons(thursday)).to.deep.equal([text.application.applyButton]);
        for (const earliest of ['最早哪天', '最快什么时候有位置', '哪天有空', '最早的下午呢']) {
          const reply = await h.say(earliest);
          expect(reply.text, earliest).to.include('最近能约的时间有').and.not.include(t.noCaseYet).and.not.include(t.browseOnly);
        }
        expect((await h.say('12月1号那天呢')).text).to.equal(t.freeThatDay('12月1日（周二）上午、12月1日（周二）下午'));
        expect(await h.unanswered.list(10)).to.have.length(0);
        // The button starts the application.
        const apply = await h.send(text.application.applyButton);
        expect(apply.at(-1)?.text).to.equal(text.application.consent);
      });
    }

    it('a question that is no day leaves the times and is answered as any other', async () => {
      const h = await dialogHarness();
      await h.say('我要预约鉴定');
      await h.say('肢体');
      const reply = await h.say('护理补贴谁能领');
      expect(reply.text).to.include('护理补贴').and.not.include('最近能约的时间');
      expect(buttons(reply)).to.include(text.answer.helpful);
    });
  });

  describe('asking whether this chat fills the form', () => {
    const asks = ['能帮我把表填了不', '你能帮我填申请表吗', '可以在这上面申请吗', '在这儿能直接申请不', '这里可以填表吗', '帮忙填一下表行吗', '能不能帮俺填下表'];
    for (const said of asks) {
      it(`"${said}" is offered the application here, the window as the other way`, async () => {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text).to.equal(text.application.fillHere).and.include('窗口');
        expect(buttons(reply)).to.deep.equal([text.application.applyButton]);
      });
    }

    for (const yes of ['好', '可以', '1', text.application.applyButton]) {
      it(`"${yes}" after the offer starts the application`, async () => {
        const h = await dialogHarness();
        await h.say('你能帮我填申请表吗');
        expect((await h.say(yes)).text).to.equal(text.application.consent);
      });
    }

    it('questions about the form itself are still the knowledge base\'s', async () => {
      const h = await dialogHarness();
      for (const question of ['申请表在哪领', '在这里申请要带什么']) expect((await h.say(question)).text, question).to.not.equal(text.application.fillHere);
    });
  });

  describe('the applicant\'s situation said at a step, not asked', () => {
    for (const said of ['她没有残疾证', '我还没有证呢', '俺娘还没办证', '没有证', '申请人还没有残疾人证']) {
      it(`"${said}" at the consent: this one form applies for the certificate and the subsidies, then the consent again`, async () => {
        const h = await dialogHarness();
        await h.say('我要申请');
        const replies = await h.send(said);
        expect(replies.map((r) => r.text)).to.deep.equal([app.noCertificateYet, `${app.continueAfterAnswer}${app.consent}`]);
        expect(buttons(replies[1])).to.deep.equal(app.consentButtons);
        // Kept: picking only a subsidy needs no question whether there is a certificate; 新办 comes with it.
        await run([['同意', app.prompts.role], ['给我自己', app.prompts.items], ['护理补贴', app.prompts.itemsMore('重度残疾人护理补贴')], ['选好了', app.prompts.name]], h);
        expect((await h.drafts.get('test:user1'))?.draft.values.hasCertificate).to.equal(false);
      });
    }

    it('a question about applying without one is still answered, and the consent asked again', async () => {
      const h = await dialogHarness();
      await h.say('我要申请');
      const replies = await h.send('还没办证能申请补贴吗');
      expect(replies.map((r) => r.text).join('\n')).to.include('一起申请').and.include(app.consent);
    });

    it('"她有残疾证" at the items is kept as held, never picks a new certificate', async () => {
      const h = await dialogHarness();
      await run([['我要申请', app.consent], ['同意', app.prompts.role], ['给我自己', app.prompts.items]], h);
      const replies = await h.send('她有残疾证');
      expect(replies.map((r) => r.text)).to.deep.equal([app.certificateHeld, `${app.continueAfterAnswer}${app.prompts.items}`]);
      expect((await h.drafts.get('test:user1'))?.draft.values).to.include({ hasCertificate: true }).and.not.have.property('picks');
    });

    it('someone who cannot leave bed, said at the consent, is heard before the consent is asked again', async () => {
      const h = await dialogHarness();
      await h.say('我要申请');
      const replies = await h.send('他瘫在床上好几年了');
      expect(replies.map((r) => r.text)).to.deep.equal([app.homeVisit.beforeItems, app.consent]);
    });
  });

  describe('a field typed before its question', () => {
    const toCategory = selfNewCertificateToAddress.slice(0, 9);
    const early: [string, string, string][] = [
      ['城关镇东街12号', 'address', '城关镇东街12号'],
      ['我家住在示范县人民路8号', 'address', '示范县人民路8号'],
      ['户口就在示范县', 'hukou', '示范县'],
    ];
    it('"城关镇东街12号" at the category: kept for the address, the category asked again in one message, the address not asked later', async () => {
      const h = await run(toCategory);
      const kept = await h.send('城关镇东街12号');
      expect(kept).to.have.length(1);
      expect(kept[0].text).to.equal(`${app.keptEarly(app.labels.address)}\n${app.prompts.category}`);
      expect(buttons(kept[0])).to.include('肢体');
      await run([['肢体', app.prompts.channel], ['网上提交', app.prompts.delivery]], h);
      const summary = await h.send('邮寄到家');
      expect(summary.at(-1)?.text).to.include('邮寄地址：城关镇东街12号');
    });

    for (const [said, key, value] of early) {
      it(`"${said}" at the name is kept for the ${key}, the name asked again`, async () => {
        const h = await run(selfNewCertificateToAddress.slice(0, 5));
        expect((await h.say(said)).text).to.equal(`${app.keptEarly(app.labels[key])}\n${app.prompts.name}`);
        expect((await h.drafts.get('test:user1'))?.draft.values).to.include({ [key]: value }).and.not.have.property('name');
      });
    }

    it('an ID number at the name is kept for its field and not asked again', async () => {
      const h = await run(selfNewCertificateToAddress.slice(0, 5));
      expect((await h.say('身份证号11010519491231002X')).text).to.equal(`${app.keptEarly(app.labels.idNumber)}\n${app.prompts.name}`);
      expect((await h.say('王建国')).text).to.equal(app.prompts.phone);
      // Said at the category, the way the form reads it at every step.
      const other = await run(toCategory);
      expect((await other.say('地址是城关镇幸福路8号')).text).to.equal(`${app.keptEarly(app.labels.address)}\n${app.prompts.category}`);
    });

    it('"孩子在上高中" and "俺家吃低保" before their questions are kept', async () => {
      const h = await run([['我要申请', app.consent], ['同意', app.prompts.role], ['给我自己', app.prompts.items]]);
      expect((await h.say('孩子在上高中')).text).to.equal(`${app.keptEarly(app.labels.student)}\n${app.prompts.items}`);
      await run([['困难残疾人生活补贴', app.prompts.itemsMore('困难残疾人生活补贴')], ['选好了', app.prompts.hasCertificate], ['还没有', app.prompts.name]], h);
      expect((await h.say('俺家吃低保')).text).to.equal(`${app.keptDibao(true)}\n${app.prompts.name}`);
      expect((await h.drafts.get('test:user1'))?.draft.values).to.include({ student: 'high', dibao: true });
    });

    it('a name is still a name, and a wrong answer still the step\'s error', async () => {
      const h = await run(selfNewCertificateToAddress.slice(0, 5));
      expect((await h.say('王建国')).text).to.equal(app.prompts.idNumber);
      const before = (await h.drafts.get('test:user1'))?.draft.values;
      expect((await h.say('1234567')).text).to.equal(app.errors.idLength(7));
      expect((await h.drafts.get('test:user1'))?.draft.values).to.deep.equal(before);
    });
  });

  describe('personal data typed alone, outside any flow', () => {
    const tails = ['身份证后六位 071235', '后6位是07123X', '071235'];
    for (const said of tails) {
      it(`"${said}" asks for the case number and keeps the tail, never the ID card's decline`, async () => {
        const h = await dialogHarness();
        await h.say('我的申请到哪了');
        const replies = await h.send(said);
        const all = replies.map((r) => r.text).join('\n');
        expect(all).to.include(s.caseNoForTail).and.include(s.familyAskCaseNo).and.not.include('派出所');
        expect(all).to.not.include(said.replace(/\D+/g, '').slice(0, 6));
        expect(await h.unanswered.list(10)).to.have.length(0);
      });
    }

    it('a whole ID number or a phone typed alone is told what the check needs, the tail kept for the number', async () => {
      const h = await dialogHarness();
      const id = await h.send('我身份证号是11010519491231002X 能查到吗');
      expect(id.map((r) => r.text).join('\n')).to.include(s.caseNoNotById).and.not.include('11010519491231002X');
      const phone = await (await dialogHarness()).send('手机 13912345678');
      expect(phone.map((r) => r.text).join('\n')).to.include(s.caseNoNotByPhone).and.not.include('13912345678');
      expect(await h.unanswered.list(10)).to.have.length(0);
    });

    it('the tail kept is checked with the case number given next', async () => {
      const h = await dialogHarness();
      const record = await h.cases.create(
        (await import('../fixtures/cases.js')).newCase({ submittedBy: { role: 'self', userKey: 'test:other' }, applicant: { idNumber: '11010519491231002X' } }),
        h.clock.now(),
      );
      await h.say('身份证后六位 31002X');
      const shown = await h.say(record.caseNo);
      expect(shown.text).to.include(record.caseNo).and.not.include(s.familyAskId);
    });
  });
});
