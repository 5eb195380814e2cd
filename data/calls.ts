/**
 * Hotline call records, as the 12345 work order (工单) asks for them: who called, what kind of
 * request it was, the question, the answer the agent gave, and whether someone must call back
 * (回访). The agent console writes them; the follow-up list is the agents' work queue.
 */

/** The 12345 form's request types (诉求类型). */
export const CALL_CATEGORIES = ['咨询', '求助', '投诉', '举报', '建议', '表扬', '其他'] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];

export interface CallRecord {
  /** LD + yyyymmdd (Beijing date) + a 4-digit daily sequence: LD202611200001. */
  id: string;
  at: string;
  /** Normalized: 11-digit mobile or 0xx-xxxxxxxx landline. */
  callerPhone: string;
  category: CallCategory;
  question: string;
  answer: string;
  followUpNeeded: boolean;
  /** The agent who took the call (工号 or name). */
  agent: string;
  /** The Beijing date a call-back is due by (a 回访 after a poor 好差评 rating). */
  dueBy?: string;
  /** Set once the call-back is done; only on calls that needed one. */
  followUp?: { doneBy: string; doneAt: string; note?: string };
}

export type NewCall = Omit<CallRecord, 'id' | 'at' | 'followUp'>;

export interface CallFilter {
  /** pending: needs a call-back not yet done; done: call-back done. Absent: every call. */
  followUp?: 'pending' | 'done';
  limit?: number;
}

export const DEFAULT_CALL_LIST_LIMIT = 100;

export type FollowUpResult =
  | { ok: true; call: CallRecord }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_needed' | 'already_done'; call: CallRecord };

/** LD + yyyymmdd + at least 4 digits. */
export const CALL_ID_PATTERN = /^LD\d{12,}$/;

export interface CallStore {
  /** Stores a call durably and gives it its number; resolves once it is on disk. */
  record(call: NewCall, at: Date): Promise<CallRecord>;
  get(id: string): Promise<CallRecord | undefined>;
  /**
   * `followUp: 'pending'` is a work queue: the longest waiting first. Otherwise newest first.
   * At most `limit` (default 100) calls.
   */
  list(filter?: CallFilter): Promise<CallRecord[]>;
  /**
   * Records that the call-back was made, by whom and when, once: a call that needed none, or
   * whose call-back is already recorded, is left as it is (the first record stands).
   */
  markFollowUpDone(id: string, by: string, at: Date, note?: string): Promise<FollowUpResult>;
}

/** LD202611200001 -> { day: '20261120', seq: 1 }. */
export function parseCallId(id: string): { day: string; seq: number } | undefined {
  const m = /^LD(\d{8})(\d{4,})$/.exec(id);
  return m ? { day: m[1], seq: Number(m[2]) } : undefined;
}

/** Oldest first: time, then the daily sequence. */
export function oldestFirst(a: CallRecord, b: CallRecord): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
