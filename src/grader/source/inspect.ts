import type { Finding, ScanFolder } from '../scanner-port.js';
import { readSourceFiles } from './files.js';
import { checkTrackedEnvFiles, type EnvFileCheck } from './git-env.js';
import { findSourceHints, type SourceHints } from './hints.js';

/**
 * What the learner's folder says, independent of any run: hard-coded secrets (src/scanner), a
 * `.env` tracked by git, and clues for the hints of failed checks (a wrong variable name, a
 * hard-coded Vault address). Started as the grade starts, awaited when the checks are judged.
 */
export interface SourceInspection {
  findings: Finding[];
  envFiles: EnvFileCheck;
  hints: SourceHints;
}

export async function inspectSource(dir: string, scanFolder: ScanFolder): Promise<SourceInspection> {
  const [findings, files, envFiles] = await Promise.all([
    scanFolder(dir),
    readSourceFiles(dir),
    checkTrackedEnvFiles(dir),
  ]);
  return { findings, envFiles, hints: findSourceHints(files) };
}
