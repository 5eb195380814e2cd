import { WECHAT_DELIVERY_KEEP_MS, type WechatFollower, type WechatStore } from '../wechat.js';
import type { PgDatabase } from './db.js';

/** WechatStore in PostgreSQL: a push is taken by the one insert that wins its key, whichever instance. */
export class PgWechatStore implements WechatStore {
  constructor(private readonly db: PgDatabase) {}

  async firstDelivery(key: string, at: Date): Promise<boolean> {
    await this.db.query('DELETE FROM wechat_deliveries WHERE taken_at < $1', [new Date(at.getTime() - WECHAT_DELIVERY_KEEP_MS).toISOString()]);
    const { rowCount } = await this.db.query('INSERT INTO wechat_deliveries (key, taken_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, at.toISOString()]);
    return Boolean(rowCount);
  }

  async recordMessage(openId: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO wechat_followers (open_id, subscribed, last_message_at) VALUES ($1, true, $2)
       ON CONFLICT (open_id) DO UPDATE SET subscribed = true,
         last_message_at = GREATEST(wechat_followers.last_message_at, EXCLUDED.last_message_at)`,
      [openId, at.toISOString()],
    );
  }

  async setSubscribed(openId: string, subscribed: boolean): Promise<void> {
    await this.db.query(
      'INSERT INTO wechat_followers (open_id, subscribed) VALUES ($1, $2) ON CONFLICT (open_id) DO UPDATE SET subscribed = $2',
      [openId, subscribed],
    );
  }

  async follower(openId: string): Promise<WechatFollower | undefined> {
    const { rows } = await this.db.query<{ open_id: string; subscribed: boolean; last_message_at: Date | null }>(
      'SELECT open_id, subscribed, last_message_at FROM wechat_followers WHERE open_id = $1',
      [openId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { openId: row.open_id, subscribed: row.subscribed, ...(row.last_message_at ? { lastMessageAt: row.last_message_at.toISOString() } : {}) };
  }
}
