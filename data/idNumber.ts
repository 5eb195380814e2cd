// Resident ID numbers (GB 11643): 6-digit area, 8-digit birth date, 3-digit sequence, and an
// ISO 7064 MOD 11-2 check character (0-9 or X).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'checksum' | 'birthDate';

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string; age: number }
  | { ok: false; problem: IdNumberProblem };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Whole years between a yyyy-mm-dd birth date and `today` (local calendar dates). */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const ty = today.getFullYear(), tm = today.getMonth() + 1, td = today.getDate();
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/**
 * Validates an ID number typed by a person: spaces ignored, lower-case x accepted. The birth
 * date must be a real date, not in the future and not more than 120 years ago.
 */
export function validateIdNumber(input: string, today: Date): IdNumberResult {
  // NFKC: Chinese input methods often type full-width digits (４１０１…).
  const id = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!real) return { ok: false, problem: 'birthDate' };
  const age = ageOn(birthDate, today);
  if (age < 0 || age > 120) return { ok: false, problem: 'birthDate' };
  if (checkCharacter(id) !== id[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, idNumber: id, birthDate, age };
}

/** The holder's sex by the 17th character (odd: male), for an 18-character number; undefined otherwise. */
export function sexOfIdNumber(idNumber: string): 'male' | 'female' | undefined {
  if (!/^\d{17}[\dX]$/i.test(idNumber)) return undefined;
  return Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
}

/** A mainland mobile as stored (11 digits from 13-19): the only phones an SMS can reach. */
export const isMobile = (phone: string | undefined): boolean => /^1[3-9]\d{9}$/.test(phone ?? '');

/** Mainland mobile (11 digits from 13-19) or landline with area code (0xx-xxxxxxx[x]). */
export function normalizePhone(input: string): string | undefined {
  // People type 138-1234-5678, 138 1234 5678, (0791) 8612 3456 or 0791-86123456.
  const compact = input.normalize('NFKC').replace(/[\s()（）.]/g, '').replace(/[—–－]/g, '-').replace(/^\+?86-?/, '');
  const digits = compact.replace(/-/g, '');
  if (isMobile(digits)) return digits;
  if (!/^0[\d-]+$/.test(compact) || /--/.test(compact)) return undefined;
  // Area codes are 010 and 02x (three digits) or four digits; a typed dash settles it.
  const area = compact.includes('-') ? compact.slice(0, compact.indexOf('-')) : digits.slice(0, /^(010|02)/.test(digits) ? 3 : 4);
  const local = digits.slice(area.length);
  return /^0\d{2,3}$/.test(area) && /^[1-9]\d{6,7}$/.test(local) ? `${area}-${local}` : undefined;
}
