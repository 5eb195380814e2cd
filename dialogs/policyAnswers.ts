import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Clock } from '../data/clock.js';
import { maskText, questionForCurators } from '../data/personalData.js';
import type { FeedbackStore, UnansweredStore } from '../data/stores.js';
import { answerTo, neededIn } from '../knowledge/canAsk.js';
import { asksBeyond, CONTEXT_TURNS, sentencesHolding, isFragment, nextTopic, offTopic, plainly, readInContext, sameForPerson, topicAfter, verdictFirst, type TopicContext } from '../knowledge/followUp.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Decision } from '../knowledge/ranking.js';
import type { Entry } from '../knowledge/loader.js';
import { normalizeText } from '../knowledge/normalize.js';
import { onlyOpening, withoutOpening, withoutThanks } from '../knowledge/preamble.js';
import { asksWhereAppraised, extractSlots, facetsOf, intentOf } from '../knowledge/questionFacets.js';
import { asksSomething, questionOf } from '../knowledge/runOn.js';
import { recognizeChoice, recognizeYesNo, type ChoiceOption } from './choices.js';
import { messageWithButtons, smsSaid } from './replies.js';
import { text, type Hotlines } from './text/index.js';
import { setTurnOutcome } from './turnOutcome.js';
import { turnDecide, type Decide } from './turnDecisions.js';
import { cancelsApplication, declinesPerson, recognizeCommand } from './commands.js';
import { fromTopic, readAsTheBot, refersToUnanswered, ruledDecision, topicReply, type Declined, type FromTopic, type OtherQuestion, type TopicReply } from './botReading.js';
import type { HandoffRequester } from './handoff/handoffGate.js';

/**
 * An entry's answer to a question (see `answerTo`), the sentence ruling on the condition, grade or school a
 * can-I names first ("三级的肢体残疾能领不": 肢体…不在这个范围), with its yes or no (see `verdictFirst`). An
 * entry's own yes or no ("不一定，要看本县规定") stands unless that sentence rules the value out plainly.
 */
function toldFirst(entry: Entry, question: string, topic: TopicContext | undefined): string {
  const verdict = verdictFirst(entry, question, topic);
  if (!verdict || (entry.canI && verdict.yes !== false)) return neededFirst(answerTo(entry, question), question);
  if (verdict.yes === undefined) return answerTo({ ...entry, answer: verdict.answer }, question);
  const [yes, no] = verdict.qualifies ? [text.answer.qualifies, text.answer.unqualified] : [text.answer.yes, text.answer.no];
  return `${verdict.yes ? yes : no}${verdict.answer}`;
}

/**
 * An answer to "是否必须提供监护人证明", "还要带户口本不" with its 需要 or 不用 first, when it says so of what was named (see
 * `neededIn`) and opens with no yes or no of its own.
 */
function neededFirst(answer: string, question: string): string {
  const needed = YES_OR_NO_SAID.test(answer) ? undefined : neededIn(answer, question);
  return needed === undefined ? answer : `${needed ? text.answer.needed : text.answer.notNeeded}${answer}`;
}
const YES_OR_NO_SAID = /^(?:能|可以|不能|不可以|一般不能|不一定|不用|不需要|需要|要|有|没有|会|不会|是|不是)[。，,]/u;

/** What a button shown after a KB reply does when tapped, typed or picked by number. */
export type OfferedAction =
  | { type: 'entry'; entryId: string }
  | { type: 'feedback'; helpful: boolean }
  | { type: 'notFound'; question: string }
  | { type: 'ask'; question: string; onYes?: boolean }
  | { type: 'human' }
  | { type: 'restart' };

export interface KbConversationState {
  offered?: ChoiceOption<OfferedAction>[];
  /** `said`: the paragraph sent; `times`: how many answers running it was (see `answer`). */
  /** `likely`: said as the likeliest ("您是问…吧？"), with `others` the candidates offered beside it. */
  lastAnswer?: { entryId: string; question?: string; said?: string; times?: number; likely?: true; others?: string[] };
  /** The last answered topic, against which short follow-ups ("视力的呢") are read. */
  topic?: TopicContext;
  /** The entry of the decline the last reply was (not done here, "身份证丢了怎么补"): "这里能办吗" next asks of that, not of the form. */
  declined?: string;
  /** What the last message told of the person, asking nothing, when nothing answered it ("我娃读高中腿脚不方便"). */
  told?: string;
  /** The last reply found nothing to say: a bare "要钱不" next asks of that question, not of a topic of ours. */
  notFound?: true;
}

export interface PolicyAnswerDeps {
  kb: KnowledgeBase;
  unanswered: UnansweredStore;
  feedback: FeedbackStore;
  clock: Clock;
  hotlines: Hotlines;
  /** 转人工 buttons on answers queue the conversation for the desk. */
  handoff: HandoffRequester;
  /** SMS on: answers may say that the hospital or each step texts; off, they say how people are told here. */
  sms: boolean;
}

/** The knowledge base's entry on reaching a person: answered or tapped, it queues for the desk. */
export const HANDOFF_ENTRY_ID = 'human-handoff';
const GREETING_ENTRY_ID = 'talk-greeting';
const WITHDRAW_ENTRY_ID = 'flow-withdraw';

/**
 * A button for another question of a run-on message: it asks it as if sent alone, and shows what it
 * asks: the person's words, or where they are too long for a button, the question of the answer
 * they get (not the words cut mid-sentence), else the words cut at their start.
 */
