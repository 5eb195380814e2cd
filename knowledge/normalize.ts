import { Converter } from 'opencc-js/t2cn';

// Traditional (Taiwan and Hong Kong forms) to Simplified, as used in mainland answers.
const fromTaiwan = Converter({ from: 'tw', to: 'cn' });
const fromHongKong = Converter({ from: 'hk', to: 'cn' });

// Button labels and commands are normalized on every turn; remembering them saves the
// conversion. Bounded: cleared when full rather than tracking recency.
const memo = new Map<string, string>();
const MEMO_LIMIT = 10_000;
const MEMO_MAX_CHARS = 64;

// A few emoji are whole replies (a thumbs-up is "ok", folded hands "thanks"); said in words
// before symbols are dropped, so they are not read as an empty message.
const EMOJI_WORDS: [RegExp, string][] = [
  [/[👍👌✅🆗]/gu, ' 好的 '],
  [/🙏/gu, ' 谢谢 '],
];

/**
 * Folds what should not change meaning: full-width forms (NFKC), Traditional characters,
 * letter case, punctuation and symbols, runs of spaces.
 */
export function normalizeText(text: string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const worded = EMOJI_WORDS.reduce((t, [emoji, word]) => t.replace(emoji, word), text);
  const folded = fromHongKong(fromTaiwan(worded.normalize('NFKC').toLowerCase()))
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
  if (text.length <= MEMO_MAX_CHARS) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, folded);
  }
  return folded;
}
