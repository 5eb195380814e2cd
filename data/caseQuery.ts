/**
 * Case numbers and case-list date bounds, shared by every CaseStore backend and the admin API,
 * so that "2026-11-21" means the same Beijing-time day everywhere.
 */
import type { CaseFilter, CaseRecord } from './cases.js';

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991): plain arithmetic is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export const DEFAULT_CASE_LIST_LIMIT = 100;

/** YC + yyyymmdd (Beijing date) + a 4-digit daily sequence: YC202611210001. */
export const CASE_NO_PATTERN = /^YC\d{12}$/;

/** The Beijing calendar date of an instant, yyyy-mm-dd. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The case number for the `seq`-th case of `at`'s Beijing day. Past 9,999 cases in one day
 * (about three years of a county's applications) the sequence widens rather than repeat.
 */
export function formatCaseNo(at: Date, seq: number): string {
  return `YC${shanghaiDate(at).replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
}

/** The day (yyyymmdd) and daily sequence of a case number, or undefined for anything else. */
export function parseCaseNo(caseNo: string): { day: string; seq: number } | undefined {
  const m = /^YC(\d{8})(\d{4,})$/.exec(caseNo);
  return m ? { day: m[1], seq: Number(m[2]) } : undefined;
}

/** Spaces and dashes people type inside a number ("YC 2026 1120 0001", "yc-2026…"). */
const TYPED_SEPARATORS = /[\s\-－—]+/g;
const CASE_NO_THEN_TAIL = /^\s*(?:YC)?\s*(20\d{10})[\s\-－—]+(\d{5}[\dX])\s*$/i;

/**
 * A case number as a person or an agent types it on its own: any case, spaces and dashes
 * anywhere, full-width characters, and with or without its letters ("202611200001": twelve
 * digits and nothing else). Upper-case "YC…", or undefined when it is no case number. The one
 * reading of a typed case number, for the chat and the APIs alike.
 */
export function typedCaseNo(typed: string): string | undefined {
  // "YC202611300002 221019": a whole case number, then an ID's last six after a space, is not one
  // longer number (a case number's sequence may run past four digits, so the joined digits parse).
  const withTail = CASE_NO_THEN_TAIL.exec(typed.normalize('NFKC'));
  if (withTail) return `YC${withTail[1]}`;
  const compact = typed.normalize('NFKC').replace(TYPED_SEPARATORS, '').toUpperCase();
  const caseNo = /^20\d{10}$/.test(compact) ? `YC${compact}` : compact;
  return parseCaseNo(caseNo) ? caseNo : undefined;
}

/** The ID's last six typed after a whole case number ("YC202611300002 221019"), upper-case. */
export function tailAfterCaseNo(typed: string): string | undefined {
  return CASE_NO_THEN_TAIL.exec(typed.normalize('NFKC'))?.[2].toUpperCase();
}

/** The case number in a message: typed on its own (`typedCaseNo`), or as "YC…" among other words. */
export function caseNumberIn(input: string): string | undefined {
  return typedCaseNo(input) ?? /YC\d{12}/i.exec(input.normalize('NFKC').replace(TYPED_SEPARATORS, ''))?.[0]?.toUpperCase();
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * One end of a creation-time range as an ISO UTC instant, comparable as a string with stored
 * `createdAt` values. A date (yyyy-mm-dd) is a whole Beijing day: `from` its first
 * millisecond, `to` its last (inclusive). A date-time is taken as given, inclusive; without a
 * zone it is Beijing time. Undefined when the value is neither.
 */
export function createdBound(value: string, end: 'from' | 'to'): string | undefined {
  const v = value.trim();
  const date = DATE.exec(v);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!validDate(y, m, d)) return undefined;
    const startOfDay = Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
    return new Date(end === 'from' ? startOfDay : startOfDay + 24 * 60 * 60 * 1000 - 1).toISOString();
  }
  const dt = DATE_TIME.exec(v);
  if (!dt) return undefined;
  const [y, m, d, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(dt[i] ?? 0));
  if (!validDate(y, m, d) || hh > 23 || mm > 59 || ss > 59) return undefined;
  const fraction = (dt[7] ?? '').padEnd(3, '0').slice(0, 3);
  let zone = (dt[8] ?? '+08:00').toUpperCase();
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const t = Date.parse(`${dt[1]}-${dt[2]}-${dt[3]}T${pad(hh)}:${pad(mm)}:${pad(ss)}.${fraction}${zone}`);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The filter's creation-time bounds as ISO UTC instants (inclusive); throws on a bad value. */
export function createdRange(filter: Pick<CaseFilter, 'from' | 'to'>): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  for (const end of ['from', 'to'] as const) {
    const raw = filter[end];
    if (raw === undefined) continue;
    const bound = createdBound(raw, end);
    if (bound === undefined) throw new RangeError(`${end} is not an ISO date or time: ${raw}`);
    range[end] = bound;
  }
  return range;
}

/** Newest first: creation time, then the daily sequence (same-millisecond creates). */
export function newestFirst(a: Pick<CaseRecord, 'createdAt' | 'caseNo'>, b: Pick<CaseRecord, 'createdAt' | 'caseNo'>): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.caseNo.length - a.caseNo.length || (a.caseNo < b.caseNo ? 1 : a.caseNo > b.caseNo ? -1 : 0);
}

/** ID numbers compare case-insensitively (the check character X) and without stray spaces. */
export const idKey = (idNumber: string) => idNumber.trim().toUpperCase();

/** Longest in its stage first: when it entered the stage (`stageSince`), then the case number. */
export function longestWaitingFirst(a: { since: string; caseNo: string }, b: { since: string; caseNo: string }): number {
  if (a.since !== b.since) return a.since < b.since ? -1 : 1;
  return a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0;
}
