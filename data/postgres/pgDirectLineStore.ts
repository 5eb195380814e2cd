import {
  DEFAULT_DIRECT_LINE_LIMITS,
  activityIdOf,
  type ActivityPage,
  type DirectLineActivity,
  type DirectLineConversation,
  type DirectLineLimits,
  type DirectLineStore,
} from '../directLineStore.js';
import { directLineLimits } from '../memory/memoryDirectLineStore.js';
import type { PgDatabase } from './db.js';
import { channelOf, listen } from './notifications.js';

type ConversationRow = { id: string; created_at: string; updated_at: string; members: string[]; next_seq: number };
const conversationOf = (r: ConversationRow): DirectLineConversation => ({ id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, members: r.members });

/**
 * The Direct Line transcript in PostgreSQL, so a client may reach any instance: an append
 * numbers the activity from the conversation row (locked for the transaction) and sends a
 * NOTIFY at commit, which `watch` turns into a wake-up of the streams open on every instance.
 */
export class PgDirectLineStore implements DirectLineStore {
  private readonly limits: DirectLineLimits;
  /** The NOTIFY channel of this schema's transcripts. */
  private readonly channel: string;

  constructor(
    private readonly db: PgDatabase,
    limits: Partial<DirectLineLimits> = DEFAULT_DIRECT_LINE_LIMITS,
  ) {
    this.limits = directLineLimits(limits);
    this.channel = channelOf(db, 'directline');
  }

  async create(id: string, at: Date): Promise<DirectLineConversation | undefined> {
    const iso = at.toISOString();
    const { rows } = await this.db.query<ConversationRow>(
      `INSERT INTO dl_conversations (id, created_at, updated_at, members, next_seq) VALUES ($1, $2, $2, '[]', 0) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [id, iso],
    );
    return rows[0] && conversationOf(rows[0]);
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const { rows } = await this.db.query<ConversationRow>('SELECT * FROM dl_conversations WHERE id = $1', [id]);
    return rows[0] && conversationOf(rows[0]);
  }

  addMembers(id: string, userIds: string[]): Promise<string[] | undefined> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<ConversationRow>('SELECT members FROM dl_conversations WHERE id = $1 FOR UPDATE', [id]);
      if (!rows[0]) return undefined;
      const added = [...new Set(userIds)].filter((user) => !rows[0].members.includes(user));
      if (added.length) await client.query('UPDATE dl_conversations SET members = $2 WHERE id = $1', [id, JSON.stringify([...rows[0].members, ...added])]);
      return added;
    });
  }

  append(id: string, activity: Record<string, unknown> & { type: string }, at: Date): Promise<DirectLineActivity | undefined> {
    const timestamp = at.toISOString();
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ seq: number }>(
        'UPDATE dl_conversations SET next_seq = next_seq + 1, updated_at = $2 WHERE id = $1 RETURNING next_seq - 1 AS seq',
        [id, timestamp],
      );
      if (!rows[0]) return undefined;
      const { seq } = rows[0];
      const stored = { ...(JSON.parse(JSON.stringify(activity)) as typeof activity), id: activityIdOf(id, seq), timestamp };
      await client.query('INSERT INTO dl_activities (conversation_id, seq, activity) VALUES ($1, $2, $3)', [id, seq, JSON.stringify(stored)]);
      await client.query('DELETE FROM dl_activities WHERE conversation_id = $1 AND seq <= $2', [id, seq - this.limits.maxActivities]);
      await client.query('SELECT pg_notify($1, $2)', [this.channel, id]);
      return stored;
    });
  }

  async list(id: string, watermark?: number): Promise<ActivityPage | undefined> {
    const conversation = await this.db.query<{ next_seq: number }>('SELECT next_seq FROM dl_conversations WHERE id = $1', [id]);
    if (!conversation.rows[0]) return undefined;
    const { rows } = await this.db.query<{ activity: DirectLineActivity; seq: number }>(
      'SELECT activity, seq FROM dl_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq',
      [id, watermark ?? -1],
    );
    return { activities: rows.map((r) => r.activity), watermark: rows.length ? rows[rows.length - 1].seq : watermark };
  }

  async expire(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.limits.retentionMs).toISOString();
    const { rowCount } = await this.db.query('DELETE FROM dl_conversations WHERE updated_at < $1', [cutoff]);
    return rowCount ?? 0;
  }

  /**
   * Calls `listener` with a conversation's id whenever any instance appends to it. Appends while
   * the connection is being opened again wake nobody here: a stream catches up at its
   * conversation's next activity, a polling client at its next poll.
   */
  watch(listener: (conversationId: string) => void): Promise<() => Promise<void>> {
    return listen(this.db, this.channel, listener);
  }
}
