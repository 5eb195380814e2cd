import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { testActivity, testConfig } from '../support.js';

// Ranking is most of a turn's CPU, and a turn asks about its message in several places (the
// greeting check, the routing, the answer): each text is ranked once a turn, never kept for the next.
describe('a turn ranks each text once (HTTP, whole app)', function () {
  this.timeout(30_000);
  let app: App;
  let base: string;
  /** Every `kb.decide` of the turn in progress, as "depth text". */
  let decided: string[] = [];
  before(async () => {
    app = await createApp({ config: testConfig({ store: 'memory', floodLimits: undefined }), logger: silentLogger });
    const decide = app.kb.decide.bind(app.kb);
    app.kb.decide = (query, top = 3) => {
      decided.push(`${top} ${query}`);
      return decide(query, top);
    };
    base = await app.listen();
  });
  after(() => app.close());

  async function say(conversation: string, words: string): Promise<string[]> {
    decided = [];
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(testActivity(words, { conversation: { id: conversation }, from: { id: conversation } })),
    });
    expect(res.status).to.equal(200);
    const replies = ((await res.json()) as { activities: { text?: string }[] }).activities;
    return replies.map((r) => r.text ?? '');
  }
  const repeated = () => decided.filter((d, i) => decided.indexOf(d) !== i);

  it('a first message (greeting check and answer) and the next ones rank the question once each', async () => {
    const first = await say('once', '残疾证有效期几年');
    expect(first.join('\n')).to.match(/10|十/);
    expect(decided).to.include('3 残疾证有效期几年');
    expect(repeated()).to.deep.equal([]);
    // Asked again in the next turn: ranked again (nothing kept across turns), once.
    const again = await say('once', '残疾证有效期几年');
    expect(again[0]).to.equal(first[0]);
    expect(decided.filter((d) => d === '3 残疾证有效期几年')).to.have.length(1);
  });

  it('a message that starts the application is ranked once for the greeting check and the routing', async () => {
    await say('apply', '我要申请残疾证');
    expect(decided.length).to.be.greaterThan(0);
    expect(repeated()).to.deep.equal([]);
  });

  it('mid-form, a question said aside is ranked once for the pleasantry check and the answer', async () => {
    await say('aside', '我要申请');
    await say('aside', '残疾证有效期几年');
    expect(decided).to.include('3 残疾证有效期几年');
    expect(repeated()).to.deep.equal([]);
  });
});
