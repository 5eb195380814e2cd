import { bundleItem, GRADES, type Grade, type ItemId } from '../../data/bundle.js';
import { isMobile } from '../../data/idNumber.js';
import { APPRAISAL_ITEMS } from '../../data/workflow.js';
import { maskIdNumber } from '../../data/personalData.js';
import { DISABILITY_CATEGORIES, type DisabilityCategory, type Region } from '../../data/region.js';
import { categoryDescribed, MULTIPLE, saysBoth } from '../../knowledge/categories.js';
import { OFF_ASSISTANCE } from '../../knowledge/assistanceStatus.js';
import { asksSomething } from '../../knowledge/runOn.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { labelChoices, positionNotShown, recognizeChoice, recognizeChoices, recognizeConfirmation, recognizeMention, recognizePosition, recognizePositions, recognizeYesNo, type ChoiceOption } from '../choices.js';
import { digitCount, idNumberIn, numberRuns, phoneIn } from '../numbersIn.js';
import { fieldAnswer } from '../fieldQuestions.js';
import { nonAnswer } from '../nonAnswers.js';
import { inverseKin, kinIn, kinLabel, saysOnlyKin, splitsAfterKin, withoutKin, type Kin } from '../kinship.js';
import { text } from '../text/index.js';
import { holdsCertificate, requestedItems, needsGuardian, type ApplicationValues, type Pick, type Values } from './values.js';

const t = text.application;

export type SlotKey = Exclude<keyof ApplicationValues, 'birthDate' | 'age' | 'categoryGuess' | 'addressDraft' | 'picksSaid' | 'homeAppraisal' | 'guardianIsSpeaker' | 'textOnly' | 'lowIncome' | 'minzhengChecks' | 'certDropAsked'>;

export interface SlotContext {
  region: Region;
  today: Date;
}

/**
 * A parse may answer what the text asks beside its answer in its `note` (`answers`): the knowledge base is not asked.
 * A failed parse may know more: `attempt`, the text is a try at this field (a number typed
 * wrong), so its error is said rather than the text read as a question; `answer`, the text asks
 * about the field itself ("为啥要身份证号"), answered before the field is asked again.
 */
export type ParseResult = { ok: true; set: Values; stay?: boolean; note?: string; answers?: boolean } | { ok: false; error: string; attempt?: boolean; answer?: string; rest?: string };



/**
 * One question of the form, Rasa-style: when it is needed, how it is asked, how an answer is
 * validated, and how a filled value reads in the summary. The engine asks the first slot that
 * is required and empty, until none is left.
 */
export interface Slot {
  key: SlotKey;
  required(v: Values): boolean;
  prompt(v: Values, ctx: SlotContext): { text: string; options: ChoiceOption<string>[] };
  parse(input: string, v: Values, ctx: SlotContext): ParseResult;
  /** How the value reads in the summary; ID numbers masked unless `full` was asked for. */
  display(v: Values, full?: boolean): string;
  /** Takes almost any text (an address): a text that asks something is never its answer. */
  freeText?: boolean;
}

const options = (labels: Record<string, string>, synonyms: Record<string, string[]> = {}): ChoiceOption<string>[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label, synonyms: synonyms[value] }));
const list = (labels: readonly string[]): ChoiceOption<string>[] => labels.map((label) => ({ value: label, label }));
const yesNoOptions = list(['是', '不是']);

function choiceSlot(key: SlotKey, opts: () => ChoiceOption<string>[], required: (v: Values) => boolean, convert: (value: string) => unknown = (x) => x): Slot {
  return {
    key,
    required,
    prompt: () => ({ text: t.prompts[key as keyof typeof t.prompts] as string, options: opts() }),
    parse: (input) => {
      // A button's words, or the one option a whole sentence speaks of ("给寄到家里吧").
      const chosen = recognizeChoice(input, opts()) ?? recognizeMention(input, opts());
      return chosen ? { ok: true, set: { [key]: convert(chosen.value) } as Values } : { ok: false, error: t.errors.choice };
    },
    display: (v) => {
      const value = v[key];
      return opts().find((o) => convert(o.value) === value)?.label ?? String(value ?? '');
    },
  };
}

/** What a yes/no question is about, so an answer that restates it is read ("是的 有低保证"). */
const YES_NO_ECHO = { dibao: /低保/u, wheelchair: /轮椅|摩托|三轮/u };

function yesNoSlot(key: 'dibao' | 'wheelchair', required: (v: Values) => boolean): Slot {
  return {
    key,
    required,
    prompt: () => ({ text: t.prompts[key], options: yesNoOptions }),
    parse: (input) => {
      // "这个是啥" holds the button 是, but asks.
      const answer = recognizeYesNo(input, YES_NO_ECHO[key]) ?? (!asksSomething(input) && recognizeChoice(input, yesNoOptions)?.value === '是' ? true : undefined);
      if (answer === undefined) return { ok: false, error: t.errors.yesNo };
      const dropped = answer ? undefined : t.dropped[key === 'dibao' ? 'living-allowance' : 'fuel-subsidy'];
      return { ok: true, set: { [key]: answer }, note: dropped };
    },
    display: (v) => (v[key] ? t.summary.yes : t.summary.no),
  };
}

/**
 * Not on 低保 but low-income, or leaving it to 民政 ("不是低保 是低收入户 村里给认定过", "家里收入挺低的",
 * "让民政看着办"): the living allowance is kept for 民政 to judge, as the knowledge base advises.
 */
const LOW_INCOME = /低收入|收入(?:挺|很|比较|太|特别|非常)?(?:低|少)|低保边缘|边缘户/gu;
/** 民政 named as the one to check or decide: "让民政看着办", "这个让民政定吧", "民政查吧", "民政那边审核". */
const TO_MINZHENG = /民政(?:部门|局)?(?:那边|那里|那儿)?(?:去|来|帮忙)?(?:看|审|定|判|查|核|认定|决定|说了算|弄|管)/u;
/** "不是低收入户", "也不算低收入家庭", "没评上低收入": a negation just before, with no 是 between ("不是低保是低收入户" is low-income). */
const NEGATED_BEFORE = /(?:不|没|并非|非|未)(?:是|算|属于|有|评上?|评上过)?[^是]{0,3}$/u;
/** "低收入也不是": the negation said after ("收入挺低的 不是低保" negates 低保 only). */
const NEGATED_AFTER = /^(?:户|家庭|家|的)?(?:(?:也|都)(?:不是|不算)|(?:不是|不算)(?!低保))/u;
/**
 * How a family left off 低保 keeps the living allowance for 民政 to judge: said to be low-income ("不是低保 是低收入户",
 * "家里收入挺低的"), or left to 民政 ("让民政看着办", which claims no status).
 */
export function lowIncomeSaid(input: string): 'low-income' | 'minzheng' | undefined {
  const said = normalizeText(input).replace(/\s+/gu, '');
  if (lowIncomeMentions(said).some((negated) => !negated)) return 'low-income';
  return TO_MINZHENG.test(said) ? 'minzheng' : undefined;
}
/**
 * What is kept, and said back, when the living allowance stays off 低保: a low-income family as said, or
 * the status left to 民政 with none claimed ("让民政看着办"): 民政 checks 低保 itself unless the family is
 * known not to be on it (`notOnDibao`: said now or before), and then only whether it is low-income.
 */
export function livingKeptSaid(input: string, notOnDibao = dibaoSaid(input) === false): { set: Values; note: string } | undefined {
  const said = lowIncomeSaid(input);
  if (!said) return undefined;
  if (said === 'low-income') return { set: { dibao: false, lowIncome: true, minzhengChecks: undefined }, note: t.keptLowIncome };
  return { set: { dibao: false, lowIncome: undefined, minzhengChecks: notOnDibao ? 'lowIncome' : 'dibao' }, note: t.keptForMinzheng };
}
/** Each low-income word in the text (spaces taken out), told negated or not. */
function lowIncomeMentions(said: string): boolean[] {
  return [...said.matchAll(LOW_INCOME)].map((m) => NEGATED_BEFORE.test(said.slice(Math.max(0, m.index! - 6), m.index)) || NEGATED_AFTER.test(said.slice(m.index! + m[0].length)));
}
/**
 * "不是低收入户", "不是低保 也不是低收入户": low-income denied, and so no 低保 either, unless the rest says 是低保.
 * Undefined when no low-income word is denied.
 */
function lowIncomeDenied(input: string): boolean | undefined {
  const mentions = lowIncomeMentions(normalizeText(input).replace(/\s+/gu, ''));
  if (!mentions.length || mentions.some((negated) => !negated)) return undefined;
  const rest = normalizeText(input).split(/[\s\p{P}]+/u).filter((c) => c && !lowIncomeMentions(c).length).join(' ');
  return dibaoSaid(rest) === true ? undefined : false;
}

/** The 低保 question: yes, no, or a low-income family (no 低保户, the allowance kept for 民政 to judge). */
function dibaoSlot(required: (v: Values) => boolean): Slot {
  const yesNo = yesNoSlot('dibao', required);
  const choices = list(t.dibaoOptions);
  return {
    ...yesNo,
    prompt: () => ({ text: t.prompts.dibao, options: choices }),
    parse: (input, v, ctx) => {
      // "这个是啥" holds no button: a question is never the low-income button.
      if (recognizeChoice(input, choices)?.value === t.dibaoOptions[2]) return { ok: true, ...livingKeptSaid(t.dibaoOptions[2])! };
      const kept = !asksSomething(input) && dibaoSaid(input) !== true ? livingKeptSaid(input) : undefined;
      if (kept) return { ok: true, ...kept };
      const read = yesNo.parse(lowIncomeDenied(input) === false && !asksSomething(input) ? '不是' : input, v, ctx);
      return read.ok ? { ...read, set: { ...read.set, lowIncome: undefined, minzhengChecks: undefined } } : read;
    },
    display: (v) => t.summary.dibaoStatus(v),
  };
}

const ID_WORDS = /身份证|证号|号码|号/u;
/** Words that name a field in a question about it, where the summary's words for it are too few. */
const NAME_WORDS = /名字|姓名|叫啥|叫什么/u;
const ASKED_WORDS: Partial<Record<SlotKey, RegExp>> = {
  idNumber: ID_WORDS,
  guardianId: ID_WORDS,
  phone: /电话|手机|号码|号|座机/u,
  picks: /事项|哪项|哪个|哪几/u,
  delivery: /寄|邮|快递|领|拿/u,
  // "他叫啥你问这个干啥": the name asked about in the words that ask it.
  name: NAME_WORDS,
  guardianName: NAME_WORDS,
  // "我也不知道算哪类".
  category: /类别|哪类|哪一类|什么类|啥类|哪种残疾/u,
  // An item's own step: its words, so "护理补贴是什么" there is left to the knowledge base.
  certAction: /换领|换证|补办|挂失|迁移|变更|注销|业务/u,
  employment: /就业|失业|社保卡|社会保障卡|困难人员/u,
  dibao: /低保/u,
  student: /学生|学校|在读|上学|读书|教育/u,
  wheelchair: /轮椅|摩托/u,
  grade: /等级|级别|几级/u,
};

/** Whether a message speaks of what a step asks ("不是低保户…" at the 低保 question): no answer to another step. */
export const speaksOfStep = (key: SlotKey, input: string) => ASKED_WORDS[key]?.test(normalizeText(input)) === true;

