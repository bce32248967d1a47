import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScannerChallengeDefinition } from '../../../course/scanner-challenge-schema.js';
import { generateCorpus, writeCorpus, type Corpus } from '../../../scanner/corpus/index.js';
import { registerCleanup } from '../../../util/cleanup.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import type { CheckResult } from '../../report.js';
import { writeProbes, type Probes } from './probes.js';
import { scannerChecks, scoreScanner, scoreTable, SCANNER_CHECKS, type ScannerEvidence } from './scanner-checks.js';
import { runScanner } from './scanner-runs.js';

export { HIDDEN_ECHO } from './scanner-runs.js';

/**
 * `scanner-challenge` (challenge.yaml `kind: scanner`): the learner writes a secret scanner, and
 * no Vault is involved.
 *
 * - prepare: a fresh corpus (src/scanner/corpus: labelled secrets among decoys) and two probe
 *   files in a temporary folder;
 * - run: the scanner on every corpus file, then on each probe (scanner-runs.ts), through the same
 *   runner as every program (minimal environment, timeout, process group killed, bounded output);
 * - judge: exit statuses, arguments honoured, recall and precision against the labels, and no
 *   secret echoed (scanner-checks.ts).
 */
export const scannerChallengeKind: ChallengeKindFactory<ScannerChallengeDefinition> = (definition, context) =>
  new ScannerChallengeGrade(definition, context);

interface Prepared {
  corpus: Corpus;
  corpusDir: string;
  probes: Probes;
}

class ScannerChallengeGrade implements ChallengeKind {
  readonly plannedChecks = SCANNER_CHECKS;
  readonly vault = 'none';
  #root: string | undefined;
  #unregister: (() => void) | undefined;
  #prepared: Prepared | undefined;
  #evidence: ScannerEvidence | undefined;

  constructor(
    private readonly definition: ScannerChallengeDefinition,
    private readonly context: GradeContext,
  ) {}

  async prepare(): Promise<void> {
    const { context, definition } = this;
    if (context.vault.choice !== 'auto')
      context.emit({
        type: 'status',
        message: `--vault ${context.vault.choice} is ignored: this challenge needs no Vault`,
      });
    context.emit({ type: 'status', message: 'vault: none (a scanner is graded on a generated corpus)' });
    const root = await mkdtemp(join(tmpdir(), 'sw-corpus-'));
    this.#root = root;
    this.#unregister = registerCleanup(() => rm(root, { recursive: true, force: true }));
    const corpus = generateCorpus({
      perCategory: definition.scanner.perCategory,
      decoysPerKind: definition.scanner.decoysPerKind,
    });
    const corpusDir = join(root, 'corpus');
    await writeCorpus(corpus, corpusDir);
    const probes = await writeProbes(join(root, 'probe'));
    context.emit({
      type: 'status',
      message: `corpus: ${corpus.files.length} files with ${corpus.labels.length} secrets and ${corpus.decoys.length} decoys, made for this grade and given to the program as arguments`,
    });
    this.#prepared = { corpus, corpusDir, probes };
  }

  async run(): Promise<void> {
    const { corpus, corpusDir, probes } = this.#prepared!;
    const base = { corpus, timeoutSeconds: this.context.timeoutSeconds };
    const build = await this.context.program.build();
    this.#evidence =
      build && !build.ok
        ? {
            ...base,
            findings: new Map(),
            outside: [],
            outsideCount: 0,
            echoed: 0,
            runs: [],
            notRun: `the build failed: ${build.message}`,
          }
        : { ...base, ...(await runScanner(this.context, corpus, corpusDir, probes)) };
  }

  async judge(): Promise<CheckResult[]> {
    const evidence = this.#evidence!;
    const score = evidence.notRun ? undefined : scoreScanner(evidence.corpus, evidence.findings);
    if (score)
      for (const line of scoreTable(score).split('\n'))
        this.context.emit({ type: 'status', message: `score: ${line}` });
    return scannerChecks(this.definition, evidence, score);
  }

  async dispose(): Promise<void> {
    this.#unregister?.();
    if (this.#root) await rm(this.#root, { recursive: true, force: true });
  }
}
