import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { testActivity, testConfig } from '../support.js';

interface Reply {
  text?: string;
  suggestedActions?: { actions: { title: string }[] };
}

describe('coming back to a half-filled application in a new conversation (HTTP, whole app)', function () {
  this.timeout(30_000);
  let app: App;
  let base: string;
  before(async () => {
    app = await createApp({ config: testConfig({ store: 'memory', floodLimits: undefined }), logger: silentLogger });
    base = await app.listen();
  });
  after(() => app.close());

  async function say(conversation: string, user: string, words: string, extra: Record<string, unknown> = {}): Promise<Reply[]> {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(testActivity(words, { conversation: { id: conversation }, from: { id: user }, ...extra })),
    });
    expect(res.status).to.equal(200);
    return ((await res.json()) as { activities: Reply[] }).activities;
  }
  /** What a channel sends when the person opens a new conversation: the welcome comes before they type. */
  const join = (conversation: string, user: string) => say(conversation, user, '', { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: user }] });
  const buttons = (reply: Reply | undefined) => reply?.suggestedActions?.actions.map((a) => a.title) ?? [];

  it('the welcome says a draft is kept and offers 继续上次的申请 first; its number goes on with the form', async () => {
    await say('first', 'back-user', '我要申请');
    await say('first', 'back-user', '同意');
    expect((await say('first', 'back-user', '给我自己')).at(-1)?.text).to.include(text.application.prompts.items.slice(0, 8));
    const welcome = (await join('second', 'back-user'))[0];
    expect(welcome.text).to.include(text.welcome.draftKept);
    expect(buttons(welcome)[0]).to.match(new RegExp(`${text.welcome.resumeButton}$`));
    const resumed = await say('second', 'back-user', '1');
    expect(resumed.map((r) => r.text)).to.include(text.application.resumed);
    expect(resumed.at(-1)?.text).to.include(text.application.prompts.items.slice(0, 8));
  });

  it('someone with no draft gets the plain welcome', async () => {
    const welcome = (await join('fresh', 'new-user'))[0];
    expect(welcome.text).to.not.include(text.welcome.draftKept);
    expect(buttons(welcome).some((b) => b.endsWith(text.welcome.resumeButton))).to.equal(false);
  });
});
