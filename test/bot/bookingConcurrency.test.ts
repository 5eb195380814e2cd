import { expect } from 'chai';
import { createApp } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { newCase, testIdNumber } from '../fixtures/cases.js';
import { FakeClock, tempDir, testConfig } from '../support.js';

const TOKEN = 'slots-admin-token';
const SLOT = 'people:2026-12-01:am';

describe('50 people racing for the last appraisal place, through /api/messages', () => {
  it('books exactly one, offers the 49 others other sessions, and a restart shows the same count', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const config = testConfig({ dataDir, adminToken: TOKEN });
    const app = await createApp({ config, logger: silentLogger, clock });
    const base = await app.listen();
    const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    try {
      for (let i = 0; i < 50; i++) {
        await app.stores.cases.create(
          newCase({ submittedBy: { role: 'self', userKey: `test:u${i}` }, applicant: { idNumber: testIdNumber(i), category: '肢体' }, stage: 'appraisal_scheduled' }),
          clock.now(),
        );
      }
      const patch = await fetch(`${base}/api/admin/slots/${encodeURIComponent(SLOT)}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ capacity: 1 }) });
      expect(patch.status).to.equal(200);
      expect((await fetch(`${base}/api/admin/slots/${encodeURIComponent(SLOT)}`, { method: 'PATCH', body: '{"capacity":2}' })).status).to.equal(401);

      /** The last reply to each of the 50 people saying `say` at once. */
      const everyone = (say: string) => Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const res = await fetch(`${base}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'message', text: say, channelId: 'test', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
              conversation: { id: `race-${i}` }, from: { id: `u${i}` }, recipient: { id: 'bot' },
            }),
          });
          expect(res.status).to.equal(200);
          const acts = ((await res.json()) as { activities: { text: string; suggestedActions?: { actions: unknown[] } }[] }).activities;
          return acts[acts.length - 1];
        }),
      );
      // Everyone is asked to confirm the free place, then all say "对" at once.
      const asked = await everyone('我想预约12月1号上午鉴定');
      for (const r of asked) expect(r.text).to.equal(text.booking.confirmWhen('12月1日（周二）上午'));
      const replies = await everyone('对');
      const booked = replies.filter((r) => r.text.includes('约好了：12月1日（周二）上午'));
      const offered = replies.filter((r) => r.text === text.booking.full('12月1日（周二）上午') + text.booking.offer);
      expect(booked).to.have.length(1);
      expect(offered).to.have.length(49);
      for (const r of offered) expect(r.suggestedActions?.actions).to.have.length(3);

      const list = await fetch(`${base}/api/admin/slots?hospital=people&from=2026-12-01&to=2026-12-01`, { headers: admin });
      const { slots } = (await list.json()) as { slots: { id: string; booked: number; capacity: number }[] };
      expect(slots.find((s) => s.id === SLOT)).to.include({ booked: 1, capacity: 1 });
    } finally {
      await app.close();
    }
    const restarted = await createApp({ config, logger: silentLogger, clock });
    expect((await restarted.stores.slots.get(SLOT))?.booked).to.equal(1);
  });
});
