import { letRequestsIn, MapRecords, type KeyedRecords } from '../keyedRecords.js';
import {
  DEFAULT_DIRECT_LINE_LIMITS,
  activityIdOf,
  type ActivityPage,
  type DirectLineActivity,
  type DirectLineConversation,
  type DirectLineLimits,
  type DirectLineStore,
} from '../directLineStore.js';

/** Conversations deleted per write when expiring: a sweep after a quiet month never makes one huge write. */
export const EXPIRE_BATCH = 200;

export interface ConversationRecord {
  conversation: DirectLineConversation;
  /** The number the next activity gets; the kept activities are the ones just before it. */
  nextSeq: number;
  activities: DirectLineActivity[];
}

/** The limits with defaults filled in, or a RangeError naming the bad one. */
export function directLineLimits(limits: Partial<DirectLineLimits>): DirectLineLimits {
  const chosen = { ...DEFAULT_DIRECT_LINE_LIMITS, ...limits };
  for (const [name, value] of Object.entries(chosen)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, not ${value}`);
  }
  return chosen;
}

/**
 * DirectLineStore over records held in memory, one per conversation: an activity is listed as
 * soon as `append` has numbered it; the call resolves once the backend holding `records` has
 * it (in this process only, by default).
 */
export class MemoryDirectLineStore implements DirectLineStore {
  constructor(
    private readonly records: KeyedRecords<ConversationRecord> = new MapRecords(),
    private readonly limits: DirectLineLimits = DEFAULT_DIRECT_LINE_LIMITS,
  ) {}

  async create(id: string, at: Date): Promise<DirectLineConversation | undefined> {
    if (this.records.get(id)) return undefined;
    const iso = at.toISOString();
    const record: ConversationRecord = { conversation: { id, createdAt: iso, updatedAt: iso, members: [] }, nextSeq: 0, activities: [] };
    // `put` sets the record before its first await: a second create of the same id sees it.
    await this.records.put([[id, record]]);
    return structuredClone(record.conversation);
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const record = this.records.get(id);
    return record && structuredClone(record.conversation);
  }

  async addMembers(id: string, userIds: string[]): Promise<string[] | undefined> {
    const record = this.records.get(id);
    if (!record) return undefined;
    const added = [...new Set(userIds)].filter((user) => !record.conversation.members.includes(user));
    if (added.length) {
      record.conversation.members.push(...added);
      await this.records.put([[id, record]]);
    }
    return added;
  }

  async append(id: string, activity: Record<string, unknown> & { type: string }, at: Date): Promise<DirectLineActivity | undefined> {
    const record = this.records.get(id);
    if (!record) return undefined;
    // A JSON copy: what is stored is what a reader gets back, and later changes by the caller do not leak in.
    const stored = { ...(JSON.parse(JSON.stringify(activity)) as typeof activity), id: activityIdOf(id, record.nextSeq), timestamp: at.toISOString() };
    record.nextSeq += 1;
    record.activities.push(stored);
    const excess = record.activities.length - this.limits.maxActivities;
    if (excess > 0) record.activities.splice(0, excess);
    record.conversation.updatedAt = stored.timestamp;
    await this.records.put([[id, record]]);
    return structuredClone(stored);
  }

  async list(id: string, watermark?: number): Promise<ActivityPage | undefined> {
    const record = this.records.get(id);
    if (!record) return undefined;
    const firstSeq = record.nextSeq - record.activities.length;
    const from = watermark === undefined ? 0 : Math.max(0, watermark + 1 - firstSeq);
    const activities = record.activities.slice(from);
    return { activities: structuredClone(activities), watermark: activities.length ? record.nextSeq - 1 : watermark };
  }

  async expire(now: Date): Promise<number> {
    const cutoff = now.getTime() - this.limits.retentionMs;
    const idle: string[] = [];
    for (const [id, r] of this.records.entries()) if (Date.parse(r.conversation.updatedAt) < cutoff) idle.push(id);
    let removed = 0;
    for (let i = 0; i < idle.length; i += EXPIRE_BATCH) {
      // Checked again per batch: a conversation written to meanwhile stays.
      const batch = idle.slice(i, i + EXPIRE_BATCH).filter((id) => {
        const r = this.records.get(id);
        return r !== undefined && Date.parse(r.conversation.updatedAt) < cutoff;
      });
      if (batch.length) await this.records.put(batch.map((id) => [id, undefined]));
      removed += batch.length;
      await letRequestsIn();
    }
    return removed;
  }
}
