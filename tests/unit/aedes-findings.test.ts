/**
 * Issue 15, "The built-in broker" #2: the local broker panel lists the built-in broker's
 * deviations from check-findings-aedes.json (written by the known-answers test on request).
 * That list must be exactly the checks whose committed verdict is not "conforms".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckVerdictSchema } from '../../electron/contract';
import findings from '../../electron/contract/check-findings-aedes.json';

describe('the built-in broker’s listed deviations', () => {
  it('are the non-conforming verdicts of the committed known answers, no more, no fewer', () => {
    const expected = JSON.parse(
      readFileSync(new URL('../fixtures/check-expected-aedes.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    const deviating = Object.entries(expected).filter(([, verdict]) => verdict !== 'conforms');
    expect(findings.deviations.map((d) => [d.id, d.verdict])).toEqual(deviating);
    for (const d of findings.deviations) {
      expect(CheckVerdictSchema.safeParse(d.verdict).success).toBe(true);
      expect(d.statement.length).toBeGreaterThan(20);
      expect(d.finding.length).toBeGreaterThan(5);
    }
  });
});
