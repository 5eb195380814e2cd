import { fileIdOf, isFileId, type FileStore } from '../files/fileStore.js';

/** The reference FileStore: bytes in a Map, ids as on disk. */
export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, Buffer>();

  async put(bytes: Buffer, owner: string): Promise<string> {
    const fileId = fileIdOf(bytes, owner);
    this.files.set(fileId, Buffer.from(bytes));
    return fileId;
  }

  async get(fileId: string): Promise<Buffer | undefined> {
    const bytes = isFileId(fileId) ? this.files.get(fileId) : undefined;
    return bytes && Buffer.from(bytes);
  }

  async delete(fileId: string): Promise<void> {
    this.files.delete(fileId);
  }
}
