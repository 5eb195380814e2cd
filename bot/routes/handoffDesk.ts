import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { AgentResult, Handoffs } from '../../cases/handoffs.js';
import type { Ratings } from '../../cases/ratings.js';
import { shanghaiDate } from '../../data/caseQuery.js';
import type { Clock } from '../../data/clock.js';
import type { Handoff, HandoffMessage, HandoffStore } from '../../data/handoffs.js';
import { maskText } from '../../data/personalData.js';
import { onlyAsksForPerson, saysCannotHearOrSpeak } from '../../dialogs/commands.js';
import { text } from '../../dialogs/text/index.js';
import type { AgentAuth, AgentCaller } from '../agentAuth.js';
import type { DeskEvents, ServingAgent } from '../deskEvents.js';
import { guardRoute, HttpError, sendJson } from '../http.js';
import { parseBody, trimmed } from './agentConsole.js';

const HANDOFF_ID = /^HO\d{8}$/;
/** What the console shows of a conversation's messages. */
const SHOWN_MESSAGES = 30;

export interface HandoffDeskDeps {
  auth: AgentAuth;
  handoffs: Handoffs;
  store: HandoffStore;
  events: DeskEvents;
  clock: Clock;
  ratings: Pick<Ratings, 'summary'>;
}

const replySchema = z.object({ text: trimmed(2000) }).strict();
const endSchema = z.object({ handBack: z.boolean().optional() }).strict();

/** A message as the desk reads it: its words masked, each file it carried named ("[发来照片 wide.jpg]"). */
function shownMessage({ files, ...m }: HandoffMessage) {
  const said = [m.text, ...(files ?? []).map((f) => text.handoff.personSent(f.photo, f.name))].filter(Boolean).join(' ');
  return { ...m, text: maskText(said) };
}

/** A hand-off as an agent sees it: personal data masked, waiting time in seconds. */
export function handoffView(h: Handoff, now: Date, withMessages = false) {
  const end = h.takenAt ?? h.closedAt ?? now.toISOString();
  // What the person typed: a photo sent after the words that led to the hand-off says nothing of its own.
  const personSaid = h.messages.filter((m) => m.from === 'person' && m.text.trim());
  return {
    id: h.id,
    status: h.status,
    reason: h.reason,
    reasonName: text.handoff.reasonNames[h.reason],
    channel: h.channel,
    ...(h.caseNo ? { caseNo: h.caseNo } : {}),
    queuedAt: h.queuedAt,
    waitedSeconds: Math.max(0, Math.round((Date.parse(end) - Date.parse(h.queuedAt)) / 1000)),
    ...(h.agent ? { agent: h.agent, takenAt: h.takenAt } : {}),
    ...(h.quietToldAt ? { quietToldAt: h.quietToldAt } : {}),
    ...(h.outcome ? { outcome: h.outcome, closedAt: h.closedAt } : {}),
    ...(h.typedOnly ? { typedOnly: true, typedOnlyNote: personSaid.some((m) => saysCannotHearOrSpeak(m.text)) ? text.handoff.typedOnlyNote : text.handoff.typedPreferredNote } : {}),
    /** The person's latest message. */
    lastPersonText: maskText(personSaid.at(-1)?.text ?? ''),
    /** The person's latest question, not a request for a person ("转人工"): what the suggestions are for. */
    questionText: maskText([...personSaid].reverse().find((m) => !onlyAsksForPerson(m.text))?.text ?? ''),
    ...(withMessages ? { messages: h.messages.slice(-SHOWN_MESSAGES).map(shownMessage) } : {}),
  };
}

/** The agents serving a caller among these hand-offs, with when they last took or answered it (DeskEvents decides who is still there). */
export const agentsServing = (handoffs: Handoff[]): ServingAgent[] =>
  handoffs.flatMap((h) => (h.status === 'active' && h.agent ? [{ agent: h.agent, at: h.lastAgentAt ?? h.takenAt ?? h.queuedAt }] : []));

/** The day's figures for supervisors: handed off, answered, called back, left, average wait. */
export function todaysFigures(all: Handoff[], now: Date) {
  const today = all.filter((h) => shanghaiDate(new Date(h.queuedAt)) === shanghaiDate(now));
  const taken = today.filter((h) => h.audit.some((e) => e.action === 'take'));
  const waits = taken.map((h) => Date.parse(h.audit.find((e) => e.action === 'take')!.at) - Date.parse(h.queuedAt));
  const count = (outcome: string) => today.filter((h) => h.outcome === outcome).length;
  return {
    date: shanghaiDate(now),
    handedOff: today.length,
    answered: taken.length,
    calledBack: count('callback'),
    left: count('left'),
    endedByAgent: count('ended') + count('handedBack'),
    averageWaitSeconds: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length / 1000) : null,
  };
}

