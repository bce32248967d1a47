import { describe, expect, test } from 'vitest';
import { scanText } from '../../../src/scanner/scan-text.js';

/** A named text (made fresh for each try, values random) in a file, and the rule that must report it. */
export type FoundCase = [name: string, file: string, text: () => string, rule: string];
/** A named text in a file that nothing may report. */
export type QuietCase = [name: string, file: string, text: () => string];

/** Each case's text, made `tries` times, is reported by its rule. */
export function describeFound(title: string, cases: FoundCase[], tries = 5): void {
  describe(title, () => {
    test.each(cases)('%s', (_name, file, make, rule) => {
      for (let i = 0; i < tries; i++) {
        const text = make();
        expect(
          scanText(text, { file }).map((finding) => finding.ruleId),
          text,
        ).toContain(rule);
      }
    });
  });
}

/** Each case's text, made `tries` times, gives no finding at all. */
export function describeQuiet(title: string, cases: QuietCase[], tries = 1): void {
  describe(title, () => {
    test.each(cases)('%s', (_name, file, make) => {
      for (let i = 0; i < tries; i++) {
        const text = make();
        expect(scanText(text, { file }), text).toEqual([]);
      }
    });
  });
}
