import { Culture, DateTimeOptions, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import type { Part } from '../../data/appraisal.js';
import { addDays } from '../../data/calendar.js';
import { normalizeText } from '../../knowledge/normalize.js';

/** A day turned down ("礼拜四不行"): a date, or a weekday said with no week (every one of them); maybe a half day only. */
export type Refused = ({ date: string } | { weekday: number }) & { part?: Part };

/**
 * What a person asked for: a day, a span of days, or simply the earliest; maybe a half day; and
 * the days they turned down in the same words (`not`: never offered), when any.
 */
export type When = (
  | { kind: 'date'; date: string; part?: Part }
  | { kind: 'range'; from: string; to: string; part?: Part }
  | { kind: 'earliest'; part?: Part }
  | { kind: 'part'; part: Part }
) & { not?: Refused[] };

/** A day turned down: "礼拜四不行", "星期三没空", "周四我要去透析", "明天有事". */
const REFUSED = /(?:不行|不成|不中|没空|没时间|不方便|去不了|来不了|不能去|不能来|走不开|抽不开|排不开|有事|不去|不来|不可以|够呛|没法去|透析|上班|住院|复查|化疗)(?!的话)/gu;
/** The first refusal in `text`, not one asking ("中不中", "行不行", "方便不方便": the word before 不 is the word after it). */
function refusalIn(text: string): RegExpExecArray | undefined {
  for (const m of text.matchAll(REFUSED)) {
    const after = m[0].slice(1);
    if (!(m[0].startsWith('不') && text.slice(0, m.index).endsWith(after))) return m;
  }
  return undefined;
}
/** Another day than the one just said: "换一天吧", "换个日子", "别的时间", "改一天". */
const ANOTHER_DAY = /换(?:一|个|别的|其他)?(?:天|日子|时间)|别的(?:日子|时间|天)|其他(?:日子|时间|天)|改(?:一|个)天/u;
/** Words that name a day or a half day, so a refusal with none refers to the day said before it. */
const NAMES_A_DAY = /(?:周|星期|礼拜)[一二三四五六日天1-7]|(?:下|这|本)个?(?:周|星期|礼拜)|今天|明天|后天|\d{1,2}[号日月.\/]|[一二三四五六七八九十]+[号日]|月底|月末|上午|下午|早上/u;

/**
 * The words apart from the days turned down in them: "礼拜四不行 礼拜五呢" keeps "礼拜五呢" and refuses
 * 礼拜四; "周四我要去透析 换一天吧" refuses 周四 and keeps nothing. A refusal naming no day ("不行",
 * "换一天吧") turns down the day said just before it.
 */
function refusalsIn(text: string): { kept: string; refused: string[] } {
  const pieces: string[] = [];
  for (const clause of text.split(/[\s\p{P}]+/u).filter(Boolean)) {
    // "礼拜四不行礼拜五呢": cut after each refusal, so the next day said is a piece of its own.
    let rest = clause;
    for (let m = refusalIn(rest); m && m.index + m[0].length < rest.length; m = refusalIn(rest)) {
      pieces.push(rest.slice(0, m.index + m[0].length));
      rest = rest.slice(m.index + m[0].length);
    }
    pieces.push(rest);
  }
  const refused = new Set<number>();
  pieces.forEach((piece, i) => {
    if (!refusalIn(piece) && !ANOTHER_DAY.test(piece)) return;
    if (NAMES_A_DAY.test(piece)) refused.add(i);
    else if (i > 0 && NAMES_A_DAY.test(pieces[i - 1])) refused.add(i - 1);
  });
  return { kept: pieces.filter((_, i) => !refused.has(i)).join(' '), refused: [...refused].map((i) => pieces[i]) };
}

const EARLIEST = /最早|尽快|越早越好|越快越好|早点|最近的|随便哪天|哪天都行|什么时候都行/;
const MORNING = /上午|早上|早晨|上半天/;
const AFTERNOON = /下午|午后|下半天/;

/** Beijing wall-clock time of `now`, as the recognizer's local reference date. */
function beijingReference(now: Date): { today: string; reference: Date } {
  const shifted = new Date(now.getTime() + 8 * 3_600_000);
  const today = shifted.toISOString().slice(0, 10);
  const reference = new Date(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate(), shifted.getUTCHours(), shifted.getUTCMinutes());
  return { today, reference };
}

function partOf(text: string, hour?: number): Part | undefined {
  if (MORNING.test(text)) return 'am';
  if (AFTERNOON.test(text)) return 'pm';
  if (hour === undefined) return undefined;
  return hour < 12 ? 'am' : 'pm';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first resolution on or after today: "周五" and "12月1号" have a past and a future value. */
function future(values: string[], today: string): string | undefined {
  return values.find((v) => v.slice(0, 10) >= today) ?? values[values.length - 1];
}

/**
 * Dates and half days in everyday Chinese (明天, 下周三上午, 12月1号下午, 三天后, 月底, 最早),
 * resolved against Beijing "now" from the injected clock, ambiguous ones to the future.
 * The recognizer does the language; the few forms it misses (月底, "1号", "12.2") are added.
 */
export function recognizeWhen(input: string, now: Date): When | undefined {
  const { kept, refused } = refusalsIn(normalizeText(input));
  if (!refused.length) return wishedFor(input, now);
  const not = refused.flatMap((piece) => refusedIn(piece, now));
  if (!not.length) return wishedFor(input, now);
  const { today } = beijingReference(now);
  // "周四上午不行 下午呢": the half day asked is of the day turned down.
  const wish = kept ? wishedFor(kept, now) : undefined;
  const [only] = not;
  if (not.length === 1 && only.part && wish?.kind === 'part') return { kind: 'date', date: 'date' in only ? only.date : nextWeekday(only.weekday, today), part: wish.part, not };
  // "礼拜四不行 礼拜五呢": another day to come, never today (the table's "周五" on a Friday is today).
  const weekday = kept ? bareWeekday(kept, false) : undefined;
  if (weekday) return { kind: 'date', date: nextWeekday(weekday.weekday, today), part: weekday.part, not };
  return { ...(wish ?? { kind: 'earliest', part: undefined }), not };
}

/** The first `weekday` (1 Monday to 7) after `today`. */
const nextWeekday = (weekday: number, today: string) => addDays(today, ((weekday - isoWeekday(today) + 6) % 7) + 1);

/** The day (or weekday) a piece turns down, as said: "礼拜四不行" every Thursday, "26号有事" that date. */
function refusedIn(piece: string, now: Date): Refused[] {
  const weekday = bareWeekday(piece, false);
  if (weekday) return [weekday];
  const when = wishedFor(piece, now);
  if (when?.kind === 'date') return [{ date: when.date, ...(when.part ? { part: when.part } : {}) }];
  if (when?.kind !== 'range') return [];
  const days: Refused[] = [];
  for (let d = when.from; d <= when.to; d = addDays(d, 1)) days.push({ date: d });
  return days;
}

/** Whether a session (its date and half day) is on a day turned down. */
export function refusedDay(not: Refused[] | undefined, date: string, part: Part): boolean {
  return (not ?? []).some((r) => ('date' in r ? r.date === date : isoWeekday(date) === r.weekday) && (!r.part || r.part === part));
}

/** The day asked for in words with no refusal in them. */
function wishedFor(input: string, now: Date): When | undefined {
  const text = normalizeText(input).replace(/\s+/g, '');
  const { today, reference } = beijingReference(now);
  const part = partOf(text);
  if (EARLIEST.test(text)) return { kind: 'earliest', part };

  const endOfMonth = /月底|月末/.test(text);
  if (endOfMonth) {
    const [y, m] = today.split('-').map(Number);
    const next = /下个?月/.test(text);
    const last = new Date(Date.UTC(y, m + (next ? 1 : 0), 0)).toISOString().slice(0, 10);
    return { kind: 'range', from: addDays(last, -4) < today ? today : addDays(last, -4), to: last, part };
  }
  // Punctuation is folded away by normalizeText: month.day and month/day are read from the raw text.
  const dotted = /(?:^|[^\d])(\d{1,2})[./](\d{1,2})(?:$|[^\d])/.exec(input.normalize('NFKC'));
  if (dotted) return fromMonthDay(Number(dotted[1]), Number(dotted[2]), today, part);
  const relative = relativeWeekOrDay(text, today, part);
  if (relative) return relative;
  const dayOnly = /^(?:这个月|本月)?(\d{1,2}|[一二三四五六七八九十]{1,3})[号日](?:上午|下午|早上)?(?:呢|吧|啊|行不|行吗|可以吗|可以不)?$/.exec(text);
  if (dayOnly) return fromDayOfMonth(dayOnly[1], today, part);

  for (const result of recognizeDateTime(text, Culture.Chinese, DateTimeOptions.None, reference)) {
    const values = (result.resolution?.values ?? []) as { type: string; value?: string; start?: string; end?: string }[];
    const type = result.typeName.replace('datetimeV2.', '');
    if (type === 'date' || type === 'datetime') {
      const value = future(values.map((v) => v.value!).filter(Boolean), today);
      if (value) return { kind: 'date', date: value.slice(0, 10), part: partOf(text, type === 'datetime' ? Number(value.slice(11, 13)) : undefined) };
    }
    if (type === 'datetimerange') {
      const start = future(values.map((v) => v.start!).filter(Boolean), today);
      if (start) return { kind: 'date', date: start.slice(0, 10), part: part ?? partOf('', Number(start.slice(11, 13))) };
    }
    if (type === 'daterange') {
      const range = values.find((v) => v.end && v.end > today) ?? values[0];
      if (range?.start && range.end) return { kind: 'range', from: range.start < today ? today : range.start, to: addDays(range.end, -1), part };
    }
  }
  return part ? { kind: 'part', part } : undefined;
}

/**
 * A weekday said with no week ("那就礼拜四上午吧", "周二下午那个"): 1 (Monday) to 7, and the half day if
 * said; undefined when a week or a date is said with it ("下礼拜四", "12月10号周四").
 */
export function bareWeekday(input: string, wished = true): { weekday: number; part?: Part } | undefined {
  // "礼拜四不行 礼拜五呢": the weekday wished for, not the one turned down.
  const text = (wished ? refusalsIn(normalizeText(input)).kept : normalizeText(input)).replace(/\s+/g, '');
  const said = /(?:周|星期|礼拜)([一二三四五六日天1-7])/u.exec(text);
  if (!said || /(?:下|上|这|本)个?$/u.test(text.slice(0, said.index))) return undefined;
  const rest = text.slice(0, said.index) + text.slice(said.index + said[0].length);
  if (/\d|[号月]|今天|明天|后天/u.test(rest)) return undefined;
  return { weekday: WEEKDAYS[said[1]], part: partOf(text) };
}

const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7 };

/** 1 (Monday) to 7 (Sunday) of a yyyy-mm-dd date: Chinese weeks start on Monday. */
const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/**
 * Forms the recognizer reads wrongly: "下下周二" (it answers next week's Tuesday), "下下周" and
 * "大大后天" (it answers 大后天).
 */
function relativeWeekOrDay(text: string, today: string, part?: Part): When | undefined {
  const daysAhead = /^(?:大大后天|大大后日)/.exec(text);
  if (daysAhead) return { kind: 'date', date: addDays(today, 4), part };
  const weekAfterNext = /下下个?(?:周|星期|礼拜)([一二三四五六日天1-7])?/.exec(text);
  if (!weekAfterNext) return undefined;
  const monday = addDays(today, 14 - (isoWeekday(today) - 1));
  if (!weekAfterNext[1]) return { kind: 'range', from: monday, to: addDays(monday, 6), part };
  return { kind: 'date', date: addDays(monday, WEEKDAYS[weekAfterNext[1]] - 1), part };
}

function fromMonthDay(month: number, day: number, today: string, part?: Part): When | undefined {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const date = `${y}-${pad(month)}-${pad(day)}`;
    const real = new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
    if (real && date >= today) return { kind: 'date', date, part };
  }
  return undefined;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const [tens, ones] = s.includes('十') ? s.split('十') : ['', s];
  return (s.includes('十') ? (tens ? CHINESE_DIGITS[tens] : 1) * 10 : 0) + (ones ? CHINESE_DIGITS[ones] ?? 0 : 0);
}

/** "5号": this month if still ahead, else next month. */
function fromDayOfMonth(raw: string, today: string, part?: Part): When | undefined {
  const day = chineseNumber(raw);
  const [y, m] = today.split('-').map(Number);
  for (const [year, month] of [[y, m], m === 12 ? [y + 1, 1] : [y, m + 1]]) {
    const date = `${year}-${pad(month)}-${pad(day)}`;
    const real = new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
    if (real && date >= today) return { kind: 'date', date, part };
  }
  return undefined;
}
