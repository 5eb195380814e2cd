import { looksPersonal } from '../data/personalData.js';

/**
 * The last `size` values worked out, by text: the least recently used goes first when a new one
 * comes. For pure functions of the text only, and for values nobody changes. A text holding personal data (an ID or phone number typed in a message) is never
 * kept: worked out each time, it goes with its turn.
 */
export class RecentlyUsed<V> {
  // A Map iterates in insertion order: a value read is put back last.
  private readonly values = new Map<string, V>();

  constructor(private readonly size: number) {}

  /** The value kept for `text`, else `make()`'s, kept. */
  get(text: string, make: () => V): V {
    if (looksPersonal(text)) return make();
    let value = this.values.get(text);
    if (value !== undefined) {
      this.values.delete(text);
    } else {
      value = make();
      if (this.values.size >= this.size) this.values.delete(this.values.keys().next().value!);
    }
    this.values.set(text, value);
    return value;
  }

  clear(): void {
    this.values.clear();
  }
}
