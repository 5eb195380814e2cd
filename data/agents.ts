import { hashPassword, weakPassword } from './passwords.js';

/**
 * Agent accounts of the 12345 desk and their login sessions. Each agent logs in with their own
 * name and password; the session token itself is never stored, only its SHA-256.
 */

export const AGENT_ROLES = ['agent', 'supervisor'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** Letters, digits, dot, dash, underscore: a 工号 or a login name, 2-32 characters. */
export const AGENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/;

export interface AgentAccount {
  name: string;
  /** What colleagues and the audit call them (张三, 1001 号). */
  displayName: string;
  role: AgentRole;
  /** data/passwords.ts `hashPassword`. */
  passwordHash: string;
  createdAt: string;
  createdBy: string;
  /** Times of recent wrong passwords, oldest first (within the lockout window). */
  failures: string[];
  lockedUntil?: string;
}

export type NewAgentAccount = Pick<AgentAccount, 'name' | 'displayName' | 'role' | 'passwordHash' | 'createdBy'>;

export interface AgentSession {
  /** SHA-256 (hex) of the token the agent holds. */
  tokenHash: string;
  name: string;
  role: AgentRole;
  createdAt: string;
  expiresAt: string;
}

export interface LoginLockPolicy {
  /** Wrong passwords within `windowMs` that lock the account. */
  failures: number;
  windowMs: number;
  lockMs: number;
}

/** Five wrong passwords within 15 minutes lock the account for 15 minutes. */
export const DEFAULT_LOGIN_LOCK: LoginLockPolicy = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface AgentStore {
  /** Adds an account; undefined (nothing changed) when the name is taken. */
  create(account: NewAgentAccount, at: Date): Promise<AgentAccount | undefined>;
  get(name: string): Promise<AgentAccount | undefined>;
  /** Every account, by name. */
  list(): Promise<AgentAccount[]>;
  /** Counts a wrong password; returns the account as it now is (locked when this was one too many). */
  recordFailure(name: string, at: Date, policy?: LoginLockPolicy): Promise<AgentAccount | undefined>;
  /** A right password: the count starts again. */
  clearFailures(name: string): Promise<void>;
  createSession(session: AgentSession, at: Date): Promise<void>;
  /** The session, unless unknown or expired at `at` (an expired one is removed). */
  session(tokenHash: string, at: Date): Promise<AgentSession | undefined>;
  endSession(tokenHash: string): Promise<void>;
}

/** The account after a wrong password at `at`: counted within the window, locked at one too many. */
export function withFailure(current: AgentAccount, at: Date, policy: LoginLockPolicy): AgentAccount {
  const since = at.getTime() - policy.windowMs;
  const failures = [...current.failures.filter((t) => Date.parse(t) > since), at.toISOString()];
  const locked = failures.length >= policy.failures;
  return {
    ...current,
    // A lock starts the count again: after it, five more wrong ones lock again.
    failures: locked ? [] : failures,
    ...(locked ? { lockedUntil: new Date(at.getTime() + policy.lockMs).toISOString() } : {}),
  };
}

/** The account after a right password, or undefined when there is nothing to clear. */
export function withoutFailures(current: AgentAccount): AgentAccount | undefined {
  if (current.failures.length === 0 && !current.lockedUntil) return undefined;
  const { lockedUntil: _gone, ...rest } = current;
  return { ...rest, failures: [] };
}

/** A new account's stored form. */
export function newAccount({ name, displayName, role, passwordHash, createdBy }: NewAgentAccount, at: Date): AgentAccount {
  return { name, displayName, role, passwordHash, createdBy, createdAt: at.toISOString(), failures: [] };
}

/** Whether the account is locked at `at`, and until when. */
export function lockedUntil(account: AgentAccount, at: Date): Date | undefined {
  if (!account.lockedUntil) return undefined;
  const until = new Date(account.lockedUntil);
  return until.getTime() > at.getTime() ? until : undefined;
}

export interface AccountRequest {
  name: string;
  displayName?: string;
  password: string;
  role: AgentRole;
}

export type CreateAccountResult = { ok: true; account: AgentAccount } | { ok: false; error: string; taken?: boolean };

/** Checks and creates one account (admin API and `npm run agent:add`); the password is stored hashed only. */
export async function createAccount(store: AgentStore, request: AccountRequest, by: string, at: Date): Promise<CreateAccountResult> {
  if (!AGENT_NAME_PATTERN.test(request.name)) return { ok: false, error: '登录名应是 2 到 32 个字母、数字、点、横线或下划线（如 w1001、zhang.san）' };
  if (!AGENT_ROLES.includes(request.role)) return { ok: false, error: `角色应是 ${AGENT_ROLES.join('、')} 之一` };
  const weak = weakPassword(request.password);
  if (weak) return { ok: false, error: weak };
  const account = await store.create(
    { name: request.name, displayName: request.displayName?.trim() || request.name, role: request.role, passwordHash: await hashPassword(request.password), createdBy: by },
    at,
  );
  return account ? { ok: true, account } : { ok: false, error: `登录名 ${request.name} 已经有人用了`, taken: true };
}

/** An account as the back office sees it: never the hash, nor the lock's details beyond its end. */
export function accountView({ passwordHash: _hash, failures: _failures, ...rest }: AgentAccount) {
  return rest;
}
