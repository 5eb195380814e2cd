import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { SMS, withoutSms } from '../../dialogs/replies.js';
import { sentencesOf, topicAfter } from '../../knowledge/followUp.js';
import { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import type { Entry } from '../../knowledge/loader.js';
import { facetsOf, facetText } from '../../knowledge/questionFacets.js';
import { Ranker } from '../../knowledge/ranking.js';
import { RecentlyUsed } from '../../knowledge/recentlyUsed.js';
import { HomophoneCorrector } from '../../knowledge/homophones.js';
import { InvertedIndex } from '../../knowledge/sparse.js';
import { TfIdfIndex } from '../../knowledge/tfidf.js';
import { dialogHarness } from '../dialogs/harness.js';
import { shippedKnowledge } from '../support.js';

// fix24c: a knowledge-base turn does the same work once. The ranking's scores of a text serve every
// depth the turn ranks it at; a follow-up's topic is ranked at depth 12 only when its entries holding
// what it asks need ordering; the SMS-off rewording reads only replies that speak of SMS. Same replies
// (`npm run replies:kb -- … --against …`), fewer scorings.
const { kb } = shippedKnowledge();

/** How many times the TF-IDF voice scores a query while `run` runs: once for every text the ranking scores. */
async function scorings(run: () => unknown): Promise<number> {
  const score = TfIdfIndex.prototype.score;
  let n = 0;
  TfIdfIndex.prototype.score = function (this: TfIdfIndex, ...args: Parameters<typeof score>) {
    n++;
    return score.apply(this, args);
  };
  try {
    await run();
  } finally {
    TfIdfIndex.prototype.score = score;
  }
  return n;
}

/** How many decisions at `depth` the knowledge base makes while `run` runs. */
async function decisionsAt(depth: number, run: () => Promise<unknown>): Promise<number> {
  const decide = KnowledgeBase.prototype.decide;
  let n = 0;
  KnowledgeBase.prototype.decide = function (this: KnowledgeBase, query: string, top?: number) {
    if (top === depth) n++;
    return decide.call(this, query, top);
  };
  try {
    await run();
  } finally {
    KnowledgeBase.prototype.decide = decide;
  }
  return n;
}

describe('A knowledge-base turn does its work once (fix24c)', () => {
  it('scores a text once, whatever depths it is then ranked at', async () => {
    // The turn's answer (3), a follow-up's topic (12), the categories' entries (10).
    const q = '请问一下听力残疾的评定要去哪一家医院做呀';
    expect(await scorings(() => kb.decide(q, 3))).to.be.at.least(1);
    expect(await scorings(() => [kb.decide(q, 12), kb.decide(q, 10), kb.decide(q, 1)])).to.equal(0);
    // In other words: the agent's console asking the same at one and at five suggestions.
    const said = '俺娘眼睛看不清好几年了 护理补贴咋申请的';
    kb.suggest(said, 1);
    expect(await scorings(() => kb.suggest(said, 5))).to.equal(0);
  });

  it('does not rank a follow-up at its topic\'s depth when no entry of the topic holds what it asks', async () => {
    const { send } = await dialogHarness({ sms: true });
    await send('残疾证到期了咋换');
    // 登报 is said only by the lost card's answer, which is no renewal's: nothing of the topic to order.
    expect(await decisionsAt(12, () => send('要不要登报声明作废'))).to.equal(0);
    const other = await dialogHarness({ sms: true });
    await other.send('我的残疾证快到期了 咋换新的');
    expect(await decisionsAt(12, () => other.send('要登报不'))).to.equal(0);
  });

  it('still ranks the follow-up to say the entry of the topic that holds what it asks', async () => {
    const { send } = await dialogHarness({ sms: true });
    await send('我的残疾证快到期了 咋换新的');
    let said = '';
    expect(await decisionsAt(12, async () => (said = (await send('换证还要重新鉴定不')).map((a) => a.text ?? '').join('\n')))).to.equal(1);
    expect(said).to.include('是否需要重新评定，县残联会根据您的情况告诉您');
  });

  it('spells a message right with the correction its ranking made, not a second cut and correction', () => {
    const correct = HomophoneCorrector.prototype.correct;
    let corrections = 0;
    HomophoneCorrector.prototype.correct = function (this: HomophoneCorrector, ...args: Parameters<typeof correct>) {
      corrections++;
      return correct.apply(this, args);
    };
    try {
      for (const [said, spelled] of [['残急证掉了咋补办啊', '残疾证'], ['护里补帖一个月给多少钱呢', '护理补贴']]) {
        kb.decide(said);
        corrections = 0;
        expect(kb.spelledRight(said), said).to.include(spelled);
        expect(corrections, said).to.equal(0);
      }
      // A phone number is taken out of what the ranking reads: the message is spelled right as said.
      expect(kb.spelledRight('我电话13912345678 残急证掉了')).to.equal('我电话13912345678 残疾证掉了');
    } finally {
      HomophoneCorrector.prototype.correct = correct;
    }
  });

  it('rewords for SMS off as every rewording in turn would, searching only replies that speak of SMS', () => {
    const inTurn = (said: string) => text.smsOff.reduce((t, [words, instead]) => t.replace(words, instead), said);
    // Every reply the knowledge base can give, and the catalogue's own texts.
    const answers = kb.entries.flatMap((e) => [e.answer, e.canI ?? '', ...Object.values(e.parts ?? {})]);
    const catalogue = JSON.stringify(text).split('","');
    const said = [...answers, ...catalogue, '每一步都会给您申请时留的手机号发短信，比如预审结果、评定时间和要带的东西、公示、证件寄出；需要补材料也会告诉您原因。'];
    for (const reply of said) expect(withoutSms(reply), reply).to.equal(inTurn(reply));
    expect(said.filter((r) => r.includes(SMS)).length).to.be.at.least(20);
    const plain = '残疾人证全国都是免费的，不收工本费。';
    expect(withoutSms(plain)).to.equal(plain);
  });

  it('keeps an inverted index\'s sums of one query from the next', () => {
    // Two documents over three features; the sums of a query are cleared when the next is scored.
    const index = new InvertedIndex([[[0, 1], [1, 2]], [[1, 1], [2, 3]]], 3);
    const read = (query: [number, number][]) => {
      const n = index.score(query);
      return Array.from(index.touched.slice(0, n), (d) => [d, index.sums[d]]);
    };
    const first = read([[1, 1]]);
    expect(first).to.deep.equal([[0, 2], [1, 1]]);
    expect(read([[2, 1]])).to.deep.equal([[1, 3]]);
    expect(read([[1, 1]])).to.deep.equal(first);
    expect(read([[0, 0.5], [2, 1]])).to.deep.equal([[0, 0.5], [1, 3]]);
  });
});

// fix28p: a follow-up's reading does its topic's work once. Same replies (`npm run replies:kb -- … --against …`).
describe('A follow-up reads its topic once (fix28p)', () => {
  /** How often `KnowledgeBase.topicFamily` gathers a topic's entries, and how many entries `ofTopicFamily`'s test is put to, while `run` runs. */
  async function familyWork(run: () => Promise<unknown>): Promise<{ gathered: number; tested: number }> {
    const gather = KnowledgeBase.prototype.topicFamily;
    const of = KnowledgeBase.prototype.ofTopicFamily;
    const counts = { gathered: 0, tested: 0 };
    KnowledgeBase.prototype.topicFamily = function (this: KnowledgeBase, ...args: Parameters<typeof gather>) {
      counts.gathered++;
      return gather.apply(this, args);
    };
    KnowledgeBase.prototype.ofTopicFamily = function (this: KnowledgeBase, ...args: Parameters<typeof of>) {
      const test = of.apply(this, args);
      return (entry: Entry) => (counts.tested++, test(entry));
    };
    try {
      await run();
    } finally {
      KnowledgeBase.prototype.topicFamily = gather;
      KnowledgeBase.prototype.ofTopicFamily = of;
    }
    return counts;
  }

  it('asks whether the answer is of the topic of that entry alone, not of every entry', async () => {
    for (const [first, next, answer] of [['残疾证掉了咋补', '多久能补好', '挂失补办残疾人证一般不用重新评定'], ['听力残疾去哪评定', '要带啥', '医院短信里会写明要带的材料']]) {
      const { send } = await dialogHarness({ sms: true });
      await send(first);
      const said: string[] = [];
      const work = await familyWork(async () => said.push(...(await send(next)).map((a) => a.text ?? '')));
      expect(said.join('\n'), `${first} → ${next}`).to.include(answer);
      expect(work, `${first} → ${next}`).to.deep.equal({ gathered: 0, tested: 1 });
    }
  });

  it('folds each answer\'s sentences once, not once for every word a follow-up asks by', () => {
    const care = topicAfter('护理补贴谁能领', kb.entry('sub-care-grade12')!);
    const sentences = kb.topicFamily('要带啥', care).reduce((n, e) => n + sentencesOf(e.answer).length, 0);
    kb.heldInTopic('申请了多久能批下来', care);
    const get = RecentlyUsed.prototype.get;
    let folds = 0;
    RecentlyUsed.prototype.get = function (this: RecentlyUsed<unknown>, ...args: Parameters<RecentlyUsed<unknown>['get']>) {
      folds++;
      return get.apply(this, args);
    } as typeof get;
    try {
      // In other words too: the same topic's entries asked of by other words.
      // Held by many of the topic's sentences: folded once a sentence and word, each was read a few hundred times.
      for (const asked of ['需要长期照护吗', '照护要持续多久', '钱是按月发吗']) {
        folds = 0;
        const held = kb.heldInTopic(asked, care);
        expect(folds, asked).to.be.below(sentences / 4);
        expect(held, asked).to.not.be.empty;
      }
    } finally {
      RecentlyUsed.prototype.get = get;
    }
  });

  it('looks for the object a question asks of among the declines only', () => {
    const objectAskedOf = (Ranker.prototype as unknown as { objectAskedOf: (...args: unknown[]) => number }).objectAskedOf;
    let asked = 0;
    (Ranker.prototype as unknown as { objectAskedOf: typeof objectAskedOf }).objectAskedOf = function (this: Ranker, ...args: unknown[]) {
      asked++;
      return objectAskedOf.apply(this, args);
    };
    try {
      for (const q of ['低保多久审核一次，要公示吗', '燃气公司营业厅几点开门']) {
        asked = 0;
        expect(kb.decide(q).kind, q).to.equal('decline');
        expect(asked, q).to.equal(kb.entries.filter((e) => e.kind === 'decline').length);
      }
    } finally {
      (Ranker.prototype as unknown as { objectAskedOf: typeof objectAskedOf }).objectAskedOf = objectAskedOf;
    }
  });

  it('keeps each entry\'s wordings read as facets are, for a follow-up\'s words to be looked for in', () => {
    for (const entry of kb.entries.slice(0, 20)) {
      expect(facetsOf(entry).alternates).to.deep.equal(entry.alternates.map(facetText));
      expect(facetsOf(entry).question).to.equal(facetText(entry.question));
    }
  });
});
