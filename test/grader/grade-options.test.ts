import { describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_SECONDS, parseTimeoutSeconds } from '../../src/grader/grade-options.js';
import { UserError } from '../../src/util/errors.js';

describe('the one check of a timeout', () => {
  it('takes a positive number of seconds, as typed or as a number', () => {
    expect(parseTimeoutSeconds('30')).toBe(30);
    expect(parseTimeoutSeconds(' 2.5 ')).toBe(2.5);
    expect(parseTimeoutSeconds(0.5)).toBe(0.5);
    expect(parseTimeoutSeconds(String(MAX_TIMEOUT_SECONDS))).toBe(MAX_TIMEOUT_SECONDS);
  });

  it('refuses anything else with one message, a usage error', () => {
    for (const bad of ['0', '-5', 'abc', '', 'Infinity', 'NaN', Number.NaN, 0]) {
      expect(() => parseTimeoutSeconds(bad)).toThrow(UserError);
      expect(() => parseTimeoutSeconds(bad)).toThrow(/^--timeout needs a positive number of seconds/);
    }
  });

  it('refuses a timeout Node cannot keep: past 24.8 days a timer fires at once, which would stop the program at its start', () => {
    expect(() => parseTimeoutSeconds('1e9')).toThrow(/at most 86400/);
    expect(() => parseTimeoutSeconds(MAX_TIMEOUT_SECONDS + 1)).toThrow(UserError);
  });
});
