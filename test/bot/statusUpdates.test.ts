import { expect } from 'chai';
import { createApp } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock, testConfig } from '../support.js';

const ADMIN = 'status-admin-token';
const SECRET = 'dl-secret-for-tests';

describe('status updates end to end: admin action -> outbox -> scheduler tick -> Direct Line', () => {
  it('delivers the update to the applicant in Web Chat even though they sent nothing', async () => {
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z')); // 10:00 Beijing, outside quiet hours
    const app = await createApp({ config: testConfig({ adminToken: ADMIN, directLineSecret: SECRET }), logger: silentLogger, clock });
    const base = await app.listen();
    try {
      const dl = `${base}/v3/directline`;
      const started = await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
      expect(started.status).to.be.oneOf([200, 201]);
      const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
      const read = async () =>
        ((await (await fetch(`${dl}/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          activities: { from: { id: string }; text?: string; type: string }[];
        }).activities;

      const record = await app.stores.cases.create(
        newCase({
          submittedBy: { role: 'self', userKey: 'directline:someone' },
          conversation: { channelId: 'directline', serviceUrl: dl, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'someone', name: '' }, bot: { id: 'bot', name: 'bot' } },
        }),
        clock.now(),
      );
      const act = (body: object) =>
        fetch(`${base}/api/admin/cases/${record.caseNo}/actions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const res = await act({ action: 'start_review', by: 'staff:li' });
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { case: { stage: string }; nextActions: { action: string }[] };
      expect(body.case.stage).to.equal('pre_review');
      expect(body.nextActions.map((a) => a.action)).to.deep.equal(['pass_review', 'return']);
      expect((await act({ action: 'deliver', by: 'staff:li', method: 'mail' })).status).to.equal(409);
      expect((await act({ action: 'nonsense', by: 'staff:li' })).status).to.equal(400);
      expect((await act({ action: 'return', by: 'staff:li' })).status).to.equal(400);
      expect((await fetch(`${base}/api/admin/cases/${record.caseNo}/actions`, { method: 'POST', body: '{}' })).status).to.equal(401);
      expect((await act({ action: 'start_review' })).status).to.equal(400);

      expect(await app.notifier.tick()).to.include({ delivered: 1 });
      const messages = (await read()).filter((a) => a.type === 'message').map((a) => a.text);
      expect(messages).to.include(text.status.prefixApplicant(record.caseNo) + text.status.notify.pre_review);

      // A resend after a crash between sending and marking: same dedupe key, shown once.
      const resend = async () => {
        let id: string | undefined;
        await app.adapter.continueConversationAsync('', record.conversation!, async (context) => {
          id = (await context.sendActivity({ type: 'message', text: '重复的通知', channelData: { dedupeKey: 'same-key' } }))?.id;
        });
        return id;
      };
      const [first, second] = [await resend(), await resend()];
      expect(first).to.be.a('string');
      expect(second).to.equal(first);
      expect((await read()).filter((a) => a.text === '重复的通知')).to.have.length(1);

      const outbox = (await (await fetch(`${base}/api/admin/outbox?status=delivered`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
        rows: { caseNo: string }[];
      };
      expect(outbox.rows.map((r) => r.caseNo)).to.deep.equal([record.caseNo]);
    } finally {
      await app.close();
    }
  });
});
