import type { Clock } from '../../../data/clock.js';
import { WechatApiError, apiUrl, readApiAnswer } from './apiAnswer.js';

export interface AccessTokenDeps {
  /** WECHAT_API_BASE: the platform's API host (a local fake in tests). */
  apiBase: string;
  appId: string;
  appSecret: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** Fetched anew this long before it runs out, so no call goes out with a token about to expire. */
  refreshMarginMs?: number;
}

/**
 * The official account's access_token: fetched from `/cgi-bin/token`, kept until shortly before
 * it expires (the platform gives 7,200 s), and fetched by one request at a time however many
 * sends want it at once (each fetch invalidates the previous token on the platform, so racing
 * fetches would make each other's tokens useless).
 */
export class AccessTokens {
  private cached?: { token: string; refreshAt: number };
  private pending?: Promise<string>;

  constructor(private readonly deps: AccessTokenDeps) {}

  async get(): Promise<string> {
    if (this.cached && this.deps.clock.now().getTime() < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The platform said this token is no longer valid (40001, 42001): the next `get` fetches another. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const url = apiUrl(this.deps.apiBase, 'cgi-bin/token');
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.deps.appId, secret: this.deps.appSecret }).toString();
    const answer = await readApiAnswer(await (this.deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(10_000) }));
    const token = answer.access_token;
    const expiresIn = Number(answer.expires_in);
    if (typeof token !== 'string' || !token || !(expiresIn > 0)) throw new WechatApiError(-1, 'access_token 应答缺少 access_token 或 expires_in');
    const margin = Math.min(this.deps.refreshMarginMs ?? 300_000, (expiresIn * 1000) / 2);
    this.cached = { token, refreshAt: this.deps.clock.now().getTime() + expiresIn * 1000 - margin };
    return token;
  }
}
