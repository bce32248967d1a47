/**
 * Secret detection, used by the grader and by `secrets-workbook scan` / `hook`.
 *
 * - Source scanner: `scanText` (one text, pure), `scanPaths` (files and folders), `scanStaged`
 *   (what `git commit` would record). Findings never carry a secret value.
 * - Leak detector: `LeakDetector` (streamed program output, bounded memory) and `findLeaks`.
 * - Corpus generator: in `./corpus/index.js` (`generateCorpus`, `writeCorpus`, `scoreDetections`).
 */
export { scanText, type ScanTextOptions } from './scan-text.js';
export {
  scanPaths,
  scanStaged,
  type ScanOptions,
  type ScanResult,
  type SkippedFile,
  type SkipReason,
} from './scan-paths.js';
export { formatFinding, formatSkipped, formatSummary } from './format.js';
export { rules } from './rules/index.js';
export { shannonEntropy } from './entropy.js';
export { ALLOW_LINE_MARKERS, ALLOW_NEXT_LINE_MARKER, ALLOW_FILE_MARKER, isPlaceholder } from './placeholders.js';
export { CORPUS_CATEGORIES, type Finding, type SecretCategory, type CorpusCategory, type Rule } from './types.js';
export {
  LeakDetector,
  findLeaks,
  type KnownSecret,
  type LeakFinding,
  type LeakDetectorOptions,
} from './leak/detector.js';
export type { LeakForm } from './leak/encodings.js';
export { SecretFragments } from './leak/fragments.js';
export { installPreCommitHook, uninstallPreCommitHook, preCommitHookPath, HOOK_MARKER } from './git-hook.js';
