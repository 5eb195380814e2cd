import { expect } from 'chai';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Booking } from '../../data/appraisal.js';
import { LowdbSlotStore } from '../../data/lowdb/lowdbSlotStore.js';
import { tempDir } from '../support.js';


const at = new Date('2026-11-20T02:00:00Z');
const who = (i: number) => ({ caseNo: `YC2026112000${String(i).padStart(2, '0')}`, userKey: `test:u${i}`, category: '肢体' as const });
const seeds = [
  { hospitalId: 'h1', date: '2026-12-01', part: 'am' as const, capacity: 2 },
  { hospitalId: 'h1', date: '2026-12-01', part: 'pm' as const, capacity: 1 },
];

const readJson = <T>(dataDir: string, name: string) => JSON.parse(readFileSync(join(dataDir, 'appraisal', name), 'utf8')) as T;

describe('LowdbSlotStore files', () => {
  it('are owner-only, in an owner-only folder', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbSlotStore.open(dataDir);
    await store.ensureSlots(seeds);
    const { booking } = (await store.reserve('h1:2026-12-01:am', who(1), at)) as { booking: Booking };
    await store.cancel(booking.id, at);
    for (const folder of [dataDir, join(dataDir, 'appraisal')]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    const files = readdirSync(join(dataDir, 'appraisal')).sort();
    expect(files).to.deep.equal(['bookings.json', 'bookings.json.prev', 'slots.json']);
    for (const name of files) expect(statSync(join(dataDir, 'appraisal', name)).mode & 0o777, name).to.equal(0o600);
  });

  it('hold a booking on disk as soon as reserve resolves, with booked counted from the bookings', async () => {
    const dataDir = tempDir();
    const store = await LowdbSlotStore.open(dataDir);
    await store.ensureSlots(seeds);
    const result = await store.reserve('h1:2026-12-01:am', who(1), at);
    if (!result.ok) throw new Error(result.reason);
    const { booking } = result;
    expect(booking.id).to.match(/^BK[0-9A-F]{8}$/);
    expect(readJson<Record<string, Booking>>(dataDir, 'bookings.json')).to.deep.equal({ [booking.id]: booking });
    const slots = readJson<Record<string, Record<string, unknown>>>(dataDir, 'slots.json');
    expect(Object.keys(slots).sort()).to.deep.equal(['h1:2026-12-01:am', 'h1:2026-12-01:pm']);
    expect(slots['h1:2026-12-01:am']).not.to.have.property('booked');
  });

  it('do not acknowledge or keep a booking whose write failed', async () => {
    const dataDir = tempDir();
    const store = await LowdbSlotStore.open(dataDir);
    await store.ensureSlots(seeds);
    // A directory where the temp file should go makes the next write fail, even for root.
    const blocker = join(dataDir, 'appraisal', '.bookings.json.tmp');
    mkdirSync(blocker);
    let error: unknown;
    await store.reserve('h1:2026-12-01:pm', who(1), at).catch((err) => (error = err));
    expect(error).to.be.instanceOf(Error);
    expect(await store.get('h1:2026-12-01:pm')).to.include({ booked: 0 });
    expect(await store.activeBookingOf(who(1).caseNo)).to.equal(undefined);
    rmSync(blocker, { recursive: true });
    const next = await store.reserve('h1:2026-12-01:pm', who(2), at);
    expect(next.ok).to.equal(true);
    const reopened = await LowdbSlotStore.open(dataDir);
    expect(await reopened.get('h1:2026-12-01:pm')).to.include({ booked: 1 });
    expect(await reopened.activeBookingOf(who(1).caseNo)).to.equal(undefined);
    expect(Object.keys(readJson<object>(dataDir, 'bookings.json'))).to.have.length(1);
  });

  it('keep the old place when a reschedule cannot be written', async () => {
    const dataDir = tempDir();
    const store = await LowdbSlotStore.open(dataDir);
    await store.ensureSlots(seeds);
    const first = await store.reserve('h1:2026-12-01:am', who(1), at);
    if (!first.ok) throw new Error(first.reason);
    mkdirSync(join(dataDir, 'appraisal', '.bookings.json.tmp'));
    let error: unknown;
    await store.reschedule(first.booking.id, 'h1:2026-12-01:pm', at).catch((err) => (error = err));
    expect(error).to.be.instanceOf(Error);
    expect(await store.activeBookingOf(who(1).caseNo)).to.deep.equal(first.booking);
    expect((await store.list({})).map((s) => s.booked)).to.deep.equal([1, 0]);
  });
});
