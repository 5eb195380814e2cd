import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a Direct Line token grants: one conversation, as one user when `user` is set, until `exp`. */
export interface TokenClaims {
  conv: string;
  user?: string;
  name?: string;
  /** `stream`: a streamUrl's short-lived token, good for opening that stream only. */
  scope?: 'stream';
  /** Seconds since the epoch, as in a JWT. */
  iat: number;
  exp: number;
}

/** `unsigned`: our token's shape, but not signed with this key (the key or the secret changed, or a forgery). */
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'unsigned' | 'expired' };

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

// The only header this channel signs or accepts, compared as text: no "alg" from the token is
// ever trusted (the classic JWT "none"/algorithm-confusion hole).
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

// Without a secret or a kept key (a memory store keeps nothing either), a key that dies with the process.
const processKey = randomBytes(32);

/** Where the data folder keeps the signing key used when no secret is configured. */
export const KEPT_KEY_FILE = 'directline-signing.key';

/**
 * Without a configured secret, the key tokens are signed with: random, made on the first start
 * and kept in the data folder (owner-only), so a restart leaves open pages' tokens good.
 */
export function keptSigningKey(dataDir: string): Buffer {
  const path = join(dataDir, KEPT_KEY_FILE);
  const read = () => Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  try {
    return read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  try {
    writeFileSync(path, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw err;
  }
}

/**
 * The key tokens are signed with: derived from the Direct Line secret (so tokens survive a
 * restart and are the same on every instance) but not the secret itself, which stays a bearer
 * credential of its own; without a secret, the kept key.
 */
export function signingKey(secret: string | undefined, kept: Buffer = processKey): Buffer {
  return secret ? createHmac('sha256', secret).update('onevisit directline token signing key').digest() : kept;
}

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

/**
 * A compact JWS (HS256). JWT-shaped on purpose: the official client reads the `user` claim to
 * learn the user id a token carries (DirectLine.parseToken).
 */
export function signToken(key: Buffer, claims: TokenClaims): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${base64url(sign(key, body))}`;
}

export function verifyToken(key: Buffer, token: string, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'invalid' };
  const given = Buffer.from(parts[2], 'base64url');
  const expected = sign(key, `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'unsigned' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.conv !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' };
  if (now.getTime() >= claims.exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** Constant-time comparison of a presented bearer value with the configured secret. */
export function isSecret(given: string, secret: string | undefined): boolean {
  if (!secret) return false;
  // Digests have equal lengths, so neither the comparison time nor an early length check tells the secret's length.
  const a = createHmac('sha256', 'compare').update(given).digest();
  const b = createHmac('sha256', 'compare').update(secret).digest();
  return timingSafeEqual(a, b);
}
