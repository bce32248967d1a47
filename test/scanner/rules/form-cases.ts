import { describe, expect, test } from 'vitest';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seeded } from '../../helpers/seeded.js';

/** A named text (made for each try from its own seed: values random, runs repeatable) in a file, and the rule that must report it. */
export type FoundCase = [name: string, file: string, text: () => string, rule: string];
/** A named text in a file that nothing may report. */
export type QuietCase = [name: string, file: string, text: () => string];

/** Each case's text, made `tries` times, is reported by its rule. */
export function describeFound(title: string, cases: FoundCase[], tries = 5): void {
  describe(title, () => {
    test.each(cases)('%s', (name, file, make, rule) => {
      for (let i = 0; i < tries; i++) {
        const { value: text, note } = seeded(name, i, make);
        expect(
          scanText(text, { file }).map((finding) => finding.ruleId),
          `${text}\n${note}`,
        ).toContain(rule);
      }
    });
  });
}

/** Each case's text, made `tries` times, gives no finding at all. */
export function describeQuiet(title: string, cases: QuietCase[], tries = 1): void {
  describe(title, () => {
    test.each(cases)('%s', (name, file, make) => {
      for (let i = 0; i < tries; i++) {
        const { value: text, note } = seeded(name, i, make);
        expect(scanText(text, { file }), `${text}\n${note}`).toEqual([]);
      }
    });
  });
}
