import type { AttachmentPolicy } from './attachmentDownloads.js';
import { isDirectLineAttachmentUrl } from './channels/directLine.js';
import { ReplyTargets } from './replyTargets.js';

export interface AttachmentPolicyDeps {
  /** UPLOAD_MAX_BYTES. */
  maxBytes: number;
  /** ALLOWED_SERVICE_URLS: the hosts, besides loopback, whose files may be fetched. */
  allowedServiceUrls: string[];
  /** The self-hosted Direct Line's serviceUrl (known after listen). */
  directLineServiceUrl(): string;
  /** The secret the bot presents to its own Direct Line (`ChannelCredential.secret`). */
  connectorSecret: string;
  /** The adapter's credentials for another channel's service (MicrosoftApp*); none when anonymous. */
  channelHeaders(url: URL): Promise<Record<string, string>>;
  /** The WeChat channel, when on: its messages' files are media on the configured platform base, fetched with the access token. */
  wechat?: {
    serviceUrl(): string;
    isMediaUrl(url: URL): boolean;
    withToken(url: URL): Promise<URL>;
  };
}

/**
 * Which files the bot fetches for a message, and with what. A message from the self-hosted
 * Direct Line names only its own uploads (fetched with the connector secret); a message from
 * another channel names files on that channel's own service (the origin of its serviceUrl),
 * which must also be loopback or in ALLOWED_SERVICE_URLS, fetched with the adapter's
 * credentials; a message from WeChat names only media on the configured platform base, fetched
 * with the account's access token. Nothing else is fetched, this server's other routes included.
 */
export function attachmentPolicy(deps: AttachmentPolicyDeps): AttachmentPolicy {
  const listed = new ReplyTargets(deps.allowedServiceUrls);
  return {
    maxBytes: deps.maxBytes,
    allowed(url, serviceUrl) {
      if (deps.wechat && serviceUrl === deps.wechat.serviceUrl()) return deps.wechat.isMediaUrl(url);
      const directLine = deps.directLineServiceUrl();
      if (serviceUrl === directLine) return isDirectLineAttachmentUrl(url, directLine);
      if (!serviceUrl || !URL.canParse(serviceUrl) || url.origin === new URL(directLine).origin) return false;
      return url.origin === new URL(serviceUrl).origin && listed.isListed(url);
    },
    async credentials(url) {
      if (isDirectLineAttachmentUrl(url, deps.directLineServiceUrl())) return { authorization: `Bearer ${deps.connectorSecret}` };
      return deps.channelHeaders(url);
    },
    async resolve(url, serviceUrl) {
      return deps.wechat && serviceUrl === deps.wechat.serviceUrl() ? deps.wechat.withToken(url) : url;
    },
  };
}
