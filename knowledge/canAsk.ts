import type { Entry } from './loader.js';
import { normalizeText } from './normalize.js';
import { facetsOf, wordsOf } from './questionFacets.js';

// "能不能办", "可以领吗", "盲人能办残疾证不", "还能再申请么": a question that wants a yes or a no.
const CAN_ASK = /能不能|可不可以|能否|行不行|有没有份|(能|可以|可|还能)[^，,。]{0,12}(吗|不|没|么|没有)$/u;

/** Whether a question asks "can I / is it allowed", so its answer should start with the yes or no. */
export function asksCanI(question: string): boolean {
  return CAN_ASK.test(normalizeText(question).replace(/[\s。.？?！!，,啊呀呢哈]+$/u, ''));
}

// An answer starting with its yes or no ("能。", "不一定，"): said of what its own question names.
export const YES_OR_NO = /^(?:能|可以|不能|不可以|一般不能|不一定)[。，,]/u;

/**
 * The entry's answer to this question: its yes or no first when the question asks can-I and the
 * answer does not start with it. A yes said of a grade ("一级、二级能领护理补贴吗": 能) is not said to
 * a question naming none of its grades: the rule after it says who.
 */
export function answerTo(entry: Entry, question: string): string {
  const grades = facetsOf(entry).about.get('grade');
  if (grades && ![...grades].some((g) => wordsOf('grade', g)?.test(question))) return entry.answer.replace(YES_OR_NO, '');
  const lead = entry.canI;
  return lead && asksCanI(question) && !entry.answer.startsWith(lead.replace(/[。，,]$/u, '')) ? `${lead}${entry.answer}` : entry.answer;
}
