import { MemoryWechatStore, type WechatData } from '../memory/memoryWechatStore.js';
import { openLow } from './open.js';

/** WechatStore in `<dataDir>/wechat.json` (followers, recent push keys), written atomically. */
export class LowdbWechatStore extends MemoryWechatStore {
  static async open(dataDir: string): Promise<LowdbWechatStore> {
    const db = await openLow<WechatData>(dataDir, 'wechat.json', { followers: {}, deliveries: {} });
    return new LowdbWechatStore(db.data, () => db.write());
  }
}
