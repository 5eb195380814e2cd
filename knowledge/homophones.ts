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
 */
export class HomophoneCorrector {
  private readonly bySound = new Map<string, string>();

  constructor(private readonly vocabulary: ReadonlySet<string>) {
    for (const word of vocabulary) {
      if (word.length < SHORTEST || word.length > LONGEST || !HAN.test(word)) continue;
      const key = pinyinOf(word);
      if (!this.bySound.has(key)) this.bySound.set(key, word);
    }
  }

  /** `words`: jieba's cut of `text`, when the caller has it already (a cut is most of a correction). */
  correct(text: string, words: string[] = cut(text)): string {
    const chars = [...text];
    // Each character's known word: its start and end, when jieba cut it as a vocabulary word.
    const known: ([start: number, end: number] | undefined)[] = new Array(chars.length);
    let at = 0;
    for (const token of words) {
      const length = [...token].length;
      if (length >= SHORTEST && this.vocabulary.has(token)) for (let k = 0; k < length; k++) known[at + k] = [at, at + length];
      at += length;
    }
    let out = '';
    for (let i = 0; i < chars.length; ) {
      const chunk = this.chunkAt(chars, i, known);
      out += chunk;
      i += [...chunk].length;
    }
    return out;
  }

  /**
   * What to write for the text at `i`: a known word as it is (skipped whole, so its tail is
   * never "corrected"), the word a sound-alike run should have been, or a single character.
   */
  private chunkAt(chars: string[], i: number, known: ([number, number] | undefined)[]): string {
    for (let len = Math.min(LONGEST, chars.length - i); len >= SHORTEST; len--) {
      const window = chars.slice(i, i + len).join('');
      if (!HAN.test(window)) continue;
      if (this.vocabulary.has(window)) return window;
      const word = this.bySound.get(pinyinOf(window));
      if (word && [...word].some((c, k) => c === chars[i + k]) && this.keepsKnownWords(word, chars, i, len, known)) return word;
    }
    return chars[i];
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
