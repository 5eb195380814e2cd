import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncFolder } from '../lowdb/secureJsonFile.js';
import { fileIdOf, isFileId, type FileStore } from './fileStore.js';

/**
 * Files under DATA_DIR/files/ab/abcdef…: owner-only (0600 in 0700 folders), written to a temp
 * file, fsynced and renamed, so a crash leaves either the whole file or none.
 */
export class DiskFileStore implements FileStore {
  private constructor(private readonly dir: string) {}

  static open(dataDir: string): DiskFileStore {
    const dir = join(dataDir, 'files');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new DiskFileStore(dir);
  }

  async put(bytes: Buffer, owner: string): Promise<string> {
    const fileId = fileIdOf(bytes, owner);
    const folder = join(this.dir, fileId.slice(0, 2));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temp = join(folder, `.${fileId}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(folder, fileId));
    await fsyncFolder(folder);
    return fileId;
  }

  async get(fileId: string): Promise<Buffer | undefined> {
    if (!isFileId(fileId)) return undefined;
    try {
      return await readFile(this.path(fileId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(fileId: string): Promise<void> {
    if (isFileId(fileId)) await rm(this.path(fileId), { force: true });
  }

  private path(fileId: string): string {
    return join(this.dir, fileId.slice(0, 2), fileId);
  }
}
