import { mkdirSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'onevisit.lock';

/** Who holds a data folder. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** True when `pid` is a running process on this host (one we may not signal still counts). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const describe = (h: LockHolder) => `pid ${h.pid} on host ${h.host}, since ${h.startedAt}`;

/**
 * One writer per lowdb data folder: `<dataDir>/onevisit.lock` names the holder (pid, host,
 * start time). It is created whole and exclusively (written to a private temp file, then
 * hard-linked into place, which fails if the lock exists), owner-only. A lock left by a process
 * that is no longer running on this host is taken over; any other holder stops the start.
 */
export class DataDirLock {
  private constructor(
    private readonly file: string,
    private readonly holder: LockHolder,
  ) {}

  static async acquire(dataDir: string, { onTakeOver }: { onTakeOver?: (stale: LockHolder) => void } = {}): Promise<DataDirLock> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, LOCK_FILE);
    const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    const temp = join(dataDir, `.${LOCK_FILE}.${process.pid}.tmp`);
    await writeFile(temp, JSON.stringify(holder) + '\n', { mode: 0o600 });
    try {
      for (;;) {
        try {
          await link(temp, file);
          return new DataDirLock(file, holder);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const current = await readHolder(file);
        if (!current) continue; // released meanwhile: try again
        if (current.host !== holder.host || current.pid === process.pid || alive(current.pid)) {
          throw new Error(
            `data folder ${dataDir} is in use by another OneVisit process (${describe(current)}). ` +
              `Only one process may write a data folder: stop that one, or set DATA_DIR to another folder. ` +
              `If it is certainly not running (on host ${current.host}), delete ${file}.`,
          );
        }
        onTakeOver?.(current);
        // Only the stale lock seen is removed: if another starter replaced it meanwhile, link fails again.
        if (JSON.stringify(await readHolder(file)) === JSON.stringify(current)) await unlink(file).catch(() => undefined);
      }
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Removes the lock if it is still this process's. */
  async release(): Promise<void> {
    const current = await readHolder(this.file);
    if (current && current.pid === this.holder.pid && current.startedAt === this.holder.startedAt) await unlink(this.file).catch(() => undefined);
  }
}

/** The holder named in the lock file; undefined when there is none. */
async function readHolder(file: string): Promise<LockHolder | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    if (Number.isInteger(h.pid) && typeof h.host === 'string' && typeof h.startedAt === 'string') return h;
  } catch {
    // reported below
  }
  throw new Error(`${file} is not a OneVisit lock file; if no OneVisit process uses this folder, delete it`);
}
