import { TurnContext, type StatePropertyAccessor } from 'botbuilder';
import type { Handoff, HandoffFile, HandoffMessage, HandoffReason } from '../../data/handoffs.js';
import { numberRuns, phoneIn } from '../numbersIn.js';
import { maskText, publicNumbers } from '../../data/personalData.js';
import type { Region } from '../../data/region.js';
import type { Handoffs } from '../../cases/handoffs.js';
import type { Ratings } from '../../cases/ratings.js';
import { RATING_LEVELS, isPoor, levelOfPoints, type Rating, type RatingLevel } from '../../data/ratings.js';
import type { Clock } from '../../data/clock.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { userKeyOf } from '../application/applicationDialog.js';
import { recognizeCommand, saysCannotPhone } from '../commands.js';
import { messageWithButtons } from '../replies.js';
import { text } from '../text/index.js';
import { setTurnOutcome } from '../turnOutcome.js';
import { asksIfPhoned } from '../textOnly.js';

const h = text.handoff;
/** What the agent sees of the conversation before the hand-off. */
const RECENT_MESSAGES = 10;
/** Turn state: this turn's question came while a call-back waits for the person's phone. */
const PHONE_WANTED = Symbol('callbackPhoneWanted');

const r = text.rating;
/** Every way of naming a level, longest first so 不满意 is not read as 满意. */
const LEVEL_WORDS = [
  ...RATING_LEVELS.map((level) => [level, level] as const),
  ...Object.entries(r.levelWords).flatMap(([level, words]) => words.map((w) => [w, level as RatingLevel] as const)),
].sort((a, b) => b[0].length - a[0].length);
const CHINESE_POINTS = '一二三四五';
const PUNCTUATION = /^[\s.、，,。:：!！~～]+/;

/**
 * A rating level from its points (5 = 非常满意: "5", "五分", "给5分", "5星") or its words
 * ("满意", "还行"), and whatever was said after it. A tapped button ("5分 非常满意") is the level alone.
 */
export function readRating(input: string): { level: RatingLevel; comment?: string } | undefined {
  let said = normalizeText(input).trim().replace(/^(我)?(就)?(给|打|评)(个|你们|您|了)?/, '');
  let level: RatingLevel | undefined;
  // A digit alone is points; a Chinese numeral only with 分 or 星 ("一般" is no score).
  const points = /^(?:([1-5])(?![0-9])|([一二三四五])(?=\s*(?:分|颗星|星)))\s*(?:分|颗星|星)?/.exec(said);
  if (points) {
    const n = points[1] ? Number(points[1]) : CHINESE_POINTS.indexOf(points[2]) + 1;
    level = levelOfPoints(n);
    said = said.slice(points[0].length).replace(PUNCTUATION, '');
  }
  // The level's own words after its points are the button's title, not a comment.
  const named = LEVEL_WORDS.find(([w]) => said.startsWith(w));
  if (named && (!level || named[1] === level)) {
    level = named[1];
    said = said.slice(named[0].length);
  }
  if (!level) return undefined;
  // "给4分吧": a closing particle is no comment.
  const comment = said.replace(PUNCTUATION, '').replace(/^[吧啊呀了哈嘛呗哦噢呢嗯]+[\s.。!！~～]*$/, '').trim();
  return { level, ...(comment ? { comment } : {}) };
}

const CORRECTION = new RegExp(`^(?:[\\s，,。.!！]*(?:${r.correctionWords.join('|')}))+[\\s，,。.!！]*`);

/** A corrected level said while the comment is asked for ("不是，我是说满意"), or undefined. */
export function readCorrection(input: string): RatingLevel | undefined {
  const said = normalizeText(input).trim();
  const correction = CORRECTION.exec(said);
  const read = correction ? readRating(said.slice(correction[0].length)) : undefined;
  return read && !read.comment ? read.level : undefined;
}

/** The files a message carries (a photo, a PDF), names masked: a message of files alone has no words for the desk to show. */
const filesOf = (context: TurnContext): HandoffFile[] =>
  (context.activity.attachments ?? [])
    .filter((a) => a.contentUrl)
    .map((a) => ({ photo: (a.contentType ?? '').startsWith('image/'), ...(a.name ? { name: maskText(a.name) } : {}) }));

