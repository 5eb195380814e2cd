import { MapRecords, type KeyedRecords } from '../keyedRecords.js';
import { checkedLimits, checkedPhone, decideSend, type RateDecision, type SendCounter, type SmsMessage, type SmsRateLimits, type SmsStore } from '../sms.js';
import { validTime } from '../validation.js';

/** One record per key: `optout:<phone>`, `rate:<phone>`, `msg:<serialNo>`. */
export type SmsRecord = { optedOutAt: string } | SendCounter | SmsMessage;

/** Everything an SmsStore keeps, as the lowdb migration copies it. */
export interface SmsSnapshot {
  optOuts: { phone: string; at: string }[];
  counters: { phone: string; counter: SendCounter }[];
  messages: SmsMessage[];
}

/**
 * SmsStore over records where a backend keeps them: opt-outs in `optOuts` (lowdb: fsynced, a
 * TD must outlive a power cut), send counts and messages in `records` (written on every send;
 * a count lost to a power cut lets at most one more SMS through). Each call reads and changes
 * the records with no await in between, so a rate decision is atomic within the process.
 */
export class MemorySmsStore implements SmsStore {
  constructor(
    private readonly records: KeyedRecords<SmsRecord> = new MapRecords(),
    private readonly optOuts: KeyedRecords<SmsRecord> = records,
  ) {}

  snapshot(): SmsSnapshot {
    const found: SmsSnapshot = { optOuts: [], counters: [], messages: [] };
    const sources = this.optOuts === this.records ? [this.records] : [this.optOuts, this.records];
    for (const [key, value] of sources.flatMap((s) => [...s.entries()])) {
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      if (kind === 'optout') found.optOuts.push({ phone: id, at: (value as { optedOutAt: string }).optedOutAt });
      else if (kind === 'rate') found.counters.push({ phone: id, counter: structuredClone(value as SendCounter) });
      else if (kind === 'msg') found.messages.push(structuredClone(value as SmsMessage));
    }
    return found;
  }

  async optOut(phone: string, at: Date): Promise<void> {
    validTime(at, 'optOut');
    await this.optOuts.put([[`optout:${checkedPhone(phone)}`, { optedOutAt: at.toISOString() }]]);
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return this.optOuts.get(`optout:${phone}`) !== undefined;
  }

  async takeSend(phone: string, at: Date, limits: SmsRateLimits): Promise<RateDecision> {
    const key = `rate:${checkedPhone(phone)}`;
    const { decision, next } = decideSend(this.records.get(key) as SendCounter | undefined, validTime(at, 'takeSend'), checkedLimits(limits));
    if (next) await this.records.put([[key, next]]);
    return decision;
  }

  async recordSent(message: { serialNo: string; phone: string; rowId: string }, at: Date): Promise<void> {
    const key = `msg:${message.serialNo}`;
    const known = this.records.get(key) as SmsMessage | undefined;
    await this.records.put([[key, { ...known, serialNo: message.serialNo, phone: checkedPhone(message.phone), rowId: message.rowId, sentAt: new Date(validTime(at, 'recordSent')).toISOString() }]]);
  }

  async recordReceipt(serialNo: string, phone: string, receipt: NonNullable<SmsMessage['receipt']>): Promise<boolean> {
    const key = `msg:${serialNo}`;
    const known = this.records.get(key) as SmsMessage | undefined;
    if (known?.receipt) return false;
    await this.records.put([[key, { ...known, serialNo, phone: known?.phone ?? checkedPhone(phone), receipt: structuredClone(receipt) }]]);
    return true;
  }

  async message(serialNo: string): Promise<SmsMessage | undefined> {
    const found = this.records.get(`msg:${serialNo}`) as SmsMessage | undefined;
    return found && structuredClone(found);
  }
}
