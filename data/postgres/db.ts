import pg from 'pg';

/** SQLSTATEs worth one more try: the transaction was chosen as a victim, nothing was changed. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_TRIES = 5;

/** A pool or a client in a transaction: what a query helper needs. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** A schema name that can be written into SQL as it is (tests use one schema per store "place"). */
export function checkedSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a plain PostgreSQL schema name: ${schema}`);
  return schema;
}

/**
 * One PostgreSQL database (and schema) shared by every bot instance: a kept pool, and
 * transactions that retry when PostgreSQL aborts one of two racing writers (deadlock,
 * serialization failure), so callers only ever see a real error.
 */
export class PgDatabase {
  readonly pool: pg.Pool;

  constructor(
    readonly url: string,
    readonly schema = 'public',
    options: { max?: number; idleTimeoutMillis?: number } = {},
  ) {
    checkedSchema(schema);
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
      // Unqualified table names resolve in this schema only.
      options: `-c search_path=${schema}`,
    });
    // An idle client losing its server (a restart) must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, params);
  }

  /** Runs `work` in one transaction (READ COMMITTED, row locks where it takes them). */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (attempt < MAX_TRIES && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
        throw err;
      } finally {
        client.release();
      }
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
