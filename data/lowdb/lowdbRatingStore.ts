import { join } from 'node:path';
import { MemoryRatingStore } from '../memory/memoryRatingStore.js';
import type { Rating } from '../ratings.js';
import { ShardedRecords } from './shardedRecords.js';

/** RatingStore over sharded lowdb files under `<dataDir>/ratings/` (owner-only, atomic, fsynced). */
export class LowdbRatingStore extends MemoryRatingStore {
  static async open(dataDir: string): Promise<LowdbRatingStore> {
    return new LowdbRatingStore(await ShardedRecords.open<Rating>(join(dataDir, 'ratings'), 8, { fsync: true }));
  }
}
