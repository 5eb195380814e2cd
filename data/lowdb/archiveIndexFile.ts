import { mkdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchivedRows, COLUMNS, type Columns } from './archivedRows.js';
import type { IndexEnd } from './savedIndexFile.js';

const MAGIC = 'OVA1';
/** The JSON index of earlier versions: replaced by the binary one (a start without it replays the archive once). */
const LEGACY_FILE = 'archive-index.json';

interface Header {
  end: IndexEnd;
  count: number;
  caseNos: string[];
}

/**
 * `outbox/archive-index.bin`: every finished row's entry as the in-memory columns' bytes
 * (`OVA1`, header length, a JSON header with the log end it covers and the case numbers, then
 * one uint32 column after another), so a start copies ~19 MB for 588,000 rows instead of
 * parsing a 40 MB JSON file into objects. It can always be rebuilt from the archive: a file
 * that does not add up is reported and read as absent.
 */
export class ArchiveIndexFile {
  private readonly file: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, 'archive-index.bin');
  }

  async read(): Promise<{ end: IndexEnd; rows: ArchivedRows } | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return parse(bytes);
    } catch (err) {
      console.error(`${this.file} is damaged (${(err as Error).message}); the outbox archive is read again to rebuild it`);
      return undefined;
    }
  }

  /** Writes the rows as they are now (temp file, then rename). */
  async write(end: IndexEnd, rows: ArchivedRows): Promise<void> {
    const { columns, count, caseNos } = rows.snapshot();
    const header = Buffer.from(JSON.stringify({ end, count, caseNos } satisfies Header), 'utf8');
    const headerEnd = align(8 + header.length);
    const prefix = Buffer.alloc(headerEnd);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(header.length, 4);
    header.copy(prefix, 8);
    const temp = join(this.dir, '.archive-index.bin.tmp');
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writev([prefix, ...COLUMNS.map((c) => new Uint8Array(columns[c].buffer, columns[c].byteOffset, columns[c].byteLength))]);
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await rm(join(this.dir, LEGACY_FILE), { force: true });
  }
}

const align = (n: number) => Math.ceil(n / 4) * 4;

function parse(bytes: Buffer): { end: IndexEnd; rows: ArchivedRows } {
  if (bytes.toString('latin1', 0, 4) !== MAGIC) throw new Error('not an outbox archive index');
  const headerLength = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Header;
  const { end, count, caseNos } = header;
  if (!Number.isInteger(end?.segment) || !Number.isInteger(end?.offset) || !Number.isInteger(count) || !Array.isArray(caseNos) || caseNos[0] !== '') {
    throw new Error('header is incomplete');
  }
  let at = align(8 + headerLength);
  if (bytes.length !== at + COLUMNS.length * 4 * count) throw new Error(`${bytes.length} bytes, not the ${at + COLUMNS.length * 4 * count} its header says`);
  const columns = {} as Columns;
  for (const c of COLUMNS) {
    // Copied: the file's bytes need not sit on a 4-byte boundary of their buffer.
    // Room for the rows of the next few thousand deliveries before the columns must grow.
    const column = new Uint32Array(count + 4096);
    new Uint8Array(column.buffer).set(bytes.subarray(at, at + 4 * count));
    columns[c] = column;
    at += 4 * count;
  }
  return { end, rows: ArchivedRows.from(columns, count, caseNos) };
}
