import type { SourceScanner } from './ports.js';
import { scanPaths } from '../scanner/index.js';

/**
 * The grader's SourceScanner port over src/scanner (`secrets-workbook scan`): the learner's folder,
 * `.gitignore` respected inside a repository, dependencies and binaries skipped. Findings carry
 * file, line and rule — never the value.
 */
export const sourceScanner: SourceScanner = {
  async scan(dir) {
    const result = await scanPaths(['.'], { cwd: dir });
    return result.findings.map((finding) => ({
      file: finding.file,
      line: finding.line,
      rule: finding.ruleId,
      description: finding.title,
    }));
  },
};
