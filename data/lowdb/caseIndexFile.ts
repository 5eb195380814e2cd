import type { Department } from '../bundle.js';
import type { CaseRecord, CaseStatus, Stage } from '../cases.js';
import type { LogPosition } from './appendLog.js';
import { SavedIndexFile, type IndexEnd } from './savedIndexFile.js';

/** What the case store keeps in memory of one case: enough to find, filter and order it; the record stays in the log. */
export interface CaseEntry extends Pick<CaseRecord, 'caseNo' | 'createdAt' | 'updatedAt' | 'status' | 'stage' | 'submissionId'> {
  /** When the case entered its stage (`stageSince`). */
  since: string;
  idKey: string;
  userKey: string;
  departments: Department[];
  /** Holds status updates not yet relayed. */
  pending: boolean;
  /** Where its latest version is in the log. */
  position: LogPosition;
}

type Row = [string, string, string, CaseStatus, Stage, string, string, string, string | null, string, 0 | 1, number, number, number];

/** `cases/index.json`: every case's entry, so a start reads one file instead of every version of every case. */
export class CaseIndexFile {
  private readonly file: SavedIndexFile<Row>;

  constructor(dir: string) {
    this.file = new SavedIndexFile<Row>(dir, 'index.json');
  }

  async read(): Promise<{ end: IndexEnd; cases: CaseEntry[] } | undefined> {
    const data = await this.file.read();
    return data && { end: data.end, cases: data.rows.map(entryOfRow) };
  }

  /** Takes the entries as they are now (they change in place later), then writes them. */
  write(end: IndexEnd, entries: Iterable<CaseEntry>): Promise<void> {
    const rows: Row[] = [];
    for (const e of entries) {
      rows.push([e.caseNo, e.createdAt, e.updatedAt, e.status, e.stage, e.since, e.idKey, e.userKey, e.submissionId ?? null, e.departments.join(','), e.pending ? 1 : 0, e.position.segment, e.position.offset, e.position.length]);
    }
    return this.file.write(end, rows);
  }
}

function entryOfRow([caseNo, createdAt, updatedAt, status, stage, since, idKey, userKey, submissionId, departments, pending, segment, offset, length]: Row): CaseEntry {
  return {
    caseNo,
    createdAt,
    updatedAt,
    status,
    stage,
    since,
    idKey,
    userKey,
    ...(submissionId !== null ? { submissionId } : {}),
    departments: departments ? (departments.split(',') as Department[]) : [],
    pending: pending === 1,
    position: { segment, offset, length },
  };
}
