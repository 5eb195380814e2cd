import { join } from 'node:path';
import type { AgentAccount, AgentSession } from '../agents.js';
import { MemoryAgentStore } from '../memory/memoryAgentStore.js';
import { LogRecords } from './logRecords.js';

/**
 * AgentStore over append-only logs under `<dataDir>/agents/` (owner-only, fsynced): accounts by
 * name, sessions by their token's hash.
 */
export class LowdbAgentStore extends MemoryAgentStore {
  static async open(dataDir: string): Promise<LowdbAgentStore> {
    const dir = join(dataDir, 'agents');
    const [accounts, sessions] = await Promise.all([
      LogRecords.open<AgentAccount>(join(dir, 'accounts'), { fsync: true }),
      LogRecords.open<AgentSession>(join(dir, 'sessions'), { fsync: true }),
    ]);
    return new LowdbAgentStore(accounts, sessions);
  }
}
