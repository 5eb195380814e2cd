import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake platform received through its customer-service and template APIs. */
export interface FakeSent {
  kind: 'text' | 'template';
  touser: string;
  /** The text, or the template's fields (name -> value). */
  text?: string;
  templateId?: string;
  data?: Record<string, string>;
  at: number;
}

export interface FakePlatformOptions {
  appId: string;
  appSecret: string;
  /** How long the token endpoint takes (to show concurrent callers share one fetch). */
  tokenDelayMs?: number;
  expiresIn?: number;
  /** Told of every message the bot sends (`npm run fakes` prints them). */
  onSent?: (sent: FakeSent) => void;
}

/**
 * A local fake of the official account platform's API: `/cgi-bin/token` (checks the AppID and
 * secret, counts fetches), the customer-service and template message endpoints (check the
 * current token, record what was sent, answer a configured errcode per follower) and
 * `/cgi-bin/media/get` (registered media's bytes).
 */
export class FakeWechatPlatform {
  readonly sent: FakeSent[] = [];
  tokenFetches = 0;
  /** errcode the message endpoints answer for a follower (43004 not following, 45015 window closed). */
  readonly refuse = new Map<string, number>();
  readonly media = new Map<string, Buffer>();
  /** The media ids downloaded. */
  readonly mediaFetches: string[] = [];
  private tokens: string[] = [];
  private waiters: { match: (s: FakeSent) => boolean; resolve: (s: FakeSent) => void }[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));
  base = '';

  constructor(private readonly options: FakePlatformOptions) {}

  /** Listens on loopback, on `port` or a free one; resolves to the base URL. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The platform no longer takes the current token (as after a fetch elsewhere): answers 40001 until fetched anew. */
  expireTokens(): void {
    this.tokens = [];
  }

  /** Resolves with the first message sent (already or later) that `match` accepts. */
  waitFor(match: (s: FakeSent) => boolean): Promise<FakeSent> {
    const found = this.sent.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  textsTo(openId: string): string[] {
    return this.sent.filter((s) => s.kind === 'text' && s.touser === openId).map((s) => s.text!);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const json = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') {
      this.tokenFetches += 1;
      if (url.searchParams.get('appid') !== this.options.appId || url.searchParams.get('secret') !== this.options.appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (this.options.tokenDelayMs) await new Promise((r) => setTimeout(r, this.options.tokenDelayMs));
      const token = `token-${this.tokenFetches}`;
      this.tokens = [token];
      return json({ access_token: token, expires_in: this.options.expiresIn ?? 7200 });
    }
    if (!this.tokens.includes(url.searchParams.get('access_token') ?? '')) return json({ errcode: 40001, errmsg: 'invalid credential' });
    if (url.pathname === '/cgi-bin/media/get') {
      this.mediaFetches.push(url.searchParams.get('media_id') ?? '');
      const bytes = this.media.get(url.searchParams.get('media_id') ?? '');
      if (!bytes) return json({ errcode: 40007, errmsg: 'invalid media_id' });
      res.setHeader('content-type', 'image/jpeg');
      return void res.end(bytes);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return json({ errcode: 47001, errmsg: 'data format error' });
    }
    const touser = String(body.touser ?? '');
    const refused = this.refuse.get(touser);
    if (refused) return json({ errcode: refused, errmsg: 'refused' });
    let sent: FakeSent;
    if (url.pathname === '/cgi-bin/message/custom/send' && body.msgtype === 'text') {
      sent = { kind: 'text', touser, text: String((body.text as { content?: string })?.content ?? ''), at: Date.now() };
    } else if (url.pathname === '/cgi-bin/message/template/send') {
      const data = Object.fromEntries(Object.entries((body.data ?? {}) as Record<string, { value: string }>).map(([k, v]) => [k, v.value]));
      sent = { kind: 'template', touser, templateId: String(body.template_id), data, at: Date.now() };
    } else {
      res.statusCode = 404;
      return json({ errcode: 404, errmsg: 'unknown api' });
    }
    this.sent.push(sent);
    this.options.onSent?.(sent);
    this.waiters = this.waiters.filter((w) => (w.match(sent) ? (w.resolve(sent), false) : true));
    json({ errcode: 0, errmsg: 'ok' });
  }
}
