import { expect } from 'chai';
import type { ConversationReference } from 'botbuilder';
import type { FamilyStore, Subscription } from '../../data/family.js';

const AT = new Date('2026-11-20T02:00:00Z');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);
const CASE = 'YC202611200001';

const sub = (userKey: string, caseNo = CASE, since = AT.toISOString()): Subscription => ({
  caseNo,
  userKey,
  conversation: { channelId: 'test', conversation: { id: `conv-${userKey}` } } as Partial<ConversationReference>,
  since,
});

/** The FamilyStore contract: every backend runs these same tests; opening `dir` again shows what was made durable. */
export function familyStoreConformance(name: string, open: (dir: string) => Promise<FamilyStore>, newDir: () => string) {
  describe(`FamilyStore conformance: ${name}`, () => {
    describe('subscriptions', () => {
      it('lists the followers of a case in the order they subscribed; a second subscribe replaces the first', async () => {
        const store = await open(newDir());
        expect(await store.subscribersOf(CASE)).to.deep.equal([]);
        await store.subscribe(sub('a'));
        await store.subscribe(sub('b'));
        await store.subscribe(sub('x', 'YC202611200002'));
        await store.subscribe(sub('a', CASE, minutes(5).toISOString()));
        const followers = await store.subscribersOf(CASE);
        expect(followers.map((s) => s.userKey)).to.deep.equal(['a', 'b']);
        expect(followers[0].since).to.equal(minutes(5).toISOString());
        expect(followers[0].conversation.conversation?.id).to.equal('conv-a');
      });

      it('unsubscribes one follower, saying whether there was one', async () => {
        const store = await open(newDir());
        await store.subscribe(sub('a'));
        await store.subscribe(sub('b'));
        expect(await store.unsubscribe(CASE, 'a')).to.equal(true);
        expect(await store.unsubscribe(CASE, 'a')).to.equal(false);
        expect(await store.unsubscribe('YC209901010001', 'b')).to.equal(false);
        expect((await store.subscribersOf(CASE)).map((s) => s.userKey)).to.deep.equal(['b']);
      });

      it('hands out copies', async () => {
        const store = await open(newDir());
        const given = sub('a');
        await store.subscribe(given);
        given.userKey = 'changed';
        (await store.subscribersOf(CASE))[0].userKey = 'changed too';
        expect((await store.subscribersOf(CASE))[0].userKey).to.equal('a');
      });
    });

    describe('opt-outs', () => {
      it('opts a user out and back in; opting in twice or without an opt-out is a no-op', async () => {
        const store = await open(newDir());
        expect(await store.isOptedOut('u1')).to.equal(false);
        await store.optOut('u1', AT);
        expect(await store.isOptedOut('u1')).to.equal(true);
        expect(await store.isOptedOut('u2')).to.equal(false);
        await store.optIn('u1');
        await store.optIn('u1');
        await store.optIn('u2');
        expect(await store.isOptedOut('u1')).to.equal(false);
      });

      it('does not take inherited names for opted-out users', async () => {
        const store = await open(newDir());
        for (const key of ['constructor', 'toString', '__proto__']) expect(await store.isOptedOut(key), key).to.equal(false);
      });
    });

    describe('failed checks (lockouts)', () => {
      it('counts failures per key within the window, each key on its own', async () => {
        const store = await open(newDir());
        const since = AT;
        expect(await store.recordFailure(['case:1', 'user:a'], minutes(1), since)).to.deep.equal([1, 1]);
        expect(await store.recordFailure(['case:1', 'user:b'], minutes(2), since)).to.deep.equal([2, 1]);
        expect(await store.failuresSince('case:1', since)).to.equal(2);
        expect(await store.failuresSince('user:a', since)).to.equal(1);
        expect(await store.failuresSince('nobody', since)).to.equal(0);
      });

      it('forgets failures older than the window', async () => {
        const store = await open(newDir());
        await store.recordFailure(['k'], minutes(0), minutes(-60));
        await store.recordFailure(['k'], minutes(10), minutes(-60));
        expect(await store.failuresSince('k', minutes(5))).to.equal(1);
        // The count a new failure returns is of the window it is given.
        expect(await store.recordFailure(['k'], minutes(40), minutes(20))).to.deep.equal([1]);
        expect(await store.failuresSince('k', minutes(-60))).to.equal(1);
      });

      it('counts every one of concurrent failures', async () => {
        const store = await open(newDir());
        const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => store.recordFailure(['k'], minutes(i), AT)));
        expect(counts.map(([n]) => n).sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      });
    });

    it('keeps subscriptions, opt-outs and failures across reopening', async () => {
      const dir = newDir();
      const store = await open(dir);
      await store.subscribe(sub('a'));
      await store.optOut('u1', AT);
      await store.recordFailure(['case:1'], minutes(1), AT);
      const reopened = await open(dir);
      expect((await reopened.subscribersOf(CASE)).map((s) => s.userKey)).to.deep.equal(['a']);
      expect(await reopened.isOptedOut('u1')).to.equal(true);
      expect(await reopened.failuresSince('case:1', AT)).to.equal(1);
    });
  });
}
