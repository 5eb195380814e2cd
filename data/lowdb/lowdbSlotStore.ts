import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { Booking, ReserveResult, Slot, SlotFilter, SlotSeed, SlotStore } from '../appraisal.js';
import { slotId } from '../appraisal.js';
import { assertSeed, checkedBooker, checkedSlotChange, compareSlots, matchesFilter, newBookingId } from '../appraisalRules.js';
import { validTime } from '../validation.js';
import type { DisabilityCategory } from '../region.js';
import { openLow } from './open.js';

/** A session as stored: `booked` is not stored, it is counted from the active bookings. */
type SlotRow = Omit<Slot, 'booked'>;

const APPRAISAL_DIR = 'appraisal';
const SLOTS_FILE = 'slots.json';
const BOOKINGS_FILE = 'bookings.json';

/**
 * SlotStore over two lowdb files under `<dataDir>/appraisal/`, each written atomically with
 * fsync: `slots.json` (sessions: capacity, closed) and `bookings.json` (every booking, active or
 * cancelled). A session's `booked` is not stored but counted from its active bookings, so every
 * operation writes exactly one file and the two can never disagree: reserve, cancel and
 * reschedule write only the bookings, ensureSlots and update only the sessions. A county's year
 * is ~1,000 sessions and a few thousand bookings, a few hundred KB.
 *
 * Every change runs serialized (one promise chain, in call order), checks against what is
 * already on disk, writes, and only then becomes visible: `reserve` is one check-and-reserve,
 * and a failed write leaves nothing behind. Reads are served from memory, as copies. One
 * process per data folder.
 */
