import { describe, expect, it } from 'vitest';
import { conflictWith, type ClassReport } from '../../src/classroom/class-report.js';
import { cellText, csvField, joinText, formatCsv, formatJson, formatTable } from '../../src/classroom/report-format.js';
import { escapeHtml, formatHtml } from '../../src/classroom/report-html.js';

const report: ClassReport = {
  generatedAt: '2026-11-28T10:30:00.000Z',
  address: 'http://127.0.0.1:8200',
  challenges: ['approle', 'mini-project'],
  students: [
    {
      id: 'ada',
      name: 'Ada, "the first"',
      email: 'ada@example.org',
      access: 'active',
      results: {
        approle: {
          state: 'passed',
          attempts: 2,
          passedAt: '2026-11-28T09:05:00.000Z',
          lastSubmittedAt: '2026-11-28T09:05:00.000Z',
          failedChecks: [],
        },
        'mini-project': {
          state: 'failing',
          attempts: 1,
          lastSubmittedAt: '2026-11-28T09:30:00.000Z',
          failedChecks: ['read-tls', 'exit-status'],
        },
      },
    },
    {
      id: 'bob',
      name: '=HYPERLINK("http://evil")',
      email: '',
      access: 'revoked',
      results: {
        approle: { state: 'not-submitted', attempts: 0, failedChecks: [] },
        'mini-project': { state: 'unreadable', attempts: 0, failedChecks: [] },
      },
    },
  ],
};

describe('class report formats', () => {
  it('table: one row per student, a summary per challenge, no emails', () => {
    const table = formatTable(report);
    expect(table).toMatch(/^student\s+name\s+access\s+approle\s+mini-project$/m);
    expect(table).toMatch(
      /^ada\s+Ada, "the first"\s+active\s+passed 2026-11-28 09:05 UTC \(2 attempts\)\s+failing \(1 attempt, last 2026-11-28 09:30 UTC\)$/m,
    );
    expect(table).toMatch(/^bob .* revoked\s+-\s+unreadable$/m);
    expect(table).toContain('approle: 1/2 passed, 0 failing, 1 not submitted');
    expect(table).toContain('mini-project: 0/2 passed, 2 failing, 0 not submitted');
    expect(table).not.toContain('@example.org');
  });

  it('table: an empty class says what to do', () => {
    expect(formatTable({ ...report, students: [] })).toMatch(/No students yet .* classroom provision --roster FILE/);
  });

  it('csv: one row per student and challenge, quoted, formulas defused', () => {
    const lines = formatCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'student_id,name,email,access,joined,handout_expires_at,challenge,status,attempts,passed_at,last_submitted_at,failed_checks,source,self_reported_status,conflict',
    );
    expect(lines[1]).toBe(
      'ada,"Ada, ""the first""",ada@example.org,active,,,approle,passed,2,2026-11-28T09:05:00.000Z,2026-11-28T09:05:00.000Z,,,,',
    );
    expect(lines[2]).toBe(
      'ada,"Ada, ""the first""",ada@example.org,active,,,mini-project,failing,1,,2026-11-28T09:30:00.000Z,read-tls exit-status,,,',
    );
    expect(lines[3]).toBe(`bob,"'=HYPERLINK(""http://evil"")",,revoked,,,approle,not-submitted,0,,,,,,`);
    expect(lines).toHaveLength(6);
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('plain')).toBe('plain');
  });

  it('json: the report plus totals', () => {
    const parsed = JSON.parse(formatJson(report));
    expect(parsed.students).toHaveLength(2);
    expect(parsed.totals.perChallenge['mini-project']).toEqual({
      passed: 0,
      failing: 2,
      notSubmitted: 0,
      conflicts: 0,
    });
  });

  it('html: escaped, no script, no external resource, no emails', () => {
    const html = formatHtml(
      { ...report, students: [{ ...report.students[0]!, name: '<img src=x onerror=alert(1)>' }] },
      { title: 'A & B', refreshSeconds: 30 },
    );
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toMatch(/<img|<script|<link|src=["']?http/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<title>A &#38; B</title>');
    expect(html).toContain('<meta http-equiv="refresh" content="30">');
    expect(html).not.toContain('@example.org');
    expect(escapeHtml(`'"&<>`)).toBe('&#39;&#34;&#38;&#60;&#62;');
  });

  it('joined column: table, csv, json and html say who joined and whose handout expired, escaped', () => {
    const hostile = '2026-11-29T09:00:00.000Z\u001b]0;pwned\u0007';
    const withJoined: ClassReport = {
      ...report,
      students: [
        { ...report.students[0]!, joined: { state: 'joined' } },
        { ...report.students[1]!, joined: { state: 'expired', handoutExpiresAt: hostile } },
        {
          ...report.students[0]!,
          id: 'cleo',
          name: 'Cleo',
          joined: { state: 'waiting', handoutExpiresAt: '2026-11-29T09:00:00.000Z' },
        },
      ],
    };
    const table = formatTable(withJoined);
    expect(table).toMatch(/^student\s+name\s+access\s+joined\s+approle\s+mini-project$/m);
    expect(table).toMatch(/^ada\s+.*\s+active\s+joined\s+passed/m);
    expect(table).toMatch(/^bob\s+.*\s+revoked\s+handout expired\s+-/m);
    expect(table).toMatch(/^cleo\s+Cleo\s+active\s+not yet \(handout until 2026-11-29 09:00 UTC\)\s+passed/m);
    const csv = formatCsv(withJoined).split('\r\n');
    expect(csv[3]).toMatch(/^bob,.*,revoked,expired,2026-11-29T09:00:00\.000Z\\u001b\]0;pwned\\u0007,approle,/);
    expect(csv[5]).toMatch(/^cleo,Cleo,ada@example\.org,active,waiting,2026-11-29T09:00:00\.000Z,approle,/);
    expect(JSON.parse(formatJson(withJoined)).students[1].joined).toEqual({
      state: 'expired',
      handoutExpiresAt: hostile,
    });
    const html = formatHtml(withJoined);
    expect(html).toContain('<span class="tag">handout expired</span>');
    expect(html).toContain('<span class="tag">not yet (handout until 2026-11-29 09:00 UTC)</span>');
    for (const output of [table, csv.join('\n'), formatJson(withJoined), html]) {
      expect(output).not.toContain('\u001b');
      expect(output).not.toContain('\u0007');
    }
    expect(joinText({ state: 'unwrapped' })).toBe('unwrapped, never logged in');
    expect(joinText({ state: 'not-joined' })).toBe('not joined');
    expect(joinText({ state: 'unknown' })).toBe('unknown');
  });

  it('cellText covers every state', () => {
    expect(cellText(undefined)).toBe('-');
    expect(cellText({ state: 'passed', attempts: 1, passedAt: '2026-11-28T09:05:00.000Z', failedChecks: [] })).toBe(
      'passed 2026-11-28 09:05 UTC (1 attempt)',
    );
  });
});

