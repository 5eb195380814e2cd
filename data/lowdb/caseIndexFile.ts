import { join } from 'node:path';
import type { Department } from '../bundle.js';
import type { CaseRecord, CaseStatus, Stage } from '../cases.js';
import type { LogPosition } from './appendLog.js';
import { SecureJsonFile, setAsideToStderr } from './secureJsonFile.js';

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

interface IndexData {
  /** The log position the entries cover up to: lines from here on are replayed at open. */
  end: { segment: number; offset: number };
  cases: Row[];
}

/**
 * `cases/index.json`: every case's entry and the log position it covers, so a start reads
 * one file instead of every version of every case. Rows are arrays (a fifth of the size of
 * objects). It can always be rebuilt from the log: a damaged one is set aside.
 */
export class CaseIndexFile {
  private readonly file: SecureJsonFile<IndexData>;

  constructor(dir: string) {
    this.file = new SecureJsonFile<IndexData>(join(dir, 'index.json'), { fsync: false, onCorrupt: setAsideToStderr });
  }

  async read(): Promise<{ end: IndexData['end']; cases: CaseEntry[] } | undefined> {
    const data = await this.file.read();
    if (!data || !Array.isArray(data.cases) || !Number.isInteger(data.end?.segment) || !Number.isInteger(data.end?.offset)) return undefined;
    return { end: data.end, cases: data.cases.map(entryOfRow) };
  }

  /** Takes the entries as they are now (they change in place later), then writes them. */
  write(index: { end: IndexData['end']; cases: Iterable<CaseEntry> }): Promise<void> {
    const cases: Row[] = [];
    for (const e of index.cases) {
      cases.push([e.caseNo, e.createdAt, e.updatedAt, e.status, e.stage, e.since, e.idKey, e.userKey, e.submissionId ?? null, e.departments.join(','), e.pending ? 1 : 0, e.position.segment, e.position.offset, e.position.length]);
    }
    return this.file.write({ end: { ...index.end }, cases });
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