/**
 * A slot whose failed parse answers questions about its field ("为啥要身份证号") and a bare
 * "不知道" or "没有" from the catalogue's field answers, where it has some. "我也不清楚" is
 * never read as an answer ("我" would pick 给我自己); "没有" may be one (低保户？没有).
 */
function answering(slot: Slot): Slot {
  const answers = t.fieldAnswers[slot.key];
  const words = ASKED_WORDS[slot.key] ?? new RegExp((t.fieldWords[slot.key] ?? [t.labels[slot.key]]).join('|'), 'u');
  const next = NEXT_ASKED[slot.key];
  return {
    ...slot,
    parse: (input, v, ctx) => {
      const result: ParseResult = nonAnswer(input) === 'unknown' ? { ok: false, error: t.errors.choice } : slot.parse(input, v, ctx);
      if (result.ok || result.attempt || result.answer) return result;
      // Named only ("孩子没有身份证能办不" at the name step): the next step's own answer, never the ID-card office.
      const answer = fieldAnswer(input, answers, words) ?? (next && /身份证/u.test(normalizeText(input)) ? fieldAnswer(input, t.fieldAnswers[next], ID_WORDS) : undefined);
      return { ...result, answer };
    },
  };
}

/** A name's step comes just before its ID number: a question about the number is often asked at the name. */
const NEXT_ASKED: Partial<Record<SlotKey, SlotKey>> = { name: 'idNumber', guardianName: 'guardianId' };

/** An ID number, typed alone or in a sentence; a wrong one is told what is wrong with it (how many characters). */
function idSlot(key: 'idNumber' | 'guardianId', required: (v: Values) => boolean): Slot {
  return {
    key,
    required,
    prompt: (v) => ({ text: key === 'idNumber' && v.age !== undefined && v.age < 18 ? t.prompts.idNumberMinor : t.prompts[key], options: [] }),
    parse: (input, v, ctx) => {
      const typed = idNumberIn(input, ctx.today);
      if (!typed) return { ok: false, error: t.errors.idFormat };
      const { run, result } = typed;
      if (!result.ok) {
        const count = digitCount(run);
        const errors = { format: count === 18 ? t.errors.idFormat : t.errors.idLength(count), checksum: t.errors.idChecksum, birthDate: t.errors.idBirthDate };
        return { ok: false, error: errors[result.problem], attempt: true };
      }
      if (key === 'idNumber') return { ok: true, set: { idNumber: result.idNumber, birthDate: result.birthDate, age: result.age } };
      if (result.idNumber === v.idNumber) return { ok: false, error: t.errors.guardianSameId, attempt: true };
      if (result.age < 18) return { ok: false, error: t.errors.guardianMinor, attempt: true };
      return { ok: true, set: { guardianId: result.idNumber } };
    },
    display: (v, full) => (full ? v[key] ?? '' : maskIdNumber(v[key] ?? '')),
  };
}

/** Words of a sentence or a form answer ("到窗口办", "不知道", "大名不好说", "跟这个一样"), never of a person's name. */
const NOT_A_NAME = /[的了吗呢吧啊呀哦嘛么]|没错|不错|对的|好的|算了|不改|不用|字旁|偏旁|三点水|两点水|字头|字底|部首|改一下|改下|住址|地址|电话|手机号|身份证|窗口|网上|线上|申请|办理|补贴|残疾|低保|不知道|不清楚|知道|不是|是的|可以|没有|帮我|我要|我是|本人|自己|怎么|什么|哪里|为什么|同意|取消|返回|帮助|人工|到窗|去办|在办|要办|确认|提交|繁体|简体|不好说|说不好|一样|这个|那个/;

/** "我", "就是我", "我就是本人", "本人", "监护人就是我", "我是监护人": the speaker is the one asked about. */
const SPEAKER_ONLY = /^(?=.*(?:我|俺|本人|自己))(?:(?:法定)?监护人)?(?:就?是)?(?:我|俺)?(?:就是|就|是)?(?:我|俺)?(?:自己|本人)?(?:就?是(?:(?:法定)?监护人)?)?(?:呀|啊|吧|的|了)*$/u;

/** No surname is a pronoun. */
const PRONOUN_FIRST = /^[我你您他她俺咱]/u;

/** Whether a text is a person's name as typed: 2-8 Han characters, or parts joined by ·, or Latin letters. */
function isName(name: string): boolean {
  // "那俺娘要去医院不" is eight Han characters, and a question, not a name.
  // "我是她外孙" (lead taken off: "她外孙"), "外婆": who the person is, not what they are called.
  if (PRONOUN_FIRST.test(name) || saysOnlyKin(name)) return false;
  return (
    ((/^\p{Script=Han}{2,8}$/u.test(name) || (/^\p{Script=Han}+(·\p{Script=Han}+)+$/u.test(name) && [...name].length <= 20)) && !NOT_A_NAME.test(name) && !asksSomething(name) && !nonAnswer(name)) ||
    /^[A-Za-z][A-Za-z .'-]{1,40}$/.test(name)
  );
}

// "王德桂 哎呀打错了 是王德贵": a name corrected in the same message; the last name said counts.
const CORRECTION = /错|不对|应该|更正/u;
const CORRECTION_PARTS = /[\s，,。.！!；;]+|应该是|打错了|写错了|错了|不对|是/u;

// Words before a name ("她叫", "俺娘叫", "名字是", "姓名：") and after it ("…就行").
const NAME_LEAD = /^(?:\p{Script=Han}{0,4}?的?(?:名字|姓名|全名)(?:叫做|叫|是|为)?|\p{Script=Han}{0,4}?(?:叫做|叫)|(?:我|俺|他|她|这)就?是)[\s:：,，]*/u;
const NAME_TAIL = /[\s,，]*(?:就行了?|就可以了?|就好了?|就是了?)$/u;

/**
 * The guardian's relation when the speaker is the guardian: what they said they are to the
 * applicant when the form began ("给我孙女办": a grandparent), unless that was "法定监护人" itself.
 */
function speakerAsGuardian(v: Values): Partial<Values> {
  const kin = v.role === 'proxy' && v.relation ? kinIn(v.relation)?.kin : undefined;
  return { guardianIsSpeaker: true, ...(kin && kin !== 'guardian' ? { guardianRelation: kinLabel(kin, t.guardianRelations) } : {}) };
}

/** A name with the words before and after it taken off ("叫张桂兰" -> "张桂兰"), if that is a name. */
function bareName(part: string): string | undefined {
  const bare = part.replace(NAME_LEAD, '').replace(NAME_TAIL, '');
  return isName(bare) ? bare : undefined;
}

/**
 * "我就是 我是她奶奶 张桂兰", "就是我，她姥姥，叫李秀英", "我就是她奶奶张桂兰" at the guardian's
 * name: the speaker is the guardian and says their name in the same message (or, "我是她妈", says
 * it next); the relation is taken from what they say they are, else from what they said when the
 * form began, never asked again.
 */
function speakerNamedAsGuardian(said: string, v: Values): Partial<Values> | undefined {
  let speaker = false;
  let kin: Kin | undefined;
  const names: string[] = [];
  // A kin word names the speaker when said as theirs ("我是她奶奶"), or after "我就是" ("她奶奶").
  const speakerKin = (part: string) => {
    const k = saysOnlyKin(part) ? kinIn(part) : undefined;
    return k && (k.speakerIs || (speaker && !k.ofSpeaker)) ? k.kin : undefined;
  };
  for (const part of said.split(/[\s，,。.！!；;]+/u).filter(Boolean)) {
    if (SPEAKER_ONLY.test(part)) {
      speaker = true;
      continue;
    }
    const named = speakerKin(part);
    if (named) {
      [speaker, kin] = [true, named];
      continue;
    }
    const name = bareName(part);
    if (name) {
      names.push(name);
      continue;
    }
    // "我就是她奶奶张桂兰": the speaker's kin word and the name in one run.
    const split = splitsAfterKin(part).find(([head, tail]) => speakerKin(head) && bareName(tail));
    if (!split) return undefined;
    [speaker, kin] = [true, speakerKin(split[0])];
    names.push(bareName(split[1])!);
  }
  // "我是她妈" alone: the speaker is the guardian, their relation kept and their name asked next.
  if (!speaker || names.length > 1 || (names.length === 0 && !kin)) return undefined;
  return { ...(names.length ? { guardianName: names[0] } : {}), ...speakerAsGuardian(v), ...(kin ? { guardianRelation: kinLabel(kin, t.guardianRelations) } : {}) };
}

/** How a character of a name is spelled out: "得到的得", "福气的福", "耳东陈", "弓长张". */
const SPELLED_AS = /^(?:\p{Script=Han}{1,3}的(\p{Script=Han})|耳东陈|弓长张|口天吴|立早章|木子李|古月胡|双木林|言午许|文刀刘|禾呈程|草头黄|三横王)$/u;
const spellsOut = (part: string) => {
  const m = SPELLED_AS.exec(part);
  return m !== null && (m[1] === undefined || part.slice(0, -2).includes(m[1]));
};
/** A character of the name told by its radical: "柱是木字旁", "柱是木字旁那个", "江是三点水的". */
const BY_RADICAL = /^(\p{Script=Han})(?:字)?是?(?:\p{Script=Han}{1,2}字?(?:旁|头|底)|三点水|两点水)(?:的|那个|那个字|那一个)*$/u;
/** A name with the characters spelled out after it taken off ("王得福 得到的得" -> "王得福", "赵铁柱 柱是木字旁" -> "赵铁柱"). */
function withoutSpelling(said: string): string {
  const parts = said.split(/[\s，,。.；;、]+/u).filter(Boolean);
  const byRadical = (part: string) => {
    const m = BY_RADICAL.exec(part);
    return m !== null && parts.some((other) => other !== part && other.includes(m[1]));
  };
  const kept = parts.filter((part) => !spellsOut(part) && !byRadical(part));
  return kept.length && kept.length < parts.length ? kept.join(' ') : said;
}

/** The name on the ID card, said beside another ("俺叫王老栓 身份证上是王建设", "大名王建設"): what follows these words. */
const OFFICIAL_NAME = /(?:身份证|户口本?|证件)上(?:面)?(?:的名字|的姓名|写的|写着|登记的)?(?:是|叫|为)?|(?:大名|学名|官名|正名)(?:叫做|叫|是)?/gu;
/** Said of how the card writes the name, not a name: "身份证上是繁体字", "大名不好说", "身份证上是对的". */
const ABOUT_THE_WRITING = /繁体|简体|繁写|简写|写法|字体|一样|不好说|说不好|不清楚|对的|没错|正确|错的|不对/u;
function officialName(said: string): string | undefined {
  const lead = [...said.matchAll(OFFICIAL_NAME)].at(-1);
  const after = lead ? said.slice(lead.index + lead[0].length).split(/[\s，,。.！!；;]+/u)[0].replace(NAME_TAIL, '') : '';
  return after && isName(after) && !ABOUT_THE_WRITING.test(after) ? after : undefined;
}

/** Characters the Traditional-to-Simplified conversion changes that are standard Simplified all the same (通用规范汉字表), so valid on a mainland ID card. */
const STANDARD_AS_WRITTEN = new Set('乾於著徵昇陞');
/**
 * A name in Simplified characters, as on a mainland ID card ("王建設" -> "王建设"), said back when it
 * changed: only characters that are Traditional-only change (王乾, 於立新 stay). A name typed again
 * (at the summary, or after the read-back) is kept as typed: it is the correction.
 */
function simplifiedName(key: 'name' | 'guardianName', result: ParseResult, v: Values): ParseResult {
  if (!result.ok || v[key] !== undefined) return result;
  const name = result.set[key];
  const simplified = name && /^\p{Script=Han}+$/u.test(name) ? [...name].map((c) => (STANDARD_AS_WRITTEN.has(c) ? c : normalizeText(c))).join('') : name;
  return simplified === name ? result : { ...result, set: { ...result.set, [key]: simplified }, note: [result.note, t.nameSimplified(simplified!)].filter(Boolean).join('\n') };
}

function nameSlot(key: 'name' | 'guardianName', required: (v: Values) => boolean): Slot {
  const slot = rawNameSlot(key, required);
  return { ...slot, parse: (input, v, ctx) => simplifiedName(key, slot.parse(input, v, ctx), v) };
}

function rawNameSlot(key: 'name' | 'guardianName', required: (v: Values) => boolean): Slot {
  return {
    key,
    required,
    // The speaker said they are the guardian ("我就是"): their own name is asked.
    prompt: (v) => ({ text: key === 'guardianName' && v.guardianIsSpeaker ? t.guardianIsSpeaker : t.prompts[key], options: [] }),
    parse: (input, v) => {
      const official = officialName(input.trim());
      if (official) return { ok: true, set: { [key]: official } };
      // Voice input ends sentences with "。": not part of the name.
      const name = withoutSpelling(input.trim().replace(/\s+/g, ' ').replace(/[•・]/g, '·').replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, ''));
      // "她叫刘桂兰" passes as five Han characters: the lead-in is taken off before the whole is tried.
      // "我", "就是我" to who the guardian is: the speaker, whose own name is asked next.
      if (key === 'guardianName' && SPEAKER_ONLY.test(name)) return { ok: true, set: speakerAsGuardian(v), stay: true };
      // "我就是本人" to the applicant's name: it is the speaker's own name that is asked, once more plainly;
      // "我就是本人 王建国" gives it.
      if (key === 'name') {
        const parts = name.split(/[\s，,。.！!；;]+/u);
        const own = parts.filter((part) => !SPEAKER_ONLY.test(part) || part.includes('监护人'));
        if (own.length < parts.length) {
          if (own.length === 0) return { ok: false, error: v.role === 'proxy' ? t.errors.nameOfApplicant : t.errors.ownName, attempt: true };
          if (own.length === 1 && isName(own[0])) return { ok: true, set: { name: own[0] } };
        }
      }
      const named = key === 'guardianName' ? speakerNamedAsGuardian(name, v) : undefined;
      if (named) return { ok: true, set: named, stay: named.guardianName === undefined };
      const bare = name.replace(NAME_LEAD, '').replace(NAME_TAIL, '');
      if (bare !== name && isName(bare)) return { ok: true, set: { [key]: bare } };
      if (isName(name)) return { ok: true, set: { [key]: name } };
      const corrected = CORRECTION.test(name) ? name.split(CORRECTION_PARTS).filter(isName).at(-1) : undefined;
      return corrected ? { ok: true, set: { [key]: corrected } } : { ok: false, error: t.errors.name };
    },
    display: (v) => v[key] ?? '',
  };
}

