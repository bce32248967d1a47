import type { ScanResult } from './scan-paths.js';
import type { Finding } from './types.js';

/** `file:line:col rule — preview (title, fingerprint …)`: one line per finding. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} — ${finding.preview} (${finding.title}, fingerprint ${finding.fingerprint})`;
}

export function formatSummary(result: ScanResult): string {
  const files = new Set(result.findings.map((f) => f.file)).size;
  const scanned = `${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'} scanned${result.skipped.length ? `, ${result.skipped.length} skipped (binary or too large)` : ''}`;
  if (result.findings.length === 0) return `No hardcoded secrets found (${scanned}).`;
  const count = `${result.findings.length} possible secret${result.findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  return `${count} (${scanned}). Move secrets to environment variables or a secrets manager; mark a false positive with a "secrets-workbook:allow" comment on its line.`;
}
