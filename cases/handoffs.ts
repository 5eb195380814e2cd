import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { CallStore } from '../data/calls.js';
import type { CaseStore } from '../data/cases.js';
import { dayKind } from '../data/calendar.js';
import { shanghaiDate } from '../data/caseQuery.js';
import type { Clock } from '../data/clock.js';
import type { Handoff, HandoffFile, HandoffMessage, HandoffOutcome, HandoffReason, HandoffStore } from '../data/handoffs.js';
import type { OutboxRow, OutboxStore } from '../data/outbox.js';
import { maskText } from '../data/personalData.js';
import type { Region } from '../data/region.js';
import type { RatingQuestion } from './ratings.js';

/** What the hand-off says to the person through the outbox (the catalogue's `handoff` texts). */
export interface HandoffTexts {
  taken: (agent: string) => string;
  agentSays: (agent: string, said: string) => string;
  agentName: (agent: string) => string;
  ended: string;
  handedBack: string;
  requeued: string;
  quiet: (typedOnly: boolean) => string;
  reasonNames: Record<HandoffReason, string>;
  callbackAnswer: string;
}

export interface HandoffDeps {
  handoffs: HandoffStore;
  outbox: OutboxStore;
  calls: CallStore;
  cases: Pick<CaseStore, 'openCasesOfUser'>;
  region: Pick<Region, 'desk' | 'calendar'>;
  clock: Clock;
  texts: HandoffTexts;
  /** Agents at the desk now (logged in with the console open, or serving a caller). */
  onDuty: () => number;
  /** HANDOFF_QUIET_MINUTES: the person is told when the agent has said nothing for this long. */
  quietMs: number;
  /** Every change, for the consoles watching the queue. */
  onChange?: (h: Handoff) => void;
  /** Sends these outbox rows now: a live reply does not wait for the scheduler's minute. */
  deliverNow?: (rows: OutboxRow[]) => void;
  /**
   * After a conversation with an agent ended (the 好差评 request), with the person's phone if a case has one;
   * ended by the person in the chat (`inTurn`), the question is returned for that turn to say.
   */
  afterTalk?: (h: Handoff, phone: string | undefined, inTurn: boolean) => Promise<RatingQuestion | undefined>;
}

export interface HandoffRequest {
  conversation: Partial<ConversationReference>;
  conversationKey: string;
  userKey: string;
  channel: string;
  reason: HandoffReason;
  /** What was said before the hand-off, for the agent (masked here). */
  recent: HandoffMessage[];
  /** The person cannot phone (deaf, no speech): kept in the queue for the desk's typed reply, never a call-back. */
  typedOnly?: boolean;
}

export type RequestOutcome =
  | { kind: 'queued' | 'already'; handoff: Handoff; position: number; minutes: number }
  | { kind: 'active'; handoff: Handoff }
  /** Desk closed or nobody on duty: a call-back; `phone` when the bot knows one, else it must be asked. */
  | { kind: 'callback'; handoff: Handoff; phone?: string };

export type AgentResult = { ok: true; handoff: Handoff } | { ok: false; status: 403 | 404 | 409; error: string };

const notFound = (id: string): AgentResult => ({ ok: false, status: 404, error: `没有找到转人工对话 ${id.slice(0, 20)}` });

const MINUTE = 60_000;
/** How far back the desk's words in an earlier hand-off of the conversation are shown to the next agent, and how many. */
const EARLIER_DAYS = 30;
const EARLIER_MESSAGES = 6;

/** Minutes after Beijing midnight. */
const beijingMinutes = (at: Date) => Math.floor(((at.getTime() + 8 * 60 * MINUTE) % (24 * 60 * MINUTE)) / MINUTE);
const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The live hand-off to the 12345 desk: the queue, agents taking, answering, ending or handing
 * back a conversation, the quiet-agent notice and the call-back when the desk is closed. Every
 * step is audited on the hand-off; every message to the person goes through the outbox (the
 * same proactive path as status updates, any channel), marked live so quiet hours do not hold it.
 */
