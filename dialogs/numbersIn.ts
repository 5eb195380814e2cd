import { normalizePhone, validateIdNumber, type IdNumberResult } from '../data/idNumber.js';

const SAID_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 叉: 'X' };
/**
 * Digits, said or typed or both ("一三七零零零零一一一一", "15004八", "41152619800321005叉": voice
 * input writes a word for what it hears), an ID number's X said as 叉 at the end; never one that a
 * word of counting follows ("10000一个月", "两三年").
 */
const SAID_NUMBER = /[\d零〇一二三四五六七八九幺两](?:[\s\-]?[\d零〇一二三四五六七八九幺两])*(?:\s?叉)?(?![零〇一二三四五六七八九幺两十百千万亿个次年月日号天周位岁份张块元多半])/gu;

/**
 * The numbers in a message as people type them, inside a sentence or on their own
 * ("我电话是13912345678，白天都在家", "打这个 139 1234 5678 就行"): digits grouped by spaces,
 * dashes or brackets, a leading +86, an ID number's X at the end. Full-width digits count, and
 * digits written as characters.
 */
export function numberRuns(input: string): string[] {
  return [...digitsFolded(input).matchAll(NUMBER_RUN)].map((m) => m[0].trim());
}

const NUMBER_RUN = /[+(（]?\d(?:[\s\-—–－()（）]{0,3}[\dxX])*/gu;
// Digits said in words ("一三九一二三四五六七八", 幺 for 1) count when there are enough of them to be a
// number: six (an ID number's tail), four among typed digits ("100二叉", a tail one short); fewer are words.
const digitsFolded = (input: string) =>
  input.normalize('NFKC').replace(SAID_NUMBER, (said) => {
    const length = said.replace(/[\s\-]/g, '').length;
    return length >= (/\d/.test(said) ? 4 : 6) ? [...said].map((c) => SAID_DIGITS[c] ?? c).join('') : said;
  });

/** The message with its first phone number taken out ("示范县 电话13912345678" -> "示范县 电话 "), digits folded as `numberRuns` reads them. */
export function withoutPhone(input: string): string {
  let done = false;
  return digitsFolded(input).replace(NUMBER_RUN, (run) => {
    if (done) return run;
    const parts = run.trim().split(/\s+/);
    if (normalizePhone(run.trim())) {
      done = true;
      return ' ';
    }
    // A run that is two numbers side by side: only the phone's part goes.
    const at = parts.findIndex((part) => normalizePhone(part));
    if (at < 0) return run;
    done = true;
    return ` ${parts.filter((_, i) => i !== at).join(' ')} `;
  });
}

/** The first phone number a message holds; a run that is two numbers side by side is read part by part. */
export function phoneIn(input: string): string | undefined {
  for (const run of numberRuns(input)) {
    const phone = normalizePhone(run) ?? run.split(/\s+/).map((part) => normalizePhone(part)).find(Boolean);
    if (phone) return phone;
  }
  return undefined;
}

/** How many digits (and X) a run holds, what a person counts when told "18位". */
export const digitCount = (run: string) => run.replace(/[^\dxX]/g, '').length;

/** A try at an ID number: the run that is one, else the longest run, checked; undefined when no run is long enough to be a try. */
export function idNumberIn(input: string, today: Date): { run: string; result: IdNumberResult } | undefined {
  // A run that is two numbers side by side ("11010519491231002X 13912345678") is read part by part too.
  // A letter O typed for a zero among the digits ("…120O4X"): read as 0, the check digit still has the last word.
  const runs = numberRuns(input.normalize('NFKC').replace(/(?<=\d)[oO]|[oO](?=\d)/gu, '0'))
    .flatMap((run) => [run, ...(/\s/.test(run) ? run.split(/\s+/) : [])])
    .filter((run) => digitCount(run) >= 6);
  const checked = runs.map((run) => ({ run, result: validateIdNumber(run, today) }));
  return checked.find((c) => c.result.ok) ?? checked.sort((a, b) => digitCount(b.run) - digitCount(a.run))[0];
}
