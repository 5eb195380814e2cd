import { expect } from 'chai';
import { createRequire } from 'node:module';
import { ActivityHandler, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { ConnectionStatus, DirectLine, type Activity as ClientActivity, type Services } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { createAdapter } from '../../bot/adapter.js';
import { DEFAULT_TOKEN_TTL_SECONDS, issueToken, newConnectorSecret, registerDirectLine, type DirectLineChannel, type DirectLineToken } from '../../bot/channels/directLine.js';
import { silentLogger } from '../../bot/logger.js';
import type { DirectLineLimits } from '../../data/directLineStore.js';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { FakeClock, serveRoutes, tempDir, testConfig } from '../support.js';

// The official client is written for browsers: in Node it needs an XMLHttpRequest (its README
// says xhr2) and, for its WebSocket transport, a WebSocket class on the global object.
const XMLHttpRequestForNode = createRequire(import.meta.url)('xhr2') as unknown;
const globals = globalThis as Record<string, unknown>;

const SECRET = 'test-directline-secret';

/** The tiny bot of the brief: a welcome when a user joins, an echo for every message. */
class EchoBot extends ActivityHandler {
  readonly received: Activity[] = [];
  readonly references: Partial<ConversationReference>[] = [];

  constructor() {
    super();
    this.onTurn(async (context, next) => {
      this.received.push(context.activity);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((m) => m.id !== context.activity.recipient.id)) await context.sendActivity('welcome');
      await next();
    });
    this.onMessage(async (context, next) => {
      if (context.activity.text === 'boom') throw new Error('the bot failed');
      this.references.push(TurnContext.getConversationReference(context.activity));
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
  }

  updatesIn(conversationId: string): string[][] {
    return this.received
      .filter((a) => a.type === 'conversationUpdate' && a.conversation.id === conversationId)
      .map((a) => (a.membersAdded ?? []).map((m) => m.id));
  }
}

interface Harness {
  base: string;
  connectorSecret: string;
  dl: string;
  clock: FakeClock;
  bot: EchoBot;
  turnErrors: Error[];
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/** The app as the brief builds it: restify, an anonymous CloudAdapter, the echo bot, the channel's routes, port 0. */
async function startChannel(options: { secret?: string; appId?: string; limits?: Partial<DirectLineLimits> } = { secret: SECRET }): Promise<Harness> {
  const clock = new FakeClock();
  const store = await LowdbDirectLineStore.open(tempDir(), options.limits);
  const connectorSecret = newConnectorSecret();
  let base = '';
  const adapter = createAdapter(testConfig(), silentLogger, { serviceUrl: () => `${base}/v3/directline`, secret: connectorSecret });
  const turnErrors: Error[] = [];
  adapter.onTurnError = async (_context, error) => {
    turnErrors.push(error);
  };
  const bot = new EchoBot();
  let channel: DirectLineChannel | undefined;
  const served = await serveRoutes((server) => {
    channel = registerDirectLine(server, { adapter, bot, secret: options.secret, connectorSecret, appId: options.appId, store, clock, publicBaseUrl: () => base, logger: silentLogger });
  });
  base = served.base;
  return {
    base,
    connectorSecret,
    dl: `${base}/v3/directline`,
    clock,
    bot,
    turnErrors,
    adapter,
    close: async () => {
      channel?.close();
      await served.close();
    },
  };
}

const auth = (credential: string) => ({ authorization: `Bearer ${credential}` });
const json = { 'content-type': 'application/json' };

async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers: { ...(init.body !== undefined && json), ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}

/** Every activity the official client delivers, kept in order; `waitFor` polls until a condition holds. */
function watch(client: DirectLine) {
  const seen: ClientActivity[] = [];
  const subscription = client.activity$.subscribe((activity) => seen.push(activity));
  return {
    seen,
    texts: () => seen.map((a) => (a.type === 'message' ? a.text : `(${a.type})`)),
    async waitFor(done: (seen: ClientActivity[]) => boolean, what: string, timeoutMs = 8000) {
      const end = Date.now() + timeoutMs;
      while (!done(seen)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the client saw ${JSON.stringify(this.texts())}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop() {
      subscription.unsubscribe();
      client.end();
    },
  };
}

const botSaid = (text: string) => (seen: ClientActivity[]) => seen.some((a) => a.type === 'message' && a.from.role === 'bot' && a.text === text);
const count = (text: string, seen: ClientActivity[]) => seen.filter((a) => a.type === 'message' && a.text === text).length;

function post(client: DirectLine, activity: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => client.postActivity(activity as unknown as ClientActivity).subscribe(resolve, reject));
}

function pollingClient(h: Harness, options: { token?: string; secret?: string }) {
  // The client looks its WebSocket class up even when told to poll.
  return new DirectLine({ ...options, domain: h.dl, webSocket: false, pollingInterval: 200, WebSocket: WebSocket as unknown as Services['WebSocket'] });
}

/** The start does not wait for the bot: waits until its welcome has landed in the transcript. */
async function welcomed(h: Harness, conversationId: string, credential: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const page = await call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(credential) });
    if ((page.body.activities as { text?: string }[]).some((a) => a.text === 'welcome')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect.fail('no welcome');
}

async function generate(h: Harness, body?: unknown): Promise<DirectLineToken> {
  const res = await call(`${h.dl}/tokens/generate`, { headers: auth(SECRET), body });
  expect(res.status).to.equal(200);
  return res.body as DirectLineToken;
}

describe('Direct Line channel', () => {
  before(() => {
    globals.XMLHttpRequest = XMLHttpRequestForNode;
  });
  after(() => {
    delete globals.XMLHttpRequest;
  });

  describe('with the official client, polling', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startChannel();
    });
    afterEach(() => h.close());

    it('welcomes a user whose token carries an id before they type, then echoes what they post', async () => {
      const { token, conversationId } = await generate(h, { user: { id: 'dl_alice', name: 'Alice' } });
      const client = pollingClient(h, { token });
      const chat = watch(client);
      try {
        await chat.waitFor(botSaid('welcome'), 'the welcome');
        // One conversationUpdate naming the bot and the user, as the cloud service sends for a token with a user id.
        expect(h.bot.updatesIn(conversationId)).to.deep.equal([['bot', 'dl_alice']]);
        // Web Chat knows its message was sent when it sees it echoed with its clientActivityID.
        const id = await post(client, { type: 'message', text: '你好', from: { id: 'dl_alice' }, channelData: { clientActivityID: 'c-1' } });
        expect(id).to.match(new RegExp(`^${conversationId}\\|\\d{7}$`));
        await chat.waitFor(botSaid('echo: 你好'), 'the echo');
        const mine = chat.seen.find((a) => a.type === 'message' && a.text === '你好')!;
        const reply = chat.seen.find((a) => a.type === 'message' && a.text === 'echo: 你好')!;
        expect(mine).to.deep.include({ id, channelId: 'directline', channelData: { clientActivityID: 'c-1' } });
        expect(mine.from).to.deep.include({ id: 'dl_alice', role: 'user' });
        expect(reply.from).to.deep.include({ id: 'bot', role: 'bot' });
        expect((reply as { replyToId?: string }).replyToId).to.equal(id);
        expect(chat.texts()).to.deep.equal(['welcome', '你好', 'echo: 你好']);
        expect(h.bot.updatesIn(conversationId)).to.have.length(1);

        const turn = h.bot.received.find((a) => a.type === 'message')!;
        expect(turn).to.deep.include({ channelId: 'directline', serviceUrl: h.dl, conversation: { id: conversationId } });
        expect(turn.recipient).to.deep.include({ id: 'bot' });
        expect(h.turnErrors).to.deep.equal([]);
      } finally {
        chat.stop();
      }
    });

    it('with the secret and no user id: the bot is told of the user at their first message, as by the cloud service', async () => {
      const client = pollingClient(h, { secret: SECRET });
      const chat = watch(client);
      try {
        await chat.waitFor(() => client.connectionStatus$.getValue() === ConnectionStatus.Online, 'online');
        const conversationId = (client as unknown as { conversationId: string }).conversationId;
        await post(client, { type: 'message', text: 'hi', from: { id: 'visitor-1', name: '访客' } });
        await chat.waitFor(botSaid('echo: hi'), 'the echo');
        expect(h.bot.updatesIn(conversationId)).to.deep.equal([['bot'], ['visitor-1']]);
        expect(chat.texts()).to.deep.equal(['hi', 'welcome', 'echo: hi']);
        await post(client, { type: 'message', text: 'again', from: { id: 'visitor-1' } });
        await chat.waitFor(botSaid('echo: again'), 'the second echo');
        expect(h.bot.updatesIn(conversationId)).to.have.length(2);
      } finally {
        chat.stop();
      }
    });

    it('delivers a proactive message sent later with continueConversationAsync, the user sending nothing', async () => {
      const client = pollingClient(h, { token: issueToken({ secret: SECRET, clock: h.clock }).token });
      const chat = watch(client);
      try {
        await chat.waitFor(botSaid('welcome'), 'the welcome');
        await post(client, { type: 'message', text: '我的申请', from: {} });
        await chat.waitFor(botSaid('echo: 我的申请'), 'the echo');
        const reference = h.bot.references[0];
        // As the scheduled status updates will: the stored reference and an anonymous bot identity.
        await h.adapter.continueConversationAsync('', reference, async (context) => {
          await context.sendActivity('您的申请已受理');
        });
        expect(h.turnErrors).to.deep.equal([]);
        await chat.waitFor(botSaid('您的申请已受理'), 'the proactive message');
        expect(chat.texts().slice(-1)).to.deep.equal(['您的申请已受理']);
      } finally {
        chat.stop();
      }
    });

    it('goes to ExpiredToken when the token expires, and works again after reconnect with a refreshed token', async () => {
      const client = pollingClient(h, { token: (await generate(h, { user: { id: 'dl_bob' } })).token });
      const chat = watch(client);
      try {
        await chat.waitFor(botSaid('welcome'), 'the welcome');
        h.clock.advance((DEFAULT_TOKEN_TTL_SECONDS + 1) * 1000);
        await chat.waitFor(() => client.connectionStatus$.getValue() === ConnectionStatus.ExpiredToken, 'ExpiredToken');
        // What a page does then: a new token for the same conversation, from the secret's side.
        const conversationId = (client as unknown as { conversationId: string }).conversationId;
        const fresh = await call(`${h.dl}/conversations/${conversationId}`, { method: 'GET', headers: auth(SECRET) });
        expect(fresh.status).to.equal(200);
        client.reconnect(fresh.body as { conversationId: string; token: string; streamUrl: string });
        await post(client, { type: 'message', text: 'back', from: { id: 'dl_bob' } });
        await chat.waitFor(botSaid('echo: back'), 'the echo after reconnecting');
      } finally {
        chat.stop();
      }
    });
  });

  describe('tokens', () => {
    let h: Harness;
    before(async () => {
      h = await startChannel();
    });
    after(() => h.close());

    it('are generated only with the secret: 401 without or with a wrong one, 403 for a token', async () => {
      const generated = await generate(h);
      expect(generated).to.have.all.keys('conversationId', 'token', 'expires_in');
      expect(generated.expires_in).to.equal(DEFAULT_TOKEN_TTL_SECONDS);
      const none = await call(`${h.dl}/tokens/generate`);
      expect(none.status).to.equal(401);
      expect(none.body.error).to.include({ code: 'Unauthorized' });
      expect(none.body.error.message).to.be.a('string');
      expect((await call(`${h.dl}/tokens/generate`, { headers: auth('wrong') })).status).to.equal(401);
      expect((await call(`${h.dl}/tokens/generate`, { headers: { authorization: SECRET } })).status).to.equal(401);
      expect((await call(`${h.dl}/tokens/generate`, { headers: auth(generated.token) })).status).to.equal(403);
      expect((await call(`${h.dl}/tokens/generate`, { headers: auth(SECRET), body: { user: { id: 5 } } })).status).to.equal(400);
    });

    it('are refused when no secret is configured, whatever is presented', async () => {
      const closed = await startChannel({});
      try {
        const res = await call(`${closed.dl}/tokens/generate`, { headers: auth('anything') });
        expect(res.status).to.equal(403);
        // issueToken still works for the web page's own endpoint, signed with a per-process key.
        const { token, conversationId } = issueToken({ clock: closed.clock });
        const started = await call(`${closed.dl}/conversations`, { headers: auth(token) });
        expect(started.status).to.equal(201);
        expect(started.body.conversationId).to.equal(conversationId);
      } finally {
        await closed.close();
      }
    });

    it('refresh: same conversation and user, a later expiry; only for a token', async () => {
      const { token, conversationId } = await generate(h, { user: { id: 'dl_carol' } });
      h.clock.advance(10 * 60_000);
      const refreshed = await call(`${h.dl}/tokens/refresh`, { headers: auth(token) });
      expect(refreshed.status).to.equal(200);
      expect(refreshed.body).to.include({ conversationId, expires_in: DEFAULT_TOKEN_TTL_SECONDS });
      const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()) as { user: string; exp: number };
      expect(claims(refreshed.body.token).user).to.equal('dl_carol');
      expect(claims(refreshed.body.token).exp - claims(token).exp).to.equal(600);
      expect((await call(`${h.dl}/tokens/refresh`, { headers: auth(SECRET) })).status).to.equal(403);
      h.clock.advance(21 * 60_000);
      const late = await call(`${h.dl}/tokens/refresh`, { headers: auth(token) });
      expect(late.status).to.equal(403);
      expect(late.body.error.code).to.equal('TokenExpired');
      expect((await call(`${h.dl}/conversations`, { headers: auth(refreshed.body.token) })).status).to.equal(201);
    });

    it('are bound to their conversation: 403 elsewhere; a malformed one gets 401, a forged, expired or other key\'s one 403', async () => {
      const mine = await generate(h, { user: { id: 'dl_dave' } });
      const other = await generate(h);
      await call(`${h.dl}/conversations`, { headers: auth(mine.token) });
      await call(`${h.dl}/conversations`, { headers: auth(other.token) });
      const activities = (t: string, conversationId = other.conversationId) =>
        call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(t) });
      const elsewhere = await activities(mine.token);
      expect(elsewhere.status).to.equal(403);
      expect(elsewhere.body.error.code).to.equal('Forbidden');
      expect((await call(`${h.dl}/conversations/${other.conversationId}/activities`, { headers: auth(mine.token), body: { type: 'message', text: 'x' } })).status).to.equal(403);
      expect((await call(`${h.dl}/conversations/${other.conversationId}`, { method: 'GET', headers: auth(mine.token) })).status).to.equal(403);
      expect((await activities(mine.token, mine.conversationId)).status).to.equal(200);
      // Someone else's user id in `from` with a token bound to a user: rewritten to the token's user, as by the cloud service.
      const impersonation = await call(`${h.dl}/conversations/${mine.conversationId}/activities`, {
        headers: auth(mine.token),
        body: { type: 'message', text: 'as eve', from: { id: 'dl_eve', name: 'Eve' } },
      });
      expect(impersonation.status).to.equal(200);
      const stored = (await activities(mine.token, mine.conversationId)).body.activities.find((a: { text?: string }) => a.text === 'as eve');
      expect(stored.from.id).to.equal('dl_dave');
      expect(h.bot.received.some((a) => a.text === 'as eve' && a.from.id === 'dl_dave')).to.equal(true);

      const [head, payload, signature] = mine.token.split('.');
      const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), conv: other.conversationId })).toString('base64url');
      // A token not signed by this server's key gets 403, so the official client fetches a new one.
      const forged = await activities(`${head}.${forgedPayload}.${signature}`);
      expect(forged.status).to.equal(403);
      expect(forged.body.error.code).to.equal('BadArgument');
      const noneAlg = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      expect((await activities(`${noneAlg}.${payload}.`, mine.conversationId)).status).to.equal(401);
      expect((await activities('not-a-token')).status).to.equal(401);
      expect((await activities(issueToken({ secret: 'another secret', clock: h.clock }).token)).status).to.equal(403);

      h.clock.advance(DEFAULT_TOKEN_TTL_SECONDS * 1000);
      const expired = await activities(mine.token, mine.conversationId);
      expect(expired.status).to.equal(403);
      expect(expired.body.error.code).to.equal('TokenExpired');
      // The secret reaches every conversation.
      expect((await activities(SECRET, mine.conversationId)).status).to.equal(200);
    });
  });

  describe('protocol edges', () => {
    let h: Harness;
    let conversationId: string;
    let token: string;
    before(async () => {
      h = await startChannel({ secret: SECRET, limits: { maxActivities: 4 } });
      ({ conversationId, token } = await generate(h, { user: { id: 'dl_frank' } }));
      const started = await call(`${h.dl}/conversations`, { headers: auth(token), body: { user: {}, locale: 'zh-CN' } });
      expect(started.status).to.equal(201);
      expect(started.body.streamUrl).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?t=/);
      const again = await call(`${h.dl}/conversations`, { headers: auth(token) });
      expect(again.status).to.equal(200);
      expect(again.body.conversationId).to.equal(conversationId);
      await welcomed(h, conversationId, token);
    });
    after(() => h.close());

    const postRaw = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${h.dl}/conversations/${conversationId}/activities`, { method: 'POST', headers: { ...json, ...auth(token), ...headers }, body });

    it('rejects malformed posts with 400 and a JSON reason, an oversized one with 413, never a 500', async () => {
      const bad = ['{"type": "message",', '', '[]', '"text"', '{}', '{"type": 5}', '{"type": "conversationUpdate"}', '{"type": "message", "text": 42}', '{"type": "message", "from": {"id": 7}}'];
      for (const body of bad) {
        const res = await postRaw(body);
        expect(res.status, body).to.equal(400);
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        expect(error.code, body).to.equal('BadArgument');
        expect(error.message, body).to.be.a('string').and.not.equal('');
      }
      const huge = await postRaw(JSON.stringify({ type: 'message', text: '长'.repeat(100_000) }));
      expect(huge.status).to.equal(413);
      expect(((await huge.json()) as { error: { code: string } }).error.code).to.equal('MessageSizeTooBig');
      const page = await call(`${h.dl}/conversations/${conversationId}/activities?watermark=abc`, { method: 'GET', headers: auth(token) });
      expect(page.status).to.equal(400);
      expect((await call(`${h.dl}/conversations/nope/activities`, { method: 'GET', headers: auth(SECRET) })).status).to.equal(404);
      expect((await call(`${h.dl}/conversations/nope/activities`, { headers: auth(SECRET), body: { type: 'message', text: 'x', from: { id: 'u' } } })).status).to.equal(404);
      // With the secret and no user in a token, `from.id` is needed.
      expect((await call(`${h.dl}/conversations/${conversationId}/activities`, { headers: auth(SECRET), body: { type: 'message', text: 'x' } })).status).to.equal(400);
      expect(h.turnErrors).to.deep.equal([]);
    });

    it('keeps the newest activities up to the cap; watermarks go on counting', async () => {
      for (const text of ['one', 'two', 'three']) {
        const res = await call(`${h.dl}/conversations/${conversationId}/activities`, { headers: auth(token), body: { type: 'message', text } });
        expect(res.status).to.equal(200);
      }
      const page = await call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(token) });
      const texts = (page.body.activities as { text: string }[]).map((a) => a.text);
      // welcome, then three messages and three echoes: seven in all, the newest four kept.
      expect(texts).to.deep.equal(['two', 'echo: two', 'three', 'echo: three']);
      expect(page.body.watermark).to.equal('6');
      const ids = (page.body.activities as { id: string }[]).map((a) => a.id.split('|')[1]);
      expect(ids).to.deep.equal(['0000003', '0000004', '0000005', '0000006']);
      const after = await call(`${h.dl}/conversations/${conversationId}/activities?watermark=5`, { method: 'GET', headers: auth(token) });
      expect((after.body.activities as { text: string }[]).map((a) => a.text)).to.deep.equal(['echo: three']);
    });

    it('accepts the bot\'s activities on the Connector API only from the bot, for a known conversation and with a type', async () => {
      const connector = `${h.dl}/v3/conversations`;
      const asBot = auth(h.connectorSecret);
      expect((await call(`${connector}/${conversationId}/activities`, { headers: asBot, body: { text: 'no type' } })).status).to.equal(400);
      expect((await call(`${connector}/${conversationId}/activities`, { headers: asBot, body: '{' })).status).to.equal(400);
      expect((await call(`${connector}/nope/activities`, { headers: asBot, body: { type: 'message', text: 'x' } })).status).to.equal(404);
      const sent = await call(`${connector}/${conversationId}/activities`, { headers: asBot, body: { type: 'message', text: 'from the bot', from: { id: 'someone', role: 'user' } } });
      expect(sent.status).to.equal(200);
      const page = await call(`${h.dl}/conversations/${conversationId}/activities?watermark=6`, { method: 'GET', headers: auth(token) });
      expect(page.body.activities[0]).to.deep.include({ id: sent.body.id, text: 'from the bot' });
      expect(page.body.activities[0].from).to.deep.equal({ id: 'bot', name: 'Bot', role: 'bot' });
      const put = await call(`${connector}/${conversationId}/activities/x`, { method: 'PUT', headers: asBot, body: { type: 'message' } });
      expect(put.status).to.equal(405);
      expect(put.body.error.code).to.equal('MethodNotAllowed');
    });

    it('refuses anyone but the bot on the Connector API: no fake bot message in another person\'s conversation', async () => {
      const connector = `${h.dl}/v3/conversations/${conversationId}/activities`;
      const fake = { type: 'message', text: '请缴纳手续费 200 元', from: { id: 'bot', role: 'bot' } };
      for (const credential of [undefined, SECRET, token, 'Bearer-guess', h.connectorSecret.slice(1)]) {
        const res = await call(connector, { headers: credential ? auth(credential) : {}, body: fake });
        expect(res.status, String(credential)).to.equal(401);
        expect(res.body.error.code).to.equal('Unauthorized');
      }
      const reply = await call(`${connector}/x`, { headers: auth(token), body: fake });
      expect(reply.status).to.equal(401);
      const page = await call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(token) });
      expect((page.body.activities as { text?: string }[]).some((a) => a.text === fake.text)).to.equal(false);
    });

    it('sweeps out conversations idle past the retention when new ones start', async () => {
      h.clock.advance(8 * 24 * 3600_000);
      expect((await call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(SECRET) })).status).to.equal(200);
      const next = await call(`${h.dl}/conversations`, { headers: auth(SECRET) });
      expect(next.status).to.equal(201);
      for (let i = 0; i < 50; i++) {
        const res = await call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(SECRET) });
        if (res.status === 404) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect.fail('the idle conversation was not swept out');
    });
  });

  describe('a bot that fails', () => {
    it('answers 502 BotError, the activity kept in the transcript', async () => {
      const h = await startChannel();
      h.adapter.onTurnError = async (_context, error) => {
        throw error;
      };
      try {
        const { token, conversationId } = await generate(h, { user: { id: 'dl_gina' } });
        await call(`${h.dl}/conversations`, { headers: auth(token) });
        await welcomed(h, conversationId, token);
        const res = await call(`${h.dl}/conversations/${conversationId}/activities`, { headers: auth(token), body: { type: 'message', text: 'boom' } });
        expect(res.status).to.equal(502);
        expect(res.body.error.code).to.equal('BotError');
        const page = await call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(token) });
        expect((page.body.activities as { text: string }[]).some((a) => a.text === 'boom')).to.equal(true);
      } finally {
        await h.close();
      }
    });
  });

  describe('WebSocket stream', () => {
    let h: Harness;
    before(async () => {
      h = await startChannel();
      globals.WebSocket = WebSocket;
    });
    after(async () => {
      delete globals.WebSocket;
      await h.close();
    });

    it('pushes the welcome, the echo and a proactive message to the official client', async () => {
      const client = new DirectLine({ token: issueToken({ secret: SECRET, clock: h.clock }).token, domain: h.dl, webSocket: true });
      const chat = watch(client);
      try {
        await chat.waitFor(botSaid('welcome'), 'the welcome');
        await post(client, { type: 'message', text: 'ws', from: {} });
        await chat.waitFor(botSaid('echo: ws'), 'the echo');
        await h.adapter.continueConversationAsync('', h.bot.references[0], async (context) => {
          await context.sendActivity('later');
        });
        await chat.waitFor(botSaid('later'), 'the proactive message');
        expect(chat.texts()).to.deep.equal(['welcome', 'ws', 'echo: ws', 'later']);
        expect(count('welcome', chat.seen)).to.equal(1);
      } finally {
        chat.stop();
      }
    });

    it('sends typing over the stream only: polling never lists it, the watermark still moves past it', async () => {
      const { token } = await generate(h, { user: { id: 'dl_typist' } });
      const started = (await call(`${h.dl}/conversations`, { headers: auth(token) })).body as { conversationId: string; streamUrl: string };
      const pushed: { type: string; text?: string }[] = [];
      const ws = new WebSocket(started.streamUrl);
      ws.on('message', (data) => pushed.push(...(JSON.parse(String(data)) as { activities: { type: string; text?: string }[] }).activities));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      try {
        const activities = `${h.dl}/conversations/${started.conversationId}/activities`;
        expect((await call(activities, { headers: auth(token), body: { type: 'typing', from: { id: 'dl_typist' } } })).status).to.equal(200);
        expect((await call(activities, { headers: auth(token), body: { type: 'message', text: 'after typing', from: { id: 'dl_typist' } } })).status).to.equal(200);
        for (let i = 0; i < 200 && !pushed.some((a) => a.text === 'echo: after typing'); i++) await new Promise((r) => setTimeout(r, 20));
        expect(pushed.map((a) => a.type)).to.include('typing');
        const page = await call(activities, { method: 'GET', headers: auth(token) });
        const polled = page.body.activities as { type: string; text?: string }[];
        expect(polled.map((a) => a.type)).to.not.include('typing');
        expect(polled.map((a) => a.text)).to.include('echo: after typing');
        expect(Number(page.body.watermark)).to.equal(pushed.length - 1);
      } finally {
        ws.close();
      }
    });

    it('refuses a stream without a valid token for its conversation', async () => {
      const { token, conversationId } = await generate(h);
      await call(`${h.dl}/conversations`, { headers: auth(token) });
      const other = await generate(h);
      const status = (url: string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(url);
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => {
            ws.close();
            resolve(101);
          });
          ws.on('error', () => undefined);
        });
      const { streamUrl } = (await call(`${h.dl}/conversations/${conversationId}`, { method: 'GET', headers: auth(token) })).body as { streamUrl: string };
      const otherStream = (await call(`${h.dl}/conversations`, { headers: auth(other.token) })).body.streamUrl as string;
      const stream = `${h.dl.replace('http', 'ws')}/conversations/${conversationId}/stream`;
      expect(streamUrl.startsWith(`${stream}?t=`)).to.equal(true);
      expect(await status(streamUrl)).to.equal(101);
      expect(await status(stream)).to.equal(401);
      // The conversation token itself does not open streams; a stream token opens its own conversation's only.
      expect(await status(`${stream}?t=${token}`)).to.equal(401);
      expect(await status(`${stream}?t=${new URL(otherStream).searchParams.get('t')}`)).to.equal(403);
      expect(await status(`${streamUrl}&watermark=x`)).to.equal(400);
      expect(await status(`${h.dl.replace('http', 'ws')}/conversations/%ZZ/stream?t=x`)).to.equal(400);
      // And a stream token opens nothing else.
      const streamToken = new URL(streamUrl).searchParams.get('t')!;
      expect((await call(`${h.dl}/conversations/${conversationId}/activities`, { method: 'GET', headers: auth(streamToken) })).status).to.equal(401);
      // Valid for 60 s, as in the 3.0 reference.
      h.clock.advance(61_000);
      expect(await status(streamUrl)).to.equal(403);
    });
  });

  describe('with MicrosoftAppId set', () => {
    it('refuses conversations (503) and wants a bearer token on the Connector API', async () => {
      const h = await startChannel({ secret: SECRET, appId: '00000000-0000-0000-0000-000000000001' });
      try {
        const started = await call(`${h.dl}/conversations`, { headers: auth(SECRET) });
        expect(started.status).to.equal(503);
        expect(started.body.error.message).to.include('MicrosoftAppId');
        const { conversationId } = await generate(h);
        const connector = `${h.dl}/v3/conversations/${conversationId}/activities`;
        expect((await call(connector, { body: { type: 'message', text: 'x' } })).status).to.equal(401);
        // Only the bot's shared secret counts, whatever else is presented; the conversation was never started: 404 after the check.
        expect((await call(connector, { headers: auth('aad-token'), body: { type: 'message', text: 'x' } })).status).to.equal(401);
        expect((await call(connector, { headers: auth(h.connectorSecret), body: { type: 'message', text: 'x' } })).status).to.equal(404);
      } finally {
        await h.close();
      }
    });
  });
});