export class Handoffs {
  constructor(private readonly deps: HandoffDeps) {}

  /** Whether the desk answers now: a working day, within its hours, someone on duty. */
  deskOpen(at = this.deps.clock.now()): boolean {
    return this.inDeskHours(at) && this.deps.onDuty() > 0;
  }

  /** Whether it is a working day within the desk's hours (`hours`, "08:30-17:30"): outside them nobody is offered, whoever is signed in. */
  inDeskHours(at = this.deps.clock.now()): boolean {
    if (!dayKind(this.deps.region as Region, shanghaiDate(at)).open) return false;
    const [from, to] = this.deps.region.desk.hours.split('-').map(clockMinutes);
    const now = beijingMinutes(at);
    return now >= from && now < to;
  }

  get deskHours(): string {
    return this.deps.region.desk.hours;
  }

  async openFor(conversationKey: string): Promise<Handoff | undefined> {
    return this.deps.handoffs.openFor(conversationKey);
  }

  /** 转人工: queued with place and wait, or a call-back when the desk is closed; never twice. */
  async request(req: HandoffRequest): Promise<RequestOutcome> {
    const existing = await this.deps.handoffs.openFor(req.conversationKey);
    if (existing) return this.outcomeOf(existing, 'already');
    const open = this.deskOpen();
    const queue = open || req.typedOnly === true;
    const [own] = await this.deps.cases.openCasesOfUser(req.userKey);
    const { handoff, created } = await this.deps.handoffs.open(
      {
        conversationKey: req.conversationKey,
        userKey: req.userKey,
        channel: req.channel,
        conversation: req.conversation,
        reason: req.reason,
        ...(own ? { caseNo: own.caseNo } : {}),
        ...(req.typedOnly ? { typedOnly: true } : {}),
        status: queue ? 'queued' : 'callback',
        // What the desk said last time comes first: the next agent sees what was promised ("3个工作日内打电话").
        messages: [...(await this.earlierDeskMessages(req.conversationKey)), ...req.recent.map((m) => ({ ...m, text: maskText(m.text) }))],
        by: req.reason === 'agent' ? 'system' : 'chat',
      },
      this.deps.clock.now(),
    );
    // A second request that raced this one (a double tap, another instance) found it open: told, never booked twice.
    if (!created) return this.outcomeOf(handoff, 'already');
    this.changed(handoff);
    if (queue) return this.outcomeOf(handoff, 'queued');
    if (own?.applicant.phone) return { kind: 'callback', handoff: await this.bookCallback(handoff, own.applicant.phone), phone: own.applicant.phone };
    return { kind: 'callback', handoff };
  }

  /** The agent's messages in this conversation's last hand-off, within EARLIER_DAYS. */
  private async earlierDeskMessages(conversationKey: string): Promise<HandoffMessage[]> {
    const since = new Date(this.deps.clock.now().getTime() - EARLIER_DAYS * 24 * 60 * MINUTE);
    const earlier = (await this.deps.handoffs.list({ status: ['closed'], since, conversationKey })).at(-1);
    return earlier ? earlier.messages.filter((m) => m.from === 'agent').slice(-EARLIER_MESSAGES) : [];
  }

  /** Whether the conversation's latest hand-off, asked for within `withinMs`, ended in a call-back booked (its phone taken). */
  async callbackBookedLately(conversationKey: string, withinMs: number): Promise<boolean> {
    const since = new Date(this.deps.clock.now().getTime() - withinMs);
    const latest = (await this.deps.handoffs.list({ since, conversationKey })).at(-1);
    return latest?.status === 'closed' && latest.outcome === 'callback';
  }

  /** The phone for a call-back: goes on the 回访 list and the hand-off closes. */
  async givePhone(id: string, phone: string): Promise<Handoff | undefined> {
    const current = await this.deps.handoffs.get(id);
    if (!current || current.status === 'closed') return undefined;
    return this.bookCallback(current, phone);
  }

