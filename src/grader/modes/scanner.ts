import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScannerChallengeDefinition } from '../../course/scanner-challenge-schema.js';
import { fillerLine } from '../../scanner/corpus/decoys.js';
import { generateCorpus, writeCorpus, type Corpus } from '../../scanner/corpus/index.js';
import { secretSnippet } from '../../scanner/corpus/snippets.js';
import { registerCleanup } from '../../util/cleanup.js';
import { UserError } from '../../util/errors.js';
import { runBuild } from '../build.js';
import { buildDirFor, serialiseBuild } from '../build-cache.js';
import { detectCommand, DETECTION_HELP, type CommandPlan } from '../detect.js';
import type { GradeOptions } from '../index.js';
import { programEnvironment } from '../program-env.js';
import type { GradeEvent, GradeReport } from '../report.js';
import { runProgram } from '../run-program.js';
import { corpusSecretTokens, extraSecretTokens, TokenFinder } from './corpus-secrets.js';
import {
  scannerChecks,
  scoreScanner,
  scoreTable,
  SCANNER_CHECKS,
  type ScannerEvidence,
  type ScannerRun,
} from './scanner-checks.js';
import { FindingsParser, isFindingLine, LineSplitter } from './scanner-findings.js';

/**
 * Grading mode of a `kind: scanner` challenge. No Vault: the grader writes a fresh corpus
 * (src/scanner/corpus) to a temporary folder, runs the learner's scanner with every corpus file as
 * an argument, scores its `<path>:<line>[:<category>]` lines against the labels, and runs it on a
 * clean file and on a file with one secret to check its exit status. Same runner as every other
 * program: minimal environment, timeout, process group killed at the end, bounded output.
 */
export const HIDDEN_ECHO = '[line hidden by the grader: it holds a secret from the corpus]';
const MAX_SHOWN_LINES = 200;
const SHOWN_LINE = 500;

type Emit = (event: GradeEvent) => void;

export async function gradeScanner(
  options: GradeOptions & { dir: string; timeoutSeconds: number },
  definition: ScannerChallengeDefinition,
  emit: Emit,
  started: number,
): Promise<GradeReport> {
  const { dir, timeoutSeconds } = options;
  const buildDir = buildDirFor(dir);
  const plan = await detectCommand(dir, { cmd: options.cmd, buildDir });
  if (!plan) throw new UserError(`nothing to run in ${dir}: ${DETECTION_HELP}`);
  emit({ type: 'status', message: `command: ${plan.description} (given the files to scan as arguments)` });
  for (const check of SCANNER_CHECKS) emit({ type: 'check-pending', id: check.id, title: check.title });
  if (options.vault && options.vault !== 'auto')
    emit({ type: 'status', message: `--vault ${options.vault} is ignored: this challenge needs no Vault` });
  emit({ type: 'status', message: 'vault: none (a scanner is graded on a generated corpus)' });

  const buildPromise = plan.build
    ? serialiseBuild(buildDir, () => runBuild(plan, dir, buildDir, emit))
    : Promise.resolve(undefined);
  buildPromise.catch(() => undefined);
  const root = await mkdtemp(join(tmpdir(), 'sw-corpus-'));
  const unregister = registerCleanup(() => rm(root, { recursive: true, force: true }));
  try {
    const corpus = generateCorpus({
      perCategory: definition.scanner.perCategory,
      decoysPerKind: definition.scanner.decoysPerKind,
    });
    const corpusDir = join(root, 'corpus');
    await writeCorpus(corpus, corpusDir);
    const probes = await writeProbes(join(root, 'probe'));
    emit({
      type: 'status',
      message: `corpus: ${corpus.files.length} files with ${corpus.labels.length} secrets and ${corpus.decoys.length} decoys, made for this grade`,
    });

    const evidence: ScannerEvidence = {
      corpus,
      findings: new Map(),
      outside: [],
      outsideCount: 0,
      echoed: 0,
      runs: [],
      timeoutSeconds,
    };
    const build = await buildPromise;
    if (build && !build.ok) {
      evidence.notRun = `the build failed: ${build.message}`;
    } else {
      await runAll(plan, dir, corpus, corpusDir, probes, evidence, options, emit);
    }
    const score = evidence.notRun ? undefined : scoreScanner(corpus, evidence.findings);
    if (score) for (const line of scoreTable(score).split('\n')) emit({ type: 'status', message: `score: ${line}` });
    const checks = scannerChecks(definition, evidence, score);
    for (const check of checks) emit({ type: 'check-done', check });
    const report: GradeReport = {
      challenge: definition.id,
      passed: checks.every((check) => check.passed),
      vault: 'none',
      durationMs: Date.now() - started,
      checks,
    };
    emit({ type: 'finished', report });
    return report;
  } finally {
    unregister();
    await rm(root, { recursive: true, force: true });
  }
}

