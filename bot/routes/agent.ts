import type { Server } from 'restify';
import { answerTo } from '../../knowledge/canAsk.js';
import type { KnowledgeBase, Suggestion } from '../../knowledge/knowledgeBase.js';
import type { TopicContext } from '../../knowledge/followUp.js';
import type { Decision } from '../../knowledge/ranking.js';
import { callContext, readAsTheBot, refersToUnanswered, topicReply, type Declined } from '../../dialogs/botReading.js';
import { smsSaid } from '../../dialogs/replies.js';
import { maskText, withoutPersonalNumbers } from '../../data/personalData.js';
import { guardRoute, sendError, sendJson } from '../http.js';

export const MAX_SUGGESTIONS = 10;
const MAX_QUERY_CHARS = 1000;

/** The call's earlier questions sent as context: more would have expired (knowledge/followUp.ts). */
const MAX_CONTEXT = 10;

type BotDecision = { decision: Decision['kind'] | 'likely'; entryId?: string; score?: number; options?: string[] };

/**
 * What the bot itself would do with the question in the chat: answer, ask "您想问的是", send the
 * caller elsewhere, or not know (`decision`), and the entry it answers or declines with
 * (`entryId`: a run-on's first question may not rank first as a whole), or the candidates its
 * choice offers (`options`). The console labels its
 * suggestions by it, so an agent sees the confidence the caller meets.
 */
function botDecision(kb: KnowledgeBase, q: string, topic: TopicContext | undefined, declined?: Declined, unanswered = false): BotDecision {
  const { reading, more } = readAsTheBot(kb, q, topic, undefined, declined);
  const { decision } = reading;
  // "要钱不" after a question the chat could not answer: the chat asks which matter is meant, sure of nothing.
  if (refersToUnanswered(q, reading, unanswered)) return { decision: 'none' };
  // A follow-up read as a choice or as nothing that the topic's entries answer ("要钱不" after the lost
  // card and the fuel allowance: the card is free), answered so, as the chat does.
  const told = decision.kind === 'clarify' || decision.kind === 'none' ? topicReply(kb, q, topic, (query, top) => kb.decide(query, top), reading, more.length > 0) : undefined;
  if (told && 'from' in told) return { decision: 'answer', entryId: told.from.entry.id, score: told.from.score };
  // The likeliest said, named ("您是问…吧？"): the agent confirms it with the caller as the chat does.
  if (decision.kind === 'clarify' && decision.likely) return { decision: 'likely', entryId: decision.options[0].entry.id, score: decision.options[0].score };
  // The chat's choice offers these and no other (one alone: "您是想问下面这个吗？").
  if (decision.kind === 'clarify') return { decision: 'clarify', options: decision.options.map((o) => o.entry.id) };
  return decision.kind === 'answer' || decision.kind === 'decline' ? { decision: decision.kind, entryId: decision.top.entry.id, score: decision.top.score } : { decision: decision.kind };
}

/**
 * The entry the bot says put first: a run-on's question it answers ("检查要多长时间，需要家人陪吗": who may come
 * along) ranks low or not at all among the whole message's, and the agent should read out what the caller would meet.
 */
function botFirst(kb: KnowledgeBase, q: string, suggestions: Suggestion[], said: BotDecision, top: number): Suggestion[] {
  // A choice's candidates first, in the chat's order: the agent reads out what the caller is offered.
  const ids = said.options ?? (said.entryId === undefined ? [] : [said.entryId]);
  const firsts = ids.flatMap((id) => {
    const entry = kb.entry(id);
    if (!entry) return [];
    return [suggestions.find((s) => s.id === id) ?? { id, question: entry.question, answer: answerTo(entry, q), score: said.score ?? 0, source: entry.source }];
  });
  if (firsts.every((f, i) => suggestions[i]?.id === f.id)) return suggestions;
  return [...firsts, ...suggestions.filter((s) => !ids.includes(s.id))].slice(0, Math.max(top, firsts.length));
}

/**
 * GET /api/agent/suggest?q=&top=[&context=...]: ranked answers for a hotline agent, and what the
 * bot would do with the question (`decision`, `entryId`). `context`,
 * repeated oldest first, holds the call's earlier questions, so a follow-up ("那网上办呢") gets
 * suggestions that know them. With SMS off (`sms`), the answers read out promise no SMS, as the chat's do.
 */
export function registerAgent(server: Server, kb: KnowledgeBase, sms: boolean): void {
  server.get('/api/agent/suggest', guardRoute(async (req, res) => {
    const url = new URL(req.url ?? '', 'http://localhost');
    const q = (url.searchParams.get('q') ?? '').trim();
    const previous = url.searchParams.getAll('context').map((c) => c.trim()).filter(Boolean);
    const topParam = url.searchParams.get('top');
    if (!q) return sendError(res, 400, '缺少参数 q（要查的问题）');
    if ([...q].length > MAX_QUERY_CHARS) return sendError(res, 400, `q 太长了，最多 ${MAX_QUERY_CHARS} 个字`);
    if (previous.some((c) => [...c].length > MAX_QUERY_CHARS)) return sendError(res, 400, `context 太长了，最多 ${MAX_QUERY_CHARS} 个字`);
    if (previous.length > MAX_CONTEXT) return sendError(res, 400, `context 太多了，最多 ${MAX_CONTEXT} 个`);
    const top = topParam === null || topParam === '' ? 3 : Number(topParam);
    if (!Number.isInteger(top) || top < 1 || top > MAX_SUGGESTIONS) {
      return sendError(res, 400, `top 应是 1 到 ${MAX_SUGGESTIONS} 之间的整数`);
    }
    // A caller's ID number or phone typed in ranks nothing (it is not what is asked) and is never sent back unmasked.
    const asked = withoutPersonalNumbers(q) || maskText(q);
    // The call's topic as the chat would have left it, for the suggestions and the label alike.
    const { topic, declined, unanswered } = callContext(kb, previous.map((c) => withoutPersonalNumbers(c)).filter(Boolean));
    const suggested = kb.suggest(asked, top, topic);
    const bot = botDecision(kb, asked, topic, declined, unanswered);
    const suggestions = botFirst(kb, asked, suggested.suggestions, bot, top).map((s) => ({ ...s, answer: smsSaid(s.answer, sms) }));
    sendJson(res, 200, { ...suggested, query: maskText(q), suggestions, decision: bot.decision, ...(bot.entryId ? { entryId: bot.entryId } : {}), ...(bot.options ? { options: bot.options } : {}) });
  }));
}
