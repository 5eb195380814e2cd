import pg from 'pg';
import type { PgDatabase } from './db.js';

/** A NOTIFY channel of this deployment: one per schema, so two deployments (or test places) never wake each other. */
export const channelOf = (db: PgDatabase, topic: string) => `onevisit_${topic}_${db.schema}`;

/**
 * Calls `listener` with the payload of every NOTIFY on `channel`, from any instance (LISTEN on a
 * connection of its own, outside the pool; a lost connection is opened again after a second).
 * Resolves to the function that stops listening.
 */
export async function listen(db: PgDatabase, channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: db.url });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload) listener(message.payload);
    });
    next.on('error', () => {
      // Notifications sent in between wake nobody here: each listener says what catches it up.
      void next.end().catch(() => undefined);
      const retry = () => {
        if (!stopped) connect().catch(() => setTimeout(retry, 1000).unref());
      };
      if (!stopped) setTimeout(retry, 1000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}
