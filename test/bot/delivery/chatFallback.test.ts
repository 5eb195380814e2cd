import { expect } from 'chai';
import type { ConversationAccount } from 'botbuilder';
import type { App } from '../../../bot/app.js';
import { AccessTokens } from '../../../bot/channels/wechat/accessToken.js';
import { WechatApi } from '../../../bot/channels/wechat/api.js';
import { SERVICE_WINDOW_MS, WechatDelivery } from '../../../bot/channels/wechat/delivery.js';
import { SmsChannel } from '../../../bot/delivery/smsChannel.js';
import { silentLogger } from '../../../bot/logger.js';
import { Notifier } from '../../../bot/notifier.js';
import { MemoryOutboxStore } from '../../../data/memory/memoryOutboxStore.js';
import { MemorySmsStore } from '../../../data/memory/memorySmsStore.js';
import { MemoryWechatStore } from '../../../data/memory/memoryWechatStore.js';
import { FakeWechatPlatform } from '../../../scripts/bench/wechatFake.js';
import { chatHadItsTime, retryWait, type RetryPolicy } from '../../../bot/delivery/chatRetries.js';
import { loadConfig } from '../../../bot/config.js';
import { defaultBackoff } from '../../../bot/notifier.js';
import type { OutboxRow } from '../../../data/outbox.js';
import type { FakeTencentSms } from '../../../scripts/fakes/tencentSms.js';
import { ConnectorStub } from '../../connectorStub.js';
import { newCase } from '../../fixtures/cases.js';
import { FakeClock } from '../../support.js';
import { startFakeSms, startSmsApp, TEMPLATE_IDS, type SmsApp } from './smsFixture.js';

const MINUTE = 60_000;
const row = (sms: boolean, attempts = 0): OutboxRow => ({
  id: 'OB00000001',
  dedupeKey: 'k',
  conversation: { channelId: 'test' },
  recipient: 'applicant',
  text: 't',
  createdAt: '2026-11-20T02:00:00.000Z',
  dueAt: '2026-11-20T02:00:00.000Z',
  attempts,
  status: 'pending',
  ...(sms ? { sms: { phone: '13812345678', template: 'status', params: [] } } : {}),
});

describe('chat retries before the SMS fallback', () => {
  const policy: RetryPolicy = { maxAttempts: 8, backoff: defaultBackoff, fallbackAfterMs: 15 * MINUTE };
  const waits = (r: (attempts: number) => OutboxRow, p: RetryPolicy) => [1, 2, 3, 4, 5].map((n) => retryWait(r(n - 1), n, p) / MINUTE);

  it('retries a row that can fall back on the short schedule that ends at the fallback time, and then gives the chat up', () => {
    expect(waits((a) => row(true, a), policy).slice(0, 4)).to.deep.equal([1, 2, 4, 8]);
    expect([0, 1, 2, 3, 4].map((a) => chatHadItsTime(row(true, a), policy))).to.deep.equal([false, false, false, false, true]);
    const five = { ...policy, fallbackAfterMs: 5 * MINUTE };
    expect(waits((a) => row(true, a), five).slice(0, 3)).to.deep.equal([1, 2, 2]);
    // Past the fallback point (the SMS failed too) the usual backoff: no burst of attempts.
    expect(waits((a) => row(true, a), five).slice(3)).to.deep.equal([8, 16]);
    expect([0, 1, 2, 3].map((a) => chatHadItsTime(row(true, a), five))).to.deep.equal([false, false, false, true]);
  });

  it('keeps the long backoff for a row with nothing to fall back to, until its last attempt', () => {
    expect(waits((a) => row(false, a), policy)).to.deep.equal([1, 2, 4, 8, 16]);
    expect(chatHadItsTime(row(false, 6), policy)).to.equal(false);
    expect(chatHadItsTime(row(false, 7), policy)).to.equal(true);
  });

  it('reads CHAT_FALLBACK_MINUTES (15 by default, 1-1440)', () => {
    expect(loadConfig({}).chatFallbackMinutes).to.equal(15);
    expect(loadConfig({ CHAT_FALLBACK_MINUTES: '5' }).chatFallbackMinutes).to.equal(5);
    expect(() => loadConfig({ CHAT_FALLBACK_MINUTES: '0' })).to.throw(/CHAT_FALLBACK_MINUTES/);
  });
});

