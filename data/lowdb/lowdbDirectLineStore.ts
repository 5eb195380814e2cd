import { join } from 'node:path';
import type { DirectLineLimits } from '../directLineStore.js';
import { MemoryDirectLineStore, directLineLimits, type ConversationRecord } from '../memory/memoryDirectLineStore.js';
import { ShardedRecords } from './shardedRecords.js';

/** One record per conversation, so an append rewrites one shard file of ~1/32 of the transcripts. */
const SHARDS = 32;

/**
 * DirectLineStore over sharded lowdb files under `<dataDir>/directline/` (owner-only, written
 * atomically; concurrent writes to a shard are coalesced into one). No fsync: a transcript is
 * chat, and a power cut may lose its last moments, never a file half written.
 */
export class LowdbDirectLineStore extends MemoryDirectLineStore {
  static async open(dataDir: string, limits: Partial<DirectLineLimits> = {}): Promise<LowdbDirectLineStore> {
    const chosen = directLineLimits(limits);
    const records = await ShardedRecords.open<ConversationRecord>(join(dataDir, 'directline'), SHARDS, { fsync: false });
    return new LowdbDirectLineStore(records, chosen);
  }
}