/** What every flow calls for 转人工 (and a flow that keeps failing). */
export interface HandoffRequester {
  request(context: TurnContext, reason: HandoffReason): Promise<void>;
}

export const conversationKeyOf = (context: TurnContext) => `${context.activity.channelId}:${context.activity.conversation?.id ?? ''}`;

const folded = (input: string) => normalizeText(input).replace(/[\s，。！!,.~～]/g, '');
/** How long a message read by its phrases may be; a longer one is a question or a comment that mentions them. */
const PHRASE_MESSAGE_MAX = 14;
const phrases = (patterns: readonly string[]) => new RegExp(patterns.join('|'));
const LEAVE = phrases([...h.leavePhrases, ...text.commandPhrases.notHuman]);
const TO_BOT = phrases(h.botPhrases);
const CALLBACK = phrases(h.callbackPhrases);
const WAIT = phrases(h.waitPhrases);
const says = (input: string, pattern: RegExp) => {
  const said = folded(input);
  return said.length <= PHRASE_MESSAGE_MAX && pattern.test(said);
};
const CALLBACK_WHEN = phrases(h.callbackWhenPhrases);
const CALLBACK_WORDS = new RegExp([...h.callbackWhenPhrases, ...h.callbackWords].join('|'), 'g');
/** "那要等多久", "大概几点打过来": when the call comes, and nothing else asked of. */
const asksWhenCalled = (input: string) => says(input, CALLBACK_WHEN) && !folded(input).replace(/[?？]/g, '').replace(CALLBACK_WORDS, '');
const NOT_YET = phrases(h.queueNotYetPhrases);
const HURRY = phrases(h.queueHurryWords);
const QUEUE_WORDS = new RegExp(h.queueWords.join('|'), 'g');
/** Longest first, so that a phrase is taken whole before a word inside it. */
const QUEUE_SAID = new RegExp([...h.callbackWhenPhrases, ...h.callbackWords, ...h.queueNotYetPhrases, ...h.queueHurryWords, ...h.queueMoodWords].sort((a, b) => b.length - a.length).join('|'), 'g');
/**
 * "要等多久", "啥时候轮到我", "人咋还不来", "还得等多久啊 俺着急", "俺着急" alone while queued: the wait for a person,
 * not how long the certificate takes. Anything else said names another subject ("办证要等多久").
 */
const asksWaitLeft = (input: string) => {
  const said = folded(input).replace(/[?？]/g, '');
  return said.length <= PHRASE_MESSAGE_MAX && (CALLBACK_WHEN.test(said) || NOT_YET.test(said) || HURRY.test(said)) && !said.replace(QUEUE_WORDS, '').replace(QUEUE_SAID, '');
};
const LANDLINE = phrases(h.landlinePhrases);
const SAME_NUMBER = phrases(h.sameNumberPhrases);
/** How long after a call-back was booked "就打这个号" still speaks of its number. */
const SAME_NUMBER_MS = 60 * 60_000;
/** A landline's local number typed without its area code. */
const LOCAL_NUMBER = /^[1-9]\d{6,7}$/;

/**
 * The chat's side of the hand-off to the 12345 desk. Before any dialog runs, `intercept` gives
 * the turn to the hand-off when the conversation has one open: while an agent talks with the
 * person, their messages are relayed to the agent and the bot says nothing; while queued, 不用了
 * leaves and a second 转人工 is told its place, anything else goes on to the bot; when a
 * call-back waits for a phone, a phone books it and its own questions (when the call comes, whether
 * a landline will do) are answered. A 好差评 asked of the person comes first: its
 * level (tapped or typed) and the optional comment after it. The last few messages are kept (masked) so the
 * agent sees what led to the hand-off.
 */
