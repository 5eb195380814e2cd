import { Refused, requireEvent, type CaseChanges } from './caseChanges.js';
import type { CaseUseCaseDeps } from './deps.js';

/** How the certificate reaches the applicant, changed after submission (the chat: "改成邮寄"). */
export class Delivery {
  constructor(private readonly deps: Pick<CaseUseCaseDeps, 'texts'> & { changes: CaseChanges }) {}

  /**
   * A certificate to be picked up is mailed to `address` instead, while it is not issued yet: the
   * case says so (audited), and the family following it is told. 'already' when it is mailed already.
   * `address` is kept as the mailing address (`mailTo`), never over the applicant's own; none: to the
   * applicant's address on the case ("就寄到原来那个地址"). The audit note says which, without the
   * address itself (the log outlives an erasure).
   */
  async toMail(caseNo: string, userKey: string, address?: string): Promise<'changed' | 'already' | 'not-now'> {
    let already = false;
    const changed = await this.deps.changes.change(caseNo, {
      by: `chat:${userKey}`,
      action: 'delivery-mail',
      note: this.deps.texts.mailTo[address ? 'other' : 'applicant'],
      apply: (c) => {
        requireEvent(c, 'delivery-mail');
        already = c.delivery === 'mail';
        if (already) throw new Refused(409, 'mailed already');
        c.delivery = 'mail';
        if (address) c.mailTo = address;
        else delete c.mailTo;
        return { message: this.deps.texts.notify.mail_chosen, to: 'family' };
      },
    });
    return changed.ok ? 'changed' : already ? 'already' : 'not-now';
  }

  /**
   * A mailed certificate sent to `address` instead ("寄证的地址改成…"), until it is sent: kept as `mailTo`, the
   * applicant's own address left as it was, and audited without the address (as `toMail`). 'same' when it goes there
   * already; 'not-mailed' when it is to be picked up (the change to mailing is `toMail`).
   */
  async changeAddress(caseNo: string, userKey: string, address: string): Promise<'changed' | 'same' | 'not-mailed' | 'not-now'> {
    let refused: 'same' | 'not-mailed' | undefined;
    const changed = await this.deps.changes.change(caseNo, {
      by: `chat:${userKey}`,
      action: 'mail-address-change',
      note: this.deps.texts.mailTo.other,
      apply: (c) => {
        requireEvent(c, 'mail-address-change');
        refused = c.delivery !== 'mail' ? 'not-mailed' : (c.mailTo ?? c.applicant.address) === address ? 'same' : undefined;
        if (refused) throw new Refused(409, refused);
        c.mailTo = address;
      },
    });
    return changed.ok ? 'changed' : (refused ?? 'not-now');
  }
}
