import type { ConversationReference } from 'botbuilder';

/**
 * Hand-offs from the bot to a person at the 12345 desk: the queue, the live conversations and
 * their outcome, kept in the store so a restart loses neither the queue nor a conversation.
 */

/** asked: the person said 转人工; stuck: a flow failed twice; agent: an agent put it back in the queue. */
export const HANDOFF_REASONS = ['asked', 'stuck', 'agent'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/**
 * queued: waiting for an agent; active: an agent is talking; callback: the desk is closed or
 * nobody is on duty, waiting for the person's phone number; closed: over (see `outcome`).
 */
export type HandoffStatus = 'queued' | 'active' | 'callback' | 'closed';

/** ended / handedBack: by the agent; left: 不用了; callback: a call-back was booked; timedOut: the person went back to the bot after the agent was quiet. */
export type HandoffOutcome = 'ended' | 'handedBack' | 'left' | 'callback' | 'timedOut';

export interface HandoffMessage {
  at: string;
  from: 'person' | 'agent' | 'bot';
  text: string;
  /** The agent's login name, on an agent's message. */
  agent?: string;
  /** Files the person sent with (or as) the message: a photo carries no words, the desk still sees it came. */
  files?: HandoffFile[];
}

/** A file the person sent, as the desk sees it: whether it is a photo, and its name (masked). */
export interface HandoffFile {
  photo: boolean;
  name?: string;
}

export interface HandoffAuditEntry {
  at: string;
  /** `agent:<name>`, `chat` (the person) or `system`. */
  by: string;
  action: string;
  note?: string;
}

export interface Handoff {
  /** HO + an 8-digit sequence in queue order. */
  id: string;
  /** channelId + ':' + conversation id: one open hand-off per conversation. */
  conversationKey: string;
  userKey: string;
  channel: string;
  /** Where the agent's replies go (the same proactive path as status updates). */
  conversation: Partial<ConversationReference>;
  reason: HandoffReason;
  caseNo?: string;
  status: HandoffStatus;
  queuedAt: string;
  agent?: string;
  takenAt?: string;
  lastAgentAt?: string;
  /** Set when the person was told the agent is quiet; cleared by the agent's next message. */
  quietToldAt?: string;
  closedAt?: string;
  outcome?: HandoffOutcome;
  /** The recent messages of the conversation while it was handed off (and what led to it), at most MAX_HANDOFF_MESSAGES. */
  messages: HandoffMessage[];
  audit: HandoffAuditEntry[];
  /** The 回访 call record made for it, if any. */
  callId?: string;
  /** The person cannot phone (deaf, no speech) or asked for a typed answer: the desk answers in writing. */
  typedOnly?: boolean;
}

export type NewHandoff = Pick<Handoff, 'conversationKey' | 'userKey' | 'channel' | 'conversation' | 'reason' | 'caseNo' | 'status' | 'messages' | 'typedOnly'> & { by: string };

export const MAX_HANDOFF_MESSAGES = 100;
export const OPEN_STATUSES: readonly HandoffStatus[] = ['queued', 'active', 'callback'];

export interface HandoffStore {
  /**
   * Opens a hand-off for the conversation, or returns the one already open there (`created`
   * false): a second 转人工 never queues twice.
   */
  open(input: NewHandoff, at: Date): Promise<{ handoff: Handoff; created: boolean }>;
  get(id: string): Promise<Handoff | undefined>;
  /** The open (queued, active or callback) hand-off of a conversation. */
  openFor(conversationKey: string): Promise<Handoff | undefined>;
  /**
   * Changes one hand-off atomically: `change` gets a copy and returns false to leave it as it
   * was (a take that lost the race, say). Resolves to the stored result, or undefined when the
   * id is unknown or the change was refused. In a store of this process (memory, lowdb) `change`
   * runs before `update` first waits, so a caller knows the decision at once and can act on it
   * while the change is written; a shared store (PostgreSQL) runs it under the row's lock.
   */
  update(id: string, change: (h: Handoff) => boolean | void): Promise<Handoff | undefined>;
  /** Hand-offs in queue order (oldest first), by status, queued since a time, and/or of one conversation. */
  list(filter?: { status?: HandoffStatus[]; since?: Date; conversationKey?: string }): Promise<Handoff[]>;
}

export const handoffId = (seq: number) => `HO${String(seq).padStart(8, '0')}`;

/** A new hand-off's stored form, numbered `seq`, with its first audit line. */
export function newHandoff(input: NewHandoff, seq: number, at: Date): Handoff {
  const { by, ...fields } = JSON.parse(JSON.stringify(input)) as NewHandoff;
  const handoff: Handoff = {
    ...fields,
    id: handoffId(seq),
    queuedAt: at.toISOString(),
    messages: fields.messages.slice(-MAX_HANDOFF_MESSAGES),
    audit: [{ at: at.toISOString(), by, action: fields.status === 'queued' ? 'queue' : 'callback', note: fields.reason }],
  };
  if (handoff.caseNo === undefined) delete handoff.caseNo;
  return handoff;
}

/** Keeps the last MAX_HANDOFF_MESSAGES messages (after a change added some). */
export function trimMessages(h: Handoff): void {
  if (h.messages.length > MAX_HANDOFF_MESSAGES) h.messages = h.messages.slice(-MAX_HANDOFF_MESSAGES);
}
