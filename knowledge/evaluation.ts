import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from './knowledgeBase.js';

export interface EvalQuestion {
  q: string;
  /** Groups of words: an answer passes when it holds at least one word of every group. */
  expect?: string[][];
}

export interface EvalReport {
  questions: number;
  top1: number;
  top3: number;
  mrr: number;
  /** Share the bot answered by itself with a right answer. */
  answeredRight: number;
  /** Out-of-scope questions the bot did not answer by itself. */
  outOfScope: number;
  rejected: number;
  failures: { q: string; got: string }[];
}

export function readJsonl(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

export function answerPasses(answer: string, expect: string[][]): boolean {
  return expect.every((group) => group.some((word) => answer.includes(word)));
}

/** Scores the knowledge base the way the hold-out run does: through `suggest`. */
export function evaluate(kb: KnowledgeBase, inScope: EvalQuestion[], outOfScope: EvalQuestion[]): EvalReport {
  let top1 = 0, top3 = 0, rr = 0, answeredRight = 0, rejected = 0;
  const failures: EvalReport['failures'] = [];
  for (const { q, expect = [] } of inScope) {
    const result = kb.suggest(q, 3);
    const rank = result.suggestions.findIndex((s) => answerPasses(s.answer, expect));
    if (rank === 0) top1++;
    if (rank >= 0) { top3++; rr += 1 / (rank + 1); }
    if (rank === 0 && result.answered) answeredRight++;
    if (rank !== 0) failures.push({ q, got: result.suggestions[0]?.id ?? '(none)' });
  }
  for (const { q } of outOfScope) {
    if (kb.suggest(q, 3).answered) failures.push({ q, got: `answered ${kb.suggest(q, 1).suggestions[0]?.id}` });
    else rejected++;
  }
  const n = inScope.length || 1;
  return {
    questions: inScope.length,
    top1: top1 / n,
    top3: top3 / n,
    mrr: rr / n,
    answeredRight: answeredRight / n,
    outOfScope: outOfScope.length,
    rejected: outOfScope.length ? rejected / outOfScope.length : 1,
    failures,
  };
}

/** A conversation whose last turn only makes sense after the ones before it ("视力的呢"). */
export interface EvalConversation {
  turns: string[];
  expect: string[][];
}

export interface ConversationReport {
  conversations: number;
  /** Share whose reply to the last turn passes. */
  passed: number;
  failures: { turns: string[]; got: string }[];
}

export function readConversations(file: string): EvalConversation[] {
  return readJsonl(file) as unknown as EvalConversation[];
}

/**
 * Runs each conversation through `reply` (all turns in one conversation, the replies to the
 * last turn back) and checks the last reply, as the hold-out run does through /api/messages.
 */
export async function evaluateConversations(
  conversations: EvalConversation[],
  reply: (turns: string[], conversationId: string) => Promise<string>,
): Promise<ConversationReport> {
  let passed = 0;
  const failures: ConversationReport['failures'] = [];
  for (const [i, { turns, expect }] of conversations.entries()) {
    const got = await reply(turns, `eval-${i}`);
    if (answerPasses(got, expect)) passed++;
    else failures.push({ turns, got: got.slice(0, 60) });
  }
  return { conversations: conversations.length, passed: conversations.length ? passed / conversations.length : 1, failures };
}
