import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PgDatabase } from './db.js';

/** The plain SQL files, applied in name order: data/postgres/migrations (beside the sources, not in dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../data/postgres/migrations/', import.meta.url));

/**
 * Applies the migrations not applied yet, in one transaction under an advisory lock: instances
 * starting together wait for the first one, then find nothing left to do. Resolves to the
 * names applied now.
 */
export async function migrate(db: PgDatabase, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_[\w-]+\.sql$/.test(f)).sort();
  return db.transaction(async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('onevisit-migrate:' || $1))`, [db.schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${db.schema}.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ name: string }>(`SELECT name FROM ${db.schema}.schema_migrations`)).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await client.query(await readFile(`${dir}/${file}`, 'utf8'));
      await client.query(`INSERT INTO ${db.schema}.schema_migrations (name) VALUES ($1)`, [file]);
      applied.push(file);
    }
    return applied;
  });
}