  /** 不用了 while queued or asked for a phone: leaves; an agent already talking is not left this way. */
  async leave(id: string): Promise<Handoff | undefined> {
    const closed = await this.close(id, 'left', 'chat', (h) => h.status === 'queued' || h.status === 'callback');
    return closed;
  }

  /** A message from the person while an agent has the conversation: kept for the agent's screen, with the files it carried. */
  async fromPerson(id: string, text: string, files: HandoffFile[] = []): Promise<Handoff | undefined> {
    const at = this.deps.clock.now().toISOString();
    const updated = await this.deps.handoffs.update(id, (h) => {
      if (h.status === 'closed') return false;
      h.messages.push({ at, from: 'person', text: maskText(text), ...(files.length ? { files } : {}) });
    });
    if (updated) this.changed(updated);
    return updated;
  }

  /** Records what the bot said while the person waits, so the agent sees the whole conversation. */
  async fromBot(id: string, texts: string[]): Promise<void> {
    if (texts.length === 0) return;
    const at = this.deps.clock.now().toISOString();
    const updated = await this.deps.handoffs.update(id, (h) => {
      if (h.status === 'closed') return false;
      for (const text of texts) h.messages.push({ at, from: 'bot', text: maskText(text) });
    });
    if (updated) this.changed(updated);
  }

  /**
   * An agent opens a transcript: the agent who has it, or a supervisor. Each opening is audited
   * (who read which conversation, when), since the transcript holds what the person told.
   */
  async view(id: string, viewer: { name: string; role: string }): Promise<AgentResult> {
    const found = await this.deps.handoffs.get(id);
    if (!found) return notFound(id);
    if (found.agent !== viewer.name && viewer.role !== 'supervisor') return { ok: false, status: 403, error: '只能查看自己接待的对话' };
    const at = this.deps.clock.now().toISOString();
    const viewed = await this.deps.handoffs.update(id, (h) => {
      h.audit.push({ at, by: `agent:${viewer.name}`, action: 'view' });
    });
    return { ok: true, handoff: viewed ?? found };
  }

  /** An agent takes a queued conversation; of two agents taking it at once, one gets it. */
  async take(id: string, agent: string, displayName: string): Promise<AgentResult> {
    const at = this.deps.clock.now().toISOString();
    const taken = await this.deps.handoffs.update(id, (h) => {
      if (h.status !== 'queued') return false;
      Object.assign(h, { status: 'active', agent, takenAt: at, lastAgentAt: at });
      h.audit.push({ at, by: `agent:${agent}`, action: 'take' });
      h.messages.push({ at, from: 'bot', text: this.deps.texts.taken(displayName) });
    });
    if (!taken) return this.refused(id, '这个对话已经有人接了，或者已经结束');
    await this.tell(taken, this.deps.texts.taken(displayName));
    this.changed(taken);
    return { ok: true, handoff: taken };
  }

  /** The agent's reply: reaches the person through the outbox, delivered at once, under the agent's name. */
  async reply(id: string, agent: string, text: string, displayName = agent): Promise<AgentResult> {
    const at = this.deps.clock.now().toISOString();
    // A store that decides at once (memory, lowdb: the change runs before the write) lets the
    // message go while the transcript is written; a shared one (PostgreSQL) decides under the
    // row lock, and the message goes after.
    let accepted: Handoff | undefined;
    const writing = this.deps.handoffs.update(id, (h) => {
      if (h.status !== 'active' || h.agent !== agent) return false;
      h.messages.push({ at, from: 'agent', text, agent });
      h.lastAgentAt = at;
      delete h.quietToldAt;
      accepted = h;
    });
    const say = (h: Handoff) => this.tell(h, this.deps.texts.agentSays(displayName, text), this.deps.texts.agentName(displayName));
    const telling = accepted && say(accepted);
    const updated = await writing;
    if (!updated) {
      await telling;
      return this.refused(id, '只能回复自己正在接待的对话');
    }
    await (telling ?? say(updated));
    this.changed(updated);
    return { ok: true, handoff: updated };
  }