/**
 * The desk's live hand-offs in the agent console: the queue as server-sent events, take, the
 * transcript, reply, end or hand back, put back in the queue; and the supervisors' view.
 */
export function registerHandoffDesk(server: Server, deps: HandoffDeskDeps): void {
  const { auth, handoffs, events, clock } = deps;

  const guarded = (handler: (req: Request, res: Response, caller: AgentCaller) => Promise<void>, role?: 'supervisor') =>
    guardRoute(async (req, res) => {
      const caller = await auth.check(req, res, role);
      if (!caller) return;
      events.seen(caller);
      await handler(req, res, caller);
    });

  const idOf = (req: Request) => {
    const id = String(req.params.id ?? '').toUpperCase();
    if (!HANDOFF_ID.test(id)) throw new HttpError(400, '转人工对话编号应是 HO 加 8 位数字');
    return id;
  };

  const answer = (res: Response, result: AgentResult) => {
    if (!result.ok) throw new HttpError(result.status, result.error);
    sendJson(res, 200, { handoff: handoffView(result.handoff, clock.now(), true) });
  };

  server.get('/api/agent/handoffs', guarded(async (_req, res, caller) => sendJson(res, 200, await deskSnapshot(deps, caller))));

  server.get('/api/agent/handoffs/events', guarded(async (_req, res, caller) => events.open(caller, res)));

  server.get('/api/agent/handoffs/:id', guarded(async (req, res, caller) => answer(res, await handoffs.view(idOf(req), caller))));

  server.post('/api/agent/handoffs/:id/take', guarded(async (req, res, caller) => answer(res, await handoffs.take(idOf(req), caller.name, caller.displayName))));

  server.post('/api/agent/handoffs/:id/reply', guarded(async (req, res, caller) => {
    const id = idOf(req);
    const body = await parseBody(req, replySchema);
    answer(res, await handoffs.reply(id, caller.name, body.text, caller.displayName));
  }));

  server.post('/api/agent/handoffs/:id/end', guarded(async (req, res, caller) => {
    const id = idOf(req);
    const body = await parseBody(req, endSchema);
    answer(res, await handoffs.finish(id, caller.name, body.handBack ? 'handedBack' : 'ended'));
  }));

  server.post('/api/agent/handoffs/:id/requeue', guarded(async (req, res, caller) => answer(res, await handoffs.requeue(idOf(req), caller.name))));

  server.get('/api/agent/supervisor', guarded(async (_req, res, caller) => sendJson(res, 200, await deskSnapshot(deps, caller)), 'supervisor'));
}

/** What one console shows: the queue, the agent's own conversations; for a supervisor also who handles what and the day's figures. */
export async function deskSnapshot(
  { store, events, clock, ratings, handoffs }: Pick<HandoffDeskDeps, 'store' | 'events' | 'clock' | 'ratings'> & { handoffs: Pick<Handoffs, 'inDeskHours' | 'deskHours'> },
  caller: AgentCaller,
) {
  const now = clock.now();
  const open = await store.list({ status: ['queued', 'active'] });
  const queue = open.filter((h) => h.status === 'queued').map((h) => handoffView(h, now));
  const mine = open.filter((h) => h.status === 'active' && h.agent === caller.name).map((h) => handoffView(h, now, true));
  // One truth with what people asking for a person are told: outside the hours nobody is on duty for them.
  const desk = { inHours: handoffs.inDeskHours(now), hours: handoffs.deskHours };
  const frame = { at: now.toISOString(), agent: caller.name, role: caller.role, onDuty: events.agentsOnDuty(agentsServing(open)), desk, queue, mine };
  if (caller.role !== 'supervisor') return frame;
  const midnight = new Date(`${shanghaiDate(now)}T00:00:00+08:00`);
  const active = open.filter((h) => h.status === 'active').map((h) => handoffView(h, now));
  return { ...frame, active, today: todaysFigures(await store.list({ since: midnight }), now), ratings: await ratings.summary(midnight) };
}
