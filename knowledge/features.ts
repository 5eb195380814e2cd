import { add_word as addWord, cut } from 'jieba-wasm';
import { normalizeText } from './normalize.js';
import { SynonymFolder, type SynonymGroup } from './synonyms.js';

// Particles and pronouns carry no topic; question words are kept on purpose (哪里 vs 多久
// is often the whole difference between two entries).
const STOPWORDS = new Set([
  '的', '了', '吗', '呢', '啊', '吧', '呀', '哦', '嘛', '么', '哈', '啦', '嗯', '喔',
  '我', '你', '您', '他', '她', '它', '俺', '咱', '我们', '你们', '他们', '咱们', '俺们',
  '请问', '一下', '这个', '那个', '就', '都', '也', '还', '又', '得', '地', '着', '过',
]);

const CJK = /\p{Script=Han}/u;

/** Sparse term weights of one text: segmented words plus character bigrams. */
export type FeatureBag = Map<string, number>;

/**
 * Turns text into ranking features. Words come from jieba (jieba-rs compiled to WebAssembly,
 * so no per-platform binary), with the synonym table's canonical terms added to its
 * dictionary; character bigrams catch what segmentation splits differently.
 */
export class FeatureExtractor {
  private readonly folder: SynonymFolder;

  constructor(
    synonyms: SynonymGroup[],
    /** Weight of a character bigram relative to a whole word. */
    private readonly bigramWeight = 0.5,
  ) {
    this.folder = new SynonymFolder(synonyms, normalizeText);
    // jieba's dictionary is one per process: adding a word only ever keeps it whole.
    for (const group of synonyms) {
      const term = normalizeText(group.canonical);
      if (term.length > 1 && !term.includes(' ')) addWord(term, 20000, 'n');
    }
  }

  /** Normalized, synonym-folded text: what the index actually compares. */
  canonicalize(text: string): string {
    return this.folder.fold(normalizeText(text));
  }

  extract(text: string): FeatureBag {
    const bag: FeatureBag = new Map();
    const add = (key: string, w: number) => bag.set(key, (bag.get(key) ?? 0) + w);
    const kept: string[] = [];
    for (const token of cut(this.canonicalize(text), true)) {
      const t = token.trim();
      if (!t || STOPWORDS.has(t)) continue;
      kept.push(t);
      add(`w:${t}`, 1);
    }
    const chars = [...kept.join('')];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (CJK.test(chars[i]) || CJK.test(chars[i + 1])) add(`b:${chars[i]}${chars[i + 1]}`, this.bigramWeight);
    }
    if (chars.length === 1) add(`b:${chars[0]}`, this.bigramWeight);
    return bag;
  }
}
