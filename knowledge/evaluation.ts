import { readFileSync } from 'node:fs';
import type { KnowledgeBase, SuggestResult } from './knowledgeBase.js';
import type { Entry } from './loader.js';
import { hashOf, mix } from './random.js';

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
  /** Share the bot answered by itself with a wrong answer. */
  answeredWrong: number;
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

/**
 * Whether an out-of-scope question got an answer as if it were in scope: small talk ("你叫什么名字"
 * gets who the bot is and what it can do) answers about the bot itself, not the question's matter.
 */
export function answersAsInScope(kb: KnowledgeBase, result: SuggestResult): boolean {
  return result.answered && kb.entry(result.suggestions[0]?.id ?? '')?.kind !== 'smalltalk';
}

/** Scores the knowledge base the way the hold-out run does: through `suggest`. */
export function evaluate(kb: KnowledgeBase, inScope: EvalQuestion[], outOfScope: EvalQuestion[]): EvalReport {
  let top1 = 0, top3 = 0, rr = 0, answeredRight = 0, answeredWrong = 0, rejected = 0;
  const failures: EvalReport['failures'] = [];
  for (const { q, expect = [] } of inScope) {
    const result = kb.suggest(q, 3);
    const rank = result.suggestions.findIndex((s) => answerPasses(s.answer, expect));
    if (rank === 0) top1++;
    if (rank >= 0) { top3++; rr += 1 / (rank + 1); }
    if (rank === 0 && result.answered) answeredRight++;
    if (rank !== 0 && result.answered) answeredWrong++;
    if (rank !== 0) failures.push({ q, got: result.suggestions[0]?.id ?? '(none)' });
  }
  for (const { q } of outOfScope) {
    const result = kb.suggest(q, 3);
    if (answersAsInScope(kb, result)) failures.push({ q, got: `answered ${result.suggestions[0]?.id}` });
    else rejected++;
  }
  const n = inScope.length || 1;
  return {
    questions: inScope.length,
    top1: top1 / n,
    top3: top3 / n,
    mrr: rr / n,
    answeredRight: answeredRight / n,
    answeredWrong: answeredWrong / n,
    outOfScope: outOfScope.length,
    rejected: outOfScope.length ? rejected / outOfScope.length : 1,
    failures,
  };
}

/** One fold of k: the entries with some of their wordings held out, and those wordings as questions. */
export interface Fold {
  train: Entry[];
  /** Held-out wordings of entries that answer (the right entry's id) ... */
  inScope: { q: string; id: string }[];
  /** ... and of decline entries, which the bot must not answer by itself. */
  outOfScope: EvalQuestion[];
}

/**
 * Splits every entry's wordings (question and alternates, in an order keyed by their text) into k
 * folds; fold `f` trains on the others and tests on its own, so every wording is tested once
 * by a model that never saw it. With `wholeDeclines`, decline entries are held out whole
 * instead (each in the fold its hashed id picks): their wordings then stand for out-of-scope questions
 * no entry describes, the harder kind.
 */
export function kFold(entries: Entry[], k: number, f: number, wholeDeclines = false): Fold {
  const fold: Fold = { train: [], inScope: [], outOfScope: [] };
  // Wordings are dealt into folds in an order keyed by their text, and whole decline entries by
  // their id: a wording or entry added elsewhere moves no other into another fold.
  const place = (text: string) => mix(hashOf(text), 2024);
  const byPlace = (a: string, b: string) => place(a) - place(b) || (a < b ? -1 : a > b ? 1 : 0);
  for (const entry of entries) {
    const wordings = [entry.question, ...entry.alternates].sort(byPlace);
    if (wholeDeclines && entry.kind === 'decline') {
      if (place(entry.id) % k === f) fold.outOfScope.push(...wordings.map((q) => ({ q })));
      else fold.train.push(entry);
      continue;
    }
    const kept = wordings.filter((_, i) => i % k !== f);
    const held = wordings.filter((_, i) => i % k === f);
    fold.train.push({ ...entry, question: kept[0], alternates: kept.slice(1) });
    for (const q of held) {
      if (entry.kind === 'decline') fold.outOfScope.push({ q });
      else fold.inScope.push({ q, id: entry.id });
    }
  }
  return fold;
}

