import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { FakeClock } from '../support.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress, withCase, type Step } from './harness.js';

const app = text.application;
const USER = 'test:user1';
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const values = async (h: Harness) => (await h.drafts.get(USER))?.draft.values ?? {};
const toSummaryAt = (address: string): Step[] => [...selfNewCertificateToAddress, [address, app.summary.intro]];

describe('fix19a: the form and after submission (trial 17)', () => {
  describe('F2: an address corrected at the summary keeps no words about the mistake, and is read back', () => {
    const corrections: [string, string, string][] = [
      ['城关镇东关村三组', '地址说错了 是东关村四组28号 不是三组', '城关镇东关村四组28号'],
      ['城关镇北关村二组', '不对 地址是北关村五组 刚才说错了', '城关镇北关村五组'],
      ['城关镇北关村二组', '地址写错了 应该是北关村三组15号 不是二组', '城关镇北关村三组15号'],
      ['城关镇东街12号', '住址我打错了，是东街21号', '城关镇东街21号'],
      ['城关镇幸福路8号', '地址不对，应该是幸福路18号，我刚刚写错了', '城关镇幸福路18号'],
    ];
    for (const [before, said, address] of corrections) {
      it(`${before}: "${said}" → ${address}`, async () => {
        const h = await run(toSummaryAt(before));
        const replies = (await h.send(said)).map((r) => r.text).join('\n');
        expect(replies).to.include(app.summary.changedTo(app.labels.address, address)).and.include(`${app.labels.address}：${address}\n`);
        expect(await values(h)).to.include({ address });
      });
    }
  });

  describe('F1: someone who says they can only type is offered typing here, never the hotline numbers', () => {
    for (const said of ['我是聋哑人 听不见也说不了话 电话打不了 只能打字', '我是聋人 不能打电话 有事只能打字', '我是聋子 只能打字 电话打不了', '俺是聋哑人 打不了电话 有啥事就只能打字']) {
      it(`"${said}": the typed offer, 转人工 once among the buttons`, async () => {
        const bot = await dialogHarness();
        const offer = await bot.say(said);
        expect(offer.text).to.equal(text.handoff.typedOffer).and.not.include('12345');
        expect(buttons(offer).filter((b) => b === text.handoff.typedOfferButton)).to.have.length(1);
      });
    }
  });

  describe('F4: a home visit asked in one\'s own words after booking offers the swap, and a yes makes it', () => {
    const b = text.booking;
    async function booked() {
      const h = await withCase('appraisal_scheduled');
      await h.send('预约下周二上午鉴定');
      await h.send('对');
      expect(await h.slots.activeBookingOf(h.record.caseNo)).to.not.equal(undefined);
      return h;
    }
    for (const said of ['俺截肢了走不了道 能不能来家里', '那给俺登记个上门的吧 医院俺去不了', '我要申请上门鉴定', '腿不行了 能让人上门来不']) {
      it(`"${said}": the booking named and the swap offered; "改成上门" cancels it and records the home visit`, async () => {
        const h = await booked();
        const offer = await h.say(said);
        expect(offer.text).to.equal(b.homeWhileBooked('示范市人民医院11月24日（周二）上午'));
        expect(buttons(offer)).to.deep.equal(b.homeInsteadButtons);
        const done = await h.say('改成上门');
        expect(done.text).to.include('已经为您登记了上门鉴定');
        expect(await h.slots.activeBookingOf(h.record.caseNo)).to.equal(undefined);
        expect((await h.cases.get(h.record.caseNo))!.homeAppraisal).to.not.equal(undefined);
      });
    }

    it('"还是去医院" keeps the booking', async () => {
      const h = await booked();
      await h.say('能不能来家里给俺看');
      expect((await h.say('还是去医院')).text).to.equal(b.kept);
      expect(await h.slots.activeBookingOf(h.record.caseNo)).to.not.equal(undefined);
      expect((await h.cases.get(h.record.caseNo))!.homeAppraisal).to.equal(undefined);
    });

    it('"俺走不动 能来家里不" with the case in review and nothing booked records the home visit', async () => {
      const h = await withCase('pre_review');
      expect((await h.say('俺走不动 能来家里不')).text).to.include('已经为您登记了上门鉴定');
    });
  });

  describe('F7: the form takes a change of the step before, items added at the summary, and answers said with a question', () => {
    /** Self, a new certificate, materials at the window: at the delivery question. */
    const atDelivery: Step[] = [...selfNewCertificateToAddress.slice(0, 10), ['到窗口办', app.prompts.delivery]];
    for (const said of ['不對 還是網上弄吧 俺孫子會弄手機', '交材料那个改成网上', '算了 还是网上提交吧']) {
      it(`"${said}" at the delivery changes the channel, says so, and asks the delivery again`, async () => {
        const h = await run(atDelivery);
        const replies = (await h.send(said)).map((r) => r.text);
        expect(replies).to.deep.equal([app.summary.changedTo(app.labels.channel, '网上提交'), app.prompts.delivery]);
        expect(await values(h)).to.include({ channel: 'online' });
      });
    }

    it('"不对" alone at the delivery changes nothing', async () => {
      const h = await run(atDelivery);
      await h.send('不对');
      expect(await values(h)).to.include({ channel: 'window' });
    });

    for (const [said, item] of [['还有那个低保的生活补贴俺也要', 'living-allowance'], ['护理补贴也给办上', 'care-allowance'], ['再加一个重度残疾人护理补贴', 'care-allowance']] as const) {
      it(`"${said}" at the summary adds the item, says so, and asks what it needs`, async () => {
        const h = await run(toSummaryAt('城关镇东街1号'));
        const replies = (await h.send(said)).map((r) => r.text).join('\n');
        expect(replies).to.include(app.itemAdded(app.itemOptions[item]));
        expect((await values(h)).picks).to.include(item).and.include('cert-new');
      });
    }

    for (const back of ['哎 还是要吧', '又要了', '加回来']) {
      it(`"${back}" right after an item was left out puts it back`, async () => {
        const h = await run([...toSummaryAt('城关镇东街1号'), ['护理补贴也要', app.itemAdded(app.itemOptions['care-allowance'])]]);
        await h.send('算了护理补贴不要了');
        expect((await values(h)).picks).to.deep.equal(['cert-new']);
        expect((await h.send(back)).map((r) => r.text).join('\n')).to.include(app.itemAdded(app.itemOptions['care-allowance']));
        expect((await values(h)).picks).to.include('care-allowance');
      });
    }

    /** Self, the living allowance with a new certificate: at the 低保 question. */
    const atDibao: Step[] = [
      ...selfNewCertificateToAddress.slice(0, 3),
      ['困难残疾人生活补贴', ''],
      ['选好了', app.prompts.hasCertificate],
      ['还没有', app.prompts.name],
      ...selfNewCertificateToAddress.slice(5, 9),
      ['肢体', app.prompts.dibao],
    ];
    for (const said of ['她不是低保 能领生活补贴吗', '俺家没吃低保 那生活补贴还能办不']) {
      it(`"${said}" at the 低保 question is its answer: the allowance's rule said, never "不一定", and not asked again`, async () => {
        const h = await run(atDibao);
        const replies = (await h.send(said)).map((r) => r.text);
        expect(replies[0]).to.equal(app.dropped['living-allowance']);
        expect(replies.join('\n')).to.not.include('不一定').and.not.include(app.prompts.dibao);
        expect(await values(h)).to.include({ dibao: false });
      });
    }

    for (const said of ['她耳朵也背 用我的电话吧 13598761234', '电话打我的 135 9876 1234']) {
      it(`"${said}" at the ID step is kept for the phone, and the ID asked again`, async () => {
        const h = await run(selfNewCertificateToAddress.slice(0, 6));
        const replies = (await h.send(said)).map((r) => r.text).join('\n');
        expect(replies).to.include(app.prompts.idNumber).and.not.include('少了');
        expect(await values(h)).to.include({ phone: '13598761234' });
      });
    }

    it('11 digits alone at the ID step are still a short ID number', async () => {
      const h = await run(selfNewCertificateToAddress.slice(0, 6));
      expect((await h.say('13010219550')).text).to.include('少了7位');
    });
  });

  describe('F10: an ID number with a letter O for a zero is read', () => {
    for (const typed of ['11010519491231OO2X', '身份证号110105194912310o2x']) {
      it(`"${typed}"`, async () => {
        const h = await run(selfNewCertificateToAddress.slice(0, 6));
        expect((await h.say(typed)).text).to.equal(app.prompts.phone);
        expect(await values(h)).to.include({ idNumber: '11010519491231002X' });
      });
    }
  });

  describe('F10: nobody signed in within the desk\'s hours is not "上班后"', () => {
    for (const said of ['转人工', '我要找个真人']) {
      it(`"${said}" in hours with nobody on duty: no "上班后"; out of hours, the hours said`, async () => {
        const bot = await dialogHarness();
        bot.desk.agentsOnDuty = 0;
        expect((await bot.say(said)).text).to.equal(text.handoff.nobodyAskPhone).and.not.include('上班后');
        const late = await dialogHarness({ clock: new FakeClock(new Date('2026-11-20T14:00:00Z')) });
        expect((await late.say(said)).text).to.equal(text.handoff.closedAskPhone(late.region.desk.hours));
      });
    }

    it('someone who can only type, in hours with nobody on duty, is queued and told a person replies here once one is in', async () => {
      const bot = await dialogHarness();
      bot.desk.agentsOnDuty = 0;
      expect((await bot.say('我是聋人 打不了电话 想找人工打字')).text).to.equal(text.handoff.nobodyTyped);
    });
  });

  describe('F9: "提交了我还得干啥" at the summary is told what is left from this application', () => {
    for (const said of ['提交了我还得干啥 要跑几趟', '交上去以后还要我做啥', '还得跑几趟']) {
      it(`"${said}" (online, mailed): upload, the hospital once, mailed`, async () => {
        const h = await run(toSummaryAt('城关镇东街1号'));
        const reply = (await h.send(said)).map((r) => r.text).join('\n');
        expect(reply).to.include(app.summary.left.intro([app.summary.left.online, app.summary.left.hospital, app.summary.left.mail].join('')));
      });
    }

    it('at the window, with a home appraisal asked for, picked up', async () => {
      const h = await run([...selfNewCertificateToAddress.slice(0, 10), ['到窗口办', app.prompts.delivery], ['自己去领', '']]);
      await h.send('俺走不了路 要上门评定');
      const reply = (await h.send('提交了我还得干啥')).map((r) => r.text).join('\n');
      expect(reply).to.include(app.summary.left.intro([app.summary.left.window, app.summary.left.home, app.summary.left.pickup].join('')));
    });
  });

  describe('F10: an opener telling of the speaker\'s own leg or eye is for the speaker, not asked whom', () => {
    for (const said of ['俺要办个残疾证 俺这条腿前年截了', '我想办残疾证 我这只眼睛看不见了', '俺要办残疾证 俺两条腿都瘫了']) {
      it(`"${said}"`, async () => {
        const h = await run([[said, app.consent]]);
        const reply = (await h.send('同意')).map((r) => r.text).join('\n');
        expect(reply).to.not.include(app.prompts.role);
        expect(await values(h)).to.include({ role: 'self' });
      });
    }
  });

  describe('F8: asked where to pick up, or unable to go alone, on one\'s own case to be picked up', () => {
    async function pickupCase() {
      const h = await dialogHarness();
      await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, delivery: 'pickup', stage: 'pre_review' }), h.clock.now());
      return h;
    }
    for (const said of ['自己去领证的话在哪领 我一个人去不了', '证办好了去哪拿', '俺一个人去不了 证咋领']) {
      it(`"${said}": the pickup chosen, where, and the change to mail offered (fix20b: made in the chat)`, async () => {
        const h = await pickupCase();
        const reply = await h.say(said);
        expect(reply.text).to.equal(app.pickupAnswer);
        expect(buttons(reply)).to.deep.equal(text.status.mail.offerButtons);
      });
    }

    it('on a case to be mailed the general answer stays', async () => {
      const h = await dialogHarness();
      await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, delivery: 'mail', stage: 'pre_review' }), h.clock.now());
      // The mailing entry's answer (review 12 #14: a negative assert alone passed on any reply).
      expect((await h.say('证办好了去哪拿')).text).to.include(h.kb.entry('flow-delivery')!.answer);
    });
  });

  describe('F9: a question about a material at the items step is answered, not told "材料不用在这一步选"', () => {
    for (const said of ['他身份证找不着了咋办', '照片没有咋整']) {
      it(`"${said}"`, async () => {
        const h = await run(selfNewCertificateToAddress.slice(0, 3));
        const replies = (await h.send(said)).map((r) => r.text).join('\n');
        expect(replies).to.not.include(app.materialsLater);
        expect(replies).to.include(app.prompts.items);
      });
    }

    it('"身份证" said alone there is still told the materials come later', async () => {
      const h = await run(selfNewCertificateToAddress.slice(0, 3));
      expect((await h.send('身份证')).map((r) => r.text).join('\n')).to.include(app.materialsLater);
    });
  });

  describe('F7: items named at the items step beside a question are taken, and the question answered', () => {
    for (const [said, picks] of [['证和生活补贴 他是一级的能领护理补贴不', ['cert-new', 'living-allowance']], ['办残疾证 护理补贴要钱不', ['cert-new']]] as const) {
      it(`"${said}"`, async () => {
        const h = await run(selfNewCertificateToAddress.slice(0, 3));
        const replies = (await h.send(said)).map((r) => r.text);
        expect(replies.length).to.be.greaterThan(1);
        expect(replies.at(-1)).to.include('已选：');
        expect((await values(h)).picks).to.deep.equal([...picks]);
      });
    }
  });
});
