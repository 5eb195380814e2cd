import { bundleItem, type ItemId } from '../../data/bundle.js';
import type { CaseItem, CaseRecord } from '../../data/cases.js';
import { text } from '../text/index.js';
import { queuedItems, type Values } from './values.js';

const t = text.application;

/**
 * The case's items as an application files them, whoever fills it in (the chat's form, staff at
 * a window): each routed to its department, those that need a certificate applied for together
 * with 新办 queued behind it, with the reason the applicant is told.
 */
export function caseItemsOf(v: Values, items: ItemId[]): CaseItem[] {
  const queued = new Set(queuedItems(v));
  return items.map((id) => ({
    id,
    department: bundleItem(id).department,
    status: queued.has(id) ? 'queued' : 'submitted',
    ...(queued.has(id) ? { reason: t.summary.queued(t.itemNames[id]) } : {}),
  }));
}

/**
 * Another open case of this ID number under another name: the number or the name is wrong, or
 * someone is applying with another person's ID. Nothing is filed, and the reply does not say a
 * case exists (only that the name and the number do not match).
 */
export function nameDiffers(open: CaseRecord[], submissionId: string, name: string): boolean {
  const given = name.replace(/\s+/g, '');
  return open.some((c) => c.submissionId !== submissionId && c.applicant.name.replace(/\s+/g, '') !== given);
}

/**
 * The person's other open case still deciding `id`, if any: applying for it again would be a
 * duplicate. The submission's own case (a repeat of it) is not another.
 */
export function openCaseWith(open: CaseRecord[], submissionId: string, id: ItemId): CaseRecord | undefined {
  return open.find((c) => c.submissionId !== submissionId && c.items.some((i) => i.id === id && (i.status === 'submitted' || i.status === 'queued')));
}
