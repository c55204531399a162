/**
 * Japanese business-day calendar (Asia/Tokyo), pure: no clock, no I/O. Every "now" is a parameter.
 *
 * Plain dates are `YYYY-MM-DD` strings meaning a day in Tokyo. Public holidays (including substitute holidays
 * 振替休日 and citizens' holidays 国民の休日) come from `@holiday-jp/holiday_jp`'s dataset, never a hand-typed list.
 */
import holidayJp from '@holiday-jp/holiday_jp';

export const TOKYO_TIME_ZONE = 'Asia/Tokyo';

/**
 * The one place the Tokyo offset is written down. Japan Standard Time is UTC+9 all year: Japan has not observed
 * daylight saving time since 1951, so a fixed offset is exact for every date the holiday dataset covers.
 * (The spec cross-checks it against `Intl` with the `Asia/Tokyo` zone.)
 */
const TOKYO_UTC_OFFSET_MS = 9 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface BusinessCalendarOptions {
  /** Treat the year-end/new-year closure (12/29–1/3) as non-business days. Default `true`. */
  skipYearEnd?: boolean;
}

/** Daily send window in Tokyo wall-clock hours: `startHour` inclusive, `endHour` exclusive (0 ≤ start < end ≤ 24). */
export interface SendWindow {
  startHour: number;
  endHour: number;
}

const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(holidayJp.holidays));
const HOLIDAY_YEARS = (() => {
  const years = [...HOLIDAYS].map((d) => Number(d.slice(0, 4)));
  return { first: Math.min(...years), last: Math.max(...years) };
})();

/** Years for which the holiday dataset is known; business-day questions outside them throw a RangeError. */
export const HOLIDAY_DATA_YEARS: Readonly<{ first: number; last: number }> = Object.freeze(HOLIDAY_YEARS);

/** Milliseconds since the epoch of midnight UTC of the plain date; throws on a malformed or impossible date. */
function parsePlainDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return ms;
  }
  throw new RangeError(`Invalid date "${date}": expected an existing day as YYYY-MM-DD`);
}

function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid instant: expected a valid Date');
  }
}

/** `date` plus `n` calendar days. */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Invalid day count ${n}: expected an integer`);
  return formatUtcDate(parsePlainDate(date) + n * DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((parsePlainDate(to) - parsePlainDate(from)) / DAY_MS);
}

/** The Tokyo calendar day (`YYYY-MM-DD`) of an absolute instant. */
export function tokyoDate(instant: Date): string {
  assertInstant(instant);
  return formatUtcDate(instant.getTime() + TOKYO_UTC_OFFSET_MS);
}

/** The absolute instant of `hour`:00 Tokyo time on the plain date `date` (hour 24 = next midnight). */
export function tokyoInstant(date: string, hour: number): Date {
  return new Date(parsePlainDate(date) + hour * HOUR_MS - TOKYO_UTC_OFFSET_MS);
}

/** Milliseconds elapsed since Tokyo midnight at `instant`. */
function tokyoTimeOfDayMs(instant: Date): number {
  const ms = (instant.getTime() + TOKYO_UTC_OFFSET_MS) % DAY_MS;
  return ms < 0 ? ms + DAY_MS : ms;
}

/** A date outside the years the holiday dataset covers: no business day can be decided there. */
export class HolidayDataRangeError extends RangeError {}

function assertCovered(date: string): void {
  const year = Number(date.slice(0, 4));
  if (year < HOLIDAY_DATA_YEARS.first || year > HOLIDAY_DATA_YEARS.last) {
    throw new HolidayDataRangeError(
      `No Japanese holiday data for ${date} (covered: ${HOLIDAY_DATA_YEARS.first}–${HOLIDAY_DATA_YEARS.last})`,
    );
  }
}

/** A national holiday per the library's dataset (substitute and citizens' holidays included). */
export function isJapaneseHoliday(date: string): boolean {
  parsePlainDate(date);
  assertCovered(date);
  return HOLIDAYS.has(date);
}

/** 12/29 to 1/3: the customary year-end/new-year closure (年末年始休業) of Japanese companies. */
export function isYearEndClosure(date: string): boolean {
  parsePlainDate(date);
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}

/** Not a Saturday or Sunday, not a public holiday and, unless `skipYearEnd: false`, not 12/29–1/3. */
export function isBusinessDay(date: string, opts: BusinessCalendarOptions = {}): boolean {
  const weekday = new Date(parsePlainDate(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (isJapaneseHoliday(date)) return false;
  return !((opts.skipYearEnd ?? true) && isYearEndClosure(date));
}

/** `date` itself when it is a business day, else the first business day after it. */
export function businessDayOnOrAfter(date: string, opts: BusinessCalendarOptions = {}): string {
  let d = date;
  while (!isBusinessDay(d, opts)) d = addCalendarDays(d, 1);
  return d;
}

/**
 * Moves `n` business days from `date` (backwards when `n` is negative). Only business days are counted, so the
 * result is always a business day, even when `date` is not one; `n = 0` returns `date` unchanged.
 */
export function addBusinessDays(date: string, n: number, opts: BusinessCalendarOptions = {}): string {
  if (!Number.isInteger(n)) throw new RangeError(`Invalid business-day count ${n}: expected an integer`);
  parsePlainDate(date);
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0;) {
    d = addCalendarDays(d, step);
    if (isBusinessDay(d, opts)) left--;
  }
  return d;
}

/** Throws unless the window is whole hours with 0 ≤ startHour < endHour ≤ 24. */
export function assertSendWindow(window: SendWindow): void {
  const { startHour, endHour } = window;
  if (
    !Number.isInteger(startHour) ||
    !Number.isInteger(endHour) ||
    startHour < 0 ||
    endHour > 24 ||
    startHour >= endHour
  ) {
    throw new RangeError(
      `Invalid send window ${startHour}–${endHour}: expected whole hours with 0 ≤ startHour < endHour ≤ 24`,
    );
  }
}

/**
 * The earliest instant at or after `now` when a reminder may go out: `now` itself when it falls inside the window
 * (start inclusive, end exclusive) on a Tokyo business day; otherwise the window start of that day (if still to
 * come) or of the next business day.
 */
export function nextSendSlot(now: Date, window: SendWindow, opts: BusinessCalendarOptions = {}): Date {
  assertInstant(now);
  assertSendWindow(window);
  const today = tokyoDate(now);
  if (isBusinessDay(today, opts)) {
    const t = tokyoTimeOfDayMs(now);
    if (t < window.startHour * HOUR_MS) return tokyoInstant(today, window.startHour);
    if (t < window.endHour * HOUR_MS) return new Date(now.getTime());
  }
  return tokyoInstant(addBusinessDays(today, 1, opts), window.startHour);
}
