import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'restify';
import { lockedUntil, type AgentRole, type AgentStore } from '../data/agents.js';
import type { Clock } from '../data/clock.js';
import { verifyPassword } from '../data/passwords.js';
import { sendError, sourceAddress } from './http.js';
import { CredentialLockout } from './limits/lockout.js';

export const AGENT_COOKIE = 'onevisit_agent';
/** A login lasts one working day; the agent logs in again the next. */
export const AGENT_SESSION_MS = 8 * 60 * 60 * 1000;
/** The holder whose wrong session tokens are counted (on every agent API, per source address). */
const SESSION_CREDENTIAL = 'agent-session';
/** Compared against when the name is unknown, so a wrong name takes as long as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Who is calling an agent API: a logged-in account. */
export interface AgentCaller {
  name: string;
  role: AgentRole;
  displayName: string;
  tokenHash: string;
}

export type LoginResult =
  | { ok: true; token: string; caller: AgentCaller; expiresAt: Date }
  | { ok: false; retryAfter?: number; locked?: boolean };

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function lockedOut(res: Response, retryAfter: number): void {
  res.header('Retry-After', String(retryAfter));
  sendError(res, 429, `密码或登录凭据错误次数太多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`);
}

/** Secure too when the page came over HTTPS (directly or through a proxy that says so). */
export function sessionCookie(req: Request, id: string, maxAgeSeconds: number): string {
  const https = req.isSecure() || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
  return `${AGENT_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${https ? '; Secure' : ''}`;
}

/**
 * Agent logins: a name and password checked against the account store (scrypt), a random
 * session token whose hash is stored with its expiry. The token comes back as an HttpOnly
 * cookie for the console page, or as `Authorization: Bearer` for scripts. Five wrong passwords
 * lock the account (in the store); wrong passwords and tokens also count per source address in
 * the app's shared CredentialLockout.
 */
export class AgentAuth {
  constructor(
    private readonly store: AgentStore,
    private readonly clock: Clock,
    private readonly lockout: CredentialLockout = new CredentialLockout(clock),
    /** A session ended by logout (the desk closes its consoles at once). */
    private readonly onLogout: (tokenHash: string) => void = () => undefined,
  ) {}

  async login(name: string, password: string, source: string): Promise<LoginResult> {
    const now = this.clock.now();
    const holder = `agent:${name}`;
    const retryAfter = this.lockout.retryAfter(holder, source);
    if (retryAfter) return { ok: false, retryAfter };
    const account = await this.store.get(name);
    const until = account && lockedUntil(account, now);
    if (until) return { ok: false, locked: true, retryAfter: Math.ceil((until.getTime() - now.getTime()) / 1000) };
    if (!account || !(await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH))) {
      this.lockout.fail(holder, source);
      const after = account && (await this.store.recordFailure(name, now));
      const nowLocked = after && lockedUntil(after, now);
      return nowLocked ? { ok: false, locked: true, retryAfter: Math.ceil((nowLocked.getTime() - now.getTime()) / 1000) } : { ok: false };
    }
    await this.store.clearFailures(name);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + AGENT_SESSION_MS);
    const tokenHash = digest(token);
    await this.store.createSession({ tokenHash, name, role: account.role, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() }, now);
    return { ok: true, token, expiresAt, caller: { name, role: account.role, displayName: account.displayName, tokenHash } };
  }

  async logout(req: Request): Promise<void> {
    const token = this.tokenOf(req);
    if (!token) return;
    const tokenHash = digest(token);
    await this.store.endSession(tokenHash);
    this.onLogout(tokenHash);
  }

  /** The caller, or why not: no credential, an unknown or expired one, or locked out after too many wrong ones. */
  async identify(req: Request): Promise<{ caller?: AgentCaller; retryAfter?: number }> {
    const token = this.tokenOf(req);
    if (!token) return {};
    const source = sourceAddress(req);
    const bearer = this.bearerOf(req) !== undefined;
    // A guessed bearer token counts like a wrong password; a stale cookie is merely a lapsed login.
    if (bearer) {
      const retryAfter = this.lockout.retryAfter(SESSION_CREDENTIAL, source);
      if (retryAfter) return { retryAfter };
    }
    const now = this.clock.now();
    const session = await this.store.session(digest(token), now);
    const account = session && (await this.store.get(session.name));
    if (!session || !account) {
      if (bearer) this.lockout.fail(SESSION_CREDENTIAL, source);
      return {};
    }
    return { caller: { name: account.name, role: account.role, displayName: account.displayName, tokenHash: session.tokenHash } };
  }

  /** Whether a caller's session still holds (not logged out, not expired, the account still there). */
  async stillSignedIn(caller: AgentCaller): Promise<boolean> {
    const session = await this.store.session(caller.tokenHash, this.clock.now());
    return Boolean(session && (await this.store.get(session.name)));
  }

  /** The caller (a supervisor when `role` says so), or undefined after sending 401, 403 or 429. */
  async check(req: Request, res: Response, role?: AgentRole): Promise<AgentCaller | undefined> {
    const { caller, retryAfter } = await this.identify(req);
    if (caller && (!role || caller.role === role)) return caller;
    if (caller) {
      sendError(res, 403, '这个功能只对班长（supervisor）开放');
      return undefined;
    }
    if (retryAfter) {
      lockedOut(res, retryAfter);
      return undefined;
    }
    res.header('WWW-Authenticate', 'Bearer');
    sendError(res, 401, '请先登录坐席工作台（登录已过期的请重新登录）');
    return undefined;
  }

  private bearerOf(req: Request): string | undefined {
    const auth = req.headers.authorization;
    return auth && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : undefined;
  }

  private tokenOf(req: Request): string | undefined {
    return this.bearerOf(req) || cookieValue(req, AGENT_COOKIE) || undefined;
  }
}
