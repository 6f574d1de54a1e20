import { describe, expect, it } from 'vitest';
import { RuleViolationError } from '../../lambdas/domain/errors';
import {
  accountingRetention,
  advertisingOptOut,
  breachNotice,
  canExtend,
  dueBy,
  extendedDueBy,
  privacyRequestTypes,
  requestDeadlines,
  termEnd,
  unlawfulProcessing,
  type PrivacyRequestType,
} from '../../lambdas/domain/privacy/legal-deadlines';
import { CalendarMissingError } from '../../lambdas/domain/privacy/working-days';

/** An instant at the given Moscow wall-clock time (Moscow is UTC+3 all year). */
const msk = (date: string, time = '12:00:00'): Date => new Date(`${date}T${time}+03:00`);
/** A due date on this Moscow date: 23:59:59.999 Moscow, as an ISO string in UTC. */
const endOfDay = (date: string): string => new Date(`${date}T23:59:59.999+03:00`).toISOString();
const due = (type: PrivacyRequestType, received: Date): string => dueBy(type, received).toISOString();

describe('the legal numbers, as legal.md states them', () => {
  it('keeps the request deadlines', () => {
    expect(requestDeadlines.access.complete.term).toEqual({ unit: 'working_days', count: 10 });
    expect(requestDeadlines.access.extension).toMatchObject({
      term: { unit: 'working_days', count: 5 },
      times: 1,
      requires: 'reasoned_notice',
    });
    expect(requestDeadlines.rectify.complete.term).toEqual({ unit: 'working_days', count: 7 });
    expect(requestDeadlines.rectify.atOnce).toEqual(['block']);
    expect(requestDeadlines.destroy.complete.term).toEqual({ unit: 'working_days', count: 7 });
    expect(requestDeadlines.block.complete.term).toEqual({ unit: 'immediately' });
    expect(requestDeadlines.stop_processing.complete).toMatchObject({ term: { unit: 'working_days', count: 10 }, confirmed: false });
    expect(requestDeadlines.stop_processing.extension).toMatchObject({ term: { count: 5 }, times: 1, confirmed: false });
    expect(requestDeadlines.withdraw_consent.complete.term).toEqual({ unit: 'calendar_days', count: 30 });
    expect(requestDeadlines.withdraw_consent.atOnce).toEqual(['stop_processing']);
  });

  it('keeps the other numbers, the (?) ones marked unconfirmed', () => {
    expect(unlawfulProcessing.stop).toMatchObject({ term: { unit: 'working_days', count: 3 }, confirmed: false });
    expect(unlawfulProcessing.destroy).toMatchObject({ term: { unit: 'working_days', count: 10 }, confirmed: false });
    expect(breachNotice.first.term).toEqual({ unit: 'hours', count: 24 });
    expect(breachNotice.investigationResults.term).toEqual({ unit: 'hours', count: 72 });
    expect(accountingRetention.term).toEqual({ unit: 'years_after_year_end', count: 5 });
    expect(advertisingOptOut.ownSends.term).toEqual({ unit: 'immediately' });
    expect(advertisingOptOut.contractors.term).toEqual({ unit: 'calendar_days', count: 3 });
  });

  it('names a source for every number', () => {
    const terms = [
      ...privacyRequestTypes.flatMap((t) => {
        const d = requestDeadlines[t];
        return d.extension ? [d.complete, d.extension] : [d.complete];
      }),
      ...Object.values(unlawfulProcessing),
      ...Object.values(breachNotice),
      accountingRetention,
      ...Object.values(advertisingOptOut),
    ];
    for (const t of terms) expect(t.source).toMatch(/152-FZ|402-FZ|38-FZ|policy/);
  });
});

