import { mkdirSync } from 'node:fs';
import { fsyncFolder, type CorruptFilePolicy } from './secureJsonFile.js';
import { open, readdir, readFile, rename, stat, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

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


interface Waiter {
  lines: string[];
  /** False: these lines may wait for the next fsync (a crash may lose them; the writer can repeat them). */
  fsync?: boolean;
  /** Not lines: start a new segment here (the position resolved names it). */
  roll?: boolean;
  resolve(positions: LogPosition[]): void;
  reject(err: unknown): void;
}

/**
 * Records written once and rarely read again (an archive), one JSON object per line in numbered
 * segment files (`000001.jsonl`, ...), owner-only. An append writes only the new lines, so its
 * cost does not grow with what is stored, and appends that arrive while one is being written go
 * out together in the next write (one fsync for the group).
 *
 * A crash can cut the last append short: the incomplete line at the end of the last segment is
 * removed at the next open (that append never resolved, so nobody relied on it). One process per
 * folder.
 */
export class AppendLog<T> {
  private waiting: Waiter[] = [];
  /** Bytes in every segment (lines and their newlines): what compaction weighs against the live records. */
  private bytes = 0;
  private writing = false;
  /** Set when a failed append could not be undone: appending after it would corrupt the file. */
  private broken: Error | null = null;
  /** The segment being appended to, open while appends keep coming (closed when none waits). */
  private handle: { segment: number; file: FileHandle } | null = null;

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

  /**
   * The next append goes into a new segment (compaction: what it copies forward starts after
   * everything it replaces). Appends already waiting may still land in the current one.
   */
  startSegment(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ lines: [], roll: true, resolve: ([p]) => resolve(p.segment), reject });
      if (!this.writing) void this.drain();
    });
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
   * (a crash may lose them, and whoever wrote them repeats them harmlessly); they are written in
   * order all the same, and the next fsynced append makes them durable too.
   */
  append(records: T[], { fsync = true }: { fsync?: boolean } = {}): Promise<LogPosition[]> {
    // Serialized now, so later changes to the objects cannot reach the file. JSON.stringify
    // escapes newlines inside strings: one record is always one line.
    const lines = records.map((r) => JSON.stringify(r));
    return new Promise((resolve, reject) => {
      this.waiting.push({ lines, fsync, resolve, reject });
      if (!this.writing) void this.drain();
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

  /** Writes everything waiting, one group at a time, until nothing is left. */
  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      if (this.waiting[0].roll) {
        const waiter = this.waiting.shift()!;
        if (this.size > 0) {
          this.segment += 1;
          this.size = 0;
        }
        waiter.resolve([{ segment: this.segment, offset: 0, length: 0 }]);
        continue;
      }
      const roll = this.waiting.findIndex((w) => w.roll);
      const group = this.waiting.splice(0, roll < 0 ? this.waiting.length : roll);
      try {
        const positions = await this.write(group.flatMap((w) => w.lines), group.some((w) => w.fsync !== false));
        let next = 0;
        for (const waiter of group) {
          waiter.resolve(positions.slice(next, next + waiter.lines.length));
          next += waiter.lines.length;
        }
      } catch (err) {
        for (const waiter of group) waiter.reject(err);
      }
    }
    // Nothing waits: the segment is closed (no descriptor kept by an idle log); an append
    // that came while it closed is written by a drain of its own.
    await this.closeHandle();
    this.writing = false;
    if (this.waiting.length > 0) void this.drain();
  }

  private async closeHandle(): Promise<void> {
    const open = this.handle;
    this.handle = null;
    await open?.file.close().catch(() => undefined);
  }

  /** The open segment to append to; a new segment closes the one before. */
  private async segmentHandle(): Promise<FileHandle> {
    if (this.handle?.segment === this.segment) return this.handle.file;
    await this.closeHandle();
    const file = await open(join(this.dir, segmentName(this.segment)), 'a', 0o600);
    this.handle = { segment: this.segment, file };
    return file;
  }

  private async write(lines: string[], sync: boolean): Promise<LogPosition[]> {
    if (this.broken) throw this.broken;
    if (lines.length === 0) return [];
    const data = Buffer.from(lines.join('\n') + '\n', 'utf8');
    if (this.size > 0 && this.size + data.length > this.options.segmentBytes) {
      this.segment += 1;
      this.size = 0;
    }
    const file = join(this.dir, segmentName(this.segment));
    const positions: LogPosition[] = [];
    let offset = this.size;
    for (const line of lines) {
      const length = Buffer.byteLength(line, 'utf8');
      positions.push({ segment: this.segment, offset, length });
      offset += length + 1;
    }
    const handle = await this.segmentHandle();
    try {
      // A new segment's name is made durable before any record in it is acknowledged.
      if (this.size === 0 && this.options.fsync) await fsyncFolder(this.dir);
      await handle.appendFile(data);
      // datasync also flushes the new file size, all that is needed to read the lines back.
      if (this.options.fsync && sync) await handle.datasync();
    } catch (err) {
      // Cut the file back to its last whole line, or refuse further appends if that fails too.
      await handle.truncate(this.size).catch((undo: Error) => {
        this.broken = new Error(`${file}: a failed append could not be undone (${undo.message}); reopen the store`);
      });
      await this.closeHandle();
      throw err;
    }
    this.bytes += offset - this.size;
    this.size = offset;
    return positions;
  }
}

/** Whether the log in `dir` still reaches `end` (an index saved beside it is not ahead of a log restored from an older backup). */
export async function reaches(dir: string, end: { segment: number; offset: number }): Promise<boolean> {
  const size = await stat(join(dir, segmentName(end.segment))).then((s) => s.size, () => (end.offset === 0 ? 0 : -1));
  return size >= end.offset;
}
