import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { slotId, type Booking, type ReserveResult, type Slot, type SlotFilter, type SlotSeed, type SlotStore } from '../appraisal.js';
import { assertSeed, checkedBooker, checkedSlotChange } from '../appraisalRules.js';
import type { DisabilityCategory } from '../region.js';
import { validTime } from '../validation.js';
import type { PgDatabase, Queryable } from './db.js';

type SessionRow = { id: string; hospital_id: string; date: string; part: Slot['part']; capacity: number; booked: number; closed: boolean };
type BookingRow = { id: string; slot_id: string; case_no: string; user_key: string; category: DisabilityCategory; status: Booking['status']; created_at: string; cancelled_at: string | null };

const slotOf = (r: SessionRow): Slot => ({ id: r.id, hospitalId: r.hospital_id, date: r.date, part: r.part, capacity: r.capacity, booked: r.booked, closed: r.closed });
const bookingOf = (r: BookingRow): Booking => ({
  id: r.id,
  slotId: r.slot_id,
  caseNo: r.case_no,
  userKey: r.user_key,
  category: r.category,
  status: r.status,
  createdAt: r.created_at,
  ...(r.cancelled_at !== null && { cancelledAt: r.cancelled_at }),
});

// `compareSlots`: date, morning before afternoon ('am' < 'pm'), hospital.
const SLOT_ORDER = 'date, part, hospital_id';
const UNIQUE_VIOLATION = '23505';

// Inside a transaction every query goes through its client: a pool of N busy transactions asking the pool for more would wait forever.
async function sessionOf(client: Queryable, id: string): Promise<Slot | undefined> {
  const { rows } = await client.query<SessionRow>('SELECT * FROM slot_sessions WHERE id = $1', [id]);
  return rows[0] && slotOf(rows[0]);
}

/** Why a place could not be taken, once the conditional update has taken none. */
async function refusal(client: Queryable, id: string): Promise<'unknown' | 'closed' | 'full'> {
  const { rows } = await client.query<SessionRow>('SELECT closed FROM slot_sessions WHERE id = $1', [id]);
  return !rows[0] ? 'unknown' : rows[0].closed ? 'closed' : 'full';
}

/** Takes a place with one conditional UPDATE: of any number of racing instances, only as many as there are places get a row back. */
async function takePlace(client: Queryable, id: string): Promise<Slot | undefined> {
  const { rows } = await client.query<SessionRow>('UPDATE slot_sessions SET booked = booked + 1 WHERE id = $1 AND NOT closed AND booked < capacity RETURNING *', [id]);
  return rows[0] && slotOf(rows[0]);
}

async function insertBooking(client: Queryable, b: Booking): Promise<void> {
  await client.query(
    'INSERT INTO bookings (id, slot_id, case_no, user_key, category, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [b.id, b.slotId, b.caseNo, b.userKey, b.category, b.status, b.createdAt],
  );
}

const newBookingId = () => `BK${randomBytes(4).toString('hex').toUpperCase()}`;

/**
 * SlotStore in PostgreSQL for any number of instances: a place is taken by a conditional
 * UPDATE of the session's `booked` (never above capacity, whoever races), and a case's single
 * active booking is a unique index, so "already booked" holds across instances too.
 */
export class PgSlotStore implements SlotStore {
  constructor(private readonly db: PgDatabase) {}

  async ensureSlots(seeds: SlotSeed[]): Promise<number> {
    seeds.forEach(assertSeed);
    if (!seeds.length) return 0;
    const { rowCount } = await this.db.query(
      `INSERT INTO slot_sessions (id, hospital_id, date, part, capacity)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) ON CONFLICT (id) DO NOTHING`,
      [seeds.map(slotId), seeds.map((s) => s.hospitalId), seeds.map((s) => s.date), seeds.map((s) => s.part), seeds.map((s) => s.capacity)],
    );
    return rowCount ?? 0;
  }

  async list(filter: SlotFilter = {}): Promise<Slot[]> {
    const { rows } = await this.db.query<SessionRow>(
      `SELECT * FROM slot_sessions
       WHERE ($1::text IS NULL OR hospital_id = $1) AND ($2::text IS NULL OR date >= $2) AND ($3::text IS NULL OR date <= $3)
         AND (NOT $4 OR (NOT closed AND booked < capacity))
       ORDER BY ${SLOT_ORDER}`,
      [filter.hospitalId ?? null, filter.from ?? null, filter.to ?? null, Boolean(filter.freeOnly)],
    );
    return rows.map(slotOf);
  }

  get(id: string): Promise<Slot | undefined> {
    return sessionOf(this.db, id);
  }

