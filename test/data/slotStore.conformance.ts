import { expect } from 'chai';
import type { Booking, ReserveResult, Slot, SlotSeed, SlotStore } from '../../data/appraisal.js';
import { slotId } from '../../data/appraisal.js';
import type { DisabilityCategory } from '../../data/region.js';

const AT = new Date('2026-11-20T02:00:00Z');
const LATER = new Date('2026-11-21T03:30:00Z');

/** A case wanting a place: distinct case numbers and user keys per `i`. */
const who = (i: number, category: DisabilityCategory = '肢体') => ({
  caseNo: `YC20261120${String(i).padStart(4, '0')}`,
  userKey: `test:user-${i}`,
  category,
});

const seed = (hospitalId: string, date: string, part: 'am' | 'pm', capacity = 3): SlotSeed => ({ hospitalId, date, part, capacity });
const ids = (slots: Slot[]) => slots.map((s) => s.id);

function booked(result: ReserveResult): { booking: Booking; slot: Slot } {
  expect(result.ok, JSON.stringify(result)).to.equal(true);
  return result as { ok: true; booking: Booking; slot: Slot };
}
/** By date, then morning before afternoon (sessions of two hospitals at once: either order). */
function expectListOrder(slots: Slot[]): void {
  for (let i = 1; i < slots.length; i++) {
    const [a, b] = [slots[i - 1], slots[i]];
    const inOrder = a.date < b.date || (a.date === b.date && (a.part === b.part || (a.part === 'am' && b.part === 'pm')));
    expect(inOrder, `${a.id} before ${b.id}`).to.equal(true);
  }
}
const reason = (result: ReserveResult) => (result.ok ? 'ok' : result.reason);

/**
 * The SlotStore contract, written against the interface only: every backend (lowdb today, a
 * database server later) runs these same tests. `open` returns a store over `dir`; opening
 * the same dir again shows what was made durable.
 */
