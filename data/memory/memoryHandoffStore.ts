import { MAX_HANDOFF_MESSAGES, OPEN_STATUSES, handoffId, type Handoff, type HandoffStatus, type HandoffStore, type NewHandoff } from '../handoffs.js';
import { MapRecords, type KeyedRecords } from '../keyedRecords.js';
import { validTime } from '../validation.js';

const seqOf = (id: string) => Number(id.slice(2));

/**
 * HandoffStore over records where a backend keeps them (this process only, by default). The
 * open hand-off of each conversation is indexed in memory, rebuilt from the records at open,
 * so the bot's check on every message costs a map lookup.
 */
export class MemoryHandoffStore implements HandoffStore {
  private readonly openByConversation = new Map<string, string>();
  private seq = 0;

  constructor(private readonly records: KeyedRecords<Handoff> = new MapRecords()) {
    for (const [id, h] of records.entries()) {
      this.seq = Math.max(this.seq, seqOf(id));
      if (OPEN_STATUSES.includes(h.status)) this.openByConversation.set(h.conversationKey, id);
    }
  }

  async open(input: NewHandoff, at: Date): Promise<{ handoff: Handoff; created: boolean }> {
    validTime(at, 'open');
    const existing = this.openByConversation.get(input.conversationKey);
    if (existing) return { handoff: structuredClone(this.records.get(existing)!), created: false };
    const { by, ...fields } = JSON.parse(JSON.stringify(input)) as NewHandoff;
    const id = handoffId(++this.seq);
    const handoff: Handoff = {
      ...fields,
      id,
      queuedAt: at.toISOString(),
      messages: fields.messages.slice(-MAX_HANDOFF_MESSAGES),
      audit: [{ at: at.toISOString(), by, action: fields.status === 'queued' ? 'queue' : 'callback', note: fields.reason }],
    };
    if (handoff.caseNo === undefined) delete handoff.caseNo;
    // Indexed before the first await: a second open of the same conversation finds it.
    this.openByConversation.set(handoff.conversationKey, id);
    await this.records.put([[id, handoff]]);
    return { handoff: structuredClone(handoff), created: true };
  }

  async get(id: string): Promise<Handoff | undefined> {
    const h = this.records.get(id);
    return h && structuredClone(h);
  }

  async openFor(conversationKey: string): Promise<Handoff | undefined> {
    const id = this.openByConversation.get(conversationKey);
    return id === undefined ? undefined : this.get(id);
  }

  async update(id: string, change: (h: Handoff) => boolean | void): Promise<Handoff | undefined> {
    const current = this.records.get(id);
    if (!current) return undefined;
    const next = structuredClone(current);
    if (change(next) === false) return undefined;
    next.id = current.id;
    next.conversationKey = current.conversationKey;
    if (next.messages.length > MAX_HANDOFF_MESSAGES) next.messages = next.messages.slice(-MAX_HANDOFF_MESSAGES);
    if (OPEN_STATUSES.includes(next.status)) this.openByConversation.set(next.conversationKey, id);
    else if (this.openByConversation.get(next.conversationKey) === id) this.openByConversation.delete(next.conversationKey);
    // Set synchronously by put before it awaits: a concurrent change sees this one.
    await this.records.put([[id, next]]);
    return structuredClone(next);
  }

  async list(filter: { status?: HandoffStatus[]; since?: Date } = {}): Promise<Handoff[]> {
    const since = filter.since?.toISOString();
    return [...this.records.entries()]
      .map(([, h]) => h)
      .filter((h) => (!filter.status || filter.status.includes(h.status)) && (!since || h.queuedAt >= since))
      .sort((a, b) => seqOf(a.id) - seqOf(b.id))
      .map((h) => structuredClone(h));
  }
}
