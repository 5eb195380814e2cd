import { expect } from 'chai';
import { registerAgent } from '../../bot/routes/agent.js';
import { text } from '../../dialogs/text/index.js';
import { dialogHarness } from '../dialogs/harness.js';
import { serveRoutes, shippedKnowledge } from '../support.js';

interface Suggested {
  decision: string;
  entryId?: string;
  answered: boolean;
  options?: string[];
  suggestions: { id: string }[];
}

// The console labels suggestions by what the bot itself would do with the question (trial 11:
// "把握不大" beside a right top suggestion the bot offers as "您想问的是").
describe('GET /api/agent/suggest says what the bot itself would do', () => {
  const { kb, region } = shippedKnowledge();
  let served: Awaited<ReturnType<typeof serveRoutes>>;
  before(async () => {
    served = await serveRoutes((server) => registerAgent(server, kb, true));
  });
  after(() => served.close());

  const suggest = async (q: string): Promise<Suggested> => (await (await fetch(`${served.base}/api/agent/suggest?q=${encodeURIComponent(q)}&top=3`)).json()) as Suggested;

  /** What the chat does with the question asked first in a new conversation. */
  async function chatDoes(q: string): Promise<{ decision: string; text: string }> {
    const reply = (await (await dialogHarness()).say(q)).text ?? '';
    if (reply.startsWith(text.clarify.intro) || reply.startsWith(text.clarify.introOne)) return { decision: 'clarify', text: reply };
    // "您是问“…”吧？" and the answer: the likeliest said, named.
    if (reply.startsWith(text.clarify.likely('').split('”')[0])) return { decision: 'likely', text: reply };
    if (reply === text.notFound(region.hotlines)) return { decision: 'none', text: reply };
    return { decision: kb.entries.some((e) => e.kind === 'decline' && e.answer === reply) ? 'decline' : 'answer', text: reply };
  }

  const table: [question: string, decision: string][] = [
    ['中风了半边身子不能动 能办残疾证不', 'clarify'],
    ['护理补贴谁能领', 'answer'],
    ['帮我查一下快递到哪了', 'decline'],
    ['老头子中风了能不能办个残疾证补贴能领多少', 'answer'],
    ['明天会不会下雨', 'decline'],
    ['证让人偷了能补不', 'likely'],
  ];
  for (const [question, decision] of table) {
    it(`"${question}": ${decision}, as in the chat`, async () => {
      const got = await suggest(question);
      expect(got.decision).to.equal(decision);
      expect((await chatDoes(question)).decision).to.equal(decision);
      if (decision !== 'clarify' && decision !== 'none') expect((await chatDoes(question)).text).to.include(kb.entry(got.entryId!)!.answer.slice(0, 20));
      else expect(got.entryId).to.equal(undefined);
    });
  }

  it('the trial\'s question: the right entry first, offered for confirmation rather than "not sure"', async () => {
    const got = await suggest('中风了半边身子不能动 能办残疾证不');
    expect(got.suggestions[0].id).to.equal('cert-age-illness');
    expect(got.decision).to.equal('clarify');
  });

  // Trial 20: the deaf person's "检查要多长时间，需要家人陪吗" showed the review's 10 working days first, 把握大.
  for (const q of ['检查要多长时间，需要家人陪吗', '老头子中风了能不能办个残疾证补贴能领多少']) {
    it(`"${q}": the entry the bot answers with comes first`, async () => {
      const got = await suggest(q);
      expect(got.decision).to.equal('answer');
      expect(got.suggestions[0].id).to.equal(got.entryId);
      expect(got.suggestions).to.have.length(3);
      expect(new Set(got.suggestions.map((s) => s.id)).size).to.equal(3);
    });
  }

  // Trial 24: the chat asked about one candidate ("您是想问下面这个吗？") and dropped another the console
  // labelled "您想问的是" too. The API names exactly the candidates the chat offers, first, in its order.
  for (const q of [
    '来电咨询 智力残疾孩子上特教学校学费能减免不',
    '残疾证弄丢了 坐公交要用 补一个要几天',
    // Unscripted.
    '中风了半边身子不能动 能办残疾证不',
    '俺老头子中风了半边身子不能动 能给办个残废证不',
    '孩子智力残疾 上特教学校学费能免不',
  ]) {
    it(`"${q}": a choice names the chat's candidates and no other`, async () => {
      const got = await suggest(q);
      const reply = await (await dialogHarness()).say(q);
      const offered = (reply.suggestedActions?.actions ?? []).map((a) => (a.title ?? '').replace(/^\d+\. /, '')).filter((title) => title !== text.clarify.noneOfThese);
      expect(got.decision).to.equal('clarify');
      expect(reply.text!.startsWith(offered.length === 1 ? text.clarify.introOne : text.clarify.intro), reply.text).to.equal(true);
      expect(got.options!.map((id) => kb.entry(id)!.question)).to.deep.equal(offered);
      expect(got.suggestions.slice(0, got.options!.length).map((s) => s.id)).to.deep.equal(got.options);
    });
  }

  it('a run-on the bot answers by its first question names the entry it answers with', async () => {
    const got = await suggest('老头子中风了能不能办个残疾证补贴能领多少');
    expect(got.entryId).to.not.equal(undefined);
    expect(got.suggestions.map((s) => s.id)).to.include(got.entryId!);
  });
});
