import type { AuditedAccess } from '../../cases/auditedAccess.js';
import type { CaseRecord } from '../../data/cases.js';
import type { Clock } from '../../data/clock.js';
import { shanghaiDate } from '../../data/caseQuery.js';
import type { FamilyStore } from '../../data/family.js';
import { sexOfIdNumber } from '../../data/idNumber.js';
import { inverseKin, kinIn, kinLabel, sexOfKinWord } from '../kinship.js';
import { idNumberIn, numberRuns } from '../numbersIn.js';
import { text } from '../text/index.js';

// The chat reads case numbers as the APIs do: one parser, below every entry point.
export { caseNumberIn, tailAfterCaseNo } from '../../data/caseQuery.js';

const s = text.status;
const MINUTE = 60_000;

/**
 * Failed family checks are counted twice: per requester (a guesser on one account) and per case
 * (guessers on many accounts). The per-case bound is higher and its lock short, so a stranger
 * cannot keep the real family out for long; the applicant is never locked out of their own case.
 */
export const FAMILY_CHECK_LIMITS = {
  perRequester: 5,
  requesterWindowMs: 60 * MINUTE,
  perCase: 20,
  caseWindowMs: 24 * 60 * MINUTE,
  /** How long a case stays locked after its latest failure once the day's bound is reached. */
  caseLockMs: 15 * MINUTE,
};

/**
 * The case a family member verified in this conversation: what their next words about the
 * appraisal ("帮俺爹约个鉴定", "要带啥") speak of, though the case is not theirs.
 */
export interface CheckedCase {
  caseNo: string;
  /** When the check passed (ISO): it holds that day only, so later news of the case needs a new check. */
  at: string;
}

/** The case of a check that still holds (made today, Shanghai time; one kept from before it carried its time holds no longer). */
export const checkHeld = (checked: CheckedCase | undefined, now: Date): string | undefined =>
  checked?.at !== undefined && shanghaiDate(new Date(checked.at)) === shanghaiDate(now) ? checked.caseNo : undefined;

export type FamilyCheckDeps = { family: FamilyStore; clock: Clock; access: AuditedAccess };

/** The runs of digits a message holds, as ID characters ("123 45x" -> "12345X"). */
const idRuns = (input: string) => numberRuns(input).map((run) => run.replace(/[^\dxX]/g, '').toUpperCase());

/**
 * Six ID characters, typed alone ("12345x", "123 45X") or in a sentence ("身份证后六位是010032");
 * anything else is no guess at an ID tail.
 */
export function idTailIn(input: string): string | undefined {
  const tails = idRuns(input).filter((run) => /^[\dX]{6}$/.test(run));
  return tails.length === 1 ? tails[0] : undefined;
}

/** The last six characters of a whole, valid ID number in the text ("他叫李建国 身份证号41152219480707001X"), if one is there. */
export function tailOfWholeId(input: string, today: Date): string | undefined {
  const id = idNumberIn(input, today);
  return id?.result.ok ? id.result.idNumber.slice(-6) : undefined;
}

/** How many characters a try at the tail had, when it was a try (three or more digits) of the wrong length. */
export function idTailTriedLength(input: string): number | undefined {
  const longest = Math.max(0, ...idRuns(input).map((run) => run.length));
  return longest >= 3 && longest !== 6 ? longest : undefined;
}

/** Whether what was typed is the last 6 characters of the applicant's ID number. */
export function idTailMatches(record: CaseRecord, input: string): boolean {
  const tail = idTailIn(input);
  return tail !== undefined && record.applicant.idNumber.toUpperCase().endsWith(tail);
}

/**
 * The cases filed here for a relative that the words name ("我妈的案件号忘了": a parent, a woman by the
 * applicant's ID): all those filed for someone when they name nobody in particular ("他的", none).
 * Which side of the relation was tapped in the form (父母 or 子女) is not relied on: people mix them up.
 */
export function filedForNamed(cases: CaseRecord[], said: string): CaseRecord[] {
  const filed = cases.filter((c) => c.submittedBy.role === 'proxy');
  const kin = kinIn(said);
  if (!kin) return filed;
  const labels = [kin.kin, inverseKin(kin.kin)].map((k) => kinLabel(k, text.application.relations));
  const sex = kin.speakerIs ? undefined : sexOfKinWord(kin.word);
  // A kin word of no sex (孩子, 老伴) matches either.
  return filed.filter((c) => labels.includes(c.submittedBy.relation ?? '') && (sex === undefined || [undefined, sex].includes(sexOfIdNumber(c.applicant.idNumber))));
}

const requesterKey = (userKey: string) => `requester:${userKey}`;
const caseKey = (caseNo: string) => `case:${caseNo}`;

/** Locks, failures and what the applicant is told about checks of their case. */
export class FamilyChecks {
  constructor(private readonly deps: FamilyCheckDeps) {}

  /** Whether this requester may try this case now. */
  async locked(userKey: string, caseNo: string, record: CaseRecord | undefined): Promise<boolean> {
    if (record && record.submittedBy.userKey === userKey) return false;
    const now = this.deps.clock.now().getTime();
    const L = FAMILY_CHECK_LIMITS;
    const [mine, today, lately] = await Promise.all([
      this.deps.family.failuresSince(requesterKey(userKey), new Date(now - L.requesterWindowMs)),
      this.deps.family.failuresSince(caseKey(caseNo), new Date(now - L.caseWindowMs)),
      this.deps.family.failuresSince(caseKey(caseNo), new Date(now - L.caseLockMs)),
    ]);
    return mine >= L.perRequester || (today >= L.perCase && lately > 0);
  }

  /** Counts a wrong answer; true when it locks the requester or the case (the applicant is told of a case lock). */
  async failed(userKey: string, caseNo: string, record: CaseRecord | undefined): Promise<boolean> {
    const now = this.deps.clock.now();
    const L = FAMILY_CHECK_LIMITS;
    const [mine] = await this.deps.family.recordFailure([requesterKey(userKey)], now, new Date(now.getTime() - L.requesterWindowMs));
    const [today] = await this.deps.family.recordFailure([caseKey(caseNo)], now, new Date(now.getTime() - L.caseWindowMs));
    const caseLocked = today >= L.perCase;
    if (record && (caseLocked || mine >= L.perRequester)) {
      await this.deps.access.recordFamilyLock(record.caseNo, userKey, caseLocked ? s.notify.familyCheckLocked(L.caseLockMs / MINUTE) : undefined);
    }
    return caseLocked || mine >= L.perRequester;
  }

  /** A right answer: audited on the case, and the applicant told (once a day per family member). */
  async verified(userKey: string, record: CaseRecord): Promise<void> {
    if (record.submittedBy.userKey === userKey) return;
    const today = shanghaiDate(this.deps.clock.now());
    const toldToday = record.audit.some((e) => e.action === 'family-check' && e.by === `chat:${userKey}` && shanghaiDate(new Date(e.at)) === today);
    await this.deps.access.recordFamilyCheck(record.caseNo, userKey, toldToday ? undefined : s.notify.familyChecked(record.submittedBy.role === 'proxy'));
  }
}