export class LowdbSlotStore implements SlotStore {
  /** Committed state: every record object is replaced, never changed in place. */
  private readonly slots = new Map<string, SlotRow>();
  private readonly bookings = new Map<string, Booking>();
  private readonly activeByCase = new Map<string, Booking>();
  private readonly booked = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly slotsDb: Low<Record<string, SlotRow>>,
    private readonly bookingsDb: Low<Record<string, Booking>>,
  ) {}

  static async open(dataDir: string): Promise<LowdbSlotStore> {
    const dir = join(dataDir, APPRAISAL_DIR);
    const [slotsDb, bookingsDb] = await Promise.all([
      openLow<Record<string, SlotRow>>(dir, SLOTS_FILE, {}, { fsync: true }),
      openLow<Record<string, Booking>>(dir, BOOKINGS_FILE, {}, { fsync: true }),
    ]);
    const store = new LowdbSlotStore(slotsDb, bookingsDb);
    for (const row of Object.values(slotsDb.data)) store.slots.set(row.id, row);
    for (const booking of Object.values(bookingsDb.data)) store.commitBooking(booking);
    return store;
  }

  async ensureSlots(seeds: SlotSeed[]): Promise<number> {
    const rows = seeds.map((seed) => {
      assertSeed(seed);
      const { hospitalId, date, part, capacity } = seed;
      return { id: slotId(seed), hospitalId, date, part, capacity, closed: false } satisfies SlotRow;
    });
    return this.serialized(async () => {
      const added = new Map<string, SlotRow>();
      for (const row of rows) if (!this.slots.has(row.id) && !added.has(row.id)) added.set(row.id, row);
      if (added.size === 0) return 0;
      await this.write(this.slotsDb, [...added.values()].map((row) => [row.id, row]));
      for (const row of added.values()) this.slots.set(row.id, row);
      return added.size;
    });
  }

  async list(filter: SlotFilter = {}): Promise<Slot[]> {
    const found: Slot[] = [];
    for (const row of this.slots.values()) {
      const slot = this.slotOf(row);
      if (matchesFilter(slot, filter)) found.push(slot);
    }
    return found.sort(compareSlots);
  }

  async get(id: string): Promise<Slot | undefined> {
    const row = this.slots.get(id);
    return row && this.slotOf(row);
  }

  async update(id: string, change: { capacity?: number; closed?: boolean }): Promise<Slot | { error: 'unknown' | 'below-booked' }> {
    const { capacity, closed } = checkedSlotChange(change);
    return this.serialized(async () => {
      const row = this.slots.get(id);
      if (!row) return { error: 'unknown' as const };
      if (capacity !== undefined && capacity < this.bookedOn(id)) return { error: 'below-booked' as const };
      const next: SlotRow = { ...row, capacity: capacity ?? row.capacity, closed: closed ?? row.closed };
      if (next.capacity !== row.capacity || next.closed !== row.closed) {
        await this.write(this.slotsDb, [[id, next]]);
        this.slots.set(id, next);
      }
      return this.slotOf(next);
    });
  }

  async reserve(
    id: string,
    who: { caseNo: string; userKey: string; category: DisabilityCategory },
    at: Date,
  ): Promise<ReserveResult> {
    const createdAt = new Date(validTime(at, 'reserve')).toISOString();
    const { caseNo, userKey, category } = checkedBooker(who);
    return this.serialized(async () => {
      const refused = this.refusal(id);
      if (refused === 'unknown') return { ok: false, reason: refused };
      if (this.activeByCase.has(caseNo)) return { ok: false, reason: 'already-booked' };
      if (refused) return { ok: false, reason: refused };
      const booking: Booking = { id: newBookingId((id) => this.bookings.has(id)), slotId: id, caseNo, userKey, category, status: 'active', createdAt };
      await this.write(this.bookingsDb, [[booking.id, booking]]);
      this.commitBooking(booking);
      return { ok: true, booking: { ...booking }, slot: this.slotOf(this.slots.get(id)!) };
    });
  }

  /**
   * The moved booking is a new booking (new id, created `at`) on the new session; the old one
   * is cancelled `at`. Both changes are one file write: either both happen or neither.
   */
  async reschedule(bookingId: string, id: string, at: Date): Promise<ReserveResult> {
    const iso = new Date(validTime(at, 'reschedule')).toISOString();
    return this.serialized(async () => {
      const old = this.bookings.get(bookingId);
      if (!old || old.status !== 'active') return { ok: false, reason: 'unknown' };
      if (old.slotId === id) return { ok: true, booking: { ...old }, slot: this.slotOf(this.slots.get(id)!) };
      const refused = this.refusal(id);
      if (refused) return { ok: false, reason: refused };
      const moved: Booking = { ...old, id: newBookingId((id) => this.bookings.has(id)), slotId: id, createdAt: iso };
      const cancelled: Booking = { ...old, status: 'cancelled', cancelledAt: iso };
      await this.write(this.bookingsDb, [
        [moved.id, moved],
        [old.id, cancelled],
      ]);
      this.commitBooking(cancelled);
      this.commitBooking(moved);
      return { ok: true, booking: { ...moved }, slot: this.slotOf(this.slots.get(id)!) };
    });
  }

  async cancel(bookingId: string, at: Date): Promise<Booking | undefined> {
    const iso = new Date(validTime(at, 'cancel')).toISOString();
    return this.serialized(async () => {
      const old = this.bookings.get(bookingId);
      if (!old || old.status !== 'active') return undefined;
      const cancelled: Booking = { ...old, status: 'cancelled', cancelledAt: iso };
      await this.write(this.bookingsDb, [[old.id, cancelled]]);
      this.commitBooking(cancelled);
      return { ...cancelled };
    });
  }

  async activeBookingOf(caseNo: string): Promise<Booking | undefined> {
    const booking = this.activeByCase.get(caseNo);
    return booking && { ...booking };
  }

  async bookingsOn(date: string): Promise<Booking[]> {
    const found: { booking: Booking; slot: SlotRow }[] = [];
    for (const booking of this.activeByCase.values()) {
      const slot = this.slots.get(booking.slotId);
      if (slot?.date === date) found.push({ booking, slot });
    }
    return found
      .sort((a, b) => compareSlots(a.slot, b.slot) || (a.booking.createdAt < b.booking.createdAt ? -1 : a.booking.createdAt > b.booking.createdAt ? 1 : 0))
      .map(({ booking }) => ({ ...booking }));
  }

  /** Runs `task` after every earlier one has settled. */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Why a new place cannot be taken on this session now, if it cannot. */
  private refusal(id: string): 'unknown' | 'closed' | 'full' | undefined {
    const row = this.slots.get(id);
    if (!row) return 'unknown';
    if (row.closed) return 'closed';
    if (this.bookedOn(id) >= row.capacity) return 'full';
    return undefined;
  }

  private bookedOn(id: string): number {
    return this.booked.get(id) ?? 0;
  }

  private slotOf(row: SlotRow): Slot {
    return { ...row, booked: this.bookedOn(row.id) };
  }

  /** Makes a written booking (new or replacing its earlier version) visible to reads and checks. */
  private commitBooking(booking: Booking): void {
    const previous = this.bookings.get(booking.id);
    if (previous?.status === 'active') {
      this.booked.set(previous.slotId, this.bookedOn(previous.slotId) - 1);
      if (this.activeByCase.get(previous.caseNo)?.id === previous.id) this.activeByCase.delete(previous.caseNo);
    }
    this.bookings.set(booking.id, booking);
    if (booking.status === 'active') {
      this.booked.set(booking.slotId, this.bookedOn(booking.slotId) + 1);
      this.activeByCase.set(booking.caseNo, booking);
    }
  }

  /** Puts records into a file and writes it; on failure the file's data is restored and the error thrown. */
  private async write<T>(db: Low<Record<string, T>>, records: [string, T][]): Promise<void> {
    const before = records.map(([key]) => [key, Object.hasOwn(db.data, key) ? db.data[key] : undefined] as const);
    for (const [key, value] of records) db.data[key] = value;
    try {
      await db.write();
    } catch (err) {
      for (const [key, value] of before) {
        if (value === undefined) delete db.data[key];
        else db.data[key] = value;
      }
      throw err;
    }
  }
}
