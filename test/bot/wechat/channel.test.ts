import { expect } from 'chai';
import { ActivityHandler, MessageFactory } from 'botbuilder';
import { createApp } from '../../../bot/app.js';
import { createAdapter } from '../../../bot/adapter.js';
import { AccessTokens } from '../../../bot/channels/wechat/accessToken.js';
import { WechatApi } from '../../../bot/channels/wechat/api.js';
import { encryptMessage, aesKeyOf } from '../../../bot/channels/wechat/crypto.js';
import { WechatChannel } from '../../../bot/channels/wechat/wechatChannel.js';
import { wechatConfig } from '../../../bot/channels/wechat/settings.js';
import { buildXml } from '../../../bot/channels/wechat/xml.js';
import { silentLogger } from '../../../bot/logger.js';
import { MemoryWechatStore } from '../../../data/memory/memoryWechatStore.js';
import { text } from '../../../dialogs/text/index.js';
import { FakeWechatPlatform } from '../../../scripts/bench/wechatFake.js';
import { signedQuery, textPush } from '../../../scripts/bench/wechatClient.js';
import { uploadFixture } from '../../fixtures/uploadFiles.js';
import { FakeClock, testConfig } from '../../support.js';
import { ACCOUNT, APP_SECRET, startWechatRig, type WechatRig } from './setup.js';

const now = (rig: WechatRig) => Math.floor(rig.clock.now().getTime() / 1000);