  /** Ends the conversation, or hands the person back to the bot; the person is told either way. */
  async finish(id: string, agent: string, how: 'ended' | 'handedBack'): Promise<AgentResult> {
    const closed = await this.close(id, how, `agent:${agent}`, (h) => h.status === 'active' && h.agent === agent);
    if (!closed) return this.refused(id, '只能结束自己正在接待的对话');
    await this.tell(closed, how === 'ended' ? this.deps.texts.ended : this.deps.texts.handedBack);
    await this.rate(closed);
    return { ok: true, handoff: closed };
  }

  /** The agent's decision: back in the queue (for a colleague), keeping its place by queue time. */
  async requeue(id: string, agent: string): Promise<AgentResult> {
    const at = this.deps.clock.now().toISOString();
    const updated = await this.deps.handoffs.update(id, (h) => {
      if (h.status !== 'active' || h.agent !== agent) return false;
      h.status = 'queued';
      h.reason = 'agent';
      delete h.agent;
      delete h.takenAt;
      delete h.quietToldAt;
      h.audit.push({ at, by: `agent:${agent}`, action: 'requeue' });
    });
    if (!updated) return this.refused(id, '只能转出自己正在接待的对话');
    await this.tell(updated, this.deps.texts.requeued);
    this.changed(updated);
    return { ok: true, handoff: updated };
  }

  /** The person chose the bot after the agent went quiet: closed, and the rating's question for this turn to say. */
  async backToBot(id: string): Promise<{ handoff: Handoff; rating?: RatingQuestion } | undefined> {
    const closed = await this.close(id, 'timedOut', 'chat', (h) => h.status === 'active');
    if (!closed) return undefined;
    const rating = await this.rate(closed, true);
    return { handoff: closed, ...(rating ? { rating } : {}) };
  }

  /** The person chose a call-back after the agent went quiet: asked for a phone, or booked with the known one. */
  async toCallback(id: string): Promise<RequestOutcome | undefined> {
    const at = this.deps.clock.now().toISOString();
    const updated = await this.deps.handoffs.update(id, (h) => {
      if (h.status !== 'active') return false;
      h.status = 'callback';
      h.audit.push({ at, by: 'chat', action: 'callback' });
    });
    if (!updated) return undefined;
    this.changed(updated);
    const [own] = await this.deps.cases.openCasesOfUser(updated.userKey);
    if (own?.applicant.phone) return { kind: 'callback', handoff: await this.bookCallback(updated, own.applicant.phone), phone: own.applicant.phone };
    return { kind: 'callback', handoff: updated };
  }

  /**
   * Someone who cannot phone: asked for a phone, back in the queue; already queued, kept in their
   * place. Either way the desk sees (once) that the reply must be typed; `said`, the words that said so when they
   * are not kept already (asked for a phone), so the agent sees why.
   */
  async toTyped(id: string, said?: string): Promise<Handoff | undefined> {
    const at = this.deps.clock.now().toISOString();
    const updated = await this.deps.handoffs.update(id, (h) => {
      if (h.status !== 'callback' && h.status !== 'queued') return false;
      if (h.status === 'queued' && h.audit.some((e) => e.action === 'typed-only')) return false;
      h.status = 'queued';
      h.typedOnly = true;
      if (said !== undefined) h.messages.push({ at, from: 'person', text: maskText(said) });
      h.audit.push({ at, by: 'chat', action: 'typed-only' });
    });
    if (updated) this.changed(updated);
    return updated;
  }

  /**
   * The scheduler's tick: a person whose agent has said nothing for the quiet time (while the
   * person waits on them) is told once, and offered the bot or (unless they can only type) a call-back.
   */
  async checkQuiet(): Promise<number> {
    const now = this.deps.clock.now();
    let told = 0;
    for (const h of await this.deps.handoffs.list({ status: ['active'] })) {
      const since = Date.parse(h.lastAgentAt ?? h.takenAt ?? h.queuedAt);
      if (h.quietToldAt || now.getTime() - since < this.deps.quietMs) continue;
      const at = now.toISOString();
      const updated = await this.deps.handoffs.update(h.id, (x) => {
        if (x.status !== 'active' || x.quietToldAt) return false;
        x.quietToldAt = at;
        x.audit.push({ at, by: 'system', action: 'agent-quiet' });
        x.messages.push({ at, from: 'bot', text: this.deps.texts.quiet(x.typedOnly === true) });
      });
      if (!updated) continue;
      await this.tell(updated, this.deps.texts.quiet(updated.typedOnly === true));
      this.changed(updated);
      told += 1;
    }
    return told;
  }