/** School stages in people's words; 小学 and 初中 are compulsory education, which the grant does not cover. */
const SCHOOL_STAGES: [RegExp, Values['student']][] = [
  [/研究生|读研|硕士|博士/, 'graduate'],
  [/大学|大专|本科|专科|高职|大[一二三四五]|研[一二三]/, 'college'],
  [/高中|中职|职高|中专|技校|高[一二三]/, 'high'],
  [/小学|初中|[一二三四五六]年级|初[一二三]|义务教育/, 'compulsory'],
  [/不上学|没上学|没读书|不读书|不在读|毕业了|没在读|辍学/, 'none'],
];

function studentSlot(required: (v: Values) => boolean): Slot {
  const choices = () => options(t.students);
  return {
    key: 'student',
    required,
    prompt: () => ({ text: t.prompts.student, options: choices() }),
    parse: (input) => {
      const said = normalizeText(input);
      const student = recognizeChoice(input, choices())?.value ?? SCHOOL_STAGES.find(([words]) => words.test(said))?.[1];
      if (!student) return { ok: false, error: t.errors.choice };
      const note = student === 'compulsory' ? t.dropped.compulsoryEducation : student === 'none' ? t.dropped['education-grant'] : undefined;
      return { ok: true, set: { student: student as Values['student'] }, note };
    },
    display: (v) => (v.student ? t.students[v.student] : ''),
  };
}

/**
 * A relation to the applicant: one of the buttons, or a short kinship phrase typed. `relation`
 * asks what the typist is to the applicant: "我妈" says the applicant is the typist's mother,
 * so the typist is her 子女; `guardianRelation` asks what the guardian is, said as it is.
 */
function relationSlot(key: 'relation' | 'guardianRelation', labels: readonly string[], required: (v: Values) => boolean): Slot {
  return {
    key,
    required,
    prompt: () => ({ text: t.prompts[key], options: list(labels) }),
    parse: (input, v, ctx) => {
      const said = normalizeText(input).replace(/\s+/g, '');
      // Kin words before the buttons' fragments: "祖父母" holds the label "父母".
      const kin = RELATION_PHRASE.test(said) ? kinIn(said) : undefined;
      if (!kin) {
        const picked = recognizeChoice(input, list(labels))?.value;
        if (picked) return { ok: true, set: { [key]: picked } };
        // "帮俺家老头子办 他脑梗了说话说不清楚": the kin named in a sentence, read as the role question reads it.
        const role = key === 'relation' ? roleSlot.parse(input, v, ctx) : undefined;
        return role?.ok && role.set.relation ? { ok: true, set: { relation: role.set.relation } } : { ok: false, error: t.errors.relation };
      }
      // Typed kinship is kept as the button it means, so the summary and the case read alike. A kin
      // word said with an age ("闺女六岁了") names the applicant, whatever pronoun is left unsaid.
      const typist = key === 'relation' && (kin.ofSpeaker || ageSaid(said) !== undefined) ? inverseKin(kin.kin) : kin.kin;
      return { ok: true, set: { [key]: kinLabel(typist, labels) } };
    },
    display: (v) => v[key] ?? '',
  };
}

const ITEM_PICKS: Pick[] = ['cert-new', 'cert-other', 'living-allowance', 'care-allowance', 'employment', 'pension-help', 'education-grant', 'fuel-subsidy'];
const CERT_ACTIONS = Object.keys(t.certActionOptions) as ItemId[];

/** Item picks as choices; typed sub-items (补办, 社保卡) resolve straight to their item. */
function itemChoices(): ChoiceOption<ItemId | Pick>[] {
  const direct: ChoiceOption<ItemId | Pick>[] = [...CERT_ACTIONS, ...EMPLOYMENT].map((id) => ({
    value: id as ItemId,
    label: t.itemNames[id],
    synonyms: t.itemSynonyms[id],
  }));
  return [...ITEM_PICKS.map((p) => ({ value: p, label: t.itemOptions[p as keyof typeof t.itemOptions], synonyms: t.itemSynonyms[p] })), ...direct];
}

// Money said in passing: "护理的钱", "生活那块补助".
const MONEY = /钱|补贴|补助|津贴|费/u;
const MONEY_SUFFIX = /(补贴|补助|费)$/u;

/**
 * Item choices for a sentence that speaks of money: a subsidy is then also named by what sets it
 * apart ("护理" of 护理补贴), when no other item shares those words.
 */
function itemChoicesFor(said: string, stemmed = MONEY.test(said)): ChoiceOption<ItemId | Pick>[] {
  const choices = itemChoices();
  if (!stemmed) return choices;
  const names = (c: ChoiceOption<unknown>) => [c.label, ...(c.synonyms ?? [])];
  return choices.map((choice) => {
    const stems = names(choice)
      .filter((n) => MONEY_SUFFIX.test(n))
      .map((n) => n.replace(MONEY_SUFFIX, ''))
      .filter((stem) => [...stem].length >= 2 && choices.every((other) => other === choice || !names(other).some((n) => n.includes(stem))));
    return { ...choice, synonyms: [...(choice.synonyms ?? []), ...stems] };
  });
}

const pickLabels = (v: Values) => {
  const items = requestedItems({ ...v, hasCertificate: undefined });
  const groups = (v.picks ?? []).filter((p) => (p === 'cert-other' && !v.certAction) || (p === 'employment' && !v.employment));
  return [...items.map((id) => t.itemNames[id]), ...groups.map((g) => t.itemOptions[g as keyof typeof t.itemOptions])].join('、');
};

const materialChoices = () => options(t.materials.names, t.materialWords).filter((o) => o.value !== 'oldCertificate' && o.value !== 'form');
export const channelOptions = () => options(t.channels, t.channelSynonyms);

/** Not on 低保, or only applying for it ("我家不是低保", "俺没吃上低保", "低保还没批"): no pick of the living allowance. */
const DIBAO_STATUS = new RegExp(`${OFF_ASSISTANCE.source}|申请低保(?:户|家庭)?|低保(?:户)?(?:还)?没(?:批|办)(?:下来)?`, 'gu');

/** "都要", "全部都办": every item, said without naming one. */
const ALL_OF_THEM = /都要|全要|全部|都办|全都|都选|全选|所有的?/u;

// "我家是低保户能领哪个" asks which item, as "护理补贴是什么" asks what it is: the item's own
// explanation answers both. Other questions ("护理补贴谁能领") are the knowledge base's.
const isQuestion = (input: string) => /[?？吗呢]|什么|啥|是指|意思|哪个|哪项|哪几|哪些|哪一/.test(input);

/**
 * The grade asked or not known while the items are chosen ("不知道她几级", "要几级才能领"); a grade
 * stated ("证上写的等级是二级") or to be changed ("级别评低了想重新评") is neither.
 */
const GRADE_ASKED = /几级|(?:哪|什么|啥)一?(?:个)?(?:级|等级|级别)|(?:不知道|不清楚|不晓得|没评|还没评).{0,4}(?:等级|级别)/u;
const GRADE_CHANGE = /改|调|变|重新评|评低|评高/u;
/** The person's own grade asked ("能评几级", "算几级", "是几级"), not which grade an item needs ("几级能领", "几级以上", "几级才"). */
const GRADE_OF_PERSON = /(?:评|算|是|定|属于|够)(?:上|到|成|为|了)?(?:个)?几级(?!能|以上|才|就|可以|的人|的能)/u;
/** Asking which subsidies there are or can be had ("我妈这种情况能领什么补贴", "都有啥补助"): what the step lists, with who gets each. */
const WHICH_SUBSIDIES = /(?:领|拿|享受|申请|办|有|给)(?:点|些)?(?:什么|啥|哪些|哪几|哪几样|哪几种|几样|几种)(?:样|种|项|个)?(?:补贴|补助|钱|待遇|福利)|(?:补贴|补助|待遇|福利)(?:都|一共)?(?:有哪些|有哪几|有啥|有什么|有几)/u;
/** The items that are money, as the subsidies' answer lists them. */
const SUBSIDIES: Pick[] = ['living-allowance', 'care-allowance', 'pension-help', 'education-grant', 'fuel-subsidy'];

/** The items so far: picked at this question, or named in the message that started the application. */
const picksSoFar = (v: Values): Pick[] => v.picks ?? v.picksSaid ?? [];

