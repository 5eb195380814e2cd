import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bot/app.js';
import type { Config } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';
import { smsSaid } from '../dialogs/replies.js';
import { text, type Hotlines } from '../dialogs/text/index.js';
import { answerPasses, answersAsInScope, evaluate, readJsonl, type EvalQuestion, type EvalReport } from '../knowledge/evaluation.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';

/** What a reply to a question says, read from the outside as a grader reads it. */
export type ReplyKind = 'answer' | 'smalltalk' | 'clarify' | 'notFound' | 'decline';

export interface BotReply {
  /** The text of every message, in order. */
  texts: string[];
  kind: ReplyKind;
}

/**
 * How a bot's messages read: "您想问的是", "答不上来", an out-of-scope decline, small talk (who the
 * bot is, a greeting: about the bot, not the question's matter), or else an answer (or a flow started).
 */
function replyKind(texts: string[], kb: Pick<KnowledgeBase, 'entries'>, hotlines: Hotlines): ReplyKind {
  const first = texts[0] ?? '';
  if ([text.clarify.intro, text.clarify.introOne].some((intro) => first.startsWith(intro))) return 'clarify';
  // Emoji, laughter or keyboard mashing are told they were not read: nothing answered.
  if (first === text.notFound(hotlines) || first === text.flow.asideUnknown(hotlines) || first === text.noWords) return 'notFound';
  if (kb.entries.some((e) => e.kind === 'decline' && e.answer === first)) return 'decline';
  // A greeting is welcomed; a run-on's other questions may follow as buttons: the message starts with the answer.
  const talk = [text.welcome.lines[0], text.welcomeAgain, ...kb.entries.filter((e) => e.kind === 'smalltalk').map((e) => e.answer)];
  return talk.some((said) => first.startsWith(said)) ? 'smalltalk' : 'answer';
}

/** A question judged through the endpoints next to the knowledge base's own decision. */
export interface EndpointJudgement {
  q: string;
  /** In scope: answered by itself with a right answer; out of scope: not answered. */
  inProcess: boolean;
  endpoint: boolean;
  got: string;
}

export interface EndpointReport {
  questions: number;
  /** /api/agent/suggest's first suggestion is right. */
  top1: number;
  /** /api/messages, the question alone in a new conversation: its first message answers it rightly. */
  answeredRight: number;
  /** ... answers it (or starts a flow) wrongly. */
  answeredWrong: number;
  outOfScope: number;
  /** Out-of-scope questions /api/messages did not answer as if they were in scope. */
  rejected: number;
  /** ... of those, the share given a decline that says where to ask (not "答不上来" nor "您想问的是"). */
  declined: number;
  /** Questions the endpoints judge worse than the knowledge base decided. */
  worse: EndpointJudgement[];
}

/** The bot served as `npm start` serves it, on a fresh data folder, asked as an outside grader asks. */
export interface EvalBot {
  /** The replies to one message sent as the first of a new conversation. */
  ask(question: string): Promise<BotReply>;
  /** /api/agent/suggest's first suggestion's answer. */
  suggestTop(question: string): Promise<string>;
  close(): Promise<void>;
}

/** One message posted to /api/messages as a channel posts it, replies asked back in the answer; the person is named after the conversation. */
export function postMessage(url: string, text: string, conversationId: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', text, channelId: 'eval', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
      conversation: { id: conversationId }, from: { id: conversationId }, recipient: { id: 'bot' },
    }),
  });
}

