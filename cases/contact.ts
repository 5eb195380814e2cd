import { Refused, requireEvent, type CaseChanges } from './caseChanges.js';

/**
 * How the applicant is reached, changed on an open case from the chat by the account that filed
 * it: a new phone ("电话改成135…"), or reached by SMS or in writing only (a deaf applicant). Each
 * change is audited by its action alone: the number is kept on the case, never in a note or a log.
 */
export class Contact {
  constructor(private readonly deps: { changes: CaseChanges }) {}

  /** 'same' when the case has that phone already; 'not-now' once the case is past being reached about (delivered, closed). */
  async changePhone(caseNo: string, userKey: string, phone: string): Promise<'changed' | 'same' | 'not-now'> {
    let same = false;
    const changed = await this.deps.changes.change(caseNo, {
      by: `chat:${userKey}`,
      action: 'phone-change',
      apply: (c) => {
        requireEvent(c, 'phone-change');
        same = c.applicant.phone === phone;
        if (same) throw new Refused(409, 'same phone');
        c.applicant.phone = phone;
      },
    });
    return changed.ok ? 'changed' : same ? 'same' : 'not-now';
  }

  /** Noted that the applicant takes no calls (`note`, the words for staff); 'already' when it was. */
  async textOnly(caseNo: string, userKey: string, note: string): Promise<'noted' | 'already' | 'not-now'> {
    let already = false;
    const changed = await this.deps.changes.change(caseNo, {
      by: `chat:${userKey}`,
      action: 'contact-text-only',
      note,
      apply: (c) => {
        requireEvent(c, 'contact-text-only');
        already = c.contact === 'text-only';
        if (already) throw new Refused(409, 'noted already');
        c.contact = 'text-only';
      },
    });
    return changed.ok ? 'noted' : already ? 'already' : 'not-now';
  }
}
