import { expect } from 'chai';
import type { AuditedAccess } from '../../cases/auditedAccess.js';
import { AGENT_SESSION_MS, AgentAuth } from '../../bot/agentAuth.js';
import { adminGuard, registerKnowledgeAdmin } from '../../bot/routes/admin.js';
import { registerAgentAccounts } from '../../bot/routes/agentAccounts.js';
import { registerAgentConsole, timelineEntry } from '../../bot/routes/agentConsole.js';
import { ACTIONS, CASE_EVENTS } from '../../data/workflow.js';
import { createAccount, type AgentStore } from '../../data/agents.js';
import type { CallStore } from '../../data/calls.js';
import type { CaseRecord, CaseStore } from '../../data/cases.js';
import { LowdbAgentStore } from '../../data/lowdb/lowdbAgentStore.js';
import { LowdbCallStore } from '../../data/lowdb/lowdbCallStore.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbFeedbackStore } from '../../data/lowdb/lowdbKnowledgeStores.js';
import type { FeedbackStore } from '../../data/stores.js';
import { renderCase } from '../../dialogs/status/timeline.js';
import { text } from '../../dialogs/text/index.js';
import { newCase, testIdNumber } from '../fixtures/cases.js';
import { FakeClock, serveRoutes, shippedKnowledge, tempDir } from '../support.js';
import { useCasesFor } from '../useCases.js';

const PASSWORD = 'desk-pass-1001';
const ADMIN = 'test-admin-token';
const HAN = /[\u4e00-\u9fff]/;

interface Served {
  base: string;
  dir: string;
  close(): Promise<void>;
  feedback: FeedbackStore;
  cases: CaseStore;
  calls: CallStore;
  agents: AgentStore;
  access: AuditedAccess;
  clock: FakeClock;
}

/** The console's routes over lowdb stores in `dir` (a second serve of the same dir is a restart), with agents 1001, 1002 and supervisor boss. */
export async function serve(dir = tempDir()): Promise<Served> {
  const feedback = await LowdbFeedbackStore.open(dir);
  const cases = await LowdbCaseStore.open(dir);
  const calls = await LowdbCallStore.open(dir);
  const agents = await LowdbAgentStore.open(dir);
  const clock = new FakeClock();
  for (const [name, role] of [['1001', 'agent'], ['1002', 'agent'], ['boss', 'supervisor']] as const) {
    await createAccount(agents, { name, password: PASSWORD, role }, 'test', clock.now());
  }
  const { access } = await useCasesFor(dir, cases, clock);
  const { base, close } = await serveRoutes((server) => {
    registerAgentConsole(server, { auth: new AgentAuth(agents, clock), feedback, cases, access, calls, clock, region: shippedKnowledge().region, kb: shippedKnowledge().kb });
    registerKnowledgeAdmin(server, adminGuard(ADMIN), { unanswered: { record: async () => ({}) as never, list: async () => [] }, feedback });
    registerAgentAccounts(server, adminGuard(ADMIN), agents, clock);
  });
  return { base, dir, close, feedback, cases, calls, agents, access, clock };
}

type Auth = { cookie?: string; bearer?: string } | null;

function request(base: string, method: string, path: string, body?: unknown, auth: Auth = null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (auth?.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth?.cookie) headers.cookie = auth.cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}

async function errorOf(res: Response): Promise<string> {
  const { error } = (await res.json()) as { error: string };
  expect(error).to.be.a('string');
  return error;
}

/** Logs in and returns the `name=value` pair to send back as a Cookie header. */
export async function login(base: string, name = '1001', password = PASSWORD): Promise<string> {
  const res = await request(base, 'POST', '/api/agent/login', { name, password });
  expect(res.status).to.equal(200);
  const cookie = res.headers.getSetCookie()[0];
  return cookie.split(';')[0];
}

/** Logs in and returns the session token, for `Authorization: Bearer`. */
async function bearerOf(base: string, name = '1001'): Promise<string> {
  return ((await (await request(base, 'POST', '/api/agent/login', { name, password: PASSWORD })).json()) as { token: string }).token;
}