const itemsSlot: Slot = {
  key: 'picks',
  required: () => true,
  prompt: (v) => {
    if (v.certDropAsked) return { text: t.certDropAsk(t.itemOptions[v.certDropAsked as keyof typeof t.itemOptions]), options: labelChoices(t.certDropButtons).map((o) => ({ ...o, value: String(o.value) })) };
    const picked = new Set(picksSoFar(v));
    // Each item keeps its number whatever is picked ("3" is always 生活补贴, "9" 选好了): someone typing
    // numbers from memory, or read the list by a screen reader, adds and takes off what they meant.
    // A picked item's button takes it off, in its own place.
    const opts: ChoiceOption<string>[] = ITEM_PICKS.map((p) => {
      const label = t.itemOptions[p as keyof typeof t.itemOptions];
      return picked.has(p) ? { value: `${REMOVE}${p}`, label: t.itemRemove(label) } : { value: p, label };
    });
    if (picked.size) opts.push({ value: 'done', label: t.itemsDone });
    return { text: picked.size ? t.prompts.itemsMore(pickLabels({ ...v, picks: [...picked] })) : t.prompts.items, options: opts };
  },
  parse: (input, v, ctx) => {
    // "去掉证" asked to be confirmed: a yes takes it off, a no keeps it; anything else is read as ever.
    if (v.certDropAsked) {
      const yes = recognizeConfirmation(input, labelChoices(t.certDropButtons));
      const asked = v.certDropAsked;
      const rest = { ...v, certDropAsked: undefined };
      if (yes === undefined) {
        const read = itemsSlot.parse(input, rest, ctx);
        return read.ok ? { ...read, set: { certDropAsked: undefined, ...read.set } } : read;
      }
      const picks = picksSoFar(v).filter((p) => !yes || p !== asked);
      const set: Values = { certDropAsked: undefined, picks, picksSaid: undefined, ...(yes && asked === 'cert-other' ? { certAction: undefined } : {}) };
      return { ok: true, set, stay: true, note: yes ? t.itemDropped(t.itemOptions[asked as keyof typeof t.itemOptions]) : undefined };
    }
    const folded = normalizeText(input).replace(/\s+/g, '');
    const picks = [...picksSoFar(v)];
    const shown = itemsSlot.prompt(v, ctx).options;
    const removal = (o: ChoiceOption<string> | undefined) => o?.value.startsWith(REMOVE) === true;
    // A take-off button by its number or its whole label: its label holds the item's own, which picks nothing.
    const exact = (o: ChoiceOption<string>) => normalizeText(o.label).replace(/\s+/g, '') === folded;
    const byPosition = recognizePosition(input) === undefined ? (shown.find((o) => removal(o) && exact(o)) ?? recognizeChoice(input, shown.filter((o) => !removal(o)))) : recognizeChoice(input, shown);
    // Numbers are the buttons shown ("还要别的吗" leaves out what is picked); words may name any item.
    // "7" with five buttons shown is no item: the base says there is no such choice.
    if (positionNotShown(input, shown.length)) return { ok: false, error: t.errors.choice, attempt: true };
    const positions = recognizePositions(input, shown);
    // Taken off: by its button, or in words ("护理的不要了").
    const removed = [...new Set([...positions, byPosition].filter(removal).map((o) => o!.value.slice(REMOVE.length) as Pick))];
    // "1 3": the certificate's number beside an item added is both wanted, the certificate kept, never asked to be taken off.
    const adding = positions.some((o) => o.value !== 'done' && !removal(o));
    const pressed = adding ? removed.filter((p) => p !== 'cert-new' && p !== 'cert-other') : removed;
    // The certificate itself, taken off by a number or its button: asked first, as the subsidies mostly need it.
    const certificate = pressed.find((p) => p === 'cert-new' || p === 'cert-other');
    if (certificate && pressed.length === 1) return { ok: true, set: { certDropAsked: certificate }, stay: true };
    const left = [...new Set([...pressed, ...itemsLeft(input, picks)])];
    const mentioned = positions.length ? positions.filter((o) => o.value !== 'done' && !removal(o)) : removal(byPosition) ? [] : recognizeChoices(input.replace(DIBAO_STATUS, ''), itemChoicesFor(folded));
    // "没有", "不用了" answer "还要别的吗" as well as 选好了 does.
    const saysNo = mentioned.length === 0 && left.length === 0 && picks.length > 0 && recognizeYesNo(input) === false;
    // "都要吧" with no item named: which are meant is asked, never guessed (nor read as done).
    if (mentioned.length === 0 && !byPosition && ALL_OF_THEM.test(folded)) return { ok: false, error: t.errors.choice, answer: t.itemsAllAsk };
    // "我妈这种情况能领什么补贴": the step's own question, answered with who gets each, and asked again
    // ("有残疾证能领哪几样补助" names the card as what it takes, not as what is asked about).
    const onlyCard = mentioned.every((m) => ['cert-new', 'cert-other'].includes(pickOf(m.value as ItemId | Pick)));
    if (onlyCard && !byPosition && isQuestion(input) && WHICH_SUBSIDIES.test(folded)) {
      return { ok: false, error: t.errors.choice, answer: t.itemsWhichSubsidies(SUBSIDIES.map((p) => t.itemExplain[p]).join('\n')) };
    }
    // "不知道她几级": the grade is not needed to choose; the appraisal sets it.
    if (mentioned.length === 0 && !byPosition && GRADE_ASKED.test(folded) && !GRADE_CHANGE.test(folded)) return { ok: false, error: t.errors.choice, answer: t.itemsGradeLater };
    // "没了 就这俩": done in more words than one, with no item named.
    const saysDone = mentioned.length === 0 && left.length === 0 && (endsWith(input, [...t.itemsDoneWords, ...t.itemsFinishedWords]) || itemClauses(input).some((c) => OTHERS_NOT.test(c)));
    if (byPosition?.value === 'done' || (t.itemsDoneWords.includes(folded) && left.length === 0) || saysNo || saysDone) {
      return picks.length ? { ok: true, set: { picks, picksSaid: undefined } } : { ok: false, error: t.errors.noItems };
    }
    // A material ("身份证", "照片") is not an item: the list of materials comes once the form is filled.
    // Asked of ("他身份证找不着了咋办"), it is a question for the knowledge base, not a pick.
    if (mentioned.length === 0 && left.length === 0 && !isQuestion(input) && !asksSomething(input) && recognizeChoices(input, materialChoices()).length) return { ok: true, set: {}, stay: true, note: t.materialsLater };
    if (isQuestion(input) && mentioned.length === 1) {
      const key = mentioned[0].value;
      const explain = t.itemExplain[key] ?? t.itemExplain[CERT_ACTIONS.includes(key as ItemId) ? 'cert-other' : 'employment'];
      return { ok: true, set: {}, stay: true, note: explain };
    }
    const removing = t.itemsRemoveWords.some((w) => folded.startsWith(w));
    // "就办证 别的不要": only what is named, so the choosing is done; "生活补贴也不要了 就办证" takes one
    // off, and what is left is shown to be confirmed.
    const finished = endsWith(input, t.itemsFinishedWords) || itemClauses(input).some((c) => OTHERS_NOT.test(c) || (ITEM_ONLY.test(c) && left.length === 0));
    const named = (mentioned.length ? mentioned.map((m) => m.value) : byPosition && !removal(byPosition) ? [byPosition.value as Pick] : []).filter((c) => !left.includes(pickOf(c as ItemId | Pick)));
    // "残疾证换领补办那个": 残疾证 is the noun of a service named, and two services named are the button that
    // holds them both (which one is asked next).
    const services = named.filter((c) => CERT_ACTIONS.includes(c as ItemId));
    const chosen = services.length > 1 ? [...named.filter((c) => c !== 'cert-new' && !services.includes(c)), 'cert-other'] : services.length ? named.filter((c) => c !== 'cert-new') : named;
    if (chosen.length === 0 && left.length === 0) return { ok: false, error: t.errors.choice };
    const set: Values = {};
    for (const pick of left) {
      addOrRemove(picks, pick, true);
      if (pick === 'cert-other') set.certAction = undefined;
      if (pick === 'employment') set.employment = undefined;
    }
    for (const value of chosen) {
      if (CERT_ACTIONS.includes(value as ItemId)) {
        set.certAction = value as ItemId;
        addOrRemove(picks, 'cert-other', removing);
      } else if (EMPLOYMENT.includes(value as ItemId)) {
        set.employment = [...new Set([...(v.employment ?? []), value as ItemId])];
        addOrRemove(picks, 'employment', removing);
      } else addOrRemove(picks, value as Pick, removing);
    }
    if (picks.includes('cert-new') && picks.includes('cert-other')) return { ok: false, error: t.certConflict };
    // The care allowance depends on the grade: said whenever it is added, by button or in words ("护理那个钱能领不").
    const careAdded = picks.includes('care-allowance') && !picksSoFar(v).includes('care-allowance');
    const dropped = left.length ? t.itemDropped(left.map((p) => t.itemOptions[p as keyof typeof t.itemOptions]).join('、')) : undefined;
    const note = [dropped, careAdded ? t.careAllowanceRule : undefined].filter(Boolean).join('\n') || undefined;
    // Everything taken off: the items are asked afresh, never taken as done.
    return { ok: true, set: { ...set, picks, picksSaid: undefined }, stay: !finished || picks.length === 0, note };
  },
  display: (v) => pickLabels(v),
};

/** The value of a button that takes a picked item off. */
const REMOVE = 'remove:';
/** The item a choice is picked as: a 残疾人证 service or an employment help goes with its group. */
const pickOf = (value: ItemId | Pick): Pick => (CERT_ACTIONS.includes(value as ItemId) ? 'cert-other' : EMPLOYMENT.includes(value as ItemId) ? 'employment' : (value as Pick));
/** Leaving an item out: "跳过", "不要了", "算了这个不要", "去掉护理补贴", "这项不办". */
export const LEAVE_WORDS = /跳过|不想要|不想办|不需要|不申请|不要|不用|不办|不弄|不领|去掉|删掉|删除|算了|免了/gu;
const LEAVE_WORD = new RegExp(LEAVE_WORDS.source, 'u');
/** What may be said around it and means nothing more ("那个…俺也不要了"). */
export const LEAVE_FILLER = /这一?[个项样]|那一?[个项样]|[就先也吧了啊呀的我俺咱都那嗯哦这]/gu;
/** Only what the clause names: "就办证", "只要护理补贴" ("就要护理补贴" may add it). */
const ITEM_ONLY = /^(?:那|那就|还是)?(?:只|光|单)(?:办|要|申请|弄|选)?|^(?:那|还是)?就办/u;
/** Nothing besides: "别的不要", "其他的都不用". */
const OTHERS_NOT = /^(?:别的|其他的?|其它的?|另外的)(?:都|也|就)?(?:不要|不用|不办|不需要|不弄)了?$/u;
const itemClauses = (input: string) => normalizeText(input).split(/[\s，,。.；;、!！]+/u).filter(Boolean);
/** What may follow a word that ends the choosing, in its clause: "都要吧", "就这两样", "就办这个". */
const ENDING_TAIL = /^(?:[个样项种]|了|吧|啊|呀|的|哈|啦|嘛|哦|办|申请|弄)*$/u;
/**
 * Whether a clause ends with one of the words ("证和护理补贴都要", "就这些吧"): said inside a clause about
 * something else ("他吃饭穿衣都要我妈照顾"), the word ends no choosing.
 */
const endsWith = (input: string, words: string[]) =>
  itemClauses(input).some((c) => words.some((w) => c.includes(w) && ENDING_TAIL.test(c.slice(c.lastIndexOf(w) + w.length))));
