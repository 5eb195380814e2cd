import { cut } from './jieba.js';
import { pinyin } from 'pinyin-pro';

const HAN = /^\p{Script=Han}+$/u;

// pinyin-pro converts a whole sentence in about 0.2 ms; a character at a time from a memo is
// what a per-query budget of 2 ms can afford. Polyphones take their most common reading,
// the same on both sides of a comparison.
const syllables = new Map<string, string>();

/** Toneless pinyin of one Han character ("证" -> "zheng"); other characters are returned as they are. */
export function syllableOf(char: string): string {
  let s = syllables.get(char);
  if (s === undefined) {
    s = HAN.test(char) ? pinyin(char, { toneType: 'none' }) || char : char;
    syllables.set(char, s);
  }
  return s;
}

/** Toneless pinyin of a text, one syllable per character, joined by spaces. */
export function pinyinOf(text: string): string {
  return [...text].map(syllableOf).join(' ');
}

const SHORTEST = 2;
const LONGEST = 4;

/**
 * Corrects words typed by sound: a run of 2-4 Han characters that is not a word of the
 * knowledge base but sounds exactly like one (护里补帖 -> 护理补贴, 残急证 -> 残疾证) is
 * replaced by it. It must keep at least one character of the word in place, so an unrelated
 * word that happens to sound alike is left alone; and a word the text already spells right
 * (jieba's cut, found in the vocabulary) is never changed nor cut in two: "有补助么" keeps
 * 补助 and so is not read as 油补, "残疾症" keeps 残疾 and becomes 残疾证.
 *
 * A typo of a one-character word (办 typed 半 in "网上能半不") sounds like no word, only like the
 * pair it stands in: `pairs` are two one-character words the wordings hold side by side ("能办"),
 * matched only by two one-character words of the text, one of them kept and the other no word
 * of the wordings: "这事" stays, 事 being a word of its own there.
 */
export class HomophoneCorrector {
  private readonly bySound = new Map<string, string>();
  private readonly pairsBySound = new Map<string, string>();

  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    pairs: Iterable<string> = [],
  ) {
    for (const word of vocabulary) {
      if (word.length < SHORTEST || word.length > LONGEST || !HAN.test(word)) continue;
      const key = pinyinOf(word);
      if (!this.bySound.has(key)) this.bySound.set(key, word);
    }
    for (const pair of pairs) {
      const key = pinyinOf(pair);
      if (!this.bySound.has(key) && !this.pairsBySound.has(key)) this.pairsBySound.set(key, pair);
    }
  }

  /** `words`: jieba's cut of `text`, when the caller has it already (a cut is most of a correction). */
  correct(text: string, words: string[] = cut(text)): string {
    const chars = [...text];
    // Each character's known word: its start and end, when jieba cut it as a vocabulary word.
    const known: ([start: number, end: number] | undefined)[] = new Array(chars.length);
    // Each character jieba cut as a word of its own (what a pair may replace).
    const single: boolean[] = new Array(chars.length).fill(false);
    let at = 0;
    for (const token of words) {
      const length = [...token].length;
      if (length >= SHORTEST && this.vocabulary.has(token)) for (let k = 0; k < length; k++) known[at + k] = [at, at + length];
      if (length === 1) single[at] = true;
      at += length;
    }
    let out = '';
    for (let i = 0; i < chars.length; ) {
      const chunk = this.chunkAt(chars, i, known) ?? this.pairAt(chars, i, single) ?? chars[i];
      out += chunk;
      i += [...chunk].length;
    }
    return out;
  }

  /**
   * What to write for the text at `i`: a known word as it is (skipped whole, so its tail is
   * never "corrected"), or the word a sound-alike run should have been.
   */
  private chunkAt(chars: string[], i: number, known: ([number, number] | undefined)[]): string | undefined {
    for (let len = Math.min(LONGEST, chars.length - i); len >= SHORTEST; len--) {
      const window = chars.slice(i, i + len).join('');
      if (!HAN.test(window)) continue;
      if (this.vocabulary.has(window)) return window;
      const word = this.bySound.get(pinyinOf(window));
      if (word && [...word].some((c, k) => c === chars[i + k]) && this.keepsKnownWords(word, chars, i, len, known)) return word;
    }
    return undefined;
  }

  /** The pair two one-character words at `i` sound like, one of them kept as typed. */
  private pairAt(chars: string[], i: number, single: boolean[]): string | undefined {
    if (!single[i] || !single[i + 1]) return undefined;
    const window = chars[i] + chars[i + 1];
    if (!HAN.test(window)) return undefined;
    const pair = this.pairsBySound.get(pinyinOf(window));
    if (!pair) return undefined;
    const changed = [...pair].map((c, k) => (c === chars[i + k] ? undefined : chars[i + k])).filter((c) => c !== undefined);
    // Only a character the wordings never use as a word ("半", not "事") is taken for a typo.
    return changed.length === 1 && !this.vocabulary.has(changed[0]) ? pair : undefined;
  }

  /** A replacement may hold a known word only whole and unchanged. */
  private keepsKnownWords(word: string, chars: string[], i: number, len: number, known: ([number, number] | undefined)[]): boolean {
    const replaced = [...word];
    for (let k = 0; k < len; k++) {
      const span = known[i + k];
      if (!span) continue;
      if (span[0] < i || span[1] > i + len || replaced[k] !== chars[i + k]) return false;
    }
    return true;
  }
}
