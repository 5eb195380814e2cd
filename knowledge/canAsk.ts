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
