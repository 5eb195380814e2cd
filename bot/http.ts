import type { Request, Response } from 'restify';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Reads a JSON body by hand so size and syntax errors get 413/400, never a 500. */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) throw new HttpError(413, `请求体超过 ${maxBytes} 字节`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `请求体超过 ${maxBytes} 字节`);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
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
