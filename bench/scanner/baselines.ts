/**
 * The two scanners `scan` is compared with, run the way their users run them: gitleaks (its
 * release binary, built from the Go module proxy on first use and cached) over a folder, and
 * secretlint (its recommended preset, a devDependency) over every file.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { execa } from 'execa';

export const GITLEAKS_VERSION = 'v8.30.1';
const GITLEAKS_MODULE = 'github.com/zricethezav/gitleaks/v8';

export interface BaselineFinding {
  /** Path relative to the scanned folder, `/` separators. */
  file: string;
  line: number;
  endLine: number;
  rule: string;
}

/** Path of a gitleaks binary: GITLEAKS_BIN, else one built by `go install` into a cache folder. */
export async function ensureGitleaks(): Promise<string> {
  if (process.env.GITLEAKS_BIN) return process.env.GITLEAKS_BIN;
  const cache = process.env.SW_BENCH_CACHE ?? join(tmpdir(), 'secrets-workbook-bench');
  const bin = join(cache, `gitleaks-${GITLEAKS_VERSION}`, 'bin');
  const binary = join(bin, 'gitleaks');
  if (!existsSync(binary)) {
    await mkdir(bin, { recursive: true });
    process.stderr.write(`building gitleaks ${GITLEAKS_VERSION} from the Go module proxy (once)…\n`);
    await execa('go', ['install', `${GITLEAKS_MODULE}@${GITLEAKS_VERSION}`], {
      env: { GOBIN: bin, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return binary;
}

/** `gitleaks dir DIR` with its default config; findings with paths relative to DIR. */
export async function runGitleaks(binary: string, dir: string): Promise<BaselineFinding[]> {
  const report = join(tmpdir(), `sw-gitleaks-${process.pid}-${Date.now()}.json`);
  try {
    await execa(binary, [
      'dir',
      dir,
      '--report-format',
      'json',
      '--report-path',
      report,
      '--exit-code',
      '0',
      '--no-banner',
      '--log-level',
      'error',
      // The same size limit as `scan` (1 MiB): gitleaks' default is none.
      '--max-target-megabytes',
      '1',
    ]);
    const found = JSON.parse(await readFile(report, 'utf8')) as Array<{
      File: string;
      StartLine: number;
      EndLine: number;
      RuleID: string;
    }>;
    return found.map((f) => ({
      file: relative(dir, f.File).split(sep).join('/'),
      line: f.StartLine,
      endLine: f.EndLine,
      rule: f.RuleID,
    }));
  } finally {
    await rm(report, { force: true });
  }
}

const secretlintConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

/** secretlint's recommended preset over each file (as `npx secretlint "**"` does, in process). */
export async function runSecretlint(
  files: ReadonlyArray<{ path: string; display: string }>,
): Promise<BaselineFinding[]> {
  const found: BaselineFinding[] = [];
  for (const file of files) {
    const content = await readFile(file.path, 'utf8');
    const result = await lintSource({
      source: { filePath: file.path, content, contentType: 'text' },
      options: { config: secretlintConfig, maskSecrets: true },
    });
    for (const message of result.messages) {
      found.push({
        file: file.display,
        line: message.loc.start.line,
        endLine: message.loc.end.line,
        rule: message.messageId ?? message.ruleId,
      });
    }
  }
  return found;
}
