import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { JsonDepthScanner, MAX_JSON_DEPTH } from '../jsonDepth.js';

/** One file of an upload, read whole (within its limit). */
export interface UploadPart {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartUpload {
  /** The `activity` part, parsed: the message the files belong to. */
  activity: unknown;
  files: UploadPart[];
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxActivityBytes: number;
}

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
    /** The body was left unread past every limit: the answer closes the connection rather than read on. */
    readonly abandoned = false,
  ) {
    super(message);
  }
}

/** Room for part headers and boundaries beside the parts' own bytes. */
const ENVELOPE_BYTES = 64 * 1024;

/** The most an upload within the limits can weigh, files, activity and envelope together. */
export const uploadCap = (limits: MultipartLimits) => limits.maxFiles * limits.maxFileBytes + limits.maxActivityBytes + ENVELOPE_BYTES;

/** How long a refused upload's remaining bytes are waited for before the connection is closed instead. */
const DISCARD_TIMEOUT_MS = 5000;

/**
 * Reads what is left of a refused request's body and drops it, so the client, still sending,
 * reads the answer instead of a reset connection. False when more than `maxBytes` remain or
 * they do not come within a few seconds (a length that lies): the answer must then close the
 * connection.
 */
export async function discardBody(req: IncomingMessage, maxBytes: number, timeoutMs = DISCARD_TIMEOUT_MS): Promise<boolean> {
  if (req.readableEnded || req.destroyed) return true;
  if (Number(req.headers['content-length']) > maxBytes) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const drained = (async () => {
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) return false;
      }
    } catch {
      return false;
    }
    return true;
  })();
  try {
    return await Promise.race([drained, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a Direct Line upload as botframework-directlinejs (and so the official Web Chat) sends
 * it: multipart/form-data with a part named `activity` (a JSON blob, type
 * `application/vnd.microsoft.activity`) and one part per file. Sizes are enforced while the
 * bytes stream in, before anything is kept: a file over `maxFileBytes` is 413 (the rest of the
 * body is read and dropped, so the client hears the answer), and a body over what the limits
 * allow in all is cut off.
 */
export function readMultipartUpload(req: IncomingMessage, limits: MultipartLimits): Promise<MultipartUpload> {
  const hardCap = uploadCap(limits);
  if (Number(req.headers['content-length']) > hardCap) return Promise.reject(new UploadError(413, `上传内容超过 ${hardCap} 字节`, true));
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) return Promise.reject(new UploadError(400, '上传应是 multipart/form-data'));
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send file names as raw UTF-8 (a phone names a photo 微信图片_….jpg).
      defParamCharset: 'utf8',
      // One byte over the limit is read, so the part is known to be too large (busboy stops at its limit).
      limits: { fileSize: Math.max(limits.maxFileBytes, limits.maxActivityBytes) + 1, files: limits.maxFiles + 1, fields: 1, fieldSize: limits.maxActivityBytes, parts: limits.maxFiles + 2 },
    });
  } catch {
    return Promise.reject(new UploadError(400, 'multipart 请求缺少 boundary'));
  }

  return new Promise((resolve, reject) => {
    const files: UploadPart[] = [];
    let activityText: string | undefined;
    let problem: UploadError | undefined;
    let received = 0;
    const fail = (err: UploadError) => (problem ??= err);

    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= hardCap) return;
      // Past anything the limits allow: stop reading; the answer closes the connection.
      req.off('data', onData);
      req.unpipe(parser);
      req.pause();
      reject(new UploadError(413, `上传内容超过 ${hardCap} 字节`, true));
    };
    req.on('data', onData);

    parser.on('file', (field, stream, info) => {
      const isActivity = field === 'activity';
      const max = isActivity ? limits.maxActivityBytes : limits.maxFileBytes;
      if (!isActivity && files.length >= limits.maxFiles) fail(new UploadError(400, `一次最多上传 ${limits.maxFiles} 个文件`));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) fail(new UploadError(413, isActivity ? `activity 超过 ${max} 字节` : `文件超过 ${max} 字节`));
        if (!problem) chunks.push(chunk);
      });
      // A body cut short errs on the part being read as well as on the parser: the parser's answer is the one given.
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (problem) return;
        if (isActivity) activityText = Buffer.concat(chunks).toString('utf8');
        else files.push({ name: (info.filename || 'file').slice(0, 200), contentType: (info.mimeType || 'application/octet-stream').slice(0, 100), bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('field', (field, value, info) => {
      if (field !== 'activity') return;
      if (info.valueTruncated) fail(new UploadError(413, `activity 超过 ${limits.maxActivityBytes} 字节`));
      else activityText = value;
    });
    parser.on('filesLimit', () => fail(new UploadError(400, `一次最多上传 ${limits.maxFiles} 个文件`)));
    parser.on('partsLimit', () => fail(new UploadError(400, '上传的部分太多')));
    parser.on('error', () => reject(problem ?? new UploadError(400, '上传内容不完整或格式不对')));
    req.on('error', () => reject(new UploadError(400, '上传内容没有完整收到')));
    parser.on('close', () => {
      if (problem) return reject(problem);
      if (activityText === undefined) return reject(new UploadError(400, '缺少 activity 部分'));
      if (!files.length) return reject(new UploadError(400, '没有文件：不带文件的消息请发到 activities'));
      const raw = Buffer.from(activityText, 'utf8');
      if (!new JsonDepthScanner().feed(raw)) return reject(new UploadError(400, `activity 的 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`));
      try {
        resolve({ activity: JSON.parse(activityText), files });
      } catch {
        reject(new UploadError(400, 'activity 不是有效的 JSON'));
      }
    });
    req.pipe(parser);
  });
}
