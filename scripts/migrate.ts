import { PgDatabase } from '../data/postgres/db.js';
import { migrate } from '../data/postgres/migrate.js';

// npm run migrate: applies the SQL migrations to DATABASE_URL (instances also do it at start-up).
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is needed: DATABASE_URL=postgres://onevisit:…@db:5432/onevisit npm run migrate');
  process.exit(1);
}
const db = new PgDatabase(url);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} catch (err) {
  console.error(`Migration failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
