import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SecureJsonFile, type CorruptFilePolicy } from './secureJsonFile.js';

const SHARD_FILE = /^shard-\d{3}\.json$/;

/**
 * Records of a folder written before the append-only layout: `shard-NNN.json` files, each an
 * object by key. Read once by the store that replaces them; a damaged one stops the open
 * (naming it and its `.prev`) unless the records can be rebuilt (`onCorrupt`).
 */
export async function readLegacyShards<T>(dir: string, onCorrupt?: CorruptFilePolicy): Promise<{ files: string[]; records: [string, T][] }> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => SHARD_FILE.test(name)).sort();
  const records: [string, T][] = [];
  for (const name of names) {
    const data = await new SecureJsonFile<Record<string, T>>(join(dir, name), { fsync: false, onCorrupt }).read();
    // A loop, not push(...entries): a large shard would overflow the call stack as arguments.
    for (const entry of Object.entries(data ?? {})) records.push(entry);
  }
  return { files: names.map((name) => join(dir, name)), records };
}

/** Deletes the legacy files (and their `.prev` copies) once their records are safely in the new layout. */
export async function removeLegacyShards(files: string[]): Promise<void> {
  const ignoreMissing = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  };
  for (const file of files) {
    await unlink(file).catch(ignoreMissing);
    await unlink(`${file}.prev`).catch(ignoreMissing);
  }
}
