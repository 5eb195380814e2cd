import { expect } from 'chai';
import { deliverRow, type SendOutcome } from '../../../bot/delivery/channels.js';
import { SmsChannel } from '../../../bot/delivery/smsChannel.js';
import { MemorySmsStore } from '../../../data/memory/memorySmsStore.js';
import type { OutboxRow } from '../../../data/outbox.js';
import type { FakeTencentSms } from '../../../scripts/fakes/tencentSms.js';
import { FakeClock } from '../../support.js';
import { startFakeSms, TEMPLATE_IDS } from './smsFixture.js';

const row = (extra: Partial<OutboxRow> = {}): OutboxRow => ({
  id: 'OB00000001',
  dedupeKey: 'YC202611200001:audit-2:u1:sms',
  caseNo: 'YC202611200001',
  conversation: { channelId: 'sms' },
  recipient: 'applicant',
  text: '…',
  createdAt: '2026-11-20T02:00:00.000Z',
  dueAt: '2026-11-20T02:00:00.000Z',
  attempts: 0,
  status: 'pending',
  sms: { phone: '13812345678', template: 'status', params: ['王*国', 'YC202611200001', '残联预审中'] },
  ...extra,
});

describe('SmsChannel', () => {
  let fake: FakeTencentSms;
  let clock: FakeClock;
  let store: MemorySmsStore;
  let channel: SmsChannel;

  beforeEach(async () => {
    clock = new FakeClock();
    const started = await startFakeSms(clock);
    fake = started.fake;
    store = new MemorySmsStore();
    channel = new SmsChannel({ provider: started.provider, store, templateIds: TEMPLATE_IDS, limits: { perMinute: 1, perDay: 10 }, clock });
  });
  afterEach(() => fake.close());

  it('sends the row\'s template and parameters and keeps the message id for its receipt', async () => {
    expect(await channel.send(row())).to.deep.equal({ ok: true });
    expect(fake.sent.map((s) => [s.phone, s.templateId, s.params, s.context])).to.deep.equal([['+8613812345678', '2001001', ['王*国', 'YC202611200001', '残联预审中'], 'OB00000001']]);
    expect(await store.message(fake.sent[0].serialNo)).to.deep.include({ rowId: 'OB00000001', phone: '+8613812345678' });
  });

  it('defers a second SMS to the same phone within the minute until the minute is over, without calling the provider', async () => {
    await channel.send(row());
    clock.advance(20_000);
    const second = await channel.send(row({ id: 'OB00000002' }));
    expect(second).to.deep.include({ ok: false, permanent: false });
    expect((second as { deferUntil: Date }).deferUntil.toISOString()).to.equal('2026-11-20T02:01:00.000Z');
    expect(fake.sent).to.have.length(1);
  });

  it('sends nothing to a phone that replied TD, and keeps the provider\'s own unsubscribe', async () => {
    await store.optOut('+8613812345678', clock.now());
    expect(await channel.send(row())).to.deep.include({ ok: false, permanent: true });
    fake.blacklist.add('+8613900001111');
    const other = row({ sms: { phone: '13900001111', template: 'status', params: ['a', 'b', 'c'] } });
    expect(await channel.send(other)).to.deep.include({ ok: false, permanent: true });
    expect(await store.isOptedOut('+8613900001111')).to.equal(true);
    expect(fake.sent).to.have.length(0);
  });

  it('retries throttling and the provider\'s internal errors, gives up on a template not approved', async () => {
    fake.failNext('InternalError.Timeout');
    expect(await channel.send(row())).to.deep.include({ ok: false, permanent: false });
    clock.advance(60_000);
    fake.failNext('FailedOperation.TemplateIncorrectOrUnapproved');
    expect(await channel.send(row())).to.deep.include({ ok: false, permanent: true });
  });
});

describe('deliverRow: by the row\'s channel, with SMS when the chat fails for good', () => {
  const sent: string[] = [];
  const via = (name: string, outcome: SendOutcome) => ({ send: async () => (sent.push(name), outcome) });
  const failed = (permanent: boolean): SendOutcome => ({ ok: false, error: 'chat down', permanent });
  beforeEach(() => (sent.length = 0));
  const chatRow = (withSms = true) => row({ conversation: { channelId: 'directline', serviceUrl: 'http://x' }, ...(withSms ? {} : { sms: undefined }) });

  it('sends an SMS row by SMS, and a WeChat row by its own channel', async () => {
    const channels = { sms: via('sms', { ok: true }), wechat: via('wechat', { ok: true }) };
    const chat = async () => (sent.push('chat'), { ok: true } as SendOutcome);
    await deliverRow(row(), { chat, channels, chatHadItsTime: false });
    await deliverRow(row({ conversation: { channelId: 'wechat' } }), { chat, channels, chatHadItsTime: false });
    await deliverRow(chatRow(), { chat, channels, chatHadItsTime: false });
    expect(sent).to.deep.equal(['sms', 'wechat', 'chat']);
  });

  it('falls back to SMS on a permanent chat failure or a failed last attempt, not on a failure that will be retried', async () => {
    const channels = { sms: via('sms', { ok: true }) };
    expect(await deliverRow(chatRow(), { chat: async () => (sent.push('chat'), failed(false)), channels, chatHadItsTime: false })).to.deep.include({ ok: false });
    expect(await deliverRow(chatRow(), { chat: async () => (sent.push('chat'), failed(true)), channels, chatHadItsTime: false })).to.deep.equal({ ok: true });
    expect(await deliverRow(chatRow(), { chat: async () => (sent.push('chat'), failed(false)), channels, chatHadItsTime: true })).to.deep.equal({ ok: true });
    expect(await deliverRow(chatRow(false), { chat: async () => (sent.push('chat'), failed(true)), channels, chatHadItsTime: true })).to.deep.include({ ok: false, permanent: true });
    expect(sent).to.deep.equal(['chat', 'chat', 'sms', 'chat', 'sms', 'chat']);
  });

  it('says SMS is off for an SMS row when no provider is configured', async () => {
    expect(await deliverRow(row(), { chat: async () => ({ ok: true }), channels: {}, chatHadItsTime: false })).to.deep.include({ ok: false, permanent: true, error: 'SMS is off (SMS_* not configured)' });
  });
});