export function slotStoreConformance(name: string, open: (dir: string) => Promise<SlotStore>, newDir: () => string) {
  describe(`SlotStore conformance: ${name}`, () => {
    describe('ensureSlots', () => {
      it('adds the missing sessions, counts them, and is idempotent', async () => {
        const dir = newDir();
        const store = await open(dir);
        const seeds = [seed('h1', '2026-12-01', 'am'), seed('h1', '2026-12-01', 'pm', 5), seed('h2', '2026-12-02', 'am', 0)];
        expect(await store.ensureSlots(seeds)).to.equal(3);
        expect(await store.ensureSlots(seeds)).to.equal(0);
        expect(await store.ensureSlots([])).to.equal(0);
        // Only the new one counts; a seed repeated within one call is added once.
        expect(await store.ensureSlots([...seeds, seed('h2', '2026-12-03', 'pm'), seed('h2', '2026-12-03', 'pm')])).to.equal(1);
        expect(await store.get('h1:2026-12-01:pm')).to.deep.equal({
          id: 'h1:2026-12-01:pm',
          hospitalId: 'h1',
          date: '2026-12-01',
          part: 'pm',
          capacity: 5,
          booked: 0,
          closed: false,
        });
        expect(await store.get(slotId({ hospitalId: 'h2', date: '2026-12-02', part: 'am' }))).to.include({ capacity: 0, booked: 0 });
        const reopened = await open(dir);
        expect(await reopened.list({})).to.deep.equal(await store.list({}));
        expect(await reopened.list({})).to.have.length(4);
        expect(await reopened.ensureSlots(seeds)).to.equal(0);
      });

      it('never changes an existing session: capacity, closing and bookings are kept', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 2), seed('h1', '2026-12-01', 'pm', 2)]);
        booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        await store.update('h1:2026-12-01:pm', { closed: true, capacity: 4 });
        const before = await store.list({});
        expect(await store.ensureSlots([seed('h1', '2026-12-01', 'am', 9), seed('h1', '2026-12-01', 'pm', 1)])).to.equal(0);
        expect(await store.list({})).to.deep.equal(before);
        expect((await store.activeBookingOf(who(1).caseNo))?.slotId).to.equal('h1:2026-12-01:am');
      });

      it('refuses seeds no session can be made of', async () => {
        const store = await open(newDir());
        for (const bad of [
          seed('h1', '2026-02-30', 'am'),
          seed('h1', '2026/12/01', 'am'),
          { ...seed('h1', '2026-12-01', 'am'), part: 'noon' as 'am' },
          seed('h1', '2026-12-01', 'am', -1),
          seed('h1', '2026-12-01', 'am', 1.5),
          seed('', '2026-12-01', 'am'),
        ]) {
          let error: unknown;
          await store.ensureSlots([seed('h9', '2026-12-09', 'am'), bad]).catch((err) => (error = err));
          expect(error, JSON.stringify(bad)).to.be.instanceOf(Error);
        }
        // Nothing of a refused batch was added.
        expect(await store.list({})).to.deep.equal([]);
      });
    });

    describe('list', () => {
      let store: SlotStore;

      before(async () => {
        store = await open(newDir());
        // Added out of order: lists follow date, then morning before afternoon.
        await store.ensureSlots([
          seed('h2', '2026-12-02', 'pm', 1),
          seed('h1', '2026-12-02', 'pm', 2),
          seed('h1', '2026-12-01', 'pm', 1),
          seed('h2', '2026-12-02', 'am', 2),
          seed('h1', '2026-12-01', 'am', 2),
          seed('h1', '2026-12-03', 'am', 2),
          seed('h2', '2026-11-30', 'pm', 0),
        ]);
        booked(await store.reserve('h1:2026-12-01:pm', who(1), AT)); // now full
        booked(await store.reserve('h1:2026-12-01:am', who(2), AT)); // one place left
        await store.update('h2:2026-12-02:am', { closed: true });
      });

      it('lists every session by date, then am before pm', async () => {
        const all = await store.list({});
        expect(all).to.have.length(7);
        expectListOrder(all);
        expect(all.map((s) => `${s.date} ${s.part}`)).to.deep.equal([
          '2026-11-30 pm',
          '2026-12-01 am',
          '2026-12-01 pm',
          '2026-12-02 am',
          '2026-12-02 pm',
          '2026-12-02 pm',
          '2026-12-03 am',
        ]);
        expect(all.find((s) => s.id === 'h1:2026-12-01:am')).to.include({ booked: 1, capacity: 2, closed: false });
        expect(all.find((s) => s.id === 'h2:2026-12-02:am')).to.include({ booked: 0, closed: true });
      });

      it('filters by hospital and by dates, both ends inclusive', async () => {
        expect(ids(await store.list({ hospitalId: 'h2' }))).to.deep.equal(['h2:2026-11-30:pm', 'h2:2026-12-02:am', 'h2:2026-12-02:pm']);
        expect(ids(await store.list({ from: '2026-12-02', to: '2026-12-02' })).sort()).to.deep.equal(
          ['h1:2026-12-02:pm', 'h2:2026-12-02:am', 'h2:2026-12-02:pm'].sort(),
        );
        expect(ids(await store.list({ from: '2026-12-02' }))).to.have.length(4);
        expect(ids(await store.list({ to: '2026-12-01' }))).to.deep.equal(['h2:2026-11-30:pm', 'h1:2026-12-01:am', 'h1:2026-12-01:pm']);
        expect(await store.list({ hospitalId: 'h3' })).to.deep.equal([]);
        expect(await store.list({ from: '2026-12-04' })).to.deep.equal([]);
      });

      it('with freeOnly, lists only open sessions with a place left', async () => {
        const free = await store.list({ freeOnly: true });
        expect(ids(free)).to.have.members(['h1:2026-12-01:am', 'h1:2026-12-02:pm', 'h2:2026-12-02:pm', 'h1:2026-12-03:am']);
        expect(free).to.have.length(4);
        expectListOrder(free);
        expect(ids(await store.list({ freeOnly: false }))).to.have.length(7);
      });

      it('combines filters', async () => {
        expect(ids(await store.list({ hospitalId: 'h1', freeOnly: true, to: '2026-12-02' }))).to.deep.equal(['h1:2026-12-01:am', 'h1:2026-12-02:pm']);
        expect(ids(await store.list({ hospitalId: 'h2', freeOnly: true, from: '2026-12-01' }))).to.deep.equal(['h2:2026-12-02:pm']);
      });

      it('returns copies that are not live, and undefined for an unknown session', async () => {
        const [first] = await store.list({ hospitalId: 'h1' });
        first.capacity = 99;
        first.booked = 99;
        first.closed = true;
        const got = (await store.get(first.id))!;
        expect(got).to.include({ capacity: 2, booked: 1, closed: false });
        got.capacity = 0;
        expect(await store.get(first.id)).to.include({ capacity: 2 });
        expect(await store.get('h1:2099-01-01:am')).to.equal(undefined);
        expect(await store.get('')).to.equal(undefined);
      });
    });

    describe('reserve', () => {
      it('takes a place: an active booking of that case, created `at`', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 2)]);
        const { booking, slot } = booked(await store.reserve('h1:2026-12-01:am', who(1, '视力'), AT));
        expect(booking).to.deep.equal({
          id: booking.id,
          slotId: 'h1:2026-12-01:am',
          caseNo: who(1).caseNo,
          userKey: who(1).userKey,
          category: '视力',
          status: 'active',
          createdAt: AT.toISOString(),
        });
        expect(booking.id).to.be.a('string').and.match(/^[A-Za-z0-9-]{4,40}$/);
        expect(slot).to.include({ id: 'h1:2026-12-01:am', booked: 1, capacity: 2 });
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 1 });
        expect(await store.activeBookingOf(who(1).caseNo)).to.deep.equal(booking);
        expect(await store.activeBookingOf(who(2).caseNo)).to.equal(undefined);
        booking.status = 'cancelled';
        expect((await store.activeBookingOf(who(1).caseNo))?.status).to.equal('active');
      });

      it('gives distinct booking ids', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 40)]);
        const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.reserve('h1:2026-12-01:am', who(i), AT)));
        expect(new Set(results.map((r) => booked(r).booking.id)).size).to.equal(40);
      });

      it('refuses an unknown session, a closed one and a full one', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 1), seed('h1', '2026-12-01', 'pm', 1), seed('h1', '2026-12-02', 'am', 0)]);
        expect(await store.reserve('h1:2099-01-01:am', who(1), AT)).to.deep.equal({ ok: false, reason: 'unknown' });
        await store.update('h1:2026-12-01:pm', { closed: true });
        expect(await store.reserve('h1:2026-12-01:pm', who(1), AT)).to.deep.equal({ ok: false, reason: 'closed' });
        expect(await store.reserve('h1:2026-12-02:am', who(1), AT)).to.deep.equal({ ok: false, reason: 'full' });
        booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        expect(await store.reserve('h1:2026-12-01:am', who(2), AT)).to.deep.equal({ ok: false, reason: 'full' });
        expect(await store.activeBookingOf(who(2).caseNo)).to.equal(undefined);
        // Reopened, the closed session takes bookings again.
        await store.update('h1:2026-12-01:pm', { closed: false });
        booked(await store.reserve('h1:2026-12-01:pm', who(2), AT));
      });

      it('holds at most one active booking per case, until it is cancelled', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am'), seed('h2', '2026-12-05', 'pm')]);
        const first = booked(await store.reserve('h1:2026-12-01:am', who(1), AT)).booking;
        expect(await store.reserve('h2:2026-12-05:pm', who(1), AT)).to.deep.equal({ ok: false, reason: 'already-booked' });
        expect(await store.reserve('h1:2026-12-01:am', who(1), AT)).to.deep.equal({ ok: false, reason: 'already-booked' });
        expect(await store.get('h2:2026-12-05:pm')).to.include({ booked: 0 });
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 1 });
        await store.cancel(first.id, LATER);
        const second = booked(await store.reserve('h2:2026-12-05:pm', who(1), LATER)).booking;
        expect(second.id).not.to.equal(first.id);
        expect(await store.activeBookingOf(who(1).caseNo)).to.deep.equal(second);
      });

      it('lets one case win when it races for several sessions at once', async () => {
        const store = await open(newDir());
        const seeds = Array.from({ length: 10 }, (_, i) => seed('h1', `2026-12-${String(i + 1).padStart(2, '0')}`, 'am'));
        await store.ensureSlots(seeds);
        const results = await Promise.all(seeds.map((s) => store.reserve(slotId(s), who(1), AT)));
        expect(results.filter((r) => r.ok)).to.have.length(1);
        expect(results.filter((r) => !r.ok).map(reason)).to.deep.equal(Array(9).fill('already-booked'));
        const total = (await store.list({})).reduce((n, s) => n + s.booked, 0);
        expect(total).to.equal(1);
      });

      it('gives the last place to exactly one of 50 concurrent requests, durably', async () => {
        const dir = newDir();
        const store = await open(dir);
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 1)]);
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.reserve('h1:2026-12-01:am', who(i), AT)));
        const winners = results.filter((r) => r.ok);
        expect(winners).to.have.length(1);
        expect(results.filter((r) => !r.ok).map(reason)).to.deep.equal(Array(49).fill('full'));
        const winner = booked(winners[0]);
        expect(winner.slot).to.include({ booked: 1, capacity: 1 });
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 1, capacity: 1 });
        expect(await store.bookingsOn('2026-12-01')).to.deep.equal([winner.booking]);
        for (let i = 0; i < 50; i++) {
          const active = await store.activeBookingOf(who(i).caseNo);
          if (who(i).caseNo === winner.booking.caseNo) expect(active).to.deep.equal(winner.booking);
          else expect(active).to.equal(undefined);
        }
        const reopened = await open(dir);
        expect(await reopened.get('h1:2026-12-01:am')).to.include({ booked: 1, capacity: 1 });
        expect(await reopened.activeBookingOf(winner.booking.caseNo)).to.deep.equal(winner.booking);
        expect(await reopened.bookingsOn('2026-12-01')).to.deep.equal([winner.booking]);
        expect(await reopened.reserve('h1:2026-12-01:am', who(99), AT)).to.deep.equal({ ok: false, reason: 'full' });
      });

      it('never books beyond capacity when reserves, cancels and updates race', async () => {
        const dir = newDir();
        const store = await open(dir);
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 5)]);
        const early = await Promise.all([0, 1, 2].map((i) => store.reserve('h1:2026-12-01:am', who(i), AT)));
        const ops: Promise<unknown>[] = [];
        for (let i = 10; i < 40; i++) ops.push(store.reserve('h1:2026-12-01:am', who(i), AT));
        ops.push(store.cancel(booked(early[0]).booking.id, LATER));
        ops.push(store.update('h1:2026-12-01:am', { capacity: 6 }));
        await Promise.all(ops);
        const slot = (await store.get('h1:2026-12-01:am'))!;
        expect(slot.booked).to.be.at.most(slot.capacity);
        expect((await store.bookingsOn('2026-12-01')).length).to.equal(slot.booked);
        expect((await (await open(dir)).get('h1:2026-12-01:am'))?.booked).to.equal(slot.booked);
      });
    });

    describe('cancel', () => {
      it('frees the place at once and returns the cancelled booking', async () => {
        const dir = newDir();
        const store = await open(dir);
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 1)]);
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        expect(await store.list({ freeOnly: true })).to.deep.equal([]);
        const cancelled = await store.cancel(booking.id, LATER);
        expect(cancelled).to.deep.equal({ ...booking, status: 'cancelled', cancelledAt: LATER.toISOString() });
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 0 });
        expect(ids(await store.list({ freeOnly: true }))).to.deep.equal(['h1:2026-12-01:am']);
        expect(await store.activeBookingOf(who(1).caseNo)).to.equal(undefined);
        expect(await store.bookingsOn('2026-12-01')).to.deep.equal([]);
        booked(await store.reserve('h1:2026-12-01:am', who(2), LATER));
        const reopened = await open(dir);
        expect(await reopened.get('h1:2026-12-01:am')).to.include({ booked: 1 });
        expect(await reopened.activeBookingOf(who(1).caseNo)).to.equal(undefined);
      });

      it('returns undefined for an unknown or already cancelled booking, changing nothing', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 2)]);
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        booked(await store.reserve('h1:2026-12-01:am', who(2), AT));
        expect(await store.cancel('BK-no-such-booking', LATER)).to.equal(undefined);
        expect(await store.cancel(booking.id, LATER)).to.include({ status: 'cancelled' });
        expect(await store.cancel(booking.id, LATER)).to.equal(undefined);
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 1 });
      });

      it('cancels once when asked twice at once', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 3)]);
        await Promise.all([1, 2].map((i) => store.reserve('h1:2026-12-01:am', who(i), AT)));
        const mine = (await store.activeBookingOf(who(1).caseNo))!;
        const results = await Promise.all([store.cancel(mine.id, LATER), store.cancel(mine.id, LATER)]);
        expect(results.filter((r) => r !== undefined)).to.have.length(1);
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 1 });
      });
    });

    describe('reschedule', () => {
      let store: SlotStore;
      let dir: string;
      beforeEach(async () => {
        dir = newDir();
        store = await open(dir);
        await store.ensureSlots([
          seed('h1', '2026-12-01', 'am', 1),
          seed('h1', '2026-12-02', 'pm', 2),
          seed('h2', '2026-12-03', 'am', 1),
          seed('h2', '2026-12-04', 'am', 1),
        ]);
      });

      it('moves a booking: the new place is taken, the old one freed', async () => {
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1, '听力'), AT));
        const moved = booked(await store.reschedule(booking.id, 'h1:2026-12-02:pm', LATER));
        expect(moved.booking).to.include({
          slotId: 'h1:2026-12-02:pm',
          caseNo: booking.caseNo,
          userKey: booking.userKey,
          category: '听力',
          status: 'active',
        });
        expect(moved.slot).to.include({ id: 'h1:2026-12-02:pm', booked: 1 });
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 0 });
        expect(await store.get('h1:2026-12-02:pm')).to.include({ booked: 1 });
        expect(await store.activeBookingOf(booking.caseNo)).to.deep.equal(moved.booking);
        expect(await store.bookingsOn('2026-12-01')).to.deep.equal([]);
        expect(await store.bookingsOn('2026-12-02')).to.deep.equal([moved.booking]);
        // The freed place can be taken by someone else.
        booked(await store.reserve('h1:2026-12-01:am', who(2), LATER));
        const reopened = await open(dir);
        expect(await reopened.activeBookingOf(booking.caseNo)).to.deep.equal(moved.booking);
        expect(await reopened.list({})).to.deep.equal(await store.list({}));
      });

      it('is a new booking created `at`; the old one is no longer active', async () => {
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        const moved = booked(await store.reschedule(booking.id, 'h2:2026-12-03:am', LATER));
        expect(moved.booking.id).not.to.equal(booking.id);
        expect(moved.booking.createdAt).to.equal(LATER.toISOString());
        expect(moved.booking).not.to.have.property('cancelledAt');
        expect(await store.cancel(booking.id, LATER)).to.equal(undefined);
        expect(await store.reschedule(booking.id, 'h2:2026-12-04:am', LATER)).to.deep.equal({ ok: false, reason: 'unknown' });
        // And it moves on from there.
        const again = booked(await store.reschedule(moved.booking.id, 'h2:2026-12-04:am', LATER));
        expect(await store.get('h2:2026-12-03:am')).to.include({ booked: 0 });
        expect(await store.activeBookingOf(booking.caseNo)).to.deep.equal(again.booking);
      });

      it('keeps the old place when the new session is full, closed or unknown', async () => {
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        booked(await store.reserve('h2:2026-12-03:am', who(2), AT));
        await store.update('h2:2026-12-04:am', { closed: true });
        const before = await store.list({});
        expect(await store.reschedule(booking.id, 'h2:2026-12-03:am', LATER)).to.deep.equal({ ok: false, reason: 'full' });
        expect(await store.reschedule(booking.id, 'h2:2026-12-04:am', LATER)).to.deep.equal({ ok: false, reason: 'closed' });
        expect(await store.reschedule(booking.id, 'h9:2026-12-04:am', LATER)).to.deep.equal({ ok: false, reason: 'unknown' });
        expect(await store.list({})).to.deep.equal(before);
        expect(await store.activeBookingOf(booking.caseNo)).to.deep.equal(booking);
      });

      it('refuses an unknown or cancelled booking', async () => {
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        expect(await store.reschedule('BK-no-such-booking', 'h1:2026-12-02:pm', LATER)).to.deep.equal({ ok: false, reason: 'unknown' });
        await store.cancel(booking.id, LATER);
        expect(await store.reschedule(booking.id, 'h1:2026-12-02:pm', LATER)).to.deep.equal({ ok: false, reason: 'unknown' });
        expect(await store.get('h1:2026-12-02:pm')).to.include({ booked: 0 });
        expect(await store.activeBookingOf(booking.caseNo)).to.equal(undefined);
      });

      it('to the same session is ok and changes nothing, even when it is full or closed', async () => {
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        const same = booked(await store.reschedule(booking.id, 'h1:2026-12-01:am', LATER));
        expect(same.booking).to.deep.equal(booking);
        expect(same.slot).to.include({ id: 'h1:2026-12-01:am', booked: 1, capacity: 1 });
        await store.update('h1:2026-12-01:am', { closed: true });
        expect(booked(await store.reschedule(booking.id, 'h1:2026-12-01:am', LATER)).booking).to.deep.equal(booking);
        expect(await store.activeBookingOf(booking.caseNo)).to.deep.equal(booking);
        expect(await store.get('h1:2026-12-01:am')).to.include({ booked: 1 });
      });

      it('moves a booking once when asked twice at once', async () => {
        const { booking } = booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        const results = await Promise.all([
          store.reschedule(booking.id, 'h2:2026-12-03:am', LATER),
          store.reschedule(booking.id, 'h2:2026-12-04:am', LATER),
        ]);
        expect(results.filter((r) => r.ok)).to.have.length(1);
        const total = (await store.list({})).reduce((n, s) => n + s.booked, 0);
        expect(total).to.equal(1);
      });

      it('races fairly with reserves for the last place: one winner, losers keep their places', async () => {
        await store.ensureSlots([seed('h3', '2026-12-10', 'am', 5)]);
        const holders = await Promise.all([1, 2, 3].map((i) => store.reserve('h3:2026-12-10:am', who(i), AT)));
        const ops = [
          ...holders.map((h) => store.reschedule(booked(h).booking.id, 'h2:2026-12-04:am', LATER)),
          ...[10, 11, 12, 13].map((i) => store.reserve('h2:2026-12-04:am', who(i), LATER)),
        ];
        const results = await Promise.all(ops);
        expect(results.filter((r) => r.ok)).to.have.length(1);
        expect(results.filter((r) => !r.ok).map(reason)).to.deep.equal(Array(6).fill('full'));
        expect(await store.get('h2:2026-12-04:am')).to.include({ booked: 1 });
        const stayed = results.slice(0, 3).filter((r) => !r.ok).length;
        expect(await store.get('h3:2026-12-10:am')).to.include({ booked: stayed });
      });
    });

    describe('update', () => {
      it('changes capacity and closes or reopens a session, durably', async () => {
        const dir = newDir();
        const store = await open(dir);
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 2)]);
        booked(await store.reserve('h1:2026-12-01:am', who(1), AT));
        expect(await store.update('h1:2026-12-01:am', { capacity: 4 })).to.include({ id: 'h1:2026-12-01:am', capacity: 4, booked: 1, closed: false });
        expect(await store.update('h1:2026-12-01:am', { closed: true })).to.include({ capacity: 4, booked: 1, closed: true });
        // Closing keeps the bookings already made.
        expect((await store.activeBookingOf(who(1).caseNo))?.slotId).to.equal('h1:2026-12-01:am');
        expect(await store.list({ freeOnly: true })).to.deep.equal([]);
        expect(await store.update('h1:2026-12-01:am', {})).to.include({ capacity: 4, closed: true });
        const reopened = await open(dir);
        expect(await reopened.get('h1:2026-12-01:am')).to.deep.equal({
          id: 'h1:2026-12-01:am',
          hospitalId: 'h1',
          date: '2026-12-01',
          part: 'am',
          capacity: 4,
          booked: 1,
          closed: true,
        });
        expect(await reopened.update('h1:2026-12-01:am', { closed: false, capacity: 1 })).to.include({ capacity: 1, booked: 1, closed: false });
        expect(await reopened.reserve('h1:2026-12-01:am', who(2), AT)).to.deep.equal({ ok: false, reason: 'full' });
      });

      it('refuses a capacity that is not an integer (callers validate first)', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 2)]);
        for (const capacity of [1.5, Number.NaN, 5000]) {
          let error: unknown;
          await store.update('h1:2026-12-01:am', { capacity }).catch((err) => (error = err));
          expect(error, String(capacity)).to.be.instanceOf(RangeError);
        }
        expect(await store.get('h1:2026-12-01:am')).to.include({ capacity: 2 });
      });

      it('refuses a capacity below what is booked, and an unknown session', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am', 3)]);
        await Promise.all([1, 2].map((i) => store.reserve('h1:2026-12-01:am', who(i), AT)));
        expect(await store.update('h1:2026-12-01:am', { capacity: 1 })).to.deep.equal({ error: 'below-booked' });
        expect(await store.update('h1:2026-12-01:am', { capacity: 1, closed: true })).to.deep.equal({ error: 'below-booked' });
        expect(await store.update('h1:2026-12-01:am', { capacity: -1 })).to.deep.equal({ error: 'below-booked' });
        expect(await store.get('h1:2026-12-01:am')).to.include({ capacity: 3, booked: 2, closed: false });
        expect(await store.update('h1:2026-12-01:am', { capacity: 2 })).to.include({ capacity: 2, booked: 2 });
        expect(await store.reserve('h1:2026-12-01:am', who(3), AT)).to.deep.equal({ ok: false, reason: 'full' });
        expect(await store.update('h1:2099-01-01:am', { capacity: 5 })).to.deep.equal({ error: 'unknown' });
        expect(await store.update('h1:2099-01-01:am', { closed: true })).to.deep.equal({ error: 'unknown' });
      });
    });

    describe('bookingsOn', () => {
      it('lists the active bookings on that date only', async () => {
        const store = await open(newDir());
        await store.ensureSlots([seed('h1', '2026-12-01', 'am'), seed('h2', '2026-12-01', 'pm'), seed('h1', '2026-12-02', 'am')]);
        const a = booked(await store.reserve('h1:2026-12-01:am', who(1), AT)).booking;
        const b = booked(await store.reserve('h2:2026-12-01:pm', who(2), AT)).booking;
        const c = booked(await store.reserve('h1:2026-12-01:am', who(3), AT)).booking;
        const d = booked(await store.reserve('h1:2026-12-02:am', who(4), AT)).booking;
        await store.cancel(c.id, LATER);
        const on1 = await store.bookingsOn('2026-12-01');
        expect(on1).to.have.deep.members([a, b]);
        expect(on1).to.have.length(2);
        expect(await store.bookingsOn('2026-12-02')).to.deep.equal([d]);
        expect(await store.bookingsOn('2026-12-03')).to.deep.equal([]);
        on1[0].status = 'cancelled';
        expect((await store.bookingsOn('2026-12-01')).map((x) => x.status)).to.deep.equal(['active', 'active']);
      });
    });
  });
}
