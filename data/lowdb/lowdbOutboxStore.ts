import { join } from 'node:path';
import { countLeading } from '../sorted.js';
import type { Low } from 'lowdb';
import type { NewOutboxRow, OutboxRow, OutboxStore } from '../outbox.js';
import { MAX_ERROR_LENGTH, pendingRow, checkedListFilter, checkedNewRow, validTime } from '../outboxRules.js';
import { AppendLog, reaches, type LogPosition } from './appendLog.js';
import { ArchiveIndexFile } from './archiveIndexFile.js';
import { ArchivedRows, type Archived } from './archivedRows.js';
import { openLow } from './open.js';

const OUTBOX_DIR = 'outbox';
const PENDING_FILE = 'pending.json';
const JOURNAL_DIR = 'pending';
const ARCHIVE_DIR = 'archive';
/** About 10,000 archived rows a segment: a county's outbox fills one every few months. */
const SEGMENT_BYTES = 8 * 1024 * 1024;
/** The journal is folded into pending.json after this many lines (or as many as rows are pending, if more). */
const COMPACT_AFTER = 500;
/** The archive index is saved after this many rows were archived (and at close): a start replays at most these. */
const SAVE_INDEX_AFTER = 5000;

interface PendingFile {
  rows: OutboxRow[];
  /** The first journal segment not folded into `rows` (absent: every segment is read). */
  journalFrom?: number;
}

/** A pending row with its creation sequence (from its id) and due time in milliseconds. */
interface Pending {
  row: OutboxRow;
  seq: number;
  dueMs: number;
}

function seqOf(id: string): number {
  const seq = /^OB(\d+)$/.exec(id);
  if (!seq) throw new Error(`not an outbox row id: ${id}`);
  return Number(seq[1]);
}

function archivedOf(row: OutboxRow, seq: number, position: LogPosition): Archived {
  return { seq, status: row.status === 'dead' ? 'dead' : 'delivered', ...(row.caseNo !== undefined ? { caseNo: row.caseNo } : {}), dedupeKey: row.dedupeKey, position };
}

/**
 * OutboxStore over files under `<dataDir>/outbox/`, owner-only:
 * - `pending/NNNNNN.jsonl`: the journal of pending rows, one line (fsynced) per enqueued row and
 *   per retry, a row's last line winning; enqueues arriving together share one fsync.
 * - `pending.json`: the pending rows as of a journal segment (written atomically with fsync);
 *   once the journal has as many lines as rows are pending, the rows are written there in the
 *   background and the older segments removed, so a start reads what is pending, not history.
 *   A stop at any point of that loses nothing: until the new file is in place the old one and
 *   every segment are read.
 * - `archive/NNNNNN.jsonl`: every delivered or dead row, appended (fsync) when it is marked, with
 *   `archive-index.bin` beside it (each finished row's seq, status, case number, dedupe key hash
 *   and place, saved every few thousand rows and at close) so a start replays only the rows after
 *   it. The archive is the record of what is finished: at open, a row found there is no longer
 *   pending, so marking a row writes only the archive.
 *
 * In memory: pending rows in creation order and sorted by due time (so `due` with nothing due
 * is one comparison), their dedupe keys, and of finished rows only typed-array columns (seq,
 * status, case number, place, the key's 64-bit hash). A tick therefore costs what is pending,
 * never what was delivered.
 *
 * An enqueue is acknowledged once its lines are on disk and not offered by `due` before; a failed
 * write leaves nothing behind. An enqueue repeating a key another is still writing waits for
 * that one's outcome. Marks are serialized, and their archive appends committed in groups. One
 * process per data folder.
 */
