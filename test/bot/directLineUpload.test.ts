import { expect } from 'chai';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createApp, type App } from '../../bot/app.js';
import { receivedFiles, type Download } from '../../bot/attachmentDownloads.js';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { createAdapter } from '../../bot/adapter.js';
import { issueToken, newConnectorSecret, registerDirectLine, type DirectLineChannel } from '../../bot/channels/directLine.js';
import { MemoryDirectLineStore } from '../../data/memory/memoryDirectLineStore.js';
import { DirectLineUploads } from '../../bot/channels/directLineUploads.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { FakeClock, serveRoutes, testActivity, testConfig } from '../support.js';

const SECRET = 'upload-test-secret';
const MAX = 1024 * 1024;
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('a small jpeg, as far as the channel cares')]);

interface Turn {
  activity: TurnContext['activity'];
  files?: Download[];
}

/** The whole app on a free port, with a middleware after the app's own recording what each turn saw. */
async function startRecordingApp(): Promise<{ app: App; base: string; dl: string; turns: Turn[] }> {
  const app = await createApp({ config: testConfig({ store: 'memory', directLineSecret: SECRET, uploadMaxBytes: MAX, floodLimits: undefined }), logger: silentLogger });
  const turns: Turn[] = [];
  app.adapter.use({
    async onTurn(context, next) {
      if (context.activity.type === 'message') turns.push({ activity: context.activity, files: receivedFiles(context) });
      await next();
    },
  });
  const base = await app.listen();
  return { app, base, dl: `${base}/v3/directline`, turns };
}

const auth = (credential: string) => ({ authorization: `Bearer ${credential}` });

/** A started conversation: its token (bound to `user`) and id. */
async function conversation(dl: string, user = 'web-0123456789abcdef0123456789abcdef') {
  const issued = issueToken({ secret: SECRET, clock: new FakeClock(new Date()) }, { id: user });
  const started = await fetch(`${dl}/conversations`, { method: 'POST', headers: auth(issued.token) });
  expect(started.status).to.equal(201);
  return { token: issued.token, conversationId: issued.conversationId, user };
}

/** The body botframework-directlinejs posts: the activity as a JSON blob named `activity` (Chrome names it "blob"), then each file. */
function uploadForm(activity: Record<string, unknown>, files: { name: string; type: string; bytes: Buffer }[]): FormData {
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }), 'blob');
  for (const file of files) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return form;
}

const message = (user: string, attachments: Record<string, unknown>[] = [{ contentType: 'image/jpeg', name: '照片.jpg' }]) => ({
  type: 'message',
  from: { id: user },
  attachments,
  channelData: { clientActivityID: 'c-1' },
});