const AGENT_APIS: [method: string, path: string, body?: unknown][] = [
  ['POST', '/api/agent/feedback', { entryId: 'cert-new-how', question: '残疾证怎么办', helpful: true }],
  ['GET', '/api/agent/cases/YC202611200001'],
  ['POST', '/api/agent/cases/YC202611200001/reveal', { reason: '本人来电核对' }],
  ['POST', '/api/agent/calls', { callerPhone: '13912345678', category: '咨询', question: '问', answer: '答', followUpNeeded: false }],
  ['GET', '/api/agent/calls?followUp=pending'],
  ['GET', '/api/agent/calls/LD202611200001'],
  ['POST', '/api/agent/calls/LD202611200001/done', {}],
];

describe('agent console: accounts and login', () => {
  let s: Served;
  beforeEach(async () => (s = await serve()));
  afterEach(() => s.close());

  it('sets an HttpOnly, SameSite=Strict session cookie for the right name and password', async () => {
    const res = await request(s.base, 'POST', '/api/agent/login', { name: '1001', password: PASSWORD });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { token: string };
    expect(body).to.deep.equal({ agent: '1001', displayName: '1001', role: 'agent', token: body.token, expiresAt: new Date(s.clock.now().getTime() + AGENT_SESSION_MS).toISOString() });
    const cookies = res.headers.getSetCookie();
    expect(cookies).to.have.length(1);
    const [pair, ...attributes] = cookies[0].split(';').map((p) => p.trim());
    expect(pair).to.equal(`onevisit_agent=${body.token}`);
    expect(body.token).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(attributes).to.include.members(['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=28800']);
    expect(res.headers.get('cache-control')).to.equal('no-store');

    const session = await request(s.base, 'GET', '/api/agent/session', undefined, { cookie: pair });
    expect(await session.json()).to.deep.equal({ loggedIn: true, agent: '1001', displayName: '1001', role: 'agent' });
    expect(await (await request(s.base, 'GET', '/api/agent/session')).json()).to.deep.equal({ loggedIn: false });
    expect(await (await request(s.base, 'GET', '/api/agent/session', undefined, { bearer: body.token })).json()).to.deep.include({ agent: '1001' });
    expect(attributes).not.to.include('Secure');
    // Each login gets its own token; behind an HTTPS proxy the cookie is Secure too.
    expect(await login(s.base)).not.to.equal(pair);
    const proxied = await fetch(`${s.base}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ name: '1001', password: PASSWORD }),
    });
    expect(proxied.headers.getSetCookie()[0].split('; ')).to.include('Secure');
  });

  it('stores only the hash of the password and of each session token', async () => {
    const token = await bearerOf(s.base);
    const account = (await s.agents.get('1001'))!;
    expect(account.passwordHash).to.match(/^scrypt\$16384\$8\$1\$/);
    expect(account.passwordHash).not.to.include(PASSWORD);
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = readdirSync(join(s.dir, 'agents'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const stored = files.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')).join('');
    expect(stored).to.include('1001');
    expect(stored).not.to.include(token);
    expect(stored).not.to.include(PASSWORD);
  });

  it('refuses a wrong password or unknown name (401) and bad bodies (400), in Chinese', async () => {
    const wrong = await request(s.base, 'POST', '/api/agent/login', { name: '1001', password: 'nope-nope' });
    expect(wrong.status).to.equal(401);
    expect(wrong.headers.getSetCookie()).to.deep.equal([]);
    expect(await errorOf(wrong)).to.match(HAN);
    expect((await request(s.base, 'POST', '/api/agent/login', { name: 'nobody', password: PASSWORD })).status).to.equal(401);
    for (const body of ['{', '', '[]', '"x"', { name: '1001' }, { token: 'x' }, { name: '1001', password: 1 }, { name: '1001', password: PASSWORD, extra: 1 }, { name: '', password: PASSWORD }]) {
      const res = await request(s.base, 'POST', '/api/agent/login', body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(await errorOf(res), JSON.stringify(body)).to.match(HAN);
    }
  });

  it('locks an account for 15 minutes after 5 wrong passwords, whatever address they come from, across a restart', async () => {
    for (let i = 0; i < 4; i++) expect((await request(s.base, 'POST', '/api/agent/login', { name: '1001', password: `guess-${i}-xx` })).status).to.equal(401);
    const fifth = await request(s.base, 'POST', '/api/agent/login', { name: '1001', password: 'guess-4-xx' });
    expect(fifth.status).to.equal(429);
    expect(Number(fifth.headers.get('retry-after'))).to.equal(15 * 60);
    // The right password is refused while locked, and another agent is not affected.
    expect((await request(s.base, 'POST', '/api/agent/login', { name: '1001', password: PASSWORD })).status).to.equal(429);
    await login(s.base, '1002');
    // The lock is in the store: a restarted server keeps it.
    await s.close();
    s = await serve(s.dir);
    expect((await request(s.base, 'POST', '/api/agent/login', { name: '1001', password: PASSWORD })).status).to.equal(429);
    s.clock.advance(15 * 60 * 1000);
    await login(s.base, '1001');
  });

  it('requires a session (cookie or bearer) on every agent API (401), and accepts either', async () => {
    const cookie = await login(s.base, '1001');
    const token = await bearerOf(s.base, '1001');
    for (const [method, path, body] of AGENT_APIS) {
      for (const auth of [null, { bearer: 'wrong' }, { cookie: 'onevisit_agent=forged' }, { bearer: `${token}x` }]) {
        const res = await request(s.base, method, path, body, auth);
        expect(res.status, `${method} ${path} ${JSON.stringify(auth)}`).to.equal(401);
        expect(res.headers.get('www-authenticate')).to.equal('Bearer');
        expect(await errorOf(res)).to.match(HAN);
      }
      for (const auth of [{ cookie }, { bearer: token }]) {
        const res = await request(s.base, method, path, body, auth);
        expect(res.status, `${method} ${path} ${JSON.stringify(auth)}`).not.to.be.oneOf([401, 403]);
      }
      // Two wrong bearer tokens per route: past the window before the next route adds its own.
      s.clock.advance(15 * 60 * 1000);
    }
  });

  it('ends a session at logout and after 8 hours, kept across a restart until then', async () => {
    const first = await login(s.base);
    const second = await login(s.base);
    const out = await request(s.base, 'POST', '/api/agent/logout', undefined, { cookie: first });
    expect(out.status).to.equal(200);
    expect(out.headers.getSetCookie()[0]).to.match(/^onevisit_agent=; .*Max-Age=0/);
    const works = async (cookie: string) => (await request(s.base, 'GET', '/api/agent/calls', undefined, { cookie })).status;
    expect(await works(first)).to.equal(401);
    expect(await works(second)).to.equal(200);
    const clock = s.clock.now();
    await s.close();
    s = await serve(s.dir);
    s.clock.advance(clock.getTime() - s.clock.now().getTime() + AGENT_SESSION_MS - 1000);
    expect(await works(second)).to.equal(200);
    s.clock.advance(1000);
    expect(await works(second)).to.equal(401);
    expect(await (await request(s.base, 'GET', '/api/agent/session', undefined, { cookie: second })).json()).to.deep.equal({ loggedIn: false });
  });

  it('counts wrong bearer tokens on every agent API per source address, an open session working on', async () => {
    const cookie = await login(s.base, '1001');
    const token = await bearerOf(s.base, '1002');
    for (let i = 0; i < 10; i++) {
      const [method, path, body] = AGENT_APIS[i % AGENT_APIS.length];
      expect((await request(s.base, method, path, body, { bearer: `guess-${i}` })).status).to.equal(401);
    }
    const locked = await request(s.base, 'GET', '/api/agent/calls', undefined, { bearer: token });
    expect(locked.status).to.equal(429);
    expect(Number(locked.headers.get('retry-after'))).to.be.within(1, 15 * 60);
    // A session already open in the page goes on working: the lockout stops guessing, not the agents at work.
    expect((await request(s.base, 'GET', '/api/agent/calls', undefined, { cookie })).status).to.equal(200);
    s.clock.advance(15 * 60 * 1000);
    expect((await request(s.base, 'GET', '/api/agent/calls', undefined, { bearer: token })).status).to.equal(200);
  });

  it('creates accounts through the admin API only, checked, never showing the hash', async () => {
    const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const post = (body: unknown, headers: Record<string, string> = admin) => fetch(`${s.base}/api/admin/agents`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect((await post({ name: 'w2001', password: 'long-enough-1', role: 'agent' }, { 'content-type': 'application/json' })).status).to.equal(401);
    const made = await post({ name: 'w2001', displayName: '张三', password: 'long-enough-1', role: 'supervisor' });
    expect(made.status).to.equal(201);
    const { account } = (await made.json()) as { account: Record<string, unknown> };
    expect(account).to.deep.equal({ name: 'w2001', displayName: '张三', role: 'supervisor', createdAt: s.clock.now().toISOString(), createdBy: 'admin' });
    expect((await post({ name: 'w2001', password: 'long-enough-1', role: 'agent' })).status).to.equal(409);
    for (const body of [{ name: 'w 1', password: 'long-enough-1', role: 'agent' }, { name: 'w2002', password: 'short', role: 'agent' }, { name: 'w2002', password: 'long-enough-1', role: 'boss' }, { name: 'w2002', role: 'agent' }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(await errorOf(res)).to.match(HAN);
    }
    const list = await (await fetch(`${s.base}/api/admin/agents`, { headers: admin })).text();
    expect(list).not.to.include('scrypt');
    expect((JSON.parse(list) as { accounts: { name: string }[] }).accounts.map((a) => a.name)).to.deep.equal(['1001', '1002', 'boss', 'w2001']);
    await login(s.base, 'w2001', 'long-enough-1');
  });
});

describe('agent console APIs', () => {
  let s: Served;
  let cookie: string;
  let record: CaseRecord;
  const idNumber = testIdNumber(31, '1958-03-09');

  beforeEach(async () => {
    s = await serve();
    cookie = await login(s.base, '1001');
    record = await s.cases.create(
      newCase({
        applicant: { name: '王建国', idNumber, phone: '13912345678' },
        guardian: { name: '王小红', idNumber: testIdNumber(7, '1985-06-01'), relation: '女儿' },
      }),
      new Date('2026-11-01T02:00:00Z'),
    );
  });
  afterEach(() => s.close());

  const as = (method: string, path: string, body?: unknown) => request(s.base, method, path, body, { cookie });

  describe('feedback', () => {
    it('records 用了这个 / 不准确 with channel agent, a question holding personal data left out, and curators see it', async () => {
      const used = await as('POST', '/api/agent/feedback', { entryId: 'care-allowance-eligibility', question: '护理补贴谁能领', helpful: true });
      expect(used.status).to.equal(201);
      const wrong = await as('POST', '/api/agent/feedback', { entryId: 'cert-new-how', question: ' 来电 13912345678 问残疾证怎么办 ', helpful: false });
      expect(wrong.status).to.equal(201);
      const at = s.clock.now().toISOString();
      expect(await s.feedback.recent(10)).to.deep.equal([
        { entryId: 'cert-new-how', helpful: false, channel: 'agent', at },
        { entryId: 'care-allowance-eligibility', helpful: true, channel: 'agent', question: '护理补贴谁能领', at },
      ]);
      const admin = await fetch(`${s.base}/api/admin/feedback`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const { entries } = (await admin.json()) as { entries: { entryId: string; helpful: number; notHelpful: number }[] };
      expect(entries.map(({ entryId, helpful, notHelpful }) => ({ entryId, helpful, notHelpful }))).to.deep.equal([
        { entryId: 'cert-new-how', helpful: 0, notHelpful: 1 },
        { entryId: 'care-allowance-eligibility', helpful: 1, notHelpful: 0 },
      ]);
    });

    it('rejects bad bodies with 400 and a Chinese message, recording nothing', async () => {
      const cases: [unknown, RegExp][] = [
        ['{not json', /JSON/],
        ['', /为空/],
        [[], /JSON 对象/],
        [{ entryId: 'cert-new-how', question: '残疾证怎么办' }, /缺少是否有用/],
        [{ entryId: 'cert-new-how', question: '残疾证怎么办', helpful: 'yes' }, /是否有用（helpful）应是true 或 false/],
        [{ entryId: 'cert-new-how', question: '   ', helpful: true }, /问题（question）不能为空/],
        [{ entryId: 'Cert New', question: '残疾证怎么办', helpful: true }, /知识条目编号/],
        [{ entryId: 'no-such-entry', question: '残疾证怎么办', helpful: true }, /没有编号为 no-such-entry 的知识条目/],
        [{ entryId: 'cert-new-how', question: '残疾证怎么办', helpful: true, score: 1 }, /不认识的字段：score/],
        [{ entryId: 'cert-new-how', question: '问'.repeat(1001), helpful: true }, /太长/],
      ];
      for (const [body, message] of cases) {
        const res = await as('POST', '/api/agent/feedback', body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(await errorOf(res), JSON.stringify(body)).to.match(message);
      }
      expect(await s.feedback.recent(10)).to.deep.equal([]);
    });
  });

  describe('case lookup', () => {
    it('shows the case masked by default: stage, items, timeline', async () => {
      const res = await as('GET', `/api/agent/cases/${record.caseNo.toLowerCase()}`);
      expect(res.status).to.equal(200);
      const raw = await res.text();
      const { case: view } = JSON.parse(raw) as { case: Record<string, unknown> };
      expect(view).to.deep.include({
        caseNo: record.caseNo,
        status: 'submitted',
        statusName: '已提交',
        stage: 'submitted',
        masked: true,
        applicant: { name: '王*国', idNumber: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`, phone: '139****5678' },
        submittedBy: { role: 'proxy', relation: '女儿' },
      });
      expect(view.items).to.deep.equal([
        { id: 'cert-new', name: '残疾人证新办', department: '残联', status: 'submitted', statusName: '已提交，待预审' },
        { id: 'living-allowance', name: '困难残疾人生活补贴', department: '民政', status: 'queued', statusName: '等办证后审批', reason: '残疾人证核发后自动办理' },
        { id: 'care-allowance', name: '重度残疾人护理补贴', department: '民政', status: 'queued', statusName: '等办证后审批', reason: '残疾人证核发后自动办理' },
      ]);
      expect(view.timeline).to.deep.equal([{ at: record.createdAt, action: 'submit', actionName: '提交申请', by: text.status.agentBy.proxy, to: 'submitted' }]);
      for (const secret of [idNumber, '13912345678', '王建国', '王小红', '示例路', 'conv-test-1', 'test:user-1']) expect(raw).not.to.include(secret);
    });

    it('names every step a case records from the catalogue, and staff as 工作人员, never a raw key', () => {
      // Every action the workflow, the case events and the privacy and materials use cases write.
      const events = Object.keys(CASE_EVENTS).filter((e) => !['material-receive', 'material-decide'].includes(e));
      const written = [...ACTIONS, ...events, 'material-received', 'material-accepted', 'material-rejected', 'export', 'erase', 'erase-forced'];
      const names = { ...text.status.actionNames, ...text.status.agentActionNames };
      expect(written.filter((action) => !names[action])).to.deep.equal([]);
      const at = record.createdAt;
      const shown = [
        { at, by: 'staff:li', action: 'start_review' },
        { at, by: 'admin:zhang', action: 'material-accepted' },
        { at, by: 'chat:test:relative', action: 'family-check' },
        { at, by: 'system', action: 'retired-step' },
      ].map((e) => timelineEntry(e, shippedKnowledge().region)).map(({ actionName, by }) => `${actionName}（${by}）`);
      expect(shown).to.deep.equal([
        `${names.start_review}（${text.status.agentBy.staff('li')}）`,
        `${names['material-accepted']}（${text.status.agentBy.staff('zhang')}）`,
        `${names['family-check']}（${text.status.agentBy.family}）`,
        `${text.status.agentActionOther}（${text.status.agentBy.system}）`,
      ]);
    });

    it('names a relative\'s family check in words, done by the relative, never the raw key or the applicant (trial 13 #9)', async () => {
      s.clock.advance(60_000);
      await s.access.recordFamilyCheck(record.caseNo, 'test:relative');
      await s.access.recordFamilyLock(record.caseNo, 'test:stranger');
      const { case: view } = (await (await as('GET', `/api/agent/cases/${record.caseNo}`)).json()) as { case: { timeline: { action: string; actionName: string; by: string }[] } };
      expect(view.timeline.slice(1).map(({ actionName, by }) => `${actionName}（${by}）`)).to.deep.equal([
        `${text.status.agentActionNames['family-check']}（${text.status.agentBy.family}）`,
        `${text.status.agentActionNames['family-check-locked']}（${text.status.agentBy.family}）`,
      ]);
    });

    it('reveals the applicant in full only with a reason, and audits every reveal', async () => {
      const bad = await as('POST', `/api/agent/cases/${record.caseNo}/reveal`, {});
      expect(bad.status).to.equal(400);
      expect(await errorOf(bad)).to.include('缺少查看原因');
      expect((await as('POST', `/api/agent/cases/${record.caseNo}/reveal`, { reason: '核' })).status).to.equal(400);
      expect((await s.cases.get(record.caseNo))!.audit).to.have.length(1);

      s.clock.advance(60_000);
      const other = await login(s.base, '1002');
      const res = await request(s.base, 'POST', `/api/agent/cases/${record.caseNo}/reveal`, { reason: '本人来电核对地址' }, { cookie: other });
      expect(res.status).to.equal(200);
      const revealed = (await res.json()) as { caseNo: string; applicant: unknown; guardian: unknown; entry: unknown };
      const entry = { at: s.clock.now().toISOString(), by: 'agent:1002', action: 'agent-reveal', note: '本人来电核对地址', from: 'submitted', to: 'submitted' };
      // The console adds the step as the timeline shows it: named and attributed in the catalogue's words.
      const shown = { at: entry.at, action: 'agent-reveal', actionName: '坐席查看完整信息', by: '坐席 1002', from: 'submitted', to: 'submitted', note: '本人来电核对地址' };
      // Only the step as shown: the raw audit entry is no part of the answer.
      expect(revealed).to.deep.equal({ caseNo: record.caseNo, applicant: record.applicant, guardian: record.guardian, entry: shown });
      const stored = (await s.cases.get(record.caseNo))!;
      expect(stored.audit.slice(1)).to.deep.equal([entry]);
      expect(stored.status).to.equal('submitted');

      // The agent is the one logged in, never a name in the body; the masked view lists the reveals.
      await as('POST', `/api/agent/cases/${record.caseNo}/reveal`, { reason: '家属来电，核对后告知进度' });
      const audit = (await s.cases.get(record.caseNo))!.audit;
      expect(audit.map((e) => `${e.action} ${e.by}`)).to.deep.equal(['submit chat:user-1', 'agent-reveal agent:1002', 'agent-reveal agent:1001']);
      const { case: view } = (await (await as('GET', `/api/agent/cases/${record.caseNo}`)).json()) as { case: { timeline: { actionName: string; by: string; note?: string }[] } };
      expect(view.timeline.slice(1)).to.deep.equal([
        { at: entry.at, action: 'agent-reveal', actionName: '坐席查看完整信息', by: '坐席 1002', from: 'submitted', to: 'submitted', note: '本人来电核对地址' },
        { at: entry.at, action: 'agent-reveal', actionName: '坐席查看完整信息', by: '坐席 1001', from: 'submitted', to: 'submitted', note: '家属来电，核对后告知进度' },
      ]);

      const named = await as('POST', `/api/agent/cases/${record.caseNo}/reveal`, { agent: '9999', reason: '本人来电核对' });
      expect(named.status).to.equal(400);
      expect(await errorOf(named)).to.include('不认识的字段：agent');
    });

    it('says appraisal sessions in words, never as slot ids, and shows no booking on a closed case', async () => {
      const [first, second] = shippedKnowledge().region.hospitals;
      const booked = { bookingId: 'BK1', slotId: `${first.id}:2026-12-01:am`, hospitalId: first.id, date: '2026-12-01', part: 'am' as const, remindOn: '2026-11-30' };
      await s.cases.update(record.caseNo, (c) => void (c.appointment = booked), { by: 'chat:user-1', action: 'appointment-book', note: booked.slotId }, s.clock.now());
      const moved = `${second.id}:2026-12-08:pm`;
      await s.cases.update(record.caseNo, (c) => void (c.appointment = { ...booked, slotId: moved, hospitalId: second.id, date: '2026-12-08', part: 'pm' }), { by: 'chat:user-1', action: 'appointment-reschedule', note: moved }, s.clock.now());

      const raw = await (await as('GET', `/api/agent/cases/${record.caseNo}`)).text();
      const { case: view } = JSON.parse(raw) as { case: { appointment: { words: string }; timeline: { action: string; note?: string }[] } };
      expect(raw).not.to.match(/[a-z0-9-]+:\d{4}-\d{2}-\d{2}:(am|pm)/);
      expect(raw).not.to.include('BK1');
      expect(view.appointment.words).to.equal(`2026年12月8日 下午，${second.name}`);
      expect(view.timeline.slice(1).map((e) => [e.action, e.note])).to.deep.equal([
        ['appointment-book', `2026年12月1日 上午，${first.name}`],
        ['appointment-reschedule', `2026年12月8日 下午，${second.name}`],
      ]);

      // Every item decided (here refused): the case closes with its booking still on record.
      const refuse = (c: CaseRecord) => c.items.forEach((i) => Object.assign(i, { status: 'rejected', reason: '不符合条件' }));
      await s.cases.update(record.caseNo, refuse, { by: 'staff:admin', action: 'reject_item' }, s.clock.now());
      expect((await s.cases.get(record.caseNo))!.appointment).to.deep.include({ date: '2026-12-08' });
      const { case: closed } = (await (await as('GET', `/api/agent/cases/${record.caseNo}`)).json()) as { case: Record<string, unknown> };
      expect(closed.status).to.equal('closed');
      expect(closed).not.to.have.property('appointment');
    });

    it('finds a case typed without its YC, or spaced and dashed, as the chat does (trial 12)', async () => {
      for (const typed of [record.caseNo.slice(2), `yc ${record.caseNo.slice(2, 8)}-${record.caseNo.slice(8)}`]) {
        const res = await as('GET', `/api/agent/cases/${encodeURIComponent(typed)}`);
        expect(res.status, typed).to.equal(200);
        expect(((await res.json()) as { case: { caseNo: string } }).case.caseNo).to.equal(record.caseNo);
      }
      const bad = await as('GET', '/api/agent/cases/2026113000');
      expect(bad.status).to.equal(400);
      expect(await errorOf(bad)).to.include('办件编号格式不对');
    });

    it('tells the next step the chat tells the applicant, worded for the agent: a home appraisal waits for the hospital\'s call (trial 12)', async () => {
      const nextOf = async () => ((await (await as('GET', `/api/agent/cases/${record.caseNo}`)).json()) as { case: { next: string } }).case.next;
      const at = s.clock.now();
      await s.cases.update(record.caseNo, (c) => void (c.stage = 'appraisal_scheduled'), { by: 'staff:li', action: 'pass_review' }, at);
      expect(await nextOf()).to.equal(text.status.agentNext.appraisal_book);
      await s.cases.update(record.caseNo, (c) => void (c.homeAppraisal = { requestedAt: at.toISOString(), reason: '卧床' }), { by: 'chat:user-1', action: 'home-appraisal-request' }, at);
      const home = await nextOf();
      expect(home).to.equal(text.status.agentNext.appraisal_home).and.not.include('预约鉴定');
      const chat = renderCase((await s.cases.get(record.caseNo))!);
      expect(chat).to.include(text.status.next.appraisal_home).and.not.include(text.status.next.appraisal_book);
    });

    it('answers 404 for an unknown case, looked up or revealed', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/agent/cases/YC209901010001'],
        ['POST', '/api/agent/cases/YC209901010001/reveal', { reason: '本人来电核对' }],
      ] as const) {
        const res = await as(method, path, body);
        expect(res.status).to.equal(404);
        expect(await errorOf(res)).to.include('YC209901010001');
      }
    });
  });

  describe('call records', () => {
    const call = (extra: Record<string, unknown> = {}) => ({
      callerPhone: '139 1234 5678',
      category: '咨询',
      question: '护理补贴怎么领？身份证 11010519491231002X',
      answer: '一级、二级重度残疾人可以申请护理补贴。',
      followUpNeeded: true,
      ...extra,
    });

    it('records a call, lists the pending follow-ups masked, and marks one done once', async () => {
      const first = await as('POST', '/api/agent/calls', call());
      expect(first.status).to.equal(201);
      const { call: a } = (await first.json()) as { call: { id: string } };
      expect(a).to.deep.equal({
        id: 'LD202611200001',
        at: s.clock.now().toISOString(),
        // The caller's number is kept to call back; an ID number in the notes is not.
        ...call({ callerPhone: '13912345678', question: '护理补贴怎么领？身份证 110***********002X' }),
        agent: '1001',
      });
      s.clock.advance(60_000);
      const other = await login(s.base, '1002');
      const b = ((await (await request(s.base, 'POST', '/api/agent/calls', call({ callerPhone: '0571-87654321', category: '投诉' }), { cookie: other })).json()) as { call: { id: string } }).call;
      await as('POST', '/api/agent/calls', call({ followUpNeeded: false }));

      const pending = await as('GET', '/api/agent/calls?followUp=pending');
      expect(pending.status).to.equal(200);
      const raw = await pending.text();
      const { calls } = JSON.parse(raw) as { calls: { id: string; callerPhone: string; question: string; agent: string; category: string }[] };
      expect(calls.map((c) => [c.id, c.callerPhone, c.category, c.agent])).to.deep.equal([
        [a.id, '139****5678', '咨询', '1001'],
        [b.id, '057*-****4321', '投诉', '1002'],
      ]);
      expect(calls[0].question).to.equal('护理补贴怎么领？身份证 110***********002X');
      for (const secret of ['13912345678', '87654321', '11010519491231002X']) expect(raw).not.to.include(secret);
      expect((((await (await as('GET', '/api/agent/calls')).json()) as { calls: unknown[] }).calls)).to.have.length(3);

      // One call in full, for the call-back.
      const one = await as('GET', `/api/agent/calls/${b.id}`);
      expect(((await one.json()) as { call: { callerPhone: string } }).call.callerPhone).to.equal('0571-87654321');

      s.clock.advance(60_000);
      const done = await as('POST', `/api/agent/calls/${a.id}/done`, { note: '已回电说明' });
      expect(done.status).to.equal(200);
      expect(((await done.json()) as { call: { followUp: unknown } }).call.followUp).to.deep.equal({ doneBy: '1001', doneAt: s.clock.now().toISOString(), note: '已回电说明' });
      const after = (await (await as('GET', '/api/agent/calls?followUp=pending')).json()) as { calls: { id: string }[] };
      expect(after.calls.map((c) => c.id)).to.deep.equal([b.id]);
      const doneList = (await (await as('GET', '/api/agent/calls?followUp=done')).json()) as { calls: { id: string }[] };
      expect(doneList.calls.map((c) => c.id)).to.deep.equal([a.id]);

      const again = await as('POST', `/api/agent/calls/${a.id}/done`, {});
      expect(again.status).to.equal(409);
      expect(await errorOf(again)).to.include('已经回访过了');
      const notNeeded = await as('POST', '/api/agent/calls/LD202611200003/done', {});
      expect(notNeeded.status).to.equal(409);
      for (const path of ['/api/agent/calls/LD209901010001/done', '/api/agent/calls/nonsense/done']) {
        const missing = await as('POST', path, {});
        expect(missing.status).to.equal(404);
        expect(await errorOf(missing)).to.match(HAN);
      }
      expect((await as('GET', '/api/agent/calls/LD209901010001')).status).to.equal(404);
    });

    it('rejects bad bodies and filters with 400 and a Chinese message, storing nothing', async () => {
      const cases: [unknown, RegExp][] = [
        ['{', /JSON/],
        // Typed wrong by the agent: said as the form names the field, no request jargon (trial 20: a landline without its area code).
        [call({ callerPhone: '12345' }), /^来电号码应是 11 位手机号/],
        [call({ callerPhone: '86123456' }), /^来电号码少了区号：固定电话请在前面加上区号（如 0571-87654321）$/],
        [call({ callerPhone: '8612 345' }), /^来电号码少了区号/],
        [call({ callerPhone: 13912345678 }), /来电号码（callerPhone）应是文字/],
        [call({ category: '闲聊' }), /分类（category）应是 咨询、求助、投诉、举报、建议、表扬、其他 之一/],
        [call({ followUpNeeded: 'yes' }), /需要回访（followUpNeeded）应是true 或 false/],
        [call({ followUpNeeded: undefined }), /缺少需要回访/],
        [call({ question: '' }), /问题（question）不能为空/],
        [call({ answer: '   ' }), /答复（answer）不能为空/],
        [call({ operator: 'x' }), /不认识的字段：operator/],
        [call({ agent: '1002' }), /不认识的字段：agent/],
      ];
      for (const [body, message] of cases) {
        const res = await as('POST', '/api/agent/calls', body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(await errorOf(res), JSON.stringify(body)).to.match(message);
      }
      expect(await s.calls.list()).to.deep.equal([]);

      for (const query of ['followUp=later', 'limit=0', 'limit=501', 'limit=x']) {
        const res = await as('GET', `/api/agent/calls?${query}`);
        expect(res.status, query).to.equal(400);
        expect(await errorOf(res)).to.match(HAN);
      }
      const doneBody = await as('POST', '/api/agent/calls/LD202611200001/done', { note: 1 });
      expect(doneBody.status).to.equal(400);
    });
  });
});

describe('agent console page', () => {
  it('serves the page, its script and style from the server, with a strict CSP', async () => {
    const s = await serve();
    try {
      const page = await fetch(`${s.base}/agent`);
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).to.include("script-src 'self'");
      const html = await page.text();
      expect(html).to.include('<html lang="zh-CN">');
      expect(html).to.include('<label for="question">来电问题</label>');
      expect(html).not.to.match(/https?:\/\//);
      const script = await fetch(`${s.base}/agent/console.js`);
      expect(script.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
      expect(await script.text()).to.include('/api/agent/suggest?q=');
      expect((await fetch(`${s.base}/agent/console.css`)).headers.get('content-type')).to.equal('text/css; charset=utf-8');
      expect((await fetch(`${s.base}/agent/`)).status).to.equal(200);
    } finally {
      await s.close();
    }
  });
});