export class HandoffGate implements HandoffRequester {
  constructor(
    private readonly handoffs: Handoffs,
    private readonly recent: StatePropertyAccessor<HandoffMessage[]>,
    private readonly ratings: Ratings,
    private readonly clock: Clock,
    region: Region,
    /** The phone the person gave in the application they are filling (its draft), if any: never asked for twice. */
    private readonly formPhone: (userKey: string) => Promise<string | undefined> = async () => undefined,
  ) {
    this.desk = region.desk;
    // The bot's own words name hospitals and hotlines: the agent sees those numbers as they are.
    this.publicNumbers = publicNumbers([region.federation.phone, region.hotlines.government, region.hotlines.federation, ...region.hospitals.map((x) => x.phone)]);
  }

  private readonly desk: { hours: string; followUpDays: number };
  private readonly publicNumbers: ReadonlySet<string>;

  /** Whether an agent has the conversation now (the bot says nothing of its own meanwhile). */
  async withAgent(context: TurnContext): Promise<boolean> {
    return (await this.handoffs.openFor(conversationKeyOf(context)))?.status === 'active';
  }

  /** Whether the person said in this conversation that they cannot phone (lately, or their hand-off is typed-only). */
  async saidCannotPhone(context: TurnContext): Promise<boolean> {
    if ((await this.handoffs.openFor(conversationKeyOf(context)))?.typedOnly) return true;
    return (await this.recent.get(context, [])).some((m) => m.from === 'person' && saysCannotPhone(m.text));
  }

  /** True when the turn was the hand-off's; otherwise the bot answers as usual. */
  async intercept(context: TurnContext): Promise<boolean> {
    const input = (context.activity.text ?? '').trim();
    const files = filesOf(context);
    await this.remember(context, [{ at: this.clock.now().toISOString(), from: 'person', text: maskText(input), ...(files.length ? { files } : {}) }]);
    const rating = await this.ratings.pendingFor(conversationKeyOf(context));
    if (rating && (await this.answerRating(context, rating, input))) return true;
    const open = await this.handoffs.openFor(conversationKeyOf(context));
    if (!open) {
      // "就打俺刚才填的那个号" once the call-back was booked with the number the bot named: that number stands.
      if (says(input, SAME_NUMBER) && (await this.handoffs.callbackBookedLately(conversationKeyOf(context), SAME_NUMBER_MS))) {
        return this.reply(context, 'handoff-callback-same-number', h.sameNumberKept);
      }
      this.watch(context);
      return false;
    }
    const human = recognizeCommand(input) === 'human';
    switch (open.status) {
      case 'active':
        if (open.quietToldAt && says(input, TO_BOT)) {
          const back = await this.handoffs.backToBot(open.id);
          await this.reply(context, 'handoff-back-to-bot', h.backToBot);
          // The 好差评 last in this turn: its buttons are the ones left on screen.
          if (back?.rating) await context.sendActivity(messageWithButtons(back.rating.text, back.rating.buttons));
          return true;
        }
        if (open.quietToldAt && says(input, CALLBACK)) {
          const outcome = await this.handoffs.toCallback(open.id);
          const phone = outcome?.kind === 'callback' ? outcome.phone : undefined;
          return this.reply(context, 'handoff-callback', phone ? h.callbackBooked(maskText(phone)) : h.askPhone);
        }
        if (open.quietToldAt && says(input, WAIT)) return this.reply(context, 'handoff-wait', h.stillWaiting);
        // The agent has the conversation: the bot stays silent, the agent sees the message.
        await this.handoffs.fromPerson(open.id, input, files);
        setTurnOutcome(context, { outcome: 'handoff-relayed' });
        return true;
      case 'queued':
        if (says(input, LEAVE)) {
          await this.handoffs.leave(open.id);
          return this.reply(context, 'handoff-left', h.left);
        }
        // "我听不见 不能接电话" while waiting: the place kept, the desk told to answer in writing.
        if (saysCannotPhone(input) && (human || !asksSomething(input))) {
          await this.handoffs.fromPerson(open.id, input, files);
          await this.handoffs.toTyped(open.id);
          this.watch(context, open.id);
          return this.reply(context, 'handoff-typed', await this.placeSaid(open, h.typedKept));
        }
        // "你们会打电话给我吗" from someone who can only type: no call, the desk types here; the place said.
        if (asksIfPhoned(input) === 'us' && (open.typedOnly || saysCannotPhone(input))) {
          await this.handoffs.fromPerson(open.id, input, files);
          if (!open.typedOnly) await this.handoffs.toTyped(open.id);
          this.watch(context, open.id);
          return this.reply(context, 'handoff-no-call', await this.placeSaid(open, h.typedNoCall));
        }
        if (human) return this.reply(context, 'handoff-already', await this.placeSaid(open, h.already));
        await this.handoffs.fromPerson(open.id, input, files);
        this.watch(context, open.id);
        if (asksWaitLeft(input)) return this.reply(context, 'handoff-wait-left', await this.placeSaid(open, h.waitLeft));
        return false;
      case 'callback': {
        // "我是聋人 打不了电话": no call; the desk answers in writing when it opens.
        // The desk may have opened since the call-back was offered: then the place in the queue is said.
        if (saysCannotPhone(input)) {
          const typed = await this.handoffs.toTyped(open.id, input);
          if (typed) return this.reply(context, 'handoff-typed', await this.placeSaid(typed, h.queued));
        }
        const phone = phoneIn(input);
        if (phone) {
          await this.handoffs.givePhone(open.id, phone);
          return this.reply(context, 'handoff-callback-booked', h.callbackBooked(maskText(phone)));
        }
        if (says(input, LEAVE)) {
          await this.handoffs.leave(open.id);
          return this.reply(context, 'handoff-left', h.left);
        }
        if (human) return this.reply(context, 'handoff-already', h.alreadyCallback);
        // "就打俺刚才填的那个号": the form's phone if there is one, else the number is asked for again.
        if (says(input, SAME_NUMBER)) {
          const given = await this.formPhone(userKeyOf(context));
          if (!given) return this.reply(context, 'handoff-callback-no-number', h.askPhoneAgain);
          await this.handoffs.givePhone(open.id, given);
          return this.reply(context, 'handoff-callback-booked', h.callbackBooked(maskText(given)));
        }
        // The call-back's own questions: when the call comes, and whether a landline will do.
        if (asksWhenCalled(input)) return this.reply(context, 'handoff-callback-when', h.callbackWhen(this.desk.hours));
        if (says(input, LANDLINE)) return this.reply(context, 'handoff-callback-landline', h.landlineOk);
        if (numberRuns(input).some((run) => LOCAL_NUMBER.test(run.replace(/[\s\-]/g, '')))) return this.reply(context, 'handoff-callback-area-code', h.landlineAreaCode);
        context.turnState.set(PHONE_WANTED, true);
        this.watch(context);
        return false;
      }
      default:
        this.watch(context);
        return false;
    }
  }

