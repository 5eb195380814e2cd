import { expect } from 'chai';
import WebSocket from 'ws';
import { createApp, type App } from '../../bot/app.js';
import { openPgDatabase } from '../../data/postgres/open.js';
import { sharedCluster } from '../../scripts/pgCluster.js';
import { postgresAvailable } from '../data/backends.js';
import { FakeClock, testConfig } from '../support.js';

const SECRET = 'shared-directline-secret';

type Pushed = { type: string; text?: string; from?: { id: string } };

async function call(url: string, token: string, body?: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

if (postgresAvailable) {
  describe('Direct Line across two instances on one PostgreSQL database', function () {
    this.timeout(60_000);
    const apps: App[] = [];
    const bases: string[] = [];
    // Mid-morning in Beijing: at the real clock's night hours the notifier holds status updates back.
    const clock = new FakeClock();

    before(async () => {
      const { url } = await sharedCluster();
      const admin = await openPgDatabase(url);
      const name = `directline_${process.pid}`;
      await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.close());
      for (let i = 0; i < 2; i++) {
        const app = await createApp({ config: testConfig({ store: 'postgres', databaseUrl: url.replace('/postgres?', `/${name}?`), directLineSecret: SECRET }), clock });
        apps.push(app);
        bases.push(await app.listen());
      }
    });
    after(async () => {
      await Promise.all(apps.map((app) => app.close()));
    });

    it('pushes the bot\'s answer to a WebSocket on instance A when the message went through instance B', async () => {
      const [a, b] = bases.map((base) => `${base}/v3/directline`);
      const started = await call(`${a}/conversations`, SECRET);
      expect(started.status).to.equal(201);
      const pushed: Pushed[] = [];
      const ws = new WebSocket(started.body.streamUrl);
      ws.on('message', (data) => pushed.push(...(JSON.parse(String(data)) as { activities: Pushed[] }).activities));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      try {
        // A token minted by A is good on B: both sign with the key derived from the shared secret.
        const posted = await call(`${b}/conversations/${encodeURIComponent(started.body.conversationId)}/activities`, started.body.token, {
          type: 'message',
          text: '办残疾证要带什么材料',
          from: { id: 'dl_u1' },
        });
        expect(posted.status).to.equal(200);
        // The welcome and the answer, both sent by the bot on B after the user's message.
        const answered = () => pushed.slice(pushed.findIndex((p) => p.from?.id === 'dl_u1') + 1).filter((p) => p.from?.id === 'bot' && p.type === 'message').length >= 2;
        for (let i = 0; i < 500 && !answered(); i++) await new Promise((r) => setTimeout(r, 20));
        expect(pushed.find((p) => p.from?.id === 'dl_u1')?.text).to.equal('办残疾证要带什么材料');
        expect(answered(), `A's stream got: ${JSON.stringify(pushed.map((p) => p.text))}`).to.equal(true);
      } finally {
        ws.close();
      }
    });

    it('delivers a status update through its own channel when the conversation began on an instance that is gone', async () => {
      const [a] = bases.map((base) => `${base}/v3/directline`);
      const started = await call(`${a}/conversations`, SECRET);
      const conversationId = started.body.conversationId;
      // The reference names the instance the conversation began on; that one no longer answers.
      const gone = { channelId: 'directline', serviceUrl: 'http://127.0.0.1:9/v3/directline', conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'dl_u2', name: '' } };
      await apps[1].stores.outbox.enqueue([{ dedupeKey: 'moved-1', conversation: gone, recipient: 'applicant', text: '您的申请有新进展' }], clock.now());
      const result = await apps[1].notifier.tick();
      expect(result).to.include({ delivered: 1, failed: 0 });
      const page = await fetch(`${a}/conversations/${encodeURIComponent(conversationId)}/activities`, { headers: { authorization: `Bearer ${started.body.token}` } });
      const { activities } = (await page.json()) as { activities: Pushed[] };
      expect(activities.filter((p) => p.text === '您的申请有新进展')).to.have.length(1);
    });
  });
}
