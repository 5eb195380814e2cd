import { answerTo } from '../knowledge/canAsk.js';
import { answersAsAsked, asksBeyond, asksOnlyQuestion, CONTEXT_TURNS, isFragment, namedAnew, nextTopic, offTopic, readInContext, whichOfTopic, type Held, type Reading, type TopicContext } from '../knowledge/followUp.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Entry } from '../knowledge/loader.js';
import { normalizeText } from '../knowledge/normalize.js';
import { OTHER_PLACE_ENTRY_ID } from '../knowledge/otherPlace.js';
import { extractSlots, facetsOf, intentOf, itemsOf, tellsWhereAppraised } from '../knowledge/questionFacets.js';
import { DEFAULT_RANKING, type Decision, type Ranked } from '../knowledge/ranking.js';
import { saysCannotHearOrSpeak } from './commands.js';
import { asksAfterParcel } from './status/progressIntent.js';
import type { Decide } from './turnDecisions.js';

/** The knowledge base's decline for parcels and couriers. */
const PARCEL_ENTRY_ID = 'decl-express';
/** The knowledge base's decline for the social-security card's own matters (人社's), changing what is on it among them. */
const SOCIAL_CARD_ENTRY_ID = 'decl-social-insurance-query';

/**
 * Changing what is on the social-security card ("社保卡上的照片太丑了 能换不", "社保卡名字错了咋改"): 人社's matter. Its words
 * rank with applying for one here (its photo's requirements), which is ours; changing a card one has is not.
 */
const SOCIAL_CARD = /社保卡|社会保障卡/u;
const ON_CARD = /照片|相片|像片|头像|信息|名字|姓名|性别|出生/u;
const CHANGED = /换|改|重拍|重照|重新照|重新拍|变更|更正|更新|错/u;
const changesSocialCard = (question: string) => {
  const folded = normalizeText(question);
  return SOCIAL_CARD.test(folded) && ON_CARD.test(folded) && CHANGED.test(folded) && extractSlots(folded).item === undefined;
};

/** The knowledge base's answer for someone who cannot hear, speak or phone and would type. */
const DEAF_TEXT_ENTRY_ID = 'svc-deaf-text';
/**
 * Typing asked of by someone who says they cannot hear or phone ("我耳朵不好使 电话听不见 能打字不"): the deaf person's
 * question, which ranks with that of someone who cannot type (talk-voice shares all its words but the not).
 */
const TYPING = /打字/u;
const CANNOT_TYPE = /打不了字|不会打字|打不来字|打字不方便|不能打字|打不好字/u;
const deafAsksToType = (question: string) => {
  const folded = normalizeText(question);
  return TYPING.test(folded) && !CANNOT_TYPE.test(folded) && saysCannotHearOrSpeak(question);
};

/** What a short part of a run-on may name besides an item ("补贴能领多少", "需要家人陪吗"): then it asks of its own ("要去哪个医院" asks of the part before). */
const NAMES_SUBJECT = /补贴|补助|公示|照片|低保|陪/u;

/**
 * Whether a run-on's other question is a button: it names what the service is about (an item, a
 * subsidy: "…办下来有啥补贴能领" is the person's question however the scene buries it), or, asked
 * alone as its button asks it, gets an answer, a choice, or a decline it fits as a question. "俺腿不中
 * 能坐轮椅去不 有没有电梯": nothing answers whether there is a lift (only the neighbourhood's
 * decline names 电梯), so it is no button of the person's own words.
 */
const offered = (part: string, decide: Decide) => {
  if (extractSlots(part).item !== undefined || NAMES_SUBJECT.test(part)) return true;
  const d = decide(part);
  return d.kind === 'answer' || d.kind === 'clarify' || (d.kind === 'decline' && d.top.score >= DEFAULT_RANKING.suggest);
};

/** A run-on's other question: its words (`said`), and the question its button asks (`asked`). */
export interface OtherQuestion {
  said: string;
  asked: string;
}

/** How the bot reads a free-text question: the reading it replies with, and a run-on's other questions. */
export interface BotReading {
  reading: Reading;
  /** The part replied to ("您想问的是" keeps it for "都不是"); the whole question unless a run-on was cut. */
  asked: string;
  /** The run-on's other questions, offered as buttons: each as said, and as meant in the message (see `asMeant`). */
  more: OtherQuestion[];
  /** How many questions the run-on was cut into. */
  parts: number;
}

