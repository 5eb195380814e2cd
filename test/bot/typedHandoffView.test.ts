import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { createAccount } from '../../data/agents.js';
import { text } from '../../dialogs/text/index.js';
import { agentToken, directLineChat } from '../../scripts/bench/deskClient.js';
import { FakeClock, testConfig } from '../support.js';

const SECRET = 'typed-dl-secret';
const PASSWORD = 'typed-password-1';
const h = text.handoff;

interface QueuedView { id: string; lastPersonText: string; questionText: string; typedOnly?: boolean; typedOnlyNote?: string }

describe('a typed hand-off in the agent console (real server, Direct Line, agent APIs)', function () {
  this.timeout(60_000);
  let app: App;
  let base: string;
  let boss: string;

  beforeEach(async () => {
    // 03:20 in Beijing: the desk is closed, a hand-off asks for a phone.
    const clock = new FakeClock(new Date('2026-11-19T19:20:00Z'));
    app = await createApp({ config: testConfig({ directLineSecret: SECRET, floodLimits: undefined }), logger: silentLogger, clock });
    base = await app.listen();
    await createAccount(app.stores.agents, { name: 'boss', displayName: '王芳', password: PASSWORD, role: 'supervisor' }, 'test', clock.now());
    boss = await agentToken(base, 'boss', PASSWORD);
  });
  afterEach(() => app.close());

  const get = async <T>(path: string) => (await (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${boss}` } })).json()) as T;

  it('"转人工" then "俺耳朵不好使 接不了电话 就在这打字吧": the queue says the caller only types and shows those words, the transcript holds them, no suggestions for "转人工"', async () => {
    const person = await directLineChat(base, SECRET);
    await person.send('转人工');
    await person.waitFor((t) => t === h.closedAskPhone(app.region.desk.hours));
    await person.send('俺耳朵不好使 接不了电话 就在这打字吧');
    await person.waitFor((t) => t === h.queuedTyped(app.region.desk.hours));

    const { queue } = await get<{ queue: QueuedView[] }>('/api/agent/handoffs');
    expect(queue).to.have.length(1);
    expect(queue[0]).to.deep.include({ typedOnly: true, typedOnlyNote: h.typedOnlyNote, lastPersonText: '俺耳朵不好使 接不了电话 就在这打字吧', questionText: '' });
    const { handoff } = await get<{ handoff: { messages: { from: string; text: string }[] } }>(`/api/agent/handoffs/${queue[0].id}`);
    expect(handoff.messages.filter((m) => m.from === 'person').map((m) => m.text)).to.deep.equal(['转人工', '俺耳朵不好使 接不了电话 就在这打字吧']);
  });

  it('a question asked before "转人工" is what the suggestions are for; a call-back hand-off is not marked typed', async () => {
    const person = await directLineChat(base, SECRET);
    await person.send('护理补贴谁能领');
    await person.waitFor(() => true);
    await person.send('转人工');
    await person.waitFor((t) => t === h.closedAskPhone(app.region.desk.hours));
    const [callback] = await app.stores.handoffs.list({ status: ['callback'] });
    const { handoff } = await get<{ handoff: QueuedView }>(`/api/agent/handoffs/${callback.id}`);
    expect(handoff).to.deep.include({ lastPersonText: '转人工', questionText: '护理补贴谁能领' });
    expect(handoff.typedOnly).to.equal(undefined);
  });
});
