import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import { isVaultCheck } from '../../../course/checks/types.js';
import { runVaultCheck, type CheckOutcome } from '../../../course/vault-checks.js';
import type { GradeContext } from '../../challenge-kind.js';
import { OutputCollector } from '../../program/output.js';
import { LineRedactor } from '../../program/output-redactor.js';
import type { Finding, KnownSecret, LeakFinding } from '../../scanner-port.js';
import { lineOf, type SourceFile } from '../../source/files.js';
import type { GradingVault } from '../vault-app/grading-vault.js';
import type { SetupOutcome } from './setup-script.js';

/**
 * Part 1's evidence, gathered right after the setup script ended and before the app runs: the
 * state it left, judged by the challenge's setup steps' checks (the very checks that tick the
 * hands-on part in the playground — the Vault's state, never the script's text); its output,
 * checked for the values it stored and the token it was given, then redacted and shown; and what
 * its files say: scanner findings in the script and in any file it wrote while it ran, and any
 * value Vault now holds written in any file of the folder (a secret typed into the script, or a
 * key it left on disk).
 */
export interface SetupEvidence {
  outcome: SetupOutcome;
  steps: Array<{ id: string; title: string; instructions: string; outcome: CheckOutcome }>;
  leaks: LeakFinding[];
  /** The line that best says why it ended, redacted. */
  lastLine?: string;
  /** The files that are part 1's: the script, and what it wrote. */
  files: ReadonlySet<string>;
  findings: Finding[];
  storedInFiles: Array<{ file: string; line: number; name: string }>;
}

export interface SetupEvidenceInputs {
  context: GradeContext;
  definition: ChallengeDefinition;
  vault: GradingVault;
  outcome: SetupOutcome;
  /** Values it must not print: what it stored, and its own token. */
  sensitive: readonly KnownSecret[];
  /** The folder's text files before and after it ran. */
  before: readonly SourceFile[];
  after: readonly SourceFile[];
  /** Scanner findings in the whole folder, after it ran. */
  findings: readonly Finding[];
}

export async function collectSetupEvidence(inputs: SetupEvidenceInputs): Promise<SetupEvidence> {
  const { context, definition, vault, outcome } = inputs;
  const steps: SetupEvidence['steps'] = [];
  for (const { id, title, instructions, check } of definition.setup) {
    // The schema keeps a project's setup steps to Vault checks (project-schema.ts).
    const judged = isVaultCheck(check)
      ? await runVaultCheck(vault.admin, check)
      : { done: false, detail: `${check.type} is not judged on a grading Vault` };
    steps.push({ id, title, instructions, outcome: judged });
  }
  const output = outcome.kind === 'missing' ? undefined : replayOutput(context, outcome, inputs.sensitive);
  const files = partOneFiles(outcome, inputs.before, inputs.after);
  return {
    outcome,
    steps,
    leaks: output?.leaks() ?? [],
    lastLine: output?.lastLine(),
    files,
    findings: inputs.findings.filter((finding) => files.has(finding.file)),
    storedInFiles: storedValuesIn(inputs.after, inputs.sensitive),
  };
}

/** The kept output through the leak detector, its lines redacted and shown as the setup script's. */
function replayOutput(
  context: GradeContext,
  outcome: Exclude<SetupOutcome, { kind: 'missing' }>,
  sensitive: readonly KnownSecret[],
): OutputCollector {
  const create = context.scanner.createLeakDetector;
  const collector = new OutputCollector({
    detector: create(sensitive),
    redactor: new LineRedactor(create, sensitive),
    onLine: (stream, line) =>
      context.emit({ type: 'program-output', stream, line: `[${outcome.script.file}] ${line}` }),
  });
  for (const chunk of outcome.output.chunks) collector.write(chunk.stream, chunk.text);
  collector.finish();
  return collector;
}

/** The script's own file, and every file it created or changed while it ran. */
function partOneFiles(outcome: SetupOutcome, before: readonly SourceFile[], after: readonly SourceFile[]): Set<string> {
  const files = new Set<string>();
  if (outcome.kind === 'missing') return files;
  files.add(outcome.script.file);
  const earlier = new Map(before.map((file) => [file.path, file.text]));
  for (const file of after) if (earlier.get(file.path) !== file.text) files.add(file.path);
  return files;
}

/** Short values would match by chance; every value the task asks for is far longer. */
const MIN_SEARCHED = 12;

/** Where a value Vault holds is written in a file: raw, or (a PEM body) across its line breaks. */
function storedValuesIn(
  files: readonly SourceFile[],
  sensitive: readonly KnownSecret[],
): SetupEvidence['storedInFiles'] {
  const found: SetupEvidence['storedInFiles'] = [];
  const searched = sensitive.map((secret) => ({ ...secret, value: secret.value.trim() }));
  for (const file of files) {
    const flat = file.text.replace(/\s+/g, '');
    for (const secret of searched.filter(({ value }) => value.length >= MIN_SEARCHED)) {
      const at = locate(file.text, flat, secret.value);
      if (at !== undefined) found.push({ file: file.path, line: lineOf(file.text, at), name: secret.name });
    }
  }
  // One finding per file and secret: the whole value and its parts point at the same mistake.
  return found.filter(
    (hit, index) => found.findIndex((other) => other.file === hit.file && hit.name.startsWith(other.name)) === index,
  );
}

function locate(text: string, flat: string, value: string): number | undefined {
  const at = text.indexOf(value);
  if (at !== -1) return at;
  // A key's body is split into 64-character lines in a PEM file.
  if (value.length < 64 || /\s/.test(value) || !flat.includes(value)) return undefined;
  return Math.max(0, text.indexOf(value.slice(0, 48)));
}
