import { expect } from 'chai';
import type { Server } from 'restify';
import { adminGuard } from '../../bot/routes/admin.js';
import { registerCaseAdmin } from '../../bot/routes/cases.js';
import type { CaseRecord, CaseStore } from '../../data/cases.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { newCase, testIdNumber } from '../fixtures/cases.js';
import { serveRoutes, tempDir } from '../support.js';

const TOKEN = 'test-admin-token';

const serve = (token: string | undefined, store: CaseStore) => serveRoutes((server) => registerCaseAdmin(server, adminGuard(token), store));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('admin case API', () => {
  let server: Server;
  let base: string;
  let open: CaseRecord, closed: CaseRecord, education: CaseRecord;
  const idNumber = testIdNumber(31, '1958-03-09');

  before(async () => {
    const store = await LowdbCaseStore.open(tempDir());
    open = await store.create(
      newCase({ applicant: { name: '王建国', idNumber, phone: '13912345678' } }),
      new Date('2026-11-01T02:00:00Z'),
    );
    closed = await store.create(
      newCase({ items: [{ id: 'fuel-subsidy', department: '残联', status: 'rejected', reason: '未持有机动轮椅车' }] }),
      new Date('2026-11-10T02:00:00Z'),
    );
    education = await store.create(
      newCase({ items: [{ id: 'education-grant', department: '教育', status: 'submitted' }], channel: 'window' }),
      new Date('2026-11-20T02:00:00Z'),
    );
    ({ server, base } = await serve(TOKEN, store));
  });
  after(() => close(server));

  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${base}/api/admin/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const listed = async (query: string) => {
    const res = await get(`cases${query}`);
    expect(res.status, query).to.equal(200);
    return ((await res.json()) as { cases: { caseNo: string }[] }).cases.map((c) => c.caseNo);
  };

  it('refuses without the token or with a wrong one', async () => {
    for (const path of ['cases', `cases/${open.caseNo}`]) {
      const none = await get(path, null);
      expect(none.status).to.equal(401);
      expect(((await none.json()) as { error: string }).error).to.be.a('string');
      expect((await get(path, 'wrong-token-of-same-size')).status).to.equal(401);
      expect((await get(path, 'x')).status).to.equal(401);
    }
  });

  it('lists masked summaries, newest first', async () => {
    const res = await get('cases');
    expect(res.status).to.equal(200);
    const raw = await res.text();
    const { cases } = JSON.parse(raw) as { cases: Record<string, unknown>[] };
    expect(cases.map((c) => c.caseNo)).to.deep.equal([education.caseNo, closed.caseNo, open.caseNo]);
    expect(cases[2]).to.deep.equal({
      caseNo: open.caseNo,
      status: 'submitted',
      createdAt: open.createdAt,
      updatedAt: open.updatedAt,
      applicant: { name: '王*国', idNumber: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`, phone: '139****5678' },
      items: open.items.map(({ id, department, status }) => ({ id, department, status })),
      channel: 'online',
      // Mailed to the applicant's own address (no mailing address given apart), which the list never shows.
      delivery: 'mail',
      mailTo: 'applicant',
    });
    // No full ID number or phone anywhere in a list, nor anything beyond the summary.
    for (const secret of [idNumber, '13912345678', '11010519491231002X', '11010519491231002x', '13800001234', '王建国']) {
      expect(raw.toUpperCase()).not.to.include(secret.toUpperCase());
    }
    expect(raw).not.to.include('示例路');
    expect(raw).not.to.include('conv-test-1');
  });

  it('filters by status, department, dates and limit', async () => {
    expect(await listed('?status=closed')).to.deep.equal([closed.caseNo]);
    expect(await listed('?status=submitted')).to.deep.equal([education.caseNo, open.caseNo]);
    expect(await listed(`?department=${encodeURIComponent('教育')}`)).to.deep.equal([education.caseNo]);
    expect(await listed(`?department=${encodeURIComponent('民政')}`)).to.deep.equal([open.caseNo]);
    expect(await listed('?from=2026-11-05&to=2026-11-10')).to.deep.equal([closed.caseNo]);
    expect(await listed(`?from=${encodeURIComponent('2026-11-10T10:00:00+08:00')}`)).to.deep.equal([education.caseNo, closed.caseNo]);
    // "+" left unencoded arrives as a space: still understood.
    expect(await listed('?from=2026-11-10T10:00:01+08:00')).to.deep.equal([education.caseNo]);
    expect(await listed('?limit=2')).to.deep.equal([education.caseNo, closed.caseNo]);
    expect(await listed('?status=submitted&limit=1&to=2026-11-15')).to.deep.equal([open.caseNo]);
    expect(await listed('?status=&department=')).to.have.length(3);
  });

  it('rejects bad filters with 400 and a message in Chinese', async () => {
    for (const query of [
      'status=open',
      `department=${encodeURIComponent('公安')}`,
      'from=2026-13-01',
      'to=yesterday',
      'from=2026-02-30',
      'from=2026-11-20&to=2026-11-01',
      'limit=0',
      'limit=501',
      'limit=1.5',
      'limit=abc',
    ]) {
      const res = await get(`cases?${query}`);
      expect(res.status, query).to.equal(400);
      expect(((await res.json()) as { error: string }).error, query).to.match(/[\u4e00-\u9fff]/);
    }
  });

  it('returns one full case by number, unmasked, and 404 for an unknown number', async () => {
    const res = await get(`cases/${open.caseNo}`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ case: open, nextActions: [{ action: 'start_review', body: { note: { required: false, description: '备注，记入办理记录' } } }] });
    expect(((await (await get(`cases/${open.caseNo.toLowerCase()}`)).json()) as { case: CaseRecord }).case.caseNo).to.equal(open.caseNo);
    const missing = await get('cases/YC209901010001');
    expect(missing.status).to.equal(404);
    expect(((await missing.json()) as { error: string }).error).to.include('YC209901010001');
  });
});

describe('admin case API without a configured token', () => {
  it('stays closed (403), whatever token is sent', async () => {
    const store = await LowdbCaseStore.open(tempDir());
    const created = await store.create(newCase(), new Date('2026-11-20T02:00:00Z'));
    const { server, base } = await serve(undefined, store);
    try {
      for (const path of ['cases', `cases/${created.caseNo}`]) {
        const res = await fetch(`${base}/api/admin/${path}`, { headers: { authorization: 'Bearer anything' } });
        expect(res.status).to.equal(403);
        expect((await fetch(`${base}/api/admin/${path}`)).status).to.equal(403);
      }
    } finally {
      await close(server);
    }
  });
});
