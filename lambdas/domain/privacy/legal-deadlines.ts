/**
 * Every legal number the system uses, in one place, each with its source — so a lawyer can
 * correct a number here without touching any logic (../../../../shared/reference/legal.md).
 *
 * `confirmed: false` marks a number legal.md flags with (?): it comes from a secondary source
 * and awaits a lawyer's confirmation against the law's current wording. The logic treats it
 * exactly like a confirmed one; the flag is for people (and could be shown in the operators' queue).
 *
 * Dates are counted as working-days.ts documents: Moscow dates, the day of receipt not
 * counted, a period ending at 23:59:59.999 Moscow of its last day.
 */
import { RuleViolationError } from '#domain/errors';
import { addCalendarDays, addWorkingDays } from './working-days';

/** How long a period is, in the unit the law states it. */
export type Term =
  | { readonly unit: 'immediately' }
  | { readonly unit: 'working_days'; readonly count: number }
  | { readonly unit: 'calendar_days'; readonly count: number }
  | { readonly unit: 'hours'; readonly count: number }
  /** Whole calendar years after the end of the (calendar) year of the event: 402-FZ's "after the reporting year". */
  | { readonly unit: 'years_after_year_end'; readonly count: number };

/** A legal number: the period, where it comes from, and whether that source is primary. */
export interface LegalTerm {
  readonly term: Term;
  readonly source: string;
  /** False where legal.md marks the number (?): a secondary source, to be confirmed by a lawyer. */
  readonly confirmed: boolean;
}

/** An extension the law allows, on a condition. */
export interface Extension extends LegalTerm {
  readonly term: { readonly unit: 'working_days'; readonly count: number };
  /** How many times a request may be extended. */
  readonly times: number;
  /** What the operator must do to extend: send the subject a notice giving the reasons. */
  readonly requires: 'reasoned_notice';
}

export const privacyRequestTypes = ['access', 'rectify', 'block', 'destroy', 'stop_processing', 'withdraw_consent'] as const;
export type PrivacyRequestType = (typeof privacyRequestTypes)[number];

export interface RequestDeadline {
  /** By when the request must be completed: this is `dueBy`. */
  readonly complete: LegalTerm;
  readonly extension?: Extension;
  /** What must happen at the moment of receipt, before completion (legal.md's "at once"). */
  readonly atOnce?: readonly ('block' | 'stop_processing')[];
}

export const requestDeadlines: Readonly<Record<PrivacyRequestType, RequestDeadline>> = {
  access: {
    // Information about the processing (Art. 14 part 7), answered within 10 working days of receipt.
    complete: { term: { unit: 'working_days', count: 10 }, source: '152-FZ Art. 14 part 3, Art. 20 part 1 (2022 wording)', confirmed: true },
    extension: {
      term: { unit: 'working_days', count: 5 },
      times: 1,
      requires: 'reasoned_notice',
      source: '152-FZ Art. 14 part 3, Art. 20 part 2 (2022 wording)',
      confirmed: true,
    },
  },
  rectify: {
    complete: { term: { unit: 'working_days', count: 7 }, source: '152-FZ Art. 20 part 3', confirmed: true },
    // The data is blocked from the request until the claim is checked.
    atOnce: ['block'],
  },
  block: {
    complete: { term: { unit: 'immediately' }, source: '152-FZ Art. 21 part 1', confirmed: true },
  },
  destroy: {
    // Data unlawfully obtained or not necessary for the stated purpose.
    complete: { term: { unit: 'working_days', count: 7 }, source: '152-FZ Art. 20 part 3', confirmed: true },
  },
  stop_processing: {
    complete: { term: { unit: 'working_days', count: 10 }, source: '152-FZ Art. 21 part 5.1', confirmed: false },
    extension: {
      term: { unit: 'working_days', count: 5 },
      times: 1,
      requires: 'reasoned_notice',
      source: '152-FZ Art. 21 part 5.1',
      confirmed: false,
    },
  },
  withdraw_consent: {
    // Processing stops at once; destruction (unless another legal basis remains, Art. 9 part 2)
    // is finished within 30 days of receipt. "Days" unqualified are calendar days.
    complete: { term: { unit: 'calendar_days', count: 30 }, source: '152-FZ Art. 21 part 5; Art. 9 part 2', confirmed: true },
    atOnce: ['stop_processing'],
  },
};