describe('SMS fallback when a chat delivery fails for good (app, connector stub, fake SMS, injected clock)', function () {
  this.timeout(60_000);
  let rig: SmsApp;
  let fake: FakeTencentSms;
  let stub: ConnectorStub;
  let app: App;
  let clock: FakeClock;
  let n = 0;

  before(async () => {
    ({ app, fake, clock } = rig = await startSmsApp());
    stub = await ConnectorStub.start();
  });
  beforeEach(() => {
    fake.sent.length = 0;
    stub.failWith = null;
  });
  after(async () => {
    await rig.close();
    await stub.close();
  });

  /** A chat applicant (updates by chat, SMS as the fallback) whose case has just entered pre-review. */
  async function updateWaiting(): Promise<{ caseNo: string; phone: string }> {
    const phone = `1371234${String(++n).padStart(4, '0')}`;
    const conversation = { channelId: 'test', serviceUrl: stub.url, conversation: { id: `c-${n}` } as ConversationAccount, user: { id: `u-${n}`, name: '' }, bot: { id: 'bot', name: '' } };
    const record = await app.stores.cases.create(newCase({ applicant: { name: '王建国', phone }, conversation }), clock.now());
    expect((await app.useCases.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:1' })).ok).to.equal(true);
    return { caseNo: record.caseNo, phone };
  }

  for (const status of [404, 403] as const) {
    it(`texts at once when the channel answers ${status} (the conversation is gone): no retries first`, async () => {
      const { caseNo, phone } = await updateWaiting();
      stub.failWith = status;
      expect(await app.notifier.tick()).to.include({ delivered: 1, failed: 0, dead: 0 });
      expect(fake.sent.map((s) => [s.phone, s.params[1]])).to.deep.equal([[`+86${phone}`, caseNo]]);
    });
  }

  it('retries a failing chat at 1, 2, 4 and 8 minutes, and texts at 15 minutes, once', async () => {
    const { caseNo, phone } = await updateWaiting();
    stub.failWith = 503;
    const start = clock.now().getTime();
    const dueAt = async () => (Date.parse((await app.stores.outbox.list({ caseNo }))[0].dueAt) - start) / MINUTE;
    expect(await app.notifier.tick()).to.include({ failed: 1, delivered: 0 });
    for (const due of [1, 3, 7, 15]) {
      expect(await dueAt()).to.equal(due);
      clock.advance(due * MINUTE - (clock.now().getTime() - start) - 1);
      expect(await app.notifier.tick(), `just before minute ${due}`).to.include({ failed: 0, delivered: 0 });
      clock.advance(1);
      const tick = await app.notifier.tick();
      if (due < 15) expect(tick, `minute ${due}`).to.include({ failed: 1, delivered: 0 });
      else expect(tick, 'minute 15').to.include({ delivered: 1, dead: 0 });
      if (due < 15) expect(fake.sent).to.deep.equal([]);
    }
    expect(fake.sent.map((s) => [s.phone, s.params[1]])).to.deep.equal([[`+86${phone}`, caseNo]]);
    clock.advance(60 * MINUTE);
    expect(await app.notifier.tick()).to.include({ delivered: 0, failed: 0 });
    expect(fake.sent).to.have.length(1);
  });
});

describe('SMS fallback for a WeChat follower the platform will not take a message for', () => {
  it('texts at once a follower who unsubscribed, or who last wrote more than 48 hours ago', async () => {
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
    const { fake, provider } = await startFakeSms(clock);
    try {
      const followers = new MemoryWechatStore();
      await followers.takePush({ key: 'm1', openId: 'oGone', effect: 'message' }, clock.now());
      await followers.takePush({ key: 'e1', openId: 'oGone', effect: 'unsubscribe' }, clock.now());
      await followers.takePush({ key: 'm2', openId: 'oQuiet', effect: 'message' }, new Date(clock.now().getTime() - SERVICE_WINDOW_MS - MINUTE));
      // Never called: both refusals are known before the platform is asked.
      const api = new WechatApi({ apiBase: 'http://127.0.0.1:9', tokens: new AccessTokens({ apiBase: 'http://127.0.0.1:9', appId: 'wx0', appSecret: 's', clock }) });
      const wechat = new WechatDelivery({ api, store: followers, clock });
      const outbox = new MemoryOutboxStore();
      const to = (openId: string, phone: string) => ({
        dedupeKey: openId, recipient: 'applicant', live: true, text: '工作人员：材料收到了。',
        conversation: { channelId: 'wechat', conversation: { id: openId } as ConversationAccount, user: { id: openId, name: '' } },
        sms: { phone, template: 'status' as const, params: ['王*国', 'YC202611200001', '残联预审中'] },
      });
      await outbox.enqueue([to('oGone', '13700000001'), to('oQuiet', '13700000002')], clock.now());
      const sms = new SmsChannel({ provider, store: new MemorySmsStore(), templateIds: TEMPLATE_IDS, limits: { perMinute: 1, perDay: 10 }, clock });
      const notifier = new Notifier({ adapter: undefined as never, outbox, clock, logger: silentLogger, quietHours: null, channels: { sms, wechat } });
      expect(await notifier.tick()).to.include({ delivered: 2, failed: 0, dead: 0 });
      expect(fake.sent.map((s) => s.phone)).to.deep.equal(['+8613700000001', '+8613700000002']);
    } finally {
      await fake.close();
    }
  });
});

describe('SMS fallback when the WeChat platform refuses a message for good', function () {
  this.timeout(30_000);

  it('texts at once on each errcode no retry can change, on the customer-service and template APIs; retries what may pass later', async () => {
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
    const { fake, provider } = await startFakeSms(clock);
    const platform = new FakeWechatPlatform({ appId: 'wx0', appSecret: 's' });
    const base = await platform.start();
    try {
      const followers = new MemoryWechatStore();
      const api = new WechatApi({ apiBase: base, tokens: new AccessTokens({ apiBase: base, appId: 'wx0', appSecret: 's', clock }) });
      const template = { id: 'TPL-1', fields: { caseNo: 'keyword1', name: 'keyword2', status: 'keyword3' } };
      const wechat = new WechatDelivery({ api, store: followers, clock, template });
      const outbox = new MemoryOutboxStore();
      const sms = new SmsChannel({ provider, store: new MemorySmsStore(), templateIds: TEMPLATE_IDS, limits: { perMinute: 100, perDay: 100 }, clock });
      const notifier = new Notifier({ adapter: undefined as never, outbox, clock, logger: silentLogger, quietHours: null, channels: { sms, wechat } });
      const to = (openId: string, phone: string, status: boolean) => ({
        dedupeKey: `${openId}:${status}`, recipient: 'applicant', caseNo: 'YC202611200001', text: '您的申请已通过预审。',
        conversation: { channelId: 'wechat', conversation: { id: openId } as ConversationAccount, user: { id: openId, name: '' } },
        sms: { phone, template: 'status' as const, params: ['王*国', 'YC202611200001', '残联预审中'] },
        ...(status ? { notice: { kind: 'status' as const, applicant: '王*国' } } : { live: true }),
      });
      const permanent = [40003, 40037, 43004, 43019, 43101, 45015, 45047, 48001];
      let n = 0;
      for (const code of permanent) {
        for (const status of [true, false]) {
          const openId = `o${code}`;
          await followers.takePush({ key: `m${n}`, openId, effect: 'message' }, clock.now());
          platform.refuse.set(openId, code);
          const phone = `137${String(++n).padStart(8, '0')}`;
          await outbox.enqueue([to(openId, phone, status)], clock.now());
          expect(await notifier.tick(), `${code} ${status ? 'template' : 'text'}`).to.include({ delivered: 1, failed: 0 });
          expect(fake.sent.at(-1)?.phone, String(code)).to.equal(`+86${phone}`);
        }
      }
      // Throttled (the daily quota) or busy: the chat is tried again, no SMS yet.
      for (const code of [45009, -1]) {
        const openId = `o${code}`;
        await followers.takePush({ key: `m${code}`, openId, effect: 'message' }, clock.now());
        platform.refuse.set(openId, code);
        await outbox.enqueue([to(openId, '13799999999', false)], clock.now());
        expect(await notifier.tick(), String(code)).to.include({ delivered: 0, failed: 1 });
      }
      expect(fake.sent).to.have.length(2 * permanent.length);
      expect(platform.sent).to.deep.equal([]);
    } finally {
      await platform.close();
      await fake.close();
    }
  });
});
