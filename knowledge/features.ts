import { addWord, cut, cutEach } from './jieba.js';
import { categoryDescribed } from './categories.js';
import { HomophoneCorrector, syllableOf } from './homophones.js';
import { normalizeEach, normalizeText } from './normalize.js';
import { RecentlyUsed } from './recentlyUsed.js';
import { SynonymFolder, type SynonymGroup } from './synonyms.js';

// Particles and pronouns carry no topic; question words are kept on purpose (哪里 vs 多久
// is often the whole difference between two entries).
const STOPWORDS = new Set([
  '的', '了', '吗', '呢', '啊', '吧', '呀', '哦', '嘛', '么', '哈', '啦', '嗯', '喔',
  '我', '你', '您', '他', '她', '它', '俺', '咱', '我们', '你们', '他们', '咱们', '俺们',
  '请问', '一下', '这个', '那个', '就', '都', '也', '还', '又', '得', '地', '着', '过',
  // Asking for detail adds no topic ("具体怎么办" is "怎么办").
  '具体', '详细', '具体点', '详细点',
]);

const CJK = /\p{Script=Han}/u;

const MULTIPLE = '多重';

/**
 * Normalized text without personal numbers: a run of 7 or more digits is a phone, ID or case
 * number, never a topic (and its digits would match the hotline numbers 12345 and 12385 the
 * wordings hold).
 */
const prepare = (text: string) => joinSpacedCharacters(normalizeText(text).replace(/\d{7,}[\dx]*/g, ' '));

// Three or more Han characters typed one by one with spaces between ("残 疾 证 丢 了").
const SPACED = /(?<!\p{Script=Han})\p{Script=Han}(?: \p{Script=Han}(?!\p{Script=Han})){2,}/gu;

/**
 * A word typed a character at a time is that word: the spaces are taken out so jieba sees
 * 残疾证 rather than five one-character words. Spaces between words stay ("残疾人证 新办 材料").
 */
export function joinSpacedCharacters(text: string): string {
  return text.replace(SPACED, (run) => run.replace(/ /g, ''));
}

/** Sparse term weights of one text. */
export type FeatureBag = Map<string, number>;

/** A text as the rankers see it. */
export interface Analysis {
  /** Every folded word, particles included: the grouping key of a question. */
  folded: string;
  /** The words that carry meaning (no particles, pronouns or spaces). */
  words: string[];
  /** Every folded word in order, particles and punctuation included (what stands next to what). */
  tokens: string[];
}

/** A query as the ranking reads it: as typed, and corrected when it has sound-alike typos. */
export interface QueryReadings {
  typed: Analysis;
  corrected?: Analysis;
}

/** Queries whose readings an analyzer keeps: more than the texts a few conversations ask at once. */
const KEPT_READINGS = 512;

/** How many analyzers have added words to jieba's one dictionary in this process: a kept reading is valid for one count. */
let dictionaryChanges = 0;

/**
 * Turns text into ranking features. Words come from jieba (jieba-rs compiled to WebAssembly,
 * so no per-platform binary), with the synonym table's canonical terms added to its
 * dictionary; synonyms are folded on word boundaries; a query's sound-alike typos are
 * corrected against the vocabulary of the wordings the analyzer learnt from.
 */
export class TextAnalyzer {
  private readonly folder: SynonymFolder;
  /** The corrector, or how to build it from the vocabulary learnt (see `learnSounds`). */
  private corrector: HomophoneCorrector | (() => HomophoneCorrector) | undefined;
  /** The last queries' readings (see `queryReadings`), and each spelled right (see `spelledRight`). */
  private readonly kept = new RecentlyUsed<{ readings: QueryReadings; spelled: string }>(KEPT_READINGS);
  private keptAt = -1;

  constructor(private readonly synonyms: SynonymGroup[]) {
    this.folder = new SynonymFolder(synonyms, normalizeText);
    // jieba's dictionary is one per process: adding a word only ever keeps it whole.
    for (const group of synonyms) {
      const term = normalizeText(group.canonical);
      if (term.length > 1 && !term.includes(' ')) addWord(term, 20000, 'n');
    }
    dictionaryChanges++;
  }

  /**
   * Analyzes the knowledge base's own wordings (as written, no typo correction) and learns
   * their vocabulary, against which later queries are corrected.
   */
  learn(wordings: string[]): Analysis[] {
    const vocabulary = new Set<string>();
    for (const group of this.synonyms) for (const w of [group.canonical, ...group.variants]) vocabulary.add(normalizeText(w));
    const words = new Set<string>();
    // Two one-character words side by side ("能|办"): what a one-character typo is corrected by.
    const pairs = new Set<string>();
    const analyses = cutEach(normalizeEach(wordings)).map((tokens) => {
      tokens.forEach((t, i) => {
        words.add(t);
        const next = tokens[i + 1];
        if (next && t.length === 1 && next.length === 1 && CJK.test(t) && CJK.test(next)) pairs.add(t + next);
      });
      return this.analyzeTokens(tokens);
    });
    // Sorted: of two words that sound alike, the one a typo is corrected to must not depend on
    // which entry's file came first.
    for (const t of [...words].sort()) vocabulary.add(t);
    this.corrector = () => new HomophoneCorrector(vocabulary, [...pairs].sort());
    // Readings kept before were not corrected against this vocabulary.
    this.kept.clear();
    return analyses;
  }

