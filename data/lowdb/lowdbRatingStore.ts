import { join } from 'node:path';
import { MemoryRatingStore } from '../memory/memoryRatingStore.js';
import type { Rating } from '../ratings.js';
import { LogRecords } from './logRecords.js';

/** RatingStore over an append-only log under `<dataDir>/ratings/` (owner-only, fsynced). */
export class LowdbRatingStore extends MemoryRatingStore {
  private constructor(private readonly log: LogRecords<Rating>) {
    super(log);
  }

  /** Rewrites the log without superseded versions (an erasure: blanked comments gone from disk now). */
  purge(): Promise<void> {
    return this.log.purge();
  }

  static async open(dataDir: string): Promise<LowdbRatingStore> {
    return new LowdbRatingStore(await LogRecords.open<Rating>(join(dataDir, 'ratings'), { fsync: true }));
  }
}
