import { BUNDLE, bundleItem, careAllowanceApplies, type Grade, type ItemId } from '../../data/bundle.js';
import type { MinzhengChecks, NotifyBy } from '../../data/cases.js';
import type { DisabilityCategory } from '../../data/region.js';

/** Picks on the items question: bundle items, or a group answered by a follow-up question. */
export type Pick = ItemId | 'cert-other' | 'employment';

/** Everything the application form collects; each field asked at most once. */
export interface ApplicationValues {
  role: 'self' | 'proxy';
  relation: string;
  picks: Pick[];
  /** The certificate taken off by a number or its button, waiting for a yes before it goes. */
  certDropAsked: Pick;
  /** Items named in the message that started the application, shown at the items question to be confirmed or added to. */
  picksSaid: Pick[];
  certAction: ItemId;
  employment: ItemId[];
  hasCertificate: boolean;
  name: string;
  idNumber: string;
  birthDate: string;
  age: number;
  phone: string;
  /** Where progress notices go (asked only where SMS is on). */
  notifyBy: NotifyBy;
  hukou: string;
  category: DisabilityCategory;
  /** A category read from a description ("中风"), waiting for the person's "对". */
  categoryGuess: DisabilityCategory;
  grade: Grade;
  guardianName: string;
  guardianId: string;
  guardianRelation: string;
  /** The speaker said they are the guardian ("我就是"): their own name is asked, and their relation is not asked again. */
  guardianIsSpeaker: boolean;
  /** On 低保; false also when nothing is said of it but the status is left to 民政 (`minzhengChecks` then says so). */
  dibao: boolean;
  /** Said to be a low-income family, not on 低保: the living allowance is kept for 民政 to decide. */
  lowIncome: boolean;
  /**
   * Left to 民政 to check ("让民政看着办"), no status claimed: whether on 低保 at all (`dibao`, nothing
   * said of it) or only whether low-income (`lowIncome`, said not on 低保). The living allowance is kept.
   */
  minzhengChecks: MinzhengChecks;
  student: 'compulsory' | 'high' | 'college' | 'graduate' | 'none';
  wheelchair: boolean;
  channel: 'online' | 'window';
  /** Said they can be reached only by SMS or in writing ("我听不见 只能发短信"): noted on the case for staff and the hospital. */
  textOnly: boolean;
  /** What the person said asking for someone to come to them ("走不了路让人来"): a home appraisal is requested on submitting. */
  homeAppraisal: string;
  delivery: 'mail' | 'pickup';
  address: string;
  /** An address given without a house number, waiting for the number or a "没有". */
  addressDraft: string;
}

export type Values = Partial<ApplicationValues>;

/** The items asked for, groups resolved; 新办 added when a subsidy needs a card the person lacks. */
export function requestedItems(v: Values): ItemId[] {
  const ids = new Set<ItemId>();
  for (const pick of v.picks ?? []) {
    if (pick === 'cert-other') {
      if (v.certAction) ids.add(v.certAction);
    } else if (pick === 'employment') {
      for (const e of v.employment ?? []) ids.add(e);
    } else ids.add(pick);
  }
  if (v.hasCertificate === false) ids.add('cert-new');
  return BUNDLE.map((b) => b.id).filter((id) => ids.has(id));
}

export const isNewApplicant = (v: Values) => requestedItems(v).includes('cert-new');

/** Already holds a certificate: any certificate item other than 新办, or said so. */
export const holdsCertificate = (v: Values) =>
  v.hasCertificate === true || requestedItems(v).some((id) => bundleItem(id).certificate && id !== 'cert-new');

/** Off 低保 yet the living allowance kept for 民政 to judge: said low-income, or the status left to 民政. */
export const livingKept = (v: Values) => Boolean(v.lowIncome || v.minzhengChecks);

/** Items the answers rule out, each explained to the applicant when it is dropped. */
export function droppedItems(v: Values): ItemId[] {
  const dropped: ItemId[] = [];
  if (v.dibao === false && !livingKept(v)) dropped.push('living-allowance');
  if (v.grade && v.category && !careAllowanceApplies(v.grade, v.category) && holdsCertificate(v)) dropped.push('care-allowance');
  if (v.student === 'none' || v.student === 'compulsory') dropped.push('education-grant');
  if (v.wheelchair === false) dropped.push('fuel-subsidy');
  return dropped;
}

export function finalItems(v: Values): ItemId[] {
  const dropped = new Set(droppedItems(v));
  return requestedItems(v).filter((id) => !dropped.has(id));
}

/** With 新办 in the same application, items that need a certificate wait for it. */
export function queuedItems(v: Values): ItemId[] {
  const items = finalItems(v);
  return items.includes('cert-new') ? items.filter((id) => bundleItem(id).needsCertificate) : [];
}

export const needsGuardian = (v: Values) =>
  (v.age !== undefined && v.age < 18) || v.category === '智力' || v.category === '精神';
