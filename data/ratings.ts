import type { ConversationReference } from 'botbuilder';

/**
 * The national 好差评 rating of a service: asked once after a live hand-off ends and when a case
 * is delivered or finally rejected, answered in one tap, with an optional comment.
 */

/** Best first; the value is 5 (非常满意) down to 1 (非常不满意). */
export const RATING_LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const levelValue = (level: RatingLevel) => 5 - RATING_LEVELS.indexOf(level);
/** The level of a score as people read it: 5 points is 非常满意, 1 is 非常不满意. */
export const levelOfPoints = (points: number) => RATING_LEVELS[5 - points];
/** 不满意 or worse: a 回访 call follows. */
export const isPoor = (level: RatingLevel) => levelValue(level) <= 2;

export const RATING_STAGES = ['handoff', 'delivered', 'rejected'] as const;
export type RatingStage = (typeof RATING_STAGES)[number];

export interface Rating {
  /** PJ + 8-digit sequence. */
  id: string;
  conversationKey: string;
  userKey: string;
  channel: string;
  conversation: Partial<ConversationReference>;
  stage: RatingStage;
  caseNo?: string;
  /** The agent rated, after a hand-off. */
  agent?: string;
  handoffId?: string;
  askedAt: string;
  /** asked: waiting for the level; comment: rated, an optional comment may follow; done. */
  status: 'asked' | 'comment' | 'done';
  level?: RatingLevel;
  ratedAt?: string;
  comment?: string;
  /** The number to call back on (the case's, or one given with the comment). */
  phone?: string;
  /** The 回访 call a poor rating put on the desk's list. */
  callId?: string;
}

export type NewRating = Pick<Rating, 'conversationKey' | 'userKey' | 'channel' | 'conversation' | 'stage' | 'caseNo' | 'agent' | 'handoffId' | 'phone'>;

export interface RatingStore {
  /** Records a request; the conversation's earlier unanswered one is closed (one pending at a time). */
  ask(input: NewRating, at: Date): Promise<Rating>;
  /** The conversation's rating waiting for a level or a comment. */
  pendingFor(conversationKey: string): Promise<Rating | undefined>;
  /** Changes one rating atomically (`change` returns false to leave it). */
  update(id: string, change: (r: Rating) => boolean | void): Promise<Rating | undefined>;
  /** Ratings asked since `since` (all when absent), oldest first. */
  list(filter?: { since?: Date; status?: Rating['status'][] }): Promise<Rating[]>;
}

export const ratingId = (seq: number) => `PJ${String(seq).padStart(8, '0')}`;

/** A new rating request's stored form, numbered `seq`. */
export function newRating(input: NewRating, seq: number, at: Date): Rating {
  const fields = JSON.parse(JSON.stringify(input)) as NewRating;
  return { ...fields, id: ratingId(seq), askedAt: at.toISOString(), status: 'asked' };
}
