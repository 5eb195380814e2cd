import { mkdirSync } from 'node:fs';
import { access, copyFile, link, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** Makes a rename or a new file's name durable (power loss, not only a process crash). */
export async function fsyncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // folders cannot be opened for sync there
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Data that can be rebuilt (chat state, job dates): an unreadable file is renamed
 * `<file>.corrupt-<time>`, reported through `setAside`, and the store starts empty.
 */
export interface CorruptFilePolicy {
  setAside(file: string, movedTo: string, reason: string): void;
}

/** Sets a damaged file aside with a line on stderr (stores opened without a logger). */
export const setAsideToStderr: CorruptFilePolicy = {
  setAside: (file, movedTo, reason) => console.error(`${file} was damaged (${reason}); set aside as ${movedTo}, starting it empty`),
};

export interface JsonFileOptions {
  /**
   * fsync the file before the rename and the folder after it: survives an OS crash or power
   * loss, at a few milliseconds a write. Without it a write still survives a crash of the process (the rename is atomic).
   */
  fsync: boolean;
  /** Absent: an unreadable file stops the start (data that must never be dropped silently). */
  onCorrupt?: CorruptFilePolicy;
}

/** A data file that cannot be read: says which and how to restore the last good copy. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    previousExists: boolean,
  ) {
    const prev = `${file}.prev`;
    super(
      `${file} is damaged (${reason}); OneVisit did not start, so that nothing in it is lost. ` +
        (previousExists
          ? `The copy before its last change is ${prev}: stop OneVisit, move the damaged file aside (mv "${file}" "${file}.damaged"), restore the copy (cp "${prev}" "${file}") and start again.`
          : `No earlier copy is beside it: restore it from a backup, or move it aside to start without its records.`),
    );
    this.name = 'CorruptFileError';
  }
}

const exists = (path: string) => access(path).then(() => true, () => false);
const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * lowdb adapter that keeps data owner-only (0600 in a 0700 folder) and writes atomically:
 * temp file, optional fsync, rename. Writes that arrive while one is in flight are coalesced
 * into the next one, so a burst of updates costs two file writes, not one per update. Unless
 * the data can be set aside when damaged, the file being replaced is kept as `<file>.prev`
 * (a hard link: no copy), the last good version a damaged file can be restored from.
 */
export class SecureJsonFile<T> implements Adapter<T> {
  private readonly temp: string;
  private readonly previous: string;
  private inFlight: Promise<void> | null = null;
  private pending: { data: T; waiters: { resolve(): void; reject(e: unknown): void }[] } | null = null;

  constructor(
    private readonly file: string,
    private readonly options: JsonFileOptions = { fsync: true },
  ) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.temp = join(dirname(file), `.${basename(file)}.tmp`);
    this.previous = `${file}.prev`;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let data: unknown;
    let reason = 'not a JSON object';
    try {
      data = JSON.parse(text);
    } catch (err) {
      reason = `not valid JSON: ${(err as Error).message}`;
    }
    if (isRecord(data)) return data as T;
    const policy = this.options.onCorrupt;
    if (!policy) throw new CorruptFileError(this.file, reason, await exists(this.previous));
    const movedTo = `${this.file}.corrupt-${new Date().toISOString().replaceAll(':', '')}`;
    await rename(this.file, movedTo);
    policy.setAside(this.file, movedTo, reason);
    return null;
  }

  write(data: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending) {
        this.pending.data = data;
        this.pending.waiters.push({ resolve, reject });
      } else {
        this.pending = { data, waiters: [{ resolve, reject }] };
      }
      if (!this.inFlight) this.flush();
    });
  }

  private flush(): void {
    const batch = this.pending;
    if (!batch) return;
    this.pending = null;
    // Serialize now: later in-memory changes must not leak into this write half-done.
    const text = JSON.stringify(batch.data);
    this.inFlight = this.writeAtomically(text).then(
      () => batch.waiters.forEach((w) => w.resolve()),
      (err) => batch.waiters.forEach((w) => w.reject(err)),
    ).finally(() => {
      this.inFlight = null;
      this.flush();
    });
  }

  private async writeAtomically(text: string): Promise<void> {
    const handle = await open(this.temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      if (this.options.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    if (!this.options.onCorrupt) await this.keepPrevious();
    await rename(this.temp, this.file);
    if (this.options.fsync) await fsyncFolder(dirname(this.file));
  }

  /** `<file>.prev` becomes the version about to be replaced (absent before the first write). */
  private async keepPrevious(): Promise<void> {
    const ignoreMissing = (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    };
    await unlink(this.previous).catch(ignoreMissing);
    await link(this.file, this.previous).catch((err: NodeJS.ErrnoException) =>
      // A file system without hard links gets a copy (same owner-only mode).
      err.code === 'ENOENT' ? undefined : copyFile(this.file, this.previous).catch(ignoreMissing),
    );
  }
}