  /**
   * 转人工: queued with place and wait, or a call-back when the desk is closed; told either way.
   * Someone who said they cannot phone (now or in the recent messages) stays queued for a typed reply.
   */
  async request(context: TurnContext, reason: HandoffReason): Promise<void> {
    const recent = await this.recent.get(context, []);
    const typedOnly = recent.some((m) => m.from === 'person' && saysCannotPhone(m.text));
    const outcome = await this.handoffs.request({
      conversation: TurnContext.getConversationReference(context.activity),
      conversationKey: conversationKeyOf(context),
      userKey: userKeyOf(context),
      channel: context.activity.channelId,
      reason,
      recent,
      typedOnly,
    });
    setTurnOutcome(context, { outcome: `handoff-${outcome.kind}`, reason });
    switch (outcome.kind) {
      case 'queued':
      case 'already':
        await context.sendActivity(messageWithButtons(await this.placeSaid(outcome.handoff, outcome.kind === 'queued' ? h.queued : h.already)));
        return;
      case 'active':
        await context.sendActivity(messageWithButtons(h.stillWaiting));
        return;
      case 'callback': {
        // No case to take a phone from: the one given in the form being filled, rather than asked again.
        const given = outcome.phone ?? (outcome.handoff.status === 'callback' ? await this.formPhone(userKeyOf(context)) : undefined);
        if (given && !outcome.phone) await this.handoffs.givePhone(outcome.handoff.id, given);
        const atWork = this.handoffs.inDeskHours();
        const said = given ? (atWork ? h.nobodyCallback(maskText(given)) : h.closedCallback(this.desk.hours, maskText(given))) : atWork ? h.nobodyAskPhone : h.closedAskPhone(this.desk.hours);
        await context.sendActivity(messageWithButtons(said));
      }
    }
  }

