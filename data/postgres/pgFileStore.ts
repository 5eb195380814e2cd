import { fileIdOf, isFileId, type FileStore } from '../files/fileStore.js';
import type { PgDatabase } from './db.js';

/** Uploaded materials' bytes in the database, so every instance serves every file; ids as on disk. */
export class PgFileStore implements FileStore {
  constructor(private readonly db: PgDatabase) {}

  async put(bytes: Buffer, owner: string): Promise<string> {
    const fileId = fileIdOf(bytes, owner);
    await this.copy(fileId, bytes);
    return fileId;
  }

  /** A file carried over from another store under the id it has there (the lowdb migration). */
  async copy(fileId: string, bytes: Buffer): Promise<void> {
    if (!isFileId(fileId)) throw new RangeError(`not a file id: ${fileId.slice(0, 70)}`);
    await this.db.query('INSERT INTO files (id, bytes) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [fileId, bytes]);
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