const moreButton = ({ said, asked }: OtherQuestion, decide: Decide): ChoiceOption<OfferedAction> => {
  const words = questionOf(said);
  const label = text.runOn.button(words);
  if (label === words) return { label, value: { type: 'ask', question: asked } };
  const d = decide(asked);
  return { label: d.kind === 'answer' && d.top.entry.kind === 'answer' ? d.top.entry.question : label, value: { type: 'ask', question: asked } };
};

const THANKS = /^(谢谢|多谢|感谢|谢了|谢谢你|谢谢您|辛苦了)+/u;


/** A statement mid-form ("到窗口办") is taken for a question only when it fits an entry this well. */
const SAID_ASIDE = 0.6;

/**
 * Answers policy questions from the knowledge base, and handles the buttons its replies
 * offer (follow-ups, "您想问的是", feedback). Any dialog can hand it a free-text question.
 */
/** After "您是想问下面这个吗" (one candidate and 都不是), a typed yes picks the candidate and a no is 都不是. */
function yesNoPick(input: string, offered: ChoiceOption<OfferedAction>[]): ChoiceOption<OfferedAction> | undefined {
  const entries = offered.filter((o) => o.value.type === 'entry');
  const none = offered.find((o) => o.value.type === 'notFound');
  if (entries.length !== 1 || !none) return undefined;
  const yes = recognizeYesNo(input);
  return yes === undefined ? undefined : yes ? entries[0] : none;
}

/** Putting it off: "好 我明天再填", "回头再说", "先不填了" (a yes word before it says only "all right"). */
const LATER = /明天|后天|回头|以后|再说|先不|改天|过两天|过几天|晚点|晚些|等会|下次/u;
const takesYes = (offered: ChoiceOption<OfferedAction>[]) => offered.length === 1 && offered[0].value.type === 'ask' && offered[0].value.onYes === true;

/** After a question with one button that a yes takes ("现在开始填吗？"), a typed yes is that button. */
function yesToOffer(input: string, offered: ChoiceOption<OfferedAction>[]): ChoiceOption<OfferedAction> | undefined {
  const yes = takesYes(offered) && !LATER.test(input) ? recognizeYesNo(input) : undefined;
  return yes ? offered[0] : undefined;
}

/** A no to that one button, or putting it off ("不用了", "好 我明天再填"); a question ("以后还能改吗") is none. */
const noToOffer = (input: string, offered: ChoiceOption<OfferedAction>[]) =>
  takesYes(offered) && !asksSomething(input) && (LATER.test(input) || recognizeYesNo(input) === false);

/** How far the likeliest answer mid-flow must lead the next to be given by itself. */
const LIKELY_LEAD = 0.05;
/** How many candidates are searched for the entry most about a person (see `sendSameForPerson`). */
const PERSON_DEPTH = 12;
/** An entry offered as a button: its question, answered when picked. */
const entryOption = (entry: Entry): ChoiceOption<OfferedAction> => ({ label: entry.question, value: { type: 'entry', entryId: entry.id } });

// "不是这个", "不是这个意思", "不是问这个": the answer said as the likeliest was not what was asked.
const NOT_THIS = /^(?:不是|不对)+(?:这个|这|那个)?(?:意思|问题)?[啊呀的吧]*$|^(?:不是|没)问(?:这个|的这个)/u;
// A no that wants nothing more ("不用了", "不需要了", "甭了"), not one that denies what was said ("不是", "不对").
const NOTHING_MORE = /^(?:不用|不需要|不要了|甭|算了|别了)/u;
export class PolicyAnswers {
  constructor(
    private readonly deps: PolicyAnswerDeps,
    private readonly state: StatePropertyAccessor<KbConversationState>,
  ) {}

  /** Handles a reply to the buttons of the previous KB message; false when the text is not one. */
  async handleOfferedChoice(context: TurnContext, input: string): Promise<boolean> {
    const state = await this.state.get(context, {});
    const chosen = state.offered?.length ? recognizeChoice(input, state.offered) ?? yesNoPick(input, state.offered) : undefined;
    if (!chosen && state.offered && noToOffer(input, state.offered)) {
      state.offered = undefined;
      await context.sendActivity(messageWithButtons(text.offerPutOff));
      return true;
    }
    if (!chosen) return false;
    const action = chosen.value;
    switch (action.type) {
      case 'entry': {
        const entry = this.deps.kb.entry(action.entryId);
        // The topic it was offered under stays one just before ("能办证吗" + 去哪评定: the infant's entry still holds when to appraise).
        if (entry) await this.sendEntry(context, entry, chosen.label, 1, { topic: topicAfter(entry.question, entry, {}, state.topic) });
        return entry !== undefined;
      }
      case 'feedback':
        await this.recordFeedback(context, state, action.helpful);
        return true;
      case 'notFound':
        await this.sendNotFound(context, action.question);
        return true;
      case 'ask':
        // A menu question or a run-on's other question stands on its own, not on the last topic.
        state.topic = undefined;
        await this.answer(context, action.question);
        return true;
      case 'human':
        await this.handoff(context);
        return true;
      case 'restart':
        await this.restart(context);
        return true;
    }
  }

  /** A message with its sound-alike typos corrected ("残急证" -> "残疾证"), for steps that read words in it. */
  spelledRight(input: string): string {
    return this.deps.kb.spelledRight(input);
  }

