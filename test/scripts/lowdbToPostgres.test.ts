import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import { openStores, type Stores } from '../../data/openStores.js';
import { openPgDatabase, pgStores } from '../../data/postgres/open.js';
import { lowdbToPostgres } from '../../scripts/lowdbToPostgres.js';
import { sharedCluster } from '../../scripts/pgCluster.js';
import { postgresAvailable } from '../data/backends.js';
import { newCase, testIdNumber } from '../fixtures/cases.js';
import { tempDir } from '../support.js';

const AT = new Date('2026-11-20T02:00:00Z');
const CASES = 60;
const PHOTO = Buffer.from('a photo of the applicant, as received');
const TD_PHONE = '+8613900000001';
const SENT_PHONE = '+8613900000002';
const SMS_LIMITS = { perMinute: 1, perDay: 10 };
const conversation = (n: number) => ({ channelId: 'directline', serviceUrl: 'http://127.0.0.1:3978/v3/directline', conversation: { id: `c${n}` } as ConversationAccount });

/** A small lowdb folder with some of everything the bot keeps. */
async function generated(dataDir: string): Promise<void> {
  const s: Stores<{ step: string }> = await openStores({ store: 'lowdb', dataDir });
  try {
    await s.slots.ensureSlots([{ hospitalId: 'h1', date: '2026-12-01', part: 'am', capacity: 50 }]);
    const fileId = await s.files.put(PHOTO, 'YC202611200001');
    await s.cases.create(
      newCase({ applicant: { idNumber: testIdNumber(999) }, materials: { verified: [], toSubmit: ['photo'], files: { photo: [{ fileId, mime: 'image/jpeg', size: PHOTO.length, receivedAt: AT.toISOString(), status: 'received' }] } } }),
      AT,
    );
    for (let i = 0; i < CASES; i++) {
      const pending = i % 5 === 0 ? [{ dedupeKey: `p${i}`, conversation: conversation(i), recipient: 'applicant', text: `进展 ${i}` }] : undefined;
      const c = await s.cases.create(newCase({ applicant: { idNumber: testIdNumber(i) }, submissionId: `sub-${i}`, pendingNotifications: pending }), new Date(AT.getTime() + i * 3600_000));
      if (i % 3 === 0) await s.slots.reserve('h1:2026-12-01:am', { caseNo: c.caseNo, userKey: `u${i}`, category: '肢体' }, AT);
      if (i % 4 === 0) await s.drafts.save(`test:u${i}`, { step: `step-${i}` }, AT);
      await s.storage.write({ [`test/conversations/c${i}`]: { dialogState: { step: i } } });
    }
    const rows = await s.outbox.enqueue(Array.from({ length: 10 }, (_, n) => ({ dedupeKey: `k${n}`, conversation: conversation(n), recipient: 'applicant', text: `消息 ${n}` })), AT);
    await s.outbox.markDelivered(rows[0].id, AT);
    await s.family.subscribe({ caseNo: 'YC202611200001', userKey: 'test:family', conversation: conversation(99), since: AT.toISOString() });
    await s.family.optOut('test:quiet', AT);
    await s.unanswered.record('怎么办理', '怎么办理？', AT);
    await s.calls.record({ callerPhone: '13800001234', category: '咨询', question: '问', answer: '答', followUpNeeded: true, agent: '001' }, AT);
    await s.agents.create({ name: 'w1001', displayName: '坐席 1001', role: 'supervisor', passwordHash: 'scrypt$16384$8$1$salt$hash', createdBy: 'admin' }, AT);
    const desk = { userKey: 'directline:u1', channel: 'directline', conversation: conversation(1) };
    const { handoff } = await s.handoffs.open({ ...desk, conversationKey: 'directline:c1', reason: 'asked', status: 'queued', messages: [], by: 'chat' }, AT);
    await s.handoffs.update(handoff.id, (h) => void Object.assign(h, { status: 'closed', outcome: 'ended', closedAt: AT.toISOString() }));
    await s.handoffs.open({ ...desk, conversationKey: 'directline:c2', reason: 'stuck', status: 'queued', messages: [], by: 'chat' }, AT);
    await s.ratings.ask({ ...desk, conversationKey: 'directline:c1', stage: 'handoff', agent: 'w1001', handoffId: handoff.id }, AT);
    // The SMS store: a TD, a phone's send count, a message and its receipt.
    await s.sms.optOut(TD_PHONE, AT);
    await s.sms.takeSend(SENT_PHONE, AT, SMS_LIMITS);
    await s.sms.recordSent({ serialNo: 'sn-1', phone: SENT_PHONE, rowId: rows[1].id }, AT);
    await s.sms.recordReceipt('sn-1', SENT_PHONE, { status: 'delivered', code: 'DELIVRD', description: '用户短信送达成功', at: AT.toISOString() });
    // WeChat: a follower in their 48-hour window, one who unsubscribed, a push just taken.
    await s.wechat.takePush({ key: 'msg-6000000000000000001', openId: 'oFollower', effect: 'message' }, AT);
    await s.wechat.takePush({ key: 'msg-6000000000000000002', openId: 'oLeft', effect: 'message' }, AT);
    await s.wechat.takePush({ key: 'evt:oLeft:1763604000:unsubscribe', openId: 'oLeft', effect: 'unsubscribe' }, AT);
  } finally {
    await s.close();
  }
}

