import type { Request, Response } from 'restify';
import { JsonDepthScanner, MAX_JSON_DEPTH } from './jsonDepth.js';
import { createLogger, type Logger } from './logger.js';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const tooLarge = (maxBytes: number) => new HttpError(413, `请求体超过 ${maxBytes} 字节`);

/**
 * Reads a body by hand: a declared or actual size over `maxBytes` is 413, a broken or abandoned
 * body 400; `check` sees each chunk as it arrives and may refuse it with its own HttpError.
 */
export async function readRawBody(req: Request, maxBytes: number, check?: (chunk: Buffer) => void): Promise<Buffer> {
  if (Number(req.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      check?.(chunk as Buffer);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // The client went away or sent a broken chunked body.
    throw new HttpError(400, '请求体没有完整收到');
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON body by hand: a declared or actual size over `maxBytes` is 413; nesting deeper
 * than MAX_JSON_DEPTH (checked on the raw bytes as they arrive), bad syntax or an empty body
 * is 400, all before any object is built.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const scanner = new JsonDepthScanner();
  const raw = (
    await readRawBody(req, maxBytes, (chunk) => {
      if (!scanner.feed(chunk)) throw new HttpError(400, `请求体的 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`);
    })
  ).toString('utf8');
  if (!raw.trim()) throw new HttpError(400, '请求体为空');
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, '请求体不是有效的 JSON');
  }
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.json(body);
}

export function sendError(res: Response, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

type Handler = (req: Request, res: Response) => Promise<void>;

const defaultLogger = createLogger();
const sendHttpError = (res: Response, err: HttpError) => sendError(res, err.status, err.message);

/**
 * Every route's own error boundary: an HttpError becomes its status and message; anything else
 * is logged (never the body) and answered 500, so no error reaches restify's handler or the process.
 */
export function guardRoute(handler: Handler, logger: Logger = defaultLogger, send: (res: Response, err: HttpError) => void = sendHttpError): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof HttpError) return send(res, err);
      logger.error('route_failed', { method: req.method, path: req.getPath?.(), message: (err as Error).message, stack: (err as Error).stack });
      send(res, new HttpError(500, '服务器内部错误'));
    }
  };
}

/** A `limit` query value: undefined when absent, a number in 1..max, or an error message. */
export function parseLimit(raw: string | null | undefined, max: number): number | undefined | { error: string } {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : { error: `limit 应是 1 到 ${max} 之间的整数` };
}

/** The source address of a request (the socket's: a proxy in front would need its own rule). */
export function sourceAddress(req: Request): string {
  return req.socket?.remoteAddress ?? 'unknown';
}
