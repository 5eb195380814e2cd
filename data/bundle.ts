import type { DisabilityCategory } from './region.js';

/** Departments that decide bundled items, in parallel. */
export const DEPARTMENTS = ['残联', '民政', '人社', '教育'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const ITEM_IDS = [
  'cert-new',
  'cert-renew',
  'cert-transfer',
  'cert-replace',
  'cert-cancel',
  'cert-change',
  'living-allowance',
  'care-allowance',
  'emp-unemployment',
  'emp-hardship',
  'emp-social-card',
  'pension-help',
  'education-grant',
  'fuel-subsidy',
] as const;
export type ItemId = (typeof ITEM_IDS)[number];

export interface BundleItem {
  id: ItemId;
  department: Department;
  /** A certificate item: at most one of them per application. */
  certificate: boolean;
  /** Produces a new card to mail or pick up. */
  issuesCard: boolean;
  /** Needs a valid certificate: waits for it when applied for together with 新办. */
  needsCertificate: boolean;
}

const item = (id: ItemId, department: Department, flags: Partial<Omit<BundleItem, 'id' | 'department'>> = {}): BundleItem => ({
  id,
  department,
  certificate: false,
  issuesCard: false,
  needsCertificate: true,
  ...flags,
});

/** The bundle of the reform (policy-facts.md): what can be applied for and who decides it. */
export const BUNDLE: BundleItem[] = [
  item('cert-new', '残联', { certificate: true, issuesCard: true, needsCertificate: false }),
  item('cert-renew', '残联', { certificate: true, issuesCard: true }),
  item('cert-transfer', '残联', { certificate: true, issuesCard: true }),
  item('cert-replace', '残联', { certificate: true, issuesCard: true }),
  item('cert-cancel', '残联', { certificate: true }),
  item('cert-change', '残联', { certificate: true, issuesCard: true }),
  item('living-allowance', '民政'),
  item('care-allowance', '民政'),
  item('emp-unemployment', '人社', { needsCertificate: false }),
  item('emp-hardship', '人社'),
  item('emp-social-card', '人社', { needsCertificate: false }),
  item('pension-help', '人社'),
  item('education-grant', '教育'),
  item('fuel-subsidy', '残联'),
];

export const bundleItem = (id: ItemId): BundleItem => BUNDLE.find((i) => i.id === id)!;

export const GRADES = ['一级', '二级', '三级', '四级'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * 重度残疾人护理补贴: grade 一/二级, or (local extension) 三/四级 intellectual or mental.
 * 国发〔2015〕52号.
 */
export function careAllowanceApplies(grade: Grade, category: DisabilityCategory): boolean {
  return grade === '一级' || grade === '二级' || category === '智力' || category === '精神';
}
