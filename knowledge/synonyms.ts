import { cut } from './jieba.js';

/** One canonical form and the variants folded onto it before ranking. */
export interface SynonymGroup {
  canonical: string;
  variants: string[];
}

/**
 * Replaces variants with their canonical form, but only where a variant covers whole words:
 * a one-character variant such as 哪 must not rewrite 哪种, nor 死亡 the word 死亡证明. Longest
 * variant first, in one pass, so a replacement is never rewritten by a shorter variant inside it.
 */
export class SynonymFolder {
  private readonly map = new Map<string, string>();
  private readonly longest: number;

  constructor(groups: SynonymGroup[], normalize: (s: string) => string) {
    for (const group of groups) {
      const canonical = normalize(group.canonical);
      // The canonical form maps to itself, so its own text is never re-matched by a shorter variant (哪里 by 哪).
      this.map.set(canonical, canonical);
      for (const variant of group.variants) {
        const key = normalize(variant);
        if (key && !this.map.has(key)) this.map.set(key, canonical);
      }
    }
    this.longest = Math.max(0, ...[...this.map.keys()].map((k) => k.length));
  }

  /** Folds a text segmented into words (jieba tokens, spaces included); returns the folded words. */
  foldTokens(tokens: string[]): string[] {
    const words = tokens.filter((t) => t.length > 0);
    const text = words.join('');
    // Where each word ends: only a run from a word's start to a word's end may be a variant.
    const ends: number[] = [];
    let at = 0;
    for (const w of words) ends.push((at += w.length));
    const out: string[] = [];
    // `i` is where word `k` starts.
    for (let i = 0, k = 0; k < words.length; ) {
      let j = k;
      while (j + 1 < words.length && ends[j + 1] - i <= this.longest) j++;
      // Longest first: the furthest word end within reach, then nearer ones.
      for (; j >= k; j--) {
        if (ends[j] - i > this.longest) continue;
        const canonical = this.map.get(text.slice(i, ends[j]));
        if (canonical === undefined) continue;
        out.push(...canonical.split(' '));
        break;
      }
      if (j < k) out.push(words[(j = k)]);
      i = ends[j];
      k = j + 1;
    }
    return out;
  }

  /** Folds plain text, segmenting it with jieba. */
  fold(text: string): string {
    return this.foldTokens(cut(text)).join('');
  }
}