/**
 * "帮我查一下快递到哪了": a parcel this service does not track (the certificate's mailing it does), and changing what is on
 * the social-security card, declined before any ranking; a deaf person asking to type, answered so.
 */
export function ruledDecision(kb: KnowledgeBase, question: string): Decision | undefined {
  const deaf = deafAsksToType(question) ? kb.entry(DEAF_TEXT_ENTRY_ID) : undefined;
  if (deaf) return { kind: 'answer', top: { entry: deaf, score: 1 }, ranked: [{ entry: deaf, score: 1 }] };
  const ruled = asksAfterParcel(question) ? kb.entry(PARCEL_ENTRY_ID) : changesSocialCard(question) ? kb.entry(SOCIAL_CARD_ENTRY_ID) : undefined;
  if (!ruled) return undefined;
  const top = { entry: ruled, score: 1 };
  return { kind: 'decline', top, ranked: [top] };
}

/**
 * Words of our own subject: a follow-up naming them ("那残疾人呢", "补贴呢") after a decline asks of ours, not of
 * what was declined, and so does a run-on's part naming them after a declined one.
 */
const OUR_SUBJECT = /残|补贴|补助/u;

/**
 * Whether a message just after a decline asks of what was declined: the decline was for an object
 * named (老年证, 驾驶证: not "寄的话要钱不" taken for a chore the bot cannot do), and the message is short,
 * naming nothing of ours ("在哪办" after 老年证, "九十的呢" after 高龄补贴, "要体检不" after 驾驶证), and
 * no small talk ("你好"). Read alone, it would be taken for a disability question.
 */
function asksOfDeclined(kb: KnowledgeBase, question: string, declined: Declined, decide: Decide): boolean {
  // Folded as the ranking folds them: "吃啥药" names 什么药 as the decline's object does.
  const asked = kb.questionKey(declined.question);
  if (!(declined.entry.about ?? []).map((o) => kb.questionKey(o)).some((o) => o && asked.includes(o))) return false;
  const { item, category, grade } = extractSlots(question);
  if (!isFragment(question) || item || category || grade || OUR_SUBJECT.test(question)) return false;
  const alone = decide(question);
  return !(alone.kind === 'answer' && alone.top.entry.kind !== 'answer');
}

/**
 * How the bot reads a question, before it says anything: a ruled decline, or a follow-up of the
 * decline just said (`declined`) declined again; else each question of a
 * run-on read against the topic before (`previous`); the first part answered, else the first that
 * gets "您想问的是", and the others as buttons. The chat replies by it and the agent console labels
 * its suggestions by it, so an agent sees the confidence the caller meets. `decide`: the chat's
 * turn ranks each text once (see turnDecisions.ts).
 */