  /**
   * Builds the corrector of the vocabulary learnt, if not yet done: the knowledge base's build
   * does it while a worker trains its linear model, which waits for nothing of it; a query
   * before then builds it itself.
   */
  learnSounds(): HomophoneCorrector | undefined {
    if (typeof this.corrector === 'function') this.corrector = this.corrector();
    return this.corrector;
  }

  /** The text as typed, folded; sound-alike typos are not corrected here (see `queryReadings`). */
  analyze(text: string): Analysis {
    return this.analyzeTokens(cut(prepare(text)));
  }

  /** Many texts, each as `analyze` reads it, cut together (the build's answers: see cutEach). */
  analyzeEach(texts: string[]): Analysis[] {
    return cutEach(texts.map(prepare)).map((tokens) => this.analyzeTokens(tokens));
  }

  /**
   * A query as typed and, when it has sound-alike typos, as corrected: a reading the ranking
   * weighs against the text as typed, keeping it only when it fits the knowledge base clearly
   * better. One cut serves both. Kept for the last texts asked (a turn asks of the same text up
   * to three times, people ask the same questions, and the two cuts were a fifth of a ranking);
   * forgotten when any analyzer adds words to jieba's one dictionary, which may change a cut.
   */
  queryReadings(text: string): QueryReadings {
    return this.read(text).readings;
  }

  private read(text: string): { readings: QueryReadings; spelled: string } {
    if (this.keptAt !== dictionaryChanges) {
      this.kept.clear();
      this.keptAt = dictionaryChanges;
    }
    return this.kept.get(text, () => {
      const typed = prepare(text);
      const words = cut(typed);
      const fixed = this.learnSounds()?.correct(typed, words);
      const readings = { typed: this.analyzeTokens(words), ...(fixed && fixed !== typed ? { corrected: this.analyzeTokens(cut(fixed)) } : {}) };
      return { readings, spelled: fixed ?? typed };
    });
  }

  /**
   * The text folded, its sound-alike typos corrected ("残急证" -> "残疾证"), for readers other than the
   * ranking: corrected as the ranking's reading of it was (a turn reads what it ranks), unless preparing
   * it for the ranking changed it (a number taken out, spaced characters joined).
   */
  spelledRight(text: string): string {
    const typed = normalizeText(text);
    if (prepare(text) === typed) return this.read(text).spelled;
    return this.learnSounds()?.correct(typed) ?? typed;
  }

  private analyzeTokens(tokens: string[]): Analysis {
    const folded = this.folder.foldTokens(tokens);
    const trimmed = folded.map((t) => t.trim()).filter((t) => t);
    const words = trimmed.filter((t) => !STOPWORDS.has(t));
    // Two disabilities described ("又聋又瞎") are a multiple disability, however each is said:
    // the word says so, as the wordings that name it do.
    const joined = folded.join('');
    if (!words.includes(MULTIPLE) && categoryDescribed(joined) === MULTIPLE) words.push(MULTIPLE);
    return { folded: joined, words, tokens: trimmed };
  }
}

/** Words plus character bigrams (half weight): what the lexical indexes (TF-IDF, BM25) compare. */
export function lexicalBag({ words }: Analysis, bigramWeight = 0.5): FeatureBag {
  const bag: FeatureBag = new Map();
  const add = (key: string, w: number) => bag.set(key, (bag.get(key) ?? 0) + w);
  for (const w of words) add(`w:${w}`, 1);
  const chars = [...words.join('')];
  for (let i = 0; i + 1 < chars.length; i++) {
    if (CJK.test(chars[i]) || CJK.test(chars[i + 1])) add(`b:${chars[i]}${chars[i + 1]}`, bigramWeight);
  }
  if (chars.length === 1) add(`b:${chars[0]}`, bigramWeight);
  return bag;
}

/**
 * What the linear model weighs: words, character 1-3 grams and pinyin syllables (so a
 * sound-alike typo still shares features), scaled to unit length. Syllable pairs were tried:
 * no better on the k-fold, and a fifth slower to train.
 */
export function modelBag({ words }: Analysis): FeatureBag {
  const bag: FeatureBag = new Map();
  const add = (key: string) => bag.set(key, (bag.get(key) ?? 0) + 1);
  for (const w of words) add(`w:${w}`);
  const chars = [...words.join('')];
  const sounds = chars.map(syllableOf);
  for (let i = 0; i < chars.length; i++) {
    add(`c:${chars[i]}`);
    if (i + 1 < chars.length) add(`c:${chars[i]}${chars[i + 1]}`);
    if (i + 2 < chars.length) add(`c:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
    add(`p:${sounds[i]}`);
  }
  let norm = 0;
  for (const v of bag.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of bag) bag.set(k, v / norm);
  return bag;
}
