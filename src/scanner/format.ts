import type { ScanResult, SkippedFile } from './scan-paths.js';
import type { Finding } from './types.js';

/** `file:line:col rule — preview (title, fingerprint …)`: one line per finding. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} — ${finding.preview} (${finding.title}, fingerprint ${finding.fingerprint})`;
}

const REASONS: Record<SkippedFile['reason'], string> = {
  'excluded-folder': 'folder skipped by default',
  binary: 'binary',
  'too-large': 'over 1 MiB',
  'not-a-file': 'not a regular file',
  unreadable: 'unreadable',
};

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** At most this many skipped paths are listed in text output (all of them are in --json). */
export const MAX_SKIPPED_LINES = 20;

/**
 * What was not scanned, one path per line with its reason (folders with their file counts),
 * then how to scan it anyway. Empty when nothing was skipped.
 */
export function formatSkipped(result: ScanResult): string[] {
  if (result.skipped.length === 0) return [];
  const lines = [`Skipped ${plural(result.skipped.length, 'path')}:`];
  for (const entry of result.skipped.slice(0, MAX_SKIPPED_LINES)) {
    const what = entry.reason === 'excluded-folder' ? `${entry.file}/` : entry.file;
    const count = entry.files === undefined ? '' : ` (${plural(entry.files, 'file')})`;
    lines.push(`  ${what} — ${REASONS[entry.reason]}${count}`);
  }
  if (result.skipped.length > MAX_SKIPPED_LINES)
    lines.push(`  … and ${result.skipped.length - MAX_SKIPPED_LINES} more (--json lists them all)`);
  if (result.skipped.some((s) => s.reason === 'excluded-folder' || s.reason === 'too-large'))
    lines.push('  Scan skipped folders and large files too with --all (binary files are never scanned).');
  return lines;
}

export function formatSummary(result: ScanResult): string {
  const files = new Set(result.findings.map((f) => f.file)).size;
  const scanned = `${plural(result.filesScanned, 'file')} scanned${result.skipped.length ? `, ${plural(result.skipped.length, 'path')} skipped` : ''}`;
  if (result.findings.length === 0) return `No hardcoded secrets found (${scanned}).`;
  const count = `${plural(result.findings.length, 'possible secret')} in ${plural(files, 'file')}`;
  return `${count} (${scanned}). Move secrets to environment variables or a secrets manager; mark a false positive with a "secrets-workbook:allow" comment on its line.`;
}
