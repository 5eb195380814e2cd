import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { downloadAttachment, type AttachmentPolicy } from '../../bot/attachmentDownloads.js';

// writeHead is called apart from end: restify, loaded by other tests, patches ServerResponse's
// writeHead so that it no longer returns the response.
/** A channel holding files: /photo (200), /big (a lying content-length), /chunked (no length), /redirect. */
async function fakeChannel(): Promise<{ base: string; seen: IncomingMessage[]; close(): Promise<void> }> {
  const seen: IncomingMessage[] = [];
  // restify, once loaded by another test, patches writeHead to return nothing: no chaining.
  const server: Server = createServer((req, res) => {
    seen.push(req);
    if (req.url === '/photo') return void (res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '5' }), res.end('hello'));
    if (req.url === '/declared-big') return void (res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }), res.end());
    if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1024));
      return void res.end();
    }
    if (req.url === '/redirect') return void (res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }), res.end());
    if (req.url === '/slow') return; // never answers
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('files sent in the chat are fetched safely', () => {
  let channel: Awaited<ReturnType<typeof fakeChannel>>;
  let policy: AttachmentPolicy;
  before(async () => {
    channel = await fakeChannel();
    policy = {
      maxBytes: 10_000,
      allowed: (url, serviceUrl) => !!serviceUrl && url.origin === new URL(serviceUrl).origin,
      credentials: async () => ({ authorization: 'Bearer bot-secret' }),
      // Generous for a loaded CI machine; the slow channel below gets a short limit of its own.
      timeoutMs: 10_000,
    };
  });
  after(() => channel.close());

  const fetchFrom = (path: string, serviceUrl = channel.base) => downloadAttachment({ contentType: 'image/jpeg', contentUrl: `${channel.base}${path}`, name: 'a.jpg' }, serviceUrl, policy);

  it('fetches a file from the channel that delivered the message, with the bot’s credentials', async () => {
    const got = await fetchFrom('/photo');
    expect(got).to.deep.include({ ok: true });
    expect(got.ok && got.file.bytes.toString()).to.equal('hello');
    expect(got.ok && got.file).to.include({ name: 'a.jpg', declaredType: 'image/jpeg' });
    expect(channel.seen.at(-1)?.headers.authorization).to.equal('Bearer bot-secret');
  });

  it('refuses any other host, scheme or malformed URL without sending a request', async () => {
    const before = channel.seen.length;
    expect(await fetchFrom('/photo', 'http://127.0.0.2:1')).to.deep.equal({ ok: false, problem: 'refusedHost', name: 'a.jpg' });
    for (const contentUrl of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'not a url', 'http://[::1']) {
      expect(await downloadAttachment({ contentType: 'image/png', contentUrl }, channel.base, policy), contentUrl).to.include({ ok: false, problem: 'refusedHost' });
    }
    expect(channel.seen.length).to.equal(before);
  });

  it('does not follow a redirect, and gives up on a channel that does not answer in time', async () => {
    expect(await fetchFrom('/redirect')).to.include({ ok: false, problem: 'unreachable' });
    expect(await downloadAttachment({ contentType: 'image/png', contentUrl: `${channel.base}/slow` }, channel.base, { ...policy, timeoutMs: 300 })).to.include({ ok: false, problem: 'unreachable' });
    expect(await fetchFrom('/missing')).to.include({ ok: false, problem: 'unreachable' });
  });

  it('stops reading past the size limit, whatever the headers say', async () => {
    expect(await fetchFrom('/declared-big')).to.include({ ok: false, problem: 'tooLarge' });
    expect(await fetchFrom('/chunked')).to.include({ ok: false, problem: 'tooLarge' });
    expect(await downloadAttachment({ contentType: 'image/png', contentUrl: `${channel.base}/chunked` }, channel.base, { ...policy, maxBytes: 30_000 })).to.include({ ok: true });
  });

  it('reads data: URLs within the limit, measured before decoding', async () => {
    const small = await downloadAttachment({ contentType: 'image/png', contentUrl: `data:image/png;base64,${Buffer.from('png!').toString('base64')}` }, undefined, policy);
    expect(small.ok && small.file.bytes.toString()).to.equal('png!');
    const huge = `data:image/png;base64,${'A'.repeat(40_000)}`;
    expect(await downloadAttachment({ contentType: 'image/png', contentUrl: huge }, undefined, policy)).to.include({ ok: false, problem: 'tooLarge' });
    for (const bad of ['data:image/png,plain', 'data:image/png;base64,@@@@', 'data:;base64']) {
      expect(await downloadAttachment({ contentType: 'image/png', contentUrl: bad }, undefined, policy), bad).to.include({ ok: false, problem: 'badDataUrl' });
    }
  });
});
