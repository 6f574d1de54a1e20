import { describe, expect, it } from 'vitest';
import {
  art112Holidays,
  ruProductionCalendar,
  type IsoDate,
  type ProductionCalendar,
  type ProductionCalendarYear,
} from '../../lambdas/domain/privacy/calendar/ru-production-calendar';
import {
  CalendarMissingError,
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  moscowDate,
  workingDaysBetween,
} from '../../lambdas/domain/privacy/working-days';

/** An instant at the given Moscow wall-clock time (Moscow is UTC+3 all year). */
const msk = (date: string, time = '12:00:00'): Date => new Date(`${date}T${time}+03:00`);
/** The instant a due date on this Moscow date must be: 23:59:59.999 Moscow, in UTC. */
const endOfDay = (date: string): string => new Date(`${date}T23:59:59.999+03:00`).toISOString();

/** Sunday = 0 … Saturday = 6, of a calendar date. */
const weekday = (date: IsoDate): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: IsoDate): boolean => weekday(date) === 0 || weekday(date) === 6;
const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) as IsoDate;

const years: readonly ProductionCalendarYear[] = Object.values(ruProductionCalendar);

describe('the production calendar, as data', () => {
  it('holds 2025 and 2026 from their decrees and 2027 as provisional', () => {
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'provisional'],
    ]);
    expect(ruProductionCalendar[2025]?.source).toMatchObject({ number: '1335', signed: '2024-10-04' });
    expect(ruProductionCalendar[2026]?.source).toMatchObject({ number: '1466', signed: '2025-09-24' });
    for (const y of years) {
      if (y.status === 'official') expect(y.source.signed, `${y.year} names its decree`).not.toBeNull();
      else expect(y.source.note, `${y.year} says what is to be confirmed`).toBeTruthy();
    }
  });

  describe.each(years.map((y) => [y.year, y] as const))('%i is internally consistent', (year, data) => {
    const nonWorking = new Set<IsoDate>(data.nonWorkingWeekdays);
    const working = new Set<IsoDate>(data.workingWeekendDays);
    const all = [...data.nonWorkingWeekdays, ...data.workingWeekendDays, ...data.transfers.flatMap((t) => [t.from, t.to])];
    const holidays = art112Holidays.map((md) => `${year}-${md}` as IsoDate);
    const isOff = (date: IsoDate): boolean => (isWeekend(date) ? !working.has(date) : nonWorking.has(date));

    it('is filed under its own year, with only real dates of that year and no repeats', () => {
      expect(ruProductionCalendar[year]).toBe(data);
      expect(data.year).toBe(year);
      for (const date of all) {
        expect(date.startsWith(`${year}-`), date).toBe(true);
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), date).toBe(date);
      }
      expect(nonWorking.size).toBe(data.nonWorkingWeekdays.length);
      expect(working.size).toBe(data.workingWeekendDays.length);
    });

    it('lists no date as both non-working and working', () => {
      for (const date of working) expect(nonWorking.has(date), date).toBe(false);
    });

    it('lists only Mon–Fri as non-working weekdays and only Sat/Sun as working weekend days', () => {
      for (const date of nonWorking) expect(isWeekend(date), `${date} is a weekday`).toBe(false);
      for (const date of working) expect(isWeekend(date), `${date} is a weekend day`).toBe(true);
    });

    it('keeps every Art. 112 holiday off: listed when on a weekday, never made working when on a weekend', () => {
      for (const date of holidays) {
        if (isWeekend(date)) expect(working.has(date), date).toBe(false);
        else expect(nonWorking.has(date), date).toBe(true);
        expect(isWorkingDay(msk(date)), date).toBe(false);
      }
    });

    it('explains every weekday off: an Art. 112 holiday or the target of a transfer', () => {
      const targets = new Set(data.transfers.map((t) => t.to));
      for (const date of nonWorking) expect(holidays.includes(date) || targets.has(date), date).toBe(true);
    });

    it('moves days only from a weekend holiday or a Saturday made working, onto a listed weekday', () => {
      for (const { from, to, basis } of data.transfers) {
        expect(isWeekend(from), from).toBe(true);
        expect(holidays.includes(from) || working.has(from), from).toBe(true);
        expect(nonWorking.has(to), to).toBe(true);
        if (basis === 'art112') {
          // Art. 112 part 2: to the working day next after the holiday — nothing in between works.
          expect(holidays.includes(from), from).toBe(true);
          expect(to > from, `${from} → ${to}`).toBe(true);
          for (let d = addDays(from, 1); d < to; d = addDays(d, 1)) expect(isOff(d), d).toBe(true);
        }
      }
      for (const date of working) expect(data.transfers.some((t) => t.from === date), date).toBe(true);
    });

    it('moves every weekend holiday outside 1–8 January once (Art. 112 part 2)', () => {
      for (const date of holidays.filter((d) => isWeekend(d) && !d.slice(5).startsWith('01-'))) {
        expect(data.transfers.filter((t) => t.from === date), date).toHaveLength(1);
      }
    });
  });

  it('gives the official counts of working days: 247 in 2025 and in 2026', () => {
    expect(workingDaysBetween(msk('2024-12-31'), msk('2025-12-31'))).toBe(247);
    expect(workingDaysBetween(msk('2025-12-31'), msk('2026-12-31'))).toBe(247);
    // 2027 (provisional): 261 weekdays − 13 days off + Saturday 13 November = 249. The decree will
    // most likely place Saturday 2 and Sunday 3 January on two weekdays, giving 247.
    expect(workingDaysBetween(msk('2026-12-31'), msk('2027-12-31'))).toBe(249);
  });
});