/** Whether a clause says nothing but the items it names and `words` ("残疾证不要寄了" says more: 寄). */
const onlyItemsAnd = (clause: string, names: string[], words: RegExp) =>
  !names
    .sort((a, b) => b.length - a.length)
    .reduce((rest, name) => rest.replaceAll(name, ''), clause)
    .replace(words, '')
    .replace(LEAVE_FILLER, '');

/**
 * The items picked so far that a message leaves out, in a clause that says so ("哎不对 护理的不要了
 * 要那个生活补贴"), or by naming only others ("生活补贴也不要了 就办证"). A subsidy may be named by
 * what sets it apart ("护理的") there, money said or not.
 */
export function itemsLeft(input: string, picked: readonly Pick[]): Pick[] {
  const left = new Set<Pick>();
  for (const clause of itemClauses(input)) {
    const choices = recognizeChoices(clause, itemChoicesFor(clause, true));
    const named = choices.map((c) => pickOf(c.value));
    const names = choices.flatMap((c) => [c.label, ...(c.synonyms ?? [])]);
    if (LEAVE_WORD.test(clause)) {
      if (onlyItemsAnd(clause, names, LEAVE_WORDS)) named.filter((p) => picked.includes(p)).forEach((p) => left.add(p));
    } else if (named.length && ITEM_ONLY.test(clause) && onlyItemsAnd(clause.replace(ITEM_ONLY, ''), names, /办|要|申请|弄/gu)) {
      picked.filter((p) => !named.includes(p)).forEach((p) => left.add(p));
    }
  }
  return [...left];
}

function addOrRemove(picks: Pick[], pick: Pick, remove: boolean): void {
  const at = picks.indexOf(pick);
  if (remove && at >= 0) picks.splice(at, 1);
  if (!remove && at < 0) picks.push(pick);
}

/** Whether the clause naming an option says no to it ("社保卡不要了"). */
function refused(input: string, option: ChoiceOption<string>): boolean {
  const clauses = normalizeText(input).split(/[\s，,。.；;、]+/u);
  return clauses.some((c) => recognizeChoices(c, [option]).length > 0 && /不要|不用|不办|不需要/u.test(c));
}

const EMPLOYMENT: ItemId[] = ['emp-unemployment', 'emp-hardship', 'emp-social-card'];
const employmentOptions = (): ChoiceOption<string>[] => EMPLOYMENT.map((id) => ({ value: id, label: t.itemNames[id], synonyms: t.itemSynonyms[id] }));

const chosen = (v: Values, id: ItemId) => requestedItems(v).includes(id);
const certificateItem = (v: Values) => requestedItems(v).some((id) => bundleItem(id).certificate);

/**
 * Where progress notices go, asked once right after a mobile number (a landline gets no SMS,
 * so it is not asked then), and only where SMS is on.
 */
const notifyBySlot = choiceSlot(
  'notifyBy',
  () => options(t.notifyByOptions, t.notifyBySynonyms),
  (v) => isMobile(v.phone),
);

const deliveryOptions = () => options(t.deliveries, t.deliverySynonyms);
/** The way to get the certificate said in words ("还是给俺寄家里吧", "我自己去拿"), a refused one not. */
export const deliveryMentioned = (input: string) => recognizeMention(input, deliveryOptions());
const deliveryChoice = choiceSlot('delivery', deliveryOptions, (v) => requestedItems(v).some((id) => bundleItem(id).issuesCard));
/** A question that only asks leave ("寄到家可以吗") picks the way it names. */
const ASKS_LEAVE = /(可以|行|好|能)(吗|不|么|嘛)$|可不可以|行不行|能不能/u;

/**
 * How the card is fetched. A question about a way ("寄到家里要钱不") is no choice of it: it is
 * answered (the step's own answer on what it costs, else the knowledge base) and the step asked again.
 */
const deliverySlot: Slot = {
  ...deliveryChoice,
  parse: (input, v, ctx) => {
    if (asksSomething(input) && !ASKS_LEAVE.test(normalizeText(input).replace(/\s+/g, ''))) return { ok: false, error: t.errors.choice };
    return deliveryChoice.parse(input, v, ctx);
  },
};
const channelChoice = choiceSlot('channel', channelOptions, () => true);

/** Someone to come to the person: "上门办的那种", "来家里". */
const COME_HOME = /上门|来家|到家里来|家里来|到家来/u;
/** ...or why the person cannot go: "走不了路让人来", "卧床". */
const CANNOT_GO = /走不了|走不动|下不了床|卧床|瘫在床|出不了门|行动不便/u;
/**
 * "不用上门", "上门鉴定要钱吗", "证能送上门不": a home visit named but not asked for (declined, a question
 * about it, or the card's delivery).
 */
const NOT_ASKING_HOME = /(?:不用|不要|不需要|不必|用不着|别)(?:来)?(?:上门|来家|到家)|要钱|收费|收钱|多少钱|费用|多久|几天|送上门|送到家/u;
/** Whether a text asks for a visit in words that say so, or (`orWhy`) also in words of why the person cannot go. */
function asksVisit(input: string, orWhy: boolean): boolean {
  const said = normalizeText(input).replace(/\s+/g, '');
  return (COME_HOME.test(said) || (orWhy && CANNOT_GO.test(said))) && !NOT_ASKING_HOME.test(said);
}
const GRADE_DIGITS: Record<string, Grade> = { 一: '一级', '1': '一级', 二: '二级', '2': '二级', 三: '三级', '3': '三级', 四: '四级', '4': '四级' };
/** A clause naming a grade ("二级的", "证上写的三级"), and what else the message says. */
const GRADE_CLAUSE = /^[^，,。\s]*?([一二三四1-4])级[^，,。\s]*$/u;
/** A yes to holding the card, said around its grade: "有了", "有", "早就有了", "有证". */
const CERT_HELD_SAID = /^(?:是的?|对|嗯)?(?:早就|早|已经|都)?有(?:了|的|证|残疾证|残疾人证)*(?:了|的|啊|呀)?$/u;
function gradeSaid(input: string): { grade?: Grade; rest: string } {
  const clauses = normalizeText(input).normalize('NFKC').split(/[\s，,。、；;！!]+/u).filter(Boolean);
  const at = clauses.findIndex((c) => GRADE_CLAUSE.test(c));
  if (at < 0) return { rest: input };
  return { grade: GRADE_DIGITS[GRADE_CLAUSE.exec(clauses[at])![1]], rest: clauses.filter((_, i) => i !== at).join('') };
}

/** Whether a text asks for someone to come to the person ("上门办的那种", "来家里"). */
export const wantsSomeoneToCome = (input: string) => asksVisit(input, false);
/** Whether a text asks for someone to come to the person, in either kind of words. */
export const asksHomeVisit = (input: string) => asksVisit(input, true);

// "我不会用手机", "去不了窗口": the other way is meant, though the words name this one.
const NOT_ONLINE = /(?:不会|不懂|不想|不要|没法|没办法|用不了|弄不了|不方便|不太会)(?:用|上|弄|在|玩)?(?:手机|网上|线上|网|电脑)|(?:手机|网上|线上|电脑)(?:我|俺)?(?:不会|不懂|弄不了|用不了|玩不转|不太会)|没有?(?:智能)?手机/u;
const NOT_WINDOW = /(?:去不了|不想去|不能去|不去|跑不了|不想跑|不方便去)(?:窗口|现场|线下|那儿|那里|县里)/u;

/** Whether the items asked for need an appraisal at a hospital (a new certificate, a new grade or category). */
// Also while the items are still being picked: a new certificate named in the opening message needs its appraisal.
/** Whether any item has been picked yet (before that, whether an appraisal is needed is not known). */
export const itemsPicked = (v: Values) => picksSoFar(v).length > 0;
export const needsAppraisal = (v: Values) => requestedItems({ ...v, picks: picksSoFar(v) }).some((id) => APPRAISAL_ITEMS.includes(id));

/**
 * Online or at the window, read with a "can't" turned round ("我不会用手机" is the window); the
 * next question's answer said here ("寄到家") is kept for it, said back, and this one asked again.
 */
const channelSlot: Slot = {
  ...channelChoice,
  parse: (input, v, ctx) => {
    const said = normalizeText(input).replace(/\s+/g, '');
    const other = NOT_ONLINE.test(said) ? 'window' : NOT_WINDOW.test(said) ? 'online' : undefined;
    if (other) return { ok: true, set: { channel: other }, note: t.channelRead(t.channels[other]) };
    const result = channelChoice.parse(input, v, ctx);
    if (result.ok) return result;
    const delivery = deliveryMentioned(input);
    if (!delivery) return result;
    return { ok: true, set: { delivery: delivery.value as Values['delivery'] }, stay: true, note: t.deliveryEarly(delivery.label) };
  },
};

/** The form's questions in order; `sms`: status updates can go by SMS, so the applicant picks the channel. */
export function applicationSlots({ sms = false }: { sms?: boolean } = {}): Slot[] {
  return formSlots(sms).map(answering);
}

/**
 * Who the form is for, said with how they are ("帮俺家老头子办 他脑梗了说话说不清楚"): the category is
 * offered to confirm when its question comes, as it is when the opening message says so; an age said
 * ("闺女六岁了") is kept, so a minor's form asks for the guardian (the ID number, when given, says it exactly).
 */
function hearsAboutPerson(slot: Slot): Slot {
  return {
    ...slot,
    parse: (input, v, ctx) => {
      const result = slot.parse(input, v, ctx);
      if (!result.ok) return result;
      return { ...result, set: { ...result.set, ...aboutPerson(input, v) } };
    },
  };
}

/** The category a description suggests and the age said, where the form does not know them yet. */
function aboutPerson(input: string, v: Values): Values {
  const said = normalizeText(input);
  const described = v.category || v.categoryGuess ? undefined : (categoryDescribed(said) as DisabilityCategory | undefined);
  const age = v.age === undefined ? ageSaid(said) : undefined;
  return { ...(described ? { categoryGuess: described } : {}), ...(age !== undefined ? { age } : {}) };
}

const NUMERALS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** An age said in years: "六岁了", "12岁", "十二周岁", "八十了" is no age in years (no 岁). */
// Not the age it began at ("三岁那年发烧", "五岁时候就聋了").
const AGE = /(\d{1,3}|[一二两三四五六七八九十]{1,3})(?:周)?岁(?!那年|那会|时|的时候|起|开始|就)/u;
export function ageSaid(said: string): number | undefined {
  const m = AGE.exec(said.normalize('NFKC'));
  if (!m) return undefined;
  if (/^\d+$/u.test(m[1])) return Number(m[1]);
  // 十二 = 12, 二十 = 20, 二十五 = 25, 十 = 10.
  const [tens, ones] = m[1].includes('十') ? m[1].split('十') : ['', m[1]];
  const value = m[1].includes('十') ? (tens ? NUMERALS[tens] : 1) * 10 + (ones ? NUMERALS[ones] : 0) : NUMERALS[ones];
  return Number.isFinite(value) && value < 120 ? value : undefined;
}

