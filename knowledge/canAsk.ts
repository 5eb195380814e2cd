import type { Entry } from './loader.js';
import { normalizeText } from './normalize.js';
import { facetsOf, wordsOf } from './questionFacets.js';
import { HOW_TO_FIND } from './runOn.js';

// "能不能办", "可以领吗", "盲人能办残疾证不", "还能再申请么": a question that wants a yes or a no.
const CAN_ASK = /能不能|可不可以|能否|行不行|有没有份|(能|可以|可|还能)[^，,。]{0,12}(吗|不|没|么|没有)$/u;

/** Whether a question asks "can I / is it allowed", so its answer should start with the yes or no. */
export function asksCanI(question: string): boolean {
  return CAN_ASK.test(normalizeText(question).replace(/[\s。.？?！!，,啊呀呢哈]+$/u, ''));
}

// An answer starting with its yes or no ("能。", "不一定，"): said of what its own question names.
export const YES_OR_NO = /^(?:能|可以|不能|不可以|一般不能|不一定)[。，,]/u;

// The yes or no an answer may start with, said alone before its explanation.
const SAID_YES_OR_NO = /^(?:能|可以|不能|不可以|一般不能|不一定|不用|不需要|需要|有|没有|会|不会)。/u;
// Asked when, where, who, how, how much or how long; not also whether ("能不能告诉我在哪办", "在哪办都行吗").
const ASKS_WH = /啥时候|什么时候|几时|多久|多长时间|哪|谁|怎么|咋|多少|几[天个次趟回级张块]|啥|什么/u;
const ASKS_YES_OR_NO = /吗|[嘛不没否]$|(?<![怎什那这多要])么$|是不是|要不要|用不用|有没有|会不会|能不能|可不可以|行不行|([^\s])不\1/u;

/** Whether a question asks something other than a yes or a no. */
export function asksOtherThanYesOrNo(question: string): boolean {
  const q = normalizeText(question).replace(/[\s。.？?！!，,啊呀呢哈]+$/u, '');
  // Asked last how to find out ("结果出来了吗咋查"): that is what wants answering, not the yes or no before it.
  const last = q.split(/[\s，,。；;]+|(?<=[吗呢])/u).filter(Boolean).pop();
  if (last && last !== q && HOW_TO_FIND.test(last)) return true;
  return ASKS_WH.test(q) && !ASKS_YES_OR_NO.test(q);
}

/**
 * The entry's answer to this question: its yes or no first when the question asks can-I and the
 * answer does not start with it. A yes said of a grade ("一级、二级能领护理补贴吗": 能) is not said to
 * a question naming none of its grades: the rule after it says who.
 */
export function answerTo(entry: Entry, question: string): string {
  // A yes or no is no answer to when, where, how much: "鉴定结果啥时候出来" is not told "不用。".
  if (asksOtherThanYesOrNo(question)) return entry.answer.replace(SAID_YES_OR_NO, '');
  const grades = facetsOf(entry).about.get('grade');
  if (grades && ![...grades].some((g) => wordsOf('grade', g)?.test(question))) return entry.answer.replace(YES_OR_NO, '');
  const lead = entry.canI;
  return lead && asksCanI(question) && !entry.answer.startsWith(lead.replace(/[。，,]$/u, '')) ? `${lead}${entry.answer}` : entry.answer;
}

// Asked whether something is needed ("监护人证明是否必须提供", "还要带户口本不", "要不要交病历"); not "能…不" (can-I).
const ASKS_NEED = /是否(?:必须|需要|要|得)|要不要|需不需要|用不用|(?:必须|一定|需要|还要|也要|得)[^，。能可]{1,12}(?:吗|不|么)$/u;
// What a need-question says besides the thing it names.
const NEED_WORDS = /来电人|来电|追问|是否|必须|一定|需要|需不需要|要不要|用不用|还要|也要|另外|额外|提供|出具|上传|准备|[要得还吗不么带交传开办呢啊]/gu;
// A clause saying the thing is needed ("申请时要带监护人证明"), or is not ("不用带户口本").
const NEEDED = /(?:要|需要|须|必须|得)(?:带|交|提供|出具|上传|传|准备|开)[^，。；不]{0,16}$/u;
const NOT_NEEDED = /(?:不用|不需要|不要求|无需|不必|不要|免)(?:再|另外)?(?:带|交|提供|出具|上传|传|准备|开)?[^，。；、]{0,3}$/u;

/** The longest run of two or more characters of `text` that `within` says too. */
function longestShared(text: string, within: string): string {
  let best = '';
  for (let i = 0; i < text.length; i++) for (let j = text.length; j - i > Math.max(1, best.length); j--) if (within.includes(text.slice(i, j))) best = text.slice(i, j);
  return best;
}

/**
 * Whether an answer says the thing a question asks the need of is needed (true) or not (false): the first clause naming
 * it says 要带, 必须 or 不用 just before it ("申请时要带监护人证明" to "监护人证明是否必须提供"). Undefined when the
 * question asks no need, or no clause says it so.
 */
export function neededIn(answer: string, question: string): boolean | undefined {
  const asked = normalizeText(question).replace(/[\s。.？?！!，,啊呀呢]+$/u, '');
  if (!ASKS_NEED.test(asked) || ASKS_OTHER.test(asked)) return undefined;
  const things = asked.split(NEED_WORDS).filter((w) => w.length >= 2).map((w) => longestShared(w, answer)).filter((w) => w.length >= 2);
  const [thing] = things.sort((a, b) => b.length - a.length);
  if (!thing) return undefined;
  // Said once, plainly: an answer speaking of it (of its head word: 病历 of 就诊病历) in more than one clause rules on it
  // for some and not others ("这几类不要求交病历，只有智力、精神残疾必须交就诊病历"), no plain yes or no.
  const clauses = answer.split(/[，。；,;：:]/u).filter((c) => c.includes(thing.slice(-2)));
  if (clauses.length !== 1 || !clauses[0].includes(thing)) return undefined;
  const [clause] = clauses;
  const at = clause.indexOf(thing);
  // "要交监护人证明的有两种人" says who needs it.
  if (WHO_NEEDS.test(clause.slice(at + thing.length))) return undefined;
  const before = clause.slice(0, at);
  return NOT_NEEDED.test(before) ? false : NEEDED.test(before) ? true : undefined;
}
// Asked what else or which ("还要带啥证明不", "还要别的不"): not the need of one thing.
const ASKS_OTHER = /啥|什么|哪|几|多少|谁|怎么|咋|别的|其他|其它/u;
const WHO_NEEDS = /^[^，。；]{0,4}的(?:有|是|人)/u;
