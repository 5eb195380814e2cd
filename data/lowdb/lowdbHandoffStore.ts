import { join } from 'node:path';
import type { Handoff } from '../handoffs.js';
import { MemoryHandoffStore } from '../memory/memoryHandoffStore.js';
import { ShardedRecords } from './shardedRecords.js';

const SHARDS = 8;

/**
 * HandoffStore over sharded lowdb files under `<dataDir>/handoffs/` (owner-only, atomic,
 * fsynced: the queue and live conversations survive a crash).
 */
export class LowdbHandoffStore extends MemoryHandoffStore {
  static async open(dataDir: string): Promise<LowdbHandoffStore> {
    return new LowdbHandoffStore(await ShardedRecords.open<Handoff>(join(dataDir, 'handoffs'), SHARDS, { fsync: true }));
  }
}
