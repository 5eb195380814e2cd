import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), as the provider documents it: a
 * canonical request of the method, path, query, signed headers and the body's hash; a string
 * to sign with the time and scope; a key derived from the secret by date, service and
 * "tc3_request". The client signs with it and the local fake verifies with it.
 */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** yyyy-mm-dd (UTC) of a Unix time in seconds: the credential scope's date. */
export const tc3Date = (timestamp: number) => new Date(timestamp * 1000).toISOString().slice(0, 10);

export interface Tc3Request {
  method: string;
  path: string;
  query: string;
  /** Signed headers, lower-case names, values as sent. */
  headers: Record<string, string>;
  body: string;
}

/** The canonical request: headers sorted by name, values trimmed and lower-cased. */
export function canonicalRequest(req: Tc3Request): { canonical: string; signedHeaders: string } {
  const names = Object.keys(req.headers).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(req.headers).map(([n, v]) => [n.toLowerCase(), v.trim().toLowerCase()]));
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join('');
  return { canonical: [req.method.toUpperCase(), req.path, req.query, canonicalHeaders, signedHeaders, sha256Hex(req.body)].join('\n'), signedHeaders };
}

/** The hex signature of `canonical` by `secretKey` for `service` at `timestamp` (seconds). */
export function tc3Signature(secretKey: string, service: string, timestamp: number, canonical: string): string {
  const date = tc3Date(timestamp);
  const stringToSign = [TC3_ALGORITHM, String(timestamp), `${date}/${service}/tc3_request`, sha256Hex(canonical)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
}

/** The Authorization header for a request. */
export function tc3Authorization(secretId: string, secretKey: string, service: string, timestamp: number, req: Tc3Request): string {
  const { canonical, signedHeaders } = canonicalRequest(req);
  const signature = tc3Signature(secretKey, service, timestamp, canonical);
  return `${TC3_ALGORITHM} Credential=${secretId}/${tc3Date(timestamp)}/${service}/tc3_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** An Authorization header's parts, or undefined when it is not TC3's shape. */
export function parseTc3Authorization(header: string): { secretId: string; date: string; service: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header);
  return m ? { secretId: m[1], date: m[2], service: m[3], signedHeaders: m[4].split(';'), signature: m[5] } : undefined;
}
