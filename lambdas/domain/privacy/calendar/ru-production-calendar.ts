/**
 * The Russian production calendar (производственный календарь), kept as data, one entry a year.
 *
 * Why data and not a rule: the weekend and the public holidays of Labour Code Art. 112 part 1
 * are fixed, but which weekdays are off is not. When a holiday falls on a weekend, Art. 112
 * part 2 moves the day off to the next working day — except for the New Year holidays (1–8
 * January), whose weekend days the government places wherever it decides; and Art. 112 part 5
 * lets the government move other days off too (a Saturday made working so a Friday can be off).
 * It does so by a decree every autumn for the next year, and the result differs from year to
 * year. No formula reproduces it, so the calendar is copied from the decree, with the decree
 * named beside it so anyone can check the copy.
 *
 * Each year lists only the exceptions to "Monday–Friday work, Saturday–Sunday rest":
 * - `nonWorkingWeekdays`: Monday–Friday dates that are off (holidays and days moved onto a weekday);
 * - `workingWeekendDays`: Saturdays/Sundays made working by a transfer.
 * `transfers` records where each moved day came from and went to; the logic does not read it,
 * the unit tests do (every day off on a weekday must be a holiday or a transfer's target).
 *
 * How to add a year (each autumn, once the decree «О переносе выходных дней в YYYY году» is
 * signed; it is published on publication.pravo.gov.ru and government.ru):
 * 1. Copy the shape of an official year below; fill `source` with the decree's number and date.
 * 2. List every Mon–Fri holiday of Art. 112 (see `art112Holidays`), every weekday a day off was
 *    moved to (by the decree, or by Art. 112 part 2 when a non-January holiday is on a weekend),
 *    and every weekend day the decree makes working; record each move in `transfers`.
 * 3. Run the unit tests (test/unit/working-days.test.ts): they check that the year is
 *    internally consistent. Check the year's count of working days against the official
 *    calendar (e.g. 247 for 2026) if you want a second witness.
 * 4. A year known only from a draft is `status: 'provisional'` and must be confirmed (and
 *    switched to 'official') by a lawyer or operator when the decree is published.
 * Deadlines falling in a year not held here fail with `CalendarMissingError` rather than
 * silently treating the year as having no holidays — so add next year before December.
 *
 * Pre-holiday shortened days (one hour shorter, Labour Code Art. 95) are still working days and
 * are not recorded.
 */

/** A calendar date, `YYYY-MM-DD`, in the Gregorian calendar (no time, no zone). */
export type IsoDate = `${number}-${number}-${number}`;

/** Where a year's data comes from. */
export interface CalendarSource {
  /** The act, as cited: «Постановление Правительства РФ … "О переносе выходных дней в … году"». */
  readonly act: string;
  /** The decree's number, or null while it is not known (a draft, or a number not yet found). */
  readonly number: string | null;
  /** The date the decree was signed, or null for a draft. */
  readonly signed: IsoDate | null;
  /** How the data was verified, and anything a reader must know before trusting it. */
  readonly note?: string;
}

/** A day off moved from one date to another. */
export interface Transfer {
  /** The weekend day (a holiday on a weekend, or a Saturday made working) whose rest moves. */
  readonly from: IsoDate;
  /** The weekday that becomes a day off instead. */
  readonly to: IsoDate;
  /** `decree`: placed by the government's decree; `art112`: the automatic Art. 112 part 2 move. */
  readonly basis: 'decree' | 'art112';
}

export interface ProductionCalendarYear {
  readonly year: number;
  /** `provisional`: a draft or the bare law; a person must confirm it when the decree is out. */
  readonly status: 'official' | 'provisional';
  readonly source: CalendarSource;
  /** Monday–Friday dates that are not working days. */
  readonly nonWorkingWeekdays: readonly IsoDate[];
  /** Saturday/Sunday dates that are working days. */
  readonly workingWeekendDays: readonly IsoDate[];
  readonly transfers: readonly Transfer[];
}

/** The calendar: one entry per year held, keyed by the year. */
export type ProductionCalendar = Readonly<Record<number, ProductionCalendarYear>>;

/**
 * The non-working public holidays of Labour Code Art. 112 part 1 (as amended by 35-FZ of
 * 23.04.2012): 1–6 and 8 January (New Year holidays), 7 January (Christmas), 23 February,
 * 8 March, 1 May, 9 May, 12 June, 4 November. As `MM-DD`.
 */
export const art112Holidays: readonly `${number}-${number}`[] = [
  '01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08',
  '02-23', '03-08', '05-01', '05-09', '06-12', '11-04',
];

