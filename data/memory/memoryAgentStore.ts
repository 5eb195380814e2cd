import { DEFAULT_LOGIN_LOCK, type AgentAccount, type AgentSession, type AgentStore, type LoginLockPolicy, type NewAgentAccount } from '../agents.js';
import { MapRecords, type KeyedRecords } from '../keyedRecords.js';
import { validTime } from '../validation.js';

/**
 * AgentStore over records held where a backend keeps them (this process only, by default):
 * accounts by name, sessions by their token's hash.
 */
export class MemoryAgentStore implements AgentStore {
  constructor(
    private readonly accounts: KeyedRecords<AgentAccount> = new MapRecords(),
    private readonly sessions: KeyedRecords<AgentSession> = new MapRecords(),
  ) {}

  async create(input: NewAgentAccount, at: Date): Promise<AgentAccount | undefined> {
    validTime(at, 'create');
    if (this.accounts.get(input.name)) return undefined;
    const { name, displayName, role, passwordHash, createdBy } = input;
    const account: AgentAccount = { name, displayName, role, passwordHash, createdBy, createdAt: at.toISOString(), failures: [] };
    await this.accounts.put([[name, account]]);
    return structuredClone(account);
  }

  async get(name: string): Promise<AgentAccount | undefined> {
    const account = this.accounts.get(name);
    return account && structuredClone(account);
  }

  async list(): Promise<AgentAccount[]> {
    return [...this.accounts.entries()]
      .map(([, a]) => structuredClone(a))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async recordFailure(name: string, at: Date, policy: LoginLockPolicy = DEFAULT_LOGIN_LOCK): Promise<AgentAccount | undefined> {
    validTime(at, 'recordFailure');
    const current = this.accounts.get(name);
    if (!current) return undefined;
    const since = at.getTime() - policy.windowMs;
    const failures = [...current.failures.filter((t) => Date.parse(t) > since), at.toISOString()];
    const locked = failures.length >= policy.failures;
    const next: AgentAccount = {
      ...current,
      // A lock starts the count again: after it, five more wrong ones lock again.
      failures: locked ? [] : failures,
      ...(locked ? { lockedUntil: new Date(at.getTime() + policy.lockMs).toISOString() } : {}),
    };
    await this.accounts.put([[name, next]]);
    return structuredClone(next);
  }

  async clearFailures(name: string): Promise<void> {
    const current = this.accounts.get(name);
    if (!current || (current.failures.length === 0 && !current.lockedUntil)) return;
    const { lockedUntil: _gone, ...rest } = current;
    await this.accounts.put([[name, { ...rest, failures: [] }]]);
  }

  async createSession(session: AgentSession, at: Date): Promise<void> {
    validTime(at, 'createSession');
    const now = at.getTime();
    // Expired sessions go as new ones come: the set stays the size of the desk.
    const expired = [...this.sessions.entries()].filter(([, s]) => Date.parse(s.expiresAt) <= now).map(([k]): [string, undefined] => [k, undefined]);
    await this.sessions.put([...expired, [session.tokenHash, structuredClone(session)]]);
  }

  async session(tokenHash: string, at: Date): Promise<AgentSession | undefined> {
    const found = this.sessions.get(tokenHash);
    if (!found) return undefined;
    if (Date.parse(found.expiresAt) <= at.getTime()) {
      await this.sessions.put([[tokenHash, undefined]]);
      return undefined;
    }
    return structuredClone(found);
  }

  async endSession(tokenHash: string): Promise<void> {
    if (this.sessions.get(tokenHash)) await this.sessions.put([[tokenHash, undefined]]);
  }
}
