import { join } from 'node:path';
import type { Handoff } from '../handoffs.js';
import { MemoryHandoffStore } from '../memory/memoryHandoffStore.js';
import { LogRecords } from './logRecords.js';

/**
 * HandoffStore over an append-only log under `<dataDir>/handoffs/` (owner-only, fsynced: the
 * queue and live conversations survive a crash); a change appends that hand-off's line only.
 */
export class LowdbHandoffStore extends MemoryHandoffStore {
  private constructor(private readonly log: LogRecords<Handoff>) {
    super(log);
  }

  /** Rewrites the log without superseded versions (an erasure: blanked transcripts gone from disk now). */
  purge(): Promise<void> {
    return this.log.purge();
  }

  static async open(dataDir: string): Promise<LowdbHandoffStore> {
    return new LowdbHandoffStore(await LogRecords.open<Handoff>(join(dataDir, 'handoffs'), { fsync: true }));
  }
}
