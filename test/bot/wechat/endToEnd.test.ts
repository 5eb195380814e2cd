import { expect } from 'chai';
import { createAccount } from '../../../data/agents.js';
import { text } from '../../../dialogs/text/index.js';
import { agentToken, deskStream } from '../../../scripts/bench/deskClient.js';
import { applicantIdNumber } from '../../../scripts/bench/applicant.js';
import { startWechatRig, type WechatRig } from './setup.js';

const ADMIN = 'wechat-e2e-admin';
const PASSWORD = 'desk-password-1';
const FOLLOWER = 'oE2EFollower';

/** The number a reply gives a choice ("3. 网上提交" -> "3"), as a follower types it back. */
function numberOf(reply: string, label: string): string {
  const line = reply.split('\n').find((l) => new RegExp(`^\\d+\\. ${label}$`).test(l));
  if (!line) throw new Error(`no numbered "${label}" in: ${reply}`);
  return line.split('.')[0];
}

describe('WeChat end to end: a follower asks, applies, hears of progress by template, and talks to a person', function () {
  this.timeout(120_000);
  let rig: WechatRig;
  before(async () => (rig = await startWechatRig({ adminToken: ADMIN }, { WECHAT_TEMPLATE_ID: 'TPL-PROGRESS', WECHAT_TEMPLATE_FIELDS: 'caseNo=character_string1,name=thing2,status=thing3' })));
  after(() => rig.close());

  /** One message from the follower: everything they see for it, the passive reply first, then what came by the customer-service API. */
  async function say(words: string): Promise<{ passive?: string; all: string }> {
    const before = rig.platform.textsTo(FOLLOWER).length;
    rig.clock.advance(1000);
    const answer = await rig.say(FOLLOWER, words);
    expect(answer.status, words).to.equal(200);
    await rig.app.wechat!.settled();
    const later = rig.platform.textsTo(FOLLOWER).slice(before);
    return { passive: answer.reply, all: [answer.reply ?? '', ...later].join('\n') };
  }

  it('runs the whole story over signed XML pushes', async () => {
    const welcome = await rig.follow(FOLLOWER);
    expect(welcome.reply).to.include('1. 我要申请');

    // A question, answered passively within the push's answer.
    const question = await say('护理补贴谁能领');
    expect(question.passive).to.include('护理补贴');

    // The application, choices typed back by their numbers.
    let turn = await say('我要申请');
    turn = await say(numberOf(turn.all, '同意'));
    turn = await say(numberOf(turn.all, '给我自己'));
    for (const answer of ['证和护理补贴都要', '王建国', applicantIdNumber(7), '13812345678', '示范县']) turn = await say(answer);
    turn = await say(numberOf(turn.all, '肢体'));
    turn = await say(numberOf(turn.all, '网上提交'));
    turn = await say(numberOf(turn.all, '邮寄到家'));
    turn = await say('示范县人民路12号3栋201');
    expect(turn.all).to.include('姓名：王建国').and.include('110105********007X');
    turn = await say(numberOf(turn.all, '确认提交'));
    const caseNo = /案件号是 (YC\d{12})/.exec(turn.all)?.[1];
    expect(caseNo, turn.all).to.be.a('string');

    // Staff start the pre-review: the status update reaches the follower as a template message.
    const action = await fetch(`${rig.base}/api/admin/cases/${caseNo}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'start_review', by: 'staff:li' }),
    });
    expect(action.status).to.equal(200);
    const tick = await rig.app.notifier.tick();
    expect(tick).to.deep.include({ delivered: 1, dead: 0 });
    const template = await rig.platform.waitFor((s) => s.kind === 'template' && s.touser === FOLLOWER);
    expect(template.templateId).to.equal('TPL-PROGRESS');
    expect(template.data).to.deep.include({ character_string1: caseNo, thing2: '王*国' });
    expect(template.data!.thing3).to.include(text.status.notify.pre_review);
    expect(JSON.stringify(template)).to.not.include(applicantIdNumber(7)).and.not.include('王建国');

    // The follower asks for a person; an agent on duty takes it and answers through the customer-service API.
    await createAccount(rig.app.stores.agents, { name: '1001', displayName: '李敏', password: PASSWORD, role: 'agent' }, 'test', rig.clock.now());
    const token = await agentToken(rig.base, '1001', PASSWORD);
    const desk = await deskStream(rig.base, token);
    try {
      turn = await say('转人工');
      expect(turn.all).to.include('已为您转人工');
      const frame = await desk.until((f) => f.queue.length === 1);
      const agentCall = (path: string, body: unknown) =>
        fetch(`${rig.base}/api/agent/handoffs/${frame.queue[0].id}/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await agentCall('take', {})).status).to.equal(200);
      await rig.platform.waitFor((s) => s.touser === FOLLOWER && s.text === text.handoff.taken('李敏'));
      expect((await agentCall('reply', { text: '您好，护理补贴要等证办下来，会自动接着办。' })).status).to.equal(200);
      const reply = await rig.platform.waitFor((s) => s.touser === FOLLOWER && s.text?.includes('护理补贴要等证办下来') === true);
      expect(reply.text).to.equal(text.handoff.agentSays('李敏', '您好，护理补贴要等证办下来，会自动接着办。'));
    } finally {
      desk.close();
    }
  });
});
