import { closeSync, fdatasync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { fsyncFolder, type CorruptFilePolicy } from './secureJsonFile.js';
import { open, readdir, readFile, rename, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Where one record's line sits: segment file number, byte offset and byte length (newline excluded). */
export interface LogPosition {
  segment: number;
  offset: number;
  length: number;
}

export interface AppendLogOptions {
  /** A new segment file is started once the current one would grow past this many bytes. */
  segmentBytes: number;
  /** fsync every append (and the folder when a segment is created): survives power loss, not only a crash. */
  fsync: boolean;
  /**
   * Records that can be rebuilt (chat state): a segment with a damaged line is renamed
   * `<segment>.corrupt-<time>` after the records before that line, reported, and the log opens.
   * Absent: a damaged line stops the open.
   */
  onCorrupt?: CorruptFilePolicy;
  /**
   * Where the records not yet seen start (an index saved beside the log covers what is
   * before): earlier segments are not read, and this one from that byte on.
   */
  skipTo?: { segment: number; offset: number };
}

const SEGMENT_FILE = /^(\d{6,})\.jsonl$/;
const segmentName = (n: number) => `${String(n).padStart(6, '0')}.jsonl`;
async function setAside(file: string, reason: string, policy: CorruptFilePolicy): Promise<void> {
  const movedTo = `${file}.corrupt-${new Date().toISOString().replaceAll(':', '')}`;
  await rename(file, movedTo);
  policy.setAside(file, movedTo, reason);
}

/** What to do about a damaged line: the records are written once, so there is no earlier copy. */
const REPAIR = '. The log was not opened, so nothing in it is lost: stop OneVisit, repair that line (one JSON object) from a backup or by hand, and start again';


const datasync = promisify(fdatasync);

/** An append written and waiting for an fsync to cover it. */
interface Waiter {
  positions: LogPosition[];
  resolve(positions: LogPosition[]): void;
  reject(err: unknown): void;
}

/**
 * Records written once and rarely read again (an archive), one JSON object per line in numbered
 * segment files (`000001.jsonl`, ...), owner-only. An append writes only the new lines, so its
 * cost does not grow with what is stored.
 *
 * The lines are written at once, synchronously, into the file (the operating system's cache:
 * microseconds for a few KB), so an append costs no trip through the thread pool and no turn of
 * a busy event loop; only the fsync is waited for, and every append written while one fsync runs
 * is covered by the next (one fsync for the group). An append that needs no fsync of its own
 * resolves as soon as it is written.
 *
 * A crash can cut the last append short: the incomplete line at the end of the last segment is
 * removed at the next open (that append never resolved, so nobody relied on it). One process per
 * folder.
 */
export class AppendLog<T> {
  /** Appends written since the running fsync began: the next fsync covers them. */
  private waiting: Waiter[] = [];
  /** Bytes in every segment (lines and their newlines): what compaction weighs against the live records. */
  private bytes = 0;
  /** Set when a failed write could not be undone or an fsync failed: appending after it could lose or corrupt records. */
  private broken: Error | null = null;
  /** The segment being appended to, open while appends keep coming (closed once the log is idle). */
  private current: { segment: number; fd: number } | null = null;
  /** Earlier segments' descriptors, still to be covered by an fsync (fsync logs), then closed. */
  private retired: number[] = [];
  /** Lines written to `current` since the last fsync began. */
  private dirty = false;
  /** A segment file was created since the last fsync began: the folder is synced too. */
  private created = false;
  private syncing: Promise<void> | null = null;
  private closeScheduled = false;

  private constructor(
    private readonly dir: string,
    private readonly options: AppendLogOptions,
    private segment: number,
    private size: number,
  ) {}

  /** Opens (creating if absent) the log in `dir`, handing every stored record to `onRecord` in order. */
  static async open<T>(dir: string, options: AppendLogOptions, onRecord: (record: T, position: LogPosition) => void): Promise<AppendLog<T>> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const segments = (await readdir(dir))
      .map((name) => SEGMENT_FILE.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    let size = 0;
    let total = 0;
    let next = segments.at(-1) ?? 1;
    const skipTo = options.skipTo ?? { segment: 0, offset: 0 };
    for (const [i, segment] of segments.entries()) {
      const file = join(dir, segmentName(segment));
      const last = i === segments.length - 1;
      if (segment < skipTo.segment && !last) {
        total += (await stat(file)).size;
        continue;
      }
      const buffer = await readFile(file);
      let start = segment === skipTo.segment ? skipTo.offset : segment < skipTo.segment ? buffer.length : 0;
      let damage: string | undefined;
      for (let end = buffer.indexOf(0x0a, start); end >= 0; start = end + 1, end = buffer.indexOf(0x0a, start)) {
        if (end === start) continue;
        let record: T;
        try {
          record = JSON.parse(buffer.toString('utf8', start, end)) as T;
        } catch {
          damage = `unreadable record at byte ${start}`;
          break;
        }
        onRecord(record, { segment, offset: start, length: end - start });
      }
      // Only the segment being written when the process stopped can end mid-line.
      if (!damage && start < buffer.length && !last) damage = `incomplete record at byte ${start}`;
      if (damage && !options.onCorrupt) throw new Error(`${file}: ${damage}${REPAIR}`);
      if (damage) {
        await setAside(file, damage, options.onCorrupt!);
        if (last) next = segment + 1;
        size = 0;
        continue;
      }
      if (start < buffer.length) await truncate(file, start);
      size = start;
      total += start;
    }
    // Everything before `skipTo` is covered elsewhere (compaction rolled past the last segment
    // and wrote nothing yet): new lines must go where the next open reads them.
    if (next < skipTo.segment) {
      next = skipTo.segment;
      size = 0;
    }
    const log = new AppendLog<T>(dir, options, next, size);
    log.bytes = total;
    return log;
  }

  /** The next append goes into a new segment (compaction: what it copies forward starts after everything it replaces). */
  startSegment(): Promise<number> {
    this.roll();
    return Promise.resolve(this.segment);
  }

  /** Where the next record goes: everything before it is on disk once the appends made so far resolve. */
  get end(): { segment: number; offset: number } {
    return { segment: this.segment, offset: this.size };
  }

  /** Bytes in every segment. */
  get totalBytes(): number {
    return this.bytes;
  }

  /** Deletes every segment numbered below `segment` (their records copied forward or no longer wanted). */
  async removeSegmentsBefore(segment: number): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const match = SEGMENT_FILE.exec(name);
      if (!match || Number(match[1]) >= segment) continue;
      const file = join(this.dir, name);
      this.bytes -= (await stat(file)).size;
      await unlink(file);
    }
    if (this.options.fsync) await fsyncFolder(this.dir);
  }

  /**
   * Appends the records in order; resolves with their positions once they are on disk.
   * `fsync: false` on a log that fsyncs: these lines need not survive a power cut by themselves
   * (a crash may lose them, and whoever wrote them repeats them harmlessly); they resolve once
   * written, and the next fsync makes them durable too.
   */
  append(records: T[], { fsync = true }: { fsync?: boolean } = {}): Promise<LogPosition[]> {
    // JSON.stringify escapes newlines inside strings: one record is always one line.
    const lines = records.map((r) => JSON.stringify(r));
    let positions: LogPosition[];
    try {
      positions = this.write(lines);
    } catch (err) {
      return Promise.reject(err);
    }
    if (!this.options.fsync || !fsync || lines.length === 0) {
      this.closeWhenIdle();
      return Promise.resolve(positions);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ positions, resolve, reject });
      if (!this.syncing) this.sync();
    });
  }

  /** The records at these positions, in the same order. */
  async read(positions: LogPosition[]): Promise<T[]> {
    const records: T[] = new Array(positions.length);
    const bySegment = new Map<number, number[]>();
    positions.forEach((p, i) => {
      const indexes = bySegment.get(p.segment);
      if (indexes) indexes.push(i);
      else bySegment.set(p.segment, [i]);
    });
    for (const [segment, indexes] of bySegment) {
      const handle = await open(join(this.dir, segmentName(segment)), 'r');
      try {
        for (const i of indexes) {
          const { offset, length } = positions[i];
          const buffer = Buffer.alloc(length);
          const { bytesRead } = await handle.read(buffer, 0, length, offset);
          if (bytesRead !== length) throw new Error(`${segmentName(segment)}: record at byte ${offset} is cut short`);
          records[i] = JSON.parse(buffer.toString('utf8')) as T;
        }
      } finally {
        await handle.close();
      }
    }
    return records;
  }

  /** Writes the lines at the end of the current segment (a new one past the size limit); their positions. */
  private write(lines: string[]): LogPosition[] {
    if (this.broken) throw this.broken;
    if (lines.length === 0) return [];
    const data = Buffer.from(lines.join('\n') + '\n', 'utf8');
    if (this.size > 0 && this.size + data.length > this.options.segmentBytes) this.roll();
    const fd = this.segmentFd();
    const positions: LogPosition[] = [];
    let offset = this.size;
    for (const line of lines) {
      const length = Buffer.byteLength(line, 'utf8');
      positions.push({ segment: this.segment, offset, length });
      offset += length + 1;
    }
    try {
      for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
    } catch (err) {
      // Cut the file back to its last whole line, or refuse further appends if that fails too.
      try {
        ftruncateSync(fd, this.size);
      } catch (undo) {
        this.broken = new Error(`${join(this.dir, segmentName(this.segment))}: a failed append could not be undone (${(undo as Error).message}); reopen the store`);
      }
      throw err;
    }
    this.dirty = true;
    this.bytes += offset - this.size;
    this.size = offset;
    return positions;
  }

  /** The open descriptor of the current segment (created owner-only when new). */
  private segmentFd(): number {
    if (this.current?.segment === this.segment) return this.current.fd;
    this.retire();
    const fd = openSync(join(this.dir, segmentName(this.segment)), 'a', 0o600);
    this.current = { segment: this.segment, fd };
    // A new segment's name is made durable before any record in it is acknowledged.
    if (this.size === 0) this.created = true;
    return fd;
  }

  /** Further appends go to a new segment. */
  private roll(): void {
    if (this.size === 0) return;
    this.segment += 1;
    this.size = 0;
    this.retire();
  }

  /** The current segment's descriptor is set aside for the next fsync (closed after it), or closed. */
  private retire(): void {
    const current = this.current;
    this.current = null;
    if (!current) return;
    if (this.options.fsync) this.retired.push(current.fd);
    else closeSync(current.fd);
    this.dirty = false;
  }

  /** One fsync covering every append written so far; another follows if more were written meanwhile. */
  private sync(): void {
    const group = this.waiting;
    this.waiting = [];
    const fds = [...this.retired, ...(this.dirty && this.current ? [this.current.fd] : [])];
    const retired = this.retired;
    this.retired = [];
    this.dirty = false;
    const folder = this.created;
    this.created = false;
    this.syncing = (async () => {
      if (folder) await fsyncFolder(this.dir);
      // datasync also flushes the new file size, all that is needed to read the lines back.
      await Promise.all(fds.map((fd) => datasync(fd)));
    })().then(
      () => group.forEach((w) => w.resolve(w.positions)),
      (err: Error) => {
        // What the failed fsync covered may or may not be on disk: nothing more is acknowledged.
        this.broken ??= new Error(`${this.dir}: an fsync failed (${err.message}); reopen the store`);
        group.forEach((w) => w.reject(err));
      },
    );
    void this.syncing.finally(() => {
      for (const fd of retired) closeQuietly(fd);
      this.syncing = null;
      if (this.waiting.length > 0) this.sync();
      else this.closeWhenIdle();
    });
  }

  /** Once nothing more is written in this turn of the event loop and no fsync runs, the descriptors are closed (an idle log keeps none). */
  private closeWhenIdle(): void {
    if (this.closeScheduled) return;
    this.closeScheduled = true;
    setImmediate(() => {
      this.closeScheduled = false;
      if (this.syncing || this.waiting.length > 0) return;
      // Lines in them that no fsync covered needed none (`fsync: false`, or a log that never fsyncs).
      for (const fd of this.retired) closeQuietly(fd);
      this.retired = [];
      if (this.current) closeQuietly(this.current.fd);
      this.current = null;
      this.dirty = false;
    });
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already gone: nothing to release.
  }
}

/** Whether the log in `dir` still reaches `end` (an index saved beside it is not ahead of a log restored from an older backup). */
export async function reaches(dir: string, end: { segment: number; offset: number }): Promise<boolean> {
  const size = await stat(join(dir, segmentName(end.segment))).then((s) => s.size, () => (end.offset === 0 ? 0 : -1));
  return size >= end.offset;
}
