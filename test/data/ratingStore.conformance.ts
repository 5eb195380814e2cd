import { expect } from 'chai';
import type { NewRating, RatingStore } from '../../data/ratings.js';

const AT = new Date('2026-11-20T02:00:00Z');

const input = (n: number, extra: Partial<NewRating> = {}): NewRating => ({
  conversationKey: `directline:conv-${n}`,
  userKey: `directline:user-${n}`,
  channel: 'directline',
  conversation: { channelId: 'directline', conversation: { id: `conv-${n}` } as never },
  stage: 'handoff',
  agent: '1001',
  ...extra,
});

/** The RatingStore contract: every backend runs these same tests; reopening a dir is a restart. */
export function ratingStoreConformance(name: string, open: (dir: string) => Promise<RatingStore>, newDir: () => string) {
  describe(`RatingStore conformance: ${name}`, () => {
    it('asks, keeps one pending per conversation, and rates once', async () => {
      const store = await open(newDir());
      const first = await store.ask(input(1), AT);
      expect(first).to.deep.include({ id: 'PJ00000001', status: 'asked', stage: 'handoff', agent: '1001', askedAt: AT.toISOString() });
      const second = await store.ask(input(1, { stage: 'delivered', caseNo: 'YC202611200001', agent: undefined }), AT);
      expect((await store.pendingFor('directline:conv-1'))!.id).to.equal(second.id);
      expect((await store.list()).map((r) => r.status)).to.deep.equal(['done', 'asked']);
      const rated = await store.update(second.id, (r) => {
        if (r.status !== 'asked') return false;
        Object.assign(r, { status: 'done', level: '不满意', ratedAt: AT.toISOString() });
      });
      expect(rated).to.deep.include({ level: '不满意', status: 'done' });
      expect(await store.pendingFor('directline:conv-1')).to.equal(undefined);
      expect(await store.update(second.id, (r) => r.status === 'asked')).to.equal(undefined);
    });

    it('keeps ratings and the pending one across a restart', async () => {
      const dir = newDir();
      const store = await open(dir);
      await store.ask(input(1), AT);
      const reopened = await open(dir);
      expect((await reopened.pendingFor('directline:conv-1'))!.id).to.equal('PJ00000001');
      expect((await reopened.ask(input(2), AT)).id).to.equal('PJ00000002');
      expect(await reopened.list({ since: new Date(AT.getTime() + 1) })).to.deep.equal([]);
    });
  });
}
