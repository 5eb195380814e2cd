import { normalizeText } from '../knowledge/normalize.js';
import { RELATIVE_MENTION } from './kinship.js';
import { text } from './text/index.js';

export type Command = keyof typeof text.commands;

const commandWords = new Map<string, Command>(
  (Object.entries(text.commands) as [Command, string[]][]).flatMap(([command, words]) =>
    words.map((w) => [normalizeText(w).replace(/\s+/g, ''), command] as const),
  ),
);

/**
 * Words around a cancel said in passing ("算了不办了 太麻烦", "俺不填了啊"): what is left is the command.
 * Not 先: "先不填了" pauses the form with the draft kept.
 */
const CANCEL_AROUND = /算了|太麻烦了?|太费劲了?|麻烦死了|还是|[啊吧呀了哈嘛我俺]/gu;
const cancelCores = new Set(text.commands.cancel.map((w) => normalizeText(w).replace(/\s+/g, '').replace(CANCEL_AROUND, '')).filter(Boolean));

/** How long a request for a person may be; a longer text is a question that mentions one. */
const PERSON_REQUEST_MAX = 16;
const personPhrases = new RegExp(text.commandPhrases.human.join('|'));
const noPersonPhrases = new RegExp(text.commandPhrases.notHuman.join('|'));
const asksIfPerson = new RegExp(text.commandPhrases.asksIfHuman.join('|'), 'g');
const cannotPhone = new RegExp(text.handoff.cannotPhonePhrases.join('|'));
/**
 * The words that ask for a person, which a long message from someone who cannot phone must hold
 * to be a request: outright ("人工") or plainly ("能不能打字找个人", "想找个工作人员打字说").
 */
const typedPerson = new RegExp(text.commandPhrases.typedHuman.join('|'));

const bareCannotPhone = new RegExp(text.handoff.bareCannotPhonePhrases.join('|'));
const wantsTyped = new RegExp(text.handoff.wantsTypedPhrases.join('|'));
const typesHere = new RegExp(text.handoff.typesHerePhrases.join('|'));
/** What makes a subjectless "聋哑人 不会说话" about reaching someone: the phone, typing or a person. */
const REACHING = /电话|打字|手语|人工|客服|真人|工作人员|找个?人/u;
/** Someone else named ("孩子不会说话", "他耳朵聋"): a subjectless deafness is theirs, not the speaker's. */
const namesSomeoneElse = (said: string) => RELATIVE_MENTION.test(said) || /(?<!其)[他她]/u.test(said);

/**
 * Whether the message says the person cannot phone ("我是聋人", "打不了电话"; "聋哑人 不会说话 能打字找人工"
 * naming nobody else) or wants the answer in writing ("有没有人能打字回俺"): the desk must answer in writing.
 */
export function saysCannotPhone(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  return wantsTyped.test(said) || typesHere.test(said) || saysCannotHearOrSpeak(said);
}

/**
 * Whether the message says the person cannot phone, hear or speak ("我是聋人", "打不了电话"), not
 * only that they would rather type ("俺还是想在这打字说"): the desk is told which of the two was said.
 */
export function saysCannotHearOrSpeak(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  return cannotPhone.test(said) || (bareCannotPhone.test(said) && REACHING.test(said) && !namesSomeoneElse(said));
}

const cannotPhoneAll = new RegExp([cannotPhone.source, bareCannotPhone.source].join('|'), 'g');
/**
 * What is left of "打不了电话 俺是聋子", "有事只能打字" once the cannot-phone words are out; asking
 * whether typing will do ("俺是哑巴 打字中不", "能在这打字问吗"), or saying one types here and since when
 * ("从小就聋 只能在这打字问"), says no more than that.
 */
const CANNOT_PHONE_FILLER = /有(?:啥|什么)?事(?:的话)?|(?:能|可以)?(?:在这里?|在这儿|这里|这儿)?打字(?:问)?(?:中|行|成|可以|也行)?(?:不行|行不行|不|吗|么|没)|(?:能|可以)?(?:在这里?|在这儿|这里|这儿)打字问?|(?:从小|天生|打小|生下来)|[\s，。！？!?,.~～子人的了啊呀呢吧嘛哦我俺是也都就只聋哑]/gu;

/** The phone named: "我耳朵听不见" alone describes a disability (asked about next), it says nothing of phoning. */
const PHONE_NAMED = /电话|手语|打字/u;

/** Whether the message only says the person cannot phone ("打不了电话 俺是聋子"), asking nothing else. */
export function onlySaysCannotPhone(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  return saysCannotPhone(said) && PHONE_NAMED.test(said) && !said.replace(cannotPhoneAll, '').replace(CANNOT_PHONE_FILLER, '');
}

const applicationWords = new RegExp(text.commandPhrases.cancelsApplication.join('|'), 'u');
/** Whether a cancel speaks of an application ("取消申请", "算了不办了"), not only of leaving ("退出"). */
export const cancelsApplication = (input: string) => applicationWords.test(normalizeText(input));

/** Whether the message says the person wants no person ("我不要人工了"). */
export const declinesPerson = (input: string) => noPersonPhrases.test(normalizeText(input).replace(/[\s，。！？!?,.~～]+/g, ''));

/**
 * A command word said on its own ("帮助", "人工"), whatever the punctuation or width; or a short
 * request for a person in other words ("找个真人说说吧"), which a policy question with 人 is not;
 * or a longer one from someone who says they cannot phone that asks for one ("我是聋人 打不了电话
 * 想找人工 能打字聊吗", "我耳朵聋 电话接不了 能不能打字找个人"), for whom the typed desk is the only one.
 */
export function recognizeCommand(input: string): Command | undefined {
  const said = normalizeText(input).replace(/[\s，。！？!?,.~～]+/g, '');
  const command = commandWords.get(normalizeText(input).replace(/\s+/g, ''));
  if (command) return command;
  if (cancelCores.has(said.replace(CANCEL_AROUND, ''))) return 'cancel';
  const asked = said.replace(asksIfPerson, '');
  const long = said.length > PERSON_REQUEST_MAX;
  // Someone who cannot phone asks in their own words however long or short ("…能打字找个人不").
  const asksPerson = (saysCannotPhone(said) && (typedPerson.test(asked) || wantsTyped.test(asked))) || (!long && personPhrases.test(asked));
  return asksPerson && !declinesPerson(said) ? 'human' : undefined;
}

/** Whether a message only asks for a person ("转人工", "俺耳朵不好使 就在这打字吧"): nothing in it for the knowledge base. */
export const onlyAsksForPerson = (input: string) => recognizeCommand(input) === 'human' || onlySaysCannotPhone(input);
