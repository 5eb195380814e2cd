import type { ConversationReference } from 'botbuilder';

/** A family member (another chat user) who asked to receive a case's updates. */
export interface Subscription {
  caseNo: string;
  userKey: string;
  conversation: Partial<ConversationReference>;
  since: string;
}

/**
 * Who follows which case, who has opted out of all updates, and failed family checks (for the
 * lockout). Small data: one county's active cases and their families.
 */
export interface FamilyStore {
  subscribe(sub: Subscription): Promise<void>;
  unsubscribe(caseNo: string, userKey: string): Promise<boolean>;
  subscribersOf(caseNo: string): Promise<Subscription[]>;
  /** "退订": no more updates to this user, as applicant or subscriber. */
  optOut(userKey: string, at: Date): Promise<void>;
  optIn(userKey: string): Promise<void>;
  isOptedOut(userKey: string): Promise<boolean>;
  /** Records a failed check under each key; returns each key's failures since `since`. */
  recordFailure(keys: string[], at: Date, since: Date): Promise<number[]>;
  failuresSince(key: string, since: Date): Promise<number>;
}
