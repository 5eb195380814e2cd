import { systemClock, type Clock } from '../clock.js';
import { letRequestsIn, type KeyedRecords } from '../keyedRecords.js';
import { AppendLog } from './appendLog.js';
import { BackgroundCompaction } from './backgroundCompaction.js';
import { readLegacyShards, removeLegacyShards } from './legacyShards.js';
import type { CorruptFilePolicy } from './secureJsonFile.js';

/** One change as a line of the log: the record's new value (absent: deleted) and when it was written. */
interface Line<T> {
  k: string;
  v?: T;
  t: number;
}

interface Entry<T> {
  value: T;
  /** When it was last written (ms): idle records expire from here. */
  at: number;
  /** Its line's segment and length once on disk (0 while its append is in flight). */
  segment: number;
  bytes: number;
}

export interface LogRecordsOptions {
  /** fsync every append: survives power loss, not only a crash of the process. */
  fsync: boolean;
  /** Records not written for this long are dropped (chat state); absent: kept until deleted. */
  idleMs?: number;
  clock?: Clock;
  /** Records that can be rebuilt: a damaged segment is set aside instead of stopping the open. */
  onCorrupt?: CorruptFilePolicy;
  /** Hears of a failed background compaction (nothing is lost: the old segments stay). */
  onError?: (err: Error) => void;
  segmentBytes?: number;
  /** Compaction waits until the log holds this much (default 8 MB): small logs are cheap to read. */
  compactMinBytes?: number;
}

const DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;
const COMPACT_MIN_BYTES = 8 * 1024 * 1024;
/** Records copied per append while compacting: the writes of requests interleave between batches. */
const COMPACT_BATCH = 500;
/** Expired records are swept out of memory at most this often. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Records by key, in memory, kept on disk as an append-only log (`000001.jsonl`, ...): a change
 * appends that record's new line only, so its cost follows the record, not everything stored.
 * Once more than half the log is superseded lines, the live records are copied into new
 * segments in batches in the background and the old segments deleted (a crash in between
 * leaves both, and the later line of a key wins at the next open). With `idleMs`, a record
 * not written for that long is gone: reads miss it, the next open skips it, compaction drops it.
 */
export class LogRecords<T> implements KeyedRecords<T> {
  private readonly live = new Map<string, Entry<T>>();
  private totalBytes = 0;
  private liveBytes = 0;
  /** Lines in segments from this one on are counted in the byte totals (compaction restarts the count). */
  private countedFrom = 0;
  private lastSweep: number;

  private readonly compactions: BackgroundCompaction;

  private constructor(
    private readonly log: AppendLog<Line<T>>,
    private readonly options: LogRecordsOptions,
    private readonly clock: Clock,
  ) {
    this.lastSweep = clock.now().getTime();
    // Once the log is big enough and more than half of it superseded lines.
    this.compactions = new BackgroundCompaction(
      () => this.totalBytes >= (options.compactMinBytes ?? COMPACT_MIN_BYTES) && this.totalBytes - this.liveBytes > this.liveBytes,
      () => this.compact(),
      (err) => (options.onError ?? console.error)(err),
    );
  }

  static async open<T>(dir: string, options: LogRecordsOptions): Promise<LogRecords<T>> {
    const clock = options.clock ?? systemClock;
    const now = clock.now().getTime();
    const entries = new Map<string, Entry<T>>();
    let total = 0;
    const log = await AppendLog.open<Line<T>>(
      dir,
      { segmentBytes: options.segmentBytes ?? DEFAULT_SEGMENT_BYTES, fsync: options.fsync, onCorrupt: options.onCorrupt },
      (line, position) => {
        total += position.length + 1;
        if (line.v === undefined || expired(line.t, now, options.idleMs)) entries.delete(line.k);
        else entries.set(line.k, { value: line.v, at: line.t, segment: position.segment, bytes: position.length + 1 });
      },
    );
    const records = new LogRecords<T>(log, options, clock);
    for (const [key, entry] of entries) {
      records.live.set(key, entry);
      records.liveBytes += entry.bytes;
    }
    records.totalBytes = total;
    // A folder from before this layout: its shard files' records move into the log, once.
    const legacy = await readLegacyShards<T>(dir, options.onCorrupt);
    if (legacy.files.length) {
      await records.put(legacy.records);
      await removeLegacyShards(legacy.files);
    }
    return records;
  }

