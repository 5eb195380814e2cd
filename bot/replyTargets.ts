import { isIP } from 'node:net';

/**
 * Where an anonymous bot (no MicrosoftAppId, so no signed token says who is calling) may post its
 * replies: loopback, or the hosts named in ALLOWED_SERVICE_URLS. Anything else would let any
 * client make the server send requests to a host of its choosing.
 */
export class ReplyTargets {
  private readonly origins = new Set<string>();
  private readonly hosts = new Set<string>();

  /** `allowed`: entries of ALLOWED_SERVICE_URLS, each an origin (`https://host:port`) or a bare host name. */
  constructor(allowed: string[] = []) {
    for (const entry of allowed) {
      if (/^https?:\/\//i.test(entry)) this.origins.add(new URL(entry).origin);
      else this.hosts.add(entry.toLowerCase());
    }
  }

  /** Loopback, or named in ALLOWED_SERVICE_URLS. */
  isListed(url: URL): boolean {
    return isLoopback(url.hostname) || this.origins.has(url.origin) || this.hosts.has(url.hostname.toLowerCase());
  }

  /** Why replies cannot go to `serviceUrl`, or undefined when they may. */
  problem(serviceUrl: string): string | undefined {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return 'serviceUrl 不是有效的网址';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'serviceUrl 应是 http 或 https 网址';
    // The self-hosted Direct Line takes the bot's replies only from this process's own turns.
    if (/^\/v3\/directline(\/|$)/i.test(url.pathname)) return 'serviceUrl 不能指向本机的 Direct Line 通道';
    // The public Bot Framework service only takes authenticated bots: an anonymous reply there can only fail.
    if (/(^|\.)botframework\.(com|azure\.us|cn)$/i.test(url.hostname)) return '未配置 MicrosoftAppId 的机器人不能回复 Bot Framework 公共服务';
    if (this.isListed(url)) return undefined;
    return `未配置 MicrosoftAppId 时只回复本机或 ALLOWED_SERVICE_URLS 中的地址，不回复 ${url.host}`;
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '::ffff:127.0.0.1' || host === '::ffff:7f00:1';
}

/** ALLOWED_SERVICE_URLS: comma- or space-separated; a bad entry stops start-up. */
export function parseAllowedServiceUrls(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const ok = /^https?:\/\//i.test(entry) ? URL.canParse(entry) : /^[a-z0-9.-]+$/i.test(entry);
    if (!ok) throw new Error(`ALLOWED_SERVICE_URLS 里的 ${entry} 既不是网址也不是主机名`);
  }
  return entries;
}
