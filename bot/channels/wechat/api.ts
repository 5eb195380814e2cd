import type { AccessTokens } from './accessToken.js';
import { WechatApiError, apiUrl, readApiAnswer } from './apiAnswer.js';

export { WechatApiError } from './apiAnswer.js';

/** The token was refused as invalid or expired: fetched anew and the call made once more. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

/**
 * Errors that a retry cannot fix, so the row's SMS goes at once. For this follower: an OpenID
 * not of this account (40003), not following (43004), the follower blocked the account (43019),
 * refused the template's messages (43101), outside the 48-hour window (45015), the window's
 * message allowance used up (45047). For every follower until staff change the settings: a
 * template id the account does not have (40037), an API the account may not use (48001).
 * Codes from the platform's global return codes (官方文档“全局返回码说明”, developers.weixin.qq.com);
 * 43101 is missing there and is from its developer forum. Throttling (45009, 45011) and -1 are retried.
 */
export const PERMANENT_ERRORS = new Set([40003, 40037, 43004, 43019, 43101, 45015, 45047, 48001]);

export interface WechatApiDeps {
  apiBase: string;
  tokens: AccessTokens;
  fetch?: typeof fetch;
}

/** The official account's outgoing API: customer-service messages, template messages, media downloads. */
export class WechatApi {
  constructor(private readonly deps: WechatApiDeps) {}

  /** A text through the customer-service API (within 48 hours of the follower's last message). */
  async sendText(openId: string, content: string): Promise<void> {
    await this.post('cgi-bin/message/custom/send', { touser: openId, msgtype: 'text', text: { content } });
  }

  /** A template message: `data` maps the template's field names to their values. */
  async sendTemplate(openId: string, templateId: string, data: Record<string, string>): Promise<void> {
    const fields = Object.fromEntries(Object.entries(data).map(([name, value]) => [name, { value }]));
    await this.post('cgi-bin/message/template/send', { touser: openId, template_id: templateId, data: fields });
  }

  /** Where a follower's image or voice is downloaded (the token is added when fetched, see `withToken`). */
  mediaUrl(mediaId: string): URL {
    const url = apiUrl(this.deps.apiBase, 'cgi-bin/media/get');
    url.searchParams.set('media_id', mediaId);
    return url;
  }

  /** Whether `url` is a media download on the configured platform base, the only files the channel fetches. */
  isMediaUrl(url: URL): boolean {
    const media = apiUrl(this.deps.apiBase, 'cgi-bin/media/get');
    return url.origin === media.origin && url.pathname === media.pathname && [...url.searchParams.keys()].join() === 'media_id';
  }

  /** `url` with the current access token, as the platform wants it (a query parameter). */
  async withToken(url: URL): Promise<URL> {
    const signed = new URL(url);
    signed.searchParams.set('access_token', await this.deps.tokens.get());
    return signed;
  }

  private async post(path: string, body: unknown, retried = false): Promise<void> {
    const token = await this.deps.tokens.get();
    const url = apiUrl(this.deps.apiBase, path);
    url.searchParams.set('access_token', token);
    try {
      await readApiAnswer(
        await (this.deps.fetch ?? fetch)(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        }),
      );
    } catch (err) {
      if (err instanceof WechatApiError && STALE_TOKEN.has(err.code) && !retried) {
        this.deps.tokens.invalidate(token);
        return this.post(path, body, true);
      }
      throw err;
    }
  }
}
