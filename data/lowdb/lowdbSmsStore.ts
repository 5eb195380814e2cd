import { join } from 'node:path';
import { MemorySmsStore, type SmsRecord } from '../memory/memorySmsStore.js';
import { LogRecords } from './logRecords.js';

/**
 * SmsStore over append-only logs (owner-only): `<dataDir>/sms-opt-outs/` fsynced, `<dataDir>/sms/`
 * (send counts, messages and receipts: two lines a send) written without fsync, so a send does
 * not wait for the disk twice.
 */
export class LowdbSmsStore extends MemorySmsStore {
  static async open(dataDir: string): Promise<LowdbSmsStore> {
    const [sends, optOuts] = await Promise.all([
      LogRecords.open<SmsRecord>(join(dataDir, 'sms'), { fsync: false }),
      LogRecords.open<SmsRecord>(join(dataDir, 'sms-opt-outs'), { fsync: true }),
    ]);
    return new LowdbSmsStore(sends, optOuts);
  }
}
