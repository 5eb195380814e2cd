import { expect } from 'chai';
import { loadConfig } from '../../../bot/config.js';
import { DEFAULT_FLOOD_LIMITS } from '../../../bot/limits/floodGuard.js';
import { text } from '../../../dialogs/text/index.js';
import { startWechatRig, type WechatRig } from './setup.js';

describe('WeChat flood limit per follower (the flood guard\'s, RATE_LIMIT_WECHAT)', function () {
  this.timeout(120_000);
  let rig: WechatRig;
  before(async () => (rig = await startWechatRig({ floodLimits: { ...DEFAULT_FLOOD_LIMITS, wechatFollower: { points: 20, seconds: 60 } } })));
  after(() => rig.close());

  it('answers a follower\'s first 20 messages in a minute, says 慢一点 once, ignores the rest, within the 5-second window; other followers unaffected', async () => {
    await rig.follow('oFlood');
    await rig.follow('oCalm');
    const answers: { reply?: string; ms: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const answer = await rig.say('oFlood', '你好');
      expect(answer.status).to.equal(200);
      answers.push({ reply: answer.reply, ms: performance.now() - started });
    }
    expect(answers.slice(0, 20).every((a) => a.reply && a.reply !== text.wechat.slowDown), 'the first 20 answered').to.equal(true);
    expect(answers[20].reply).to.equal(text.wechat.slowDown);
    expect(answers.slice(21).map((a) => a.reply)).to.deep.equal(Array(9).fill(undefined));
    // Passive replies: the platform waits 5 s for each answer.
    expect(Math.max(...answers.map((a) => a.ms))).to.be.below(5000);

    const calm = await rig.say('oCalm', '你好');
    expect(calm.reply).to.be.a('string').and.not.equal(text.wechat.slowDown);
    // Nothing of the ignored ones is sent later either.
    await rig.app.wechat?.settled();
    expect(rig.platform.textsTo('oFlood').filter((t) => t === text.wechat.slowDown)).to.deep.equal([]);
  });

  it('reads RATE_LIMIT_WECHAT (20/60 by default), off with RATE_LIMIT=off', () => {
    expect(loadConfig({}).floodLimits?.wechatFollower).to.deep.equal({ points: 20, seconds: 60 });
    expect(loadConfig({ RATE_LIMIT_WECHAT: '5/30' }).floodLimits?.wechatFollower).to.deep.equal({ points: 5, seconds: 30 });
    expect(() => loadConfig({ RATE_LIMIT_WECHAT: 'many' })).to.throw(/RATE_LIMIT_WECHAT/);
  });
});