export function readAsTheBot(kb: KnowledgeBase, question: string, previous?: TopicContext, decide: Decide = (query, top) => kb.decide(query, top), declined?: Declined): BotReading {
  const ruled = ruledDecision(kb, question);
  if (ruled) return { reading: { decision: ruled, query: question, contextual: false }, asked: question, more: [], parts: 1 };
  // Said with what it follows, it is another office's matter still (or another's: "残疾人能考驾驶证不 要体检不", the medical).
  const together = declined && asksOfDeclined(kb, question, declined, decide) ? `${declined.question}，${question}` : undefined;
  const decision = together ? (ruledDecision(kb, together) ?? decide(together)) : undefined;
  if (decision?.kind === 'decline') return { reading: { decision, query: together!, contextual: true }, asked: question, more: [], parts: 1 };
  const choice = previous && askedOfChoices(kb, question, previous);
  if (choice) return { reading: { decision: choice, query: question, contextual: true }, asked: question, more: [], parts: 1 };
  const spell = (q: string) => kb.spelledRight(q);
  const read = (q: string) => readInContext(decide, q, previous, undefined, spell);
  // The whole message is read at most once, whichever check needs it first.
  let wholeReading: ReturnType<typeof read> | undefined;
  const readWhole = () => (wholeReading ??= read(question));
  const split = kb.splitQuestions(question);
  // "听力的呢 要咋评": a follow-up that goes on to ask is one question about the topic, not two; one that
  // asks of its own ("检查要多长时间，需要家人陪吗") is two questions still.
  const parts = previous && split.length > 1 && isFragment(split[0]) && !intentOf(split[0]) ? [question] : split;
  // A later part too short to stand alone ("残急证谁都能办吗 有啥条件") is no answer of its own unless
  // it names what it asks about ("…能不能办个残疾证 补贴能领多少"), and a whole message the
  // knowledge base answers is not split for a "您想问的是" of a part.
  const standsAlone = (part: string) => !isFragment(part) || extractSlots(part).item !== undefined || NAMES_SUBJECT.test(part);
  // The topic's answer said again to one part ("听力残疾评定要做什么检查" + "检查要多长时间，需要家人陪吗") says
  // nothing new: a part that alone is answered otherwise ("需要家人陪吗": who may come along) is read alone.
  const repeats = (r: Reading) => r.decision.kind === 'answer' && r.decision.top.entry.id === previous?.entryId;
  const anew = (part: string, r: Reading) => {
    const alone = repeats(r) ? readInContext(decide, part, undefined, undefined, spell) : undefined;
    return alone?.decision.kind === 'answer' && !repeats(alone) ? alone : r;
  };
  const each = parts.length > 1 ? parts.map((part) => anew(part, read(part))) : [];
  // "北京残疾证怎么办 要去哪个医院": all of it is about the other place, whose rules are not ours to
  // tell; "结婚证怎么办要带啥": declined as a whole for what its first question declines, the rest
  // asks about that (the split gave "要带啥" our certificate as its subject).
  const opening = each[0]?.decision;
  // So is "护照怎么办理，照片有要求吗": what follows, naming nothing of ours, asks of the declined matter;
  // "老年证咋办 护理补贴能领不" asks of ours too.
  // Ours said in the person's own words, not carried over by the split ("养狗要办证吗 在哪办" gave "残疾证在哪办").
  const aboutDeclined = opening?.kind === 'decline' && parts.slice(1).every((part) => !(question.includes(part) && OUR_SUBJECT.test(part)));
  if (aboutDeclined && readWhole().decision.kind !== 'decline') return { reading: each[0], asked: question, more: [], parts: parts.length };
  const readings = aboutDeclined || each.some(({ decision: d }) => d.kind === 'decline' && d.top.entry.id === OTHER_PLACE_ENTRY_ID) ? [] : each;
  const answeredAlone = (r: (typeof readings)[number], i: number) => r.decision.kind === 'answer' && (i === 0 || standsAlone(parts[i]));
  // Where the named condition is appraised ("…想办个残疾证咋整要去哪个医院") is said first: a how-to
  // answer says to go to the appraisal, not where; the other questions are buttons.
  const appraisal = readings.findIndex((r, i) => answeredAlone(r, i) && r.decision.kind === 'answer' && tellsWhereAppraised(r.decision.top.entry));
  // Else the part answered anew goes first, however short, and the one answered with the topic again is offered.
  const fresh = readings.findIndex((r, i) => r.decision.kind === 'answer' && !repeats(r) && (i === 0 || standsAlone(parts[i]) || repeats(readings[0])));
  const answered = appraisal >= 0 ? appraisal : fresh >= 0 ? fresh : readings.findIndex(answeredAlone);
  const whole = answered < 0 && readings.length ? readWhole() : undefined;
  const first = answered >= 0 ? answered : whole?.decision.kind === 'answer' ? -1 : readings.findIndex((r) => r.decision.kind === 'clarify');
  const more = first >= 0 ? parts.filter((p, i) => i !== first && offered(p, decide)) : [];
  return {
    reading: first >= 0 ? readings[first] : readWhole(),
    asked: first >= 0 ? parts[first] : question,
    more: first >= 0 ? asMeant(more, readings[first], previous, decide, spell) : [],
    parts: parts.length,
  };
}

/**
 * A question with nothing of its own but what it asks ("那要咋申请"), just after a "您想问的是" the person did not
 * pick from (护理补贴 or 生活补贴 a month): asked of each candidate, as its own button asking that way says
 * ("怎么申请？": each allowance's how-to), not of the first candidate's words with the person's condition (the
 * appraisal's). Undefined when fewer than two candidates have such a button, or it names anything anew.
 */
