import { safeText } from '../util/terminal-text.js';
import { listed } from '../util/text-list.js';
import { totals, type ChallengeCell, type ClassReport } from './class-report.js';
import type { JoinStatus } from './join-status.js';

/**
 * Plain-text, CSV and JSON renderings of the class report (the HTML page is in report-html.ts).
 * Every text in a result was written by a student: each cell goes through safeText, so an escape
 * sequence in a result shows as text instead of taking over the instructor's terminal.
 */

/** `2026-11-28T09:14:03.120Z` → `2026-11-28 09:14 UTC`. */
export function shortTime(iso: string | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** The report's words for whether a student has joined. */
export function joinText(status: JoinStatus | undefined): string {
  switch (status?.state) {
    case 'joined':
      return 'joined';
    case 'waiting':
      return status.handoutExpiresAt ? `not yet (handout until ${shortTime(status.handoutExpiresAt)})` : 'not yet';
    case 'expired':
      return 'handout expired';
    case 'unwrapped':
      return 'unwrapped, never logged in';
    case 'unknown':
      return 'unknown';
    default:
      return 'not joined';
  }
}

export function cellText(cell: ChallengeCell | undefined): string {
  if (!cell || cell.state === 'not-submitted') return '-';
  if (cell.state === 'unreadable') return 'unreadable';
  if (cell.state === 'inconsistent') return 'inconsistent (self-reported)';
  if (cell.source === 'verified' && cell.state === 'passed') return `passed ${shortTime(cell.passedAt)} (verified)`;
  if (cell.source === 'verified')
    return `failing (verified ${shortTime(cell.lastSubmittedAt)})${cell.conflict ? ` CONFLICT: self-reported ${cell.selfReported}` : ''}`;
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
    ...(report.students.some((s) => s.access !== 'active') ? ['access'] : []),
    ...(report.students.some((s) => s.joined) ? ['joined'] : []),
    ...report.challenges,
  ];
  const withAccess = header.includes('access');
  const withJoined = header.includes('joined');
  const rows = report.students.map((student) =>
    [
      student.id,
      student.name,
      ...(withAccess ? [student.access] : []),
      ...(withJoined ? [joinText(student.joined)] : []),
      ...report.challenges.map((challenge) => cellText(student.results[challenge])),
    ].map(safeText),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const sum = totals(report);
  const footer = report.challenges.map((challenge) => {
    const counts = sum.perChallenge[challenge]!;
    const conflicts = counts.conflicts > 0 ? `, ${counts.conflicts} in conflict` : '';
    return `${challenge}: ${counts.passed}/${sum.students} passed, ${counts.failing} failing, ${counts.notSubmitted} not submitted${conflicts}`;
  });
  const conflicts = report.students.flatMap((student) =>
    report.challenges.filter((challenge) => student.results[challenge]?.conflict).map((c) => `${student.id} (${c})`),
  );
  const inconsistent = report.students.filter((student) =>
    Object.values(student.results).some((cell) => cell.state === 'inconsistent'),
  ).length;
  const notes = [
    'Results are self-reported unless marked verified: each student submits with their own credentials; the report checks that a result adds up, it does not re-grade it. Verified results were graded by classroom grade-all on the instructor machine.',
    ...(inconsistent > 0
      ? [
          `${inconsistent} student${inconsistent === 1 ? ' has' : 's have'} a result that does not add up (see --format json for why).`,
        ]
      : []),
    ...(conflicts.length > 0
      ? [
          `CONFLICT: ${conflicts.length} self-reported result${conflicts.length === 1 ? '' : 's'} that grade-all found failing (forged, or fixed after the grade: grade again): ${listed(conflicts)}. See --format json for each.`,
        ]
      : []),
  ];
  return (
    [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), '', ...footer, '', ...notes]
      .map(safeText)
      .join('\n') + '\n'
  );
}

/** One row per student and challenge (tidy data for a spreadsheet). */
export function formatCsv(report: ClassReport): string {
  const header = [
    'student_id',
    'name',
    'email',
    'access',
    'joined',
    'handout_expires_at',
    'challenge',
    'status',
    'attempts',
    'passed_at',
    'last_submitted_at',
    'failed_checks',
    'source',
    'self_reported_status',
    'conflict',
  ];
  const rows = report.students.flatMap((student) =>
    report.challenges.map((challenge) => {
      const cell = student.results[challenge]!;
      return [
        student.id,
        student.name,
        student.email,
        student.access,
        student.joined?.state ?? '',
        student.joined?.handoutExpiresAt ?? '',
        challenge,
        cell.state,
        String(cell.attempts),
        cell.passedAt ?? '',
        cell.lastSubmittedAt ?? '',
        cell.failedChecks.join(' '),
        cell.source ?? '',
        cell.selfReported ?? '',
        cell.conflict ?? '',
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
  const visible = safeText(value);
  const safe = /^[=+\-@]/.test(visible) ? `'${visible}` : visible;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, the C1 controls and bidi marks as they are;
 * those are escaped too (still valid JSON, the same strings once parsed).
 */
export function formatJson(report: ClassReport): string {
  const text = JSON.stringify({ ...report, totals: totals(report) }, null, 2);
  return `${text.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