async function upload(dl: string, conv: { token: string; conversationId: string; user: string }, body: FormData | string, headers: Record<string, string> = {}, userId = conv.user) {
  const res = await fetch(`${dl}/conversations/${conv.conversationId}/upload?userId=${encodeURIComponent(userId)}`, {
    method: 'POST',
    headers: { ...auth(conv.token), ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function transcript(dl: string, conv: { token: string; conversationId: string }) {
  const res = await fetch(`${dl}/conversations/${conv.conversationId}/activities`, { headers: auth(conv.token) });
  return ((await res.json()) as { activities: Record<string, any>[] }).activities;
}

describe('files in the chat: Direct Line upload and attachments on every channel (HTTP, whole app)', function () {
  this.timeout(30_000);
  let app: App;
  let base: string;
  let dl: string;
  let turns: Turn[];
  before(async () => {
    ({ app, base, dl, turns } = await startRecordingApp());
  });
  after(() => app.close());
  beforeEach(() => {
    turns.length = 0;
  });

  describe('POST /v3/directline/conversations/{id}/upload', () => {
    it('takes the official client’s multipart body: the bot’s turn has the bytes, the transcript names the file and never its link', async () => {
      const conv = await conversation(dl);
      const res = await upload(dl, conv, uploadForm(message(conv.user), [{ name: '照片.jpg', type: 'image/jpeg', bytes: PHOTO }]));
      expect(res.status).to.equal(200);
      expect(res.body.id).to.match(new RegExp(`^${conv.conversationId}\\|\\d{7}$`));

      const turn = turns.find((t) => t.activity.id === res.body.id)!;
      expect(turn.activity.from.id).to.equal(conv.user);
      expect(turn.files).to.have.length(1);
      const [download] = turn.files!;
      expect(download.ok).to.equal(true);
      expect(download.ok && download.file).to.deep.include({ name: '照片.jpg', declaredType: 'image/jpeg' });
      expect(download.ok && download.file.bytes.equals(PHOTO)).to.equal(true);
      // The bot's link is on the channel's Connector side, under this conversation.
      expect(turn.activity.attachments![0].contentUrl).to.match(new RegExp(`^${dl}/v3/attachments/${conv.conversationId}/[\\w-]{20,}$`));

      const activities = await transcript(dl, conv);
      const mine = activities.find((a) => a.id === res.body.id)!;
      expect(mine.attachments).to.deep.equal([{ contentType: 'image/jpeg', name: '照片.jpg' }]);
      expect(mine.channelData).to.deep.equal({ clientActivityID: 'c-1' });
      // The file reaches the materials step, which says this person has no case waiting for one.
      expect(activities.at(-1)).to.deep.include({ text: text.upload.noCase });
    });

    it('keeps the thumbnail Web Chat drew for a picture, so the transcript shows it', async () => {
      const conv = await conversation(dl);
      const thumbnailUrl = 'data:image/jpeg;base64,/9j/4AAQ';
      const res = await upload(dl, conv, uploadForm(message(conv.user, [{ contentType: 'image/jpeg', name: 'a.jpg', thumbnailUrl }]), [{ name: 'a.jpg', type: 'image/jpeg', bytes: PHOTO }]));
      expect(res.status).to.equal(200);
      const mine = (await transcript(dl, conv)).find((a) => a.id === res.body.id)!;
      expect(mine.attachments).to.deep.equal([{ contentType: 'image/jpeg', name: 'a.jpg', thumbnailUrl }]);
    });

    it('serves a kept file to the bot’s own credential only: not to the page’s token, the Direct Line secret or anyone else', async () => {
      const conv = await conversation(dl);
      const res = await upload(dl, conv, uploadForm(message(conv.user), [{ name: 'a.jpg', type: 'image/jpeg', bytes: PHOTO }]));
      const link = turns.find((t) => t.activity.id === res.body.id)!.activity.attachments![0].contentUrl!;
      for (const headers of [{}, auth(conv.token), auth(SECRET), auth('guess')]) {
        const got = await fetch(link, { headers });
        expect(got.status, JSON.stringify(headers)).to.equal(401);
        expect(((await got.json()) as { error: { code: string } }).error.code).to.equal('Unauthorized');
      }
    });

    it('refuses another conversation’s token and another user’s id (403), before reading the files', async () => {
      const mine = await conversation(dl);
      const theirs = await conversation(dl, 'web-fedcba9876543210fedcba9876543210');
      const form = () => uploadForm(message(mine.user), [{ name: 'a.jpg', type: 'image/jpeg', bytes: PHOTO }]);
      const wrongConversation = await upload(dl, { ...theirs, token: mine.token }, form());
      expect(wrongConversation.status).to.equal(403);
      expect(wrongConversation.body.error.code).to.equal('Forbidden');
      const wrongUser = await upload(dl, mine, form(), {}, theirs.user);
      expect(wrongUser.status).to.equal(403);
      expect(turns).to.deep.equal([]);
    });

    it('refuses a file over UPLOAD_MAX_BYTES with 413, keeping nothing and running no turn', async () => {
      const conv = await conversation(dl);
      const before = (await transcript(dl, conv)).length;
      const res = await upload(dl, conv, uploadForm(message(conv.user), [{ name: 'big.jpg', type: 'image/jpeg', bytes: Buffer.alloc(MAX + 1, 1) }]));
      expect(res.status).to.equal(413);
      expect(res.body.error.code).to.equal('MessageSizeTooBig');
      expect(turns).to.deep.equal([]);
      expect(await transcript(dl, conv)).to.have.length(before);
      // A file of exactly the limit is taken.
      const exact = await upload(dl, conv, uploadForm(message(conv.user), [{ name: 'ok.jpg', type: 'image/jpeg', bytes: Buffer.alloc(MAX, 1) }]));
      expect(exact.status).to.equal(200);
    });

    it('answers 413 at once to a declared length past every limit, without reading the body', async () => {
      const conv = await conversation(dl);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${dl}/conversations/${conv.conversationId}/upload?userId=${conv.user}`, {
          method: 'POST',
          headers: { ...auth(conv.token), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(1024 * 1024 * 1024) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        });
        req.on('error', reject);
        req.write('--x\r\n');
      });
      expect(status).to.equal(413);
      expect(turns).to.deep.equal([]);
    });

    it('answers a refused upload after reading its files to the end, so a client still sending hears why', async () => {
      const conv = await conversation(dl);
      const payload = Buffer.concat([Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n'), Buffer.alloc(4 * MAX, 7), Buffer.from('\r\n--x--\r\n')]);
      const { port } = new URL(base);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        // Answered before the files were read, the client would be cut off mid-send (EPIPE, a reset).
        socket.on('error', reject);
        socket.write(
          `POST /v3/directline/conversations/${conv.conversationId}/upload?userId=someone-else HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
            `Authorization: Bearer ${conv.token}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${payload.length}\r\n\r\n`,
        );
        socket.end(payload);
      });
      expect(answer).to.match(/^HTTP\/1\.1 403 /);
      expect(answer).to.include('"code":"Forbidden"');
    });

    it('refuses a malformed body with 400 in Direct Line’s error shape', async () => {
      const conv = await conversation(dl);
      const boundary = '----onevisit';
      const cases: [string, string | FormData, Record<string, string>][] = [
        ['not multipart', JSON.stringify(message(conv.user)), { 'content-type': 'application/json' }],
        ['no boundary', 'whatever', { 'content-type': 'multipart/form-data' }],
        ['cut short', `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nhalf a fi`, { 'content-type': `multipart/form-data; boundary=${boundary}` }],
        ['no activity part', (() => { const f = new FormData(); f.append('file', new Blob([new Uint8Array(PHOTO)]), 'a.jpg'); return f; })(), {}],
        ['no file', (() => { const f = new FormData(); f.append('activity', new Blob([JSON.stringify(message(conv.user))]), 'blob'); return f; })(), {}],
        ['activity not JSON', (() => { const f = new FormData(); f.append('activity', new Blob(['{not json']), 'blob'); f.append('file', new Blob([new Uint8Array(PHOTO)]), 'a.jpg'); return f; })(), {}],
        ['activity not a message', uploadForm({ type: 'event', name: 'x' }, [{ name: 'a.jpg', type: 'image/jpeg', bytes: PHOTO }]), {}],
        ['too many files', uploadForm(message(conv.user), Array.from({ length: 6 }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', bytes: PHOTO }))), {}],
      ];
      for (const [what, body, headers] of cases) {
        const res = await upload(dl, conv, body, headers);
        expect(res.status, what).to.equal(400);
        expect(res.body.error.code, what).to.equal('BadArgument');
      }
      expect(turns).to.deep.equal([]);
    });

    it('takes no file link in a posted activity: files come through upload (or inline as data: URLs)', async () => {
      const conv = await conversation(dl);
      const res = await fetch(`${dl}/conversations/${conv.conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth(conv.token), 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: conv.user }, attachments: [{ contentType: 'image/jpeg', contentUrl: `${dl}/v3/attachments/other/abc` }] }),
      });
      expect(res.status).to.equal(400);
      expect(turns).to.deep.equal([]);
    });
  });

  describe('attachments on /api/messages', () => {
    let channel: { base: string; seen: IncomingMessage[]; close(): Promise<void> };
    before(async () => {
      channel = await fakeChannel();
    });
    after(() => channel.close());

    async function send(attachments: Record<string, unknown>[], serviceUrl = channel.base) {
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(testActivity('', { text: undefined, serviceUrl, attachments })),
      });
      expect(res.status).to.equal(200);
      const replies = ((await res.json()) as { activities: { text?: string }[] }).activities;
      return { replies: replies.map((a) => a.text), files: turns.at(-1)?.files };
    }

    it('reads an inline data: URL and hands the file to the materials step, not “我没有收到内容”', async () => {
      const sent = await send([{ contentType: 'image/jpeg', name: 'a.jpg', contentUrl: `data:image/jpeg;base64,${PHOTO.toString('base64')}` }]);
      expect(sent.files).to.have.length(1);
      expect(sent.files![0].ok && sent.files![0].file.bytes.equals(PHOTO)).to.equal(true);
      expect(sent.replies).to.include(text.upload.noCase);
      expect(sent.replies).to.not.include(text.empty);
    });

    it('fetches a file on the channel’s own service (loopback), anonymously: no credential leaves the bot', async () => {
      const sent = await send([{ contentType: 'image/jpeg', name: 'a.jpg', contentUrl: `${channel.base}/photo` }]);
      expect(sent.files![0].ok && sent.files![0].file.bytes.toString()).to.equal('hello');
      expect(channel.seen.at(-1)?.headers.authorization).to.equal(undefined);
    });

    it('refuses request forgeries: another host, another loopback service, the bot’s own server, a redirect', async () => {
      const other = await fakeChannel();
      try {
        const seenBefore = channel.seen.length;
        for (const contentUrl of ['http://169.254.169.254/latest/meta-data', 'http://files.example.com/a.jpg', `${other.base}/photo`, `${base}/healthz`, `${dl}/v3/attachments/x/y`, 'file:///etc/passwd']) {
          const sent = await send([{ contentType: 'image/jpeg', name: 'a.jpg', contentUrl }]);
          expect(sent.files, contentUrl).to.deep.equal([{ ok: false, problem: 'refusedHost', name: 'a.jpg' }]);
          expect(sent.replies, contentUrl).to.include(text.upload.noCase);
        }
        expect(other.seen).to.deep.equal([]);
        expect(channel.seen.length).to.equal(seenBefore);
        // A redirect is not followed, wherever it points.
        const redirected = await send([{ contentType: 'image/jpeg', name: 'a.jpg', contentUrl: `${channel.base}/redirect` }]);
        expect(redirected.files).to.deep.equal([{ ok: false, problem: 'unreachable', name: 'a.jpg' }]);
        expect(channel.seen.map((r) => r.url)).to.not.include('/secret');
      } finally {
        await other.close();
      }
    });

    it('says a file over UPLOAD_MAX_BYTES is refused without reading it whole', async () => {
      const sent = await send([{ contentType: 'image/jpeg', name: 'big.jpg', contentUrl: `${channel.base}/big` }]);
      expect(sent.files).to.deep.equal([{ ok: false, problem: 'tooLarge', name: 'big.jpg' }]);
    });
  });
});

describe('a kept file under another conversation’s path (the channel alone, its connector secret known)', () => {
  it('is not found, even with the bot’s own credential', async () => {
    const clock = new FakeClock(new Date());
    const connectorSecret = newConnectorSecret();
    let base = '';
    const adapter = createAdapter(testConfig(), silentLogger, { serviceUrl: () => `${base}/v3/directline`, secret: connectorSecret });
    const links: string[] = [];
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      links.push(...(context.activity.attachments ?? []).map((a) => a.contentUrl!));
      await next();
    });
    let channel: DirectLineChannel | undefined;
    const served = await serveRoutes((server) => {
      channel = registerDirectLine(server, { adapter, bot, secret: SECRET, connectorSecret, store: new MemoryDirectLineStore(), clock, publicBaseUrl: () => base, logger: silentLogger });
    });
    base = served.base;
    try {
      const dl = `${base}/v3/directline`;
      const mine = await conversation(dl);
      const theirs = await conversation(dl, 'web-fedcba9876543210fedcba9876543210');
      expect((await upload(dl, mine, uploadForm(message(mine.user), [{ name: 'a.jpg', type: 'image/jpeg', bytes: PHOTO }]))).status).to.equal(200);
      const link = links[0];
      const asBot = { authorization: `Bearer ${connectorSecret}` };
      const got = await fetch(link, { headers: asBot });
      expect(got.status).to.equal(200);
      expect(Buffer.from(await got.arrayBuffer()).equals(PHOTO)).to.equal(true);
      const elsewhere = link.replace(`/${mine.conversationId}/`, `/${theirs.conversationId}/`);
      expect(elsewhere).to.not.equal(link);
      expect((await fetch(elsewhere, { headers: asBot })).status).to.equal(404);
    } finally {
      channel?.close();
      await served.close();
    }
  });
});

describe('DirectLineUploads', () => {
  const file = (n: number) => ({ name: 'a.jpg', contentType: 'image/jpeg', bytes: Buffer.alloc(n) });

  it('finds a file by its conversation and id together, until it expires', () => {
    const clock = new FakeClock();
    const uploads = new DirectLineUploads(clock, { ttlMs: 60_000, maxTotalBytes: 1000 });
    const id = uploads.keep('conv-a', file(10));
    expect(uploads.get('conv-a', id)?.bytes.length).to.equal(10);
    expect(uploads.get('conv-b', id)).to.equal(undefined);
    clock.advance(60_000);
    expect(uploads.get('conv-a', id)).to.equal(undefined);
    expect(uploads.keptBytes).to.equal(0);
  });

  it('keeps at most its byte bound, dropping the oldest first', () => {
    const uploads = new DirectLineUploads(new FakeClock(), { ttlMs: 60_000, maxTotalBytes: 1000 });
    const first = uploads.keep('c', file(600));
    const second = uploads.keep('c', file(600));
    expect(uploads.get('c', first)).to.equal(undefined);
    expect(uploads.get('c', second)?.bytes.length).to.equal(600);
    expect(uploads.keptBytes).to.equal(600);
  });
});

/** A channel's file service on loopback: /photo, /big (more than the limit, no length), /redirect (to /secret). */
async function fakeChannel(): Promise<{ base: string; seen: IncomingMessage[]; close(): Promise<void> }> {
  const seen: IncomingMessage[] = [];
  // restify patches writeHead to return nothing: no chaining.
  const server: Server = createServer((req, res) => {
    seen.push(req);
    if (req.url === '/photo') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return void res.end('hello');
    }
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return void res.end(Buffer.alloc(MAX * 2));
    }
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/secret' });
      return void res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
