import { createHash } from 'node:crypto';
import { isFileId, type FileStore } from '../files/fileStore.js';
import type { PgDatabase } from './db.js';

/** Uploaded materials' bytes in the database, so every instance serves every file; ids as on disk. */
export class PgFileStore implements FileStore {
  constructor(private readonly db: PgDatabase) {}

  async put(bytes: Buffer): Promise<string> {
    const fileId = createHash('sha256').update(bytes).digest('hex');
    await this.db.query('INSERT INTO files (id, bytes) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [fileId, bytes]);
    return fileId;
  }

  async get(fileId: string): Promise<Buffer | undefined> {
    if (!isFileId(fileId)) return undefined;
    const { rows } = await this.db.query<{ bytes: Buffer }>('SELECT bytes FROM files WHERE id = $1', [fileId]);
    return rows[0]?.bytes;
  }

  async delete(fileId: string): Promise<void> {
    await this.db.query('DELETE FROM files WHERE id = $1', [fileId]);
  }
}