function formSlots(sms: boolean): Slot[] {
  return [
    hearsAboutPerson(roleSlot),
    hearsAboutPerson(relationSlot('relation', t.relations, (v) => v.role === 'proxy')),
    itemsSlot,
    choiceSlot('certAction', () => options(t.certActionOptions, t.itemSynonyms), (v) => (v.picks ?? []).includes('cert-other')),
    {
      key: 'employment',
      required: (v) => (v.picks ?? []).includes('employment'),
      prompt: () => ({ text: t.prompts.employment, options: employmentOptions() }),
      parse: (input) => {
        // "社保卡不要了", "失业登记要 社保卡不用": what is said with a no is not picked.
        const picked = recognizeChoices(input, employmentOptions()).filter((o) => !refused(input, o));
        return picked.length ? { ok: true, set: { employment: picked.map((p) => p.value as ItemId) } } : { ok: false, error: t.errors.choice };
      },
      display: (v) => (v.employment ?? []).map((id) => t.itemNames[id]).join('、'),
    },
    {
      key: 'hasCertificate',
      required: (v) => !certificateItem({ ...v, hasCertificate: undefined }) && requestedItems({ ...v, hasCertificate: undefined }).some((id) => bundleItem(id).needsCertificate),
      prompt: () => ({ text: t.prompts.hasCertificate, options: list(t.hasCertificateOptions) }),
      parse: (input) => {
        const picked = recognizeChoice(input, list(t.hasCertificateOptions));
        // "有了 二级的", "有 证上是三级": a yes said with the grade on the card, which is kept too.
        const { grade, rest } = gradeSaid(input);
        const answer = picked ? picked.value === t.hasCertificateOptions[0] : grade && (!rest || CERT_HELD_SAID.test(rest)) ? true : recognizeYesNo(input);
        if (answer === undefined) return { ok: false, error: t.errors.yesNo };
        return { ok: true, set: { hasCertificate: answer, ...(answer && grade ? { grade } : {}) }, note: answer ? undefined : t.certificateAdded };
      },
      display: (v) => (v.hasCertificate ? t.hasCertificateOptions[0] : t.hasCertificateOptions[1]),
    },
    nameSlot('name', () => true),
    idSlot('idNumber', () => true),
    {
      key: 'phone',
      required: () => true,
      prompt: () => ({ text: t.prompts.phone, options: [] }),
      parse: (input) => {
        // "我电话是13912345678，白天都在家": the number is taken out of the sentence.
        const phone = phoneIn(input);
        if (phone) return { ok: true, set: { phone } };
        const attempt = numberRuns(input).some((run) => digitCount(run) >= 5);
        return { ok: false, error: t.errors.phone, attempt };
      },
      display: (v) => v.phone ?? '',
    },
    ...(sms ? [notifyBySlot] : []),
    {
      key: 'hukou',
      required: () => true,
      prompt: () => ({ text: t.prompts.hukou, options: [] }),
      parse: (input, _v, ctx) => {
        const folded = normalizeText(input).replace(/\s+/g, '');
        const names = [ctx.region.county, ...(ctx.region.countyAliases ?? [])].map((n) => normalizeText(n));
        return names.some((n) => folded.includes(n)) || (LOCAL_COUNTY.test(folded) && !NOT_HERE.test(folded))
          ? { ok: true, set: { hukou: ctx.region.county } }
          : { ok: false, error: t.errors.hukou(ctx.region.county) };
      },
      display: (v) => v.hukou ?? '',
    },
    categorySlot((v) => certificateItem(v) || (chosen(v, 'care-allowance') && holdsCertificate(v))),
    choiceSlot('grade', () => list(GRADES), (v) => holdsCertificate(v) && chosen(v, 'care-allowance')),
    nameSlot('guardianName', needsGuardian),
    idSlot('guardianId', needsGuardian),
    relationSlot('guardianRelation', t.guardianRelations, needsGuardian),
    dibaoSlot((v) => chosen(v, 'living-allowance')),
    studentSlot((v) => chosen(v, 'education-grant')),
    yesNoSlot('wheelchair', (v) => chosen(v, 'fuel-subsidy')),
    channelSlot,
    deliverySlot,
    {
      key: 'address',
      freeText: true,
      required: (v) => v.delivery === 'mail',
      prompt: (v) => ({ text: v.addressDraft ? t.prompts.houseNumber : t.prompts.address, options: [] }),
      parse: (input, v) => {
        const typed = input.trim();
        // "没有门牌号 示范县柳树乡王庄村": the words about the number are no part of the address.
        const said = typed.replace(NO_NUMBER_WORDS, '') || typed;
        const draft = v.addressDraft;
        // "邮寄到家" again, or "还是自己去领吧": the way, not an address (nor a home appraisal).
        const way = PLACE_WORD.test(said) || /\d/.test(said) ? undefined : (recognizeChoice(said, deliveryOptions()) ?? recognizeMention(said, deliveryOptions()));
        if (way?.value === 'pickup') return { ok: true, set: { delivery: 'pickup', addressDraft: undefined }, note: t.deliveryEarly(way.label) };
        if (way) return { ok: false, error: t.errors.addressAfterMail, attempt: true };
        // "地址写我家的还是我爷爷家的": which address, asked; an address never weighs two.
        if (WHICH_ADDRESS.test(said)) return { ok: false, error: t.errors.addressWhich, attempt: true };
        if (draft && (recognizeYesNo(typed) === false || NO_HOUSE_NUMBER.test(typed))) return { ok: true, set: { address: draft, addressDraft: undefined } };
        // Asked for the number: the number alone goes after the street; a whole address replaces it.
        const address = draft && !PLACE_WORD.test(said) ? `${draft}${said}` : said;
        // A village's address can be short ("河东乡李村"): five characters with a place word are enough.
        const shortest = PLACE_WORD.test(address) ? 5 : 6;
        if ([...address].length < shortest || !/\p{Script=Han}/u.test(address) || [...address].length > 100) return { ok: false, error: t.errors.address };
        // "名字没写错吧 赵铁柱 柱是木字旁": no place, no number, and another field named, is no address.
        if (!draft && (!(PLACE_WORD.test(address) || ADDRESS_GOES_ON.test(address)) || OTHER_FIELD_NAMED.test(address))) return { ok: false, error: t.errors.address };
        // Asked once: a street with no number (villages need none) is asked about, then taken as it is.
        if (!draft && !HOUSE_NUMBER.test(address) && said === typed) return { ok: true, set: { addressDraft: address }, stay: true };
        return { ok: true, set: { address, addressDraft: undefined } };
      },
      display: (v) => v.address ?? '',
    },
  ];
}

// Words around a value typed on its own, before its question: "身份证号是…", "我家住在…". (A phone said
// at another step is the application step's own: kept there, with the step's answer beside it.)
const ID_AROUND = /身份证|证件|号码|证号|[我俺他她的是为号]/gu;
const ADDRESS_LEAD = /^(?:(?:我|俺|咱|他|她)(?:们)?(?:家)?|申请人)?(?:的)?(?:家)?(?:住在|住|在|地址是|地址|住址是|住址)?[:：]?/u;
/** A place with a street, village or number in it: "城关镇东街12号", "柳树乡王庄村"; where the 户口 is, is no address given. */
const ADDRESS_LIKE = /[省市县区镇乡].*(?:[街路巷道村组号弄栋室]|\d)|[街路巷道](?:.*(?:\d|号))/u;
/**
 * 低保 said of the household, as the whole of what a clause says: "我妈是低保户", "俺家吃低保"; "不算低保户",
 * "没有低保" say the opposite. Anything else about it ("以前是低保户", "还没批下来") is no answer: its question asks.
 */
const DIBAO_SUBJECT = /^(?:我们|俺们|咱们|[我俺咱他她]|申请人|本人|老人|孩子|娃)?(?:家里|家)?/u;
const DIBAO_END = '(?:的|啊|呀|了|呢|哦|嘛)*$';
const DIBAO_YES = new RegExp(`^(?:也|都|就|一直|现在|目前)*(?:是|属于|吃|领|享受|有|在)?着?低保(?:户|家庭|证)?${DIBAO_END}`, 'u');
const DIBAO_NO = new RegExp(`^(?:也|都|现在|目前|已经|还|并)*(?:不算|不是|没有?|没吃|不吃|没享受|没领|不属于|没评上|没办)(?:吃|领|享受|办)?着?低保(?:户|家庭|证)?${DIBAO_END}`, 'u');
/** No longer: "低保户被取消了", "以前是低保户 现在不是了", "原来吃低保 后来停了". */
const DIBAO_GONE = new RegExp(
  `^(?:(?:以前|原来|之前|过去|曾经)(?:是|吃|领|有|享受)?过?)?低保(?:户|家庭|资格)?(?:被|给|让|也|已经|早就)*(?:取消|停|撤|退|停掉|没)了?${DIBAO_END}|` +
    `^(?:以前|原来|之前|过去|曾经)(?:是|吃|领|有|享受)?过?低保(?:户|家庭)?的?(?:现在|目前|如今|后来)(?:已经|也)?(?:不是|没有?|不吃|没吃|不领|没领|取消|停|被取消|被停)(?:掉)?${DIBAO_END}`,
  'u',
);
/** Whether a statement says the household has 低保 (true) or not (false); undefined when it says anything else about it. */
export function dibaoSaid(input: string): boolean | undefined {
  const said = normalizeText(input).replace(/\s+/gu, ' ').trim();
  if (!said.includes('低保')) return undefined;
  const bare = (clause: string) => withoutKin(clause.replace(/[\s\p{P}]+/gu, '')).replace(DIBAO_SUBJECT, '');
  if (DIBAO_GONE.test(bare(said))) return false;
  // Each clause that names it must say the same plainly; a clause that negates anything else leaves it open ("吃低保 现在不是了").
  const clauses = said.split(/[\s\p{P}]+/u).filter(Boolean);
  const readings = clauses.map((c) => (!c.includes('低保') ? (/不|没|未|取消|停/u.test(c) ? undefined : null) : DIBAO_NO.test(bare(c)) ? false : DIBAO_YES.test(bare(c)) ? true : undefined));
  const about = readings.filter((r) => r !== null);
  if (about.some((r) => r === undefined) || new Set(about).size !== 1) return undefined;
  return about[0] as boolean;
}
/** A school said of the applicant ("孩子在上高中", "他读大二"), not asked about. */
const AT_SCHOOL = /上学|在读|读|念|上|毕业|辍学/u;

/** At most this many characters besides a number and its words: the message gives the number, nothing more ("王建国 139…" gives a name too). */
const AROUND_MAX = 1;
const onlyAround = (input: string, words: RegExp) =>
  [...normalizeText(input.normalize('NFKC').replace(/[\dxX\s\-—–－()（）+]+/gu, '')).replace(words, '').replace(/[\s\p{P}]+/gu, '')].length <= AROUND_MAX;

/** How each field that a message may give whole, before its question, is read from it: only what clearly is one. */
const EARLY_READERS: [SlotKey, (input: string, slot: Slot, v: Values, ctx: SlotContext) => ParseResult | undefined][] = [
  ['idNumber', (input, slot, v, ctx) => (idNumberIn(input, ctx.today)?.result.ok && onlyAround(input, ID_AROUND) ? slot.parse(input, v, ctx) : undefined)],
  [
    'address',
    (input, slot, v, ctx) => {
      // From the part where a place begins: "张桂兰 住城关镇东街12号" gives no name to the address.
      const parts = normalizeText(input).split(/\s+/u).filter(Boolean);
      const from = Math.max(0, parts.findIndex((part) => PLACE_WORD.test(part)));
      const said = parts.slice(from).join('').replace(ADDRESS_LEAD, '');
      return ADDRESS_LIKE.test(said) && !/户口|户籍/u.test(said) ? slot.parse(said, v, ctx) : undefined;
    },
  ],
  // "户口就在本县", "户口在示范县": kept; one elsewhere is told at its own question.
  ['hukou', (input, slot, v, ctx) => (/户口|户籍/u.test(input) ? slot.parse(input, v, ctx) : undefined)],
  [
    'dibao',
    (input) => {
      const dibao = dibaoSaid(input);
      if (dibao === undefined) return undefined;
      return { ok: true, set: { dibao, ...(dibao === false ? livingKeptSaid(input, true)?.set : {}) } };
    },
  ],
  ['student', (input, slot, v, ctx) => (AT_SCHOOL.test(normalizeText(input)) ? slot.parse(input, v, ctx) : undefined)],
];

