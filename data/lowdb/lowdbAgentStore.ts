import { join } from 'node:path';
import type { AgentAccount, AgentSession } from '../agents.js';
import { MemoryAgentStore } from '../memory/memoryAgentStore.js';
import { ShardedRecords } from './shardedRecords.js';

/**
 * AgentStore over lowdb files under `<dataDir>/agents/` (owner-only, atomic, fsynced): a desk
 * has tens of agents, so one file each for accounts and sessions is plenty.
 */
export class LowdbAgentStore extends MemoryAgentStore {
  static async open(dataDir: string): Promise<LowdbAgentStore> {
    const dir = join(dataDir, 'agents');
    const [accounts, sessions] = await Promise.all([
      ShardedRecords.open<AgentAccount>(join(dir, 'accounts'), 1, { fsync: true }),
      ShardedRecords.open<AgentSession>(join(dir, 'sessions'), 1, { fsync: true }),
    ]);
    return new LowdbAgentStore(accounts, sessions);
  }
}