export class LowdbOutboxStore implements OutboxStore {
  /** Pending rows in creation order (Map keeps insertion order; retries update in place). */
  private readonly pending = new Map<string, Pending>();
  /** The same rows by (dueMs, seq). */
  private readonly byDue: Pending[] = [];
  /** Rows whose mark is being written: no longer offered, not yet changed. */
  private readonly finishing = new Set<string>();
  /** Rows enqueued whose lines are not yet on disk: not offered or listed. */
  private readonly unconfirmed = new Set<string>();
  /** Dedupe keys of pending rows (finished rows' are in `archived`). */
  private readonly keys = new Set<string>();
  /** Dedupe key -> the enqueue writing it. */
  private readonly confirming = new Map<string, Promise<unknown>>();
  private nextSeq = 1;
  private journalLines = 0;
  private compacting: Promise<void> | null = null;
  private finishedSinceSave = 0;
  /** Finishes whose archive append has not yet reached `archived` (an index save waits for them). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private saving: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly pendingDb: Low<PendingFile>,
    private readonly journal: AppendLog<OutboxRow>,
    private readonly archive: AppendLog<OutboxRow>,
    private readonly index: ArchiveIndexFile,
    private readonly archived: ArchivedRows,
    private readonly onError: (err: Error) => void,
  ) {}

  /**
   * `onError` hears of failures nobody awaits: folding the journal into `pending.json`, saving
   * the archive index (both are tried again later; nothing is lost).
   */
  static async open(dataDir: string, { onError = (err: Error) => console.error(err) } = {}): Promise<LowdbOutboxStore> {
    const dir = join(dataDir, OUTBOX_DIR);
    const pendingDb = await openLow<PendingFile>(dir, PENDING_FILE, { rows: [] }, { fsync: true });
    const index = new ArchiveIndexFile(dir);
    const saved = await index.read();
    const skipTo = saved && (await reaches(join(dir, ARCHIVE_DIR), saved.end)) ? saved.end : undefined;
    const archived = skipTo ? saved!.rows : new ArchivedRows();
    let replayed = 0;
    const archive = await AppendLog.open<OutboxRow>(join(dir, ARCHIVE_DIR), { segmentBytes: SEGMENT_BYTES, fsync: true, skipTo }, (row, position) => {
      archived.put(archivedOf(row, seqOf(row.id), position));
      replayed++;
    });
    // Pending rows: the file, then the journal after it (a row's last line wins).
    const latest = new Map<string, OutboxRow>();
    for (const row of pendingDb.data.rows) latest.set(row.id, row);
    let journaled = 0;
    const journalFrom = { segment: pendingDb.data.journalFrom ?? 0, offset: 0 };
    const journal = await AppendLog.open<OutboxRow>(join(dir, JOURNAL_DIR), { segmentBytes: SEGMENT_BYTES, fsync: true, skipTo: journalFrom }, (row) => {
      latest.set(row.id, row);
      journaled++;
    });
    const store = new LowdbOutboxStore(pendingDb, journal, archive, index, archived, onError);
    let stale = 0;
    const rows = [...latest.values()].map((row) => ({ row, seq: seqOf(row.id) })).sort((a, b) => a.seq - b.seq);
    for (const { row, seq } of rows) {
      if (archived.hasSeq(seq)) stale++;
      else store.addPending(row, seq);
    }
    store.nextSeq = Math.max(rows.at(-1)?.seq ?? 0, archived.lastSeq) + 1;
    if (stale > 0 || journaled > 0) await store.compact();
    if (!skipTo || replayed > 0) await store.saveIndex();
    return store;
  }

  /** Saves the archive index (shutdown: the next start replays nothing). */
  async close(): Promise<void> {
    await Promise.allSettled([this.saving, this.compacting]);
    await this.saveIndex();
  }

  async enqueue(rows: NewOutboxRow[], at: Date): Promise<OutboxRow[]> {
    validTime(at, 'enqueue');
    if (!Array.isArray(rows)) throw new TypeError('enqueue: rows must be an array');
    const inputs = rows.map(checkedNewRow);
    const createdAt = at.toISOString();
    // A key another enqueue is writing: whether this one repeats it depends on that write.
    for (let busy = this.busyWith(inputs); busy.length > 0; busy = this.busyWith(inputs)) await Promise.allSettled(busy);
    // From here to the append nothing awaits: the keys are checked and taken at once.
    const added: Pending[] = [];
    for (const input of inputs) {
      if (this.keys.has(input.dedupeKey) || this.archived.hasKey(input.dedupeKey)) continue;
      const entry = this.addPending(pendingRow(input, this.nextSeq++, createdAt), this.nextSeq - 1);
      this.unconfirmed.add(entry.row.id);
      added.push(entry);
    }
    if (added.length === 0) return [];
    const written = this.journal.append(added.map((entry) => entry.row));
    const settled = written.then(
      () => added.forEach((entry) => this.unconfirmed.delete(entry.row.id)),
      () => {
        for (const entry of added) {
          this.unconfirmed.delete(entry.row.id);
          this.removePending(entry);
          this.keys.delete(entry.row.dedupeKey);
        }
        // The numbers go back unless a later enqueue took the next ones.
        if (this.nextSeq === added.at(-1)!.seq + 1) this.nextSeq = added[0].seq;
      },
    );
    for (const entry of added) this.confirming.set(entry.row.dedupeKey, settled);
    void settled.finally(() => {
      for (const entry of added) if (this.confirming.get(entry.row.dedupeKey) === settled) this.confirming.delete(entry.row.dedupeKey);
    });
    await settled;
    await written;
    this.journaled(added.length);
    return added.map((entry) => structuredClone(entry.row));
  }