describe('isWorkingDay', () => {
  it('reads weekends, holidays and transfers', () => {
    expect(isWorkingDay(msk('2025-11-01'))).toBe(true); // Saturday made working (→ Mon 3 Nov)
    expect(isWorkingDay(msk('2025-11-03'))).toBe(false); // Monday off, moved from Sat 1 Nov
    expect(isWorkingDay(msk('2025-11-04'))).toBe(false); // Unity Day
    expect(isWorkingDay(msk('2025-11-05'))).toBe(true);
    expect(isWorkingDay(msk('2025-11-08'))).toBe(false); // an ordinary Saturday
    expect(isWorkingDay(msk('2025-05-08'))).toBe(false); // Thursday, moved from Sun 23 Feb
    expect(isWorkingDay(msk('2026-01-09'))).toBe(false); // Friday, moved from Sat 3 Jan
    expect(isWorkingDay(msk('2026-01-12'))).toBe(true);
    expect(isWorkingDay(msk('2026-05-08'))).toBe(true); // a shortened pre-holiday day still works
  });

  it('reads the Moscow date, not the UTC date', () => {
    // 2025-11-04T21:00Z is 00:00 on Wednesday 5 Nov in Moscow; a millisecond earlier is still Tue 4 Nov.
    expect(isWorkingDay(new Date('2025-11-04T21:00:00.000Z'))).toBe(true);
    expect(isWorkingDay(new Date('2025-11-04T20:59:59.999Z'))).toBe(false);
    expect(moscowDate(new Date('2025-12-31T21:30:00Z'))).toBe('2026-01-01');
  });

  it('refuses a year the calendar does not hold', () => {
    expect(() => isWorkingDay(msk('2024-06-03'))).toThrow(CalendarMissingError);
    expect(() => isWorkingDay(msk('2028-01-10'))).toThrow(/no data for 2028/);
  });
});

