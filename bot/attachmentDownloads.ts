import type { Attachment, Middleware, TurnContext } from 'botbuilder';
import { RECEIVED_FILES, type Download } from '../dialogs/receivedFiles.js';

export { receivedFiles, type Download, type DownloadProblem, type ReceivedFile } from '../dialogs/receivedFiles.js';

export interface AttachmentPolicy {
  /** Largest file fetched, in bytes; a longer body is cut off and refused. */
  maxBytes: number;
  /**
   * Whether the bot may fetch this URL for an activity that came from `serviceUrl`: only the
   * channel that delivered the message holds its files, so anything else is a request forgery.
   */
  allowed(url: URL, serviceUrl: string | undefined): boolean;
  /** Headers that prove the bot to the channel holding the file (its own credentials only). */
  credentials(url: URL): Promise<Record<string, string>>;
  /** The URL actually fetched for an allowed one, for a channel that wants its credential in the query (WeChat's access_token). */
  resolve?(url: URL, serviceUrl: string | undefined): Promise<URL>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Files on a message are fetched at most this many at a time per turn: one material a message is the norm. */
const MAX_FILES_PER_TURN = 5;

/** Cards and other rich attachments are not files. */
const isFile = (a: Attachment) => !!a.contentUrl && !a.contentType?.startsWith('application/vnd.microsoft.');

/**
 * Fetches the files a message carries before the dialogs run, so a dialog sees bytes and never a
 * URL: `data:` URLs inside the body, or `contentUrl`s on the delivering channel, with the bot's
 * credentials, no redirects, a time limit and a size limit enforced while reading.
 */
export function attachmentDownloads(policy: AttachmentPolicy): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const files = context.activity.type === 'message' ? (context.activity.attachments ?? []).filter(isFile) : [];
      if (files.length) {
        const downloads: Download[] = [];
        for (const attachment of files.slice(0, MAX_FILES_PER_TURN)) downloads.push(await downloadAttachment(attachment, context.activity.serviceUrl, policy));
        context.turnState.set(RECEIVED_FILES, downloads);
      }
      await next();
    },
  };
}

export async function downloadAttachment(attachment: Attachment, serviceUrl: string | undefined, policy: AttachmentPolicy): Promise<Download> {
  const name = typeof attachment.name === 'string' ? attachment.name.slice(0, 200) : undefined;
  const declaredType = typeof attachment.contentType === 'string' ? attachment.contentType.slice(0, 100) : undefined;
  const done = (bytes: Buffer): Download => ({ ok: true, file: { ...(name ? { name } : {}), ...(declaredType ? { declaredType } : {}), bytes } });
  const contentUrl = String(attachment.contentUrl ?? '');
  if (contentUrl.startsWith('data:')) {
    const parsed = decodeDataUrl(contentUrl, policy.maxBytes);
    return parsed.ok ? done(parsed.bytes) : { ok: false, problem: parsed.problem, name };
  }
  let url: URL;
  try {
    url = new URL(contentUrl);
  } catch {
    return { ok: false, problem: 'refusedHost', name };
  }
  if (!['http:', 'https:'].includes(url.protocol) || !policy.allowed(url, serviceUrl)) return { ok: false, problem: 'refusedHost', name };
  try {
    const target = policy.resolve ? await policy.resolve(url, serviceUrl) : url;
    const res = await (policy.fetch ?? fetch)(target, {
      headers: await policy.credentials(url),
      redirect: 'manual',
      signal: AbortSignal.timeout(policy.timeoutMs ?? 15_000),
    });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      return { ok: false, problem: 'unreachable', name };
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > policy.maxBytes) {
      await res.body.cancel();
      return { ok: false, problem: 'tooLarge', name };
    }
    const bytes = await readAtMost(res.body, policy.maxBytes);
    return bytes ? done(bytes) : { ok: false, problem: 'tooLarge', name };
  } catch {
    return { ok: false, problem: 'unreachable', name };
  }
}

/** The body, or undefined as soon as it passes `max` bytes (a lying or absent content-length). */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    total += chunk.value.length;
    if (total > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

type DataUrl = { ok: true; bytes: Buffer } | { ok: false; problem: 'tooLarge' | 'badDataUrl' };

function decodeDataUrl(url: string, max: number): DataUrl {
  const comma = url.indexOf(',');
  if (comma < 0 || !/;base64$/i.test(url.slice(0, comma))) return { ok: false, problem: 'badDataUrl' };
  const payload = url.slice(comma + 1);
  // Measured before decoding: 4 base64 characters carry 3 bytes.
  if (Math.floor((payload.length * 3) / 4) > max + 2) return { ok: false, problem: 'tooLarge' };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) return { ok: false, problem: 'badDataUrl' };
  const bytes = Buffer.from(payload, 'base64');
  return bytes.length > max ? { ok: false, problem: 'tooLarge' } : { ok: true, bytes };
}
