import { createHash } from 'node:crypto';
/**
 * Uploaded materials' bytes, content-addressed: the id is the SHA-256 of the stored bytes, so the
 * same photo sent twice is kept once and an id cannot be guessed from a case or a name. What a
 * file is for (case, material, status) lives with the case; this store only keeps bytes.
 */
export interface FileStore {
  /**
   * Stores the bytes (already inspected and re-encoded) for their owner (a case number) and
   * returns their id, `fileIdOf(bytes, owner)`: the same file sent twice for one case is kept
   * once; two cases sending the same bytes (a household's 户口簿) each have their own, so
   * erasing one never takes the other's.
   */
  put(bytes: Buffer, owner: string): Promise<string>;
  get(fileId: string): Promise<Buffer | undefined>;
  delete(fileId: string): Promise<void>;
}

/** A file's id: the SHA-256 of its owner and its bytes. */
export const fileIdOf = (bytes: Buffer, owner: string) => createHash('sha256').update(owner).update('\n').update(bytes).digest('hex');

/** A file id is 64 lowercase hex characters; anything else never reaches a path. */
export const isFileId = (id: string) => /^[0-9a-f]{64}$/.test(id);
