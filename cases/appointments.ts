import type { Booking, Slot } from '../data/appraisal.js';
import { addDays } from '../data/calendar.js';
import type { DisabilityCategory } from '../data/region.js';
import { allowsEvent, type CaseEvent } from '../data/workflow.js';
import { Refused, requireEvent, type CaseChanges } from './caseChanges.js';
import type { CaseUseCaseDeps } from './deps.js';
import { monthDay, recipientsOf, statusUpdateRows } from './statusUpdates.js';

export type AppointmentDeps = CaseUseCaseDeps & { changes: CaseChanges };

export type BookResult =
  | { ok: true; slot: Slot; booking: Booking; rescheduled: boolean }
  | { ok: false; reason: 'full' | 'closed' | 'unknown' | 'already-booked' | 'not-now' | 'no-case' };


/**
 * The appraisal appointment of a case: book, move, cancel, ask for a home appraisal, remind.
 * The place is taken by the slot store's own atomic check-and-reserve first; the case records
 * it (checked against the workflow, audited, the family told) in one write, and a place the
 * case refuses is given back at once.
 */
export class Appointments {
  constructor(private readonly deps: AppointmentDeps) {}

  /** Books `slotId` for the case, or moves its active booking there. */
  async book(caseNo: string, slotId: string, who: { userKey: string; category: DisabilityCategory }): Promise<BookResult> {
    const record = await this.deps.cases.get(caseNo);
    if (!record) return { ok: false, reason: 'no-case' };
    const existing = await this.deps.slots.activeBookingOf(caseNo);
    const event: CaseEvent = existing ? 'appointment-reschedule' : 'appointment-book';
    if (!allowsEvent(record, event)) return { ok: false, reason: 'not-now' };
    const at = this.deps.clock.now();
    const result = existing ? await this.deps.slots.reschedule(existing.id, slotId, at) : await this.deps.slots.reserve(slotId, { caseNo, ...who }, at);
    if (!result.ok) return result;
    const { slot, booking } = result;
    const hospital = this.hospitalName(slot.hospitalId);
    const changed = await this.deps.changes.change(caseNo, {
      by: `chat:${who.userKey}`,
      action: event,
      note: slot.id,
      apply: (c) => {
        requireEvent(c, event);
        c.appointment = { bookingId: booking.id, slotId: slot.id, hospitalId: slot.hospitalId, date: slot.date, part: slot.part, remindOn: addDays(slot.date, -1) };
        const when = this.when(slot);
        const message = existing ? this.deps.texts.notify.rescheduled(when, hospital) : this.deps.texts.notify.booked(when, hospital);
        return { message, to: 'family', sms: { template: 'appraisal', params: [when, hospital] } };
      },
    });
    if (!changed.ok) {
      // The case moved on meanwhile (returned, say): the place goes back to others.
      await this.deps.slots.cancel(booking.id, this.deps.clock.now());
      return { ok: false, reason: 'not-now' };
    }
    return { ok: true, slot, booking, rescheduled: Boolean(existing) };
  }

  /** Frees the case's place, if it has one; true when there was one. */
  async cancel(caseNo: string, userKey: string): Promise<boolean> {
    const booking = await this.deps.slots.activeBookingOf(caseNo);
    if (!booking) return false;
    await this.deps.slots.cancel(booking.id, this.deps.clock.now());
    await this.deps.changes.change(caseNo, {
      by: `chat:${userKey}`,
      action: 'appointment-cancel',
      note: booking.slotId,
      apply: (c) => {
        requireEvent(c, 'appointment-cancel');
        delete c.appointment;
        return { message: this.deps.texts.notify.booking_cancelled, to: 'family' };
      },
    });
    return true;
  }

  /**
   * "我要申请上门鉴定": recorded once; the hospital arranges it by phone. Never beside a session
   * booked at the hospital (`booked`: that one is cancelled first), so the case holds one appraisal.
   */
  async requestHome(caseNo: string, userKey: string, reason: string): Promise<'recorded' | 'already' | 'booked' | 'not-now'> {
    const at = this.deps.clock.now();
    let refused: 'already' | 'booked' | undefined;
    const changed = await this.deps.changes.change(caseNo, {
      by: `chat:${userKey}`,
      action: 'home-appraisal-request',
      apply: (c) => {
        // A case past its appraisal takes none, whatever was asked or booked before it.
        requireEvent(c, 'home-appraisal-request');
        refused = c.homeAppraisal ? 'already' : c.appointment ? 'booked' : undefined;
        if (refused) throw new Refused(409, `home appraisal refused: ${refused}`);
        c.homeAppraisal = { requestedAt: at.toISOString(), reason: reason.slice(0, 200) };
        return { message: this.deps.texts.notify.home_requested, to: 'family' };
      },
    });
    return changed.ok ? 'recorded' : (refused ?? 'not-now');
  }

  /** The home appraisal no longer wanted (the applicant will go to the hospital): withdrawn, the family told; false when none was asked for. */
  async cancelHome(caseNo: string, userKey: string): Promise<boolean> {
    const changed = await this.deps.changes.change(caseNo, {
      by: `chat:${userKey}`,
      action: 'home-appraisal-cancel',
      apply: (c) => {
        if (!c.homeAppraisal) throw new Refused(409, 'no home appraisal requested');
        requireEvent(c, 'home-appraisal-cancel');
        delete c.homeAppraisal;
        return { message: this.deps.texts.notify.home_cancelled, to: 'family' };
      },
    });
    return changed.ok;
  }

  /**
   * The day-before reminder of one booking. Not a change of the case: its one write is the
   * outbox rows themselves, keyed on the booking, so a job run twice reminds once.
   */
  async remind(booking: Booking): Promise<boolean> {
    const record = await this.deps.cases.get(booking.caseNo);
    const slot = await this.deps.slots.get(booking.slotId);
    const hospital = this.deps.region.hospitals.find((h) => h.id === slot?.hospitalId);
    if (!record || !slot || !hospital) return false;
    const when = this.when(slot);
    const update = { message: this.deps.texts.notify.reminder(when, hospital.name, hospital.address), sms: { template: 'appraisal' as const, params: [when, hospital.name] } };
    const rows = statusUpdateRows(record, await recipientsOf(this.deps.family, record, this.deps.sms), update, { key: `reminder-${booking.id}`, kind: 'reminder' }, this.deps.texts);
    if (rows.length) await this.deps.outbox.enqueue(rows, this.deps.clock.now());
    return true;
  }

  private when(slot: Pick<Slot, 'date' | 'part'>): string {
    return `${monthDay(slot.date)}${this.deps.texts.parts[slot.part]}`;
  }

  private hospitalName(id: string): string {
    return this.deps.region.hospitals.find((h) => h.id === id)?.name ?? '';
  }
}