  /** What the knowledge base makes of a message alone: an answer, "您想问的是", a decline ("明天下雨不": not done here), or nothing. */
  decisionKind(context: TurnContext, input: string): Decision['kind'] {
    return turnDecide(context, this.deps.kb)(input).kind;
  }

  /** "你好", "谢谢" said on their own: a pleasantry, which a step in progress returns before asking again. */
  pleasantry(context: TurnContext, input: string): 'greeting' | 'thanks' | undefined {
    const said = normalizeText(input).replace(/[\s\p{P}]+/gu, '');
    if (THANKS.test(said) && !said.replace(THANKS, '').replace(/[啊呀啦哈了]/gu, '')) return 'thanks';
    return this.isGreeting(context, input) ? 'greeting' : undefined;
  }

  /** Whether a message is only a greeting ("你好", "在吗"). */
  isGreeting(context: TurnContext, input: string): boolean {
    const decision = turnDecide(context, this.deps.kb)(input);
    return decision.kind === 'answer' && decision.top.entry.id === GREETING_ENTRY_ID;
  }

  /** The subject changed (an appraisal just booked): no short follow-up is read against the last answer any more. */
  async forgetTopic(context: TurnContext): Promise<void> {
    const state = await this.state.get(context, {});
    delete state.topic;
  }

  /** The category of the answer a short follow-up would now be read against ("残疾证丢了咋补" → "要带啥"), if any. */
  async topicCategory(context: TurnContext): Promise<string | undefined> {
    const { topic } = await this.state.get(context, {});
    return topic && topic.turns < CONTEXT_TURNS ? this.deps.kb.entry(topic.entryId)?.category : undefined;
  }

  /** A message with the main menu's buttons (welcome, help): each asks its question. */
  async sendMenu(context: TurnContext, message: string, first: string[] = []): Promise<void> {
    await this.offer(
      context,
      message,
      // A button put first is not repeated among the menu's ("转人工" twice).
      [...first, ...text.welcome.buttons.filter((b) => !first.includes(b))].map((label) => ({
        label,
        value: recognizeCommand(label) === 'human' ? { type: 'human' } : { type: 'ask', question: label },
      })),
    );
  }

  /** The question a menu button stands for, when the input picks one ("1" after the welcome), or says yes to the one offered so. */
  async offeredQuestion(context: TurnContext, input: string): Promise<string | undefined> {
    const state = await this.state.get(context, {});
    const chosen = state.offered?.length ? recognizeChoice(input, state.offered) ?? yesToOffer(input, state.offered) : undefined;
    return chosen?.value.type === 'ask' ? chosen.value.question : undefined;
  }

  /** A message with one button that a typed yes ("好", "行") also takes ("现在开始填吗？" and 我要申请). */
  async offerOne(context: TurnContext, message: string, label: string): Promise<void> {
    await this.offer(context, message, [{ label, value: { type: 'ask', question: label, onYes: true } }]);
  }

  /** Forgets the buttons on offer, when another conversation (a form) takes over. */
  async clearOffer(context: TurnContext): Promise<void> {
    const state = await this.state.get(context, {});
    state.offered = undefined;
    state.declined = undefined;
    state.told = undefined;
    state.notFound = undefined;
  }

  /**
   * When the bot's last reply was a decline (what was asked is done elsewhere), says it again for
   * "这里能办吗" asking of it; false when the last reply was none.
   */
  async declineAgain(context: TurnContext): Promise<boolean> {
    const state = await this.state.get(context, {});
    const entry = this.deps.kb.entry(state.declined ?? '');
    if (entry) await this.sendDecline(context, entry, 1, this.declinedLast(state)?.question);
    return entry !== undefined;
  }

  /** Clears the buttons on offer and says the bot is ready for a new question. */
  async restart(context: TurnContext): Promise<void> {
    await this.offer(context, text.restart, []);
  }

