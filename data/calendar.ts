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

/** The working day `n` working days after `date` (holidays and weekends skipped, make-up days counted). */
export function addWorkingDays(region: Region, date: string, n: number): string {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (dayKind(region, day).open) left--;
  }
  return day;
}

/** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function workingDaysBetween(region: Region, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (dayKind(region, day).open) count++;
  return count;
}
