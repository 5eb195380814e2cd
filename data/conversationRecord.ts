/** A record numbered in order (`XX` + digits) that belongs to one chat conversation: a hand-off, a rating request. */
export interface ConversationRecord {
  id: string;
  conversationKey: string;
}

/** The record's number in creation order. */
export const seqOf = (id: string) => Number(id.slice(2));

/**
 * `change` applied to a copy, then `tidy`; the id and conversation stay what they were.
 * Undefined when `change` refused (returned false). Every backend's `update` goes through it.
 */
export function changedCopy<T extends ConversationRecord>(current: T, change: (record: T) => boolean | void, tidy: (record: T) => void = () => undefined): T | undefined {
  const next = structuredClone(current);
  if (change(next) === false) return undefined;
  next.id = current.id;
  next.conversationKey = current.conversationKey;
  tidy(next);
  return next;
}
