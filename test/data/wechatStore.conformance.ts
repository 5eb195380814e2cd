import { expect } from 'chai';
import { WECHAT_DELIVERY_KEEP_MS, type WechatStore } from '../../data/wechat.js';

const T0 = new Date('2026-11-20T02:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

/** The WechatStore contract: every backend runs these same tests; opening `dir` again is a restart. */
export function wechatStoreConformance(name: string, open: (dir: string) => Promise<WechatStore>, newDir: () => string) {
  describe(`WechatStore conformance: ${name}`, () => {
    it('takes a push key once, across reopening, and forgets it after a day', async () => {
      const dir = newDir();
      const store = await open(dir);
      expect(await store.firstDelivery('msg:1001', T0)).to.equal(true);
      expect(await store.firstDelivery('msg:1001', later(5000))).to.equal(false);
      expect(await store.firstDelivery('evt:oA:1732', T0)).to.equal(true);
      const reopened = await open(dir);
      expect(await reopened.firstDelivery('msg:1001', later(10_000))).to.equal(false);
      expect(await reopened.firstDelivery('__proto__', T0)).to.equal(true);
      // Another key taken much later clears the old ones away; the old key is new again.
      expect(await reopened.firstDelivery('msg:2002', later(WECHAT_DELIVERY_KEEP_MS + 60_000))).to.equal(true);
      expect(await reopened.firstDelivery('msg:1001', later(WECHAT_DELIVERY_KEEP_MS + 61_000))).to.equal(true);
    });

    it('of concurrent takes of one key, exactly one wins', async () => {
      const store = await open(newDir());
      const wins = await Promise.all(Array.from({ length: 6 }, () => store.firstDelivery('msg:race', T0)));
      expect(wins.filter(Boolean)).to.have.length(1);
    });

    it('keeps each follower: latest message (never moved back), subscribed and unsubscribed, across reopening', async () => {
      const dir = newDir();
      const store = await open(dir);
      expect(await store.follower('oUnknown')).to.equal(undefined);
      expect(await store.follower('constructor')).to.equal(undefined);
      await store.recordMessage('oA', later(60_000));
      await store.recordMessage('oA', T0);
      expect(await store.follower('oA')).to.deep.equal({ openId: 'oA', subscribed: true, lastMessageAt: later(60_000).toISOString() });
      await store.setSubscribed('oA', false);
      await store.setSubscribed('oB', true);
      // An OpenID is whatever the push says: one shaped like a prototype key is a follower like any other.
      await store.recordMessage('__proto__', T0);
      expect(await store.follower('__proto__')).to.deep.equal({ openId: '__proto__', subscribed: true, lastMessageAt: T0.toISOString() });
      const reopened = await open(dir);
      expect(await reopened.follower('oA')).to.deep.equal({ openId: 'oA', subscribed: false, lastMessageAt: later(60_000).toISOString() });
      expect(await reopened.follower('oB')).to.deep.equal({ openId: 'oB', subscribed: true });
      // Writing again after unsubscribing means following again.
      await reopened.recordMessage('oA', later(180_000));
      expect((await reopened.follower('oA'))?.subscribed).to.equal(true);
    });
  });
}
