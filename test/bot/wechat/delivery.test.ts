import { expect } from 'chai';
import { createAdapter } from '../../../bot/adapter.js';
import { attachmentPolicy } from '../../../bot/attachmentPolicy.js';
import { silentLogger } from '../../../bot/logger.js';
import type { SendOutcome } from '../../../bot/delivery/channels.js';
import { Notifier } from '../../../bot/notifier.js';
import { MemoryOutboxStore } from '../../../data/memory/memoryOutboxStore.js';
import { AccessTokens } from '../../../bot/channels/wechat/accessToken.js';
import { WechatApi } from '../../../bot/channels/wechat/api.js';
import { SERVICE_WINDOW_MS, WechatDelivery } from '../../../bot/channels/wechat/delivery.js';
import { MemoryWechatStore } from '../../../data/memory/memoryWechatStore.js';
import type { OutboxRow } from '../../../data/outbox.js';
import { FakeWechatPlatform } from '../../../scripts/bench/wechatFake.js';
import { SAMPLE_ID_NUMBER } from '../../fixtures/cases.js';
import { FakeClock, testConfig } from '../../support.js';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'secret-1' };

describe('WeChat access token', function () {
  this.timeout(20_000);
  let platform: FakeWechatPlatform;
  afterEach(() => platform.close());

  it('is fetched once for many concurrent callers, kept, and fetched again shortly before it expires', async () => {
    platform = new FakeWechatPlatform({ ...APP, tokenDelayMs: 50, expiresIn: 7200 });
    const clock = new FakeClock();
    const tokens = new AccessTokens({ apiBase: await platform.start(), ...APP, clock });
    const got = await Promise.all(Array.from({ length: 30 }, () => tokens.get()));
    expect(new Set(got)).to.deep.equal(new Set(['token-1']));
    expect(platform.tokenFetches).to.equal(1);
    clock.advance(7200_000 - 301_000);
    expect(await tokens.get()).to.equal('token-1');
    clock.advance(2000); // within the last 5 minutes
    const again = await Promise.all(Array.from({ length: 10 }, () => tokens.get()));
    expect(new Set(again)).to.deep.equal(new Set(['token-2']));
    expect(platform.tokenFetches).to.equal(2);
  });

  it('fetches a new token when the platform refuses the current one, once, and says why a wrong secret fails', async () => {
    platform = new FakeWechatPlatform(APP);
    const base = await platform.start();
    const api = new WechatApi({ apiBase: base, tokens: new AccessTokens({ apiBase: base, ...APP, clock: new FakeClock() }) });
    await api.sendText('oA', '一');
    platform.expireTokens();
    await api.sendText('oA', '二');
    expect(platform.textsTo('oA')).to.deep.equal(['一', '二']);
    expect(platform.tokenFetches).to.equal(2);
    const wrong = new AccessTokens({ apiBase: base, appId: APP.appId, appSecret: 'wrong', clock: new FakeClock() });
    let error: unknown;
    await wrong.get().catch((err: unknown) => (error = err));
    expect(String(error)).to.include('40125');
  });
});