  /**
   * Answers one free-text question: by itself, by asking which was meant, or by saying it
   * can't. A follow-up ("那网上办呢") is read against the last answered topic. A run-on message
   * with several questions gets the first that has an answer, and the others as buttons.
   */
  async answer(context: TurnContext, question: string): Promise<void> {
    const state = await this.state.get(context, {});
    // Emoji or punctuation alone ("😭😭😭", "？？？") ask nothing the bot can read: said so, with the menu.
    if (!normalizeText(question)) {
      setTurnOutcome(context, { outcome: 'noWords' });
      return this.sendMenu(context, text.noWords);
    }
    // "不是" to the likeliest said ("您是问…吧？"): which of the others was meant.
    const said = state.lastAnswer;
    if (said?.likely) state.lastAnswer = { ...said, likely: undefined, others: undefined };
    if (said?.likely && (recognizeYesNo(question) === false || NOT_THIS.test(normalizeText(question)))) {
      const unsaid = said.others?.flatMap((id) => this.deps.kb.entry(id) ?? []) ?? [];
      const asked = said.question ?? question;
      // Nothing else came close: it is not known here, and the question is kept for the curators.
      if (!unsaid.length) return this.sendNotFound(context, asked);
      setTurnOutcome(context, { outcome: 'clarify', entryIds: unsaid.map((e) => e.id) });
      const options = unsaid.map(entryOption);
      options.push({ label: text.clarify.noneOfThese, value: { type: 'notFound', question: asked } });
      return this.offer(context, unsaid.length === 1 ? text.clarify.introOne : text.clarify.intro, options);
    }
    // "不是" again after the others were offered or none was found, or to an answer given outright: what was
    // said did not help, never a statement adding nothing to it ("就按上面说的办").
    if (said && NOT_THIS.test(normalizeText(question))) return this.recordFeedback(context, state, false);
    // "不是" with nothing before it to deny (said again after the sorry) asks nothing: what one can ask is shown.
    if (NOT_THIS.test(normalizeText(question))) {
      setTurnOutcome(context, { outcome: 'noWords' });
      return this.sendMenu(context, text.notSure);
    }
    // "好的", "嗯", "行" (or 👍) acknowledge; they neither follow up the answer nor ask anything new.
    // "不用了", "不需要了", "不用了谢谢" close the exchange as politely: nothing more is wanted of the answer.
    if (recognizeYesNo(question) === true || (recognizeYesNo(question) === false && NOTHING_MORE.test(normalizeText(question)))) {
      setTurnOutcome(context, { outcome: 'acknowledged' });
      return this.offer(context, text.acknowledged, []);
    }
    // Laughter or mashing after an answer follows up nothing ("哈哈哈", "asdfgh").
    if (readsAsNothing(question)) {
      setTurnOutcome(context, { outcome: 'noWords' });
      return this.sendMenu(context, text.noWords);
    }
    // "我是他老伴": who asks for whom, nothing asked yet (ranked, it read as a death in the family).
    if (onlyOpening(question)) {
      setTurnOutcome(context, { outcome: 'whoFor' });
      return this.offer(context, text.askedForWhom, []);
    }
    // "我娃读高中腿脚不方便" found nothing; "能领点钱不" next asks of what it told: read as said together, without
    // a note's own opening ("来电人追问证办好后如何领取": 追问 said mid-sentence reads "来电人追问证" as another office's card).
    const told = state.told;
    state.told = undefined;
    // Read before this turn's reply clears them.
    const unanswered = state.notFound === true || state.declined !== undefined;
    if (told && asksSomething(question) && isFragment(question)) return this.answer(context, `${told}，${withoutOpening(question)}`);
    const topic = state.topic;
    if (topic) state.topic = { ...topic, turns: topic.turns + 1 };
    // Thanks follow up nothing either; a question after them may ("谢谢 那要带啥").
    const previous = THANKS.test(normalizeText(withoutThanks(question))) ? undefined : topic;
    const decide = turnDecide(context, this.deps.kb);
    const { reading, asked, more: others, parts } = readAsTheBot(this.deps.kb, question, previous, decide, this.declinedLast(state));
    const more = others.map((q) => moreButton(q, decide));
    const { decision } = reading;
    if (refersToUnanswered(question, reading, unanswered)) {
      setTurnOutcome(context, { outcome: 'whichMatter' });
      return this.offer(context, text.whichMatter, []);
    }
    if (reading.contextual) setTurnOutcome(context, { followUp: true });
    if (more.length) setTurnOutcome(context, { runOn: parts });
    switch (decision.kind) {
      case 'answer': {
        // "残疾证多久能拿到手", "能快点不", "俺急用": a statement that adds nothing to the answer just given
        // is acknowledged with where to go next, as a hotline agent would, not told the same paragraph again.
        // One naming a slot ("办证花钱不" + "我是听力的") is told the answer holds for it too.
        if (topic?.turns === 0 && topic.entryId === decision.top.entry.id && state.lastAnswer?.entryId === topic.entryId && addsNothing(question) && !more.length) {
          setTurnOutcome(context, { outcome: 'saidAlready', entryId: topic.entryId });
          return this.offer(context, text.saidAlready(this.deps.hotlines), this.nextSteps(decision.top.entry));
        }
        // The paragraph just said is not said again to a follow-up asking what it does not hold ("卡被冻结了咋整"
        // after how the money is paid): the message alone may find another entry that does ("要家属陪吗" after how
        // the appraisal goes: the companion's), else it is said plainly that it is not known here. The message
        // alone answered by the same entry was meant for it ("有时间限制吗" of the appeal): not beyond it.
        const last = state.lastAnswer;
        const again = last?.said === answerTo(decision.top.entry, question);
        // A follow-up answered from outside its topic ("换证还要重新鉴定不": the re-appraisal's fee) is
        // answered by the topic's entry holding as much of what it asks (the renewal's 重新评定), and
        // not by another service's or category's at all ("要登报不" after a renewal: the lost card's).
        // The topic's own entry said again in whole after a part of it, though it holds nothing asked
        // ("补的证号码会变吗" after how long a replacement takes): another of the topic's, or said plainly.
        const topical = topicReply(this.deps.kb, question, previous, decide, reading, more.length > 0, again);
        if (topical) return this.sendTopicReply(context, topical, question, previous!);
        // "那孩子呢" after the allowances' amounts: what was just said holds for them as for anyone; said so, briefly.
        const person = again && previous && !more.length ? sameForPerson(question, previous, decision.top.entry) : undefined;
        if (person) return this.sendSameForPerson(context, decision.top.entry, person, decide);
        const alone = again && previous !== undefined && asksBeyond(question, last!.said!, previous, (w) => this.deps.kb.saysNowhere(w), (t) => this.deps.kb.questionKey(t)) ? turnDecide(context, this.deps.kb)(question) : undefined;
        // First the topic's entries: "复核完了还不服呢" is the appeal's, not another's found alone.
        const meant = alone?.kind === 'answer' && alone.top.entry.id === decision.top.entry.id;
        const ofTopic = alone && !meant && !more.length ? fromTopic(this.deps.kb, question, previous!, decide, undefined, last!.said) : undefined;
        if (ofTopic) return this.sendFromTopic(context, ofTopic, question, previous!);
        // Alone, not another service's or category's ("要登报不" after a renewal is not the lost card's).
        if (alone?.kind === 'answer' && alone.top.entry.kind === 'answer' && alone.top.entry.id !== decision.top.entry.id && !more.length && !offTopic(alone.top.entry, question, previous!)) {
          await this.sendEntry(context, alone.top.entry, question, alone.top.score, { topic: nextTopic({ decision: alone, query: question, contextual: false }, previous) });
          return;
        }
        const beyond = alone !== undefined && !meant;
        // Asking of what it does say ("要登报不" after the replacement's): the sentences that say it. Never a third time running.
        const held = again && previous && !beyond ? sentencesHolding(question, last!.said!, previous) : undefined;
        if (again && !held && !more.length && (beyond || (last!.times ?? 1) >= 2)) {
          // Another entry of the topic may hold it ("复核完了还不服呢" after the fee of an appeal: the appeal's).
          const other = previous && fromTopic(this.deps.kb, question, previous, decide, undefined, last!.said);
          if (other) return this.sendFromTopic(context, other, question, previous!);
          return this.sendNotInAnswer(context, question, decision.top.entry);
        }
        // A sentence of the answer goes without the entry's yes or no, which answered the question before.
        const { canI: _canI, ...entry } = decision.top.entry;
        const lead = (asksWhereToApply(reading.query) && offersToApply(decision.top.entry)) || asksAllDone(question) ? text.application.appliedHere : undefined;
        await this.sendEntry(context, held ? { ...entry, answer: held } : decision.top.entry, question, decision.top.score, { topic: nextTopic(reading, previous), more, lead });
        return;
      }
      case 'decline':
        // Another subject altogether: a follow-up after it is not about the topic before.
        state.topic = nextTopic(reading, previous);
        // A follow-up declined keeps what it follows ("老年证在哪办，要带啥"): the next is read with it too.
        return this.sendDecline(context, decision.top.entry, decision.top.score, reading.query);
      case 'clarify': {
        // A follow-up the topic's entries hold ("那要是评不上呢" after applying for both): that entry, not a choice.
        const topical = topicReply(this.deps.kb, question, previous, decide, reading, more.length > 0);
        if (topical) return this.sendTopicReply(context, topical, question, previous!);
        // Likely enough: said, named as understood, the other candidates offered (as a hotline agent
        // answers "您是问补办吧？" rather than reading out a menu).
        if (decision.likely) {
          const [{ entry, score }, ...rest] = decision.options;
          const others = rest.map((o) => entryOption(o.entry));
          await this.sendEntry(context, entry, question, score, { topic: nextTopic(reading, previous), more, others, lead: text.clarify.likely(entry.question), likely: true });
          return;
        }
        const options = decision.options.map((o) => entryOption(o.entry));
        // "在哪办": where to apply, which this chat takes as well as the places the candidates name.
        const here = (asksWhereToApply(reading.query) && decision.options.some((o) => offersToApply(o.entry))) || asksAllDone(question);
        if (here) options.push({ label: text.application.applyButton, value: { type: 'ask', question: text.application.applyButton } });
        options.push({ label: text.clarify.noneOfThese, value: { type: 'notFound', question: asked } }, ...more);
        setTurnOutcome(context, { outcome: 'clarify', entryIds: decision.options.map((o) => o.entry.id) });
        // The candidates share the question's topic: a follow-up instead of a pick reads against it.
        state.topic = nextTopic({ ...reading, query: maskText(reading.query) }, previous);
        const intro = [decision.options.length === 1 ? text.clarify.introOne : text.clarify.intro, ...(here ? [text.application.appliedHereAmong] : []), ...(more.length ? [text.runOn.moreAfterPick] : [])];
        await this.offer(context, intro.join('\n'), options);
        return;
      }
      case 'none': {
        const topical = topicReply(this.deps.kb, question, previous, decide, reading, more.length > 0);
        if (topical) return this.sendTopicReply(context, topical, question, previous!);
        await this.sendNotFound(context, question);
        if (!asksSomething(question) && Object.keys(extractSlots(question)).length > 0) state.told = question;
      }
    }
  }

