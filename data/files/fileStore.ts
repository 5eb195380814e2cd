/**
 * Uploaded materials' bytes, content-addressed: the id is the SHA-256 of the stored bytes, so the
 * same photo sent twice is kept once and an id cannot be guessed from a case or a name. What a
 * file is for (case, material, status) lives with the case; this store only keeps bytes.
 */
export interface FileStore {
  /** Stores the bytes (already inspected and re-encoded) and returns their id. */
  put(bytes: Buffer): Promise<string>;
  get(fileId: string): Promise<Buffer | undefined>;
  delete(fileId: string): Promise<void>;
}

/** A file id is 64 lowercase hex characters; anything else never reaches a path. */
export const isFileId = (id: string) => /^[0-9a-f]{64}$/.test(id);
