import type { ConversationReference } from 'botbuilder';

/** The SMS templates the catalogue words and the configuration names (SMS_TEMPLATES). */
export const SMS_TEMPLATE_KEYS = ['status', 'returned', 'appraisal', 'family_checked', 'family_locked', 'staff_new_case', 'staff_deadline'] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

/** A row's SMS: the phone, and the template with its parameters (never a full name or ID number). */
export interface RowSms {
  /** As the applicant gave it (13812345678); mobile numbers only. */
  phone: string;
  template: SmsTemplateKey;
  params: string[];
}

/**
 * What a case's message to its applicant or family is, for a channel that words it its own way
 * (WeChat sends news of a case as a template message, anything else as text): news of the case,
 * or a reminder of something coming.
 */
export interface CaseNotice {
  kind: 'status' | 'reminder';
  /** The applicant's masked name (王*国), so the channel needs nothing more from the case. */
  applicant: string;
}

/** One message to one recipient, written when something happens, delivered by the scheduler. */
export interface OutboxRow {
  id: string;
  /** Same key, same message to the same person: enqueueing it again is a no-op. */
  dedupeKey: string;
  caseNo?: string;
  /** Where to send: the recipient's stored conversation reference. */
  conversation: Partial<ConversationReference>;
  /** Who it is for, for the admin view ("applicant", "subscriber:<userKey>", "staff"). */
  recipient: string;
  text: string;
  createdAt: string;
  /** Not before this time (quiet hours, retry backoff). */
  dueAt: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'dead';
  /** A live chat message (an agent's reply): sent in quiet hours too. */
  live?: boolean;
  /** One-tap answers offered with the message (suggested actions). */
  buttons?: string[];
  /** The name the message is shown from (an agent's), instead of the bot's. */
  from?: string;
  /**
   * The SMS: the message itself on a row whose conversation's channelId is 'sms', otherwise the
   * fallback when the chat delivery fails for good.
   */
  sms?: RowSms;
  /** Set on a case's status update or reminder (cases/statusUpdates.ts). */
  notice?: CaseNotice;
  lastError?: string;
  deliveredAt?: string;
}

export type NewOutboxRow = Pick<OutboxRow, 'dedupeKey' | 'caseNo' | 'conversation' | 'recipient' | 'text' | 'live' | 'buttons' | 'from' | 'sms' | 'notice'> & { dueAt?: string };

/**
 * The durable outbox. Costs of `due` and of a scheduler tick must follow what is due, not all
 * history: delivered rows are kept for the record but out of the way.
 */
export interface OutboxStore {
  /** Adds rows, skipping any whose dedupe key exists; resolves once they are on disk. */
  enqueue(rows: NewOutboxRow[], at: Date): Promise<OutboxRow[]>;
  /** Pending rows due at `at`, oldest first (creation order), at most `limit`. */
  due(at: Date, limit: number): Promise<OutboxRow[]>;
  markDelivered(id: string, at: Date): Promise<void>;
  /**
   * Records a failure: retried at `retryAt`, or dead-lettered when `dead`. A `deferred` retry
   * (held back by a rate limit, nothing was tried) does not count as an attempt.
   */
  markFailed(id: string, error: string, at: Date, next: { retryAt: Date; deferred?: boolean } | { dead: true }): Promise<void>;
  list(filter: { status?: OutboxRow['status']; caseNo?: string; limit?: number }): Promise<OutboxRow[]>;
  /**
   * Where many processes share the outbox (PostgreSQL): the due rows no other process holds,
   * taken for `leaseMs` (until marked, or until the lease runs out because the holder died).
   * Absent where one process owns the store: its scheduler's `due` is enough there.
   */
  claimDue?(at: Date, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  /** `claimDue` for one row sent at once (a desk reply): false when another process holds it or it is no longer pending. */
  claim?(id: string, at: Date, leaseMs: number): Promise<boolean>;
}