  /**
   * A queued hand-off's place and wait, in `say`'s words; while the desk is closed (someone who
   * cannot phone is queued then) that it is answered in writing once the desk opens.
   */
  private async placeSaid(queued: Handoff, say: (ahead: number, minutes: number) => string): Promise<string> {
    if (!this.handoffs.deskOpen()) return this.handoffs.inDeskHours() ? h.nobodyTyped : h.queuedTyped(this.desk.hours);
    const { position, minutes } = await this.handoffs.placeOf(queued);
    return say(position - 1, minutes);
  }

  /** A 好差评 level (tapped, typed or its points), then the optional comment; false when the text is neither. */
  private async answerRating(context: TurnContext, rating: Rating, input: string): Promise<boolean> {
    const read = rating.status === 'asked' && !(await this.pickedAButton(context, rating, input)) ? readRating(input) : undefined;
    const corrected = rating.status === 'comment' ? readCorrection(input) : undefined;
    const level = read?.level ?? corrected;
    if (level) {
      const rated = await this.ratings.rate(rating.id, level, read?.comment);
      if (!rated) return false;
      const poor = isPoor(level);
      if (rated.status === 'done') return this.reply(context, 'rating', poor ? r.thanksPoor(this.desk.followUpDays) : r.thanks);
      return this.reply(context, 'rating', poor ? r.askCommentPoor : r.askComment);
    }
    if (rating.status === 'asked') return false;
    // Asked for a comment: 不用了 declines; 转人工 goes on to the hand-off; anything else is the comment.
    // Only a bare "no" declines: a comment may well mention 不用了 or 算了.
    const declined = r.noComment.some((w) => folded(w) === folded(input));
    const human = recognizeCommand(input) === 'human';
    const done = await this.ratings.comment(rating.id, declined || human ? undefined : input, declined || human ? undefined : phoneIn(input));
    if (human || !done) return false;
    return this.reply(context, 'rating-comment', done.level && isPoor(done.level) ? r.thanksPoor(this.desk.followUpDays) : r.thanks);
  }

  /**
   * A bare number typed after the bot has spoken since the rating was asked picks one of the
   * bot's buttons (they are numbered), not a score: the rating's question is no longer the last one.
   */
  private async pickedAButton(context: TurnContext, rating: Rating, input: string): Promise<boolean> {
    if (!/^\s*[1-9]\s*$/.test(input.normalize('NFKC'))) return false;
    return (await this.recent.get(context, [])).some((m) => m.from === 'bot' && m.at > rating.askedAt);
  }

  private async reply(context: TurnContext, outcome: string, message: string): Promise<true> {
    setTurnOutcome(context, { outcome });
    await context.sendActivity(messageWithButtons(message));
    return true;
  }

  /** Keeps what the bot says this turn: in the recent messages, and on the queued hand-off. */
  /** After a question answered while the call-back waits for a phone: that phone asked for again. */
  async remindPhone(context: TurnContext): Promise<void> {
    if (context.turnState.get(PHONE_WANTED)) await context.sendActivity(messageWithButtons(h.askPhoneAgain));
  }

  private watch(context: TurnContext, queuedId?: string): void {
    context.onSendActivities(async (ctx, activities, next) => {
      const said = activities.filter((a) => a.type === 'message' && a.text).map((a) => maskText(a.text!, this.publicNumbers));
      const at = this.clock.now().toISOString();
      await this.remember(ctx, said.map((t) => ({ at, from: 'bot' as const, text: t })));
      if (queuedId) await this.handoffs.fromBot(queuedId, said);
      return next();
    });
  }

  private async remember(context: TurnContext, messages: HandoffMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const kept = await this.recent.get(context, []);
    await this.recent.set(context, [...kept, ...messages].slice(-RECENT_MESSAGES));
  }
}