const ASK_WORDS = /怎么|咋|如何|怎样|什么|啥|哪些|哪里|哪儿|哪|多少|几|吗|呢|[？?]/gu;
function askedOfChoices(kb: KnowledgeBase, question: string, previous: TopicContext): Decision | undefined {
  const asked = intentOf(question);
  if (!previous.choices || previous.turns > 1 || !asked || !isFragment(question) || namedAnew(question, previous).length > 0) return undefined;
  // The button asking it in the same words besides its question words ("怎么申请？" to "咋申请"; not "钱怎么发？").
  const asks = (label: string) => intentOf(label) === asked && question.includes(label.replace(ASK_WORDS, ''));
  const targets = previous.choices.flatMap((id) => kb.entry(id)?.followUps.flatMap((f) => ('to' in f && asks(f.label) ? [f.to] : [])) ?? []);
  const entries = [...new Set(targets)].map((id) => kb.entry(id)).filter((e): e is Entry => e !== undefined);
  if (entries.length < 2) return undefined;
  const options = entries.slice(0, 3).map((entry) => ({ entry, score: DEFAULT_RANKING.suggest }));
  return { kind: 'clarify', options, ranked: options };
}

/**
 * A run-on's other questions as meant in the message: one leaning on the part answered ("聋哑人 能上大学不
 * 有钱补不": money for college) is asked as read against the topic that answer leaves, not alone (the two
 * allowances); one that answer already says is not offered again.
 */
function asMeant(more: string[], said: Reading, previous: TopicContext | undefined, decide: Decide, spell: (q: string) => string): OtherQuestion[] {
  const { decision } = said;
  const entry = decision.kind === 'answer' ? decision.top.entry : decision.kind === 'clarify' && decision.likely ? decision.options[0].entry : undefined;
  const left = entry && nextTopic(said, previous);
  return more.flatMap((part) => {
    const meant = left && isFragment(part) ? readInContext(decide, part, left, undefined, spell) : undefined;
    if (!meant?.contextual || meant.decision.kind !== 'answer') return [{ said: part, asked: part }];
    return meant.decision.top.entry.id === entry!.id ? [] : [{ said: part, asked: meant.query }];
  });
}

/** The decline just said: its entry, and the question it declined. */
export interface Declined {
  entry: Entry;
  question: string;
}

/** The decline a reading is, if it is one. */
const declinedBy = (reading: Reading | undefined): Declined | undefined => (reading?.decision.kind === 'decline' ? { entry: reading.decision.top.entry, question: reading.query } : undefined);

/**
 * What a call's questions leave, each read as the chat reads it: the topic (a run-on's part said as
 * the likeliest, "聋哑人 能上大学不 有钱补不": the education grant, is the topic "要带啥" asks of), and
 * the decline the last was ("在哪办" next asks of that), in the console as in the chat.
 */
export function callContext(kb: KnowledgeBase, questions: string[]): { topic?: TopicContext; declined?: Declined; unanswered: boolean } {
  let last: Reading | undefined;
  const topic = kb.topicOf(questions, (q, before) => (last = readAsTheBot(kb, q, before, undefined, declinedBy(last)).reading));
  return { topic, declined: declinedBy(last), unanswered: last !== undefined && (last.decision.kind === 'none' || last.decision.kind === 'decline') };
}

/**
 * A bare question ("要钱不", "在哪", "要带啥") just after one that found nothing of ours or was another office's
 * (`unanswered`), and not read as asking of that decline again: it asks of that question, which no topic of ours
 * holds, so neither the topic before it nor the ranking alone (the appraisal's fee) says what it is about.
 */
export function refersToUnanswered(question: string, { decision, contextual }: Reading, unanswered: boolean): boolean {
  if (!unanswered || (contextual && decision.kind === 'decline')) return false;
  // Small talk ("在吗") is itself.
  if (decision.kind === 'answer' && decision.top.entry.kind !== 'answer') return false;
  return asksOnlyQuestion(question);
}

/** How many of a follow-up's own candidates order the topic's entries that hold as much of it. */
const FAMILY_DEPTH = 12;
/** How far a follow-up's own first candidate leads its next to be what it asks (see `fromTopic`). */
const OWN_LEAD = 0.08;
/** How much of what a follow-up asks a topic's entry must hold to answer it (see `heldInTopic`): one rare word, or a few common ones. */
const HELD = 0.4;

/** A topic's entry said to a follow-up: what of it is said, and how the follow-up alone scores it. */
export interface FromTopic {
  entry: Entry;
  answer: string;
  score: number;
}

