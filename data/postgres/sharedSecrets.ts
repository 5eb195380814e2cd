import { createHmac } from 'node:crypto';
import type { PgDatabase } from './db.js';

/** A keyed digest: the database learns whether two instances hold the same secret, not the secret. */
const fingerprint = (name: string, value: string | undefined) =>
  value === undefined ? 'unset' : createHmac('sha256', 'onevisit shared secret fingerprint').update(`${name}\0${value}`).digest('hex');

/**
 * Instances on one database must hold the same secrets (a Direct Line token minted by one is
 * checked by another; an admin logs in on whichever instance the proxy picks). The first
 * instance records each secret's fingerprint; a later one whose secrets differ is refused.
 */
export async function checkSharedSecrets(db: PgDatabase, secrets: Record<string, string | undefined>): Promise<void> {
  const names = Object.keys(secrets).sort();
  if (!names.length) return;
  const differ = await db.transaction(async (client) => {
    for (const name of names) {
      await client.query('INSERT INTO shared_secrets (name, fingerprint) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, fingerprint(name, secrets[name])]);
    }
    const { rows } = await client.query<{ name: string; fingerprint: string }>('SELECT name, fingerprint FROM shared_secrets WHERE name = ANY($1)', [names]);
    return rows.filter((r) => r.fingerprint !== fingerprint(r.name, secrets[r.name])).map((r) => r.name);
  });
  if (differ.length) {
    throw new Error(
      `${differ.join(', ')} differ${differ.length === 1 ? 's' : ''} from what the other instances on this database use: give every instance the same values ` +
        `(after changing one on purpose, stop every instance and run DELETE FROM shared_secrets)`,
    );
  }
}
