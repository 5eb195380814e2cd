import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { DEFAULT_FLOOD_LIMITS, floodClassOf, routedPath, type FloodLimits } from '../../bot/limits/floodGuard.js';
import { silentLogger } from '../../bot/logger.js';
import { openPgDatabase } from '../../data/postgres/open.js';
import { sharedCluster } from '../../scripts/pgCluster.js';
import { postgresAvailable } from '../data/backends.js';
import { FakeClock, requestFrom, testConfig, type Reply } from '../support.js';

const ADMIN = 'test-admin-token';

const message = (user: string, text = '残疾证有效期是几年') => ({
  type: 'message',
  text,
  channelId: 'test',
  serviceUrl: 'http://127.0.0.1:9',
  deliveryMode: 'expectReplies',
  conversation: { id: `conv-${user}` },
  from: { id: user },
  recipient: { id: 'bot' },
});

/** On a fake clock: every request of a test falls in one window of the limits. */
async function start(limits: FloodLimits): Promise<{ app: App; base: string }> {
  const app = await createApp({ config: testConfig({ adminToken: ADMIN, floodLimits: limits }), logger: silentLogger, clock: new FakeClock() });
  return { app, base: await app.listen() };
}

describe('flood limits', () => {
  describe('per user', () => {
    let app: App;
    let base: string;
    before(async () => ({ app, base } = await start({ user: { points: 5, seconds: 60 }, ip: { points: 1000, seconds: 60 }, tokensIp: { points: 1000, seconds: 60 }, wechatFollower: DEFAULT_FLOOD_LIMITS.wechatFollower })));
    after(() => app.close());

    it('gives one user flooding /api/messages 429 with Retry-After while a quiet user on the same address keeps getting 200', async () => {
      const noisy: Reply[] = [];
      const quiet: Reply[] = [];
      for (let i = 0; i < 12; i++) {
        noisy.push(...(await Promise.all([0, 1].map(() => requestFrom('127.0.0.1', `${base}/api/messages`, 'POST', message('noisy'))))));
        if (i % 3 === 0) quiet.push(await requestFrom('127.0.0.1', `${base}/api/messages`, 'POST', message('quiet')));
      }
      expect(noisy.filter((r) => r.status === 200)).to.have.length(5);
      const refused = noisy.filter((r) => r.status === 429);
      expect(refused).to.have.length(19);
      for (const r of refused) {
        expect(Number(r.retryAfter)).to.be.within(1, 60);
        expect(JSON.parse(r.body).error).to.match(/请求太频繁/);
      }
      expect(quiet.map((r) => r.status)).to.deep.equal([200, 200, 200, 200]);
    });

    it('counts a Direct Line conversation and an admin credential as users', async () => {
      const statuses = async (path: string, headers: Record<string, string>) => {
        const out: number[] = [];
        for (let i = 0; i < 7; i++) out.push((await requestFrom('127.0.0.1', `${base}${path}`, 'GET', undefined, headers)).status);
        return out;
      };
      const dl = await statuses('/v3/directline/conversations/abc/activities', { authorization: 'Bearer nope' });
      expect(dl.slice(0, 5).every((s) => s !== 429)).to.equal(true);
      expect(dl.slice(5)).to.deep.equal([429, 429]);
      // Another conversation is another user.
      expect((await requestFrom('127.0.0.1', `${base}/v3/directline/conversations/other/activities`, 'GET', undefined, { authorization: 'Bearer nope' })).status).not.to.equal(429);
      const dlRefused = await requestFrom('127.0.0.1', `${base}/v3/directline/conversations/abc/activities`);
      expect(JSON.parse(dlRefused.body)).to.deep.include({ error: { code: 'TooManyRequests', message: JSON.parse(dlRefused.body).error.message } });
      const admin = await statuses('/api/admin/outbox', { authorization: `Bearer ${ADMIN}` });
      expect(admin).to.deep.equal([200, 200, 200, 200, 200, 429, 429]);
    });

    it('leaves the health check, the pages and the bot\'s own connector calls alone', async () => {
      for (let i = 0; i < 8; i++) {
        expect((await requestFrom('127.0.0.1', `${base}/healthz`)).status).to.equal(200);
        expect((await requestFrom('127.0.0.1', `${base}/v3/directline/v3/conversations/abc/activities`, 'POST', { type: 'message' })).status).not.to.equal(429);
      }
    });
  });

  it('lets a message through when the counts cannot be read (the database is down): never a 500', async () => {
    const { app, base } = await start(DEFAULT_FLOOD_LIMITS);
    try {
      app.stores.flood.hit = () => Promise.reject(new Error('connection refused'));
      const reply = await requestFrom('127.0.0.1', `${base}/api/messages`, 'POST', message('during-outage'));
      expect(reply.status).to.equal(200);
    } finally {
      await app.close();
    }
  });

  describe('per source address', () => {
    let app: App;
    let base: string;
    before(async () => ({ app, base } = await start({ user: { points: 1000, seconds: 60 }, ip: { points: 4, seconds: 60 }, tokensIp: { points: 2, seconds: 60 }, wechatFollower: DEFAULT_FLOOD_LIMITS.wechatFollower })));
    after(() => app.close());

    it('refuses an address that floods with many user ids, and not another address', async () => {
      const flood: number[] = [];
      for (let i = 0; i < 8; i++) flood.push((await requestFrom('127.0.0.2', `${base}/api/messages`, 'POST', message(`u${i}`))).status);
      expect(flood).to.deep.equal([200, 200, 200, 200, 429, 429, 429, 429]);
      expect((await requestFrom('127.0.0.3', `${base}/api/messages`, 'POST', message('other'))).status).to.equal(200);
    });

    it('gives the token endpoints their own, smaller budget', async () => {
      const tokens: number[] = [];
      for (let i = 0; i < 3; i++) tokens.push((await requestFrom('127.0.0.4', `${base}/api/webchat/token`, 'POST')).status);
      expect(tokens).to.deep.equal([200, 200, 429]);
      // The same address still talks to the bot: the budgets are separate.
      expect((await requestFrom('127.0.0.4', `${base}/api/messages`, 'POST', message('page-user'))).status).to.equal(200);
      expect((await requestFrom('127.0.0.4', `${base}/v3/directline/conversations`, 'POST')).status).to.equal(429);
    });
  });

  it('sorts requests into groups', () => {
    expect(floodClassOf('POST', '/api/messages')).to.equal('messages');
    expect(floodClassOf('POST', '/api/webchat/token')).to.equal('tokens');
    expect(floodClassOf('POST', '/v3/directline/tokens/generate')).to.equal('tokens');
    expect(floodClassOf('POST', '/v3/directline/tokens/refresh')).to.equal('directline');
    expect(floodClassOf('POST', '/v3/directline/conversations')).to.equal('tokens');
    expect(floodClassOf('GET', '/v3/directline/conversations/x/activities')).to.equal('directline');
    expect(floodClassOf('POST', '/v3/directline/v3/conversations/x/activities')).to.equal(undefined);
    expect(floodClassOf('GET', '/api/agent/suggest')).to.equal('agent');
    expect(floodClassOf('GET', '/api/admin/cases')).to.equal('admin');
    expect(floodClassOf('GET', '/')).to.equal(undefined);
    expect(floodClassOf('GET', routedPath('//api/%61dmin/cases?x=1'))).to.equal('admin');
    expect(routedPath('/v3/directline/conversations/%ZZ/stream')).to.equal('/v3/directline/conversations/%ZZ/stream');
  });

  it('reads its limits from the environment', () => {
    expect(loadConfig({ RATE_LIMIT_USER: '10/5', RATE_LIMIT_IP: '100/1', RATE_LIMIT_TOKENS_IP: '3/60' }).floodLimits).to.deep.equal({
      user: { points: 10, seconds: 5 },
      ip: { points: 100, seconds: 1 },
      tokensIp: { points: 3, seconds: 60 },
      wechatFollower: DEFAULT_FLOOD_LIMITS.wechatFollower,
    });
    expect(loadConfig({ RATE_LIMIT: 'off' }).floodLimits).to.equal(undefined);
    expect(() => loadConfig({ RATE_LIMIT_USER: 'lots' })).to.throw(/RATE_LIMIT_USER/);
  });
});

