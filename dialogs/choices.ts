import { Culture, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { normalizeText } from '../knowledge/normalize.js';

export interface ChoiceOption<T> {
  label: string;
  value: T;
  synonyms?: string[];
}

// Words around a number that still mean "that one": 选2, 第二个, 3号, 第一项.
const NUMBER_FILLER = /^[第个号选项条的择要就是我]*$/u;
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
  // A fragment of a label ("材料"), or a label with a few words around it ("就要材料那个").
  const partial = options.filter((o) =>
    names(o).some((n) => (text.length >= 2 && n.includes(text)) || (text.includes(n) && text.length <= n.length + 4)),
  );
  return partial.length === 1 ? partial[0] : undefined;
}
