import { slotId, type Booking, type ReserveResult, type Slot, type SlotFilter, type SlotSeed, type SlotStore } from '../appraisal.js';
import { assertSeed, checkedBooker, checkedSlotChange, compareSlots, matchesFilter, newBookingId } from '../appraisalRules.js';
import type { DisabilityCategory } from '../region.js';
import { validTime } from '../validation.js';

type Session = Omit<Slot, 'booked'>;

/**
 * The reference SlotStore: sessions and bookings in two maps, `booked` counted from the active
 * bookings on every read. Each call checks and changes memory with no await in between, so a
 * reserve is one atomic check-and-reserve within the process.
 */
export class MemorySlotStore implements SlotStore {
  private readonly sessions = new Map<string, Session>();
  private readonly bookings = new Map<string, Booking>();

  async ensureSlots(seeds: SlotSeed[]): Promise<number> {
    seeds.forEach(assertSeed);
    let added = 0;
    for (const { hospitalId, date, part, capacity } of seeds) {
      const id = slotId({ hospitalId, date, part });
      if (this.sessions.has(id)) continue;
      this.sessions.set(id, { id, hospitalId, date, part, capacity, closed: false });
      added += 1;
    }
    return added;
  }

  async list(filter: SlotFilter = {}): Promise<Slot[]> {
    return [...this.sessions.values()].map((s) => this.slotOf(s)).filter((s) => matchesFilter(s, filter)).sort(compareSlots);
  }

  async get(id: string): Promise<Slot | undefined> {
    const session = this.sessions.get(id);
    return session && this.slotOf(session);
  }

  async update(id: string, change: { capacity?: number; closed?: boolean }): Promise<Slot | { error: 'unknown' | 'below-booked' }> {
    const { capacity, closed } = checkedSlotChange(change);
    const session = this.sessions.get(id);
    if (!session) return { error: 'unknown' };
    if (capacity !== undefined && capacity < this.bookedOn(id)) return { error: 'below-booked' };
    const next = { ...session, capacity: capacity ?? session.capacity, closed: closed ?? session.closed };
    this.sessions.set(id, next);
    return this.slotOf(next);
  }

  async reserve(id: string, who: { caseNo: string; userKey: string; category: DisabilityCategory }, at: Date): Promise<ReserveResult> {
    const createdAt = new Date(validTime(at, 'reserve')).toISOString();
    const { caseNo, userKey, category } = checkedBooker(who);
    if (!this.sessions.has(id)) return { ok: false, reason: 'unknown' };
    if (this.activeOf(caseNo)) return { ok: false, reason: 'already-booked' };
    const refused = this.refusal(id);
    if (refused) return { ok: false, reason: refused };
    const booking: Booking = { id: newBookingId((id) => this.bookings.has(id)), slotId: id, caseNo, userKey, category, status: 'active', createdAt };
    this.bookings.set(booking.id, booking);
    return { ok: true, booking: { ...booking }, slot: (await this.get(id))! };
  }

  async reschedule(bookingId: string, id: string, at: Date): Promise<ReserveResult> {
    const iso = new Date(validTime(at, 'reschedule')).toISOString();
    const old = this.bookings.get(bookingId);
    if (!old || old.status !== 'active') return { ok: false, reason: 'unknown' };
    if (old.slotId === id) return { ok: true, booking: { ...old }, slot: (await this.get(id))! };
    const refused = this.refusal(id);
    if (refused) return { ok: false, reason: refused };
    const moved: Booking = { ...old, id: newBookingId((id) => this.bookings.has(id)), slotId: id, createdAt: iso };
    this.bookings.set(old.id, { ...old, status: 'cancelled', cancelledAt: iso });
    this.bookings.set(moved.id, moved);
    return { ok: true, booking: { ...moved }, slot: (await this.get(id))! };
  }

  async cancel(bookingId: string, at: Date): Promise<Booking | undefined> {
    const iso = new Date(validTime(at, 'cancel')).toISOString();
    const old = this.bookings.get(bookingId);
    if (!old || old.status !== 'active') return undefined;
    const cancelled: Booking = { ...old, status: 'cancelled', cancelledAt: iso };
    this.bookings.set(old.id, cancelled);
    return { ...cancelled };
  }

  async activeBookingOf(caseNo: string): Promise<Booking | undefined> {
    const booking = this.activeOf(caseNo);
    return booking && { ...booking };
  }

  async bookingsOn(date: string): Promise<Booking[]> {
    return [...this.bookings.values()]
      .filter((b) => b.status === 'active' && this.sessions.get(b.slotId)?.date === date)
      .sort((a, b) => compareSlots(this.sessions.get(a.slotId)!, this.sessions.get(b.slotId)!) || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .map((b) => ({ ...b }));
  }

  private activeOf(caseNo: string): Booking | undefined {
    for (const b of this.bookings.values()) if (b.caseNo === caseNo && b.status === 'active') return b;
    return undefined;
  }

  private refusal(id: string): 'unknown' | 'closed' | 'full' | undefined {
    const session = this.sessions.get(id);
    if (!session) return 'unknown';
    if (session.closed) return 'closed';
    return this.bookedOn(id) >= session.capacity ? 'full' : undefined;
  }

  private bookedOn(id: string): number {
    let n = 0;
    for (const b of this.bookings.values()) if (b.slotId === id && b.status === 'active') n += 1;
    return n;
  }

  private slotOf(session: Session): Slot {
    return { ...session, booked: this.bookedOn(session.id) };
  }
}
