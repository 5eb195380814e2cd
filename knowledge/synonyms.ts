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
    const text = tokens.join('');
    // Offset where each token starts -> its index; the text's end is a boundary too.
    const tokenAt = new Map<number, number>();
    let at = 0;
    tokens.forEach((t, k) => {
      tokenAt.set(at, k);
      at += t.length;
    });
    tokenAt.set(text.length, tokens.length);
    const out: string[] = [];
    let i = 0;
    while (i < text.length) {
      let len = Math.min(this.longest, text.length - i);
      for (; len > 0; len--) {
        if (!tokenAt.has(i + len)) continue;
        const canonical = this.map.get(text.slice(i, i + len));
        if (canonical === undefined) continue;
        out.push(...canonical.split(' '));
        break;
      }
      if (len > 0) i += len;
      else {
        const token = tokens[tokenAt.get(i)!];
        out.push(token);
        i += token.length;
      }
    }
    return out;
  }

  /** Folds plain text, segmenting it with jieba. */
  fold(text: string): string {
    return this.foldTokens(cut(text)).join('');
  }
}
