import { Culture, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { normalizeText } from '../knowledge/normalize.js';
import { asksSomething } from '../knowledge/runOn.js';
import { nonAnswer } from './nonAnswers.js';

export interface ChoiceOption<T> {
  label: string;
  value: T;
  synonyms?: string[];
}

// Words around a number that still mean "that one": 选2, 第二个, 3号, 第一项, 第二个吧.
const NUMBER_FILLER = /^[第个号选项条的择要就是我那这吧呗啊呀哈]*$/u;
const fold = (s: string) => normalizeText(s).replace(/\s+/g, '');
// The number recognizer is costly; only text holding a numeral can be a position.
const NUMERAL = /[0-9零一二两三四五六七八九十]/u;

/** "2", "２", "二", "第二个", "选2" -> 2 when the text is nothing but a position. */
export function recognizePosition(input: string): number | undefined {
  const text = fold(input);
  if (!text || text.length > 6 || !NUMERAL.test(text)) return undefined;
  const [match] = recognizeNumber(text, Culture.Chinese);
  if (!match) return undefined;
  const rest = text.slice(0, match.start) + text.slice(match.end + 1);
  const value = Number(match.resolution?.value);
  return NUMBER_FILLER.test(rest) && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Which offered option the user meant: by position, by its label or a synonym, or by a
 * fragment that fits exactly one option. Chinese has no spaces, so fragments are matched on
 * characters, not on Latin-style tokens as ChoicePrompt does.
 */
export function recognizeChoice<T>(input: string, options: ChoiceOption<T>[]): ChoiceOption<T> | undefined {
  const text = fold(input);
  if (!text) return undefined;
  const position = recognizePosition(input);
  if (position !== undefined) return options[position - 1];
  const names = (o: ChoiceOption<T>) => [o.label, ...(o.synonyms ?? [])].map(fold).filter(Boolean);
  const exact = options.find((o) => names(o).includes(text));
  if (exact) return exact;
  // A fragment of a label ("材料"), or a label with a few words around it ("就要材料那个"), but
  // not one said after a no ("没有同意", "不要" is no "要").
  const partial = options.filter((o) =>
    names(o).some((n) => (text.length >= 2 && n.includes(text)) || (text.includes(n) && text.length <= n.length + 4 && !REFUSED.test(text.slice(0, text.indexOf(n))))),
  );
  return partial.length === 1 ? partial[0] : undefined;
}

// Negative forms first: 不是 contains 是, 不要 contains 要.
// Spoken and dialect forms count too: 中/不中 (Henan), 得嘞 (Beijing), 要得 (Sichuan), 成, 甭.
const NO = ['不是', '不用了', '不用', '不要', '不需要', '不同意', '不行', '不对', '不中', '不成', '不办了', '甭了', '甭', '别了', '不了', '算了', '没有', '没', '否', '不', 'no', 'n'];
const YES = ['是的', '是', '好的', '好', '行', '可以', '对', '对的', '确认', '确定', '同意', '嗯', '要', '需要', '有', '没问题', '中', '成', '得嘞', '要得', '妥', '那行', '行吧', 'ok', 'yes', 'y'];
const YES_NO_MAX = 8;

/**
 * Yes/no in the common Chinese forms; undefined when the text is neither (or too long to be a bare
 * answer). With `echo`, the words of the question asked, a yes or no followed by its restatement
 * counts too ("是的 有低保证", "没有 不是低保户"), when the restatement says the same.
 */
export function recognizeYesNo(input: string, echo?: RegExp): boolean | undefined {
  const bare = bareYesNo(input);
  if (bare !== undefined || !echo) return bare;
  const [first, ...rest] = normalizeText(input).split(/[\s，,。.！!；;]+/u).filter(Boolean);
  const restated = rest.join('');
  const answer = first && restated && echo.test(restated) && !asksSomething(restated) ? bareYesNo(first) : undefined;
  return answer === undefined || NEGATED.test(restated) === !answer ? answer : undefined;
}

/** A restatement that says no: "没有低保证", "不是低保户". */
const NEGATED = /[不没无]/u;

function bareYesNo(input: string): boolean | undefined {
  const text = fold(input);
  // "要多久", "行不行啊?" ask; a question is never a yes (nor a no), whatever word it starts with.
  if (!text || text.length > YES_NO_MAX || asksSomething(input)) return undefined;
  if (YES.includes(text)) return true;
  if (NO.includes(text)) return false;
  // A word at the start counts only with a polite tail ("是的呀", "不用了谢谢"): "要带什么材料"
  // starts with 要 and "有补贴吗" with 有, and neither is an answer.
  if (NO.some((w) => text.startsWith(w) && POLITE_TAIL.test(text.slice(w.length)))) return false;
  if (YES.some((w) => text.startsWith(w) && POLITE_TAIL.test(text.slice(w.length)))) return true;
  return undefined;
}

/** What may follow a yes or a no: particles, thanks, the same word again. */
const POLITE_TAIL = /^(?:的|了|啊|呀|吧|哦|噢|嗯|呢|哈|啦|滴|嘛|嘞|咧|呗|哒|谢谢|谢了|多谢|好的|好|对|行|可以|是的|是|同意|不用|不要|没有)*$/u;

/**
 * The answer to a two-button confirmation whose first button means yes ("同意", "确定不办了"):
 * a button by its label or number, or a plain yes or no.
 */
export function recognizeConfirmation(input: string, buttons: ChoiceOption<number>[]): boolean | undefined {
  // "要钱吗" holds the button "要": a question picks no button. "没有", "不知道" answer no
  // "同意吗", "对吗": the step says what it needs rather than take them for a no.
  if (asksSomething(input) || nonAnswer(input)) return undefined;
  const picked = recognizeChoice(input, buttons);
  return picked ? picked.value === 0 : recognizeYesNo(input);
}

// Separators between several picks: "1和3", "证、护理补贴", "一，三".
const SEPARATORS = /[和跟与及、，,;；\s]|还有|以及|加上|都要|也要|都/u;

/**
 * Several options at once, for multi-select questions: by positions ("1和3", "一、三") or by
 * labels and synonyms found anywhere in the text ("证和护理补贴都要"). Order of mention kept.
 */
export function recognizeChoices<T>(input: string, options: ChoiceOption<T>[]): ChoiceOption<T>[] {
  const text = fold(input);
  if (!text) return [];
  if (positionsSaid(input)) return recognizePositions(input, options);
  const found = new Map<ChoiceOption<T>, number>();
  for (const option of options) {
    const names = [option.label, ...(option.synonyms ?? [])].map(fold).filter(Boolean);
    const at = Math.min(...names.map((n) => mentionAt(text, n)).filter((i) => i >= 0));
    if (Number.isFinite(at) && !found.has(option)) found.set(option, 1000 + at);
  }
  return [...found].sort((a, b) => a[1] - b[1]).map(([o]) => o);
}

/** The positions a text is nothing but ("7", "1和3", "一、三"); undefined when it holds anything else. */
function positionsSaid(input: string): number[] | undefined {
  const positions = input.split(SEPARATORS).filter((p) => p.trim()).map(recognizePosition);
  return positions.length && positions.every((p) => p !== undefined) ? (positions as number[]) : undefined;
}

/** Whether a text is nothing but positions and one of them is not among the `shown` numbered choices. */
export const positionNotShown = (input: string, shown: number) => positionsSaid(input)?.some((p) => p > shown) ?? false;

/** The options a text picks when it is nothing but positions ("2", "1和3", "一、三"); else none. */
export function recognizePositions<T>(input: string, options: ChoiceOption<T>[]): ChoiceOption<T>[] {
  const picked = (positionsSaid(input) ?? []).map((p) => options[p - 1]);
  return picked.length && picked.every(Boolean) ? [...new Set(picked)] : [];
}

// Before a one-character name, the characters that leave it a word of its own: "办个证", "证要办".
const WORD_BEFORE = /[个的要办把张本那这新和跟与、，,\s]/u;

/**
 * Where a name is said in the text, or -1. A one-character name ("证") counts only as a word of
 * its own, never inside another word: "身份证" and "学生证" do not name the certificate.
 */
function mentionAt(text: string, name: string): number {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if ([...name].length > 1 || at === 0 || WORD_BEFORE.test(text[at - 1]) || !/\p{Script=Han}/u.test(text[at - 1])) return at;
  }
  return -1;
}

// "不用寄", "别邮寄", "不会用手机": the choice named is the one not wanted or not possible.
const REFUSED = /(?:不|别|甭|没)\p{Script=Han}{0,2}$/u;
// "能不能", "要不要", "可不可以" ask; they refuse nothing.
const A_NOT_A = /(\p{Script=Han})不\1/gu;

/**
 * The one option a sentence speaks of ("给寄到家里吧"), when it names exactly one and does not
 * refuse it; for free sentences where a label with a few words around it is too strict a rule.
 */
export function recognizeMention<T>(input: string, options: ChoiceOption<T>[]): ChoiceOption<T> | undefined {
  const text = fold(input);
  const starts = clauseStarts(input);
  // A no refuses what its own clause names: "她眼睛看不见 能不能网上弄" refuses nothing online.
  const refused = (at: number) => REFUSED.test(text.slice(Math.max(...starts.filter((s) => s <= at)), at).replace(A_NOT_A, ''));
  const said = options
    .map((o) => {
      const at = Math.max(...[o.label, ...(o.synonyms ?? [])].map(fold).map((n) => (n ? mentionAt(text, n) : -1)));
      return { o, at };
    })
    .filter(({ at }) => at >= 0 && !refused(at));
  if (said.length === 1) return said[0].o;
  // "俺不会看手机聊天 发短信吧": of several, the one said last with a choosing tail is the choice.
  return said.length > 1 && CHOOSING_TAIL.test(text) ? said.reduce((a, b) => (b.at > a.at ? b : a)).o : undefined;
}

/** Where each clause of a text starts in its folded form (after a space or a punctuation mark). */
function clauseStarts(input: string): number[] {
  const starts = [0];
  let at = 0;
  for (const ch of normalizeText(input)) {
    if (/\s/u.test(ch)) {
      starts.push(at);
      continue;
    }
    at += ch.length;
    if (/[，,。.；;！!？?、]/u.test(ch)) starts.push(at);
  }
  return starts;
}

/** How a sentence ends when its last words are the choice: "发短信吧", "就聊天就行". */
const CHOOSING_TAIL = /(?:吧|呗|就行|就好|就可以|行了|好了)$/u;

/** Button labels as choices whose value is their position (0-based). */
export const labelChoices = (labels: readonly string[]): ChoiceOption<number>[] => labels.map((label, value) => ({ label, value }));