if (postgresAvailable) {
  describe('npm run migrate:lowdb-to-postgres', function () {
    this.timeout(60_000);

    it('carries every case, booking, pending update, outbox row, draft and chat state over, and numbering goes on', async () => {
      const dataDir = tempDir();
      await generated(dataDir);
      const { url } = await sharedCluster();
      const admin = await openPgDatabase(url);
      const name = `migrated_${process.pid}`;
      await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.close());
      const databaseUrl = url.replace('/postgres?', `/${name}?`);

      const counts = await lowdbToPostgres(dataDir, databaseUrl);
      expect(counts).to.include({ cases: CASES + 1, files: 1, bookings: CASES / 3, outbox: 10, pendingUpdates: CASES / 5, drafts: CASES / 4, chatState: CASES, subscriptions: 1, optedOut: 1, calls: 1, agents: 1, desk: 3, sms: 3, wechatFollowers: 2 });

      const before: Stores<{ step: string }> = await openStores({ store: 'lowdb', dataDir });
      const db = await openPgDatabase(databaseUrl);
      try {
        const after = pgStores<{ step: string }>(db);
        const cases = await before.cases.list({ limit: 1000 });
        expect(await after.cases.list({ limit: 1000 })).to.deep.equal(cases);
        expect(await after.cases.withPendingNotifications(100)).to.deep.equal(await before.cases.withPendingNotifications(100));
        for (const c of cases) expect(await after.slots.activeBookingOf(c.caseNo), c.caseNo).to.deep.equal(await before.slots.activeBookingOf(c.caseNo));
        expect(await after.slots.list({})).to.deep.equal(await before.slots.list({}));
        expect(await after.outbox.list({ limit: 100 })).to.deep.equal(await before.outbox.list({ limit: 100 }));
        for (let i = 0; i < CASES; i++) {
          expect(await after.drafts.get(`test:u${i}`)).to.deep.equal(await before.drafts.get(`test:u${i}`));
          const key = `test/conversations/c${i}`;
          expect(await after.storage.read([key])).to.deep.equal(await before.storage.read([key]));
        }
        expect(await after.family.subscribersOf('YC202611200001')).to.deep.equal(await before.family.subscribersOf('YC202611200001'));
        expect(await after.family.isOptedOut('test:quiet')).to.equal(true);
        expect(await after.calls.list({})).to.deep.equal(await before.calls.list({}));
        const [withFile] = cases.filter((c) => c.materials.files);
        expect(await after.files.get(withFile.materials.files!.photo[0].fileId)).to.deep.equal(PHOTO);
        expect(await after.unanswered.list(10)).to.deep.equal(await before.unanswered.list(10));
        expect(await after.agents.list()).to.deep.equal(await before.agents.list());
        expect(await after.handoffs.list()).to.deep.equal(await before.handoffs.list());
        expect(await after.ratings.list()).to.deep.equal(await before.ratings.list());
        // SMS: the TD holds, the message keeps its receipt, the phone's count goes on (a second SMS in the minute waits).
        expect(await after.sms.isOptedOut(TD_PHONE)).to.equal(true);
        expect(await after.sms.isOptedOut(SENT_PHONE)).to.equal(false);
        expect(await after.sms.message('sn-1')).to.deep.equal(await before.sms.message('sn-1')).and.to.have.property('receipt');
        const soon = new Date(AT.getTime() + 10_000);
        expect(await after.sms.takeSend(SENT_PHONE, soon, SMS_LIMITS)).to.deep.equal(await before.sms.takeSend(SENT_PHONE, soon, SMS_LIMITS)).and.include({ ok: false });
        // WeChat: followers as they were (the unsubscribed one gets nothing), a repeated push is still a repeat.
        for (const openId of ['oFollower', 'oLeft']) expect(await after.wechat.follower(openId), openId).to.deep.equal(await before.wechat.follower(openId));
        expect((await after.wechat.follower('oLeft'))?.subscribed).to.equal(false);
        expect(await after.wechat.takePush({ key: 'msg-6000000000000000001', openId: 'oFollower', effect: 'message' }, AT)).to.equal(false);
        // The queue goes on: the open hand-off is still the conversation's, new numbers follow.
        expect((await after.handoffs.open({ userKey: 'directline:u1', channel: 'directline', conversation: conversation(2), conversationKey: 'directline:c2', reason: 'asked', status: 'queued', messages: [], by: 'chat' }, AT)).created).to.equal(false);
        expect((await after.ratings.ask({ userKey: 'directline:u3', channel: 'directline', conversation: conversation(3), conversationKey: 'directline:c3', stage: 'delivered' }, AT)).id).to.equal('PJ00000002');
        // Chat state keeps its eTag: a turn in flight during the move still saves.
        const key = 'test/conversations/c1';
        const item = (await after.storage.read([key]))[key];
        await after.storage.write({ [key]: { ...item, dialogState: { step: 'next' } } });
        // Numbers go on after the imported ones: a case of the last imported day gets the next number.
        const last = cases[0];
        const next = await after.cases.create(newCase(), new Date(last.createdAt));
        expect(cases.map((c) => c.caseNo)).not.to.include(next.caseNo);
        const [row] = await after.outbox.enqueue([{ dedupeKey: 'new', conversation: conversation(1), recipient: 'applicant', text: '新' }], AT);
        expect((await before.outbox.list({ limit: 100 })).map((r) => r.id)).not.to.include(row.id);
        // Run again: nothing doubles.
        await before.close();
        expect(await lowdbToPostgres(dataDir, databaseUrl)).to.include({ cases: 0, chatState: 0, agents: 0, desk: 0, sms: 0, wechatFollowers: 0 });
        expect(await after.cases.count()).to.equal(CASES + 2);
      } finally {
        await db.close();
        await before.close().catch(() => undefined);
      }
    });
  });
}
