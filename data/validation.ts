import type { ZodError } from 'zod';

/** One readable line per schema problem: "path.to.field: message". */
export function formatIssues(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`).join('; ');
}
