import { expect } from 'chai';
import { AGENT_SESSION_MS } from '../../bot/agentAuth.js';
import { createApp, type App } from '../../bot/app.js';
import { SERVING_IDLE_MS } from '../../bot/deskEvents.js';
import { silentLogger } from '../../bot/logger.js';
import { createAccount } from '../../data/agents.js';
import { text } from '../../dialogs/text/index.js';
import { agentToken, deskStream, directLineChat, type DeskFrame } from '../../scripts/bench/deskClient.js';
import { FakeClock, testConfig } from '../support.js';

const SECRET = 'desk-dl-secret';
const PASSWORD = 'desk-password-1';
const h = text.handoff;

describe('live hand-off against a real server (Direct Line, agent console APIs, SSE)', function () {
  this.timeout(60_000);
  let app: App;
  let base: string;
  let clock: FakeClock;
  const tokens: Record<string, string> = {};

  beforeEach(async () => {
    clock = new FakeClock(new Date('2026-11-20T02:00:00Z')); // Friday 10:00 in Beijing
    app = await createApp({ config: testConfig({ directLineSecret: SECRET, floodLimits: undefined }), logger: silentLogger, clock });
    base = await app.listen();
    for (const [name, role] of [['1001', 'agent'], ['1002', 'agent'], ['boss', 'supervisor']] as const) {
      await createAccount(app.stores.agents, { name, displayName: `坐席${name}`, password: PASSWORD, role }, 'test', clock.now());
      tokens[name] = await agentToken(base, name, PASSWORD);
    }
  });
  afterEach(() => app.close());

  const call = (who: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('closes a console’s live stream once its agent logs out: no longer on duty, nothing more sent', async () => {
    const desk = await deskStream(base, tokens['1001']);
    const watching = await deskStream(base, tokens['1002']);
    expect((await watching.until((f) => f.onDuty.length === 2)).onDuty).to.deep.equal(['1001', '1002']);
    expect((await call('1001', 'POST', '/api/agent/logout')).status).to.equal(200);
    // The next change (someone queues) finds the session gone: the stream ends and the desk has one agent.
    const person = await directLineChat(base, SECRET);
    await person.send('转人工');
    let ended = false;
    try {
      await desk.until(() => false);
    } catch (err) {
      ended = /ended/.test(String(err));
    }
    expect(ended).to.equal(true);
    expect((await watching.until((f) => f.onDuty.length === 1)).onDuty).to.deep.equal(['1002']);
    watching.close();
  });

  it('queues, shows it live, lets one agent take it, relays both ways, ends it, and counts the day', async () => {
    const desk = await deskStream(base, tokens['1001']);
    expect((await desk.next()).queue).to.deep.equal([]);
    const person = await directLineChat(base, SECRET);
    await person.send('我的电话是13912345678，想问护理补贴');
    await person.waitFor(() => true);
    await person.send('转人工');
    expect(await person.waitFor((t) => t.startsWith('已为您转人工'))).to.equal(h.queued(0, 4));

    const frame = await desk.until((f) => f.queue.length === 1);
    const [queued] = frame.queue;
    expect(queued).to.deep.include({ reason: 'asked', lastPersonText: '转人工' });
    expect(frame.onDuty).to.deep.equal(['1001']);

    // Of two agents taking it at once, one gets it.
    const [a, b] = await Promise.all([call('1001', 'POST', `/api/agent/handoffs/${queued.id}/take`), call('1002', 'POST', `/api/agent/handoffs/${queued.id}/take`)]);
    expect([a.status, b.status]).to.deep.equal([200, 409]);
    expect(await person.waitFor((t) => t.includes('已接入'))).to.equal(h.taken('坐席1001'));
    const mine = await desk.until((f) => f.mine.length === 1);
    // The transcript before the hand-off, masked.
    const transcript = JSON.stringify(mine.mine[0].messages);
    expect(transcript).to.include('139****5678').and.not.include('13912345678');

    // The person writes: the bot says nothing, the agent sees it and the suggestions' query.
    await person.send('我妈妈是二级肢体残疾，能领吗');
    const relayed = await desk.until((f) => f.mine[0]?.lastPersonText === '我妈妈是二级肢体残疾，能领吗');
    expect(relayed.mine[0].messages.at(-1)).to.deep.include({ from: 'person' });
    expect(await person.read()).to.deep.equal([]);

    expect((await call('1002', 'GET', `/api/agent/handoffs/${queued.id}`)).status).to.equal(403);
    expect((await call('boss', 'GET', `/api/agent/handoffs/${queued.id}`)).status).to.equal(200);
    expect((await call('1002', 'POST', `/api/agent/handoffs/${queued.id}/reply`, { text: '插话' })).status).to.equal(409);
    const reply = await call('1001', 'POST', `/api/agent/handoffs/${queued.id}/reply`, { text: '可以，二级可以领护理补贴。' });
    expect(reply.status).to.equal(200);
    expect(await person.waitFor((t) => t.includes('可以，'))).to.equal(h.agentSays('坐席1001', '可以，二级可以领护理补贴。'));

    const end = await call('1001', 'POST', `/api/agent/handoffs/${queued.id}/end`, {});
    expect(end.status).to.equal(200);
    expect(await person.waitFor((t) => t === h.ended)).to.equal(h.ended);
    expect((await call('1001', 'POST', `/api/agent/handoffs/${queued.id}/end`, {})).status).to.equal(409);

    const stored = (await app.stores.handoffs.get(queued.id))!;
    expect(stored.audit.map((e) => `${e.action} ${e.by}`)).to.deep.equal(['queue chat', 'take agent:1001', 'view agent:boss', 'ended agent:1001']);
    const supervisor = (await (await call('boss', 'GET', '/api/agent/supervisor')).json()) as { today: Record<string, unknown> };
    expect(supervisor.today).to.deep.include({ handedOff: 1, answered: 1, endedByAgent: 1, calledBack: 0, averageWaitSeconds: 0 });
    expect((await call('1001', 'GET', '/api/agent/supervisor')).status).to.equal(403);
    desk.close();
  });

  it('hands back to the bot, and puts a conversation back in the queue for a colleague', async () => {
    const desk = await deskStream(base, tokens['1002']);
    await desk.next();
    const person = await directLineChat(base, SECRET);
    await person.send('找人工');
    await person.waitFor((t) => t.startsWith('已为您转人工'));
    const [queued] = (await desk.until((f) => f.queue.length === 1)).queue;
    expect((await call('1002', 'POST', `/api/agent/handoffs/${queued.id}/take`)).status).to.equal(200);
    expect((await call('1002', 'POST', `/api/agent/handoffs/${queued.id}/requeue`)).status).to.equal(200);
    expect(await person.waitFor((t) => t === h.requeued)).to.equal(h.requeued);
    // A frame from before the take may still be buffered: the one after the requeue is waited for.
    const back = await desk.until((f) => f.queue.length === 1 && f.queue[0].reason === 'agent');
    expect(back.queue[0]).to.deep.include({ id: queued.id, reason: 'agent' });
    expect((await call('1001', 'POST', `/api/agent/handoffs/${queued.id}/take`)).status).to.equal(200);
    expect((await call('1001', 'POST', `/api/agent/handoffs/${queued.id}/end`, { handBack: true })).status).to.equal(200);
    expect(await person.waitFor((t) => t === h.handedBack)).to.equal(h.handedBack);
    await person.send('残疾证怎么办');
    expect(await person.waitFor((t) => t.includes('依据'))).to.include('依据');
    desk.close();
  });

  it('after 问机器人 (the agent gone quiet) leaves the 好差评 as the last message with buttons, asked once', async () => {
    const desk = await deskStream(base, tokens['1001']);
    const person = await directLineChat(base, SECRET);
    await person.send('转人工');
    const [queued] = (await desk.until((f) => f.queue.length === 1)).queue;
    expect((await call('1001', 'POST', `/api/agent/handoffs/${queued.id}/take`)).status).to.equal(200);
    await person.waitFor((t) => t === h.taken('坐席1001'));
    clock.advance(5 * 60_000); // HANDOFF_QUIET_MINUTES' default
    expect(await app.handoffs.checkQuiet()).to.equal(1);
    await person.waitFor((t) => t === h.quiet(false));
    await person.send('我还是先问机器人吧');
    await person.waitFor((t) => t === text.rating.askHandoff);
    const res = await fetch(`${base}/v3/directline/conversations/${person.conversationId}/activities`, { headers: { authorization: `Bearer ${SECRET}` } });
    const said = ((await res.json()) as { activities: { type: string; text?: string; from: { id: string }; suggestedActions?: { actions: unknown[] } }[] }).activities
      .filter((a) => a.type === 'message' && !a.from.id.startsWith('user-'));
    const after = said.slice(said.findIndex((a) => a.text === h.quiet(false)) + 1);
    expect(after.map((a) => a.text)).to.deep.equal([h.backToBot, text.rating.askHandoff]);
    expect(after.map((a) => a.suggestedActions?.actions.length ?? 0)).to.deep.equal([0, 5]);
    desk.close();
  });

  it('out of the desk\'s hours the console says what people are told: nobody on duty, whoever is signed in', async () => {
    const desk = await deskStream(base, tokens['1001']);
    expect((await desk.next()).desk).to.deep.equal({ inHours: true, hours: app.region.desk.hours });
    clock.advance((7 * 60 + 50) * 60_000); // Friday 17:50 in Beijing, the agent still signed in
    const person = await directLineChat(base, SECRET);
    await person.send('转人工');
    expect(await person.waitFor((t) => t.startsWith('现在人工客服不在线'))).to.equal(h.closedAskPhone(app.region.desk.hours));
    const res = await call('1001', 'GET', '/api/agent/handoffs');
    const frame = (await res.json()) as DeskFrame;
    expect(frame.onDuty).to.deep.equal(['1001']);
    expect(frame.desk).to.deep.equal({ inHours: false, hours: app.region.desk.hours });
    desk.close();
  });

  /** 1001 takes a caller's conversation, then closes the console; the caller walks away, the hand-off stays active. */
  async function servingWithConsoleClosed() {
    const desk = await deskStream(base, tokens['1001']);
    const person = await directLineChat(base, SECRET);
    await person.send('转人工');
    const [queued] = (await desk.until((f) => f.queue.length === 1)).queue;
    expect((await call('1001', 'POST', `/api/agent/handoffs/${queued.id}/take`)).status).to.equal(200);
    desk.close();
    // The server sees the console go (its lease released, then a rebuild): awaited, not polled.
    await app.desk.until(async () => (await app.stores.presence.list(clock.now())).length === 0);
    expect((await app.stores.handoffs.get(queued.id))!.status).to.equal('active');
    return queued.id;
  }

  it('counts an agent serving a caller as on duty though their console is closed: the supervisor\'s line, and the next caller queued', async () => {
    // The console's page reloads or its connection drops while the agent goes on serving the caller.
    await servingWithConsoleClosed();
    expect(await app.stores.presence.list(clock.now())).to.deep.equal([]);
    const supervisor = (await (await call('boss', 'GET', '/api/agent/supervisor')).json()) as DeskFrame & { active: { agent: string }[] };
    expect(supervisor.active.map((a) => a.agent)).to.deep.equal(['1001']);
    expect(supervisor.onDuty).to.deep.equal(['1001']);
    // The count kept for callers is read again after each change: once read, it is the agent serving.
    await app.desk.changed();
    expect(app.desk.onDuty()).to.equal(1);
    // Someone else asking for a person now waits for that agent, not told that nobody is there.
    const next = await directLineChat(base, SECRET);
    await next.send('我要找人工');
    expect(await next.waitFor((t) => t.startsWith('已为您转人工') || t.startsWith('现在人工客服不在线'))).to.match(/^已为您转人工/);
  });

  describe('an agent serving with the console closed is on duty only while signed in and lately active', () => {
    /** The next caller in desk hours: queued behind someone, or told nobody is there and asked for a phone. */
    const nextCallerHears = async () => {
      const next = await directLineChat(base, SECRET);
      await next.send('俺要找个真人说说');
      return next.waitFor((t) => t.startsWith('已为您转人工') || t.startsWith('现在暂时没有工作人员在线') || t.startsWith('现在人工客服不在线'));
    };
    /** Who is on duty once the desk has read it again (a rebuild awaited: nothing polled on real time). */
    const reread = async () => {
      await app.desk.changed();
      return app.desk.onDuty();
    };

    it('signed out: nobody on duty, the next caller is offered a call-back, not a wait', async () => {
      await servingWithConsoleClosed();
      expect((await call('1001', 'POST', '/api/agent/logout')).status).to.equal(200);
      expect(await reread()).to.equal(0);
      const supervisor = (await (await call('boss', 'GET', '/api/agent/supervisor')).json()) as DeskFrame;
      expect(supervisor.onDuty).to.deep.equal([]);
      expect(await nextCallerHears()).to.equal(h.nobodyAskPhone);
    });

    it('its session expired (no logout): the same, once looked up again', async () => {
      const id = await servingWithConsoleClosed();
      // A reply just before the session ends: the agent acted lately, so only the expired session can take them off.
      clock.advance(AGENT_SESSION_MS - 60_000);
      expect((await call('1001', 'POST', `/api/agent/handoffs/${id}/reply`, { text: '您还在吗？' })).status).to.equal(200);
      expect(await reread()).to.equal(1);
      clock.advance(2 * 60_000);
      expect(2 * 60_000).to.be.below(SERVING_IDLE_MS);
      expect(await reread()).to.equal(0);
      // Eight hours on, the desk's hours are over too.
      expect(await nextCallerHears()).to.equal(h.closedAskPhone(app.region.desk.hours));
    });

    it(`silent on it for ${SERVING_IDLE_MS / 60_000} minutes: no longer counted; a reply counts them again`, async () => {
      await servingWithConsoleClosed();
      clock.advance(SERVING_IDLE_MS - 60_000);
      // Read again (not only the count kept before the clock moved): still on duty.
      expect(await reread()).to.equal(1);
      clock.advance(60_000);
      expect(await reread()).to.equal(0);
      expect(await nextCallerHears()).to.equal(h.nobodyAskPhone);
      const [active] = await app.stores.handoffs.list({ status: ['active'] });
      expect((await call('1001', 'POST', `/api/agent/handoffs/${active.id}/reply`, { text: '您还在吗？' })).status).to.equal(200);
      expect(await reread()).to.equal(1);
    });
  });

  it('offers a call-back when nobody is on duty, and answers bad requests with 400/401/404', async () => {
    const person = await directLineChat(base, SECRET);
    await person.send('我要找真人');
    expect(await person.waitFor((t) => t.startsWith('现在暂时没有工作人员在线'))).to.equal(h.nobodyAskPhone);
    await person.send('13812345678');
    expect(await person.waitFor((t) => t.startsWith('好的，已经记下了'))).to.equal(h.callbackBooked('138****5678'));
    expect((await app.stores.calls.list({ followUp: 'pending' }))[0]).to.deep.include({ callerPhone: '13812345678' });

    expect((await call('', 'GET', '/api/agent/handoffs')).status).to.equal(401);
    expect((await call('', 'GET', '/api/agent/handoffs/events')).status).to.equal(401);
    for (const path of ['/api/agent/handoffs/nonsense/take', '/api/agent/handoffs/__proto__/take']) expect((await call('1001', 'POST', path)).status).to.equal(400);
    expect((await call('1001', 'POST', '/api/agent/handoffs/HO99999999/take')).status).to.equal(404);
    for (const body of [{}, { text: '' }, { text: 1 }, { text: 'x', extra: 1 }]) {
      const res = await call('1001', 'POST', '/api/agent/handoffs/HO00000001/reply', body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
    }
  });
});
