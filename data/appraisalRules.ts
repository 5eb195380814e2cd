import { randomBytes } from 'node:crypto';
import { PARTS, type Part, type Slot, type SlotFilter, type SlotSeed } from './appraisal.js';
import type { DisabilityCategory } from './region.js';

/** Backend-independent rules of the SlotStore contract, shared by every implementation. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written yyyy-mm-dd (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const isPart = (value: unknown): value is Part => PARTS.includes(value as Part);

/** Largest capacity of one half-day session staff may set (guards against typos). */
export const MAX_SLOT_CAPACITY = 1000;

export const isCapacity = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SLOT_CAPACITY;

/** Throws on a seed no session could be made of (a programming or region-file error). */
export function assertSeed(seed: SlotSeed): void {
  if (typeof seed.hospitalId !== 'string' || !seed.hospitalId.trim() || seed.hospitalId.includes(':')) {
    throw new TypeError(`slot seed: bad hospitalId ${JSON.stringify(seed.hospitalId)}`);
  }
  if (typeof seed.date !== 'string' || !isCalendarDate(seed.date)) throw new TypeError(`slot seed: bad date ${JSON.stringify(seed.date)}`);
  if (!isPart(seed.part)) throw new TypeError(`slot seed: bad part ${JSON.stringify(seed.part)}`);
  if (!isCapacity(seed.capacity)) throw new RangeError(`slot seed: capacity must be an integer in 0..${MAX_SLOT_CAPACITY}, not ${seed.capacity}`);
}

/** Date, then morning before afternoon, then hospital. */
export function compareSlots(a: Pick<Slot, 'date' | 'part' | 'hospitalId'>, b: Pick<Slot, 'date' | 'part' | 'hospitalId'>): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.part !== b.part) return PARTS.indexOf(a.part) - PARTS.indexOf(b.part);
  return a.hospitalId < b.hospitalId ? -1 : a.hospitalId > b.hospitalId ? 1 : 0;
}

export function matchesFilter(slot: Slot, filter: SlotFilter): boolean {
  if (filter.hospitalId !== undefined && slot.hospitalId !== filter.hospitalId) return false;
  if (filter.from !== undefined && slot.date < filter.from) return false;
  if (filter.to !== undefined && slot.date > filter.to) return false;
  if (filter.freeOnly && (slot.closed || slot.booked >= slot.capacity)) return false;
  return true;
}

/** A staff change of a session, or an error naming what is wrong with it. */
export function checkedSlotChange(change: { capacity?: number; closed?: boolean }): { capacity?: number; closed?: boolean } {
  const { capacity, closed } = change;
  if (capacity !== undefined && (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity > MAX_SLOT_CAPACITY)) {
    throw new RangeError(`update: capacity must be an integer up to ${MAX_SLOT_CAPACITY}, not ${capacity}`);
  }
  if (closed !== undefined && typeof closed !== 'boolean') throw new TypeError(`update: closed must be a boolean, not ${closed}`);
  return { capacity, closed };
}

type Booker = { caseNo: string; userKey: string; category: DisabilityCategory };

/** Who asks for a place, or a TypeError when there is no case number. */
export function checkedBooker(who: Booker): Booker {
  if (typeof who.caseNo !== 'string' || !who.caseNo) throw new TypeError('reserve: a case number is needed');
  return { caseNo: who.caseNo, userKey: who.userKey, category: who.category };
}

/** A booking id (BK + 8 hex digits) not `taken` yet. */
export function newBookingId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = `BK${randomBytes(4).toString('hex').toUpperCase()}`;
    if (!taken(id)) return id;
  }
}
