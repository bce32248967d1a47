import { totals, type ChallengeCell, type ClassReport } from './class-report.js';
import { joinText, shortTime } from './report-format.js';

/**
 * The class report as one static HTML file for the projector: no script, no external resource
 * (a Content-Security-Policy forbids both), large type, high contrast, status shown as text and
 * symbol as well as colour, and a fixed table layout that wraps instead of scrolling sideways.
 * No emails: this page is meant to be shown to the room.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function formatHtml(report: ClassReport, options: { title?: string; refreshSeconds?: number } = {}): string {
  const title = options.title ?? 'Class progress';
  const sum = totals(report);
  const cards = report.challenges
    .map((challenge) => {
      const counts = sum.perChallenge[challenge]!;
      const percent = sum.students ? Math.round((counts.passed / sum.students) * 100) : 0;
      return `<section class="card" aria-label="${escapeHtml(challenge)}">
  <h2>${escapeHtml(challenge)}</h2>
  <p class="big"><strong>${counts.passed}</strong> / ${sum.students} passed</p>
  <div class="bar" role="img" aria-label="${percent}% passed"><span style="width:${percent}%"></span></div>
  <p class="counts"><span class="failing">${counts.failing} failing</span> · <span class="none">${counts.notSubmitted} not submitted</span></p>
</section>`;
    })
    .join('\n');
  const head = report.challenges.map((challenge) => `<th scope="col">${escapeHtml(challenge)}</th>`).join('');
  const rows = report.students
    .map((student) => {
      const revoked = student.access === 'revoked' ? ' <span class="tag">access revoked</span>' : '';
      // Only what needs the instructor: a joined student is the normal case.
      const joined =
        student.joined && student.joined.state !== 'joined'
          ? ` <span class="tag">${escapeHtml(joinText(student.joined))}</span>`
          : '';
      const cells = report.challenges.map((challenge) => `<td>${cell(student.results[challenge])}</td>`).join('');
      return `<tr><th scope="row"><span class="name">${escapeHtml(student.name)}</span><span class="id">${escapeHtml(student.id)}</span>${revoked}${joined}</th>${cells}</tr>`;
    })
    .join('\n');
  const empty = report.students.length === 0 ? '<p class="empty">No students provisioned yet.</p>' : '';
  const refresh = options.refreshSeconds
    ? `<meta http-equiv="refresh" content="${Math.max(5, Math.floor(options.refreshSeconds))}">\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
${refresh}<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <p class="meta">${sum.students} student${sum.students === 1 ? '' : 's'} · updated ${escapeHtml(shortTime(report.generatedAt))}</p>
</header>
<main>
<div class="cards">
${cards}
</div>
${empty}${
    report.students.length
      ? `<table>
<colgroup><col class="who">${report.challenges.map(() => '<col>').join('')}</colgroup>
<thead><tr><th scope="col">Student</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
      : ''
  }
</main>
</body>
</html>
`;
}

function cell(result: ChallengeCell | undefined): string {
  if (!result || result.state === 'not-submitted') return '<span class="badge none">— not yet</span>';
  if (result.state === 'unreadable') return '<span class="badge failing">? unreadable</span>';
  if (result.state === 'inconsistent')
    return `<span class="badge failing">? inconsistent</span><span class="detail">${escapeHtml((result.problems ?? []).join('; '))}</span>`;
  const attempts =
    result.source === 'verified' ? 'verified' : `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
  if (result.state === 'passed') {
    return `<span class="badge passed">✓ passed</span><span class="detail">${escapeHtml(shortTime(result.passedAt))} · ${attempts}</span>`;
  }
  const failed = result.failedChecks.length
    ? ` · ${escapeHtml(result.failedChecks.slice(0, 3).join(', '))}${result.failedChecks.length > 3 ? '…' : ''}`
    : '';
  return `<span class="badge failing">✗ failing</span><span class="detail">${attempts}${failed}</span>`;
}

const STYLE = `
:root { --ink: #111; --muted: #4a4a4a; --line: #c8c8c8; --passed: #0b6b2e; --passed-bg: #d9f2e1; --failing: #8a3c00; --failing-bg: #ffe8cc; --none: #555; --none-bg: #ececec; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0; padding: 1.2rem 1.6rem 2rem; font-family: "DejaVu Sans", "Segoe UI", system-ui, sans-serif; color: var(--ink); background: #fff; line-height: 1.35; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.4rem 1.2rem; margin-bottom: 1rem; }
h1 { margin: 0; font-size: 2.1rem; }
.meta { margin: 0; color: var(--muted); font-size: 1.05rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin-bottom: 1.4rem; }
.card { border: 2px solid var(--line); border-radius: 0.6rem; padding: 0.8rem 1rem; }
.card h2 { margin: 0 0 0.3rem; font-size: 1.2rem; overflow-wrap: anywhere; }
.big { margin: 0; font-size: 1.3rem; }
.big strong { font-size: 2.2rem; color: var(--passed); }
.bar { height: 0.7rem; background: var(--none-bg); border-radius: 0.35rem; overflow: hidden; margin: 0.5rem 0; }
.bar span { display: block; height: 100%; background: var(--passed); }
.counts { margin: 0; font-size: 0.95rem; color: var(--muted); }
.counts .failing { color: var(--failing); }
table { width: 100%; table-layout: fixed; border-collapse: collapse; }
col.who { width: 30%; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
thead th { position: sticky; top: 0; background: #fff; font-size: 1.05rem; border-bottom: 3px solid var(--ink); }
tbody tr:nth-child(even) { background: #f7f7f7; }
tbody th { font-weight: normal; }
.name { display: block; font-weight: 600; }
.id { display: block; color: var(--muted); font-size: 0.85rem; font-family: "DejaVu Sans Mono", monospace; }
.tag { display: inline-block; margin-top: 0.2rem; padding: 0 0.4rem; border: 1px solid var(--failing); color: var(--failing); border-radius: 0.3rem; font-size: 0.8rem; }
.badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-weight: 700; font-size: 0.95rem; white-space: nowrap; }
.badge.passed { color: var(--passed); background: var(--passed-bg); }
.badge.failing { color: var(--failing); background: var(--failing-bg); }
.badge.none { color: var(--none); background: var(--none-bg); font-weight: 600; }
.detail { display: block; margin-top: 0.15rem; color: var(--muted); font-size: 0.82rem; }
.empty { font-size: 1.3rem; color: var(--muted); }
@media print { thead th { position: static; } }
`;
