import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEPARTMENTS } from './bundle.js';
import { formatIssues } from './validation.js';

export const DISABILITY_CATEGORIES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期写成 yyyy-mm-dd');

const hospitalSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'id 只能用小写字母、数字和连字符'),
  name: z.string().min(1),
  address: z.string().min(1),
  phone: z.string().min(1),
  categories: z.array(z.enum(DISABILITY_CATEGORIES)).min(1),
  /** Weekly appraisal sessions: ISO weekday (1 = Monday), morning or afternoon, places. */
  sessions: z.array(z.object({ weekday: z.number().int().min(1).max(7), part: z.enum(['am', 'pm']), capacity: z.number().int().min(1) })).min(1),
  /** What to bring to the appraisal, per category this hospital appraises. */
  bring: z.record(z.enum(DISABILITY_CATEGORIES), z.string().min(1)),
});

export const regionSchema = z.object({
  id: z.string().min(1),
  county: z.string().min(1),
  /** Other names people give the county (old names, without 县/区), for the 户籍 question. */
  countyAliases: z.array(z.string().min(1)).optional(),
  city: z.string().min(1),
  province: z.string().min(1),
  /** The county's towns and townships (城关镇…): an address in one is in the county, never another place. */
  towns: z.array(z.string().min(1)).optional(),
  federation: z.object({
    name: z.string().min(1),
    cityName: z.string().min(1),
    address: z.string().min(1),
    phone: z.string().min(1),
  }),
  hotlines: z.object({ government: z.string().min(1), federation: z.string().min(1) }),
  online: z.object({ site: z.string().min(1), app: z.string().min(1) }),
  window: z.object({ name: z.string().min(1), address: z.string().min(1), hours: z.string().min(1) }),
  hospitals: z.array(hospitalSchema).min(1),
  allowances: z.object({ living: z.string().min(1), care: z.string().min(1) }),
  /** Public holidays and make-up working days (调休上班, with the weekday whose sessions they keep). */
  calendar: z.object({
    holidays: z.array(isoDate),
    workdays: z.array(z.object({ date: isoDate, as: z.number().int().min(1).max(5) })),
  }),
  booking: z.object({ weeksAhead: z.number().int().min(1).max(26) }),
  /** The 12345 desk that takes live chats (转人工): its hours on working days, Beijing time. */
  desk: z.object({
    hours: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, '写成 HH:MM-HH:MM，如 08:30-17:30'),
    /** Minutes an agent spends with one person on average: the wait told to people in the queue. */
    minutesPerPerson: z.number().int().min(1).max(60),
    /** A 回访 after a rating of 不满意 or worse is due within this many days. */
    followUpDays: z.number().int().min(1).max(30),
  }),
  /** Each department's duty mobile: new cases for pre-review and cases near their deadline are texted to it (when SMS is on). */
  dutyPhones: z.record(z.enum(DEPARTMENTS), z.string().regex(/^1[3-9]\d{9}$/, '值班手机写11位手机号')).optional(),
});

export type Region = z.infer<typeof regionSchema>;
export type Hospital = z.infer<typeof hospitalSchema>;

/** Reads and validates one region file; a bad file throws an error naming it and the field. */
export function loadRegion(file: string): Region {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`区域文件 ${file} 无法读取: ${(err as Error).message}`);
  }
  const result = regionSchema.safeParse(raw);
  if (!result.success) throw new Error(`区域文件 ${file} 有误: ${formatIssues(result.error)}`);
  return result.data;
}

/** What to take to this hospital's appraisal for the category (its first category's list otherwise). */
export function bringTo(hospital: Hospital, category: DisabilityCategory | undefined): string {
  return hospital.bring[category ?? '肢体'] ?? hospital.bring[hospital.categories[0]]!;
}

/** The designated hospital that appraises a category (多重: graded by the most severe, so any). */
export function hospitalFor(region: Region, category: DisabilityCategory): Hospital | undefined {
  return region.hospitals.find((h) => h.categories.includes(category));
}
