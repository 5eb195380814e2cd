import type { SlotSeed } from './appraisal.js';
import type { Hospital, Region } from './region.js';

// Calendar days as yyyy-mm-dd strings, computed in UTC so the machine's time zone never shifts them.

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

export type DayKind = { open: true; as: number } | { open: false; why: 'holiday' | 'weekend' };

/** Whether the county works that day, and whose weekday's sessions a make-up day keeps. */
export function dayKind(region: Region, date: string): DayKind {
  if (region.calendar.holidays.includes(date)) return { open: false, why: 'holiday' };
  const makeUp = region.calendar.workdays.find((w) => w.date === date);
  if (makeUp) return { open: true, as: makeUp.as };
  const weekday = weekdayOf(date);
  return weekday >= 6 ? { open: false, why: 'weekend' } : { open: true, as: weekday };
}

/** The sessions a hospital holds on a date (none on holidays and weekends). */
export function sessionsOn(region: Region, hospital: Hospital, date: string): SlotSeed[] {
  const day = dayKind(region, date);
  if (!day.open) return [];
  return hospital.sessions
    .filter((s) => s.weekday === day.as)
    .map((s) => ({ hospitalId: hospital.id, date, part: s.part, capacity: s.capacity }));
}

/** Every session of every hospital from `from` for `days` days, ready for `SlotStore.ensureSlots`. */
export function generateSlots(region: Region, from: string, days: number): SlotSeed[] {
  const seeds: SlotSeed[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    for (const hospital of region.hospitals) seeds.push(...sessionsOn(region, hospital, date));
  }
  return seeds;
}
