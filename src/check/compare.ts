import type { CheckReport, CheckResult } from '../../electron/contract';

export interface CompareRow {
  id: string;
  a: CheckResult | undefined;
  b: CheckResult | undefined;
  /** A different verdict, or a check that only one run has. */
  differs: boolean;
}

/** Two runs side by side, check by check, in the first run's order (the second's extras after). */
export function compareRuns(a: CheckReport, b: CheckReport): CompareRow[] {
  const inB = new Map(b.results.map((r) => [r.id, r]));
  const rows: CompareRow[] = a.results.map((ra) => {
    const rb = inB.get(ra.id);
    inB.delete(ra.id);
    return { id: ra.id, a: ra, b: rb, differs: rb?.verdict !== ra.verdict };
  });
  for (const rb of inB.values()) rows.push({ id: rb.id, a: undefined, b: rb, differs: true });
  return rows;
}