  /**
   * For a text said in the middle of a form that is not (or may not be) the step's answer,
   * answered without buttons that would compete with the form's own. `confident`: only when
   * the knowledge base is sure (or the topic is out of scope). `said` (no question words): also
   * only a clear fit to real content, never small talk ("是我自己" is not "你是机器人吗").
   * `asked` (it asks in words): a question whatever the ranking makes of it; the candidates
   * are named, or the bot says it can't answer (and records the question). False when the text
   * is better read as a wrong answer to the step. `applyingHere`: the person is filling in the
   * application in this chat, so what is said of other ways to apply is left out (see `smsSaid`).
   */
  async answerAside(context: TurnContext, question: string, mode: 'confident' | 'said' | 'asked' = 'confident', subject?: string, condition?: string, applyingHere = false): Promise<boolean> {
    // Laughter or mashing is no question: the step says it did not understand.
    if (readsAsNothing(question)) return false;
    const decide = turnDecide(context, this.deps.kb);
    const alone = ruledDecision(this.deps.kb, question) ?? decide(question);
    // "要多久" in the middle of a flow: unclear alone, clear about what the flow is about; "要去哪个医院查"
    // after "我妈眼睛看不见了": where to be appraised is the hospital of the condition said.
    const whereAppraised = asksWhereAppraised(question, `${subject}${question}`) && !extractSlots(question).category;
    const ofSubject = (alone.kind !== 'answer' && isFragment(question)) || whereAppraised;
    // Where to be appraised is asked of the condition the flow has heard (`condition`: "智力残疾"), if any.
    // Said plainly with it: "那要是她连窗口也去不了呢" is "办残疾证她出不了门", not where the window is.
    const about = subject && ofSubject ? decide(`${whereAppraised && condition ? condition : ''}${subject}${plainly(question)}`) : undefined;
    // A follow-up of the answer just before ("智力残疾去哪家医院鉴定" + "那她爹腿脚不好的呢"): read against that topic, once
    // the step could not read it as its answer ("寄到家可以吗" after how long mailing takes chooses mailing).
    const state = await this.state.get(context, {});
    const topic = state.topic;
    const inTopic = mode !== 'confident' && about?.kind !== 'answer' && alone.kind !== 'answer' && alone.kind !== 'decline' && topic && topic.turns < CONTEXT_TURNS
      ? readInContext(decide, question, topic, undefined, (t) => this.deps.kb.spelledRight(t))
      : undefined;
    const decision = about?.kind === 'answer' ? about : inTopic?.contextual && inTopic.decision.kind === 'answer' ? inTopic.decision : alone;
    const sure = decision.kind === 'answer' || decision.kind === 'decline';
    if (sure && (mode !== 'said' || (decision.top.entry.kind !== 'smalltalk' && decision.top.score >= SAID_ASIDE))) {
      const { entry, score } = decision.top;
      if (entry.id === HANDOFF_ENTRY_ID) {
        await this.handoff(context);
        return true;
      }
      setTurnOutcome(context, { outcome: `aside-${decision.kind}`, entryId: entry.id, score });
      // An answer becomes the topic a follow-up mid-form is read against, as outside it.
      state.topic = decision.kind === 'answer' && entry.kind === 'answer' ? nextTopic(inTopic?.contextual ? inTopic : { decision, query: maskText(question), contextual: false }, topic) : undefined;
      // Its yes or no first, as outside the form (see `toldFirst`).
      const body = decision.kind === 'answer' ? `${toldFirst(entry, question, topic)}\n\n${text.answer.source(entry.source)}` : entry.answer;
      await context.sendActivity(messageWithButtons(smsSaid(body, this.deps.sms, applyingHere)));
      return true;
    }
    if (mode !== 'asked') return false;
    // Which was meant cannot be asked with buttons that would compete with the step's: the likeliest
    // is answered, named, so the person sees what was understood (not "ask again after this step").
    if (decision.kind === 'clarify') {
      const [{ entry, score }, next] = decision.options;
      setTurnOutcome(context, { outcome: 'aside-clarify', entryIds: decision.options.map((o) => o.entry.id) });
      // Only when it leads the others: a near tie is named, not answered ("孩子上学要残疾证 在哪办" is no grant's how-to).
      const leads = !next || score - next.score >= LIKELY_LEAD;
      const said = leads
        ? `${text.flow.asideLikely(entry.question)}\n${answerTo(entry, question)}\n\n${text.answer.source(entry.source)}`
        : text.flow.asideOneOf(decision.options.map((o) => o.entry.question));
      await context.sendActivity(messageWithButtons(smsSaid(said, this.deps.sms, applyingHere)));
      return true;
    }
    await this.recordUnanswered(question);
    setTurnOutcome(context, { outcome: 'aside-notFound' });
    await context.sendActivity(messageWithButtons(text.flow.asideUnknown(this.deps.hotlines)));
    return true;
  }

