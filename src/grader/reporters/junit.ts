import type { GradeReport } from '../report.js';

/**
 * JUnit XML for CI systems (GitHub Actions test reporters, GitLab, Jenkins): one test suite per
 * challenge, one test case per check; a failed check is a <failure> whose message is its detail
 * and whose body is the hint.
 */
export function toJunit(report: GradeReport): string {
  const failures = report.checks.filter((check) => !check.passed).length;
  const seconds = (report.durationMs / 1000).toFixed(3);
  const cases = report.checks.map((check) => {
    const open = `    <testcase classname="secrets-workbook.${xml(report.challenge)}" name="${xml(`${check.id}: ${check.title}`)}" time="0">`;
    if (check.passed) return `${open}\n      <system-out>${xml(check.detail)}</system-out>\n    </testcase>`;
    return `${open}\n      <failure message="${xml(check.detail)}" type="${xml(check.id)}">${xml(check.hint)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="secrets-workbook" tests="${report.checks.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="${xml(report.challenge)}" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}">`,
    `    <properties><property name="vault" value="${xml(report.vault)}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** A report for a grade that could not run (exit 2): one errored test case saying why. */
export function toJunitError(challenge: string, message: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="secrets-workbook" tests="1" failures="0" errors="1" time="0">',
    `  <testsuite name="${xml(challenge)}" tests="1" failures="0" errors="1" skipped="0" time="0">`,
    `    <testcase classname="secrets-workbook.${xml(challenge)}" name="grade" time="0">`,
    `      <error message="${xml(message)}" type="could-not-grade"/>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
