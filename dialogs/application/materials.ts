import { bundleItem } from '../../data/bundle.js';
import { finalItems, needsGuardian, type Values } from './values.js';

export type MaterialKey =
  | 'idCard'
  | 'hukouBook'
  | 'form'
  | 'photos'
  | 'guardianProof'
  | 'medicalRecords'
  | 'oldCertificate'
  | 'dibao'
  | 'studentProof'
  | 'wheelchairProof';

/**
 * One set of materials for the whole application: the union of what the chosen items need,
 * each once, split into what the system checks by itself and what must be handed in.
 * Online, identity is checked against government data; at the window the originals are shown.
 */
export function materialsFor(v: Values): { verified: MaterialKey[]; toSubmit: MaterialKey[] } {
  const items = finalItems(v);
  const verified = new Set<MaterialKey>(['form']);
  const toSubmit = new Set<MaterialKey>();
  if (v.channel === 'window') {
    toSubmit.add('idCard');
    toSubmit.add('hukouBook');
  } else {
    verified.add('idCard');
    verified.add('hukouBook');
  }
  if (items.some((id) => bundleItem(id).issuesCard) || items.includes('emp-social-card')) toSubmit.add('photos');
  if (needsGuardian(v)) toSubmit.add('guardianProof');
  if (v.category === '智力' || v.category === '精神') toSubmit.add('medicalRecords');
  if (items.some((id) => ['cert-renew', 'cert-transfer', 'cert-change', 'cert-cancel'].includes(id))) toSubmit.add('oldCertificate');
  if (items.includes('living-allowance')) verified.add('dibao');
  if (items.includes('education-grant')) toSubmit.add('studentProof');
  if (items.includes('fuel-subsidy')) toSubmit.add('wheelchairProof');
  return { verified: [...verified], toSubmit: [...toSubmit] };
}
