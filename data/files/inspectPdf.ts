import { inflateSync } from 'node:zlib';

export type PdfCheck = { ok: true; pages: number } | { ok: false; problem: 'undecodable' | 'pdfActiveContent' | 'pdfEncrypted' | 'bomb'; detail?: string };

/**
 * Names that make a PDF do something when opened (scripts, launching programs, embedded files,
 * forms that submit): a scanned certificate or medical record has none of them.
 */
const ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|SubmitForm|ImportData|GoToE|XFA)\b/;

/** How much a PDF's compressed streams may inflate to, in all, while they are searched. */
const INFLATE_BUDGET = 64 * 1024 * 1024;

/**
 * A PDF is stored as sent, so it is searched for active content first, in its plain objects and
 * inside its compressed streams (object streams can hide a script's name), with a budget on
 * inflation so a small file cannot expand without bound.
 */
export function inspectPdf(bytes: Buffer): PdfCheck {
  const raw = bytes.toString('latin1');
  if (!raw.startsWith('%PDF-') || !/%%EOF\s*$/.test(raw.slice(-1024))) return { ok: false, problem: 'undecodable', detail: 'not a complete PDF' };
  if (/\/Encrypt\b/.test(raw)) return { ok: false, problem: 'pdfEncrypted' };
  const found = ACTIVE.exec(raw);
  if (found) return { ok: false, problem: 'pdfActiveContent', detail: found[1] };
  let budget = INFLATE_BUDGET;
  let pages = countPages(raw);
  const stream = /stream\r?\n/g;
  for (let match = stream.exec(raw); match; match = stream.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const dictionary = raw.slice(Math.max(0, raw.lastIndexOf('<<', match.index)), match.index);
    stream.lastIndex = end;
    if (!/\/FlateDecode/.test(dictionary)) continue;
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, problem: 'bomb', detail: 'compressed streams expand too far' };
      continue; // a damaged image stream is the viewer's problem, not a danger
    }
    budget -= inflated.length;
    if (!/\/Type\s*\/ObjStm/.test(dictionary)) continue;
    const text = inflated.toString('latin1');
    const hidden = ACTIVE.exec(text);
    if (hidden) return { ok: false, problem: 'pdfActiveContent', detail: hidden[1] };
    pages += countPages(text);
  }
  return pages > 0 ? { ok: true, pages } : { ok: false, problem: 'undecodable', detail: 'no pages' };
}

const countPages = (text: string) => (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
