import { MemoryJobState } from '../memory/memoryJobState.js';
import { openLow } from './open.js';
import { setAsideToStderr, type CorruptFilePolicy } from './secureJsonFile.js';

/**
 * JobState in `<dataDir>/jobs.json` (job name -> date of its last run), written atomically with
 * fsync. A damaged file only means jobs may run once more: it is set aside by default.
 */
export class LowdbJobState extends MemoryJobState {
  static async open(dataDir: string, { onCorrupt = setAsideToStderr }: { onCorrupt?: CorruptFilePolicy } = {}): Promise<LowdbJobState> {
    const db = await openLow<Record<string, string>>(dataDir, 'jobs.json', {}, { fsync: true, onCorrupt });
    return new LowdbJobState(db.data, () => db.write());
  }
}
