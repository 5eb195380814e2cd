/**
 * The self-hosted Direct Line channel's transcript: conversations and the activities posted
 * into them (the user's, echoed back as the cloud service does, and the bot's). The channel in
 * `bot/channels/` depends on this interface only.
 */

/** An activity as the channel stores and serves it (JSON: times are ISO strings). */
export type DirectLineActivity = Record<string, unknown> & { id: string; type: string; timestamp: string };

export interface DirectLineConversation {
  id: string;
  createdAt: string;
  /** The last time an activity was appended (or the creation time): retention counts from here. */
  updatedAt: string;
  /** Users the bot has been sent a conversationUpdate for, so it is sent once per user. */
  members: string[];
}

export interface ActivityPage {
  /** Oldest first. */
  activities: DirectLineActivity[];
  /** Sequence number of the last activity returned, or the one asked from when none is newer. */
  watermark?: number;
}

export interface DirectLineLimits {
  /** A conversation idle for longer is deleted by `expire`. */
  retentionMs: number;
  /** Activities kept per conversation; the oldest are dropped beyond it. */
  maxActivities: number;
}

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = { retentionMs: 7 * 24 * 3600_000, maxActivities: 500 };

/** `<conversationId>|0000042`: the cloud service's format, which clients may parse. */
export const activityIdOf = (conversationId: string, seq: number) => `${conversationId}|${String(seq).padStart(7, '0')}`;

/** The sequence number in an id made by `activityIdOf`, undefined for any other string. */
export function seqOf(activityId: string): number | undefined {
  const match = /\|(\d{7,})$/.exec(activityId);
  return match ? Number(match[1]) : undefined;
}

export interface DirectLineStore {
  /** A new, empty conversation; undefined when the id is already taken (nothing changes then). */
  create(id: string, at: Date): Promise<DirectLineConversation | undefined>;

  get(id: string): Promise<DirectLineConversation | undefined>;

  /**
   * Records users as members; resolves to those that were not members yet (in the order given),
   * so concurrent callers never both announce the same user. Undefined for an unknown conversation.
   */
  addMembers(id: string, userIds: string[]): Promise<string[] | undefined>;

  /**
   * Appends an activity, numbered with the conversation's next sequence number (from 0, never
   * reused): its `id` becomes `activityIdOf(conversation, seq)` and its `timestamp` `at`. The
   * oldest activities beyond `maxActivities` are dropped. Once this resolves the activity is
   * listed. Undefined for an unknown conversation.
   */
  append(id: string, activity: Record<string, unknown> & { type: string }, at: Date): Promise<DirectLineActivity | undefined>;

  /** Activities numbered after `watermark` (every kept one without it). Undefined for an unknown conversation. */
  list(id: string, watermark?: number): Promise<ActivityPage | undefined>;

  /** Deletes conversations idle for longer than the retention at `now`; resolves to how many. */
  expire(now: Date): Promise<number>;

  /**
   * Where many processes share the transcript (PostgreSQL): calls `listener` with the id of
   * every conversation any of them appends to, so a stream open on this one wakes up. Resolves
   * to the function that stops listening. Absent where one process owns the store.
   */
  watch?(listener: (conversationId: string) => void): Promise<() => Promise<void>>;
}