  async update(id: string, change: { capacity?: number; closed?: boolean }): Promise<Slot | { error: 'unknown' | 'below-booked' }> {
    const { capacity, closed } = checkedSlotChange(change);
    const { rows } = await this.db.query<SessionRow>(
      `UPDATE slot_sessions SET capacity = coalesce($2, capacity), closed = coalesce($3, closed)
       WHERE id = $1 AND ($2::int IS NULL OR $2 >= booked) RETURNING *`,
      [id, capacity ?? null, closed ?? null],
    );
    if (rows[0]) return slotOf(rows[0]);
    return (await this.get(id)) ? { error: 'below-booked' } : { error: 'unknown' };
  }

  async reserve(id: string, who: { caseNo: string; userKey: string; category: DisabilityCategory }, at: Date): Promise<ReserveResult> {
    const createdAt = new Date(validTime(at, 'reserve')).toISOString();
    const { caseNo, userKey, category } = checkedBooker(who);
    return this.booking(async (client) => {
      if (!(await sessionOf(client, id))) return { ok: false, reason: 'unknown' };
      if (await this.activeOf(client, caseNo)) return { ok: false, reason: 'already-booked' };
      const slot = await takePlace(client, id);
      if (!slot) return { ok: false, reason: await refusal(client, id) };
      const booking: Booking = { id: newBookingId(), slotId: id, caseNo, userKey, category, status: 'active', createdAt };
      await insertBooking(client, booking);
      return { ok: true, booking, slot };
    });
  }

  async reschedule(bookingId: string, id: string, at: Date): Promise<ReserveResult> {
    const iso = new Date(validTime(at, 'reschedule')).toISOString();
    return this.booking(async (client) => {
      const { rows } = await client.query<BookingRow>(`SELECT * FROM bookings WHERE id = $1 AND status = 'active' FOR UPDATE`, [bookingId]);
      if (!rows[0]) return { ok: false, reason: 'unknown' };
      const old = bookingOf(rows[0]);
      if (old.slotId === id) return { ok: true, booking: old, slot: (await sessionOf(client, id))! };
      // The new place first: the old one is freed only if it is taken.
      const slot = await takePlace(client, id);
      if (!slot) return { ok: false, reason: await refusal(client, id) };
      await this.release(client, old, iso);
      const moved: Booking = { ...old, id: newBookingId(), slotId: id, createdAt: iso };
      await insertBooking(client, moved);
      return { ok: true, booking: moved, slot };
    });
  }

  cancel(bookingId: string, at: Date): Promise<Booking | undefined> {
    const iso = new Date(validTime(at, 'cancel')).toISOString();
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<BookingRow>(`SELECT * FROM bookings WHERE id = $1 AND status = 'active' FOR UPDATE`, [bookingId]);
      if (!rows[0]) return undefined;
      const old = bookingOf(rows[0]);
      await this.release(client, old, iso);
      return { ...old, status: 'cancelled' as const, cancelledAt: iso };
    });
  }

  async activeBookingOf(caseNo: string): Promise<Booking | undefined> {
    return this.activeOf(this.db, caseNo);
  }

  async bookingsOn(date: string): Promise<Booking[]> {
    const { rows } = await this.db.query<BookingRow>(
      `SELECT b.* FROM bookings b JOIN slot_sessions s ON s.id = b.slot_id
       WHERE b.status = 'active' AND s.date = $1 ORDER BY s.date, s.part, s.hospital_id, b.created_at`,
      [date],
    );
    return rows.map(bookingOf);
  }

  private async activeOf(client: Queryable, caseNo: string): Promise<Booking | undefined> {
    const { rows } = await client.query<BookingRow>(`SELECT * FROM bookings WHERE case_no = $1 AND status = 'active'`, [caseNo]);
    return rows[0] && bookingOf(rows[0]);
  }

  private async release(client: Queryable, booking: Booking, at: string): Promise<void> {
    await client.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`, [booking.id, at]);
    await client.query('UPDATE slot_sessions SET booked = booked - 1 WHERE id = $1', [booking.slotId]);
  }

  /**
   * A booking transaction; a second active booking for the same case (another instance booked
   * it between our check and insert) rolls back and reads as "already booked".
   */
  private booking(work: (client: pg.PoolClient) => Promise<ReserveResult>): Promise<ReserveResult> {
    return this.db.transaction(work).catch((err: { code?: string; constraint?: string }) => {
      if (err.code === UNIQUE_VIOLATION && err.constraint === 'bookings_one_active') return { ok: false, reason: 'already-booked' } as const;
      throw err;
    });
  }
}
