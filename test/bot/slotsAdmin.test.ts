import { expect } from 'chai';
import type { Server } from 'restify';
import { adminGuard } from '../../bot/routes/admin.js';
import { registerSlotAdmin } from '../../bot/routes/slots.js';
import type { Slot, SlotStore } from '../../data/appraisal.js';
import { LowdbSlotStore } from '../../data/lowdb/lowdbSlotStore.js';
import { serveRoutes, tempDir } from '../support.js';

const TOKEN = 'test-admin-token';
const AT = new Date('2026-11-20T02:00:00Z');
const who = (i: number) => ({ caseNo: `YC2026112000${String(i).padStart(2, '0')}`, userKey: `test:u${i}`, category: '肢体' as const });

const serve = (token: string | undefined, store: SlotStore) => serveRoutes((server) => registerSlotAdmin(server, adminGuard(token), store));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const chinese = /[\u4e00-\u9fff]/;

describe('admin slot API', () => {
  let server: Server;
  let base: string;
  let store: LowdbSlotStore;

  beforeEach(async () => {
    store = await LowdbSlotStore.open(tempDir());
    await store.ensureSlots([
      { hospitalId: 'county-hospital', date: '2026-12-02', part: 'pm', capacity: 2 },
      { hospitalId: 'county-hospital', date: '2026-12-01', part: 'am', capacity: 1 },
      { hospitalId: 'county-hospital', date: '2026-12-01', part: 'pm', capacity: 3 },
      { hospitalId: 'mental-health', date: '2026-12-01', part: 'am', capacity: 2 },
      { hospitalId: 'mental-health', date: '2026-12-03', part: 'am', capacity: 2 },
    ]);
    await store.reserve('county-hospital:2026-12-01:am', who(1), AT); // full
    await store.reserve('county-hospital:2026-12-01:pm', who(2), AT);
    await store.reserve('county-hospital:2026-12-01:pm', who(3), AT);
    await store.update('mental-health:2026-12-03:am', { closed: true });
    ({ server, base } = await serve(TOKEN, store));
  });
  afterEach(() => close(server));

  const headers = (token: string | null) => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const get = (query: string, token: string | null = TOKEN) => fetch(`${base}/api/admin/slots${query}`, { headers: headers(token) });
  const patch = (id: string, body: unknown, token: string | null = TOKEN) =>
    fetch(`${base}/api/admin/slots/${id}`, { method: 'PATCH', headers: headers(token), body: typeof body === 'string' ? body : JSON.stringify(body) });
  const listed = async (query: string) => {
    const res = await get(query);
    expect(res.status, query).to.equal(200);
    return ((await res.json()) as { slots: Slot[] }).slots.map((s) => s.id);
  };
  const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

  it('refuses without the token or with a wrong one', async () => {
    for (const token of [null, 'wrong-token-of-same-size', 'x']) {
      const list = await get('', token);
      expect(list.status).to.equal(401);
      expect(await errorOf(list)).to.match(chinese);
      const change = await patch('county-hospital:2026-12-02:pm', { capacity: 9 }, token);
      expect(change.status).to.equal(401);
    }
    expect(await store.get('county-hospital:2026-12-02:pm')).to.include({ capacity: 2 });
  });

  it('lists every session by date, morning first, with booked and closed', async () => {
    const res = await get('');
    expect(res.status).to.equal(200);
    const { slots } = (await res.json()) as { slots: Slot[] };
    expect(slots.map((s) => s.id)).to.deep.equal([
      'county-hospital:2026-12-01:am',
      'mental-health:2026-12-01:am',
      'county-hospital:2026-12-01:pm',
      'county-hospital:2026-12-02:pm',
      'mental-health:2026-12-03:am',
    ]);
    expect(slots[0]).to.deep.equal({
      id: 'county-hospital:2026-12-01:am',
      hospitalId: 'county-hospital',
      date: '2026-12-01',
      part: 'am',
      capacity: 1,
      booked: 1,
      closed: false,
    });
    expect(slots[4]).to.include({ closed: true, booked: 0 });
  });

  it('filters by hospital, dates and free places', async () => {
    expect(await listed('?hospital=mental-health')).to.deep.equal(['mental-health:2026-12-01:am', 'mental-health:2026-12-03:am']);
    expect(await listed('?from=2026-12-02')).to.deep.equal(['county-hospital:2026-12-02:pm', 'mental-health:2026-12-03:am']);
    expect(await listed('?to=2026-12-01&hospital=county-hospital')).to.deep.equal(['county-hospital:2026-12-01:am', 'county-hospital:2026-12-01:pm']);
    expect(await listed('?from=2026-12-02&to=2026-12-02')).to.deep.equal(['county-hospital:2026-12-02:pm']);
    expect(await listed('?free=true')).to.deep.equal(['mental-health:2026-12-01:am', 'county-hospital:2026-12-01:pm', 'county-hospital:2026-12-02:pm']);
    expect(await listed('?free=1&hospital=mental-health')).to.deep.equal(['mental-health:2026-12-01:am']);
    expect(await listed('?free=false')).to.have.length(5);
    expect(await listed('?hospital=&from=&to=&free=')).to.have.length(5);
    expect(await listed('?hospital=nowhere')).to.deep.equal([]);
  });

  it('rejects bad filters with 400 and a message in Chinese', async () => {
    for (const query of ['from=2026-13-01', 'to=tomorrow', 'from=2026-02-30', 'from=2026-12-03&to=2026-12-01', 'free=maybe', `hospital=${'h'.repeat(101)}`]) {
      const res = await get(`?${query}`);
      expect(res.status, query).to.equal(400);
      expect(await errorOf(res), query).to.match(chinese);
    }
  });

  it('changes the capacity of a session, its id written plainly or URL-encoded', async () => {
    const res = await patch('county-hospital:2026-12-02:pm', { capacity: 5 });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({
      slot: { id: 'county-hospital:2026-12-02:pm', hospitalId: 'county-hospital', date: '2026-12-02', part: 'pm', capacity: 5, booked: 0, closed: false },
    });
    const encoded = await patch(encodeURIComponent('county-hospital:2026-12-01:pm'), { capacity: 2 });
    expect(encoded.status).to.equal(200);
    expect(((await encoded.json()) as { slot: Slot }).slot).to.include({ id: 'county-hospital:2026-12-01:pm', capacity: 2, booked: 2 });
    const lower = await patch('county-hospital%3a2026-12-01%3apm', { capacity: 4 });
    expect(lower.status).to.equal(200);
    expect(await store.get('county-hospital:2026-12-02:pm')).to.include({ capacity: 5 });
    expect(await store.get('county-hospital:2026-12-01:pm')).to.include({ capacity: 4 });
  });

  it('closes and reopens a session, and changes both at once', async () => {
    const closed = await patch('county-hospital:2026-12-02:pm', { closed: true });
    expect(closed.status).to.equal(200);
    expect(((await closed.json()) as { slot: Slot }).slot).to.include({ closed: true, capacity: 2 });
    expect(await listed('?free=true')).not.to.include('county-hospital:2026-12-02:pm');
    expect((await store.reserve('county-hospital:2026-12-02:pm', who(9), AT)).ok).to.equal(false);
    const both = await patch('mental-health:2026-12-03:am', { closed: false, capacity: 6 });
    expect(((await both.json()) as { slot: Slot }).slot).to.include({ closed: false, capacity: 6 });
    expect(await listed('?free=true&hospital=mental-health')).to.deep.equal(['mental-health:2026-12-01:am', 'mental-health:2026-12-03:am']);
  });

  it('refuses a capacity below what is booked with 409', async () => {
    const res = await patch('county-hospital:2026-12-01:pm', { capacity: 1 });
    expect(res.status).to.equal(409);
    const error = await errorOf(res);
    expect(error).to.match(chinese);
    expect(error).to.include('2');
    expect(await store.get('county-hospital:2026-12-01:pm')).to.include({ capacity: 3, booked: 2 });
    expect((await patch('county-hospital:2026-12-01:pm', { capacity: 2 })).status).to.equal(200);
  });

  it('answers 404 for an unknown session', async () => {
    for (const id of ['county-hospital:2099-01-01:am', 'nowhere', encodeURIComponent('医院:2026-12-01:am')]) {
      const res = await patch(id, { closed: true });
      expect(res.status, id).to.equal(404);
      expect(await errorOf(res)).to.match(chinese);
    }
  });

  it('rejects invalid JSON and bad bodies with 400 and a message in Chinese', async () => {
    const id = 'county-hospital:2026-12-02:pm';
    for (const body of [
      '{"capacity": ',
      '',
      'null',
      '[1]',
      '"closed"',
      {},
      { capacity: -1 },
      { capacity: 2.5 },
      { capacity: '5' },
      { capacity: 1001 },
      { closed: 'yes' },
      { closed: 1 },
      { capacity: 3, booked: 0 },
      { capacity: null },
    ]) {
      const res = await patch(id, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(await errorOf(res), JSON.stringify(body)).to.match(chinese);
    }
    const unknownField = await errorOf(await patch(id, { capacity: 3, booked: 0 }));
    expect(unknownField).to.include('booked');
    expect(await store.get(id)).to.include({ capacity: 2, closed: false });
  });

  it('answers 413 for a body over 64 KB', async () => {
    const res = await patch('county-hospital:2026-12-02:pm', JSON.stringify({ capacity: 3, pad: 'x'.repeat(70 * 1024) }));
    expect(res.status).to.equal(413);
    expect(await errorOf(res)).to.match(chinese);
  });
});

describe('admin slot API without a configured token', () => {
  it('stays closed (403), whatever token is sent', async () => {
    const store = await LowdbSlotStore.open(tempDir());
    await store.ensureSlots([{ hospitalId: 'h1', date: '2026-12-01', part: 'am', capacity: 2 }]);
    const { server, base } = await serve(undefined, store);
    try {
      for (const auth of [{ authorization: 'Bearer anything' }, {} as Record<string, string>]) {
        expect((await fetch(`${base}/api/admin/slots`, { headers: auth })).status).to.equal(403);
        const res = await fetch(`${base}/api/admin/slots/h1:2026-12-01:am`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify({ capacity: 5 }),
        });
        expect(res.status).to.equal(403);
      }
      expect(await store.get('h1:2026-12-01:am')).to.include({ capacity: 2 });
    } finally {
      await close(server);
    }
  });
});
