import type { ZodError } from 'zod';

/** One readable line per schema problem: "path.to.field: message". */
export function formatIssues(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`).join('; ');
}

/** The instant in milliseconds, or a TypeError naming the method (stores take `at` from callers). */
export function validTime(at: Date, method: string): number {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError(`${method}: \`at\` is not a valid Date`);
  return at.getTime();
}
