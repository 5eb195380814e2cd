import { DEFAULT_LOGIN_LOCK, newAccount, withFailure, withoutFailures, type AgentAccount, type AgentSession, type AgentStore, type LoginLockPolicy, type NewAgentAccount } from '../agents.js';
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
    const account = newAccount(input, at);
    await this.accounts.put([[account.name, account]]);
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
    const next = withFailure(current, at, policy);
    await this.accounts.put([[name, next]]);
    return structuredClone(next);
  }

  async clearFailures(name: string): Promise<void> {
    const current = this.accounts.get(name);
    const next = current && withoutFailures(current);
    if (next) await this.accounts.put([[name, next]]);
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
