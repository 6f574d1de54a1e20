/**
 * k-anonymity by suppression (issue 7 point 3), pure. Rows are grouped into equivalence classes by
 * their quasi-identifiers; a class is released only if its rows come from at least k DISTINCT
 * people (pseudonyms). Counting rows would not do: k rows of one customer protect no one, since
 * anyone who knows one of them knows the whole class is that customer. Every other class is
 * suppressed whole.
 */

export interface KAnonymityResult<R> {
  readonly released: readonly R[];
  readonly suppressed: readonly R[];
  readonly classesReleased: number;
  readonly classesSuppressed: number;
}

/**
 * Splits `rows` into released and suppressed: a row is released iff its class (the rows with
 * equal `quasiIdentifiers` values) holds rows of at least `k` distinct `person(row)` values.
 */
export const kAnonymise = <R>(
  rows: readonly R[],
  quasiIdentifiers: readonly (keyof R)[],
  k: number,
  person: (row: R) => string,
): KAnonymityResult<R> => {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
  const classes = new Map<string, { rows: R[]; people: Set<string> }>();
  for (const row of rows) {
    const key = JSON.stringify(quasiIdentifiers.map((q) => row[q]));
    let found = classes.get(key);
    if (found === undefined) {
      found = { rows: [], people: new Set() };
      classes.set(key, found);
    }
    found.rows.push(row);
    found.people.add(person(row));
  }
  const released: R[] = [];
  const suppressed: R[] = [];
  let classesReleased = 0;
  let classesSuppressed = 0;
  for (const found of classes.values()) {
    if (found.people.size >= k) {
      released.push(...found.rows);
      classesReleased += 1;
    } else {
      suppressed.push(...found.rows);
      classesSuppressed += 1;
    }
  }
  return { released, suppressed, classesReleased, classesSuppressed };
};
