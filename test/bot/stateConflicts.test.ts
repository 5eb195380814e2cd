import { expect } from 'chai';
import { TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { createApp } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { runGuardingState } from '../../bot/stateConflicts.js';
import { VersionedConversationState } from '../../bot/versionedState.js';
import { MemoryBotStorage } from '../../data/memory/memoryBotStorage.js';
import { ETagConflictError } from '../../data/versionedStorage.js';
import { text } from '../../dialogs/text/index.js';
import { testConfig } from '../support.js';

/** Resolves once `count` callers are waiting, so their turns overlap for certain; later callers (a reload) pass at once. */
function barrier(count: number): () => Promise<void> {
  const waiting: (() => void)[] = [];
  let open = false;
  return () =>
    new Promise<void>((resolve) => {
      if (open) return resolve();
      waiting.push(resolve);
      if (waiting.length === count) {
        open = true;
        waiting.splice(0).forEach((go) => go());
      }
    });
}

type App = Awaited<ReturnType<typeof createApp>>;

/**
 * Holds the conversation's state read until two turns have read it, so both read before either
 * saves; returns how to send a message of `conversationId` (its HTTP status checked, its replies'
 * texts) and how to let reads through again.
 */
function overlappingTurns(app: App, base: string, conversationId: string) {
  const storage = app.stores.storage;
  const read = storage.read.bind(storage);
  const bothRead = barrier(2);
  storage.read = async (keys: string[]) => {
    const items = await read(keys);
    if (keys.some((k) => k.includes('/conversations/'))) await bothRead();
    return items;
  };
  const send = (words: string) =>
    fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', text: words, channelId: 'test', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
        conversation: { id: conversationId }, from: { id: 'u1' }, recipient: { id: 'bot' },
      }),
    }).then(async (res) => {
      expect(res.status).to.equal(200);
      return ((await res.json()) as { activities: { text: string }[] }).activities.map((a) => a.text);
    });
  return { send, release: () => (storage.read = read) };
}

describe('two turns of one conversation at once', () => {
  it('through the adapter: the first save wins, the second turn is not silently lost but reported', async () => {
    const app = await createApp({ config: testConfig(), logger: silentLogger });
    const base = await app.listen();
    try {
      // Both turns read the conversation's state before either saves it.
      const { send, release } = overlappingTurns(app, base, 'same-conversation');
      const [first, second] = await Promise.all([send('办残疾证要带什么材料'), send('护理补贴谁能领')]);
      const told = [first, second].filter((replies) => replies.at(-1) === text.notRecorded);
      expect(told, JSON.stringify([first, second])).to.have.length(1);
      release();
      // The winner's state stands: the welcome is not given again.
      const next = await send('谢谢');
      expect(next.join('\n')).not.to.include(text.welcome.lines[0]);
    } finally {
      await app.close();
    }
  });
});

describe('the same message twice at once (a double tap)', () => {
  for (const words of ['确认提交', '办残疾证要带什么材料']) {
    it(`"${words}" twice: both answered, and neither told "后一条我没能记下来"`, async () => {
      const app = await createApp({ config: testConfig(), logger: silentLogger });
      const base = await app.listen();
      try {
        const { send } = overlappingTurns(app, base, 'tapped-twice');
        const [first, second] = await Promise.all([send(words), send(words)]);
        expect([...first, ...second], JSON.stringify([first, second])).to.not.include(text.notRecorded);
        expect(first.length + second.length).to.be.greaterThan(0);
      } finally {
        await app.close();
      }
    });
  }
});

describe('runGuardingState', () => {
  const turnOf = async (storage: MemoryBotStorage) => {
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, {
      type: 'message', text: 'x', channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' },
      from: { id: 'u1', name: '' }, recipient: { id: 'bot', name: '' },
    });
    const state = new VersionedConversationState(storage);
    return { context, state, count: state.createProperty<number>('count') };
  };

  it('runs a turn that sent nothing again on fresh state, so both updates count', async () => {
    const storage = new MemoryBotStorage();
    const { context, state, count } = await turnOf(storage);
    const key = 'test/conversations/c1/';
    let runs = 0;
    await runGuardingState(
      context,
      [state],
      async () => {
        runs += 1;
        await count.set(context, (await count.get(context, 0)) + 1);
        // Another turn saves first, once.
        if (runs === 1) await storage.write({ [key]: { count: 10, eTag: '*' } } as StoreItems);
        await state.saveChanges(context);
      },
      async () => expect.fail('a turn that sent nothing is run again, not reported'),
    );
    expect(runs).to.equal(2);
    expect((await storage.read([key]))[key].count).to.equal(11);
  });

  it('reports instead of running again once something was sent, and passes other errors on', async () => {
    const storage = new MemoryBotStorage();
    const { context, state, count } = await turnOf(storage);
    const reported: ETagConflictError[] = [];
    const key = 'test/conversations/c1/';
    await runGuardingState(
      context,
      [state],
      async () => {
        await count.set(context, 1);
        await context.sendActivity('reply');
        await storage.write({ [key]: { count: 10, eTag: '*' } } as StoreItems);
        await state.saveChanges(context);
      },
      async (err) => void reported.push(err),
    );
    expect(reported.map((e) => e.key)).to.deep.equal([key]);
    expect((await storage.read([key]))[key].count).to.equal(10);
    let error: unknown;
    await runGuardingState(context, [state], async () => Promise.reject(new RangeError('other')), async () => undefined).catch((err) => (error = err));
    expect(error).to.be.instanceOf(RangeError);
  });
});
