import { expect } from 'chai';
import { WECHAT_DELIVERY_KEEP_MS, type PushEffect, type WechatStore } from '../../data/wechat.js';

const T0 = new Date('2026-11-20T02:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const push = (key: string, openId = 'oA', effect: PushEffect = 'message') => ({ key, openId, effect });

/** The WechatStore contract: every backend runs these same tests; opening `dir` again is a restart. */
export function wechatStoreConformance(name: string, open: (dir: string) => Promise<WechatStore>, newDir: () => string) {
  describe(`WechatStore conformance: ${name}`, () => {
    it('takes a push key once, across reopening, until the housekeeping forgets it', async () => {
      const dir = newDir();
      const store = await open(dir);
      expect(await store.takePush(push('msg:1001'), T0)).to.equal(true);
      expect(await store.takePush(push('msg:1001'), later(5000))).to.equal(false);
      expect(await store.takePush(push('evt:oA:1732', 'oA', 'none'), T0)).to.equal(true);
      const reopened = await open(dir);
      expect(await reopened.takePush(push('msg:1001'), later(10_000))).to.equal(false);
      expect(await reopened.takePush(push('__proto__'), T0)).to.equal(true);
      expect(await reopened.takePush(push('msg:2002'), later(WECHAT_DELIVERY_KEEP_MS + 60_000))).to.equal(true);
      // Taking keys does not clear old ones (no scan per push): the daily housekeeping does.
      expect(await reopened.takePush(push('msg:1001'), later(WECHAT_DELIVERY_KEEP_MS + 61_000))).to.equal(false);
      expect(await reopened.forgetPushes(later(WECHAT_DELIVERY_KEEP_MS))).to.equal(3);
      expect(await reopened.forgetPushes(later(WECHAT_DELIVERY_KEEP_MS))).to.equal(0);
      const afterRestart = await open(dir);
      expect(await afterRestart.takePush(push('msg:1001'), later(WECHAT_DELIVERY_KEEP_MS + 62_000))).to.equal(true);
      expect(await afterRestart.takePush(push('msg:2002'), later(WECHAT_DELIVERY_KEEP_MS + 62_000))).to.equal(false);
    });

    it('of concurrent takes of one key, exactly one wins, and only it changes the follower', async () => {
      const store = await open(newDir());
      const wins = await Promise.all(Array.from({ length: 6 }, (_, i) => store.takePush(push('msg:race', 'oR', i === 0 ? 'unsubscribe' : 'message'), later(i * 1000))));
      expect(wins.filter(Boolean)).to.have.length(1);
      const winner = wins.indexOf(true);
      expect(await store.follower('oR')).to.deep.equal(winner === 0 ? { openId: 'oR', subscribed: false } : { openId: 'oR', subscribed: true, lastMessageAt: later(winner * 1000).toISOString() });
      // A retry changes nothing: not even a follower who unsubscribed in between.
      await store.takePush(push('evt:oR:1', 'oR', 'unsubscribe'), later(10_000));
      expect(await store.takePush(push('msg:race', 'oR', 'message'), later(20_000))).to.equal(false);
      expect((await store.follower('oR'))?.subscribed).to.equal(false);
    });

    it('keeps each follower: latest message (never moved back), unsubscribed, following again, across reopening', async () => {
      const dir = newDir();
      const store = await open(dir);
      expect(await store.follower('oUnknown')).to.equal(undefined);
      expect(await store.follower('constructor')).to.equal(undefined);
      await store.takePush(push('m1'), later(60_000));
      await store.takePush(push('m2'), T0);
      expect(await store.follower('oA')).to.deep.equal({ openId: 'oA', subscribed: true, lastMessageAt: later(60_000).toISOString() });
      await store.takePush(push('e1', 'oA', 'unsubscribe'), later(61_000));
      await store.takePush(push('e2', 'oB', 'unsubscribe'), T0);
      // An event of no interest (a menu link opened) leaves no follower behind.
      await store.takePush(push('e3', 'oC', 'none'), T0);
      // An OpenID is whatever the push says: one shaped like a prototype key is a follower like any other.
      await store.takePush(push('m3', '__proto__'), T0);
      expect(await store.follower('__proto__')).to.deep.equal({ openId: '__proto__', subscribed: true, lastMessageAt: T0.toISOString() });
      const reopened = await open(dir);
      expect(await reopened.follower('oA')).to.deep.equal({ openId: 'oA', subscribed: false, lastMessageAt: later(60_000).toISOString() });
      expect(await reopened.follower('oB')).to.deep.equal({ openId: 'oB', subscribed: false });
      expect(await reopened.follower('oC')).to.equal(undefined);
      // Writing again after unsubscribing means following again.
      await reopened.takePush(push('m4'), later(180_000));
      expect(await reopened.follower('oA')).to.deep.equal({ openId: 'oA', subscribed: true, lastMessageAt: later(180_000).toISOString() });
    });
  });
}
