import { join } from 'node:path';
import type { DirectLineLimits } from '../directLineStore.js';
import { MemoryDirectLineStore, directLineLimits, type ConversationRecord } from '../memory/memoryDirectLineStore.js';
import { LogRecords } from './logRecords.js';

/**
 * DirectLineStore over an append-only log under `<dataDir>/directline/` (owner-only): an
 * append writes that conversation's record, an expiry one short line per conversation. No
 * fsync: a transcript is chat, and a power cut may lose its last moments, never a whole line.
 */
export class LowdbDirectLineStore extends MemoryDirectLineStore {
  static async open(dataDir: string, limits: Partial<DirectLineLimits> = {}): Promise<LowdbDirectLineStore> {
    const chosen = directLineLimits(limits);
    const records = await LogRecords.open<ConversationRecord>(join(dataDir, 'directline'), { fsync: false });
    return new LowdbDirectLineStore(records, chosen);
  }
}