  /**
   * A cancel with nothing in progress: says so; one that speaks of an application ("取消申请", "不办了")
   * is also offered how to withdraw a submitted one, "退出" is not.
   */
  async nothingToCancel(context: TurnContext, input: string): Promise<void> {
    if (!cancelsApplication(input)) return this.offer(context, text.nothingToLeave, []);
    const entry = this.deps.kb.entry(WITHDRAW_ENTRY_ID);
    if (!entry) throw new Error(`knowledge base lacks the ${WITHDRAW_ENTRY_ID} entry`);
    await this.offer(context, text.nothingToCancel, [entryOption(entry)]);
  }

  /** 转人工 from a button of an answer: the conversation is queued for the desk; not for "我不要人工了", which ranks there too. */
  async handoff(context: TurnContext): Promise<void> {
    await this.clearOffer(context);
    if (declinesPerson(context.activity.text ?? '')) {
      setTurnOutcome(context, { outcome: 'handoff-declined' });
      await context.sendActivity(text.handoff.left);
      return;
    }
    await this.deps.handoff.request(context, 'asked');
  }

  /**
   * Sends an entry's answer with its buttons; an answer (not small talk) becomes the topic.
   * `more`: the other questions of a run-on message, offered first.
   */
  private async sendEntry(
    context: TurnContext,
    entry: Entry,
    question: string,
    score: number,
    { topic, more = [], others = [], lead, likely }: { topic?: TopicContext; more?: ChoiceOption<OfferedAction>[]; others?: ChoiceOption<OfferedAction>[]; lead?: string; likely?: true } = {},
  ): Promise<void> {
    // Asking for a person, in whatever words ranked to it, is 转人工 itself: no promise without a queue.
    if (entry.id === HANDOFF_ENTRY_ID) return this.handoff(context);
    setTurnOutcome(context, { outcome: likely ? 'likely' : 'answer', entryId: entry.id, score });
    // With the other candidates on offer, the entry's own next steps wait: a phone shows a few buttons well.
    const options: ChoiceOption<OfferedAction>[] = [...more, ...others, ...(others.length ? [] : this.nextSteps(entry))];
    const rateable = entry.kind === 'answer' || entry.kind === 'handoff';
    if (rateable) {
      options.push(
        { label: text.answer.helpful, value: { type: 'feedback', helpful: true } },
        { label: text.answer.notHelpful, value: { type: 'feedback', helpful: false } },
      );
    }
    const state = await this.state.get(context, {});
    const said = toldFirst(entry, question, state.topic);
    const answer = rateable ? `${lead ? `${lead}\n` : ''}${said}\n\n${text.answer.source(entry.source)}` : entry.answer;
    const body = [answer, ...(more.length ? [text.runOn.more] : []), ...(others.length ? [text.clarify.likelyOthers] : [])].join('\n\n');
    // Kept as asked in the person's own chat state; masked only if it is rated (the curators' copy).
    const times = state.lastAnswer?.said === said ? (state.lastAnswer.times ?? 1) + 1 : 1;
    const otherIds = others.flatMap(({ value }) => (value.type === 'entry' ? [value.entryId] : []));
    state.lastAnswer = { entryId: entry.id, question, said, times, ...(likely && { likely, others: otherIds }) };
    if (entry.kind === 'answer' && topic) state.topic = { ...topic, query: maskText(topic.query) };
    await this.offer(context, body, options);
  }

