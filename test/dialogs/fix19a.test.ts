import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
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
});
