import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../../lambdas/commons/http/cursor';
import { HttpProblem } from '../../lambdas/commons/http/problems';

const key = z.strictObject({ pk: z.literal('books'), id: z.string() });

describe('page cursors', () => {
  it('round-trip a key', () => {
    const cursor = encodeCursor({ pk: 'books', id: 'a' });
    expect(cursor).not.toBeNull();
    expect(decodeCursor(cursor ?? undefined, key)).toEqual({ pk: 'books', id: 'a' });
    expect(encodeCursor(undefined)).toBeNull();
  });

  it('refuse a forged or foreign cursor with a 422 naming query.cursor', () => {
    for (const forged of ['not-base64-json', encodeCursor({ pk: 'customer#other', id: 'a' }) ?? '', encodeCursor({ pk: 'books', id: 'a', extra: 1 }) ?? '']) {
      let caught: unknown;
      try {
        decodeCursor(forged, key);
      } catch (error: unknown) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(HttpProblem);
      expect((caught as HttpProblem).status).toBe(422);
      expect((caught as HttpProblem).errors?.[0]?.path).toBe('query.cursor');
    }
  });

  it("refuse a well-formed cursor of someone else's list", () => {
    const mine = z.strictObject({ customerId: z.string(), k: z.string() });
    const theirs = encodeCursor({ customerId: 'other', k: 'a' }) ?? undefined;
    expect(decodeCursor(theirs, mine, (key) => key.customerId === 'other')).toEqual({ customerId: 'other', k: 'a' });
    expect(() => decodeCursor(theirs, mine, (key) => key.customerId === 'me')).toThrow(HttpProblem);
  });
});