  /** What a follow-up's topic makes of it (see `topicReply`): its entry said, or said plainly that it is not known. */
  private async sendTopicReply(context: TurnContext, reply: TopicReply, question: string, previous: TopicContext): Promise<void> {
    return 'from' in reply ? this.sendFromTopic(context, reply.from, question, previous) : this.sendNotInAnswer(context, question, reply.unheld);
  }

  /** A topic's entry said to a follow-up (see `fromTopic`), left as the topic. */
  private async sendFromTopic(context: TurnContext, from: FromTopic, question: string, previous: TopicContext): Promise<void> {
    const { entry, answer, score } = from;
    setTurnOutcome(context, { followUp: true });
    const { canI: _canI, ...said } = entry;
    const top = { entry, score };
    const topic = nextTopic({ decision: { kind: 'answer', top, ranked: [top] }, query: question, contextual: true }, previous);
    await this.sendEntry(context, { ...said, answer }, question, score, { topic });
  }

  /**
   * That the answer just given holds for the person a follow-up names ("那孩子呢"), with the entry of the topic's kind
   * most about them offered (a child's allowances: the guardian applies) before the answer's own next steps.
   */
  private async sendSameForPerson(context: TurnContext, entry: Entry, { value, word }: { value: string; word: string }, decide: Decide): Promise<void> {
    setTurnOutcome(context, { outcome: 'sameForPerson', entryId: entry.id });
    const theirs = decide(`${word}${entry.question}`, PERSON_DEPTH).ranked.find(
      (r) => r.entry.kind === 'answer' && r.entry.category === entry.category && (facetsOf(r.entry).about.get('age')?.has(value) ?? false),
    );
    const options = [...(theirs ? [entryOption(theirs.entry)] : []), ...this.nextSteps(entry)];
    await this.offer(context, text.sameForPerson(word), options);
  }

  /** Said plainly that what a follow-up asks is not known here, rather than a paragraph that does not hold it. */
  private async sendNotInAnswer(context: TurnContext, question: string, entry: Entry): Promise<void> {
    await this.recordUnanswered(question);
    setTurnOutcome(context, { outcome: 'notInAnswer', entryId: entry.id });
    return this.offer(context, text.notInAnswer(this.deps.hotlines), this.nextSteps(entry));
  }

  /** The decline the last reply was, and what it declined: a short follow-up next asks of that (see `readAsTheBot`). */
  private declinedLast({ declined, lastAnswer }: KbConversationState): Declined | undefined {
    const entry = declined === undefined ? undefined : this.deps.kb.entry(declined);
    const question = lastAnswer?.entryId === declined ? lastAnswer?.question : undefined;
    return entry && question ? { entry, question } : undefined;
  }

  /** An entry's follow-up buttons: what to ask or do next. */
  private nextSteps(entry: Entry): ChoiceOption<OfferedAction>[] {
    // A 转人工 follow-up queues for the desk rather than showing how to phone.
    return entry.followUps.map((f) => ({
      label: f.label,
      value: !('to' in f) ? { type: 'ask', question: f.ask } : f.to === HANDOFF_ENTRY_ID ? { type: 'human' } : { type: 'entry', entryId: f.to },
    }));
  }

  /**
   * An out-of-scope entry's answer: where to ask instead, with 转人工. It is the answer "不是" next
   * says did not help (`question`: what was asked), not one said before it.
   */
  private async sendDecline(context: TurnContext, entry: Entry, score: number, question?: string): Promise<void> {
    setTurnOutcome(context, { outcome: 'decline', entryId: entry.id, score });
    await this.offer(context, entry.answer, [{ label: text.notFoundButtons[0], value: { type: 'human' } }]);
    const state = await this.state.get(context, {});
    state.declined = entry.id;
    state.lastAnswer = { entryId: entry.id, ...(question ? { question } : {}) };
  }

