import type { ConsoleLease, DeskPresence } from '../deskPresence.js';
import type { PgDatabase } from './db.js';
import { channelOf, listen } from './notifications.js';

/** The desk shared by every instance: leases in `desk_presence`, announcements by NOTIFY. */
export class PgDeskPresence implements DeskPresence {
  private readonly channel: string;

  constructor(private readonly db: PgDatabase) {
    this.channel = channelOf(db, 'desk');
  }

  async hold(consoles: Omit<ConsoleLease, 'until'>[], until: Date, now: Date): Promise<void> {
    await this.db.transaction(async (client) => {
      await client.query('DELETE FROM desk_presence WHERE lease_until <= $1', [now.toISOString()]);
      if (!consoles.length) return;
      await client.query(
        `INSERT INTO desk_presence (stream, agent, lease_until) SELECT * FROM unnest($1::text[], $2::text[]) AS c, (SELECT $3::text) AS u
         ON CONFLICT (stream) DO UPDATE SET lease_until = EXCLUDED.lease_until`,
        [consoles.map((c) => c.stream), consoles.map((c) => c.agent), until.toISOString()],
      );
    });
  }

  async release(stream: string): Promise<void> {
    await this.db.query('DELETE FROM desk_presence WHERE stream = $1', [stream]);
  }

  async list(now: Date): Promise<ConsoleLease[]> {
    const { rows } = await this.db.query<ConsoleLease>('SELECT stream, agent, lease_until AS until FROM desk_presence WHERE lease_until > $1 ORDER BY stream', [now.toISOString()]);
    return rows;
  }

  async announce(origin: string): Promise<void> {
    await this.db.query('SELECT pg_notify($1, $2)', [this.channel, origin]);
  }

  /** While the connection is opened again, announcements are missed: the heartbeat's rebuild catches up. */
  watch(listener: (origin: string) => void): Promise<() => Promise<void>> {
    return listen(this.db, this.channel, listener);
  }
}
