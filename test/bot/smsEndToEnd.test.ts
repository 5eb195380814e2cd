import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import type { App } from '../../bot/app.js';
import type { FakeTencentSms } from '../../scripts/fakes/tencentSms.js';
import { ConnectorStub } from '../connectorStub.js';
import { newCase, type NewCaseOverrides } from '../fixtures/cases.js';
import type { FakeClock } from '../support.js';
import { CREDENTIALS, startSmsApp, type SmsApp } from './delivery/smsFixture.js';

const ADMIN = 'admin-token-sms';
const CALLBACK = 'callback-token-sms';

/**
 * The whole path against the local fake of Tencent Cloud SMS: the app configured by SMS_*
 * environment variables, a staff action in the admin API, the scheduler's delivery, the
 * provider's callbacks.
 */
describe('SMS end to end (app, admin API, notifier, fake Tencent Cloud SMS)', function () {
  this.timeout(60_000);
  let rig: SmsApp;
  let fake: FakeTencentSms;
  let stub: ConnectorStub;
  let app: App;
  let base: string;
  let clock: FakeClock;

  before(async () => {
    ({ app, base, fake, clock } = rig = await startSmsApp({ adminToken: ADMIN }, { SMS_CALLBACK_TOKEN: CALLBACK }));
    stub = await ConnectorStub.start();
  });
  beforeEach(() => {
    fake.sent.length = 0;
    stub.received.length = 0;
  });
  after(async () => {
    await rig.close();
    await stub.close();
  });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const act = (caseNo: string, action: string) => post(`/api/admin/cases/${caseNo}/actions`, { action, by: '预审员1' }, { authorization: `Bearer ${ADMIN}` });
  const chat = (id: string, serviceUrl = stub.url) => ({ channelId: 'test', serviceUrl, conversation: { id } as ConversationAccount, user: { id: `u-${id}`, name: '' }, bot: { id: 'bot', name: '' } });
  // Each test its own phone: the rate limit and TD are per phone.
  let phone = '';
  beforeEach(function () {
    phone = `1391234${String(this.currentTest!.parent!.tests.indexOf(this.currentTest!)).padStart(4, '0')}`;
  });
  const fileCase = ({ applicant, ...fields }: NewCaseOverrides) => app.stores.cases.create(newCase({ applicant: { name: '王建国', phone, ...applicant }, ...fields }), clock.now());

  it('texts a window applicant when their case changes stage: the right template, parameters and a signature the fake verified', async () => {
    const record = await fileCase({ conversation: undefined, channel: 'window', submittedBy: { role: 'self', userKey: 'window:1' } });
    expect((await act(record.caseNo, 'start_review')).status).to.equal(200);
    const tick = await app.notifier.tick();
    expect(tick).to.include({ delivered: 1, dead: 0 });
    expect(fake.refused).to.deep.equal([]);
    expect(fake.sent.map((s) => [s.phone, s.templateId, s.params])).to.deep.equal([[`+86${phone}`, '2001001', ['王*国', record.caseNo, '残联预审中']]]);
    expect(fake.sent[0].text).to.include('回复TD退订').and.not.include('王建国');
    // The back office's outbox view shows the SMS with the phone masked.
    const listed = (await (await fetch(`${base}/api/admin/outbox?caseNo=${record.caseNo}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { rows: { sms: { phone: string } }[] };
    expect(listed.rows[0].sms.phone).to.equal(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    // The provider's receipt is recorded once, however often it is posted.
    const receipt = [{ user_receive_time: '2026-11-20 10:00:05', nationcode: '86', mobile: phone, report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: fake.sent[0].serialNo }];
    expect(await post(`/api/sms/tencent/receipts?token=${CALLBACK}`, receipt)).to.deep.equal({ status: 200, body: { result: 0, errmsg: 'OK' } });
    expect((await post(`/api/sms/tencent/receipts?token=${CALLBACK}`, receipt)).status).to.equal(200);
    expect((await post('/api/sms/tencent/receipts?token=wrong', receipt)).status).to.equal(401);
    expect((await post(`/api/sms/tencent/receipts?token=${CALLBACK}`, [{ sid: 1 }])).status).to.equal(400);
    expect((await app.stores.sms.message(fake.sent[0].serialNo))?.receipt).to.deep.equal({ status: 'delivered', code: 'DELIVRD', description: '用户短信送达成功', at: '2026-11-20T02:00:05.000Z' });
  });

  it('texts a chat applicant who chose 短信, and keeps the chat of one who chose the chat', async () => {
    const bySms = await fileCase({ conversation: chat('c-sms'), notifyBy: 'sms' });
    const byChat = await fileCase({ conversation: chat('c-chat'), notifyBy: 'chat', applicant: { phone: '13900002222' } });
    await act(bySms.caseNo, 'start_review');
    await act(byChat.caseNo, 'start_review');
    expect(await app.notifier.tick()).to.include({ delivered: 2 });
    expect(fake.sent.map((s) => s.params[1])).to.deep.equal([bySms.caseNo]);
    expect(stub.received.map((r) => r.conversationId)).to.deep.equal(['c-chat']);
  });

  it('falls back to SMS when the chat delivery fails for good', async () => {
    const record = await fileCase({ conversation: chat('c-gone', '') });
    await act(record.caseNo, 'start_review');
    expect(await app.notifier.tick()).to.include({ delivered: 1, dead: 0 });
    expect(fake.sent.map((s) => [s.phone, s.params[1]])).to.deep.equal([[`+86${phone}`, record.caseNo]]);
  });

  it('stops every SMS to a phone that replied TD', async () => {
    const record = await fileCase({ conversation: undefined, channel: 'window' });
    expect(await post(`/api/sms/tencent/replies?token=${CALLBACK}`, { extend: '', mobile: phone, nationcode: '86', sign: CREDENTIALS.signName, text: 'TD', time: 1763604000 })).to.deep.equal({
      status: 200,
      body: { result: 0, errmsg: 'OK' },
    });
    await act(record.caseNo, 'start_review');
    expect(await app.notifier.tick()).to.include({ delivered: 0, dead: 1 });
    expect(fake.sent).to.deep.equal([]);
    const [row] = await app.stores.outbox.list({ caseNo: record.caseNo, status: 'dead' });
    expect(row.lastError).to.include('TD');
  });

  it('reads an opt-out in people\'s words, and puts any other reply on the agents\' call-back list', async () => {
    const reply = (mobile: string, words: string) =>
      post(`/api/sms/tencent/replies?token=${CALLBACK}`, { extend: '', mobile, nationcode: '86', sign: CREDENTIALS.signName, text: words, time: 1763604000 });
    expect((await reply('13900000001', '我不想收了 别发了！')).status).to.equal(200);
    expect((await reply('13900000003', '不要再给我发短信了')).status).to.equal(200);
    expect((await reply('13900000002', '什么时候去鉴定啊？')).status).to.equal(200);
    expect(await app.stores.sms.isOptedOut('+8613900000001')).to.equal(true);
    expect(await app.stores.sms.isOptedOut('+8613900000003')).to.equal(true);
    expect(await app.stores.sms.isOptedOut('+8613900000002')).to.equal(false);
    const pending = await app.stores.calls.list({ followUp: 'pending' });
    expect(pending.map((c) => [c.callerPhone, c.question, c.followUpNeeded])).to.deep.equal([['13900000002', '短信回复：什么时候去鉴定啊？', true]]);
  });

  it('holds a second SMS to one phone in the same minute until the minute is over (deferred, not dropped)', async () => {
    const record = await fileCase({ conversation: undefined, channel: 'window' });
    await act(record.caseNo, 'start_review');
    await act(record.caseNo, 'pass_review');
    expect(await app.notifier.tick()).to.include({ delivered: 1, deferred: 1 });
    clock.advance(60_000);
    expect(await app.notifier.tick()).to.include({ delivered: 1, deferred: 0 });
    expect(fake.sent.map((s) => s.params[2])).to.have.length(2);
  });
});
