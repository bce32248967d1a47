import type { ScannerChallengeDefinition } from '../../../course/scanner-challenge-schema.js';
import { CORPUS_CATEGORIES } from '../../../scanner/index.js';
import { formatScoreTable, scoreDetections, type CategoryScore, type Corpus } from '../../../scanner/corpus/index.js';
import type { CheckResult } from '../../report.js';
import type { RunResult } from '../../program/run-program.js';
import { normaliseCategory, type ReportedFinding } from './scanner-findings.js';

/**
 * The scanner challenge's checks: the exit-status contract, that it scans the files it is given,
 * recall and precision against the corpus labels (per category in the details), and that it does
 * not print the secrets it finds. Details name files, lines, counts and categories, never a value.
 */
export const SCANNER_CHECKS = [
  { id: 'exit-code', title: 'Exits non-zero when a file holds a secret, 0 when none does' },
  { id: 'arguments', title: 'Scans the files named in its arguments' },
  { id: 'recall', title: 'Finds the secrets in the corpus (recall)' },
  { id: 'precision', title: 'Does not flag what is not a secret (precision)' },
  { id: 'no-echo', title: 'Does not print the secrets it finds' },
] as const;

export interface ScannerRun {
  /** What it was run on, for messages: "the corpus", "a clean file", "a file with a GitHub token". */
  what: string;
  expectFindings: boolean;
  result: RunResult;
  lastLine?: string;
  /** Finding lines it printed on that run. */
  reported: number;
}

export interface ScannerEvidence {
  corpus: Corpus;
  findings: ReadonlyMap<string, ReportedFinding>;
  outside: readonly string[];
  outsideCount: number;
  /** How many distinct corpus secrets appeared in its output. */
  echoed: number;
  runs: ScannerRun[];
  timeoutSeconds: number;
  /** Set when it could not run at all (build or spawn failure). */
  notRun?: string;
}

export interface ScannerScore {
  labels: number;
  found: number;
  /** Findings on lines that count (neither a secret's own continuation lines nor nothing). */
  findings: number;
  correct: number;
  recall: number;
  precision: number;
  byCategory: CategoryScore[];
  /** False positives by decoy kind (`uuid`, `lock-hash`, …; `other` for ordinary lines), most first. */
  falsePositives: Array<{ kind: string; count: number; example: string }>;
}

const key = (file: string, line: number) => `${file}\0${line}`;

/** Lines inside a multi-line private key after its BEGIN line: reporting them is neither right nor wrong. */
function continuationLines(corpus: Corpus): Set<string> {
  const neutral = new Set<string>();
  const contents = new Map(corpus.files.map((file) => [file.path, file.content.split('\n')]));
  for (const label of corpus.labels) {
    if (label.category !== 'private-key') continue;
    const lines = contents.get(label.file) ?? [];
    for (let index = label.line; index < lines.length; index++) {
      neutral.add(key(label.file, index + 1));
      if (lines[index]!.includes('-----END')) break;
    }
  }
  return neutral;
}

export function scoreScanner(corpus: Corpus, reported: ReadonlyMap<string, ReportedFinding>): ScannerScore {
  const labelAt = new Map(corpus.labels.map((label) => [key(label.file, label.line), label]));
  const decoyAt = new Map(corpus.decoys.map((decoy) => [key(decoy.file, decoy.line), decoy.kind]));
  const neutral = continuationLines(corpus);
  // A finding on a labelled line is right whatever it calls the category; a false positive is
  // filed under the category it named, so per-category precision means something when it names one.
  const detections = [...reported.values()]
    .filter((finding) => labelAt.has(key(finding.file, finding.line)) || !neutral.has(key(finding.file, finding.line)))
    .map((finding) => ({
      file: finding.file,
      line: finding.line,
      category: labelAt.get(key(finding.file, finding.line))?.category ?? normaliseCategory(finding.category),
    }));
  const byCategory = scoreDetections(corpus.labels, detections);
  const found = byCategory.reduce((sum, score) => sum + score.found, 0);
  const correct = byCategory.reduce((sum, score) => sum + score.correct, 0);
  const counted = byCategory.reduce((sum, score) => sum + score.detections, 0);
  const wrong = new Map<string, { count: number; example: string }>();
  for (const detection of detections) {
    if (labelAt.has(key(detection.file, detection.line))) continue;
    const kind = decoyAt.get(key(detection.file, detection.line)) ?? 'other';
    const entry = wrong.get(kind) ?? { count: 0, example: `${detection.file}:${detection.line}` };
    entry.count++;
    wrong.set(kind, entry);
  }
  return {
    labels: corpus.labels.length,
    found,
    findings: counted,
    correct,
    recall: corpus.labels.length ? found / corpus.labels.length : 1,
    precision: counted ? correct / counted : 0,
    byCategory,
    falsePositives: [...wrong].map(([kind, entry]) => ({ kind, ...entry })).sort((a, b) => b.count - a.count),
  };
}

