import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { text, type Hotlines } from '../../dialogs/text/index.js';
import { guardRoute, readJsonBody, sendError, sendJson } from '../http.js';
import { projectRoot } from '../paths.js';

type Token = { token: string; conversationId: string; expires_in: number };

export interface WebChatDeps {
  /** A Direct Line token for a new conversation (`issueToken` of channels/directLine.ts, bound to its secret and clock). */
  issueToken: (userId?: string) => Token;
  /** A token for the page's previous conversation, if it may go on (`resumeToken` of channels/directLine.ts). */
  resumeToken: (userId: string, conversationId: string) => Promise<Token | undefined>;
  hotlines: Hotlines;
  /** WEBCHAT_RESUME_DAYS: how long the page keeps its user and conversation. */
  resumeDays: number;
}

const PAGES = join(projectRoot, 'bot/web/pages');

/**
 * What the page may load: only this server's scripts (no inline script, no CDN) and its
 * Direct Line (fetch and the WebSocket stream, which 'self' covers). Web Chat injects its
 * styles at run time, hence 'unsafe-inline' for styles only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  // blob: for the upload button: the Direct Line client reads the picked file from its blob: URL,
  // and Web Chat draws the picture's thumbnail in a worker it starts from a blob: URL.
  "worker-src 'self' blob:",
  "connect-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The installed `botframework-webchat` package: its folder and version. */
function webChatPackage(): { dir: string; version: string } {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('botframework-webchat'));
  } catch {
    throw new Error('botframework-webchat 没有安装：请先运行 npm ci');
  }
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('找不到 botframework-webchat 的 package.json');
    dir = parent;
  }
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Fills `{{name}}` placeholders, HTML-escaped; a placeholder without a value is a bug, found at start-up. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`网页模板里的 {{${name}}} 没有对应的值`);
    return escapeHtml(values[name]);
  });
}

/** The page's words: the catalogue's `web` entries, with this county's hotlines. */
function pageValues(hotlines: Hotlines, webchatVersion: string, resumeDays: number): Record<string, string> {
  const { unavailable, noScript, privacy, ...plain } = text.web;
  return {
    ...plain,
    privacy: privacy(resumeDays),
    resumeDays: String(resumeDays),
    unavailable: unavailable(hotlines),
    noScript: noScript(hotlines),
    government: hotlines.government,
    federation: hotlines.federation,
    webchatVersion,
  };
}

interface Asset {
  body: Buffer;
  type: string;
  cache: string;
  etag: string;
  gzipped?: Promise<Buffer>;
}

function asset(body: Buffer | string, type: string, cache: string): Asset {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return { body: buffer, type, cache, etag: `"${createHash('sha1').update(buffer).digest('base64url')}"` };
}

const gzipAsync = promisify(gzip);

/** Sends an asset with its ETag (304 when the browser has it), gzipped when the browser accepts it. */
async function sendAsset(req: Request, res: Response, item: Asset, extra: Record<string, string> = {}): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': item.type,
    'Cache-Control': item.cache,
    ETag: item.etag,
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  };
  if (req.headers['if-none-match'] === item.etag) {
    res.sendRaw(304, '', headers);
    return;
  }
  let body = item.body;
  // Only worth it for the big Web Chat bundle (3.9 MB, about 1 MB gzipped); compressed once, on first use.
  if (item.body.length > 64 * 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    item.gzipped ??= gzipAsync(item.body, { level: 6 });
    body = await item.gzipped;
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  res.sendRaw(200, body, headers);
}

/**
 * The token endpoint serves this site's own page only. Browsers say where a request comes
 * from: `Sec-Fetch-Site` (all current ones), else `Origin`; another site's page is refused. A
 * request with neither (curl, a server-side client) is let through: the endpoint is as public
 * as the page, and a token only opens a new, empty conversation.
 */
function fromThisSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '');
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The Web Chat page at `/`: the official `botframework-webchat` bundle, served from the
 * installed package (`/assets/webchat.js`, no CDN), talking to the bot's own Direct Line with a
 * token from `POST /api/webchat/token` (the page never sees the Direct Line secret).
 */
/** The ids the page makes for itself: `web-` and 32 hex digits (128 random bits). */
const PAGE_USER = /^web-[0-9a-f]{32}$/;

export function registerWebChat(server: Server, deps: WebChatDeps): void {
  const webchat = webChatPackage();
  const bundlePath = join(webchat.dir, 'dist/webchat.js');
  if (!existsSync(bundlePath)) throw new Error(`找不到 Web Chat 脚本 ${bundlePath}：请重新运行 npm ci`);

  const html = fillTemplate(readFileSync(join(PAGES, 'index.html'), 'utf8'), pageValues(deps.hotlines, webchat.version, deps.resumeDays));
  const page = asset(html, 'text/html; charset=utf-8', 'no-cache');
  const pageScript = asset(readFileSync(join(PAGES, 'webchat-page.js')), 'text/javascript; charset=utf-8', 'no-cache');
  const pageStyle = asset(readFileSync(join(PAGES, 'webchat-page.css')), 'text/css; charset=utf-8', 'no-cache');
  // The page asks for `webchat.js?v=<version>`: an upgrade changes the address, so browsers may keep it.
  let bundle: Asset | undefined;

  server.get('/', guardRoute(async (req, res) => {
    await sendAsset(req, res, page, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'SAMEORIGIN', 'Referrer-Policy': 'no-referrer' });
  }));
  server.get('/assets/webchat-page.js', guardRoute((req, res) => sendAsset(req, res, pageScript)));
  server.get('/assets/webchat-page.css', guardRoute((req, res) => sendAsset(req, res, pageStyle)));
  server.get('/assets/webchat.js', guardRoute(async (req, res) => {
    bundle ??= asset(readFileSync(bundlePath), 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable');
    await sendAsset(req, res, bundle);
  }));

  server.post('/api/webchat/token', guardRoute(async (req, res) => {
    if (!fromThisSite(req)) return sendError(res, 403, '只接受本站网页的请求');
    // The page's remembered user (a random id it keeps WEBCHAT_RESUME_DAYS), and its conversation:
    // a reload goes on in the same conversation, its history shown again, while the user is in it.
    const body = (await readJsonBody(req, 1024).catch(() => ({}))) as { user?: unknown; conversationId?: unknown } | null;
    const user = typeof body?.user === 'string' && PAGE_USER.test(body.user) ? body.user : undefined;
    const previous = user && typeof body?.conversationId === 'string' ? await deps.resumeToken(user, body.conversationId) : undefined;
    const { token, conversationId, expires_in } = previous ?? deps.issueToken(user);
    sendJson(res, 200, { token, conversationId, expires_in, resumed: Boolean(previous) });
  }));
}