/**
 * A field's value typed before its question ("城关镇东街12号" at the category, an ID number at the name,
 * "孩子在上高中" at the items): the field and what to keep, for a message that asks nothing and is
 * no answer to the question asked (`current`). A field already filled is not taken again.
 */
export function fieldSaidEarly(input: string, v: Values, ctx: SlotContext, current?: SlotKey): { key: SlotKey; set: Values } | undefined {
  if (asksSomething(input)) return undefined;
  for (const [key, read] of EARLY_READERS) {
    if (key === current || v[key] !== undefined || (key === 'address' && v.addressDraft !== undefined)) continue;
    // Read by the field's own slot, so what is kept is what its question would keep (an address with
    // no number as a draft, its number asked once at its question).
    const result = read(input, formSlots(false).find((s) => s.key === key)!, v, ctx);
    if (result?.ok) return { key, set: result.set };
  }
  return undefined;
}

/** The certificate held or not, in a statement: "她没有残疾证", "俺娘还没办证", "我已经有证了" (not 身份证, 低保证). */
const CERT_HELD = /^(?:(?:现在|目前|还|也|都|早就|早|已经)*(?:没有?|没办|未办|没领|没申请)(?:办|领|申请|拿到)?(?:过|的)?|(?:现在|目前|早就|早|已经)*(?:有|办了|办过|领了|拿到了?))(?:残疾人?证|证)(?:呢|啊|呀|的|了|吧|哦|嘛)*$/u;
/** What may come before it: who is spoken of ("她", "俺娘", "申请人"). */
const CERT_SUBJECT = /^(?:[我俺咱他她]|我们|俺们|申请人|本人|老人|孩子|娃)?(?:家)?/u;

/**
 * Whether a statement says the applicant holds a certificate (true) or not yet (false); undefined
 * for anything else, a question included ("还没办证能申请补贴吗" is the knowledge base's).
 */
export function certificateSaid(input: string): boolean | undefined {
  // "我还没有证呢" tells, though it ends as a question may.
  if (asksSomething(input.replace(/[呢啊呀哦嘛]+[\s\p{P}]*$/u, ''))) return undefined;
  const said = withoutKin(normalizeText(input).replace(/[\s\p{P}]+/gu, '')).replace(CERT_SUBJECT, '');
  const held = CERT_HELD.exec(said);
  return held ? !/没|未/u.test(held[0]) : undefined;
}

/** Asking whose address to give: "写我家的还是我爷爷家的", "写谁家的", "写哪个地址". */
const WHICH_ADDRESS = /还是|写谁|谁家的|哪个地址|写哪/u;
// A house number, a room, or a village and its group: rural addresses have no house numbers.
const HOUSE_NUMBER = /\d|[０-９]|[一二三四五六七八九十百零〇两]+(?:号|栋|幢|单元|室|楼|层)|号|室|村|组|屯|队/u;
const NO_HOUSE_NUMBER = /没有|没门牌|无门牌|就这样|就是这/u;
/**
 * Said with an address: "没有门牌号", "俺村里没门牌"; whose place (家, 村) only where the words
 * begin, so "王庄村没有门牌号" keeps its village.
 */
const NO_NUMBER_WORDS = /(?:(?:^|[，,。\s]+)(?:我们|俺们|我|俺|咱)?(?:家|村|村里|这|那|农村)?|[，,。\s]*(?:这|那)?)(?:里|儿|边)?(?:没有|没|无)(?:门牌号码?|门牌|号码)(?:的|呀|啊)?[，,。\s]*/gu;
const PLACE_WORD = /省|市|县|区|镇|乡|街|路|巷|道|村/u;
/** A village and its group or number, which ADDRESS_LIKE leaves out: "王庄村3组", "李村十二号". */
const VILLAGE_NUMBER = /村.{0,2}(?:\d|[一二三四五六七八九十]+)(?:组|队|号)/u;
/** The words that lead to a new value ("应该是", "改成", "是"), or deny the old one ("不是"). */
const TO_VALUE = /(?:改成|改为|换成|写成|填成|应该是|应为|正确的是|而是|(?:(?:而|并)?(不))?是)/gu;
/** Another field named in what is typed for the address: it speaks of that field. */
const OTHER_FIELD_NAMED = /名字|姓名|身份证|电话|手机/u;
/** What goes on an address after its place: a number, a building, a village's group ("3单元401", "幸福小区"). */
const ADDRESS_GOES_ON = /\d|[０-９]|[一二三四五六七八九十百零〇两]|号|栋|幢|单元|室|楼|层|村|组|屯|队|小区|院|庄|苑|园|社区|胡同|弄/u;
/** "…没错", "…对的": said of the address, no part of it. */
const ADDRESS_CONFIRMED = /(?:没有?错|不错|对的|对着呢)[了的啊呀吧]*$/u;

/**
 * The address in words said to correct it ("弄乱了 应该是城关镇幸福路12号3单元401"): after the last word
 * leading to a new value, never the one denied ("不是东大街十八号 是西大街十八号"), from the part where a place
 * begins to the last part that goes on with it ("城关镇东大街28号 是我闺女家", "…十八号 没错" end at the number);
 * undefined when no address is said there ("低保 是低收入户 村里给认定过" names a village in passing).
 */
export function addressSaid(input: string): string | undefined {
  const named = addressSegments(input).filter((seg) => !seg.denied && PLACE_WORD.test(seg.text)).pop();
  if (!named) return undefined;
  const parts = named.text.split(/[\s，,。；;！!]+/u).filter(Boolean);
  const start = parts.findIndex((part) => PLACE_WORD.test(part));
  const end = parts.findIndex((part, i) => i > start && !PLACE_WORD.test(part) && !ADDRESS_GOES_ON.test(part));
  const address = parts.slice(start, end < 0 ? undefined : end).join('').replace(ADDRESS_CONFIRMED, '').replace(ADDRESS_LEAD, '');
  return (ADDRESS_LIKE.test(address) || VILLAGE_NUMBER.test(address)) && !/户口|户籍/u.test(address) ? address : undefined;
}

/** The old address said wrong beside the new one ("不是东大街十八号 是…" gives 东大街十八号), for the new one to take its place. */
export function addressDenied(input: string): string | undefined {
  const denied = addressSegments(input).filter((seg) => seg.denied).pop();
  const parts = denied?.text.split(/[\s，,。；;！!]+/u).filter((part) => PLACE_WORD.test(part) || ADDRESS_GOES_ON.test(part));
  return parts?.join('') || undefined;
}

/** The text cut at each word leading to a new value, each piece told whether it was denied ("不是…"). */
function addressSegments(input: string): { text: string; denied: boolean }[] {
  const said = normalizeText(input);
  const segments: { text: string; denied: boolean }[] = [];
  let from = 0;
  let denied = false;
  for (const lead of said.matchAll(TO_VALUE)) {
    segments.push({ text: said.slice(from, lead.index), denied });
    from = lead.index! + lead[0].length;
    denied = lead[1] !== undefined;
  }
  return [...segments, { text: said.slice(from), denied }];
}

/**
 * The new value said for the address field named ("地址改成…", "地址不对 不是十八号是三十八号"): the address in
 * it, or a part with no place named (a number, for the old address to take); never a sentence that
 * names a place in passing ("地址不对 我们村里的人都知道").
 */
export const addressValue = (said: string) => addressSaid(said) ?? (PLACE_WORD.test(said) ? undefined : said);

const PHONE_IN_TEXT = /(?:电话|手机|手机号|联系电话)?(?:是|[:：])?1\d{10}/gu;
// "证寄到…": the certificate named before it too.
const MAIL_LEAD = /^(?:证|就|请|麻烦|帮我)*(?:邮寄|寄|送)(?:到|去|给)/u;
/**
 * The address given to mail the certificate to ("寄到城关镇东街8号 收件人写我闺女 电话139…"): the address
 * alone, up to the first part after it with no place or number in it; undefined when none is said.
 */
export function mailAddressSaid(input: string): string | undefined {
  const parts = normalizeText(input).replace(PHONE_IN_TEXT, ' ').split(/[\s，,。；;！!]+/u).filter(Boolean);
  const from = parts.findIndex((part) => PLACE_WORD.test(part));
  if (from < 0) return undefined;
  const end = parts.findIndex((part, i) => i > from && !PLACE_WORD.test(part) && !HOUSE_NUMBER.test(part));
  return addressSaid(parts.slice(from, end < 0 ? undefined : end).join(' ').replace(MAIL_LEAD, ''));
}

/** Asked for the house number of a street: the number ("12号3栋201") or that there is none ("没有"), a phone left out; undefined for anything else. */
export function houseNumberSaid(input: string): string | undefined {
  const said = normalizeText(input).replace(PHONE_IN_TEXT, ' ').trim();
  return HOUSE_NUMBER.test(said) || NO_HOUSE_NUMBER.test(said) || recognizeYesNo(said) === false ? said : undefined;
}

// The county this service is for, said without its name: "就在咱县里", "本县", "我们这儿".
const LOCAL_COUNTY = /(?:本|咱|俺|我们|咱们|俺们|这个|这)(?:县|区|这儿|这里|这边)|本地|当地|就在这/u;
const NOT_HERE = /不在|不是|外地|外县|别的/u;

/** Family, as someone applied for may be: not a guardian's office, not a neighbour. */
const FAMILY: readonly Kin[] = ['parent', 'child', 'spouse', 'sibling', 'grandparent', 'grandchild', 'otherKin'];

const roleSlot: Slot = {
  key: 'role',
  required: () => true,
  prompt: () => ({ text: t.prompts.role, options: options(t.roles, t.roleSynonyms) }),
  parse: (input) => {
    const said = normalizeText(input);
    // A question that names kin ("那俺娘要去医院不") is a question, unless it says for whom (给我妈办行不).
    const kin = asksSomething(input) && !/给|帮|替|为/.test(said) ? undefined : kinIn(said);
    // Checked before the buttons: "我妈" holds 我, a synonym of 给我自己. The word names the
    // applicant ("给我姥姥办"), unless it says what the typist is ("我是他孙子").
    if (kin && FAMILY.includes(kin.kin) && !/自己|本人/.test(said)) {
      return { ok: true, set: { role: 'proxy', relation: kinLabel(kin.speakerIs ? kin.kin : inverseKin(kin.kin), t.relations) } };
    }
    const roles = options(t.roles, t.roleSynonyms);
    // "给我自己办，我是听力残疾，两只耳朵都听不见": the clause that says for whom, when the clauses that say it agree
    // (the rest, telling of the person, is read by hearsAboutPerson).
    const byClause = asksSomething(input) ? [] : [...new Set(said.split(/[\s，,。；;！!]+/u).map((c) => c && recognizeChoice(c, roles)?.value).filter(Boolean))];
    const chosen = recognizeChoice(input, roles)?.value ?? (byClause.length === 1 ? byClause[0] : undefined);
    return chosen ? { ok: true, set: { role: chosen as Values['role'] } } : { ok: false, error: t.errors.choice };
  },
  display: (v) => (v.role ? t.roles[v.role] : ''),
};

