import { join } from 'node:path';
import { countLeading } from '../sorted.js';
import type { Low } from 'lowdb';
import type { NewOutboxRow, OutboxRow, OutboxStore } from '../outbox.js';
import { MAX_ERROR_LENGTH, pendingRow, checkedListFilter, checkedNewRow, validTime } from '../outboxRules.js';
import { AppendLog, reaches, type LogPosition } from './appendLog.js';
import { ArchiveIndexFile, type Archived } from './archiveIndexFile.js';
import { openLow } from './open.js';

const OUTBOX_DIR = 'outbox';
const PENDING_FILE = 'pending.json';
const ARCHIVE_DIR = 'archive';
/** About 10,000 archived rows a segment: a county's outbox fills one every few months. */
const ARCHIVE_SEGMENT_BYTES = 8 * 1024 * 1024;
/** pending.json is rewritten after this many rows left it for the archive (or as many as are pending, if more). */
const COMPACT_AFTER = 500;
/** The archive index is saved after this many rows were archived (and at close): a start replays at most these. */
const SAVE_INDEX_AFTER = 5000;

interface PendingFile {
  rows: OutboxRow[];
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

/**
 * OutboxStore over files under `<dataDir>/outbox/`, owner-only:
 * - `pending.json`: the rows still to deliver (written atomically with fsync). Small: what is
 *   waiting, not history.
 * - `archive/NNNNNN.jsonl`: every delivered or dead row, appended (fsync) when it is marked, with
 *   `archive-index.json` beside it (each finished row's seq, status, case number, dedupe key and
 *   place, saved every few thousand rows and at close) so a start replays only the rows after it. The
 *   archive is the record of what is finished: at open, a row found there is no longer pending,
 *   so marking a row writes only the archive; `pending.json` is rewritten by the next enqueue
 *   or retry, or after a few hundred rows have left it.
 *
 * In memory: pending rows in creation order and sorted by due time (so `due` with nothing due
 * is one comparison), every dedupe key ever stored (read at open), and for finished rows only
 * their status, case number and place in the archive. A tick therefore costs what is pending,
 * never what was delivered.
 *
 * Enqueues and retries run serialized and are acknowledged once on disk; a failed write leaves
 * nothing behind. Marks are serialized too, but their archive appends are committed in groups
 * (one fsync for all marks arriving while one is written). One process per data folder.
 */
export class LowdbOutboxStore implements OutboxStore {
  /** Pending rows in creation order (Map keeps insertion order; retries update in place). */
  private readonly pending = new Map<string, Pending>();
  /** The same rows by (dueMs, seq). */
  private readonly byDue: Pending[] = [];
  /** Rows whose delivered/dead record is being appended: no longer offered, not yet finished. */
  private readonly finishing = new Set<string>();
  private readonly keys = new Set<string>();
  /** Delivered and dead rows by seq. */
  private readonly archived: Archived[] = [];
  private nextSeq = 1;
  private finishedSinceCompaction = 0;
  private finishedSinceSave = 0;
  /** Finishes whose archive append has not yet reached `archived` (an index save waits for them). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private saving: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly pendingDb: Low<PendingFile>,
    private readonly archive: AppendLog<OutboxRow>,
    private readonly index: ArchiveIndexFile,
    private readonly onError: (err: Error) => void,
  ) {}

  /**
   * `onError` hears of failures nobody awaits: rewriting `pending.json` after deliveries (the
   * archive already holds them, so nothing is lost; the rewrite is tried again later).
   */
  static async open(dataDir: string, { onError = (err: Error) => console.error(err) } = {}): Promise<LowdbOutboxStore> {
    const dir = join(dataDir, OUTBOX_DIR);
    const pendingDb = await openLow<PendingFile>(dir, PENDING_FILE, { rows: [] }, { fsync: true });
    const index = new ArchiveIndexFile(dir);
    const saved = await index.read();
    const skipTo = saved && (await reaches(join(dir, ARCHIVE_DIR), saved.end)) ? saved.end : undefined;
    const finished = new Map<number, Archived>();
    if (skipTo) for (const entry of saved!.rows) finished.set(entry.seq, entry);
    let replayed = 0;
    const archive = await AppendLog.open<OutboxRow>(join(dir, ARCHIVE_DIR), { segmentBytes: ARCHIVE_SEGMENT_BYTES, fsync: true, skipTo }, (row, position) => {
      const seq = seqOf(row.id);
      finished.set(seq, { seq, status: row.status, ...(row.caseNo !== undefined ? { caseNo: row.caseNo } : {}), dedupeKey: row.dedupeKey, position });
      replayed++;
    });
    const store = new LowdbOutboxStore(pendingDb, archive, index, onError);
    // A loop, not push(...rows): spreading 100k+ arguments overflows the call stack at start-up.
    for (const entry of [...finished.values()].sort((a, b) => a.seq - b.seq)) {
      store.archived.push(entry);
      store.keys.add(entry.dedupeKey);
    }
    let stale = 0;
    const rows = pendingDb.data.rows.map((row) => ({ row, seq: seqOf(row.id) })).sort((a, b) => a.seq - b.seq);
    for (const { row, seq } of rows) {
      if (finished.has(seq)) stale++;
      else store.addPending(row, seq);
    }
    store.nextSeq = Math.max(rows.at(-1)?.seq ?? 0, store.archived.at(-1)?.seq ?? 0) + 1;
    if (stale > 0) await store.writePending();
    if (!skipTo || replayed > 0) await store.saveIndex();
    return store;
  }