/**
 * The entry of a follow-up's topic (see `KnowledgeBase.heldInTopic`) holding what it asks, and what of
 * it to say: the sentences holding it when the entry was said before (the topic's, one just before),
 * else its answer. With `answered` (the reading's entry, outside the topic, not answering as asked:
 * see `answersAsAsked`): only one holding more than that, or as much and said before; null when that
 * entry is another service's or category's and none does. `said`: the text just said, not said again. `offered`: the
 * candidates of a "您想问的是", of which the one the topic has is answered when none holds it; none when
 * the follow-up names something anew.
 * Only while the topic is still followed up.
 */
export function fromTopic(kb: KnowledgeBase, question: string, previous: TopicContext, decide: Decide, answered?: Entry, said?: string, offered: Entry[] = []): FromTopic | null | undefined {
  if (previous.turns >= CONTEXT_TURNS) return undefined;
  // "这算哪一项" after a list: the topic's own sentences holding what it asked of.
  const topic = kb.entry(previous.entryId);
  const which = topic && whichOfTopic(question, topic.answer, previous, (t) => kb.questionKey(t));
  if (which) return { entry: topic, answer: which, score: decide(question, FAMILY_DEPTH).ranked.find((r) => r.entry.id === topic.id)?.score ?? 0 };
  // Whether the answer is of the topic is asked of it alone: it mostly is, and the topic's entries are then not needed.
  const ofFamily = kb.ofTopicFamily(question, previous);
  const stored = answered && kb.entry(answered.id);
  if (stored && ofFamily(stored)) return undefined;
  // Asked back naming something anew ("老人呢" after how to apply): the entries about it are offered.
  const anew = namedAnew(question, previous);
  if (offered.length && anew.length) return undefined;
  // The card itself named after a subsidy ("残疾证手机上能办不" after how to apply for one) is its own question.
  if (anew.some(([slot, value]) => slot === 'item' && value === '残疾证')) return undefined;
  // The follow-up's own ranking orders the entries holding as much (`FAMILY_DEPTH` candidates).
  // Ranked only when the held entries need ordering or a score (most follow-ups hold one or none).
  let ranked: Ranked[] | undefined;
  const rank = (e: Entry) => (ranked ??= decide(question, FAMILY_DEPTH).ranked).find((r) => r.entry.id === e.id)?.score ?? 0;
  const family = kb.entries.filter(ofFamily);
  const held = kb.heldInTopic(question, previous, rank, answered ? [answered] : [], family);
  const before = new Set([previous.entryId, ...(previous.earlier ?? []).map((e) => e.entryId)]);
  const say = (h: Held) => (before.has(h.entry.id) && h.sentences ? h.sentences : answerTo(h.entry, question));
  // Not answered as read, the follow-up's own first of the topic's entries is what it asks ("要提前约吗" after a
  // hospital's answer: the booking's), when it holds what is asked or would be offered, clearly first; not another
  // entry holding its words in passing (what an appraisal is, which says 提前 and 约 in its last sentence).
  const [first, second] = answered || held.length === 0 ? [] : (ranked ??= decide(question, FAMILY_DEPTH).ranked);
  const own = first && !answered && family.some((e) => e.id === first.entry.id) ? held.find((h) => h.entry.id === first.entry.id) : undefined;
  const leads = first && first.score >= DEFAULT_RANKING.suggest && (!second || first.score - second.score >= OWN_LEAD);
  if (own && (own.held >= HELD || leads)) return { entry: own.entry, answer: say(own), score: first.score };
  const best = held.find((h) => h.entry.id !== answered?.id && say(h) !== said && h.held >= HELD);
  const matched = held.find((h) => h.entry.id === answered?.id)?.held ?? 0;
  // An answer about what the follow-up names anew ("护理补贴怎么申请" after a renewal) is a new topic's.
  const covered = answered !== undefined && answersAsAsked(answered, question, previous);
  // A question standing on its own that the ranking offers its own candidates for ("社保卡上照片能换不" after the care
  // allowance's amount) is the topic's only if an entry holds all it asks: one holding a word of it in passing (the money
  // paid to the 社保卡) is not. A fragment ("缴费档次咋选") leans on the topic whatever it holds.
  const standsAlone = offered.length > 0 && !isFragment(question);
  const enough = (h: Held) => (answered ? !covered && (h.held > matched || (h.held === matched && before.has(h.entry.id))) : !standsAlone || h.whole === true);
  if (best && enough(best)) return { entry: best.entry, answer: say(best), score: rank(best.entry) };
  const ofTopic = offered.filter((e) => family.some((f) => f.id === e.id));
  if (ofTopic.length === 1) return { entry: ofTopic[0], answer: answerTo(ofTopic[0], question), score: rank(ofTopic[0]) };
  return answered && offTopic(answered, question, previous) ? null : undefined;
}

