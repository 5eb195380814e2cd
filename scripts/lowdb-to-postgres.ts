import { resolve } from 'node:path';
import { projectRoot } from '../bot/paths.js';
import { lowdbToPostgres } from './lowdbToPostgres.js';

// npm run migrate:lowdb-to-postgres: DATA_DIR (default .data/) into DATABASE_URL. Stop the bot first.
const dataDir = resolve(process.env.DATA_DIR || resolve(projectRoot, '.data'));
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is needed: DATABASE_URL=postgres://onevisit:…@db:5432/onevisit DATA_DIR=… npm run migrate:lowdb-to-postgres');
  process.exit(1);
}
try {
  const started = Date.now();
  const counts = await lowdbToPostgres(dataDir, url);
  console.log(`Copied ${dataDir} into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  for (const [what, n] of Object.entries(counts)) console.log(`  ${what.padEnd(15)} ${n}`);
  console.log('Now start every instance with STORE=postgres and this DATABASE_URL.');
} catch (err) {
  console.error(`Migration failed: ${(err as Error).message}`);
  process.exit(1);
}
