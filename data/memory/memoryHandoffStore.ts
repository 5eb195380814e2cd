import { OPEN_STATUSES, newHandoff, trimMessages, type Handoff, type HandoffStatus, type HandoffStore, type NewHandoff } from '../handoffs.js';
import { MapRecords, type KeyedRecords } from '../keyedRecords.js';
import { validTime } from '../validation.js';
import { ConversationRecords } from './conversationRecords.js';

/** HandoffStore over records where a backend keeps them (this process only, by default). */
export class MemoryHandoffStore implements HandoffStore {
  private readonly records: ConversationRecords<Handoff>;

  constructor(records: KeyedRecords<Handoff> = new MapRecords()) {
    this.records = new ConversationRecords(records, (h) => OPEN_STATUSES.includes(h.status));
  }

  async open(input: NewHandoff, at: Date): Promise<{ handoff: Handoff; created: boolean }> {
    validTime(at, 'open');
    const existing = this.records.openId(input.conversationKey);
    if (existing) return { handoff: structuredClone(this.records.stored(existing)!), created: false };
    const handoff = newHandoff(input, this.records.nextSeq(), at);
    // Indexed before the first await: a second open of the same conversation finds it.
    await this.records.put([handoff]);
    return { handoff: structuredClone(handoff), created: true };
  }

  async get(id: string): Promise<Handoff | undefined> {
    const h = this.records.stored(id);
    return h && structuredClone(h);
  }

  async openFor(conversationKey: string): Promise<Handoff | undefined> {
    const id = this.records.openId(conversationKey);
    return id === undefined ? undefined : this.get(id);
  }

  update(id: string, change: (h: Handoff) => boolean | void): Promise<Handoff | undefined> {
    return this.records.update(id, change, trimMessages);
  }

  async list(filter: { status?: HandoffStatus[]; since?: Date; conversationKey?: string } = {}): Promise<Handoff[]> {
    const since = filter.since?.toISOString();
    return this.records.list(
      (h) => (!filter.status || filter.status.includes(h.status)) && (!since || h.queuedAt >= since) && (!filter.conversationKey || h.conversationKey === filter.conversationKey),
    );
  }
}
