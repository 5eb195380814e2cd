import { MAX_HANDOFF_MESSAGES, OPEN_STATUSES, handoffId, type Handoff, type HandoffStatus, type HandoffStore, type NewHandoff } from '../handoffs.js';
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
    const { by, ...fields } = JSON.parse(JSON.stringify(input)) as NewHandoff;
    const handoff: Handoff = {
      ...fields,
      id: handoffId(this.records.nextSeq()),
      queuedAt: at.toISOString(),
      messages: fields.messages.slice(-MAX_HANDOFF_MESSAGES),
      audit: [{ at: at.toISOString(), by, action: fields.status === 'queued' ? 'queue' : 'callback', note: fields.reason }],
    };
    if (handoff.caseNo === undefined) delete handoff.caseNo;
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
    return this.records.update(id, change, (h) => {
      if (h.messages.length > MAX_HANDOFF_MESSAGES) h.messages = h.messages.slice(-MAX_HANDOFF_MESSAGES);
    });
  }

  async list(filter: { status?: HandoffStatus[]; since?: Date } = {}): Promise<Handoff[]> {
    const since = filter.since?.toISOString();
    return this.records.list((h) => (!filter.status || filter.status.includes(h.status)) && (!since || h.queuedAt >= since));
  }
}
