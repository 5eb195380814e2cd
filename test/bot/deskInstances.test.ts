import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { LEASE_MS } from '../../bot/deskEvents.js';
import { silentLogger } from '../../bot/logger.js';
import { createAccount } from '../../data/agents.js';
import { openPgDatabase } from '../../data/postgres/open.js';
import { PgDeskPresence } from '../../data/postgres/pgDeskPresence.js';
import { agentToken, deskStream, directLineChat } from '../../scripts/bench/deskClient.js';
import { sharedCluster } from '../../scripts/pgCluster.js';
import { postgresAvailable } from '../data/backends.js';
import { FakeClock, testConfig } from '../support.js';

const SECRET = 'desk-instances-secret';
const PASSWORD = 'desk-password-1';

if (postgresAvailable) {
  describe('the agent desk across two instances on one PostgreSQL database', function () {
    this.timeout(60_000);
    let apps: App[] = [];
    let bases: string[] = [];
    let databaseUrl: string;
    let clock: FakeClock;
    let databases = 0;

    beforeEach(async () => {
      clock = new FakeClock(new Date('2026-11-20T02:00:00Z')); // Friday 10:00 in Beijing: the desk's hours
      const { url } = await sharedCluster();
      const admin = await openPgDatabase(url);
      const name = `desk_${process.pid}_${++databases}`;
      await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.close());
      databaseUrl = url.replace('/postgres?', `/${name}?`);
      apps = [];
      bases = [];
      for (let i = 0; i < 2; i++) {
        const app = await createApp({ config: testConfig({ store: 'postgres', databaseUrl, directLineSecret: SECRET, floodLimits: undefined }), logger: silentLogger, clock });
        apps.push(app);
        bases.push(await app.listen());
      }
      for (const [name, role] of [['1001', 'agent'], ['1002', 'agent'], ['boss', 'supervisor']] as const) {
        await createAccount(apps[0].stores.agents, { name, displayName: `坐席${name}`, password: PASSWORD, role }, 'test', clock.now());
      }
    });
    afterEach(() => Promise.all(apps.map((app) => app.close())));

    const onDutyOn = async (base: string, token: string) =>
      ((await (await fetch(`${base}/api/agent/handoffs`, { headers: { authorization: `Bearer ${token}` } })).json()) as { onDuty: string[] }).onDuty;

    it('shows a person queued through A on a console streaming from B within one push, and A counts B\'s agent', async () => {
      const [a, b] = bases;
      const desk = await deskStream(b, await agentToken(a, '1001', PASSWORD));
      await desk.next();
      const boss = await agentToken(b, 'boss', PASSWORD);
      // A learns of B's console from B's announcement (LISTEN/NOTIFY), not from a console of its own.
      for (let i = 0; i < 100 && !(await onDutyOn(a, boss)).includes('1001'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await onDutyOn(a, boss)).to.deep.equal(['1001']);
      expect(apps[0].desk.onDuty()).to.equal(1);

      const person = await directLineChat(a, SECRET);
      await person.send('转人工');
      // Queued, not a call-back: the desk is open on A because B's agent is on duty.
      expect(await person.waitFor((t) => t.startsWith('已为您转人工'))).to.match(/^已为您转人工/);
      // B's console's next frames: the first one built after A's change holds the person.
      let frame = await desk.next();
      while (frame.queue.length === 0 && frame.onDuty.length === 1) frame = await desk.next();
      expect(frame.queue.map((h) => h.lastPersonText)).to.deep.equal(['转人工']);
      desk.close();
    });

    it('pushes a hand-off taken on B to a console on A, and a console leaving B leaves A\'s count at once', async () => {
      const [a, b] = bases;
      const watching = await deskStream(a, await agentToken(a, '1002', PASSWORD));
      const token = await agentToken(b, '1001', PASSWORD);
      const desk = await deskStream(b, token);
      expect((await watching.until((f) => f.onDuty.length === 2)).onDuty).to.deep.equal(['1001', '1002']);
      const person = await directLineChat(b, SECRET);
      await person.send('找人工');
      const [queued] = (await watching.until((f) => f.queue.length === 1)).queue;
      const taken = await fetch(`${b}/api/agent/handoffs/${queued.id}/take`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(taken.status).to.equal(200);
      expect((await watching.until((f) => f.queue.length === 0)).queue).to.deep.equal([]);
      // Serving the caller, the agent stays on duty; done with them, their console leaving is their leaving.
      const ended = await fetch(`${b}/api/agent/handoffs/${queued.id}/end`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      expect(ended.status).to.equal(200);
      desk.close();
      expect((await watching.until((f) => f.onDuty.length === 1)).onDuty).to.deep.equal(['1002']);
      watching.close();
    });

    it('drops a killed instance\'s agent from the count once its lease lapses, and pushes the change', async () => {
      const [a] = bases;
      const watching = await deskStream(a, await agentToken(a, '1002', PASSWORD));
      // An instance that held a console for 1001, announced it, and was killed: nothing renews or releases it.
      const killed = await openPgDatabase(databaseUrl);
      try {
        const presence = new PgDeskPresence(killed);
        await presence.hold([{ stream: 'killed-instance:1', agent: '1001' }], new Date(clock.now().getTime() + LEASE_MS), clock.now());
        await presence.announce('killed-instance');
      } finally {
        await killed.close();
      }
      expect((await watching.until((f) => f.onDuty.length === 2)).onDuty).to.deep.equal(['1001', '1002']);
      clock.advance(LEASE_MS - 1000);
      expect(apps[0].desk.onDuty()).to.equal(2);
      clock.advance(1000);
      expect(apps[0].desk.agentsOnDuty()).to.deep.equal(['1002']);
      // The heartbeat renews A's own console and pushes the smaller desk.
      await apps[0].desk.heartbeat();
      expect((await watching.until((f) => f.onDuty.length === 1)).onDuty).to.deep.equal(['1002']);
      // B, reading at its own heartbeat, sees A's renewed console and not the killed one.
      await apps[1].desk.heartbeat();
      expect(apps[1].desk.agentsOnDuty()).to.deep.equal(['1002']);
      watching.close();
    });
  });
}