const y2025: ProductionCalendarYear = {
  year: 2025,
  status: 'official',
  source: {
    act: 'Постановление Правительства РФ "О переносе выходных дней в 2025 году"',
    number: '1335',
    signed: '2024-10-04',
    note: 'Checked against the decree as reported (e.g. klerk.ru citing No. 1335 of 04.10.2024) and the published 2025 calendar.',
  },
  nonWorkingWeekdays: [
    '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-06', '2025-01-07', '2025-01-08',
    '2025-05-01', '2025-05-02', '2025-05-08', '2025-05-09',
    '2025-06-12', '2025-06-13',
    '2025-11-03', '2025-11-04',
    '2025-12-31',
  ],
  workingWeekendDays: ['2025-11-01'],
  transfers: [
    { from: '2025-01-04', to: '2025-05-02', basis: 'decree' },
    { from: '2025-01-05', to: '2025-12-31', basis: 'decree' },
    { from: '2025-02-23', to: '2025-05-08', basis: 'decree' },
    { from: '2025-03-08', to: '2025-06-13', basis: 'decree' },
    { from: '2025-11-01', to: '2025-11-03', basis: 'decree' },
  ],
};

const y2026: ProductionCalendarYear = {
  year: 2026,
  status: 'official',
  source: {
    act: 'Постановление Правительства РФ "О переносе выходных дней в 2026 году"',
    number: '1466',
    signed: '2025-09-24',
    note:
      'Signed by M. Mishustin on 24.09.2025 (government press release, TASS, RIA). The number 1466 is ' +
      'cited by secondary sources (vz.ru, profedu38.ru, kirov143.ru); confirm against ' +
      'publication.pravo.gov.ru. No working Saturdays in 2026; 247 working days.',
  },
  nonWorkingWeekdays: [
    '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09',
    '2026-02-23',
    '2026-03-09',
    '2026-05-01', '2026-05-11',
    '2026-06-12',
    '2026-11-04',
    '2026-12-31',
  ],
  workingWeekendDays: [],
  transfers: [
    { from: '2026-01-03', to: '2026-01-09', basis: 'decree' },
    { from: '2026-01-04', to: '2026-12-31', basis: 'decree' },
    { from: '2026-03-08', to: '2026-03-09', basis: 'art112' },
    { from: '2026-05-09', to: '2026-05-11', basis: 'art112' },
  ],
};

/*
 * 2027 — PROVISIONAL. No decree for 2027 had been found when this was written (searches for
 * «перенос выходных 2027», «производственный календарь 2027 утвержден» turned up only a
 * report of the draft: news.mail.ru, 28.12.2025 — 4–7 November off, Saturday 13 November a
 * working day; the final calendar "will be approved at the end of 2026"). Encoded here:
 * - Art. 112 part 1 holidays on weekdays: 1, 4–8 January; 23 February (Tue); 8 March (Mon); 4 November (Thu);
 * - Art. 112 part 2 moves of weekend holidays: Sat 1 May → Mon 3 May, Sun 9 May → Mon 10 May,
 *   Sat 12 June → Mon 14 June;
 * - the reported draft: Sat 13 November working, Fri 5 November off.
 * NOT encoded, because only the decree can place them: Saturday 2 and Sunday 3 January (New
 * Year holidays on a weekend are excluded from the automatic move). They will almost certainly
 * become weekdays off somewhere in 2027 (2021, with the same calendar, moved them to 5 November
 * and 31 December), so until the decree, deadlines in 2027 may come out one or two working days
 * EARLIER than the law allows — the safe direction for the operator.
 * A lawyer/operator must replace this entry with the decree once it is published and set
 * status 'official'.
 */
const y2027: ProductionCalendarYear = {
  year: 2027,
  status: 'provisional',
  source: {
    act: 'Labour Code Art. 112 and the reported draft decree "О переносе выходных дней в 2027 году"',
    number: null,
    signed: null,
    note: 'Draft as reported by news.mail.ru on 28.12.2025; to be confirmed when the decree is published.',
  },
  nonWorkingWeekdays: [
    '2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08',
    '2027-02-23',
    '2027-03-08',
    '2027-05-03', '2027-05-10',
    '2027-06-14',
    '2027-11-04', '2027-11-05',
  ],
  workingWeekendDays: ['2027-11-13'],
  transfers: [
    { from: '2027-05-01', to: '2027-05-03', basis: 'art112' },
    { from: '2027-05-09', to: '2027-05-10', basis: 'art112' },
    { from: '2027-06-12', to: '2027-06-14', basis: 'art112' },
    { from: '2027-11-13', to: '2027-11-05', basis: 'decree' },
  ],
};

export const ruProductionCalendar: ProductionCalendar = {
  2025: y2025,
  2026: y2026,
  2027: y2027,
};