describe('WeChat delivery of outbox rows (for the notifier)', function () {
  this.timeout(20_000);
  let platform: FakeWechatPlatform;
  let clock: FakeClock;
  let store: MemoryWechatStore;
  let delivery: (template?: boolean) => WechatDelivery;

  beforeEach(async () => {
    platform = new FakeWechatPlatform(APP);
    const base = await platform.start();
    clock = new FakeClock();
    store = new MemoryWechatStore();
    const api = new WechatApi({ apiBase: base, tokens: new AccessTokens({ apiBase: base, ...APP, clock }) });
    delivery = (template = true) =>
      new WechatDelivery({ api, store, clock, ...(template ? { template: { id: 'TPL-1', fields: { caseNo: 'keyword1', name: 'keyword2', status: 'keyword3' } } } : {}) });
  });
  afterEach(() => platform.close());

  const row = (fields: Partial<OutboxRow>): OutboxRow => ({
    id: 'r1', dedupeKey: 'k1', recipient: 'applicant', text: '你好', createdAt: clock.now().toISOString(), dueAt: clock.now().toISOString(), attempts: 0, status: 'pending',
    conversation: { channelId: 'wechat', conversation: { id: 'oA', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'oA', name: '' } },
    ...fields,
  });

  it('sends a status update as a template message from the row alone: case number, masked name, the update with numbers masked, never the ID number', async () => {
    const caseNo = 'YC202611200001';
    const update = row({ caseNo, notice: { kind: 'status', applicant: '王*国' }, text: `您的申请（${caseNo}）：残联已经开始预审了。登记的身份证 ${SAMPLE_ID_NUMBER}。` });
    // A template message needs no recent message from the follower.
    expect(await delivery().send(update)).to.deep.equal({ ok: true });
    const [sent] = platform.sent;
    expect(sent).to.deep.include({ kind: 'template', touser: 'oA', templateId: 'TPL-1' });
    expect(sent.data).to.deep.include({ keyword1: caseNo, keyword2: '王*国' });
    expect(sent.data!.keyword3).to.include('残联已经开始预审了');
    expect(JSON.stringify(sent)).to.not.include(SAMPLE_ID_NUMBER);
  });

  it('sends agents\' replies, reminders and buttons through the customer-service API within 48 hours of the follower\'s last message, else fails for good', async () => {
    await store.takePush({ key: 'm1', openId: 'oA', effect: 'message' }, clock.now());
    const reply = row({ text: '工作人员李：可以领。', live: true, from: '工作人员李', caseNo: 'YC202611200001' });
    // A reminder is told apart by the kind of notice the row is, whatever its dedupe key says.
    const reminder = row({ id: 'r2', caseNo: 'YC202611200001', dedupeKey: 'YC202611200001:audit-9:test:u', notice: { kind: 'reminder', applicant: '王*国' }, text: '提醒您：明天上午做评定。' });
    const rating = row({ id: 'r3', text: '给个评价吧', buttons: ['5分 非常满意', '不评价'] });
    for (const r of [reply, reminder, rating]) expect(await delivery().send(r)).to.deep.equal({ ok: true });
    expect(platform.textsTo('oA')).to.deep.equal(['工作人员李：可以领。', '提醒您：明天上午做评定。', '给个评价吧\n5分 非常满意\n2. 不评价']);
    clock.advance(SERVICE_WINDOW_MS + 1000);
    const late = await delivery().send(reply);
    expect(late).to.deep.include({ ok: false, permanent: true });
    // Without a template id, a status update needs the window too.
    expect(await delivery(false).send(row({ caseNo: 'YC202611200001', notice: { kind: 'status', applicant: '王*国' } }))).to.deep.include({ ok: false, permanent: true });
    expect(platform.sent).to.have.length(3);
  });

  it('sends nothing to a follower who unsubscribed; the platform\'s own refusals are permanent, its failures retried', async () => {
    await store.takePush({ key: 'm1', openId: 'oA', effect: 'message' }, clock.now());
    await store.takePush({ key: 'e1', openId: 'oA', effect: 'unsubscribe' }, clock.now());
    const update = row({ caseNo: 'YC202611200001', notice: { kind: 'status', applicant: '王*国' } });
    expect(await delivery().send(update)).to.deep.equal({ ok: false, error: 'the follower has unsubscribed', permanent: true });
    expect(await delivery().send(row({ live: true }))).to.deep.include({ ok: false, permanent: true });
    expect(platform.sent).to.deep.equal([]);

    await store.takePush({ key: 'm2', openId: 'oB', effect: 'message' }, clock.now());
    const toB = (fields: Partial<OutboxRow> = {}) => row({ conversation: { channelId: 'wechat', conversation: { id: 'oB', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'oB', name: '' } }, ...fields });
    platform.refuse.set('oB', 45015);
    expect(await delivery().send(toB({ live: true }))).to.deep.include({ ok: false, permanent: true });
    platform.refuse.set('oB', 43004);
    expect(await delivery().send(toB(update))).to.deep.include({ ok: false, permanent: true });
    platform.refuse.set('oB', 45009); // the API's daily limit: tomorrow will do
    expect(await delivery().send(toB({ live: true }))).to.deep.include({ ok: false, permanent: false });
    await platform.close();
    expect(await delivery().send(toB({ live: true }))).to.deep.include({ ok: false, permanent: false });
    platform = new FakeWechatPlatform(APP);
    await platform.start();
  });
});

