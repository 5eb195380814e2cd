import { DISABILITY_CATEGORIES, hospitalFor, type Region } from '../data/region.js';

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The values answers may name: the region file's fields plus the hospital per category. */
export function templateContext(region: Region): Record<string, unknown> {
  const byCategory = (pick: 'name' | 'address') =>
    Object.fromEntries(DISABILITY_CATEGORIES.map((c) => [c, hospitalFor(region, c)?.[pick]]));
  return { ...region, hospitalFor: byCategory('name'), hospitalAddressFor: byCategory('address') };
}

function lookup(context: Record<string, unknown>, path: string): string | undefined {
  let value: unknown = context;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Fills every placeholder; throws naming the first one the context lacks. */
export function renderTemplate(text: string, context: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_m, path: string) => {
    const value = lookup(context, path);
    if (value === undefined) throw new Error(`未知的占位符 {{${path}}}`);
    return value;
  });
}