  /** Saves the archive index (shutdown: the next start replays nothing). */
  async close(): Promise<void> {
    await this.saving;
    await this.saveIndex();
  }

  async enqueue(rows: NewOutboxRow[], at: Date): Promise<OutboxRow[]> {
    validTime(at, 'enqueue');
    if (!Array.isArray(rows)) throw new TypeError('enqueue: rows must be an array');
    const inputs = rows.map(checkedNewRow);
    const createdAt = at.toISOString();
    return this.serialized(async () => {
      const added: Pending[] = [];
      const batchKeys = new Set<string>();
      for (const input of inputs) {
        if (this.keys.has(input.dedupeKey) || batchKeys.has(input.dedupeKey)) continue;
        batchKeys.add(input.dedupeKey);
        const seq = this.nextSeq + added.length;
        const row = pendingRow(input, seq, createdAt);
        added.push(this.addPending(row, seq));
      }
      if (added.length === 0) return [];
      try {
        await this.writePending();
      } catch (err) {
        for (const entry of added) {
          this.removePending(entry);
          this.keys.delete(entry.row.dedupeKey);
        }
        throw err;
      }
      this.nextSeq += added.length;
      return added.map((entry) => structuredClone(entry.row));
    });
  }

  async due(at: Date, limit: number): Promise<OutboxRow[]> {
    const now = validTime(at, 'due');
    if (this.byDue.length === 0 || this.byDue[0].dueMs > now || !(limit > 0)) return [];
    const offered = (entry: Pending) => !this.finishing.has(entry.row.id);
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
      this.replacePending(entry, retried);
      try {
        await this.writePending();
      } catch (err) {
        this.replacePending(retried, entry);
        throw err;
      }
    });
  }

  async list(filter: { status?: OutboxRow['status']; caseNo?: string; limit?: number } = {}): Promise<OutboxRow[]> {
    const { caseNo } = filter;
    const { status, limit } = checkedListFilter(filter);
    const pending = status === undefined || status === 'pending' ? [...this.pending.values()] : [];
    const archived = status === 'pending' ? [] : this.archived;
    // Newest first: merge the two (each in creation order) from the end.
    const picked: (OutboxRow | LogPosition)[] = [];
    let p = pending.length - 1;
    let a = archived.length - 1;
    while (picked.length < limit && (p >= 0 || a >= 0)) {
      if (a < 0 || (p >= 0 && pending[p].seq > archived[a].seq)) {
        const { row } = pending[p--];
        if (caseNo === undefined || row.caseNo === caseNo) picked.push(structuredClone(row));
      } else {
        const entry = archived[a--];
        if ((status === undefined || entry.status === status) && (caseNo === undefined || entry.caseNo === caseNo)) picked.push(entry.position);
      }
    }
    const positions = picked.filter((x): x is LogPosition => !('id' in x));
    const fromDisk = await this.archive.read(positions);
    let next = 0;
    return picked.map((x) => ('id' in x ? x : fromDisk[next++]));
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
    this.removePending(entry);
    const archived: Archived = { seq: entry.seq, status: row.status, ...(row.caseNo !== undefined ? { caseNo: row.caseNo } : {}), dedupeKey: row.dedupeKey, position };
    let i = this.archived.length;
    while (i > 0 && this.archived[i - 1].seq > entry.seq) i--;
    this.archived.splice(i, 0, archived);
    this.finishedSinceCompaction += 1;
    if (++this.finishedSinceSave >= SAVE_INDEX_AFTER && !this.saving) {
      this.saving = this.saveIndex()
        .catch((err: Error) => this.onError(err))
        .finally(() => (this.saving = null));
    }
    // Rewriting costs what is pending: after at least as many finished rows, it stays O(1) a row.
    if (this.finishedSinceCompaction >= Math.max(COMPACT_AFTER, this.pending.size)) {
      this.finishedSinceCompaction = 0;
      await this.serialized(() => this.writePending()).catch((err: Error) => this.onError(err));
    }
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

  private async writePending(): Promise<void> {
    this.pendingDb.data = { rows: [...this.pending.values()].map((entry) => entry.row) };
    await this.pendingDb.write();
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

