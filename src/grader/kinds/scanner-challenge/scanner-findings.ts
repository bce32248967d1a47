import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Reads a learner's scanner output (stdout), line by line: one finding per line,
 * `<path>:<line>` optionally followed by `:<category>`, then optionally a space and anything.
 * Other lines are ignored (a summary, a banner). Paths are resolved against the folder the program
 * ran in and mapped to the corpus; an existing file outside the corpus is a file it was not given. Memory is
 * bounded: findings up to MAX_FINDINGS (lines are cut by program/line-splitter.ts).
 */
export interface ReportedFinding {
  /** Corpus-relative, `/`-separated. */
  file: string;
  line: number;
  category?: string;
}

const FINDING = /^(.+?):(\d+)(?::([A-Za-z][A-Za-z0-9_.-]*))?(?=$|[\s:,;])/;
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const MAX_FINDINGS = 100_000;
const MAX_OUTSIDE_EXAMPLES = 5;
const MAX_OUTSIDE_CHECKS = 1_000;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** True for a line in the finding format (`<path>:<line>…`), whatever file it names. */
export function isFindingLine(line: string): boolean {
  return FINDING.test(line.replace(ANSI, '').trimStart());
}

export class FindingsParser {
  readonly findings = new Map<string, ReportedFinding>();
  /** Paths it reported that are not corpus files (displayed relative to the program's folder). */
  readonly outside: string[] = [];
  outsideCount = 0;
  #statted = 0;

  constructor(
    private readonly corpusDir: string,
    private readonly programDir: string,
    private readonly corpusFiles: ReadonlySet<string>,
  ) {}

  line(raw: string): void {
    const match = FINDING.exec(raw.replace(ANSI, '').trimStart());
    if (!match) return;
    const [, path, line, category] = match;
    const file = this.#corpusPath(path!);
    if (file === undefined) {
      // Only an existing file counts as one it was not given; `Time: 12:30` is just chatter.
      if (this.#statted >= MAX_OUTSIDE_CHECKS) return;
      this.#statted++;
      if (!isFile(isAbsolute(path!) ? path! : resolve(this.programDir, path!))) return;
      this.outsideCount++;
      const shown = displayPath(path!, this.programDir);
      if (this.outside.length < MAX_OUTSIDE_EXAMPLES && !this.outside.includes(shown)) this.outside.push(shown);
      return;
    }
    const key = `${file}\0${line}`;
    if (this.findings.size >= MAX_FINDINGS && !this.findings.has(key)) return;
    if (!this.findings.has(key) || category)
      this.findings.set(key, { file, line: Number(line), ...(category ? { category } : {}) });
  }

  #corpusPath(path: string): string | undefined {
    const absolute = isAbsolute(path) ? path : resolve(this.programDir, path);
    const inside = relative(this.corpusDir, absolute);
    const candidates = [inside, path].map((candidate) => candidate.split(sep).join('/').replace(/^\.\//, ''));
    return candidates.find((candidate) => this.corpusFiles.has(candidate));
  }
}

function displayPath(path: string, programDir: string): string {
  const shown = isAbsolute(path) ? relative(programDir, path) : path;
  return (shown.startsWith('..') ? path : shown).slice(0, 120);
}

/** Corpus categories under the names learners tend to give them (`aws-access-key`, `pem`, …). */
export function normaliseCategory(category: string | undefined): string {
  if (!category) return 'unnamed';
  const name = category.toLowerCase();
  const rules: Array<[RegExp, string]> = [
    [/aws|amazon|akia/, 'aws'],
    [/github|ghp|gh-token/, 'github'],
    [/stripe/, 'stripe'],
    [/slack|xox/, 'slack'],
    [/private|pem|rsa|ssh|ec-key/, 'private-key'],
    [/url|uri|dsn|connection|basic-auth/, 'url-credentials'],
    [/pass|pwd/, 'password'],
    [/entropy|random|generic|secret|key|token/, 'high-entropy'],
  ];
  return rules.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
}
