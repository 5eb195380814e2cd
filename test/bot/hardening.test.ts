import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { createLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { rawRequest } from '../../scripts/fuzz/rawHttp.js';
import { ConnectorStub } from '../connectorStub.js';
import { testActivity, testConfig } from '../support.js';
import { createAccount } from '../../data/agents.js';

const ADMIN = 'hardening-admin';
let AGENT = '';
const SECRET = 'hardening-directline-secret';
const ID_NUMBER = '11010519491231002X';

const activity = (extra: Record<string, unknown> = {}) => testActivity('残疾证有效期是几年', extra);

const nested = (depth: number) => '{"a":'.repeat(depth) + `"${ID_NUMBER}"` + '}'.repeat(depth);

describe('transport hardening (a real started server)', () => {
  let app: App;
  let base: string;
  let port: number;
  const logLines: string[] = [];

  before(async () => {
    app = await createApp({
      config: testConfig({ adminToken: ADMIN, directLineSecret: SECRET, allowedServiceUrls: ['replies.county.example'] }),
      logger: createLogger((line) => logLines.push(line)),
    });
    base = await app.listen();
    port = Number(new URL(base).port);
    await createAccount(app.stores.agents, { name: 'hard1', password: 'hardening-pass', role: 'agent' }, 'test', new Date());
    const login = await fetch(`${base}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'hard1', password: 'hardening-pass' }) });
    AGENT = ((await login.json()) as { token: string }).token;
  });
  after(() => app.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;
  const healthy = async () => expect((await fetch(`${base}/healthz`)).status).to.equal(200);

  describe('the WebSocket upgrade', () => {
    const upgrade = (path: string) =>
      rawRequest(
        port,
        `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );

    it('refuses a malformed percent-escape in the conversation id with 400 and keeps serving', async () => {
      expect((await upgrade('/v3/directline/conversations/%ZZ/stream?t=x')).status).to.equal(400);
      expect((await upgrade('/v3/directline/conversations/%E0%A4%A/stream')).status).to.equal(400);
      await healthy();
    });

    it('refuses reserved names, bad tokens and unknown paths without a 5xx', async () => {
      expect((await upgrade('/v3/directline/conversations/__proto__/stream?t=x')).status).to.equal(400);
      expect((await upgrade('/v3/directline/conversations/abc/stream?t=not.a.token')).status).to.equal(401);
      expect((await upgrade('/v3/directline/conversations/abc/stream?t=%ZZ&watermark=1')).status).to.equal(401);
      expect((await upgrade('/%ZZ')).status).to.equal(404);
      await healthy();
    });
  });

  describe('deep and huge JSON', () => {
    it('refuses a deeply nested body with 400 before parsing, on every JSON endpoint, and logs none of it', async () => {
      logLines.length = 0;
      const deepActivity = JSON.stringify(activity()).replace(/}$/, `,"channelData":${nested(10_000)}}`);
      const token = (await (await post('/api/webchat/token', '')).json()) as { token: string; conversationId: string };
      const dlAuth = { authorization: `Bearer ${token.token}` };
      await post('/v3/directline/conversations', '', dlAuth);
      for (const [path, headers] of [
        ['/api/messages', {}],
        [`/v3/directline/conversations/${token.conversationId}/activities`, dlAuth],
        ['/api/admin/cases/YC202611200001/actions', { authorization: `Bearer ${ADMIN}` }],
        ['/api/agent/login', {}],
      ] as const) {
        // 1,000 deep elsewhere: the agent login takes 16 KB at most, and the depth is what is tested.
        const res = await post(path, path === '/api/messages' ? deepActivity : nested(1_000), headers);
        expect(res.status, path).to.equal(400);
        expect(JSON.stringify(await res.json()), path).to.include('嵌套');
      }
      // Arrays too, and a depth split across chunks.
      expect((await post('/api/messages', '['.repeat(10_000) + ']'.repeat(10_000))).status).to.equal(400);
      expect(logLines.join('\n')).to.not.include(ID_NUMBER).and.not.include('"a":{');
      await healthy();
    });

    it('accepts ordinary nesting (an Adaptive Card) and brackets inside strings', async () => {
      const card = { type: 'AdaptiveCard', body: [{ type: 'Container', items: [{ type: 'ColumnSet', columns: [{ items: [{ type: 'TextBlock', text: '[[[{{{' }] }] }] }] };
      const res = await post('/api/messages', JSON.stringify(activity({ text: '{{{[[[ 残疾证有效期是几年', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] })));
      expect(res.status).to.equal(200);
    });

    it('refuses a body over the limit with 413, declared or streamed', async () => {
      expect((await post('/api/messages', JSON.stringify(activity({ text: '长'.repeat(400_000) })))).status).to.equal(413);
      const chunked = await rawRequest(
        port,
        `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n200000\r\n${'x'.repeat(0x200000)}\r\n0\r\n\r\n`,
      );
      expect(chunked.status).to.equal(413);
    });
  });

  describe('ids and keys', () => {
    const reserved = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

    it('refuses reserved names as conversation, user and channel ids on /api/messages with 400', async () => {
      for (const name of reserved) {
        for (const body of [activity({ conversation: { id: name } }), activity({ from: { id: name } }), activity({ channelId: name })]) {
          const res = await post('/api/messages', JSON.stringify(body));
          expect(res.status, JSON.stringify(body)).to.equal(400);
          expect(await errorOf(res)).to.include(name);
        }
      }
      expect((await post('/api/messages', JSON.stringify(activity({ conversation: { id: 'a\nfake log line' } })))).status).to.equal(400);
      expect((await post('/api/messages', JSON.stringify(activity({ conversation: { id: 'x'.repeat(300) } })))).status).to.equal(400);
    });

    it('refuses reserved names as case numbers, slot ids, call ids and Direct Line conversations with 400', async () => {
      const admin = { authorization: `Bearer ${ADMIN}` };
      const agent = { authorization: `Bearer ${AGENT}` };
      const dl = { authorization: `Bearer ${SECRET}` };
      for (const name of reserved) {
        for (const [method, path, headers] of [
          ['GET', `/api/admin/cases/${name}`, admin],
          ['POST', `/api/admin/cases/${name}/actions`, admin],
          ['PATCH', `/api/admin/slots/${name}`, admin],
          ['GET', `/api/agent/cases/${name}`, agent],
          ['GET', `/api/agent/calls/${name}`, agent],
          ['GET', `/v3/directline/conversations/${name}`, dl],
          ['GET', `/v3/directline/conversations/${name}/activities`, dl],
          ['POST', `/v3/directline/conversations/${name}/activities`, dl],
        ] as const) {
          const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '{"type":"message","closed":true,"action":"start_review","by":"staff:x"}' });
          expect(res.status, `${method} ${path}`).to.equal(400);
        }
      }
      await healthy();
    });
  });

  describe('POST /api/messages', () => {
    it('requires type, serviceUrl, channelId, from.id and conversation.id, naming what is missing', async () => {
      for (const field of ['type', 'serviceUrl', 'channelId', 'from', 'conversation']) {
        const body: Record<string, unknown> = activity();
        delete body[field];
        const res = await post('/api/messages', JSON.stringify(body));
        expect(res.status, field).to.equal(400);
        expect(await errorOf(res), field).to.include(field);
      }
      const res = await post('/api/messages', JSON.stringify(activity({ from: {} })));
      expect(res.status).to.equal(400);
      expect(await errorOf(res)).to.include('from.id');
    });

    it('replies only to loopback or configured hosts when anonymous: others get 403 before any request', async () => {
      for (const serviceUrl of ['https://example.com', 'http://10.0.0.1:8080', 'https://smba.trafficmanager.net/apis', 'https://directline.botframework.com', 'file:///etc/passwd', 'not a url']) {
        const res = await post('/api/messages', JSON.stringify(activity({ serviceUrl, deliveryMode: undefined })));
        expect(res.status, serviceUrl).to.equal(403);
        expect(await errorOf(res), serviceUrl).to.match(/serviceUrl|ALLOWED_SERVICE_URLS|Bot Framework/);
      }
      expect((await post('/api/messages', JSON.stringify(activity({ serviceUrl: 'https://replies.county.example/api' })))).status).to.equal(200);
      // Nothing posts into the self-hosted Direct Line through /api/messages.
      const intoDirectLine = await post('/api/messages', JSON.stringify(activity({ serviceUrl: `${base}/v3/directline`, deliveryMode: undefined })));
      expect(intoDirectLine.status).to.equal(403);
      expect((await post('/api/messages', JSON.stringify(activity({ channelId: 'directline' })))).status).to.equal(403);
    });

    it('posts its replies to an allowed loopback serviceUrl', async () => {
      const stub = await ConnectorStub.start();
      try {
        const res = await post('/api/messages', JSON.stringify(activity({ serviceUrl: stub.url, deliveryMode: undefined, conversation: { id: 'to-stub' } })));
        expect(res.status).to.be.oneOf([200, 201]);
        expect(stub.received.map((r) => r.conversationId)).to.include('to-stub');
      } finally {
        await stub.close();
      }
    });

    it('turns a value without text (Adaptive Card submit, postBack) into the choice it carries', async () => {
      const typed = await post('/api/messages', JSON.stringify(activity({ text: '残疾证怎么办', conversation: { id: 'typed' } })));
      const answer = ((await typed.json()) as { activities: { text: string }[] }).activities.at(-1)!.text;
      for (const value of ['残疾证怎么办', { choice: '残疾证怎么办' }, { text: '残疾证怎么办', extra: 1 }]) {
        const res = await post('/api/messages', JSON.stringify(activity({ text: undefined, value, conversation: { id: `value-${JSON.stringify(value)}` } })));
        expect(res.status).to.equal(200);
        const replies = ((await res.json()) as { activities: { text: string }[] }).activities;
        expect(replies.at(-1)!.text, JSON.stringify(value)).to.equal(answer);
      }
      // A value with nothing readable is an empty message, answered as one.
      const res = await post('/api/messages', JSON.stringify(activity({ text: undefined, value: { n: 1 }, conversation: { id: 'value-unreadable' } })));
      expect(((await res.json()) as { activities: { text: string }[] }).activities.at(-1)!.text).to.equal(text.empty);
    });
  });

  describe('headers', () => {
    it('no-store on every API answer, success or error', async () => {
      for (const path of ['/api/agent/suggest?q=残疾证', '/api/agent/suggest', '/api/admin/cases', '/api/agent/session', '/v3/directline/conversations/x/activities', '/v3/directline/nowhere']) {
        const res = await fetch(`${base}${encodeURI(path)}`);
        expect(res.headers.get('cache-control'), path).to.equal('no-store');
      }
      expect((await post('/api/messages', '{')).headers.get('cache-control')).to.equal('no-store');
    });

    it('frame-ancestors and X-Frame-Options on every page', async () => {
      for (const path of ['/', '/agent', '/no-such-page']) {
        const res = await fetch(`${base}${path}`);
        expect(res.headers.get('content-security-policy'), path).to.match(/frame-ancestors '(self|none)'/);
        expect(res.headers.get('x-frame-options'), path).to.be.oneOf(['SAMEORIGIN', 'DENY']);
      }
    });

    it('answers unknown Direct Line routes and methods in the Direct Line error shape', async () => {
      const missing = await fetch(`${base}/v3/directline/nowhere`);
      expect(missing.status).to.equal(404);
      expect(((await missing.json()) as { error: { code: string; message: string } }).error.code).to.equal('NotFound');
      const wrongMethod = await fetch(`${base}/v3/directline/tokens/generate`, { method: 'DELETE' });
      expect(wrongMethod.status).to.equal(405);
      expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).to.equal('MethodNotAllowed');
    });
  });
});
