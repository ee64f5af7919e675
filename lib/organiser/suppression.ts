// Statistical confidentiality for what leaves the organisation (the edition's report,
// lib/organiser/report.ts): pure, so the rule is tested on its own.

/** Fewer people than this in a cell, and the cell is not shown (the usual threshold of statistical confidentiality). */
export const SMALL_GROUP = 10;

/**
 * Counts of people as a table may show them: under SMALL_GROUP (but not zero) → null; when that hides
 * exactly one cell, the smallest other positive cell is hidden too, so the total cannot reveal it.
 */
export function suppressSmall(counts: readonly number[]): (number | null)[] {
  const shown: (number | null)[] = counts.map((n) => (n > 0 && n < SMALL_GROUP ? null : n));
  if (shown.filter((n) => n === null).length === 1) {
    const smallest = shown
      .map((n, i) => ({ n, i }))
      .filter((c): c is { n: number; i: number } => c.n !== null && c.n > 0)
      .sort((a, b) => a.n - b.n)[0];
    if (smallest) shown[smallest.i] = null;
  }
  return shown;
}
