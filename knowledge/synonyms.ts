/** One canonical form and the variants folded onto it before ranking. */
export interface SynonymGroup {
  canonical: string;
  variants: string[];
}

/**
 * Replaces every variant with its canonical form, longest variant first, in one pass, so a
 * replacement is never rewritten by a shorter variant inside it.
 */
export class SynonymFolder {
  private readonly pattern: RegExp | null;
  private readonly map = new Map<string, string>();

  constructor(groups: SynonymGroup[], normalize: (s: string) => string) {
    for (const group of groups) {
      const canonical = normalize(group.canonical);
      // The canonical form maps to itself, so its own text is never re-matched by a shorter variant (哪里 by 哪).
      this.map.set(canonical, canonical);
      for (const variant of group.variants) {
        const key = normalize(variant);
        if (key && !this.map.has(key)) this.map.set(key, canonical);
      }
    }
    const keys = [...this.map.keys()].sort((a, b) => b.length - a.length);
    this.pattern = keys.length ? new RegExp(keys.map(escapeRegExp).join('|'), 'g') : null;
  }

  fold(text: string): string {
    return this.pattern ? text.replace(this.pattern, (m) => this.map.get(m) ?? m) : text;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
