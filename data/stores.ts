/**
 * Store interfaces. Dialogs and HTTP handlers depend on these only; `data/lowdb/` holds the
 * embedded implementation, and a server database can implement the same contracts.
 */

export interface UnansweredQuestion {
  /** The question as folded for grouping (normalized text). */
  key: string;
  /** The latest wording a user typed, personal data masked. */
  example: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

export interface UnansweredStore {
  record(key: string, example: string, at: Date): Promise<UnansweredQuestion>;
  /** Most asked first. */
  list(limit: number): Promise<UnansweredQuestion[]>;
}

export type FeedbackChannel = 'chat' | 'agent';

export interface AnswerFeedback {
  entryId: string;
  helpful: boolean;
  channel: FeedbackChannel;
  /** The question that led to the answer, personal data masked, when known. */
  question?: string;
  at: string;
}

export interface EntryFeedbackSummary {
  entryId: string;
  helpful: number;
  notHelpful: number;
  lastAt: string;
}

export interface FeedbackStore {
  record(feedback: AnswerFeedback): Promise<void>;
  /** Per entry, most "not helpful" first: what curators should look at. */
  summary(): Promise<EntryFeedbackSummary[]>;
  recent(limit: number): Promise<AnswerFeedback[]>;
}

export interface StoredDraft<T> {
  draft: T;
  updatedAt: string;
}

/**
 * Half-filled forms, one per user and form, kept across restarts until submitted, cancelled
 * or expired. Writes are awaited: an answer the bot acknowledged is not asked again.
 */
export interface DraftStore<T> {
  get(userKey: string): Promise<StoredDraft<T> | undefined>;
  save(userKey: string, draft: T, at: Date): Promise<void>;
  delete(userKey: string): Promise<void>;
}
