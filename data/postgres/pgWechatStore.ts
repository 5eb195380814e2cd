import type { TakenPush, WechatFollower, WechatStore } from '../wechat.js';
import type { PgDatabase } from './db.js';

/**
 * WechatStore in PostgreSQL: a push is taken by the one insert that wins its key, whichever
 * instance, and its follower changed in the same statement only then.
 */
export class PgWechatStore implements WechatStore {
  constructor(private readonly db: PgDatabase) {}

  async takePush({ key, openId, effect }: TakenPush, at: Date): Promise<boolean> {
    const { rows } = await this.db.query<{ taken: string }>(
      `WITH taken AS (INSERT INTO wechat_deliveries (key, taken_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key),
       changed AS (
         INSERT INTO wechat_followers (open_id, subscribed, last_message_at)
         SELECT $3, $4 = 'message', CASE WHEN $4 = 'message' THEN $2::timestamptz END FROM taken WHERE $4 <> 'none'
         ON CONFLICT (open_id) DO UPDATE SET subscribed = EXCLUDED.subscribed,
           last_message_at = GREATEST(wechat_followers.last_message_at, EXCLUDED.last_message_at)
       )
       SELECT count(*) AS taken FROM taken`,
      [key, at.toISOString(), openId, effect],
    );
    return Number(rows[0].taken) > 0;
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

  async forgetPushes(before: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM wechat_deliveries WHERE taken_at < $1', [before.toISOString()]);
    return rowCount ?? 0;
  }
}
