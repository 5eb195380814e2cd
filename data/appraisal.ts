import type { DisabilityCategory } from './region.js';

/** Half-day sessions: appraisals are booked by morning or afternoon, not by the minute. */
export const PARTS = ['am', 'pm'] as const;
export type Part = (typeof PARTS)[number];

/** One weekly session of a hospital's template: ISO weekday (1 = Monday … 7 = Sunday). */
export interface SessionTemplate {
  weekday: number;
  part: Part;
  capacity: number;
}

/** A bookable session on a date. `id` is `${hospitalId}:${date}:${part}`. */
export interface Slot {
  id: string;
  hospitalId: string;
  /** yyyy-mm-dd, the hospital's (Beijing) calendar day. */
  date: string;
  part: Part;
  capacity: number;
  booked: number;
  /** Closed by staff (a doctor away, a training day): nothing can be booked. */
  closed: boolean;
}

export type SlotSeed = Pick<Slot, 'hospitalId' | 'date' | 'part' | 'capacity'>;

export interface Booking {
  id: string;
  slotId: string;
  caseNo: string;
  userKey: string;
  category: DisabilityCategory;
  status: 'active' | 'cancelled';
  createdAt: string;
  cancelledAt?: string;
}

export type ReserveResult =
  | { ok: true; booking: Booking; slot: Slot }
  | { ok: false; reason: 'full' | 'closed' | 'unknown' | 'already-booked' };

export interface SlotFilter {
  hospitalId?: string;
  /** yyyy-mm-dd inclusive. */
  from?: string;
  to?: string;
  /** Only open sessions with a place left. */
  freeOnly?: boolean;
}

/**
 * Appraisal sessions and their bookings. `reserve` is one atomic check-and-reserve: however
 * many requests race for the last place, exactly one gets it and `booked` never exceeds
 * `capacity`. A case holds at most one active booking.
 */
export interface SlotStore {
  /** Adds the sessions that do not exist yet; existing ones (and their bookings) are kept as they are. */
  ensureSlots(seeds: SlotSeed[]): Promise<number>;
  list(filter: SlotFilter): Promise<Slot[]>;
  get(slotId: string): Promise<Slot | undefined>;
  /** Staff changes: capacity (never below what is booked) or closing/reopening a session. */
  update(slotId: string, change: { capacity?: number; closed?: boolean }): Promise<Slot | { error: 'unknown' | 'below-booked' }>;
  reserve(slotId: string, who: { caseNo: string; userKey: string; category: DisabilityCategory }, at: Date): Promise<ReserveResult>;
  /** Moves an active booking to another session atomically: the old place is freed only if the new one is taken. */
  reschedule(bookingId: string, slotId: string, at: Date): Promise<ReserveResult>;
  /** Frees the place at once. */
  cancel(bookingId: string, at: Date): Promise<Booking | undefined>;
  activeBookingOf(caseNo: string): Promise<Booking | undefined>;
  /** Active bookings on a date (reminders for tomorrow). */
  bookingsOn(date: string): Promise<Booking[]>;
}

export const slotId = (s: Pick<Slot, 'hospitalId' | 'date' | 'part'>) => `${s.hospitalId}:${s.date}:${s.part}`;
