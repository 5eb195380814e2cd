import { join } from 'node:path';
import type { OutboxRow } from '../outbox.js';
import type { LogPosition } from './appendLog.js';
import { SecureJsonFile, setAsideToStderr } from './secureJsonFile.js';

/** What the outbox keeps in memory of a delivered or dead row: enough to filter lists and refuse its dedupe key again. */
export interface Archived {
  seq: number;
  status: OutboxRow['status'];
  caseNo?: string;
  dedupeKey: string;
  position: LogPosition;
}

type Row = [seq: number, dead: 0 | 1, caseNo: string | null, dedupeKey: string, segment: number, offset: number, length: number];

interface IndexData {
  /** The archive position the rows cover up to: lines from here on are replayed at open. */
  end: { segment: number; offset: number };
  rows: Row[];
}

/**
 * `outbox/archive-index.json`: every finished row's entry and the archive position it covers,
 * so a start reads one compact file instead of every delivered message. It can always be
 * rebuilt from the archive: a damaged one is set aside.
 */
export class ArchiveIndexFile {
  private readonly file: SecureJsonFile<IndexData>;

  constructor(dir: string) {
    this.file = new SecureJsonFile<IndexData>(join(dir, 'archive-index.json'), { fsync: false, onCorrupt: setAsideToStderr });
  }

  async read(): Promise<{ end: IndexData['end']; rows: Archived[] } | undefined> {
    const data = await this.file.read();
    if (!data || !Array.isArray(data.rows) || !Number.isInteger(data.end?.segment) || !Number.isInteger(data.end?.offset)) return undefined;
    const rows: Archived[] = [];
    for (const [seq, dead, caseNo, dedupeKey, segment, offset, length] of data.rows) {
      rows.push({ seq, status: dead ? 'dead' : 'delivered', ...(caseNo !== null ? { caseNo } : {}), dedupeKey, position: { segment, offset, length } });
    }
    return { end: data.end, rows };
  }

  /** Takes the rows as they are now, then writes them. */
  write(end: IndexData['end'], archived: Iterable<Archived>): Promise<void> {
    const rows: Row[] = [];
    for (const a of archived) rows.push([a.seq, a.status === 'dead' ? 1 : 0, a.caseNo ?? null, a.dedupeKey, a.position.segment, a.position.offset, a.position.length]);
    return this.file.write({ end: { ...end }, rows });
  }
}