export function scoreTable(score: ScannerScore): string {
  return formatScoreTable(score.byCategory);
}

const CATEGORY_SHAPES: Record<string, string> = {
  aws: 'access key IDs start AKIA or ASIA + 16 upper-case letters and digits; secret access keys are 40 base64 characters assigned to a name with aws and secret in it',
  github: 'ghp_, gho_, ghu_, ghs_, ghr_ + 36 letters and digits, and github_pat_ fine-grained tokens',
  stripe: 'sk_live_ or rk_live_ + letters and digits',
  slack: 'xoxb-/xoxp- tokens, and https://hooks.slack.com/services/ webhook URLs',
  'private-key':
    'a -----BEGIN … PRIVATE KEY----- line (report that line), also inside YAML, JSON or a quoted .env value',
  password:
    'a value assigned to a name containing password, passwd or pwd (quoted or not, in .env, YAML, JSON, code and .properties)',
  'high-entropy': 'a long random value (hex, base64, base62) assigned to a name with secret, key or token in it',
  'url-credentials': 'user:password@ inside a URL (postgres://, mysql://, mongodb+srv://, redis://, amqp://, https://)',
};

const DECOY_ADVICE: Record<string, string> = {
  uuid: 'UUIDs (8-4-4-4-12 hex) are identifiers, not secrets',
  'lock-hash': 'lock files (package-lock.json, yarn.lock, go.sum) are full of integrity hashes: skip them',
  'commit-sha': '40-hex commit SHAs (actions/checkout@…, GIT_COMMIT, changelogs) are not secrets',
  'base64-image': 'base64 images (data:image/png;base64,…, thumbnails) look random but are pictures',
  placeholder:
    'placeholders and references are not secrets: <your-token>, ${VAR}, {{ .Values.x }}, changeme, EXAMPLE keys, os.environ[…], process.env.X, empty values',
  'near-miss':
    'a name like password_min_length or PASSWORD_FILE with an ordinary value (a number, a path, an expression) is not a secret',
  'allow-comment': 'a line marked secrets-workbook:allow or pragma: allowlist secret has been reviewed: skip it',
  'test-fixture': 'a file with secrets-workbook:allow-file in its first lines is a marked test fixture: skip it',
  other: 'ordinary lines (ports, hosts, imports, comments) matched too loose a pattern',
};

export function scannerChecks(
  definition: ScannerChallengeDefinition,
  evidence: ScannerEvidence,
  score: ScannerScore | undefined,
): CheckResult[] {
  const titles = new Map<string, string>(SCANNER_CHECKS.map((check) => [check.id, check.title]));
  const make = (id: string, [passed, detail, hint]: [boolean, string, string?]): CheckResult => ({
    id,
    title: titles.get(id)!,
    passed,
    detail,
    hint: passed ? '' : (hint ?? ''),
  });
  if (evidence.notRun || !score) {
    const why = evidence.notRun ?? 'it did not run';
    const first: CheckResult = make('exit-code', [
      false,
      why,
      'Fix what stopped it: is the command installed and on PATH? Tell the grader what to run with --cmd "<command>".',
    ]);
    return [
      first,
      ...SCANNER_CHECKS.slice(1).map((check) =>
        make(check.id, [false, 'the program did not run', 'Fix what stopped it first (see the `exit-code` check).']),
      ),
    ];
  }
  return [
    make('exit-code', exitVerdict(evidence)),
    make('arguments', argumentsVerdict(evidence)),
    make('recall', recallVerdict(definition, score)),
    make('precision', precisionVerdict(definition, score)),
    make('no-echo', echoVerdict(evidence)),
  ];
}

function exitVerdict({ runs, timeoutSeconds }: ScannerEvidence): [boolean, string, string?] {
  const describe = (run: ScannerRun) =>
    run.result.spawnError
      ? `could not start on ${run.what} (${run.result.spawnError})`
      : run.result.timedOut
        ? `was still running on ${run.what} after ${timeoutSeconds} s`
        : run.result.exitCode !== undefined
          ? `exit status ${run.result.exitCode} on ${run.what}${!run.expectFindings && run.reported > 0 ? `, where it reported ${run.reported} finding${run.reported === 1 ? '' : 's'}` : ''}`
          : `killed by ${run.result.signal ?? 'a signal'} on ${run.what}`;
  const wrong = runs.filter((run) =>
    run.expectFindings ? !(run.result.exitCode !== undefined && run.result.exitCode !== 0) : run.result.exitCode !== 0,
  );
  if (wrong.length === 0) return [true, runs.map(describe).join(', ')];
  const bad = wrong[0]!;
  const tail = bad.lastLine ? `; its last output line: "${bad.lastLine}"` : '';
  let hint: string;
  if (bad.result.timedOut)
    hint =
      'It never finished: does it wait for input (stdin is closed) or walk a huge folder? It should read only the files it is given and exit.';
  else if (bad.expectFindings)
    hint =
      'After scanning, exit with a non-zero status (1) when anything was found: sys.exit(1), process.exit(1), os.Exit(1), exit 1. A pre-commit hook that exits 0 lets the commit through.';
  else if (bad.reported > 0)
    hint =
      'It flagged lines of a config file that holds no secret at all (ports, hosts, a user name): its patterns are too loose (see `precision`). A hook that cries wolf gets skipped with --no-verify.';
  else
    hint =
      bad.result.exitCode !== undefined && bad.result.exitCode > 1
        ? 'It failed on a clean file: read its error above.'
        : 'Exit 0 when nothing was found: a hook that always fails blocks every commit, and people then skip it with --no-verify.';
  return [false, `${wrong.map(describe).join(', ')}${tail}`, hint];
}