describe('dueBy across the New Year holidays', () => {
  const received = msk('2025-12-29', '10:00:00'); // Monday

  it('access: 10 working days', () => {
    // Tue 30 Dec (1); 31 Dec – 11 Jan off; Mon 12 (2) … Fri 16 (6), Mon 19 (7) … Thu 22 Jan (10).
    expect(due('access', received)).toBe(endOfDay('2026-01-22'));
    expect(due('access', received)).toBe('2026-01-22T20:59:59.999Z');
  });

  it('rectify and destroy: 7 working days', () => {
    // Tue 30 Dec (1), Mon 12 (2), Tue 13 (3), Wed 14 (4), Thu 15 (5), Fri 16 (6), Mon 19 Jan (7).
    expect(due('rectify', received)).toBe(endOfDay('2026-01-19'));
    expect(due('destroy', received)).toBe(endOfDay('2026-01-19'));
  });

  it('stop_processing: 10 working days', () => {
    expect(due('stop_processing', received)).toBe(endOfDay('2026-01-22'));
  });

  it('withdraw_consent: 30 calendar days, holidays counted like any day', () => {
    // 29 Dec + 30 days = 28 Jan 2026; a count of 30 working days would end on Thu 19 Feb.
    expect(due('withdraw_consent', received)).toBe(endOfDay('2026-01-28'));
  });

  it('block: at once', () => {
    expect(dueBy('block', received).getTime()).toBe(received.getTime());
  });
});

describe('dueBy across the May holidays', () => {
  it('2025: 1–4 and 8–11 May off', () => {
    // Received Wed 30 Apr 2025. 1–4 May off; Mon 5 (1), Tue 6 (2), Wed 7 (3); Thu 8 (from Sun 23 Feb)
    // to Sun 11 off; Mon 12 (4), Tue 13 (5), Wed 14 (6), Thu 15 (7), Fri 16 (8), Mon 19 (9), Tue 20 May (10).
    const received = msk('2025-04-30');
    expect(due('access', received)).toBe(endOfDay('2025-05-20'));
    expect(due('rectify', received)).toBe(endOfDay('2025-05-15'));
    expect(due('destroy', received)).toBe(endOfDay('2025-05-15'));
  });

  it('2026: 1–3 and 9–11 May off', () => {
    // Received Thu 30 Apr 2026. Fri 1 – Sun 3 off; Mon 4 (1) … Fri 8 (5); Sat 9 – Mon 11 off
    // (Mon 11 moved from Sat 9 by Art. 112); Tue 12 (6), Wed 13 (7), Thu 14 (8), Fri 15 (9), Mon 18 May (10).
    const received = msk('2026-04-30');
    expect(due('access', received)).toBe(endOfDay('2026-05-18'));
    expect(due('stop_processing', received)).toBe(endOfDay('2026-05-18'));
    expect(due('rectify', received)).toBe(endOfDay('2026-05-13'));
  });
});

describe('dueBy for a request received on a Saturday', () => {
  it('starts counting on the next working day', () => {
    // Received Sat 10 Jan 2026 (still the New Year break). Mon 12 (1), Tue 13, Wed 14, Thu 15,
    // Fri 16 (5), Mon 19 (6), Tue 20 Jan (7); access: Wed 21 (8), Thu 22 (9), Fri 23 Jan (10).
    expect(due('destroy', msk('2026-01-10'))).toBe(endOfDay('2026-01-20'));
    expect(due('access', msk('2026-01-10'))).toBe(endOfDay('2026-01-23'));
  });

  it('counts a Saturday made working as a working day', () => {
    // Received Thu 30 Oct 2025: Fri 31 Oct (1), Sat 1 Nov (2, working), Sun 2 – Tue 4 off,
    // Wed 5 (3), Thu 6 (4), Fri 7 (5), Mon 10 (6), Tue 11 Nov (7).
    expect(due('rectify', msk('2025-10-30'))).toBe(endOfDay('2025-11-11'));
    // Received on that Saturday itself: the day of receipt is not counted, whether working or not.
    // Wed 5 (1), Thu 6, Fri 7, Mon 10, Tue 11, Wed 12 (6), Thu 13 Nov (7).
    expect(due('destroy', msk('2025-11-01'))).toBe(endOfDay('2025-11-13'));
  });
});