  get(key: string): T | undefined {
    const entry = this.live.get(key);
    return entry && !this.isExpired(entry) ? entry.value : undefined;
  }

  *entries(): IterableIterator<[key: string, value: T]> {
    for (const [key, entry] of this.live) if (!this.isExpired(entry)) yield [key, entry.value];
  }

  /** Sets or deletes records in memory now; resolves when their lines are on disk. */
  async put(changes: [key: string, value: T | undefined][], options?: { fsync?: boolean }): Promise<void> {
    const t = this.clock.now().getTime();
    const written: (Entry<T> | undefined)[] = [];
    for (const [key, value] of changes) {
      this.forget(key);
      const entry = value === undefined ? undefined : { value, at: t, segment: 0, bytes: 0 };
      if (entry) this.live.set(key, entry);
      written.push(entry);
    }
    const positions = await this.log.append(changes.map(([k, v]) => (v === undefined ? { k, t } : { k, v, t })), options);
    positions.forEach((position, i) => this.landed(changes[i][0], written[i], position.segment, position.length + 1));
    this.maybeCompact();
  }

  /**
   * Rewrites the log with the live records only, now (after a compaction under way): a record
   * deleted or replaced before it is then gone from disk, not only from memory (an erasure).
   */
  async purge(): Promise<void> {
    await this.compactions.now();
  }

  /** Resolves when a compaction under way (if any) is done: tests, shutdown. */
  async settled(): Promise<void> {
    await this.compactions.settled();
  }

  /** Drops a key's current record from memory and from the live byte count. */
  private forget(key: string): void {
    const old = this.live.get(key);
    if (!old) return;
    this.live.delete(key);
    if (old.segment >= this.countedFrom) this.liveBytes -= old.bytes;
  }

  /** A line is on disk: counted in the log, and as live if it is still the key's record. */
  private landed(key: string, entry: Entry<T> | undefined, segment: number, bytes: number): void {
    this.totalBytes += bytes;
    if (entry && this.live.get(key) === entry) {
      entry.segment = segment;
      entry.bytes = bytes;
      this.liveBytes += bytes;
    }
  }

  private isExpired(entry: Entry<T>): boolean {
    return expired(entry.at, this.clock.now().getTime(), this.options.idleMs);
  }

  /** Sweeps expired records out of memory (hourly), and starts a compaction when one is due. */
  private maybeCompact(): void {
    const now = this.clock.now().getTime();
    if (this.options.idleMs !== undefined && now - this.lastSweep >= SWEEP_INTERVAL_MS) {
      this.lastSweep = now;
      for (const [key, entry] of this.live) if (this.isExpired(entry)) this.forget(key);
    }
    this.compactions.startIfDue();
  }

  /**
   * Copies every live record written before it began into new segments, a batch at a time,
   * then deletes the segments before them. Records written meanwhile land in the new segments
   * by themselves (their appends queue after the new segment starts).
   */
  async compact(): Promise<void> {
    const first = await this.log.startSegment();
    this.countedFrom = first;
    this.totalBytes = 0;
    this.liveBytes = 0;
    const keys = [...this.live.keys()];
    for (let i = 0; i < keys.length; i += COMPACT_BATCH) {
      const batch: [string, Entry<T>][] = [];
      for (const key of keys.slice(i, i + COMPACT_BATCH)) {
        const entry = this.live.get(key);
        if (entry && entry.segment !== 0 && entry.segment < first && !this.isExpired(entry)) batch.push([key, entry]);
      }
      const positions = await this.log.append(batch.map(([k, e]) => ({ k, v: e.value, t: e.at })));
      positions.forEach((position, j) => {
        const [key, entry] = batch[j];
        // Rewritten meanwhile, the copy is superseded already: `landed` counts it in the log only.
        this.landed(key, entry, position.segment, position.length + 1);
      });
      await letRequestsIn();
    }
    await this.log.removeSegmentsBefore(first);
  }
}

function expired(at: number, now: number, idleMs: number | undefined): boolean {
  return idleMs !== undefined && now - at > idleMs;
}