  async due(at: Date, limit: number): Promise<OutboxRow[]> {
    const now = validTime(at, 'due');
    if (this.byDue.length === 0 || this.byDue[0].dueMs > now || !(limit > 0)) return [];
    const offered = (entry: Pending) => !this.finishing.has(entry.row.id) && !this.unconfirmed.has(entry.row.id);
    const dueCount = this.dueCount(now);
    let found: Pending[];
    if (dueCount <= limit) {
      // Few due: they are the front of the due-time index; put them in creation order.
      found = this.byDue.slice(0, dueCount).filter(offered).sort((a, b) => a.seq - b.seq);
    } else {
      // Many due: walking creation order reaches `limit` of them without sorting them all.
      found = [];
      for (const entry of this.pending.values()) {
        if (entry.dueMs <= now && offered(entry)) found.push(entry);
        if (found.length === limit) break;
      }
    }
    return found.map((entry) => structuredClone(entry.row));
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    const deliveredAt = new Date(validTime(at, 'markDelivered')).toISOString();
    await this.finish(id, 'markDelivered', (row) => ({ ...row, attempts: row.attempts + 1, status: 'delivered', deliveredAt }));
  }

  async markFailed(id: string, error: string, at: Date, next: { retryAt: Date; deferred?: boolean } | { dead: true }): Promise<void> {
    validTime(at, 'markFailed');
    const lastError = String(error).slice(0, MAX_ERROR_LENGTH);
    if ('dead' in next && next.dead === true) {
      await this.finish(id, 'markFailed', (row) => ({ ...row, attempts: row.attempts + 1, status: 'dead', lastError }));
      return;
    }
    if (!('retryAt' in next)) throw new TypeError('markFailed: next must be { retryAt } or { dead: true }');
    const retryMs = validTime(next.retryAt, 'markFailed (retryAt)');
    await this.serialized(async () => {
      const entry = this.pendingEntry(id, 'markFailed');
      const retried: Pending = {
        row: { ...entry.row, attempts: entry.row.attempts + (next.deferred ? 0 : 1), lastError, dueAt: new Date(retryMs).toISOString() },
        seq: entry.seq,
        dueMs: retryMs,
      };
      // Not offered while its line is written; changed only once it is on disk.
      this.finishing.add(id);
      try {
        await this.journal.append([retried.row]);
      } finally {
        this.finishing.delete(id);
      }
      this.replacePending(entry, retried);
      this.journaled(1);
    });
  }

  async list(filter: { status?: OutboxRow['status']; caseNo?: string; limit?: number } = {}): Promise<OutboxRow[]> {
    const { caseNo } = filter;
    const { status, limit } = checkedListFilter(filter);
    const pending = status === undefined || status === 'pending' ? [...this.pending.values()].filter((entry) => !this.unconfirmed.has(entry.row.id)) : [];
    const archived = this.archived;
    let a = status === 'pending' ? -1 : archived.size - 1;
    // Newest first: merge the two (each in creation order) from the end.
    const picked: (OutboxRow | LogPosition)[] = [];
    let p = pending.length - 1;
    while (picked.length < limit && (p >= 0 || a >= 0)) {
      if (a < 0 || (p >= 0 && pending[p].seq > archived.seqAt(a))) {
        const { row } = pending[p--];
        if (caseNo === undefined || row.caseNo === caseNo) picked.push(structuredClone(row));
      } else {
        if ((status === undefined || archived.statusAt(a) === status) && (caseNo === undefined || archived.caseNoAt(a) === caseNo)) picked.push(archived.positionAt(a));
        a--;
      }
    }
    const positions = picked.filter((x): x is LogPosition => !('id' in x));
    const fromDisk = await this.archive.read(positions);
    let next = 0;
    return picked.map((x) => ('id' in x ? x : fromDisk[next++]));
  }

  /** The enqueues writing any of these keys. */
  private busyWith(inputs: NewOutboxRow[]): Promise<unknown>[] {
    return inputs.map((input) => this.confirming.get(input.dedupeKey)).filter((p) => p !== undefined);
  }

