import type { Region } from '../data/region.js';
import { FeatureExtractor } from './features.js';
import { readInContext, topicAfter, type TopicContext } from './followUp.js';
import { loadKnowledge, type Entry } from './loader.js';
import { splitQuestions } from './runOn.js';
import { DEFAULT_RANKING, RetrievalIndex, type Decision, type RankingOptions } from './retrieval.js';

/** Longest question text that is ranked; a longer message is cut (the chat asks for brevity). */
export const MAX_QUERY_CHARS = 200;

export interface Suggestion {
  id: string;
  question: string;
  answer: string;
  score: number;
  source: string;
}

export interface SuggestResult {
  query: string;
  answered: boolean;
  /** True when the query was read as a follow-up to the previous question of the call. */
  followUp: boolean;
  suggestions: Suggestion[];
}

/** The loaded knowledge base: entries by id, the ranking index, and the decisions on top. */
export class KnowledgeBase {
  private readonly byId: Map<string, Entry>;

  constructor(
    readonly entries: Entry[],
    private readonly index: RetrievalIndex,
    private readonly extractor: FeatureExtractor,
  ) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
  }

  static load(dir: string, region: Region, options: RankingOptions = DEFAULT_RANKING): KnowledgeBase {
    const { entries, synonyms } = loadKnowledge(dir, region);
    return KnowledgeBase.fromEntries(entries, synonyms, options);
  }

  static fromEntries(entries: Entry[], synonyms: ConstructorParameters<typeof FeatureExtractor>[0], options = DEFAULT_RANKING, bigramWeight?: number): KnowledgeBase {
    const extractor = new FeatureExtractor(synonyms, bigramWeight);
    return new KnowledgeBase(entries, new RetrievalIndex(entries, extractor, options), extractor);
  }

  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  decide(query: string, top = 3): Decision {
    return this.index.decide(query.slice(0, MAX_QUERY_CHARS), top);
  }

  /** The questions of a run-on message, each with its context; one question comes back whole. */
  splitQuestions(text: string): string[] {
    return splitQuestions(text.slice(0, MAX_QUERY_CHARS));
  }

  /** The grouping key of a question (normalized, synonyms folded), for the unanswered list. */
  questionKey(query: string): string {
    return this.extractor.canonicalize(query.slice(0, MAX_QUERY_CHARS));
  }

  /** The topic a question leaves when the bot answers it or asks which was meant: what a follow-up is read against. */
  topicOf(question: string): TopicContext | undefined {
    const decision = this.decide(question);
    if (decision.kind === 'answer') return topicAfter(question, decision.top.entry.id);
    return decision.kind === 'clarify' ? topicAfter(question, decision.options[0].entry.id) : undefined;
  }

  /**
   * The hotline agent's view: the best answers with scores, and whether the bot would answer
   * alone. With the call's previous question, a follow-up ("视力的呢") is read against it.
   */
  suggest(query: string, top: number, previous?: string): SuggestResult {
    const topic = previous ? this.topicOf(previous) : undefined;
    const { decision, contextual } = readInContext((q) => this.decide(q, top), query, topic);
    return {
      query,
      answered: decision.kind === 'answer',
      followUp: contextual,
      suggestions: decision.ranked.map(({ entry, score }) => ({
        id: entry.id,
        question: entry.question,
        answer: entry.answer,
        score,
        source: entry.source,
      })),
    };
  }
}
