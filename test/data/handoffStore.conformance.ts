import { expect } from 'chai';
import type { HandoffStore, NewHandoff } from '../../data/handoffs.js';

const AT = new Date('2026-11-20T02:00:00Z');
const later = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);

const input = (n: number, extra: Partial<NewHandoff> = {}): NewHandoff => ({
  conversationKey: `directline:conv-${n}`,
  userKey: `directline:user-${n}`,
  channel: 'directline',
  conversation: { channelId: 'directline', serviceUrl: 'http://127.0.0.1:1/v3/directline', conversation: { id: `conv-${n}` } as never },
  reason: 'asked',
  status: 'queued',
  messages: [{ at: AT.toISOString(), from: 'person', text: '转人工' }],
  by: 'chat',
  ...extra,
});

/** The HandoffStore contract: every backend runs these same tests; reopening a dir is a restart. */
/** `decidesAtOnce`: a store of this process runs `change` before its first await (a shared one decides under a lock). */
export function handoffStoreConformance(name: string, open: (dir: string) => Promise<HandoffStore>, newDir: () => string, decidesAtOnce = true) {
  describe(`HandoffStore conformance: ${name}`, () => {
    it('opens one hand-off per conversation, numbered in queue order, with its audit', async () => {
      const store = await open(newDir());
      const a = await store.open(input(1, { caseNo: 'YC202611200001' }), AT);
      expect(a.created).to.equal(true);
      expect(a.handoff).to.deep.include({ id: 'HO00000001', status: 'queued', queuedAt: AT.toISOString(), caseNo: 'YC202611200001' });
      expect(a.handoff.audit).to.deep.equal([{ at: AT.toISOString(), by: 'chat', action: 'queue', note: 'asked' }]);
      const again = await store.open(input(1, { reason: 'stuck' }), later(1));
      expect(again).to.deep.equal({ handoff: a.handoff, created: false });
      const b = await store.open(input(2), later(2));
      expect(b.handoff.id).to.equal('HO00000002');
      expect((await store.openFor('directline:conv-1'))!.id).to.equal('HO00000001');
      expect(await store.openFor('directline:conv-9')).to.equal(undefined);
      expect((await store.list({ status: ['queued'] })).map((h) => h.id)).to.deep.equal(['HO00000001', 'HO00000002']);
    });

    it('opens only one of concurrent opens for the same conversation', async () => {
      const store = await open(newDir());
      const results = await Promise.all(Array.from({ length: 5 }, () => store.open(input(1), AT)));
      expect(results.filter((r) => r.created)).to.have.length(1);
      expect(await store.list()).to.have.length(1);
    });

    it('changes atomically: one of two concurrent takes wins, a refused change writes nothing', async () => {
      const store = await open(newDir());
      const { handoff } = await store.open(input(1), AT);
      const take = (agent: string) =>
        store.update(handoff.id, (h) => {
          if (h.status !== 'queued') return false;
          h.status = 'active';
          h.agent = agent;
        });
      // Which one wins is up to the backend (two connections race on a database); exactly one does.
      const results = await Promise.all([take('1001'), take('1002')]);
      const winners = results.filter((r) => r !== undefined);
      expect(winners).to.have.length(1);
      expect(['1001', '1002']).to.include(winners[0]!.agent);
      expect((await store.get(handoff.id))!.agent).to.equal(winners[0]!.agent);
      expect(await store.update('HO99999999', () => undefined)).to.equal(undefined);
      if (decidesAtOnce) {
        // The decision is known before the write: a reply is sent while its transcript is written.
        let decided = false;
        const writing = store.update(handoff.id, () => void (decided = true));
        expect(decided).to.equal(true);
        await writing;
      }
    });

    it('frees the conversation once closed, so a later 转人工 opens a new one', async () => {
      const store = await open(newDir());
      const { handoff } = await store.open(input(1), AT);
      await store.update(handoff.id, (h) => void Object.assign(h, { status: 'closed', outcome: 'left', closedAt: later(1).toISOString() }));
      expect(await store.openFor('directline:conv-1')).to.equal(undefined);
      const next = await store.open(input(1), later(2));
      expect(next).to.deep.include({ created: true });
      expect(next.handoff.id).to.equal('HO00000002');
      expect((await store.list({ since: later(1) })).map((h) => h.id)).to.deep.equal(['HO00000002']);
      await store.open(input(2), later(3));
      expect((await store.list({ conversationKey: 'directline:conv-1' })).map((h) => h.id)).to.deep.equal(['HO00000001', 'HO00000002']);
      expect((await store.list({ status: ['closed'], conversationKey: 'directline:conv-1' })).map((h) => h.id)).to.deep.equal(['HO00000001']);
    });

    it('hands out copies and keeps the last 100 messages', async () => {
      const store = await open(newDir());
      const { handoff } = await store.open(input(1), AT);
      handoff.status = 'closed';
      (await store.get(handoff.id))!.messages.push({ at: '', from: 'bot', text: 'x' });
      expect((await store.get(handoff.id))!.status).to.equal('queued');
      expect((await store.get(handoff.id))!.messages).to.have.length(1);
      await store.update(handoff.id, (h) => {
        for (let i = 0; i < 120; i++) h.messages.push({ at: AT.toISOString(), from: 'person', text: `m${i}` });
      });
      const kept = (await store.get(handoff.id))!.messages;
      expect(kept).to.have.length(100);
      expect(kept.at(-1)!.text).to.equal('m119');
    });

    it('keeps the queue and live conversations across a restart', async () => {
      const dir = newDir();
      const store = await open(dir);
      const { handoff } = await store.open(input(1), AT);
      await store.open(input(2), AT);
      await store.update(handoff.id, (h) => void Object.assign(h, { status: 'active', agent: '1001' }));
      const reopened = await open(dir);
      expect((await reopened.openFor('directline:conv-1'))!).to.deep.include({ status: 'active', agent: '1001' });
      expect((await reopened.list({ status: ['queued'] })).map((h) => h.conversationKey)).to.deep.equal(['directline:conv-2']);
      expect((await reopened.open(input(3), AT)).handoff.id).to.equal('HO00000003');
    });
  });
}