/** Processing found to be unlawful (by the operator, or on the subject's or Roskomnadzor's request). */
export const unlawfulProcessing = {
  stop: { term: { unit: 'working_days', count: 3 }, source: '152-FZ Art. 21 part 3', confirmed: false },
  /** If the processing cannot be made lawful. */
  destroy: { term: { unit: 'working_days', count: 10 }, source: '152-FZ Art. 21 part 3', confirmed: false },
} as const satisfies Record<string, LegalTerm>;

/** A breach (unlawful or accidental transfer of personal data), counted from its discovery. */
export const breachNotice = {
  /** First notice to Roskomnadzor: the incident, its presumed causes and harm, the measures taken, a contact. */
  first: { term: { unit: 'hours', count: 24 }, source: '152-FZ Art. 21 part 3.1 clause 1', confirmed: true },
  /** Results of the internal investigation, and the persons responsible if known. */
  investigationResults: { term: { unit: 'hours', count: 72 }, source: '152-FZ Art. 21 part 3.1 clause 2', confirmed: true },
} as const satisfies Record<string, LegalTerm>;

/**
 * Accounting records (orders, payments) are kept at least 5 years after the reporting year —
 * the calendar year (402-FZ Art. 15) — so an order of 2025 is kept through 31 December 2030.
 */
export const accountingRetention = {
  term: { unit: 'years_after_year_end', count: 5 },
  source: '402-FZ Art. 29 part 1',
  confirmed: true,
} as const satisfies LegalTerm;

/** Advertising opt-out (email, SMS, push). */
export const advertisingOptOut = {
  /** The operator's own sends stop on demand. */
  ownSends: { term: { unit: 'immediately' }, source: '38-FZ "On advertising" Art. 18 part 1', confirmed: true },
  /**
   * What the policy promises for contractors' mailing lists. 38-FZ says "immediately"; the
   * policy's 3 days is an outer bound the system beats by far, never a target.
   */
  contractors: { term: { unit: 'calendar_days', count: 3 }, source: 'Privacy policy 1.3.2', confirmed: true },
} as const satisfies Record<string, LegalTerm>;

const hourMs = 3_600_000;
const moscowOffsetMs = 3 * hourMs;

/**
 * When a period that starts at `from` ends. `immediately` is `from` itself; `hours` are exact
 * elapsed hours; day counts end at 23:59:59.999 Moscow of their last day (working-days.ts).
 * @throws CalendarMissingError for working days in a year the calendar does not hold
 */
export const termEnd = (term: Term, from: Date): Date => {
  switch (term.unit) {
    case 'immediately':
      return new Date(from.getTime());
    case 'working_days':
      return addWorkingDays(from, term.count);
    case 'calendar_days':
      return addCalendarDays(from, term.count);
    case 'hours':
      return new Date(from.getTime() + term.count * hourMs);
    case 'years_after_year_end': {
      const year = new Date(from.getTime() + moscowOffsetMs).getUTCFullYear();
      return new Date(Date.UTC(year + term.count + 1, 0, 1) - moscowOffsetMs - 1);
    }
  }
};

/**
 * When a privacy request received at `receivedAt` is due: the end of its legal period
 * (`block` is due at the moment of receipt).
 * @throws CalendarMissingError when the period runs into a year the calendar does not hold
 */
export const dueBy = (type: PrivacyRequestType, receivedAt: Date): Date =>
  termEnd(requestDeadlines[type].complete.term, receivedAt);

/** Whether a request of this type may be extended once more, having been extended `timesExtended` times. */
export const canExtend = (type: PrivacyRequestType, timesExtended: number): boolean => {
  const extension = requestDeadlines[type].extension;
  return extension !== undefined && timesExtended < extension.times;
};

/**
 * The due date after an extension: the extension's working days counted after the current due
 * date (whose own day is not counted again). How many times a request was already extended is
 * the request's state: check it with `canExtend`.
 * @throws RuleViolationError for a type the law does not let the operator extend
 * @throws CalendarMissingError when the period runs into a year the calendar does not hold
 */
export const extendedDueBy = (type: PrivacyRequestType, currentDueBy: Date): Date => {
  const extension = requestDeadlines[type].extension;
  if (!extension) {
    throw new RuleViolationError(`a ${type} request cannot be extended`, [
      { path: 'type', message: `the law allows no extension for ${type}` },
    ]);
  }
  return termEnd(extension.term, currentDueBy);
};