interface Probes {
  clean: string;
  secret: string;
  secretWhat: string;
  /** The secret probe's lines, so its token is hidden like the corpus secrets. */
  secretLines: string[];
}

/**
 * One clean config file, and one with a single GitHub token among ordinary lines: the best-known
 * shape (lesson 8's first example, and in every starter), so this probes the exit status, not recall.
 */
async function writeProbes(dir: string): Promise<Probes> {
  const clean = join(dir, 'clean', 'config.yaml');
  const secret = join(dir, 'secret', 'config.env');
  const cleanLines = ['app:', ...Array.from({ length: 6 }, () => fillerLine('yaml'))];
  const secretLines = [
    fillerLine('env'),
    fillerLine('env'),
    ...secretSnippet('github', 'env').lines,
    fillerLine('env'),
  ];
  for (const [file, lines] of [
    [clean, cleanLines],
    [secret, secretLines],
  ] as const) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${lines.join('\n')}\n`);
  }
  return { clean, secret, secretWhat: 'a file with a GitHub token', secretLines };
}

async function runAll(
  plan: CommandPlan,
  dir: string,
  corpus: Corpus,
  corpusDir: string,
  probes: Probes,
  evidence: ScannerEvidence,
  options: GradeOptions & { timeoutSeconds: number },
  emit: Emit,
): Promise<void> {
  const parser = new FindingsParser(corpusDir, dir, new Set(corpus.files.map((file) => file.path)));
  const echo = new TokenFinder([...corpusSecretTokens(corpus), ...extraSecretTokens(probes.secretLines)]);
  let shown = 0;
  const show = (stream: 'stdout' | 'stderr', line: string) => {
    if (shown >= MAX_SHOWN_LINES) return;
    shown++;
    emit({ type: 'program-output', stream, line: line.length > SHOWN_LINE ? `${line.slice(0, SHOWN_LINE)}…` : line });
  };

  const corpusPaths = corpus.files.map((file) => join(corpusDir, ...file.path.split('/')));
  emit({
    type: 'status',
    message: `running: ${plan.command} <${corpusPaths.length} files> (timeout ${options.timeoutSeconds} s)`,
  });
  const runs: Array<{ what: string; expectFindings: boolean; paths: string[]; main: boolean }> = [
    { what: 'the corpus', expectFindings: true, paths: corpusPaths, main: true },
    { what: 'a clean file', expectFindings: false, paths: [probes.clean], main: false },
    { what: probes.secretWhat, expectFindings: true, paths: [probes.secret], main: false },
  ];
  for (const run of runs) {
    options.signal?.throwIfAborted();
    // The last error line, for a run that ended the wrong way (findings on stdout are not errors).
    let last: string | undefined;
    const remember = (line: string) => {
      if (line.trim()) last = echo.check(line) ? HIDDEN_ECHO : line.trim().slice(0, SHOWN_LINE);
    };
    let reported = 0;
    const stdout = new LineSplitter((line) => {
      if (!run.main) {
        if (isFindingLine(line)) reported++;
        return;
      }
      parser.line(line);
      show('stdout', echo.check(line) ? HIDDEN_ECHO : line);
    });
    const stderr = new LineSplitter((line) => {
      remember(line);
      if (run.main) show('stderr', echo.check(line) ? HIDDEN_ECHO : line);
    });
    const running = runProgram({
      command: `${plan.command} ${run.paths.map(quote).join(' ')}`,
      cwd: dir,
      env: programEnvironment(undefined, { pathPrefix: plan.pathPrefix }),
      timeoutMs: options.timeoutSeconds * 1000,
      onOutput: (stream, chunk) => (stream === 'stdout' ? stdout : stderr).write(chunk),
    });
    const onAbort = () => void running.stop();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await running.result;
      stdout.finish();
      stderr.finish();
      options.signal?.throwIfAborted();
      if (result.spawnError && run.main) {
        evidence.notRun = `it could not be started: ${result.spawnError}`;
        return;
      }
      const entry: ScannerRun = {
        what: run.what,
        expectFindings: run.expectFindings,
        result,
        lastLine: last,
        reported: run.main ? parser.findings.size : reported,
      };
      evidence.runs.push(entry);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
  Object.assign(evidence, {
    findings: parser.findings,
    outside: parser.outside,
    outsideCount: parser.outsideCount,
    echoed: echo.count,
  });
}

function quote(path: string): string {
  return /^[A-Za-z0-9_./:-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