  /** Keeps a question for the curators; an ID number, phone, case number or ID tail typed at the wrong moment is not one. */
  private async recordUnanswered(question: string): Promise<void> {
    if (readsAsNothing(question)) return;
    const kept = questionForCurators(question);
    const key = kept && this.deps.kb.questionKey(kept);
    if (key) await this.deps.unanswered.record(key, kept, this.deps.clock.now());
  }

  private async sendNotFound(context: TurnContext, question: string): Promise<void> {
    await this.recordUnanswered(question);
    setTurnOutcome(context, { outcome: 'notFound' });
    const [human, restart] = text.notFoundButtons;
    // A story asking how to get it all done is still offered what does it: applying here.
    const apply: ChoiceOption<OfferedAction>[] = asksAllDone(question) ? [{ label: text.application.applyButton, value: { type: 'ask', question: text.application.applyButton } }] : [];
    await this.offer(context, text.notFound(this.deps.hotlines), [
      ...apply,
      { label: human, value: { type: 'human' } },
      { label: restart, value: { type: 'restart' } },
    ]);
    (await this.state.get(context, {})).notFound = true;
  }

  private async recordFeedback(context: TurnContext, state: KbConversationState, helpful: boolean): Promise<void> {
    const last = state.lastAnswer;
    if (!last) {
      await this.offer(context, text.feedback.nothingToRate, []);
      return;
    }
    const question = last.question && questionForCurators(last.question);
    await this.deps.feedback.record({
      entryId: last.entryId,
      helpful,
      channel: 'chat',
      ...(question ? { question } : {}),
      at: this.deps.clock.now().toISOString(),
    });
    setTurnOutcome(context, { outcome: 'feedback', entryId: last.entryId, helpful });
    state.lastAnswer = undefined;
    await this.offer(context, helpful ? text.feedback.thanks : text.feedback.sorry, helpful ? [] : [
      { label: text.notFoundButtons[0], value: { type: 'human' } },
    ]);
  }

  private async offer(context: TurnContext, message: string, options: ChoiceOption<OfferedAction>[]): Promise<void> {
    const state = await this.state.get(context, {});
    state.offered = options;
    state.declined = undefined;
    state.told = undefined;
    state.notFound = undefined;
    await context.sendActivity(messageWithButtons(smsSaid(message, this.deps.sms), options.map((o) => o.label)));
  }
}

/**
 * "在哪办", "残疾证去哪申请", "护理补贴在哪申请": where to apply for what the form takes; not a service
 * of the card (补办), nor a way or place named ("窗口在哪"), nor the appraisal ("要去哪个医院检查").
 */
function asksWhereToApply(query: string): boolean {
  const slots = extractSlots(query);
  return intentOf(query) === 'where' && /办|申请|申领/u.test(query) && !/医院|检查/u.test(query) && !slots.service && !slots.channel && !slots.place && slots.item !== '评定';
}

/** "到底怎么办才能一次办好", "咋样才能一次办成": how to get it all done, which applying here does. */
const ALL_DONE = /(?:怎么|咋|如何|怎样)(?:办|弄|做)?才能.{0,6}(?:办好|办成|办下来|办完)|一次(?:性)?(?:就)?(?:办好|办成|办完|办下来)/u;
/** Whether a story asks how to get it all done ("…到底怎么办才能一次办好"): the application here is offered with the answer. */
const asksAllDone = (question: string) => ALL_DONE.test(normalizeText(question).replace(/\s+/gu, ''));

/** Whether an entry's buttons start the application here (`ask: 我要申请`): its answer says where one applies. */
const offersToApply = (entry: Entry) => entry.followUps.some((f) => 'ask' in f && recognizeCommand(f.ask) === 'apply');

/**
 * A question mark (which the words lose when normalized) or "真的…": "真的只跑一次?", "就这么简单？" doubt what was
 * just said and ask it to be confirmed, which the answer again does; not a statement adding nothing.
 */
const DOUBTS = /[?？]$|^真的|真的吗|是真的/u;
/** A statement (no question in its words) naming no slot: "俺急用", "我丢了". */
const addsNothing = (question: string) => !asksSomething(question) && !ASKS_WHICH.test(normalizeText(question)) && !DOUBTS.test(question.trim()) && Object.keys(extractSlots(question)).length === 0;
// A choice between two things ("是工作日还是自然日", "原件还是复印件") asks which, not "就按上面说的办"; not 还是 of "still" ("还是不行").
const ASKS_WHICH = /\p{Script=Han}还是(?![不没别想要得会去在])\p{Script=Han}/u;

// Laughter, sighs and keyboard mashing ("哈哈哈哈", "呵呵", "啊啊啊sdfgh", "qwertyuiop") that nothing
// answers: they ask nothing, so they are said to be unread rather than kept for the curators.
const INTERJECTION = /[哈呵嘿嘻啊哦嗯呃额噢唉哎呀啦嘛哇呜]/gu;
function readsAsNothing(question: string): boolean {
  const rest = normalizeText(question).replace(/[\s\p{P}\p{S}]+/gu, '').replace(INTERJECTION, '');
  return rest === '' || /^[a-z]+$/iu.test(rest);
}