export async function startEvalBot(config: Config, kb: KnowledgeBase, hotlines: Hotlines): Promise<EvalBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-endpoint-eval-'));
  // A grader's burst is no flood: the limits would turn its questions away.
  const app = await createApp({ config: { ...config, port: 0, dataDir, floodLimits: undefined }, logger: silentLogger });
  const base = await app.listen();
  let conversations = 0;
  // The bot words its answers for its SMS setting (what they say of SMS, with it off): its replies are read as said.
  const said = { entries: kb.entries.map((e) => ({ ...e, answer: smsSaid(e.answer, config.sms.on) })) };
  return {
    async ask(question) {
      const res = await postMessage(`${base}/api/messages`, question, `endpoint-eval-${++conversations}`);
      if (!res.ok) throw new Error(`/api/messages answered ${res.status} to "${question}"`);
      const texts = ((await res.json()) as { activities: { text?: string }[] }).activities.map((a) => a.text ?? '');
      return { texts, kind: replyKind(texts, said, hotlines) };
    },
    async suggestTop(question) {
      const res = await fetch(`${base}/api/agent/suggest?${new URLSearchParams({ q: question, top: '3' })}`);
      if (!res.ok) throw new Error(`/api/agent/suggest answered ${res.status} to "${question}"`);
      return ((await res.json()) as { suggestions: { answer: string }[] }).suggestions[0]?.answer ?? '';
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Scores a question set through the endpoints, and lists where they do worse than `kb.suggest` decided. */
export async function evaluateEndpoints(bot: EvalBot, kb: KnowledgeBase, inScope: EvalQuestion[], outOfScope: EvalQuestion[]): Promise<EndpointReport> {
  let top1 = 0, answeredRight = 0, answeredWrong = 0, rejected = 0, declined = 0;
  const worse: EndpointJudgement[] = [];
  for (const { q, expect = [] } of inScope) {
    if (answerPasses(await bot.suggestTop(q), expect)) top1++;
    const reply = await bot.ask(q);
    // Small talk is an answer to a question in scope ("你是谁"), as `evaluate` counts it.
    const answered = reply.kind === 'answer' || reply.kind === 'smalltalk';
    const right = answered && answerPasses(reply.texts[0] ?? '', expect);
    if (right) answeredRight++;
    else if (answered) answeredWrong++;
    // As `evaluate` decides it; worse: a right answer lost, or a wrong one (a flow started) where the KB said nothing.
    const decided = kb.suggest(q, 3);
    const inProcess = decided.answered && answerPasses(decided.suggestions[0]?.answer ?? '', expect);
    if ((inProcess && !right) || (!decided.answered && answered && !right)) worse.push({ q, inProcess, endpoint: right, got: summary(reply) });
  }
  for (const { q } of outOfScope) {
    const reply = await bot.ask(q);
    if (reply.kind === 'decline') declined++;
    if (reply.kind !== 'answer') rejected++;
    else if (!answersAsInScope(kb, kb.suggest(q, 3))) worse.push({ q, inProcess: true, endpoint: false, got: summary(reply) });
  }
  const n = inScope.length || 1;
  return {
    questions: inScope.length,
    top1: top1 / n,
    answeredRight: answeredRight / n,
    answeredWrong: answeredWrong / n,
    outOfScope: outOfScope.length,
    rejected: outOfScope.length ? rejected / outOfScope.length : 1,
    declined: outOfScope.length ? declined / outOfScope.length : 1,
    worse,
  };
}

const summary = (reply: BotReply) => `${reply.kind}: ${reply.texts.map((t) => t.slice(0, 40).replace(/\n/g, ' ')).join(' | ')}`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

/**
 * `npm run eval:kb`'s section through the endpoints: every set's single questions asked of
 * /api/agent/suggest and, each in a new conversation, of /api/messages, printed under the
 * in-process figures of the same ranking; with `showFailures`, the questions the bot says worse.
 */
export async function printEndpointSection(
  { config, kb, hotlines, fixtures, sets, showFailures }:
  { config: Config; kb: KnowledgeBase; hotlines: Hotlines; fixtures: string; sets: readonly (readonly [string, string, string])[]; showFailures: boolean },
): Promise<void> {
  console.log('\nthrough the endpoints (a started app on a fresh data folder; each question alone in a new conversation)');
  console.log(`${'set'.padEnd(12)} ${'path'.padEnd(10)} top-1  ans+right ans+wrong  out-of-scope rejected   said worse  (out of scope: declined saying where to ask)`);
  const bot = await startEvalBot(config, kb, hotlines);
  try {
    for (const [name, inFile, outFile] of sets) {
      const inScope = readJsonl(join(fixtures, inFile));
      const outOfScope = readJsonl(join(fixtures, outFile));
      const local: EvalReport = evaluate(kb, inScope, outOfScope);
      const http = await evaluateEndpoints(bot, kb, inScope, outOfScope);
      const label = name.split(' (')[0].padEnd(12);
      const row = (path: string, r: { top1: number; answeredRight: number; answeredWrong: number; rejected: number; outOfScope: number }, tail = '') =>
        `${label} ${path.padEnd(10)} ${pct(r.top1)}  ${pct(r.answeredRight)}    ${pct(r.answeredWrong)}     ${pct(r.rejected)} of ${r.outOfScope}${tail}`;
      console.log(row('in process', local));
      console.log(row('endpoints', http, `      ${String(http.worse.length).padEnd(4)} declined ${pct(http.declined).trim()}`));
      if (showFailures) for (const w of http.worse) console.log(`   worse: ${w.q}  -> ${w.got}`);
    }
  } finally {
    await bot.close();
  }
}