/** Doing it for someone, said beside who the speaker is: "替她办", "帮他弄", "给她申请". */
const ON_BEHALF = /(?:替|帮|给|为)(?:他|她|人家)?(?:来)?(?:办理|办|弄|申请|填)(?:的|一下|个)?/gu;
/** The kin a speaker may be to the person applied for, as the relation question takes it. */
const SPEAKER_KIN: readonly Kin[] = [...FAMILY, 'guardian'];

/**
 * Who the speaker is to the applicant, said where the form asks something else ("俺是她儿子 替她办",
 * "我是他闺女 帮他弄", "她是我外婆"): the relation question's label, and what else the message
 * says ("我是她孙子 她叫张桂兰": "她叫张桂兰"), for the step's own answer.
 */
export function speakerRelation(input: string): { relation: string; rest: string } | undefined {
  let relation: string | undefined;
  const rest: string[] = [];
  for (const clause of normalizeText(input).split(/[\s，,。.！!；;]+/u).filter(Boolean)) {
    const kinPart = clause.replace(ON_BEHALF, '');
    if (!kinPart) continue;
    const kin = saysOnlyKin(kinPart) ? kinIn(kinPart) : undefined;
    if (kin && SPEAKER_KIN.includes(kin.kin) && (kin.speakerIs || kin.ofSpeaker)) relation = kinLabel(kin.speakerIs ? kin.kin : inverseKin(kin.kin), t.relations);
    else rest.push(clause);
  }
  return relation ? { relation, rest: rest.join(' ') } : undefined;
}

/** A clause saying only that it is for the speaker: "我自己的", "俺自己办", "就是俺本人", "给我自己". */
const SELF_CLAUSE = /^(?:就是|是|给|帮|替|为)*(?:我|俺|咱)?(?:自己|本人)(?:办|申请|要|用)?(?:的|呀|啊|吧|了|呢)*$/u;

/** Whether a message only says it is for the speaker ("俺自己办 就是俺本人", "我自己的"), every clause of it. */
export function saysSelf(input: string): boolean {
  const clauses = normalizeText(input).split(/[\s，,。.！!；;]+/u).filter(Boolean);
  return clauses.length > 0 && clauses.every((clause) => SELF_CLAUSE.test(clause));
}

/** A typed relation is a short phrase ("女儿", "我是他舅舅", "村委会"), not a sentence. */
const RELATION_PHRASE = /^[\p{Script=Han}（）()]{1,10}$/u;

const categoryOptions = (): ChoiceOption<string>[] => DISABILITY_CATEGORIES.map((c) => ({ value: c, label: c }));
const guessButtons = list(t.categoryGuessButtons);

/**
 * The answer to "which category?", in the form and when booking an appraisal alike: a button,
 * or a description in plain words ("孩子学东西慢") offered as the category it usually is, to
 * confirm (`guess`); with a guess on offer, its 对 keeps it and its 不对 asks the list again
 * (neither set). Undefined when the text is none of these. A description may be worded as a
 * question ("娃学啥都学不会"): the dialog asks the knowledge base first, as for any answer read
 * out of a question.
 */
export function readCategory(input: string, guess: DisabilityCategory | undefined): { category?: DisabilityCategory; guess?: DisabilityCategory; corrected?: boolean } | undefined {
  // With a guess on offer, "1" is its button, not the first category; and "3" is no button, never
  // the third category of a list not on screen.
  if (guess) {
    // "对，先按肢体", "不对 是肢体": another category named is the one meant, whatever yes or no is said with it.
    const named = recognizePosition(input) === undefined ? recognizeMention(input, categoryOptions())?.value : undefined;
    if (named && named !== guess) return { category: named as DisabilityCategory, corrected: true };
    const yes = recognizeConfirmation(input, labelChoices(t.categoryGuessButtons));
    if (yes !== undefined) return yes ? { category: guess } : {};
    if (recognizePosition(input) !== undefined) return undefined;
  }
  const picked = recognizeChoice(input, categoryOptions())?.value as DisabilityCategory | undefined;
  if (picked) return { category: picked };
  const said = normalizeText(input);
  const described = categoryDescribed(said) as DisabilityCategory | undefined;
  // "她还说不了话" with 肢体 on offer: one more category of the same person, so 多重.
  if (guess && described && described !== guess && guess !== MULTIPLE && saysBoth(said)) return { guess: MULTIPLE as DisabilityCategory };
  return described ? { guess: described } : undefined;
}

/**
 * The category: a button, or a description in plain words ("中风", "走路不方便", "说不清话")
 * read as the category it usually is and confirmed before it is kept.
 */
function categorySlot(required: (v: Values) => boolean): Slot {
  return {
    key: 'category',
    required,
    prompt: (v) =>
      v.categoryGuess
        ? { text: t.prompts.categoryGuess(v.categoryGuess), options: guessButtons }
        : { text: t.prompts.category, options: categoryOptions() },
    parse: (input, v) => {
      const read = readCategory(input, v.categoryGuess);
      // "俺是大腿根截的 能评几级": the grade is the appraisal's; said so beside the category, not left unanswered.
      const folded = normalizeText(input).replace(/\s+/g, '');
      // Only the person's own grade ("能评几级"): "几级能领护理补贴" asks an item's rule, the knowledge base's.
      const gradeAsked = GRADE_OF_PERSON.test(folded) && !GRADE_CHANGE.test(folded);
      // "能评几级 评定要带啥": the other question is left to the knowledge base, which answers it beside the note.
      const elsewhere = normalizeText(input).split(/[\s，,。？?！!；;]+/u).filter((c) => c && !GRADE_OF_PERSON.test(c) && asksSomething(c));
      const askedElse = elsewhere.length > 0;
      if (!read) return { ok: false, error: t.errors.choice, ...(gradeAsked ? { answer: t.gradeAtAppraisal, ...(askedElse ? { rest: elsewhere.join('，') } : {}) } : {}) };
      if (read.category) return { ok: true, set: { category: read.category, categoryGuess: undefined }, ...(read.corrected ? { note: t.categoryTaken(read.category) } : {}) };
      // A second category said of the person (多重 on offer): why, said before the question.
      const added = read.guess === MULTIPLE && v.categoryGuess !== undefined && v.categoryGuess !== MULTIPLE ? categoryDescribed(normalizeText(input)) : undefined;
      const multiple = added ? t.categoryMultiple(v.categoryGuess!, added) : undefined;
      const note = [gradeAsked ? t.gradeAtAppraisal : undefined, multiple].filter(Boolean).join('\n') || undefined;
      return { ok: true, set: { categoryGuess: read.guess }, stay: true, ...(note ? { note, answers: !(gradeAsked && askedElse) } : {}) };
    },
    display: (v) => v.category ?? '',
  };
}
/**
 * What the message that starts an application already answers: for whom (a kin word after
 * 给/帮/替, or 自己), the items it names and the channel it speaks of. `statement` is the clause
 * saying "I want to apply"; `told`, every clause that asks nothing ("…残疾证，还有护理补贴"); the
 * channel may be named anywhere ("…能不能网上弄"). The items are asked back ("已选：…还要别的吗"),
 * never silently taken.
 */
export function readOpening(statement: string, told: string, whole: string, ctx: SlotContext): Values {
  const values: Values = {};
  const items = told ? itemsSlot.parse(told, {}, ctx) : undefined;
  if (items?.ok && items.set.picks?.length) {
    const { picks, ...sub } = items.set;
    Object.assign(values, sub, { picksSaid: picks });
  }
  const role = roleSlot.parse(statement, values, ctx);
  // "我要申请" holds 我 without saying for whom: only kin, or 自己/本人, tell.
  if (role.ok && role.set.role === 'proxy') Object.assign(values, role.set);
  // "我要办残疾证 我自己的 腿截了一条": a clause saying only that tells as well.
  else if (/自己|本人/u.test(statement) || OWN_CARD.test(told) || told.split(/[，\s]+/u).some((clause) => clause && saysSelf(clause))) values.role = 'self';
  else Object.assign(values, kinOfPronoun(statement, told, ctx) ?? describedPerson(told, ctx));
  const channel = recognizeMention(whole, channelOptions());
  if (channel) values.channel = channel.value as Values['channel'];
  // "…她中风了半边身子动不了": the category is offered to confirm when its question comes.
  return told ? { ...values, ...aboutPerson(told, {}) } : values;
}

/** The speaker's own card: "俺的证到期了要换", "我的残疾证丢了" (not "俺娘的证"). */
const OWN_CARD = /(?:^|[，\s])(?:我|俺|咱)(?:自己)?的(?:残疾人?证|证)(?![明件])/u;

/**
 * "俺爹八十了 耳朵聋 想给他办个证": the request says only 他/她, the one relative of the speaker the
 * message names is who it is for (two named, "俺爹…俺娘…", say nothing sure).
 */
function kinOfPronoun(statement: string, told: string, ctx: SlotContext): Values | undefined {
  if (!/[他她]/u.test(statement)) return undefined;
  const named = told
    .split(/[，\s]+/u)
    .filter((clause) => kinIn(clause)?.ofSpeaker)
    .map((clause) => roleSlot.parse(clause, {}, ctx))
    .map((role) => (role.ok && role.set.role === 'proxy' ? JSON.stringify(role.set) : 'other'));
  const distinct = new Set(named);
  return distinct.size === 1 && !distinct.has('other') ? (JSON.parse(named[0]) as Values) : undefined;
}

/**
 * A clause of the speaker's own body: "俺腿截了一条", "俺这条腿前年截了", "我是个瞎子", "我从小就聋": the pronoun
 * straight before a body or "is" word. "我同事眼睛…", "咱村老王腿断了" describe someone else.
 */
const OWN_BODY = /^(?:我|俺|咱)(?:自己|本人|也|就|是|从小|天生|打小|一直|的|这|那)*(?:左|右|两|双|一)?[个条只双边]?(?:得了|患了)?(?:左|右|两|双|一)?(?:眼|耳|腿|脚|手|胳膊|腰|身|脑|头|嘴|脊|下肢|上肢|半边|瞎|聋|哑|瘫|截|看不|听不|说不|说话|走不|走路|站不|中风|智力|精神)/u;

/**
 * For whom the opening's description of a disability speaks, when every clause describing one
 * agrees: the speaker ("俺腿截了一条", "我是个瞎子") or a relative ("俺娘瘫在床上了", "我儿子耳朵聋").
 * "她瘫在床上了" names someone, but not how they are related: the role is asked.
 */
function describedPerson(told: string, ctx: SlotContext): Values {
  const subjects = told
    .split(/[，\s]+/u)
    .map((clause) => normalizeText(clause))
    .filter((clause) => categoryDescribed(clause) !== undefined)
    .map((clause): Values | 'other' | undefined => {
      if (kinIn(clause)) {
        const role = roleSlot.parse(clause, {}, ctx);
        return role.ok && role.set.role === 'proxy' ? role.set : 'other';
      }
      if (/[他她]/u.test(clause)) return 'other';
      return OWN_BODY.test(clause) ? { role: 'self' } : undefined;
    })
    .filter((subject) => subject !== undefined);
  const distinct = new Set(subjects.map((subject) => JSON.stringify(subject)));
  return distinct.size === 1 && subjects[0] !== 'other' ? subjects[0] : {};
}
