import { join } from 'node:path';
import type { Corpus } from '../../../scanner/corpus/index.js';
import type { GradeContext } from '../../challenge-kind.js';
import { LineSplitter } from '../../program/line-splitter.js';
import type { OutputStream } from '../../program/run-program.js';
import { corpusSecretTokens, extraSecretTokens, TokenFinder } from './corpus-secrets.js';
import type { Probes } from './probes.js';
import type { ScannerEvidence, ScannerRun } from './scanner-checks.js';
import { FindingsParser, isFindingLine } from './scanner-findings.js';

/**
 * The scanner challenge's runs of the learner's scanner: on every corpus file (its finding lines
 * are parsed and scored), then on a clean file and on a file with one secret (there only the exit
 * status and the number of finding lines count). What it prints is shown, up to a cap, with any
 * line holding a corpus secret hidden.
 */
export const HIDDEN_ECHO = '[line hidden by the grader: it holds a secret from the corpus]';
const MAX_SHOWN_LINES = 200;
const SHOWN_LINE = 500;

interface ScannerInput {
  /** For messages: "the corpus", "a clean file", "a file with a GitHub token". */
  what: string;
  expectFindings: boolean;
  paths: string[];
  /** The corpus run: its findings are scored and its output shown. */
  main: boolean;
}

export async function runScanner(
  context: GradeContext,
  corpus: Corpus,
  corpusDir: string,
  probes: Probes,
): Promise<Omit<ScannerEvidence, 'corpus' | 'timeoutSeconds'>> {
  const parser = new FindingsParser(corpusDir, context.dir, new Set(corpus.files.map((file) => file.path)));
  const echo = new TokenFinder([...corpusSecretTokens(corpus), ...extraSecretTokens(probes.secretLines)]);
  let shown = 0;
  const show = (stream: OutputStream, line: string) => {
    // Every line is checked, shown or not: `no-echo` counts the secrets in all of the output.
    const safe = echo.check(line) ? HIDDEN_ECHO : line;
    if (shown >= MAX_SHOWN_LINES) return;
    shown++;
    context.emit({
      type: 'program-output',
      stream,
      line: safe.length > SHOWN_LINE ? `${safe.slice(0, SHOWN_LINE)}…` : safe,
    });
  };
  const corpusPaths = corpus.files.map((file) => join(corpusDir, ...file.path.split('/')));
  context.emit({
    type: 'status',
    message: `running: ${context.program.plan.command} <${corpusPaths.length} files> (timeout ${context.timeoutSeconds} s)`,
  });
  const inputs: ScannerInput[] = [
    { what: 'the corpus', expectFindings: true, paths: corpusPaths, main: true },
    { what: 'a clean file', expectFindings: false, paths: [probes.clean], main: false },
    { what: probes.secretWhat, expectFindings: true, paths: [probes.secret], main: false },
  ];
  const runs: ScannerRun[] = [];
  let notRun: string | undefined;
  for (const input of inputs) {
    const run = await runOn(context, input, { parser, echo, show });
    if (input.main && run.result.spawnError) {
      notRun = `it could not be started: ${run.result.spawnError}`;
      break;
    }
    runs.push(run);
  }
  return {
    findings: parser.findings,
    outside: parser.outside,
    outsideCount: parser.outsideCount,
    echoed: echo.count,
    runs,
    notRun,
  };
}

async function runOn(
  context: GradeContext,
  input: ScannerInput,
  seen: { parser: FindingsParser; echo: TokenFinder; show: (stream: OutputStream, line: string) => void },
): Promise<ScannerRun> {
  // The last error line, for a run that ended the wrong way (findings on stdout are not errors).
  let last: string | undefined;
  let reported = 0;
  const stdout = new LineSplitter((line) => {
    if (!input.main) {
      if (isFindingLine(line)) reported++;
      return;
    }
    seen.parser.line(line);
    seen.show('stdout', line);
  });
  const stderr = new LineSplitter((line) => {
    if (line.trim()) last = seen.echo.check(line) ? HIDDEN_ECHO : line.trim().slice(0, SHOWN_LINE);
    if (input.main) seen.show('stderr', line);
  });
  const result = await context.program.start({
    args: input.paths,
    onOutput: (stream, chunk) => (stream === 'stdout' ? stdout : stderr).write(chunk),
  }).result;
  stdout.finish();
  stderr.finish();
  return {
    what: input.what,
    expectFindings: input.expectFindings,
    result,
    lastLine: last,
    reported: input.main ? seen.parser.findings.size : reported,
  };
}