describe('extension', () => {
  it('adds 5 working days to access', () => {
    // Due Thu 22 Jan 2026 → Fri 23 (1), Mon 26 (2), Tue 27 (3), Wed 28 (4), Thu 29 Jan (5).
    const first = dueBy('access', msk('2025-12-29'));
    expect(extendedDueBy('access', first).toISOString()).toBe(endOfDay('2026-01-29'));
  });

  it('adds 5 working days to stop_processing, across a holiday', () => {
    // Received Wed 3 Jun 2026, due after 10 working days: Thu 4 (1), Fri 5 (2), Mon 8 … Thu 11 (6),
    // Fri 12 Jun off (Russia Day), Mon 15 (7), Tue 16 (8), Wed 17 (9), Thu 18 Jun (10);
    // extended: Fri 19 (1), Mon 22 … Thu 25 Jun (5).
    const first = dueBy('stop_processing', msk('2026-06-03'));
    expect(first.toISOString()).toBe(endOfDay('2026-06-18'));
    expect(extendedDueBy('stop_processing', first).toISOString()).toBe(endOfDay('2026-06-25'));
  });

  it('is refused for every other type', () => {
    for (const type of ['rectify', 'block', 'destroy', 'withdraw_consent'] as const) {
      expect(() => extendedDueBy(type, msk('2026-02-02')), type).toThrow(RuleViolationError);
      expect(canExtend(type, 0), type).toBe(false);
    }
  });

  it('is allowed once', () => {
    expect(canExtend('access', 0)).toBe(true);
    expect(canExtend('access', 1)).toBe(false);
    expect(canExtend('stop_processing', 0)).toBe(true);
    expect(canExtend('stop_processing', 1)).toBe(false);
  });
});

describe('a year without calendar data', () => {
  it('makes a working-day deadline throw CalendarMissingError rather than guess', () => {
    // Mon 20 Dec 2027: 21 … 31 Dec give only 9 working days; the 10th would be in 2028.
    expect(() => dueBy('access', msk('2027-12-20'))).toThrow(CalendarMissingError);
    expect(() => dueBy('rectify', msk('2024-12-20'))).toThrow(CalendarMissingError);
    expect(() => extendedDueBy('access', msk('2027-12-28'))).toThrow(CalendarMissingError);
  });

  it('does not affect deadlines that need no production calendar', () => {
    expect(due('withdraw_consent', msk('2027-12-20'))).toBe(endOfDay('2028-01-19'));
    expect(dueBy('block', msk('2030-01-01')).getTime()).toBe(msk('2030-01-01').getTime());
  });
});

describe('termEnd for the other numbers', () => {
  it('counts breach notices in elapsed hours', () => {
    const found = new Date('2026-03-06T22:15:00Z');
    expect(termEnd(breachNotice.first.term, found).toISOString()).toBe('2026-03-07T22:15:00.000Z');
    expect(termEnd(breachNotice.investigationResults.term, found).toISOString()).toBe('2026-03-09T22:15:00.000Z');
  });

  it('counts unlawful processing in working days', () => {
    // Found Fri 6 Mar 2026: Sat 7 – Mon 9 off; Tue 10 (1), Wed 11 (2), Thu 12 (3) … Fri 13 (4),
    // Mon 16 (5) … Fri 20 (9), Mon 23 Mar (10).
    expect(termEnd(unlawfulProcessing.stop.term, msk('2026-03-06')).toISOString()).toBe(endOfDay('2026-03-12'));
    expect(termEnd(unlawfulProcessing.destroy.term, msk('2026-03-06')).toISOString()).toBe(endOfDay('2026-03-23'));
  });

  it('keeps accounting records through the fifth year after the reporting year (Moscow)', () => {
    expect(termEnd(accountingRetention.term, msk('2025-06-01')).toISOString()).toBe(endOfDay('2030-12-31'));
    // 22:00 UTC on 31 Dec 2025 is already 1 Jan 2026 in Moscow.
    expect(termEnd(accountingRetention.term, new Date('2025-12-31T22:00:00Z')).toISOString()).toBe(endOfDay('2031-12-31'));
  });
});
