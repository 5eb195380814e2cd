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
  const folded = foldSymbols(toSimplified(text));
  if (text.length <= MEMO_MAX_CHARS) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, folded);
  }
  return folded;
}

// Between texts converted together: no conversion changes a line break or reads a phrase across one.
const BETWEEN = '\n';

/**
 * Many texts, each as `normalizeText` folds it, converted in one pass: the knowledge base's
 * wordings take half the time they take one by one at start-up. If a text holds a line break,
 * the pieces do not match the texts and each is folded alone.
 */
export function normalizeEach(texts: string[]): string[] {
  const each = toSimplified(texts.join(BETWEEN)).split(BETWEEN);
  return each.length === texts.length ? each.map(foldSymbols) : texts.map(normalizeText);
}

/** Emoji said in words, full-width forms, case and Traditional characters folded. */
function toSimplified(text: string): string {
  const worded = EMOJI_WORDS.reduce((t, [emoji, word]) => t.replace(emoji, word), text);
  return fromHongKong(fromTaiwan(worded.normalize('NFKC').toLowerCase()));
}

/** Punctuation and symbols as spaces, runs of spaces as one; a dialect's closing particle as 呢, its 搁 of a place as 在. */
function foldSymbols(text: string): string {
  return text.replace(DIALECT_PARTICLE, '呢').replace(DIALECT_AT, '在').replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
}

// "搁哪个医院看", "搁这儿办中不": the northern 搁 before a place word is 在 (not 搁置, 耽搁).
const DIALECT_AT = /(?<![耽延])搁(?=哪|这|那|家|县|村|镇|乡|市|医院|网上|手机)/gu;

// "要几张啥样的嘞", "在哪办哩": a clause's last 嘞, 哩 or 咧 asks as 呢 does; not a yes (好嘞, 得嘞, 中嘞, 行嘞, 成嘞, 对嘞),
// nor 这哩, 那哩 (here, there).
const DIALECT_PARTICLE = /(?<=\p{Script=Han})(?<![好得中行成对是这那])[嘞哩咧](?=[\p{P}\p{S}\s]|$)/gu;
