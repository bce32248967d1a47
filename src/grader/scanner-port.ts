import { LeakDetector, scanPaths, type Finding, type KnownSecret } from '../scanner/index.js';

/**
 * What the grader takes from src/scanner, in the scanner's own types: a leak detector for the
 * program's output, and a scan of the learner's folder for hard-coded secrets. `GradeOptions`
 * can replace either (tests, an experimental detector); these are the defaults.
 */
export type { Finding, KnownSecret, LeakFinding } from '../scanner/index.js';
/** Parts of secrets in a line, for what is shown (the redactor), never for a verdict. */
export { SecretFragments } from '../scanner/index.js';

/** The part of src/scanner's `LeakDetector` the grader uses: streamed writes, ends, findings. */
export type OutputLeakDetector = Pick<LeakDetector, 'write' | 'end' | 'findings'>;

export type CreateLeakDetector = (secrets: readonly KnownSecret[]) => OutputLeakDetector;

/** Hard-coded secrets in a folder; findings carry file, line and rule, never the value. */
export type ScanFolder = (dir: string) => Promise<Finding[]>;

export const createLeakDetector: CreateLeakDetector = (secrets) => new LeakDetector(secrets);

/** `secrets-workbook scan` on the folder: `.gitignore` respected in a repository, dependencies and binaries skipped. */
export const scanFolder: ScanFolder = async (dir) => (await scanPaths(['.'], { cwd: dir })).findings;
