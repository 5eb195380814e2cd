import { expect } from 'chai';
import type { SmsStore } from '../../data/sms.js';

const PHONE = '+8613812345678';
const OTHER = '+8613900001111';
const LIMITS = { perMinute: 1, perDay: 3 };
/** 10:00 Beijing time. */
const AT = new Date('2026-11-20T02:00:00Z');
const later = (ms: number) => new Date(AT.getTime() + ms);

/** The SmsStore contract: every backend runs these same tests; reopening a dir is a restart. */
export function smsStoreConformance(name: string, open: (dir: string) => Promise<SmsStore>, newDir: () => string) {
  describe(`SmsStore conformance: ${name}`, () => {
    it('keeps an opt-out across a restart, for that phone only', async () => {
      const dir = newDir();
      const store = await open(dir);
      expect(await store.isOptedOut(PHONE)).to.equal(false);
      await store.optOut(PHONE, AT);
      await store.optOut(PHONE, later(1000));
      const reopened = await open(dir);
      expect(await reopened.isOptedOut(PHONE)).to.equal(true);
      expect(await reopened.isOptedOut(OTHER)).to.equal(false);
    });

    it('limits sends per phone per minute and per Beijing day, and says when to try again', async () => {
      const store = await open(newDir());
      expect(await store.takeSend(PHONE, AT, LIMITS)).to.deep.equal({ ok: true });
      expect(await store.takeSend(PHONE, later(30_000), LIMITS)).to.deep.equal({ ok: false, retryAt: later(60_000) });
      expect(await store.takeSend(OTHER, later(30_000), LIMITS)).to.deep.equal({ ok: true });
      expect(await store.takeSend(PHONE, later(60_000), LIMITS)).to.deep.equal({ ok: true });
      expect(await store.takeSend(PHONE, later(120_000), LIMITS)).to.deep.equal({ ok: true });
      // The day's three are used: next Beijing midnight (16:00 UTC).
      expect(await store.takeSend(PHONE, later(180_000), LIMITS)).to.deep.equal({ ok: false, retryAt: new Date('2026-11-20T16:00:00Z') });
      expect(await store.takeSend(PHONE, new Date('2026-11-20T16:00:00Z'), LIMITS)).to.deep.equal({ ok: true });
    });

    it('gives the last place of a minute to one of two senders at once, and counts across a restart', async () => {
      const dir = newDir();
      const store = await open(dir);
      const decisions = await Promise.all([store.takeSend(PHONE, AT, LIMITS), store.takeSend(PHONE, AT, LIMITS), store.takeSend(PHONE, AT, LIMITS)]);
      expect(decisions.filter((d) => d.ok)).to.have.length(1);
      const reopened = await open(dir);
      expect((await reopened.takeSend(PHONE, later(10_000), LIMITS)).ok).to.equal(false);
    });

    it('records a message and its first receipt; a repeated receipt changes nothing', async () => {
      const dir = newDir();
      const store = await open(dir);
      await store.recordSent({ serialNo: '2019:1', phone: PHONE, rowId: 'OB00000001' }, AT);
      const receipt = { status: 'delivered' as const, code: 'DELIVRD', description: '用户短信送达成功', at: later(5000).toISOString() };
      expect(await store.recordReceipt('2019:1', PHONE, receipt)).to.equal(true);
      expect(await store.recordReceipt('2019:1', PHONE, { ...receipt, status: 'failed', code: 'X' })).to.equal(false);
      const reopened = await open(dir);
      expect(await reopened.message('2019:1')).to.deep.equal({ serialNo: '2019:1', phone: PHONE, rowId: 'OB00000001', sentAt: AT.toISOString(), receipt });
      expect(await reopened.message('2019:2')).to.equal(undefined);
    });

    it('keeps a receipt that came before the send was recorded', async () => {
      const store = await open(newDir());
      const receipt = { status: 'failed' as const, code: 'MK:0001', at: AT.toISOString() };
      expect(await store.recordReceipt('2019:9', PHONE, receipt)).to.equal(true);
      await store.recordSent({ serialNo: '2019:9', phone: PHONE, rowId: 'OB00000009' }, AT);
      expect(await store.message('2019:9')).to.deep.include({ rowId: 'OB00000009', receipt });
    });

    it('refuses a phone not in E.164 and limits below 1', async () => {
      const store = await open(newDir());
      let err: unknown;
      try {
        await store.optOut('13812345678', AT);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(TypeError);
      err = undefined;
      try {
        await store.takeSend(PHONE, AT, { perMinute: 0, perDay: 1 });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(RangeError);
    });
  });
}
