import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import { adminGuard } from '../../bot/routes/admin.js';
import { registerOutboxAdmin, type OutboxRowView } from '../../bot/routes/outbox.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import type { NewOutboxRow } from '../../data/outbox.js';
import { serveRoutes, tempDir } from '../support.js';

const TOKEN = 'test-admin-token';
const AT = new Date('2026-11-20T02:00:00Z');
const chinese = /[\u4e00-\u9fff]/;

const note = (key: string, caseNo: string): NewOutboxRow => ({
  dedupeKey: key,
  caseNo,
  conversation: {
    channelId: 'directline',
    serviceUrl: 'http://127.0.0.1:3978/v3/directline',
    conversation: { id: `conv-${key}` } as ConversationAccount,
    user: { id: 'user-secret-id', name: '王建国' },
    bot: { id: 'onevisit', name: '一次办' },
  },
  recipient: 'applicant',
  text: `您的申请 ${caseNo} 已受理`,
});

describe('admin outbox API', () => {
  let base: string;
  let close: () => Promise<void>;
  let closedBase: string;
  let closeClosed: () => Promise<void>;

  before(async () => {
    const outbox = await LowdbOutboxStore.open(tempDir());
    const [a, b, c] = await outbox.enqueue(
      [note('a', 'YC202611200001'), note('b', 'YC202611200002'), note('c', 'YC202611200001'), note('d', 'YC202611200002')],
      AT,
    );
    await outbox.markDelivered(a.id, AT);
    await outbox.markFailed(b.id, 'HTTP 403 Forbidden', AT, { dead: true });
    await outbox.markFailed(c.id, 'HTTP 503', AT, { retryAt: new Date(AT.getTime() + 60_000) });
    ({ base, close } = await serveRoutes((server) => registerOutboxAdmin(server, adminGuard(TOKEN), outbox)));
    ({ base: closedBase, close: closeClosed } = await serveRoutes((server) => registerOutboxAdmin(server, adminGuard(undefined), outbox)));
  });
  after(async () => {
    await close();
    await closeClosed();
  });

  const get = (query: string, token: string | null = TOKEN, at = base) =>
    fetch(`${at}/api/admin/outbox${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const rows = async (query: string) => {
    const res = await get(query);
    expect(res.status, query).to.equal(200);
    return ((await res.json()) as { rows: OutboxRowView[] }).rows;
  };
  const keys = async (query: string) => (await rows(query)).map((r) => r.dedupeKey);

  it('refuses without the token or with a wrong one, and stays closed without ADMIN_TOKEN', async () => {
    for (const token of [null, 'wrong-token-of-same-size', 'x']) {
      const res = await get('', token);
      expect(res.status).to.equal(401);
      expect(((await res.json()) as { error: string }).error).to.match(chinese);
    }
    const closed = await get('', TOKEN, closedBase);
    expect(closed.status).to.equal(403);
    expect(((await closed.json()) as { error: string }).error).to.match(chinese);
  });

  it('lists rows newest first, filtered by status, case number and limit', async () => {
    expect(await keys('')).to.deep.equal(['d', 'c', 'b', 'a']);
    expect(await keys('?status=dead')).to.deep.equal(['b']);
    expect(await keys('?status=pending')).to.deep.equal(['d', 'c']);
    expect(await keys('?status=delivered')).to.deep.equal(['a']);
    expect(await keys('?caseNo=yc202611200001')).to.deep.equal(['c', 'a']);
    expect(await keys('?caseNo=YC202611200002&status=pending')).to.deep.equal(['d']);
    expect(await keys('?limit=1')).to.deep.equal(['d']);
    expect(await keys('?status=&caseNo=&limit=')).to.deep.equal(['d', 'c', 'b', 'a']);
  });

  it('shows dead letters with their error and attempts, the text, and only where the message goes', async () => {
    const [dead] = await rows('?status=dead');
    expect(dead).to.deep.include({
      dedupeKey: 'b',
      caseNo: 'YC202611200002',
      recipient: 'applicant',
      text: '您的申请 YC202611200002 已受理',
      status: 'dead',
      attempts: 1,
      lastError: 'HTTP 403 Forbidden',
    });
    expect(dead.conversation).to.deep.equal({ channelId: 'directline', id: 'conv-b' });
    const body = JSON.stringify(await rows(''));
    for (const hidden of ['user-secret-id', '王建国', 'serviceUrl', '127.0.0.1']) expect(body).not.to.contain(hidden);
  });

  it('answers 400 in Chinese for a bad filter', async () => {
    for (const query of ['?status=sent', '?caseNo=12345', '?limit=0', '?limit=501', '?limit=2.5', '?limit=ten']) {
      const res = await get(query);
      expect(res.status, query).to.equal(400);
      expect(((await res.json()) as { error: string }).error, query).to.match(chinese);
    }
  });
});
