import { SMS_TEMPLATE_KEYS, type NewOutboxRow, type OutboxRow } from './outbox.js';
export { validTime } from './validation.js';

/** Backend-independent rules of the OutboxStore contract, shared by every implementation. */

export const DEFAULT_OUTBOX_LIST_LIMIT = 100;
/** A channel's error page can be long; the admin view needs the gist. */
export const MAX_ERROR_LENGTH = 500;
const STATUSES: readonly OutboxRow['status'][] = ['pending', 'delivered', 'dead'];


/** The row as it will be stored, or a TypeError naming what is wrong. */
export function checkedNewRow(input: NewOutboxRow, i: number): NewOutboxRow {
  const bad = (what: string) => new TypeError(`enqueue: row ${i}: ${what}`);
  if (typeof input !== 'object' || input === null) throw bad('not an object');
  if (typeof input.dedupeKey !== 'string' || !input.dedupeKey.trim()) throw bad('dedupeKey must be a non-empty string');
  if (typeof input.text !== 'string' || !input.text.trim()) throw bad('text must be a non-empty string');
  if (typeof input.recipient !== 'string' || !input.recipient) throw bad('recipient must be a non-empty string');
  if (typeof input.conversation !== 'object' || input.conversation === null) throw bad('conversation must be a conversation reference');
  if (input.caseNo !== undefined && typeof input.caseNo !== 'string') throw bad('caseNo must be a string');
  if (input.live !== undefined && typeof input.live !== 'boolean') throw bad('live must be true or false');
  if (input.buttons !== undefined && (!Array.isArray(input.buttons) || !input.buttons.every((b) => typeof b === 'string' && b))) throw bad('buttons must be non-empty strings');
  if (input.from !== undefined && (typeof input.from !== 'string' || !input.from)) throw bad('from must be a non-empty string');
  if (input.sms !== undefined) {
    const { phone, template, params } = input.sms ?? {};
    if (typeof phone !== 'string' || !/^1[3-9]\d{9}$/.test(phone)) throw bad('sms.phone must be a mobile number');
    if (!SMS_TEMPLATE_KEYS.includes(template)) throw bad(`sms.template must be one of ${SMS_TEMPLATE_KEYS.join(', ')}`);
    if (!Array.isArray(params) || !params.every((p) => typeof p === 'string')) throw bad('sms.params must be strings');
  }
  if (input.notice !== undefined) {
    const { kind, applicant } = input.notice ?? {};
    if (kind !== 'status' && kind !== 'reminder') throw bad('notice.kind must be status or reminder');
    if (typeof applicant !== 'string') throw bad('notice.applicant must be the masked name');
  }
  if (input.dueAt !== undefined && (typeof input.dueAt !== 'string' || Number.isNaN(Date.parse(input.dueAt)))) {
    throw bad(`dueAt is not a date: ${String(input.dueAt)}`);
  }
  // A copy, as JSON will store it: later changes to the caller's objects do not reach the store.
  return JSON.parse(JSON.stringify(input)) as NewOutboxRow;
}

/** The list filter's status and limit, or a TypeError naming what is wrong. */
export function checkedListFilter(filter: { status?: OutboxRow['status']; limit?: number }): { status?: OutboxRow['status']; limit: number } {
  const limit = filter.limit ?? DEFAULT_OUTBOX_LIST_LIMIT;
  if (filter.status !== undefined && !STATUSES.includes(filter.status)) throw new TypeError(`list: unknown status ${String(filter.status)}`);
  if (!Number.isInteger(limit) || limit < 0) throw new TypeError(`list: limit must be a whole number, not ${limit}`);
  return { status: filter.status, limit };
}

/** Ids carry the creation sequence, so creation order survives a restart: OB00000001, OB00000002, ... */
export const rowId = (seq: number) => `OB${String(seq).padStart(8, '0')}`;

/** A new row as stored: number `seq` in creation order, due at once unless it says when. */
export function pendingRow(input: NewOutboxRow, seq: number, createdAt: string): OutboxRow {
  return {
    id: rowId(seq),
    dedupeKey: input.dedupeKey,
    ...(input.caseNo !== undefined ? { caseNo: input.caseNo } : {}),
    conversation: input.conversation,
    recipient: input.recipient,
    text: input.text,
    createdAt,
    dueAt: input.dueAt === undefined ? createdAt : new Date(input.dueAt).toISOString(),
    attempts: 0,
    status: 'pending',
    ...(input.live ? { live: true } : {}),
    ...(input.buttons?.length ? { buttons: input.buttons } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.sms ? { sms: input.sms } : {}),
    ...(input.notice ? { notice: input.notice } : {}),
  };
}
