import { DEFAULT_LOGIN_LOCK, newAccount, withFailure, withoutFailures, type AgentAccount, type AgentSession, type AgentStore, type LoginLockPolicy, type NewAgentAccount } from '../agents.js';
import { validTime } from '../validation.js';
import type { PgDatabase } from './db.js';

/** Agent accounts and sessions in PostgreSQL: a wrong password is counted under the account's row lock. */
export class PgAgentStore implements AgentStore {
  constructor(private readonly db: PgDatabase) {}

  async create(input: NewAgentAccount, at: Date): Promise<AgentAccount | undefined> {
    validTime(at, 'create');
    const account = newAccount(input, at);
    const { rowCount } = await this.db.query('INSERT INTO agents (name, account) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [account.name, JSON.stringify(account)]);
    return rowCount ? structuredClone(account) : undefined;
  }

  async get(name: string): Promise<AgentAccount | undefined> {
    const { rows } = await this.db.query<{ account: AgentAccount }>('SELECT account FROM agents WHERE name = $1', [name]);
    return rows[0]?.account;
  }

  async list(): Promise<AgentAccount[]> {
    const { rows } = await this.db.query<{ account: AgentAccount }>('SELECT account FROM agents ORDER BY name');
    return rows.map((r) => r.account);
  }

  recordFailure(name: string, at: Date, policy: LoginLockPolicy = DEFAULT_LOGIN_LOCK): Promise<AgentAccount | undefined> {
    validTime(at, 'recordFailure');
    return this.change(name, (current) => withFailure(current, at, policy));
  }

  async clearFailures(name: string): Promise<void> {
    await this.change(name, withoutFailures);
  }

  /** Rewrites one account under its row lock; `next` returning undefined leaves it. */
  private change(name: string, next: (current: AgentAccount) => AgentAccount | undefined): Promise<AgentAccount | undefined> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ account: AgentAccount }>('SELECT account FROM agents WHERE name = $1 FOR UPDATE', [name]);
      if (!rows[0]) return undefined;
      const account = next(rows[0].account);
      if (!account) return rows[0].account;
      await client.query('UPDATE agents SET account = $2 WHERE name = $1', [name, JSON.stringify(account)]);
      return account;
    });
  }

  async createSession(session: AgentSession, at: Date): Promise<void> {
    validTime(at, 'createSession');
    // Expired sessions go as new ones come: the table stays the size of the desk.
    await this.db.transaction(async (client) => {
      await client.query('DELETE FROM agent_sessions WHERE expires_at <= $1', [at.toISOString()]);
      await client.query(
        'INSERT INTO agent_sessions (token_hash, expires_at, session) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at, session = EXCLUDED.session',
        [session.tokenHash, session.expiresAt, JSON.stringify(session)],
      );
    });
  }

  async session(tokenHash: string, at: Date): Promise<AgentSession | undefined> {
    const { rows } = await this.db.query<{ session: AgentSession }>('SELECT session FROM agent_sessions WHERE token_hash = $1', [tokenHash]);
    const found = rows[0]?.session;
    if (!found) return undefined;
    if (Date.parse(found.expiresAt) <= at.getTime()) {
      await this.endSession(tokenHash);
      return undefined;
    }
    return found;
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM agent_sessions WHERE token_hash = $1', [tokenHash]);
  }
}