describe('self-reported against verified', () => {
  const passedByStudent = {
    state: 'passed' as const,
    source: 'self-reported' as const,
    attempts: 1,
    passedAt: '2026-11-28T09:00:00.000Z',
    lastSubmittedAt: '2026-11-28T09:00:00.000Z',
    failedChecks: [],
  };

  it('a pass reported before the verified failure contradicts it; one reported after asks for a new grade', () => {
    expect(conflictWith(passedByStudent, '2026-11-28T10:00:00.000Z')).toBe('self-reported passed, verified failing');
    expect(conflictWith(passedByStudent, '2026-11-28T08:00:00.000Z')).toBe(
      'self-reported passed after the verified grade found it failing: grade again',
    );
    expect(
      conflictWith(
        { state: 'inconsistent', attempts: 0, failedChecks: [], problems: ['passed with failing or no checks'] },
        '2026-11-28T10:00:00.000Z',
      ),
    ).toBe('self-reported result does not add up (passed with failing or no checks); verified failing');
    expect(conflictWith({ ...passedByStudent, state: 'failing' }, '2026-11-28T10:00:00.000Z')).toBeUndefined();
    expect(conflictWith(undefined, '2026-11-28T10:00:00.000Z')).toBeUndefined();
  });

  it('a conflict shows in the cell, the totals, a note, the csv and the json', () => {
    const conflicted: ClassReport = {
      ...report,
      challenges: ['approle'],
      students: [
        {
          ...report.students[0]!,
          results: {
            approle: {
              state: 'failing',
              source: 'verified',
              attempts: 1,
              lastSubmittedAt: '2026-11-28T10:00:00.000Z',
              failedChecks: ['read-password'],
              selfReported: 'passed',
              conflict: 'self-reported passed, verified failing',
            },
          },
        },
      ],
    };
    const table = formatTable(conflicted);
    expect(table).toMatch(/failing \(verified 2026-11-28 10:00 UTC\) CONFLICT: self-reported passed$/m);
    expect(table).toContain('approle: 0/1 passed, 1 failing, 0 not submitted, 1 in conflict');
    expect(table).toMatch(/^CONFLICT: 1 self-reported result that grade-all found failing .*: ada \(approle\)\./m);
    expect(formatCsv(conflicted).split('\r\n')[1]).toMatch(
      /,verified,passed,"self-reported passed, verified failing"$/,
    );
    expect(JSON.parse(formatJson(conflicted)).totals.perChallenge.approle.conflicts).toBe(1);
    expect(formatTable(report)).not.toContain('CONFLICT');
  });
});