/** What a follow-up's topic makes of its reading: one of its entries said (`from`), or said plainly that it is not known (`unheld`: the entry whose buttons go with that). */
export type TopicReply = { from: FromTopic } | { unheld: Entry };

/**
 * What the chat says to a follow-up from its topic's entries rather than as read (see `fromTopic`): a
 * "您想问的是" or nothing found whose topic's entry holds it ("那要是评不上呢" after applying for both);
 * an answer from outside the topic ("换证还要重新鉴定不": the re-appraisal's fee) that a topic's entry
 * holding as much says instead, none when it is another service's or category's ("要登报不" after a
 * renewal: the lost card's); the topic's own entry said again whole though it holds nothing asked ("补的证
 * 号码会变吗" after how long a replacement takes). Not for a run-on (`runOn`), nor an answer the same as
 * the one just said (`again`, which the chat alone knows). The chat replies by it; the console labels a
 * choice or nothing found by it (an answer it overrides may hang on what the chat said last).
 */
export function topicReply(kb: KnowledgeBase, question: string, previous: TopicContext | undefined, decide: Decide, { decision }: Reading, runOn: boolean, again = false): TopicReply | undefined {
  if (!previous || runOn) return undefined;
  const from = (f: FromTopic | null | undefined) => (f ? { from: f } : undefined);
  switch (decision.kind) {
    case 'answer': {
      if (again) return undefined;
      const entry = decision.top.entry;
      const full = entry.answer === kb.entry(entry.id)?.answer;
      if (full && !intentOf(question) && entry.id === previous.entryId && asksBeyond(question, entry.answer, previous, undefined, (t) => kb.questionKey(t))) {
        return from(fromTopic(kb, question, previous, decide, undefined, entry.answer)) ?? { unheld: entry };
      }
      const each = forEachItem(kb, question, previous, entry);
      if (each) return { from: { entry: each, answer: answerTo(each, question), score: decision.top.score } };
      const topical = fromTopic(kb, question, previous, decide, entry);
      return topical === null ? { unheld: entry } : from(topical);
    }
    case 'clarify':
      return from(fromTopic(kb, question, previous, decide, undefined, undefined, decision.options.map((o) => o.entry)));
    case 'none':
      return from(fromTopic(kb, question, previous, decide));
    case 'decline':
      return undefined;
  }
}

/**
 * "俺爷瘫床上好几年了能领啥补贴不" + "俺家不是低保户也中不": a follow-up naming no item after a topic of
 * several (the two allowances), answered by one item's entry for a condition it names (低保: the living
 * allowance's), leaves the other out (the care allowance needs none). Told instead: the topic's entry
 * for all of them holding as much of what it asks, asked no other way and about no slot (not "both at once").
 */
function forEachItem(kb: KnowledgeBase, question: string, previous: TopicContext, answered: Entry): Entry | undefined {
  const topic = kb.entry(previous.entryId);
  // A follow-up naming a grade or a condition ("那三级精神残疾的呢") is answered for it, by the entry about it.
  const items = topic && !previous.slots.item && Object.keys(extractSlots(question)).length === 0 ? itemsOf(topic) : undefined;
  const own = itemsOf(answered);
  if (!items || items.size < 2 || !own || own.size !== 1 || !items.has([...own][0])) return undefined;
  const held = kb.heldInTopic(question, previous, undefined, [answered]);
  const matched = held.find((h) => h.entry.id === answered.id)?.held ?? 0;
  const asked = facetsOf(answered).asked;
  const all = (e: Entry) => {
    const { about, asked: its } = facetsOf(e);
    return [...items].every((v) => itemsOf(e)?.has(v)) && about.size === 0 && [...its].every((i) => asked.has(i));
  };
  return held.find((h) => h.entry.id !== answered.id && h.held >= matched && matched > 0 && all(h.entry))?.entry;
}