if (postgresAvailable) {
  describe('flood limits across instances on one PostgreSQL database', function () {
    this.timeout(60_000);

    it('give a flooder spread over two instances one budget, not one each, and the housekeeping clears ended windows', async () => {
      const { url } = await sharedCluster();
      const admin = await openPgDatabase(url);
      const name = `flood_${process.pid}`;
      await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.close());
      const databaseUrl = url.replace('/postgres?', `/${name}?`);
      const clock = new FakeClock();
      const limits = { user: { points: 6, seconds: 60 }, ip: { points: 1000, seconds: 60 }, tokensIp: { points: 1000, seconds: 60 }, wechatFollower: DEFAULT_FLOOD_LIMITS.wechatFollower };
      const apps: App[] = [];
      try {
        for (let i = 0; i < 2; i++) apps.push(await createApp({ config: testConfig({ store: 'postgres', databaseUrl, directLineSecret: 'flood-secret', floodLimits: limits }), logger: silentLogger, clock }));
        const bases = await Promise.all(apps.map((app) => app.listen()));
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) statuses.push((await requestFrom('127.0.0.1', `${bases[i % 2]}/api/messages`, 'POST', message('spread'))).status);
        expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
        // The next minute: someone else's window is counted; the flooder's rows (user and address) have ended and are cleared, the new ones kept.
        clock.advance(60_000);
        expect((await requestFrom('127.0.0.9', `${bases[1]}/api/messages`, 'POST', message('other'))).status).to.equal(200);
        expect(await apps[0].dailyJobs.housekeeping()).to.equal(2);
        expect(await apps[1].dailyJobs.housekeeping()).to.equal(0);
        // The flooder's budget is whole again, on either instance.
        for (const base of bases) expect((await requestFrom('127.0.0.1', `${base}/api/messages`, 'POST', message('spread'))).status).to.equal(200);
      } finally {
        await Promise.all(apps.map((app) => app.close()));
      }
    });
  });
}
