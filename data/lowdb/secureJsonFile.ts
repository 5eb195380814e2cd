import { mkdirSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
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

export interface JsonFileOptions {
  /**
   * fsync the file before the rename and the folder after it: survives an OS crash or power
   * loss, at a few milliseconds a write. Without it a write still survives a crash of the process (the rename is atomic).
   */
  fsync: boolean;
}

/**
 * lowdb adapter that keeps data owner-only (0600 in a 0700 folder) and writes atomically:
 * temp file, optional fsync, rename. Writes that arrive while one is in flight are coalesced
 * into the next one, so a burst of updates costs two file writes, not one per update.
 */
export class SecureJsonFile<T> implements Adapter<T> {
  private readonly temp: string;
  private inFlight: Promise<void> | null = null;
  private pending: { data: T; waiters: { resolve(): void; reject(e: unknown): void }[] } | null = null;

  constructor(
    private readonly file: string,
    private readonly options: JsonFileOptions = { fsync: true },
  ) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.temp = join(dirname(file), `.${basename(file)}.tmp`);
  }

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
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
    await rename(this.temp, this.file);
    if (this.options.fsync) await fsyncFolder(dirname(this.file));
  }
}
