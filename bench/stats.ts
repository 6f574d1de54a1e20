/** The few statistics the benchmark reports; medians so one noisy run does not move a figure. */

export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  // An even count averages the two middle values instead of picking one side.
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export const max = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('max of no values');
  return Math.max(...values);
};

/** Rounds for reports: enough digits to compare runs, not so many that noise looks like signal. */
export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
