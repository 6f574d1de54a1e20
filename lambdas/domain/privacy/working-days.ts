/**
 * Working-day arithmetic for legal deadlines, on the Russian production calendar.
 *
 * Conventions (each is a legal reading; change it here, in one place, if a lawyer reads otherwise):
 * - **Moscow dates.** A day is a calendar date in Moscow time, UTC+3. Moscow has kept UTC+3 with
 *   no daylight saving since 26 October 2014, so a fixed offset is exact for every year the
 *   calendar holds and needs no time-zone database. The operator is in Moscow and federal
 *   deadlines are read on its calendar; a customer's own zone does not move them.
 * - **The day of receipt is not counted.** Counting starts on the day after the date of receipt
 *   (Civil Code Art. 191: a period runs from the day after the event that starts it). So a
 *   request received on a non-working day, or on a working day at any hour, has day 1 on the
 *   first working day after that date — the same rule for both, with no cut-off hour to dispute.
 * - **A due date is the end of its last day**: 23:59:59.999 Moscow time (Civil Code Art. 194:
 *   a period ends at 24:00 of its last day), returned as an ordinary `Date` (an instant in UTC).
 * - **No guessing.** A day in a year the calendar does not hold raises `CalendarMissingError`;
 *   treating such a year as "weekends only" would silently shorten or lengthen legal deadlines.
 *   Only the days a computation actually looks at are checked.
 *
 * Everything here is pure: no clock, no I/O. The calendar is a parameter (defaulting to the
 * official data) so the rules can be tried on any calendar.
 */
import {
  ruProductionCalendar,
  type IsoDate,
  type ProductionCalendar,
} from './calendar/ru-production-calendar';

/** The production calendar holds no data for a year a deadline needs. Add the year; never guess. */
export class CalendarMissingError extends Error {
  override readonly name = 'CalendarMissingError';
  constructor(readonly year: number) {
    super(
      `The production calendar holds no data for ${year}: add the year to ` +
        'lambdas/domain/privacy/calendar/ru-production-calendar.ts from the government decree',
    );
  }
}

const dayMs = 86_400_000;
/** Moscow is UTC+3 all year (no DST since 26.10.2014). */
const moscowOffsetMs = 3 * 3_600_000;

/** A Moscow calendar date as a count of days since 1970-01-01. */
type DayNumber = number;

const dayOf = (instant: Date): DayNumber => {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  return Math.floor((time + moscowOffsetMs) / dayMs);
};

const isoOf = (day: DayNumber): IsoDate => new Date(day * dayMs).toISOString().slice(0, 10) as IsoDate;
const yearOf = (day: DayNumber): number => new Date(day * dayMs).getUTCFullYear();
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekdayOf = (day: DayNumber): number => (((day + 4) % 7) + 7) % 7;
const endOf = (day: DayNumber): Date => new Date((day + 1) * dayMs - moscowOffsetMs - 1);

interface YearIndex {
  readonly nonWorking: ReadonlySet<string>;
  readonly working: ReadonlySet<string>;
}

const indexes = new WeakMap<ProductionCalendar, Map<number, YearIndex>>();

const yearIndex = (calendar: ProductionCalendar, year: number): YearIndex => {
  let byYear = indexes.get(calendar);
  if (!byYear) {
    byYear = new Map();
    indexes.set(calendar, byYear);
  }
  let index = byYear.get(year);
  if (!index) {
    const data = calendar[year];
    if (!data) throw new CalendarMissingError(year);
    index = { nonWorking: new Set(data.nonWorkingWeekdays), working: new Set(data.workingWeekendDays) };
    byYear.set(year, index);
  }
  return index;
};

const isWorkingDayNumber = (day: DayNumber, calendar: ProductionCalendar): boolean => {
  const { nonWorking, working } = yearIndex(calendar, yearOf(day));
  const iso = isoOf(day);
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6 ? working.has(iso) : !nonWorking.has(iso);
};

const assertCount = (n: number, min: number): void => {
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`expected a whole number of days >= ${min}, got ${n}`);
};

/** The Moscow calendar date of an instant, `YYYY-MM-DD`. */
export const moscowDate = (instant: Date): IsoDate => isoOf(dayOf(instant));

/** The end of the Moscow calendar day an instant falls on (23:59:59.999 Moscow). */
export const endOfMoscowDay = (instant: Date): Date => endOf(dayOf(instant));

/**
 * Whether the Moscow calendar date of `date` is a working day.
 * @throws CalendarMissingError when the calendar does not hold that year
 */
export const isWorkingDay = (date: Date, calendar: ProductionCalendar = ruProductionCalendar): boolean =>
  isWorkingDayNumber(dayOf(date), calendar);

/**
 * The end (23:59:59.999 Moscow) of the `n`-th working day after the Moscow date of `start`;
 * the date of `start` itself is never counted. `n` is at least 1: "at once" is not a count of
 * working days, and is the caller's to express.
 * @throws CalendarMissingError when a day to be counted lies in a year the calendar does not hold
 */
export const addWorkingDays = (start: Date, n: number, calendar: ProductionCalendar = ruProductionCalendar): Date => {
  assertCount(n, 1);
  let day = dayOf(start);
  let counted = 0;
  while (counted < n) {
    day += 1;
    if (isWorkingDayNumber(day, calendar)) counted += 1;
  }
  return endOf(day);
};

/**
 * The number of working days after the Moscow date of `a`, up to and including the Moscow date
 * of `b` — the inverse of `addWorkingDays`: `workingDaysBetween(s, addWorkingDays(s, n)) === n`.
 * Negative when `b` is on an earlier date than `a`; 0 on the same date. "Due within 2 working
 * days" is `workingDaysBetween(now, dueBy) <= 2`.
 * @throws CalendarMissingError when a counted day lies in a year the calendar does not hold
 */
export const workingDaysBetween = (a: Date, b: Date, calendar: ProductionCalendar = ruProductionCalendar): number => {
  const from = dayOf(a);
  const to = dayOf(b);
  if (to < from) return -workingDaysBetween(b, a, calendar);
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) if (isWorkingDayNumber(day, calendar)) count += 1;
  return count;
};

/**
 * The end (23:59:59.999 Moscow) of the `n`-th calendar day after the Moscow date of `start`,
 * the date of `start` not counted (Civil Code Art. 191). Needs no production calendar.
 * Deliberately NOT postponed when that day is a day off (Civil Code Art. 193 would allow it):
 * the earlier date is the one that can never be late.
 */
export const addCalendarDays = (start: Date, n: number): Date => {
  assertCount(n, 0);
  return endOf(dayOf(start) + n);
};