describe('WeChat channel at /api/wechat (a real server, a fake platform)', function () {
  this.timeout(60_000);
  let rig: WechatRig;
  // One server for these tests (each uses followers of its own): start-up trains the ranking.
  before(async () => (rig = await startWechatRig()));
  after(() => rig.close());

  const post = (query: URLSearchParams, body: string) => fetch(`${rig.base}/api/wechat?${query}`, { method: 'POST', body });

  it('answers the URL verification with echostr when the token signed it, 401 when not, 403 when stale', async () => {
    const ts = now(rig);
    const query = signedQuery(ACCOUNT, ts, 'n1');
    query.set('echostr', '1234567890abc');
    const ok = await fetch(`${rig.base}/api/wechat?${query}`);
    expect([ok.status, await ok.text()]).to.deep.equal([200, '1234567890abc']);
    query.set('signature', '0'.repeat(40));
    expect((await fetch(`${rig.base}/api/wechat?${query}`)).status).to.equal(401);
    expect((await fetch(`${rig.base}/api/wechat`)).status).to.equal(401);
    const stale = signedQuery(ACCOUNT, ts - 301, 'n1');
    stale.set('echostr', 'x');
    expect((await fetch(`${rig.base}/api/wechat?${stale}`)).status).to.equal(403);
  });

  it('refuses a push with a bad signature or an old timestamp before reading it: nothing runs, nothing is kept', async () => {
    const body = buildXml({ ToUserName: ACCOUNT.accountId, ...textPush('oBad', '我要申请', now(rig)) });
    const forged = signedQuery({ ...ACCOUNT, token: 'guessed' }, now(rig), 'n2');
    expect((await post(forged, body)).status).to.equal(401);
    expect((await post(signedQuery(ACCOUNT, now(rig) - 600, 'n3'), body)).status).to.equal(403);
    expect((await post(signedQuery(ACCOUNT, now(rig) + 600, 'n3'), body)).status).to.equal(403);
    expect(await rig.app.stores.wechat.follower('oBad')).to.equal(undefined);
    expect(rig.platform.sent.filter((s) => s.touser === 'oBad')).to.deep.equal([]);
  });

  it('answers 400 to malformed, hostile or incomplete XML and 413 to a huge body, never 500', async () => {
    const q = () => signedQuery(ACCOUNT, now(rig), 'n4');
    for (const body of ['', 'not xml', '<xml><Content>unclosed</xml>', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><Content>&a;</Content></xml>', '<xml><MsgType>text</MsgType></xml>', '<other/>']) {
      const res = await post(q(), body);
      expect(res.status, body).to.equal(400);
      expect((await res.json()).error, body).to.be.a('string');
    }
    expect((await post(q(), `<xml><Content>${'a'.repeat(70_000)}</Content></xml>`)).status).to.equal(413);
    // Safe mode: a body without Encrypt, garbage, a bad msg_signature, another account's message.
    const safe = (encrypted: string, signAs = encrypted) => {
      const query = signedQuery(ACCOUNT, now(rig), 'n5', signAs);
      return post(query, buildXml({ ToUserName: ACCOUNT.accountId, Encrypt: encrypted }));
    };
    const inner = buildXml({ ToUserName: ACCOUNT.accountId, ...textPush('oSafe', '你好', now(rig)) });
    expect((await safe('bm90IGEgY2lwaGVydGV4dA==')).status).to.equal(400);
    expect((await safe(encryptMessage(aesKeyOf(ACCOUNT.aesKey), ACCOUNT.appId, inner), 'other')).status).to.equal(401);
    expect((await safe(encryptMessage(aesKeyOf(ACCOUNT.aesKey), 'wxOTHERACCOUNT', inner))).status).to.equal(401);
    expect((await safe(encryptMessage(aesKeyOf(ACCOUNT.aesKey), ACCOUNT.appId, 'not xml'))).status).to.equal(400);
    const noEncrypt = signedQuery(ACCOUNT, now(rig), 'n6', '');
    expect((await post(noEncrypt, buildXml({ ToUserName: ACCOUNT.accountId }))).status).to.equal(400);
    expect(await rig.app.stores.wechat.follower('oSafe')).to.equal(undefined);
  });

  it('answers a question passively, in plain and in safe mode, and records the follower\'s last message', async () => {
    await rig.follow('oAsk');
    const plain = await rig.say('oAsk', '办残疾证要带什么材料');
    expect(plain.status).to.equal(200);
    expect(plain.reply).to.include('身份证').and.include('户口本');
    await rig.follow('oAskSafe');
    const safe = await rig.say('oAskSafe', '办残疾证要带什么材料', { safe: true });
    expect(safe.body).to.include('<Encrypt>').and.not.include('身份证');
    expect(safe.reply).to.equal(plain.reply);
    expect(await rig.app.stores.wechat.follower('oAsk')).to.deep.equal({ openId: 'oAsk', subscribed: true, lastMessageAt: rig.clock.now().toISOString() });
  });

  it('reads voice by its recognition, a menu click as typed, a location by its label; says so for what it cannot read', async () => {
    const base = { FromUserName: 'oKinds', CreateTime: now(rig) };
    for (const who of ['oKinds', 'oTyped', 'oClick']) await rig.follow(who);
    const typed = await rig.say('oTyped', '办残疾证要带什么材料');
    const voice = await rig.push({ ...base, MsgType: 'voice', MediaId: 'v1', Format: 'amr', Recognition: '办残疾证要带什么材料', MsgId: '7000000000000000001' });
    expect(voice.reply).to.equal(typed.reply);
    const unheard = await rig.push({ ...base, MsgType: 'voice', MediaId: 'v2', Format: 'amr', Recognition: '', MsgId: '7000000000000000002' });
    expect(unheard.reply).to.equal(text.wechat.voiceUnheard);
    const click = await rig.push({ ...base, FromUserName: 'oClick', MsgType: 'event', Event: 'CLICK', EventKey: '办残疾证要带什么材料', CreateTime: now(rig) + 5 });
    expect(click.reply).to.equal(typed.reply);
    const location = await rig.push({ ...base, MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Scale: '20', Label: '示例县城关镇示例路1号', MsgId: '7000000000000000003' });
    expect(location.status).to.equal(200);
    expect(location.reply).to.be.a('string');
    const video = await rig.push({ ...base, MsgType: 'video', MediaId: 'm', ThumbMediaId: 't', MsgId: '7000000000000000004' });
    expect(video.reply).to.equal(text.wechat.unsupported);
    // An event the bot has no use for (a menu link opened): "success", nothing said.
    const view = await rig.push({ ...base, MsgType: 'event', Event: 'VIEW', EventKey: 'https://example.org', CreateTime: now(rig) + 2 });
    expect([view.status, view.body]).to.deep.equal([200, 'success']);
  });

  it('downloads an image only through the platform\'s media API, with the access token, for the bot to read', async () => {
    rig.platform.media.set('MEDIA1', uploadFixture('portrait-450x630.jpg'));
    const image = await rig.push({ FromUserName: 'oImg', CreateTime: now(rig), MsgType: 'image', PicUrl: 'http://127.0.0.1:9/elsewhere.jpg', MediaId: 'MEDIA1', MsgId: '7000000000000000010' });
    expect(image.status).to.equal(200);
    expect(rig.platform.mediaFetches).to.deep.equal(['MEDIA1']);
    // A PicUrl elsewhere is never fetched; the bot answered the follower about the photo.
    expect(image.reply ?? rig.platform.textsTo('oImg')[0]).to.be.a('string');
  });

  it('welcomes a new follower and remembers an unsubscribe (nothing is sent to them after it)', async () => {
    const welcome = await rig.push({ FromUserName: 'oNew', CreateTime: now(rig), MsgType: 'event', Event: 'subscribe' });
    expect(welcome.reply).to.include(text.welcome.lines[0]).and.include('1. 我要申请');
    const bye = await rig.push({ FromUserName: 'oNew', CreateTime: now(rig) + 1, MsgType: 'event', Event: 'unsubscribe' });
    expect(bye.body).to.equal('success');
    expect((await rig.app.stores.wechat.follower('oNew'))?.subscribed).to.equal(false);
  });

  it('sends a turn\'s further messages through the customer-service API after the passive first one, in order', async () => {
    await rig.follow('oApply');
    const first = await rig.say('oApply', '我要申请');
    expect(first.reply).to.equal(text.application.start);
    await rig.app.wechat!.settled();
    const [consent] = rig.platform.textsTo('oApply');
    expect(consent).to.include('您同意吗').and.include('1. 同意').and.include('2. 不同意');
  });

  it('processes a push the platform delivers three times once: retries while it runs get the same reply, and after a restart "success"', async () => {
    await rig.follow('oDup');
    const push = textPush('oDup', '我要申请', now(rig));
    const answers = await Promise.all([rig.push(push), rig.push(push), rig.push(push)]);
    expect(new Set(answers.map((a) => a.reply)).size).to.equal(1);
    expect(answers[0].reply).to.be.a('string');
    await rig.app.wechat!.settled();
    expect(rig.platform.textsTo('oDup')).to.have.length(1);
    // The same data folder after a restart: the key is remembered, the push is not run again.
    await rig.restart();
    const again = await rig.push(push);
    expect([again.status, again.body]).to.deep.equal([200, 'success']);
    await rig.app.wechat!.settled();
    expect(rig.platform.textsTo('oDup')).to.have.length(1);
  });
});

describe('WeChat channel: a turn slower than the reply budget', function () {
  this.timeout(30_000);

  it('answers "success" at once and sends every message through the customer-service API when the turn ends', async () => {
    const platform = new FakeWechatPlatform({ appId: ACCOUNT.appId, appSecret: APP_SECRET });
    const apiBase = await platform.start();
    const clock = new FakeClock();
    const config = wechatConfig({ WECHAT_TOKEN: ACCOUNT.token, WECHAT_APPID: ACCOUNT.appId, WECHAT_APPSECRET: APP_SECRET, WECHAT_AES_KEY: ACCOUNT.aesKey, WECHAT_API_BASE: apiBase });
    if (!config.on) throw new Error('configured');
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const bot = new ActivityHandler().onMessage(async (context, next) => {
      await slow;
      await context.sendActivity(MessageFactory.text('第一条'));
      await context.sendActivity(MessageFactory.suggestedActions(['同意', '不同意'], '第二条'));
      await next();
    });
    const api = new WechatApi({ apiBase, tokens: new AccessTokens({ apiBase, appId: ACCOUNT.appId, appSecret: APP_SECRET, clock }) });
    const channel = new WechatChannel({
      settings: config.settings, adapter: createAdapter(testConfig(), silentLogger), bot, store: new MemoryWechatStore(), api, clock, logger: silentLogger,
      texts: text.wechat, serviceUrl: () => 'http://127.0.0.1:1/api/wechat', replyBudgetMs: 20,
    });
    const ts = Math.floor(clock.now().getTime() / 1000);
    const answer = await channel.receive(signedQuery(ACCOUNT, ts, 'n'), buildXml({ ToUserName: ACCOUNT.accountId, ...textPush('oSlow', '你好', ts) }));
    expect(answer).to.equal('success');
    expect(platform.sent).to.deep.equal([]);
    release();
    await channel.settled();
    expect(platform.textsTo('oSlow')).to.deep.equal(['第一条', '第二条\n1. 同意\n2. 不同意']);
    await platform.close();
  });
});

describe('WeChat channel off', () => {
  it('says so at /api/wechat (404 naming the settings), and refuses wechat activities on /api/messages', async () => {
    const app = await createApp({ config: testConfig(), logger: silentLogger });
    const base = await app.listen();
    try {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${base}/api/wechat`, { method, ...(method === 'POST' ? { body: '<xml/>' } : {}) });
        expect(res.status).to.equal(404);
        expect((await res.json()).error).to.include('未开启').and.include('WECHAT_TOKEN').and.include('WECHAT_AES_KEY');
      }
      const forged = await fetch(`${base}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'wechat', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'oX' }, from: { id: 'oX' } }),
      });
      expect(forged.status).to.equal(403);
    } finally {
      await app.close();
    }
  });
});
