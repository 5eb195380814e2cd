/** Deeper than any activity, Adaptive Card or admin body; deep enough JSON would exhaust the stack later. */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Tracks the nesting of JSON text chunk by chunk, on the raw bytes, so a body nested too deep
 * is refused before `JSON.parse` builds it (copying, storing or logging such an object
 * overflows the stack). Only ASCII structural bytes matter: UTF-8 continuation bytes are >= 0x80.
 */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly maxDepth = MAX_JSON_DEPTH) {}

  /** False as soon as the text seen so far nests deeper than allowed. */
  feed(chunk: Uint8Array): boolean {
    for (const byte of chunk) {
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (++this.depth > this.maxDepth) return false;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) this.depth--;
    }
    return true;
  }
}