/** Scores a fold's held-out wordings: right means the entry they were written for. */
export function evaluateFold(kb: KnowledgeBase, fold: Fold): EvalReport {
  let top1 = 0, top3 = 0, rr = 0, answeredRight = 0, answeredWrong = 0, rejected = 0;
  const failures: EvalReport['failures'] = [];
  for (const { q, id } of fold.inScope) {
    const result = kb.suggest(q, 3);
    const rank = result.suggestions.findIndex((s) => s.id === id);
    if (rank === 0) top1++;
    if (rank >= 0) { top3++; rr += 1 / (rank + 1); }
    if (rank === 0 && result.answered) answeredRight++;
    if (rank !== 0 && result.answered) answeredWrong++;
    if (rank !== 0) failures.push({ q, got: `${result.suggestions[0]?.id ?? '(none)'} (want ${id})` });
  }
  for (const { q } of fold.outOfScope) {
    if (kb.suggest(q, 1).answered) failures.push({ q, got: `answered ${kb.suggest(q, 1).suggestions[0]?.id}` });
    else rejected++;
  }
  const n = fold.inScope.length || 1;
  return {
    questions: fold.inScope.length,
    top1: top1 / n,
    top3: top3 / n,
    mrr: rr / n,
    answeredRight: answeredRight / n,
    answeredWrong: answeredWrong / n,
    outOfScope: fold.outOfScope.length,
    rejected: fold.outOfScope.length ? rejected / fold.outOfScope.length : 1,
    failures,
  };
}

/** Sums reports of folds into one (weighted by their question counts). */
export function combine(reports: EvalReport[]): EvalReport {
  const questions = reports.reduce((a, r) => a + r.questions, 0) || 1;
  const outOfScope = reports.reduce((a, r) => a + r.outOfScope, 0) || 1;
  const mean = (pick: (r: EvalReport) => number) => reports.reduce((a, r) => a + pick(r) * r.questions, 0) / questions;
  return {
    questions,
    top1: mean((r) => r.top1),
    top3: mean((r) => r.top3),
    mrr: mean((r) => r.mrr),
    answeredRight: mean((r) => r.answeredRight),
    answeredWrong: mean((r) => r.answeredWrong),
    outOfScope,
    rejected: reports.reduce((a, r) => a + r.rejected * r.outOfScope, 0) / outOfScope,
    failures: reports.flatMap((r) => r.failures),
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

/** A run-on message of several questions, each with what its answer must say. */
export interface EvalRunOn {
  q: string;
  questions: { q: string; expect: string[][] }[];
}

/** A bot's reply: its text and the buttons it offers (what each sends). */
export interface ReplyWithButtons {
  text: string;
  buttons: string[];
}

export interface RunOnReport {
  messages: number;
  /** Share of messages every question of which is answered in the reply or by one of its buttons. */
  passed: number;
  /** Share of questions answered so. */
  questionsReached: number;
  failures: { q: string; missed: string[]; got: string }[];
}

/**
 * Sends each run-on message alone in a new conversation: each of its questions must be answered
 * in the reply, or by a button of the reply tapped next (each tap in a conversation of its own).
 */
export async function evaluateRunOns(
  runOns: EvalRunOn[],
  reply: (turns: string[], conversationId: string) => Promise<ReplyWithButtons>,
): Promise<RunOnReport> {
  let passed = 0;
  let reached = 0;
  let questions = 0;
  const failures: RunOnReport['failures'] = [];
  for (const [i, runOn] of runOns.entries()) {
    const first = await reply([runOn.q], `runon-${i}`);
    // One at a time: the bot's flood limits see one client.
    const tapped: ReplyWithButtons[] = [];
    for (const [j, button] of first.buttons.entries()) tapped.push(await reply([runOn.q, button], `runon-${i}-${j}`));
    const missed = runOn.questions.filter(({ expect }) => ![first, ...tapped].some((r) => answerPasses(r.text, expect))).map((p) => p.q);
    questions += runOn.questions.length;
    reached += runOn.questions.length - missed.length;
    if (missed.length) failures.push({ q: runOn.q, missed, got: first.text.slice(0, 60) });
    else passed++;
  }
  return { messages: runOns.length, passed: runOns.length ? passed / runOns.length : 1, questionsReached: questions ? reached / questions : 1, failures };
}
