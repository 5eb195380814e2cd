import type { OutboxRow } from '../outbox.js';
import type { LogPosition } from './appendLog.js';
import { SavedIndexFile, type IndexEnd } from './savedIndexFile.js';

/** What the outbox keeps in memory of a delivered or dead row: enough to filter lists and refuse its dedupe key again. */
export interface Archived {
  seq: number;
  status: OutboxRow['status'];
  caseNo?: string;
  dedupeKey: string;
  position: LogPosition;
}

type Row = [seq: number, dead: 0 | 1, caseNo: string | null, dedupeKey: string, segment: number, offset: number, length: number];

/** `outbox/archive-index.json`: every finished row's entry, so a start does not parse every delivered message. */
export class ArchiveIndexFile {
  private readonly file: SavedIndexFile<Row>;

  constructor(dir: string) {
    this.file = new SavedIndexFile<Row>(dir, 'archive-index.json');
  }

  async read(): Promise<{ end: IndexEnd; rows: Archived[] } | undefined> {
    const data = await this.file.read();
    if (!data) return undefined;
    const rows: Archived[] = [];
    for (const [seq, dead, caseNo, dedupeKey, segment, offset, length] of data.rows) {
      rows.push({ seq, status: dead ? 'dead' : 'delivered', ...(caseNo !== null ? { caseNo } : {}), dedupeKey, position: { segment, offset, length } });
    }
    return { end: data.end, rows };
  }

  /** Takes the rows as they are now, then writes them. */
  write(end: IndexEnd, archived: Iterable<Archived>): Promise<void> {
    const rows: Row[] = [];
    for (const a of archived) rows.push([a.seq, a.status === 'dead' ? 1 : 0, a.caseNo ?? null, a.dedupeKey, a.position.segment, a.position.offset, a.position.length]);
    return this.file.write(end, rows);
  }
}
