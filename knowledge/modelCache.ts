import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Trained weights by the hash of everything they were trained from. */
export interface ModelCache {
  read(key: string): Buffer | undefined;
  /** Best effort: a cache that cannot be written only means the next start trains again. */
  write(key: string, bytes: Buffer): void;
}

const FILE = /^softmax-[0-9a-f]{64}\.bin$/;

/**
 * The knowledge base's trained linear model in a folder (`DATA_DIR/kb-model/`, owner-only):
 * one file named by the key, so a restart with the same entries, synonyms and training code
 * loads it instead of training; any change gives another key, and the old file is removed
 * when the new one is written.
 */
export class FolderModelCache implements ModelCache {
  constructor(private readonly dir: string) {}

  read(key: string): Buffer | undefined {
    try {
      return readFileSync(join(this.dir, `softmax-${key}.bin`));
    } catch {
      return undefined;
    }
  }

  write(key: string, bytes: Buffer): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const name = `softmax-${key}.bin`;
      const temp = join(this.dir, `.${name}.tmp`);
      writeFileSync(temp, bytes, { mode: 0o600 });
      renameSync(temp, join(this.dir, name));
      for (const other of readdirSync(this.dir)) if (FILE.test(other) && other !== name) rmSync(join(this.dir, other), { force: true });
    } catch {
      // Not kept: the next start trains again, as without a cache.
    }
  }
}
