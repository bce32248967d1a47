import { totals, type ChallengeCell, type ClassReport } from './class-report.js';

/** Plain-text, CSV and JSON renderings of the class report (the HTML page is in report-html.ts). */

/** `2026-11-28T09:14:03.120Z` → `2026-11-28 09:14 UTC`. */
export function shortTime(iso: string | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

export function cellText(cell: ChallengeCell | undefined): string {
  if (!cell || cell.state === 'not-submitted') return '-';
  if (cell.state === 'unreadable') return 'unreadable';
  const tries = `${cell.attempts} attempt${cell.attempts === 1 ? '' : 's'}`;
  return cell.state === 'passed'
    ? `passed ${shortTime(cell.passedAt)} (${tries})`
    : `failing (${tries}, last ${shortTime(cell.lastSubmittedAt)})`;
}

/** A terminal table; no emails (a terminal is often on the projector too). */
export function formatTable(report: ClassReport): string {
  if (report.students.length === 0)
    return `No students yet in the class Vault at ${report.address}: run classroom provision --roster FILE.\n`;
  const header = [
    'student',
    'name',
    ...(report.students.some((s) => s.access === 'revoked') ? ['access'] : []),
    ...report.challenges,
  ];
  const withAccess = header.includes('access');
  const rows = report.students.map((student) => [
    student.id,
    student.name,
    ...(withAccess ? [student.access] : []),
    ...report.challenges.map((challenge) => cellText(student.results[challenge])),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const sum = totals(report);
  const footer = report.challenges.map((challenge) => {
    const counts = sum.perChallenge[challenge]!;
    return `${challenge}: ${counts.passed}/${sum.students} passed, ${counts.failing} failing, ${counts.notSubmitted} not submitted`;
  });
  return (
    [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), '', ...footer].join('\n') + '\n'
  );
}

/** One row per student and challenge (tidy data for a spreadsheet). */
export function formatCsv(report: ClassReport): string {
  const header = [
    'student_id',
    'name',
    'email',
    'access',
    'challenge',
    'status',
    'attempts',
    'passed_at',
    'last_submitted_at',
    'failed_checks',
  ];
  const rows = report.students.flatMap((student) =>
    report.challenges.map((challenge) => {
      const cell = student.results[challenge]!;
      return [
        student.id,
        student.name,
        student.email,
        student.access,
        challenge,
        cell.state,
        String(cell.attempts),
        cell.passedAt ?? '',
        cell.lastSubmittedAt ?? '',
        cell.failedChecks.join(' '),
      ];
    }),
  );
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * RFC 4180 quoting, and a leading `'` before text a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR): names come from the roster, not from us.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatJson(report: ClassReport): string {
  return `${JSON.stringify({ ...report, totals: totals(report) }, null, 2)}\n`;
}
