import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { CredentialLockout } from '../../bot/limits/lockout.js';
import { createAccount } from '../../data/agents.js';
import { FakeClock, requestFrom, testConfig } from '../support.js';

const ADMIN = 'test-admin-token';
const AGENT_PASSWORD = 'test-agent-password';
const SECRET = 'test-directline-secret';
const WINDOW = 15 * 60_000;

describe('credential lockouts', () => {
  let app: App;
  let base: string;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    app = await createApp({ config: testConfig({ adminToken: ADMIN, directLineSecret: SECRET }), logger: silentLogger, clock });
    base = await app.listen();
    await createAccount(app.stores.agents, { name: 'w1001', password: AGENT_PASSWORD, role: 'agent' }, 'test', clock.now());
  });
  afterEach(() => app.close());

  const admin = (from: string, token: string) => requestFrom(from, `${base}/api/admin/outbox`, 'GET', undefined, { authorization: `Bearer ${token}` });

  it('locks the admin bearer out per source after 10 wrong tokens, then lets it in after the window', async () => {
    for (let i = 0; i < 10; i++) expect((await admin('127.0.0.1', `guess-${i}`)).status).to.equal(401);
    const locked = await admin('127.0.0.1', ADMIN);
    expect(locked.status).to.equal(429);
    expect(Number(locked.retryAfter)).to.be.within(1, WINDOW / 1000);
    expect(JSON.parse(locked.body).error).to.match(/错误次数太多/);
    // Another address is not locked out by this one's guesses.
    expect((await admin('127.0.0.2', ADMIN)).status).to.equal(200);
    clock.advance(WINDOW);
    expect((await admin('127.0.0.1', ADMIN)).status).to.equal(200);
  });

  it('counts wrong tokens for the holder across addresses, so a spread-out guess stops too', async () => {
    for (let i = 0; i < 100; i++) expect((await admin(`127.0.1.${i + 1}`, `guess-${i}`)).status).to.equal(401);
    expect((await admin('127.0.2.1', ADMIN)).status).to.equal(429);
  });

  it('shares one count between the agent login and every agent route', async () => {
    for (let i = 0; i < 5; i++) expect((await requestFrom('127.0.0.5', `${base}/api/agent/calls`, 'GET', undefined, { authorization: `Bearer g${i}` })).status).to.equal(401);
    for (let i = 0; i < 5; i++) expect((await requestFrom('127.0.0.5', `${base}/api/agent/login`, 'POST', { name: `w${i}`, password: `guess-${i}` })).status).to.equal(401);
    expect((await requestFrom('127.0.0.5', `${base}/api/agent/login`, 'POST', { name: 'w1001', password: AGENT_PASSWORD })).status).to.equal(429);
    expect((await requestFrom('127.0.0.6', `${base}/api/agent/login`, 'POST', { name: 'w1001', password: AGENT_PASSWORD })).status).to.equal(200);
  });

  it('locks the Direct Line secret after 10 wrong ones from a source, in the channel\'s error shape', async () => {
    const generate = (secret: string) => requestFrom('127.0.0.6', `${base}/v3/directline/tokens/generate`, 'POST', undefined, { authorization: `Bearer ${secret}` });
    for (let i = 0; i < 10; i++) expect((await generate(`guess-${i}`)).status).to.equal(401);
    const locked = await generate(SECRET);
    expect(locked.status).to.equal(429);
    expect(locked.retryAfter).to.match(/^\d+$/);
    expect(JSON.parse(locked.body).error.code).to.equal('TooManyRequests');
    clock.advance(WINDOW);
    expect((await generate(SECRET)).status).to.equal(200);
  });

  it('does not count stale tokens as guesses of the Direct Line secret, so a shared address keeps working', async () => {
    const stale = 'eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoieCJ9.c2lnbmF0dXJl';
    for (let i = 0; i < 15; i++) {
      expect((await requestFrom('127.0.0.7', `${base}/v3/directline/conversations/x/activities`, 'GET', undefined, { authorization: `Bearer ${stale}` })).status).to.equal(401);
    }
    expect((await requestFrom('127.0.0.7', `${base}/v3/directline/tokens/generate`, 'POST', undefined, { authorization: `Bearer ${SECRET}` })).status).to.equal(200);
  });
});

describe('CredentialLockout', () => {
  it('waits until the oldest counted failure leaves the window', () => {
    const clock = new FakeClock();
    const lockout = new CredentialLockout(clock, { perSource: 3, perHolder: 5, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(lockout.retryAfter('h', 'a')).to.equal(undefined);
      lockout.fail('h', 'a');
      clock.advance(10_000);
    }
    expect(lockout.retryAfter('h', 'a')).to.equal(30);
    expect(lockout.retryAfter('h', 'b')).to.equal(undefined);
    lockout.fail('h', 'b');
    lockout.fail('h', 'c');
    expect(lockout.retryAfter('h', 'd')).to.equal(30);
    expect(lockout.retryAfter('other', 'd')).to.equal(undefined);
    clock.advance(30_000);
    expect(lockout.retryAfter('h', 'a')).to.equal(undefined);
  });
});
