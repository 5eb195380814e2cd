import { join } from 'node:path';
import { MemorySmsStore, type SmsRecord } from '../memory/memorySmsStore.js';
import { LogRecords } from './logRecords.js';

/** SmsStore over an append-only log under `<dataDir>/sms/` (owner-only, fsynced): a send costs one line. */
export class LowdbSmsStore extends MemorySmsStore {
  static async open(dataDir: string): Promise<LowdbSmsStore> {
    return new LowdbSmsStore(await LogRecords.open<SmsRecord>(join(dataDir, 'sms'), { fsync: true }));
  }
}