describe('the notifier with WeChat rows', function () {
  this.timeout(20_000);

  it('hands WeChat rows to the WeChat delivery: delivered, or dead at once when it fails for good (for the fallback)', async () => {
    const clock = new FakeClock();
    const outbox = new MemoryOutboxStore();
    const sent: string[] = [];
    const wechat = {
      send: async (row: OutboxRow): Promise<SendOutcome> => {
        sent.push(row.text);
        return row.text === '到不了' ? { ok: false, error: 'the follower has unsubscribed', permanent: true } : { ok: true };
      },
    };
    const conversation = { channelId: 'wechat', serviceUrl: 'http://127.0.0.1:1/api/wechat', conversation: { id: 'oA', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'oA', name: '' } };
    await outbox.enqueue([{ dedupeKey: 'a', recipient: 'applicant', conversation, text: '送到了' }, { dedupeKey: 'b', recipient: 'applicant', conversation, text: '到不了' }], clock.now());
    const notifier = new Notifier({ adapter: createAdapter(testConfig(), silentLogger), outbox, clock, logger: silentLogger, quietHours: null, channels: { wechat } });
    expect(await notifier.tick()).to.deep.equal({ delivered: 1, failed: 0, dead: 1, deferred: 0 });
    expect(sent).to.deep.equal(['送到了', '到不了']);
    const [dead] = await outbox.list({ status: 'dead' });
    expect(dead).to.deep.include({ text: '到不了', lastError: 'the follower has unsubscribed' });
    // With the channel off, a WeChat row is dead at once rather than sent anywhere else.
    await outbox.enqueue([{ dedupeKey: 'c', recipient: 'applicant', conversation, text: '通道关了' }], clock.now());
    const off = new Notifier({ adapter: createAdapter(testConfig(), silentLogger), outbox, clock, logger: silentLogger, quietHours: null });
    expect(await off.tick()).to.deep.include({ delivered: 0, dead: 1 });
  });
});

describe('the attachment policy for WeChat messages', () => {
  it('fetches only media on the configured platform base, with the access token added', async () => {
    const platform = new FakeWechatPlatform(APP);
    const base = await platform.start();
    try {
      const api = new WechatApi({ apiBase: `${base}/`, tokens: new AccessTokens({ apiBase: base, ...APP, clock: new FakeClock() }) });
      const serviceUrl = 'http://127.0.0.1:3978/api/wechat';
      const policy = attachmentPolicy({
        maxBytes: 1024, allowedServiceUrls: [], directLineServiceUrl: () => 'http://127.0.0.1:3978/v3/directline', connectorSecret: 's', channelHeaders: async () => ({}),
        wechat: { serviceUrl: () => serviceUrl, isMediaUrl: (url) => api.isMediaUrl(url), withToken: (url) => api.withToken(url) },
      });
      const media = api.mediaUrl('M1');
      expect(policy.allowed(media, serviceUrl)).to.equal(true);
      for (const other of [`${base}/cgi-bin/token?media_id=M1`, `${base}/cgi-bin/media/get?media_id=M1&access_token=x`, 'http://127.0.0.1:3978/api/admin/cases', 'http://mmbiz.qpic.cn/pic.jpg']) {
        expect(policy.allowed(new URL(other), serviceUrl), other).to.equal(false);
      }
      // A message from another channel may not name the platform's media.
      expect(policy.allowed(media, 'http://127.0.0.1:9/')).to.equal(false);
      const resolved = await policy.resolve!(media, serviceUrl);
      expect(resolved.searchParams.get('access_token')).to.equal('token-1');
      expect((await policy.resolve!(new URL('http://127.0.0.1:9/x'), 'http://127.0.0.1:9/')).href).to.equal('http://127.0.0.1:9/x');
    } finally {
      await platform.close();
    }
  });
});
