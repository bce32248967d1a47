import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../util/errors.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  decodeText,
  gitTopLevel,
  listFiles,
  readTextFile,
  toDisplay,
  type ListedFile,
} from './files.js';
import { scanText } from './scan-text.js';
import type { Finding } from './types.js';

export interface ScanOptions {
  /** Folder that relative paths and displayed paths are relative to. Default: process.cwd(). */
  cwd?: string;
  /** Files larger than this are skipped (default 1 MiB). */
  maxFileBytes?: number;
  /** Skip files whose displayed path or base name equals one of these, or starts with `<entry>/`. */
  exclude?: readonly string[];
  /**
   * Also scan what is skipped by default: the folders a walk does not enter (node_modules,
   * vendor, dist, build, …) and files over the size limit. Binary files stay skipped.
   */
  all?: boolean;
}

/** Why a path was not scanned. */
export type SkipReason = 'binary' | 'too-large' | 'not-a-file' | 'unreadable' | 'excluded-folder';

/** A file, or a whole folder (`excluded-folder`, with the number of files in it), not scanned. */
export interface SkippedFile {
  file: string;
  reason: SkipReason;
  /** For a folder: how many files it holds. */
  files?: number;
}

export interface ScanResult {
  findings: Finding[];
  filesScanned: number;
  skipped: SkippedFile[];
}

/**
 * Scans files and folders for hardcoded secrets. A folder inside a git work tree is listed with
 * `git ls-files` (so .gitignore applies); otherwise it is walked, skipping node_modules, .git,
 * vendor, dist, … (unless `all`). A file named explicitly is always scanned. Skipped folders (with
 * their file counts), binary files and files over the size limit are reported in `skipped`. A
 * missing path throws a UserError (exit 2).
 */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const targets: ListedFile[] = [];
  const result: ScanResult = { findings: [], filesScanned: 0, skipped: [] };
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UserError(`no such file or folder: ${given}`);
    if (info.isDirectory()) {
      const listing = await listFiles(absolute, cwd, options.all);
      targets.push(...listing.files);
      for (const folder of listing.skippedFolders)
        result.skipped.push({ file: folder.display, reason: 'excluded-folder', files: folder.files });
    } else targets.push({ path: absolute, display: toDisplay(absolute, cwd) });
  }
  const maxBytes = options.all ? Infinity : (options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.path) || isExcluded(target.display, options.exclude)) continue;
    seen.add(target.path);
    const outcome = await readTextFile(target.path, maxBytes);
    if ('skipped' in outcome) {
      // Tracked files deleted from the work tree are listed by git; they are not worth a line.
      if (outcome.skipped !== 'unreadable' || (await stat(target.path).catch(() => undefined))) {
        result.skipped.push({ file: target.display, reason: outcome.skipped });
      }
      continue;
    }
    result.filesScanned++;
    result.findings.push(...scanText(outcome.text, { file: target.display }));
  }
  return result;
}

/**
 * Scans what is staged in the git repository containing `cwd` — the index version of each added,
 * copied, modified or renamed file (`git show :path`), which is what a commit would record.
 * Not a repository → UserError (exit 2).
 */
export async function scanStaged(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const top = await gitTopLevel(cwd);
  if (!top) throw new UserError('not a git repository (--staged scans what `git commit` would record)');
  const { stdout } = await execa('git', ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], {
    cwd: top,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  const result: ScanResult = { findings: [], filesScanned: 0, skipped: [] };
  const maxBytes = options.all ? Infinity : (options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  for (const file of stdout.split('\0').filter(Boolean)) {
    const display = toDisplay(resolve(top, file), cwd);
    if (isExcluded(display, options.exclude)) continue;
    const shown = await execa('git', ['show', `:${file}`], {
      cwd: top,
      encoding: 'buffer',
      reject: false,
      stdin: 'ignore',
      stripFinalNewline: false,
    });
    if (shown.exitCode !== 0) {
      result.skipped.push({ file: display, reason: 'unreadable' });
      continue;
    }
    const content = Buffer.from(shown.stdout);
    const outcome = content.length > maxBytes ? ({ skipped: 'too-large' } as const) : decodeText(content);
    if ('skipped' in outcome) {
      result.skipped.push({ file: display, reason: outcome.skipped });
      continue;
    }
    result.filesScanned++;
    result.findings.push(...scanText(outcome.text, { file: display }));
  }
  return result;
}

function isExcluded(display: string, exclude: readonly string[] | undefined): boolean {
  if (!exclude?.length) return false;
  const base = display.slice(display.lastIndexOf('/') + 1);
  return exclude.some(
    (entry) => display === entry || base === entry || display.startsWith(`${entry.replace(/\/$/, '')}/`),
  );
}
