import { describe, expect, it } from 'vitest';
import { toJunit, toJunitError } from '../../src/grader/reporters/junit.js';
import { createPlainReporter } from '../../src/grader/reporters/plain.js';
import type { GradeReport } from '../../src/grader/report.js';

const report: GradeReport = {
  challenge: 'approle',
  passed: false,
  vault: 'binary',
  durationMs: 2345,
  checks: [
    { id: 'login', title: 'Logs in', passed: true, detail: 'logged in at 10:00:00', hint: '' },
    {
      id: 'read-password',
      title: 'Reads <the> "password"',
      passed: false,
      detail: 'it asked for secret/database/backend & more',
      hint: 'A KV v1 path without /data/',
    },
  ],
};

describe('reporters', () => {
  it('plain text: one PASS/FAIL line per check with detail and hint, colour only when asked', () => {
    let text = '';
    const reporter = createPlainReporter({ write: (chunk) => (text += chunk) });
    reporter({ type: 'status', message: 'command: app.py: python3 app.py' });
    reporter({ type: 'program-output', stream: 'stdout', line: 'hello' });
    for (const check of report.checks) reporter({ type: 'check-done', check });
    reporter({ type: 'finished', report });
    expect(text).toBe(
      [
        'command: app.py: python3 app.py',
        'program output:',
        '  | hello',
        'PASS  login  Logs in',
        '      logged in at 10:00:00',
        'FAIL  read-password  Reads <the> "password"',
        '      it asked for secret/database/backend & more',
        '      hint: A KV v1 path without /data/',
        'FAILED: approle, 1 of 2 checks passed (2.3 s, Vault: binary)',
        '',
      ].join('\n'),
    );
    let colored = '';
    createPlainReporter({ write: (chunk) => (colored += chunk), color: true })({ type: 'finished', report });
    expect(colored).toContain('\u001B[31mFAILED\u001B[0m');
  });

  it('JUnit: one suite, a test case per check, failures with detail and hint, XML-escaped', () => {
    const xml = toJunit(report);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="secrets-workbook" tests="2" failures="1" errors="0" time="2.345">/,
    );
    expect(xml).toContain(
      '<testcase classname="secrets-workbook.approle" name="read-password: Reads &lt;the&gt; &quot;password&quot;" time="0">',
    );
    expect(xml).toContain(
      '<failure message="it asked for secret/database/backend &amp; more" type="read-password">A KV v1 path without /data/</failure>',
    );
    expect((xml.match(/<testcase /g) ?? []).length).toBe(2);
    expect(toJunitError('approle', 'no challenge called "x"')).toContain(
      '<error message="no challenge called &quot;x&quot;" type="could-not-grade"/>',
    );
  });
});
