/**
 * Opaque page cursors. A cursor is the DynamoDB key where the next page starts, base64url
 * encoded; decoding checks its shape with the index's own key schema, so a forged cursor is
 * a 422, never a DynamoDB error (and never a key outside the caller's partition).
 */
import * as z from '#system/zod';
import { validationFailed } from './problems';

export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key === undefined ? null : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const notOurs = () => validationFailed([{ path: 'query.cursor', message: 'is not a cursor this list gave out' }]);

/** Decodes a cursor; `belongs` rejects a well-formed key of someone else's list (another partition). */
export const decodeCursor = <S extends z.core.$ZodType<Record<string, unknown>>>(
  cursor: string | undefined,
  keySchema: S,
  belongs: (key: z.output<S>) => boolean = () => true,
): z.output<S> | undefined => {
  if (cursor === undefined) return undefined;
  let key: z.output<S>;
  try {
    key = z.parse(keySchema, JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw notOurs();
  }
  if (!belongs(key)) throw notOurs();
  return key;
};