function argumentsVerdict({ findings, outside, outsideCount, corpus }: ScannerEvidence): [boolean, string, string?] {
  const argumentHint =
    'Scan exactly the paths in its arguments — Python: sys.argv[1:]; Node: process.argv.slice(2); Go: os.Args[1:]; shell: "$@" — and print each path as it was given.';
  if (outsideCount > 0) {
    return [
      false,
      `it reported ${outsideCount} finding${outsideCount === 1 ? '' : 's'} in files it was not given (${outside.join(', ')})`,
      argumentHint,
    ];
  }
  if (findings.size === 0) {
    return [
      false,
      `it reported no finding in any of the ${corpus.files.length} files it was given`,
      `${argumentHint} If it does, its patterns found nothing: see \`recall\`. Each finding is one line on stdout: <path>:<line> or <path>:<line>:<category>.`,
    ];
  }
  const files = new Set([...findings.values()].map((finding) => finding.file)).size;
  return [
    true,
    `its ${findings.size} findings name ${files} of the ${corpus.files.length} files it was given, and no other file`,
  ];
}

const percent = (value: number) => value.toFixed(2);

function recallVerdict(definition: ScannerChallengeDefinition, score: ScannerScore): [boolean, string, string?] {
  const categories = score.byCategory.filter((category) =>
    (CORPUS_CATEGORIES as readonly string[]).includes(category.category),
  );
  const perCategory = categories
    .map((category) => `${category.category} ${category.found}/${category.labels}`)
    .join(', ');
  const detail = `recall ${percent(score.recall)} (${score.found} of ${score.labels} secrets; at least ${definition.scanner.minRecall} needed): ${perCategory}`;
  if (score.recall >= definition.scanner.minRecall) return [true, detail];
  const weakest = [...categories]
    .filter((category) => category.recall < 1)
    .sort((a, b) => a.recall - b.recall)
    .slice(0, 3);
  return [
    false,
    detail,
    `Missed most in ${weakest.map((category) => `${category.category} (${category.found}/${category.labels}): ${CATEGORY_SHAPES[category.category]}`).join('; ')}.`,
  ];
}

function precisionVerdict(definition: ScannerChallengeDefinition, score: ScannerScore): [boolean, string, string?] {
  const wrong = score.findings - score.correct;
  const kinds = score.falsePositives.map((fp) => `${fp.kind} ${fp.count} (e.g. ${fp.example})`).join(', ');
  const named = score.byCategory
    .filter((category) => category.detections > 0)
    .map((category) => `${category.category} ${category.correct}/${category.detections}`)
    .join(', ');
  const detail = `precision ${percent(score.precision)} (${score.correct} of ${score.findings} findings are secrets; at least ${definition.scanner.minPrecision} needed)${wrong ? `; false positives: ${kinds}` : ''}${named ? `; right/reported by category: ${named}` : ''}`;
  if (score.findings === 0)
    return [false, 'it reported no finding, so none was right', 'See `recall` and `arguments` first.'];
  if (score.precision >= definition.scanner.minPrecision) return [true, detail];
  return [
    false,
    detail,
    `${score.falsePositives
      .slice(0, 3)
      .map((fp) => DECOY_ADVICE[fp.kind] ?? fp.kind)
      .join('; ')}.`,
  ];
}

function echoVerdict({ echoed }: ScannerEvidence): [boolean, string, string?] {
  if (echoed === 0) return [true, 'its output names files and lines, not the secrets on them'];
  return [
    false,
    `it printed ${echoed} of the secrets it was scanning`,
    'Print <path>:<line>:<category>, not the matched text: scanner output ends up in CI logs, and a scanner that copies the secret there leaks it a second time. (grep -n prints the whole line; cut it: grep -nE … | cut -d: -f1,2.)',
  ];
}