describe('addWorkingDays', () => {
  it('skips the New Year holidays 2025/2026', () => {
    // Received Mon 29 Dec 2025. Day 1 Tue 30 Dec; Wed 31 Dec off (from Sun 5 Jan 2025);
    // 1–11 Jan off (1–8 holidays, Fri 9 Jan from Sat 3 Jan, weekends); then Mon 12 (2), Tue 13 (3),
    // Wed 14 (4), Thu 15 (5), Fri 16 (6), Mon 19 (7), Tue 20 (8), Wed 21 (9), Thu 22 Jan (10).
    expect(addWorkingDays(msk('2025-12-29', '10:00:00'), 10).toISOString()).toBe(endOfDay('2026-01-22'));
    expect(addWorkingDays(msk('2025-12-29'), 1).toISOString()).toBe(endOfDay('2025-12-30'));
    expect(addWorkingDays(msk('2025-12-29'), 2).toISOString()).toBe(endOfDay('2026-01-12'));
  });

  it('never counts the day of receipt, whatever the hour', () => {
    const due = endOfDay('2026-01-22');
    expect(addWorkingDays(msk('2025-12-29', '00:00:00'), 10).toISOString()).toBe(due);
    expect(addWorkingDays(msk('2025-12-29', '23:59:59'), 10).toISOString()).toBe(due);
    // 22:30 UTC on 29 Dec is 01:30 on Tue 30 Dec in Moscow: received on the 30th, so day 1 is Mon 12 Jan.
    expect(addWorkingDays(new Date('2025-12-29T22:30:00Z'), 1).toISOString()).toBe(endOfDay('2026-01-12'));
  });

  it('starts a request received on a weekend on the next working day', () => {
    // Fri 14, Sat 15 and Sun 16 Mar 2025 all have day 1 on Mon 17 Mar:
    // 17 (1), 18, 19, 20, 21 (5), 24, 25, 26, 27, Fri 28 Mar (10).
    for (const received of [msk('2025-03-14', '22:00:00'), msk('2025-03-15'), msk('2025-03-16')]) {
      expect(addWorkingDays(received, 1).toISOString()).toBe(endOfDay('2025-03-17'));
      expect(addWorkingDays(received, 10).toISOString()).toBe(endOfDay('2025-03-28'));
    }
  });

  it('counts the transferred working Saturday 1 Nov 2025', () => {
    // Received Fri 31 Oct: Sat 1 Nov (1); Sun 2, Mon 3, Tue 4 off; Wed 5 (2), Thu 6 (3).
    expect(addWorkingDays(msk('2025-10-31'), 1).toISOString()).toBe(endOfDay('2025-11-01'));
    expect(addWorkingDays(msk('2025-10-31'), 3).toISOString()).toBe(endOfDay('2025-11-06'));
  });

  it('returns the end of the last day, 23:59:59.999 Moscow, as a UTC instant', () => {
    expect(addWorkingDays(msk('2025-10-31'), 1).toISOString()).toBe('2025-11-01T20:59:59.999Z');
  });

  it('takes only a whole number of days of at least one', () => {
    expect(() => addWorkingDays(msk('2025-10-31'), 0)).toThrow(RangeError);
    expect(() => addWorkingDays(msk('2025-10-31'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('not a date'), 1)).toThrow(RangeError);
  });

  it('throws CalendarMissingError when the count runs past the last year held', () => {
    // Wed 29 Dec 2027: Thu 30 (1), Fri 31 (2), then 2028 — which the calendar does not hold.
    expect(addWorkingDays(msk('2027-12-29'), 2).toISOString()).toBe(endOfDay('2027-12-31'));
    let caught: unknown;
    try {
      addWorkingDays(msk('2027-12-29'), 3);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarMissingError);
    expect(caught).toMatchObject({ name: 'CalendarMissingError', year: 2028 });
  });

  it('uses the calendar it is given', () => {
    const only2025: ProductionCalendar = { 2025: ruProductionCalendar[2025] as ProductionCalendarYear };
    expect(addWorkingDays(msk('2025-12-29'), 1, only2025).toISOString()).toBe(endOfDay('2025-12-30'));
    expect(() => addWorkingDays(msk('2025-12-29'), 2, only2025)).toThrow(CalendarMissingError);
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays', () => {
    const received = msk('2025-12-29');
    expect(workingDaysBetween(received, msk('2026-01-22'))).toBe(10);
    for (const n of [1, 2, 5, 10, 15, 30]) expect(workingDaysBetween(received, addWorkingDays(received, n))).toBe(n);
  });

  it('is 0 on the same date and negative backwards', () => {
    expect(workingDaysBetween(msk('2026-01-22', '01:00:00'), msk('2026-01-22', '23:00:00'))).toBe(0);
    expect(workingDaysBetween(msk('2026-01-22'), msk('2025-12-29'))).toBe(-10);
    // From Mon 29 Dec to Sun 11 Jan only Tue 30 Dec works.
    expect(workingDaysBetween(msk('2025-12-29'), msk('2026-01-11'))).toBe(1);
  });

  it('throws CalendarMissingError when a counted day lies outside the calendar', () => {
    expect(() => workingDaysBetween(msk('2027-12-01'), msk('2028-01-10'))).toThrow(CalendarMissingError);
    expect(() => workingDaysBetween(msk('2024-12-01'), msk('2025-01-10'))).toThrow(CalendarMissingError);
  });
});

describe('addCalendarDays', () => {
  it('counts calendar days after the date of receipt, holidays included, ending at 23:59:59.999 Moscow', () => {
    // 29 Dec 2025 + 30 days = 28 Jan 2026.
    expect(addCalendarDays(msk('2025-12-29'), 30).toISOString()).toBe(endOfDay('2026-01-28'));
    // Needs no production calendar.
    expect(addCalendarDays(msk('2030-02-27'), 2).toISOString()).toBe(endOfDay('2030-03-01'));
  });
});