  /** Runs `task` after every earlier one has settled. */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends the row's final state to the archive, then drops it from the pending rows. The
   * append starts in call order but is not awaited inside the queue, so marks made together
   * share one fsync.
   */
  private finish(id: string, method: string, final: (row: OutboxRow) => OutboxRow): Promise<void> {
    const run = this.archiveRow(id, method, final);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  private async archiveRow(id: string, method: string, final: (row: OutboxRow) => OutboxRow): Promise<void> {
    const { entry, row, written } = await this.serialized(async () => {
      const entry = this.pendingEntry(id, method);
      const row = final(entry.row);
      this.finishing.add(id);
      return { entry, row, written: this.archive.append([row]) };
    });
    let position: LogPosition;
    try {
      [position] = await written;
    } finally {
      this.finishing.delete(id);
    }
    // Its key is in the archive's before it leaves the pending rows': never in neither.
    this.archived.put(archivedOf(row, entry.seq, position));
    this.removePending(entry);
    this.keys.delete(row.dedupeKey);
    if (++this.finishedSinceSave >= SAVE_INDEX_AFTER && !this.saving) {
      this.saving = this.saveIndex()
        .catch((err: Error) => this.onError(err))
        .finally(() => (this.saving = null));
    }
  }

  /** Counts journal lines; once there are as many as rows pending (and a few hundred), folds them into pending.json in the background. */
  private journaled(lines: number): void {
    this.journalLines += lines;
    if (this.compacting || this.journalLines < Math.max(COMPACT_AFTER, this.pending.size)) return;
    this.compacting = this.compact()
      .catch((err: Error) => this.onError(err))
      .finally(() => (this.compacting = null));
  }

  /**
   * Writes the pending rows to pending.json and removes the journal segments it covers. New
   * lines go to a new segment first; the enqueues and retries writing before that are waited
   * for, so every line in the older segments is in the rows written (a row written both ways
   * is replayed harmlessly: its last line is its state).
   */
  private async compact(): Promise<void> {
    this.journalLines = 0;
    const { from, before } = await this.serialized(async () => {
      // Taken together, nothing awaited between: every enqueue writing before the new segment.
      const before = [...this.confirming.values()];
      return { from: await this.journal.startSegment(), before };
    });
    await Promise.allSettled(before);
    const rows = [...this.pending.values()].filter((entry) => !this.unconfirmed.has(entry.row.id)).map((entry) => entry.row);
    this.pendingDb.data = { rows, journalFrom: from };
    await this.pendingDb.write();
    await this.journal.removeSegmentsBefore(from);
  }

  /**
   * Saves every finished row's entry with an archive position they cover: the position is
   * taken first, then the finishes in flight are waited for, so every line before it is in
   * the entries (lines after it that are too are replayed harmlessly).
   */
  private async saveIndex(): Promise<void> {
    this.finishedSinceSave = 0;
    const end = this.archive.end;
    await Promise.allSettled([...this.inFlight]);
    await this.index.write(end, this.archived);
  }

  /** The pending row `id`, or an error: marking a row that is unknown, finished or being finished is a caller's bug. */
  private pendingEntry(id: string, method: string): Pending {
    const entry = this.pending.get(id);
    if (!entry || this.finishing.has(id)) throw new Error(`${method}: outbox row ${id} is not pending`);
    return entry;
  }

  private addPending(row: OutboxRow, seq: number): Pending {
    const entry: Pending = { row, seq, dueMs: Date.parse(row.dueAt) };
    this.pending.set(row.id, entry);
    this.keys.add(row.dedupeKey);
    this.byDue.splice(this.dueIndex(entry), 0, entry);
    return entry;
  }

  private removePending(entry: Pending): void {
    this.pending.delete(entry.row.id);
    this.byDue.splice(this.dueIndex(entry), 1);
  }

  /** Swaps a row for its new version: same place in creation order, new place by due time. */
  private replacePending(from: Pending, to: Pending): void {
    this.byDue.splice(this.dueIndex(from), 1);
    this.pending.set(to.row.id, to);
    this.byDue.splice(this.dueIndex(to), 0, to);
  }

  /** Where `entry` is (or would go) in `byDue`. */
  private dueIndex(entry: Pending): number {
    return countLeading(this.byDue, (other) => other.dueMs < entry.dueMs || (other.dueMs === entry.dueMs && other.seq < entry.seq));
  }

  /** How many pending rows are due at `now`: the length of the front of `byDue`. */
  private dueCount(now: number): number {
    return countLeading(this.byDue, (row) => row.dueMs <= now);
  }
}

