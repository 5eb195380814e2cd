import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness } from './harness.js';

const t = text.booking;
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
