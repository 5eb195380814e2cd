import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { createAccount } from '../../data/agents.js';
import { agentToken, deskStream } from '../../scripts/bench/deskClient.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock, testConfig } from '../support.js';

const SECRET = 'notice-mid-flow-secret';
const s = text.status;

interface Sent {
  type: string;
  text?: string;
  from: { id: string };
  suggestedActions?: { actions: { value: string }[] };
}

/**
 * A 退回 notice delivered while its applicant is already correcting (it waited out the quiet hours,
 * or the SMS came first): Web Chat shows only the latest message's buttons, so the step is asked
 * again under the notice and its "号码没错，就用原来的" is still there to tap.
 */
describe('a proactive notice in the middle of a flow keeps the step\'s buttons', function () {
  this.timeout(60_000);
  let app: App;
  let base: string;
  beforeEach(async () => {
    const clock = new FakeClock(new Date('2026-11-20T02:00:00Z')); // 10:00 Beijing, outside quiet hours
    app = await createApp({ config: testConfig({ directLineSecret: SECRET }), logger: silentLogger, clock });
    base = await app.listen();
  });
  afterEach(() => app.close());

  async function correcting() {
    const dl = `${base}/v3/directline`;
    const started = await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
    const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const all = async () =>
      ((await (await fetch(`${dl}/conversations/${conversationId}/activities`, { headers })).json()) as { activities: Sent[] }).activities.filter(
        (a) => a.type === 'message' && a.from.id !== 'someone',
      );
    const send = async (said: string) => {
      const before = (await all()).length;
      expect((await fetch(`${dl}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: said, from: { id: 'someone' } }) })).status).to.equal(200);
      for (let i = 0; i < 250 && (await all()).length === before; i++) await new Promise((r) => setTimeout(r, 20));
      return (await all()).slice(before);
    };
    const record = await app.stores.cases.create(
      newCase({
        submittedBy: { role: 'self', userKey: 'directline:someone' },
        applicant: { phone: '13900000000' },
        materials: { verified: ['idCard', 'hukouBook'], toSubmit: [] },
        conversation: { channelId: 'directline', serviceUrl: dl, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'someone', name: '' }, bot: { id: 'bot', name: 'bot' } },
      }),
      new Date('2026-11-20T02:00:00Z'),
    );
    await app.useCases.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' });
    await app.notifier.tick();
    // Returned for its phone; the notice is not delivered yet.
    await app.useCases.workflow.perform(record.caseNo, { action: 'return', by: 'staff:li', note: '电话号码打不通', fields: ['phone'] });
    return { all, send, caseNo: record.caseNo };
  }

  for (const said of ['电话没错呀 那几天没接着', '这个号能打通 那天手机没电了']) {
    it(`"${said}", then the 退回 notice: the step is asked again under it, and its keep button works`, async () => {
      const { all, send, caseNo } = await correcting();
      await send('修改退回的申请');
      const offered = await send(said);
      expect(offered.at(-1)!.suggestedActions?.actions.map((a) => a.value)).to.deep.equal([s.keepPhoneButton]);

      expect(await app.notifier.tick()).to.include({ delivered: 1 });
      const after = await all();
      const notice = after.findIndex((a) => a.text === s.prefixApplicant(caseNo) + s.notify.returned('电话号码打不通'));
      expect(notice).to.be.greaterThan(-1);
      // Under the notice: the step's question with its button, the last thing shown.
      expect(after.at(-1)!.text).to.equal(text.application.prompts.phone);
      expect(after.at(-1)!.suggestedActions?.actions.map((a) => a.value)).to.deep.equal([s.keepPhoneButton]);
      expect(after.length).to.equal(notice + 2);

      expect((await send(s.keepPhoneButton)).map((a) => a.text)).to.deep.equal([s.correctPhoneKept, s.correctDone]);
      expect((await app.stores.cases.get(caseNo))!.applicant.phone).to.equal('13900000000');
    });
  }

  it('while an agent has the conversation the step is not asked again: the notice alone', async () => {
    const { all, send, caseNo } = await correcting();
    await send('修改退回的申请');
    await send('电话没错呀 那几天没接着');
    await createAccount(app.stores.agents, { name: '1001', displayName: '坐席1001', password: 'desk-password-1', role: 'agent' }, 'test', new Date('2026-11-20T02:00:00Z'));
    const token = await agentToken(base, '1001', 'desk-password-1');
    const desk = await deskStream(base, token);
    await send('转人工');
    const [queued] = (await desk.until((f) => f.queue.length === 1)).queue;
    expect((await fetch(`${base}/api/agent/handoffs/${queued.id}/take`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).to.equal(200);
    for (let i = 0; i < 250 && !(await all()).at(-1)!.text!.includes('已接入'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await app.notifier.tick()).to.include({ delivered: 1 });
    expect((await all()).at(-1)!.text).to.equal(s.prefixApplicant(caseNo) + s.notify.returned('电话号码打不通'));
    desk.close();
  });

  it('outside any flow a notice is sent alone', async () => {
    const { all, caseNo } = await correcting();
    expect(await app.notifier.tick()).to.include({ delivered: 1 });
    expect((await all()).map((a) => a.text)).to.deep.equal([s.prefixApplicant(caseNo) + s.notify.pre_review, s.prefixApplicant(caseNo) + s.notify.returned('电话号码打不通')]);
  });
});
