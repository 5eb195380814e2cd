import { checkedLimits, checkedPhone, decideSend, type RateDecision, type SendCounter, type SmsMessage, type SmsRateLimits, type SmsStore } from '../sms.js';
import { validTime } from '../validation.js';
import type { PgDatabase } from './db.js';

/** SmsStore in PostgreSQL: a phone's send count is decided under its row lock, whichever instance sends. */
export class PgSmsStore implements SmsStore {
  constructor(private readonly db: PgDatabase) {}

  async optOut(phone: string, at: Date): Promise<void> {
    validTime(at, 'optOut');
    await this.db.query('INSERT INTO sms_opt_outs (phone, at) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING', [checkedPhone(phone), at.toISOString()]);
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return Boolean((await this.db.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [phone])).rowCount);
  }

  async takeSend(phone: string, at: Date, limits: SmsRateLimits): Promise<RateDecision> {
    checkedPhone(phone);
    const atMs = validTime(at, 'takeSend');
    checkedLimits(limits);
    return this.db.transaction(async (client) => {
      await client.query(`INSERT INTO sms_send_counts (phone, counter) VALUES ($1, 'null') ON CONFLICT (phone) DO NOTHING`, [phone]);
      const { rows } = await client.query<{ counter: SendCounter | null }>('SELECT counter FROM sms_send_counts WHERE phone = $1 FOR UPDATE', [phone]);
      const { decision, next } = decideSend(rows[0].counter ?? undefined, atMs, limits);
      if (next) await client.query('UPDATE sms_send_counts SET counter = $2 WHERE phone = $1', [phone, JSON.stringify(next)]);
      return decision;
    });
  }

  async recordSent(message: { serialNo: string; phone: string; rowId: string }, at: Date): Promise<void> {
    const sent = { serialNo: message.serialNo, phone: checkedPhone(message.phone), rowId: message.rowId, sentAt: new Date(validTime(at, 'recordSent')).toISOString() };
    // A receipt that came first is kept: the two halves are merged.
    await this.db.query(
      `INSERT INTO sms_messages (serial_no, message) VALUES ($1, $2)
       ON CONFLICT (serial_no) DO UPDATE SET message = sms_messages.message || $2`,
      [message.serialNo, JSON.stringify(sent)],
    );
  }

  async recordReceipt(serialNo: string, phone: string, receipt: NonNullable<SmsMessage['receipt']>): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO sms_messages (serial_no, message) VALUES ($1, $2)
       ON CONFLICT (serial_no) DO UPDATE SET message = sms_messages.message || jsonb_build_object('receipt', $3::jsonb)
       WHERE NOT sms_messages.message ? 'receipt'`,
      [serialNo, JSON.stringify({ serialNo, phone: checkedPhone(phone), receipt }), JSON.stringify(receipt)],
    );
    return rowCount === 1;
  }

  async message(serialNo: string): Promise<SmsMessage | undefined> {
    const { rows } = await this.db.query<{ message: SmsMessage }>('SELECT message FROM sms_messages WHERE serial_no = $1', [serialNo]);
    return rows[0]?.message;
  }
}
