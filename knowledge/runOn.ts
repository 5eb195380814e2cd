import { normalizeText } from './normalize.js';

// Where one question ends and the next begins in a run-on message: punctuation, or the words
// people join questions with ("还有", "另外").
const BREAK = /[，,。？?！!；;\n]+|还有就是|还有|另外|顺便问一下|再问一下|以及/;
// A piece that asks something; a piece that does not ("老头子中风了") is context for the next.
const ASKS = /[吗呢么]$|怎么|怎样|咋|如何|哪|什么|啥|几|多少|多久|多长|能不能|可不可以|能否|是不是|有没有|要不要|行不行|可以吗|能.{0,4}吗/;
const MIN_CHARS = 3;

/**
 * The questions of one message, each with the statements before it as its context:
 * "老头子中风了，能不能办个残疾证，补贴能领多少" -> ["老头子中风了能不能办个残疾证", "补贴能领多少"].
 * A message with one question comes back whole.
 */
export function splitQuestions(text: string): string[] {
  const pieces = text.split(BREAK).map((p) => p.trim()).filter(Boolean);
  const questions: string[] = [];
  let lead = '';
  for (const piece of pieces) {
    const folded = normalizeText(piece).replace(/\s+/g, '');
    if (!ASKS.test(folded) || [...folded].length < MIN_CHARS) {
      lead += piece;
      continue;
    }
    questions.push(lead + piece);
    lead = '';
  }
  if (questions.length < 2) return [text];
  if (lead) questions[questions.length - 1] += lead;
  return questions;
}
