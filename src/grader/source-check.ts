import type { SourceFinding, SourceScanner } from './ports.js';
import { readSourceFiles } from './source-files.js';
import { findSourceHints, type SourceHints } from './source-hints.js';

/** The source-side evidence of a grade: hard-coded secrets (the scanner) and clues for hints. */
export interface SourceCheck {
  findings: SourceFinding[];
  hints: SourceHints;
}

export async function scanSource(dir: string, scanner: SourceScanner): Promise<SourceCheck> {
  const [findings, files] = await Promise.all([scanner.scan(dir), readSourceFiles(dir)]);
  return { findings, hints: findSourceHints(files) };
}
