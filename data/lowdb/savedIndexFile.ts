import { join } from 'node:path';
import { SecureJsonFile, setAsideToStderr } from './secureJsonFile.js';

/** Where the log lines an index covers end: lines from here on are replayed at open. */
export interface IndexEnd {
  segment: number;
  offset: number;
}

interface IndexData<Row> {
  end: IndexEnd;
  rows: Row[];
}

/**
 * An index saved beside an append-only log: one row (an array, a fifth of the size of an
 * object) per record, and the log position it covers, so a start reads one compact file
 * instead of every line. It can always be rebuilt from the log: a damaged one is set aside
 * and read as absent.
 */
export class SavedIndexFile<Row extends unknown[]> {
  private readonly file: SecureJsonFile<IndexData<Row>>;

  constructor(dir: string, name: string) {
    this.file = new SecureJsonFile<IndexData<Row>>(join(dir, name), { fsync: false, onCorrupt: setAsideToStderr });
  }

  async read(): Promise<IndexData<Row> | undefined> {
    const data = await this.file.read();
    if (!data || !Array.isArray(data.rows) || !Number.isInteger(data.end?.segment) || !Number.isInteger(data.end?.offset)) return undefined;
    return data;
  }

  /** `rows` must be taken already (the records they describe change in place later). */
  write(end: IndexEnd, rows: Row[]): Promise<void> {
    return this.file.write({ end: { ...end }, rows });
  }
}
