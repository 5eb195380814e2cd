import { mkdirSync } from 'node:fs';
import { fsyncFolder } from './secureJsonFile.js';
import { open, readdir, readFile, truncate } from 'node:fs/promises';
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
}

const SEGMENT_FILE = /^(\d{6,})\.jsonl$/;
const segmentName = (n: number) => `${String(n).padStart(6, '0')}.jsonl`;
/** What to do about a damaged line: the records are written once, so there is no earlier copy. */
const REPAIR = '. The log was not opened, so nothing in it is lost: stop OneVisit, repair that line (one JSON object) from a backup or by hand, and start again';


interface Waiter {
  lines: string[];
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
  private writing = false;
  /** Set when a failed append could not be undone: appending after it would corrupt the file. */
  private broken: Error | null = null;

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
    for (const [i, segment] of segments.entries()) {
      const file = join(dir, segmentName(segment));
      const buffer = await readFile(file);
      let start = 0;
      for (let end = buffer.indexOf(0x0a); end >= 0; start = end + 1, end = buffer.indexOf(0x0a, start)) {
        if (end === start) continue;
        let record: T;
        try {
          record = JSON.parse(buffer.toString('utf8', start, end)) as T;
        } catch {
          throw new Error(`${file}: unreadable record at byte ${start}${REPAIR}`);
        }
        onRecord(record, { segment, offset: start, length: end - start });
      }
      if (start < buffer.length) {
        // Only the segment being written when the process stopped can end mid-line.
        if (i < segments.length - 1) throw new Error(`${file}: incomplete record at byte ${start}${REPAIR}`);
        await truncate(file, start);
      }
      size = start;
    }
    return new AppendLog<T>(dir, options, segments.at(-1) ?? 1, size);
  }

  /** Appends the records in order; resolves with their positions once they are on disk. */
  append(records: T[]): Promise<LogPosition[]> {
    // Serialized now, so later changes to the objects cannot reach the file. JSON.stringify
    // escapes newlines inside strings: one record is always one line.
    const lines = records.map((r) => JSON.stringify(r));
    return new Promise((resolve, reject) => {
      this.waiting.push({ lines, resolve, reject });
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
      const group = this.waiting.splice(0);
      try {
        const positions = await this.write(group.flatMap((w) => w.lines));
        let next = 0;
        for (const waiter of group) {
          waiter.resolve(positions.slice(next, next + waiter.lines.length));
          next += waiter.lines.length;
        }
      } catch (err) {
        for (const waiter of group) waiter.reject(err);
      }
    }
    this.writing = false;
  }

  private async write(lines: string[]): Promise<LogPosition[]> {
    if (this.broken) throw this.broken;
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
    const handle = await open(file, 'a', 0o600);
    try {
      // A new segment's name is made durable before any record in it is acknowledged.
      if (this.size === 0 && this.options.fsync) await fsyncFolder(this.dir);
      await handle.appendFile(data);
      // datasync also flushes the new file size, all that is needed to read the lines back.
      if (this.options.fsync) await handle.datasync();
    } catch (err) {
      // Cut the file back to its last whole line, or refuse further appends if that fails too.
      await handle.truncate(this.size).catch((undo: Error) => {
        this.broken = new Error(`${file}: a failed append could not be undone (${undo.message}); reopen the store`);
      });
      throw err;
    } finally {
      await handle.close();
    }
    this.size = offset;
    return positions;
  }
}