  /** Queued conversations in order with their place. */
  async queue(): Promise<Handoff[]> {
    return this.deps.handoffs.list({ status: ['queued'] });
  }

  /** Place (1 = next) and rough wait of a queued hand-off. */
  async placeOf(handoff: Handoff): Promise<{ position: number; minutes: number }> {
    const queued = await this.queue();
    const position = Math.max(1, queued.findIndex((h) => h.id === handoff.id) + 1);
    const minutes = Math.max(1, Math.ceil((position * this.deps.region.desk.minutesPerPerson) / Math.max(1, this.deps.onDuty())));
    return { position, minutes };
  }

  private async outcomeOf(handoff: Handoff, kind: 'queued' | 'already'): Promise<RequestOutcome> {
    if (handoff.status === 'active') return { kind: 'active', handoff };
    if (handoff.status === 'callback') return { kind: 'callback', handoff };
    return { kind, handoff, ...(await this.placeOf(handoff)) };
  }

  private async bookCallback(handoff: Handoff, phone: string): Promise<Handoff> {
    const call = await this.deps.calls.record(
      {
        callerPhone: phone,
        category: '求助',
        question: `${this.deps.texts.reasonNames[handoff.reason]}（${handoff.id}${handoff.caseNo ? `，办件 ${handoff.caseNo}` : ''}）`,
        answer: this.deps.texts.callbackAnswer,
        followUpNeeded: true,
        agent: 'bot',
      },
      this.deps.clock.now(),
    );
    const closed = await this.close(handoff.id, 'callback', 'chat', (h) => h.status !== 'closed', (h) => void (h.callId = call.id));
    return closed ?? handoff;
  }

  private async close(
    id: string,
    outcome: HandoffOutcome,
    by: string,
    allowed: (h: Handoff) => boolean,
    also?: (h: Handoff) => void,
  ): Promise<Handoff | undefined> {
    const at = this.deps.clock.now().toISOString();
    const closed = await this.deps.handoffs.update(id, (h) => {
      if (!allowed(h)) return false;
      Object.assign(h, { status: 'closed', outcome, closedAt: at });
      h.audit.push({ at, by, action: outcome });
      also?.(h);
    });
    if (closed) this.changed(closed);
    return closed;
  }

  private async refused(id: string, why: string): Promise<AgentResult> {
    const found = await this.deps.handoffs.get(id);
    return found ? { ok: false, status: 409, error: why } : notFound(id);
  }

  /** One message to the person, through the outbox, delivered now. */
  private async tell(h: Handoff, text: string, from?: string): Promise<void> {
    const rows = await this.deps.outbox.enqueue(
      [{ dedupeKey: `handoff:${h.id}:${randomUUID()}`, conversation: h.conversation, recipient: `handoff:${h.userKey}`, text, live: true, ...(from ? { from } : {}), ...(h.caseNo ? { caseNo: h.caseNo } : {}) }],
      this.deps.clock.now(),
    );
    this.deps.deliverNow?.(rows);
  }

  /** The person who talked with an agent is asked for a 好差评: through the outbox, or (`inTurn`) by the question returned. */
  private async rate(h: Handoff, inTurn = false): Promise<RatingQuestion | undefined> {
    if (!this.deps.afterTalk) return undefined;
    const [own] = await this.deps.cases.openCasesOfUser(h.userKey);
    return this.deps.afterTalk(h, own?.applicant.phone, inTurn);
  }

  private changed(h: Handoff): void {
    this.deps.onChange?.(h);
  }
}
