import type { DraftStore, StoredDraft } from '../stores.js';
import type { PgDatabase } from './db.js';

/** Half-filled forms of one kind (`form`), one row per user. */
export class PgDraftStore<T> implements DraftStore<T> {
  constructor(
    private readonly db: PgDatabase,
    private readonly form: string,
  ) {}

  async get(userKey: string): Promise<StoredDraft<T> | undefined> {
    const { rows } = await this.db.query<{ draft: T; updated_at: string }>('SELECT draft, updated_at FROM drafts WHERE form = $1 AND user_key = $2', [this.form, userKey]);
    return rows[0] && { draft: rows[0].draft, updatedAt: rows[0].updated_at };
  }

  async save(userKey: string, draft: T, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO drafts (form, user_key, draft, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (form, user_key) DO UPDATE SET draft = $3, updated_at = $4`,
      [this.form, userKey, JSON.stringify(draft), at.toISOString()],
    );
  }

  async delete(userKey: string): Promise<void> {
    await this.db.query('DELETE FROM drafts WHERE form = $1 AND user_key = $2', [this.form, userKey]);
  }
}
