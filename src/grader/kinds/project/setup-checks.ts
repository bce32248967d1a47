import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { PlannedCheck, Verdict } from '../../planned-checks.js';
import { missingDependencyHint } from '../vault-app/program-checks.js';
import type { SetupEvidence } from './setup-evidence.js';
import { SETUP_SCRIPT_FILES } from './setup-script.js';

/**
 * Part 1's checks: the setup script ran to the end, each setup step holds in the Vault it left
 * (one check per step of challenge.yaml `setup`, judged as the hands-on part judges the
 * playground), it printed no secret, and it generated its secrets rather than carrying them.
 */
export function setupPlan(definition: ChallengeDefinition): PlannedCheck[] {
  return [
    { id: 'setup-exit', title: 'Setup script: runs to the end (exit status 0) with the token it was given' },
    ...definition.setup.map((step) => ({ id: step.id, title: `Setup script: ${step.title}` })),
    { id: 'setup-no-leak', title: 'Setup script: prints no secret value (raw, base64, hex or URL-encoded)' },
    {
      id: 'setup-no-hardcoded-secret',
      title: 'Setup script: generates its secrets (none written in its files or left on disk)',
    },
  ];
}

export function setupVerdicts(
  evidence: SetupEvidence,
  definition: ChallengeDefinition,
  timeoutSeconds: number,
): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  verdicts.set('setup-exit', exitVerdict(evidence, timeoutSeconds, tokenRights(definition)));
  for (const step of evidence.steps) {
    verdicts.set(step.id, [
      step.outcome.done,
      step.outcome.detail,
      `${evidence.outcome.kind === 'missing' ? 'Write the setup script first (see `setup-exit`). ' : ''}${step.instructions}`,
    ]);
  }
  verdicts.set('setup-no-leak', leakVerdict(evidence));
  verdicts.set('setup-no-hardcoded-secret', hardcodedVerdict(evidence));
  return verdicts;
}

function tokenRights({ policy, role, mount, secrets }: ChallengeDefinition): string {
  return `Its token may do what the task needs and no more (README, "What your setup script gets"): enable AppRole, write the ${policy.name} policy and the ${role.name} role and read its role_id, store the secrets under ${mount}/${commonFolder(secrets.map((secret) => secret.path))}. Issuing secret_ids is not among them: that is the orchestrator’s job, and in part 2 the grader does it.`;
}

function commonFolder(paths: string[]): string {
  const first = paths[0]?.split('/') ?? [];
  const shared: string[] = [];
  for (const [index, segment] of first.entries()) {
    if (!paths.every((path) => path.split('/')[index] === segment)) break;
    shared.push(segment);
  }
  return shared.length > 0 && shared.length < first.length ? `${shared.join('/')}/` : '';
}

function exitVerdict({ outcome, lastLine }: SetupEvidence, timeoutSeconds: number, rights: string): Verdict {
  if (outcome.kind === 'missing')
    return [
      false,
      `no setup script in the folder (looked for ${SETUP_SCRIPT_FILES.join(', ')})`,
      'Write setup.sh (or setup.py, setup.mjs): it gets VAULT_ADDR and VAULT_TOKEN, and configures a fresh Vault for the app.',
    ];
  if (outcome.kind === 'spawn-failed')
    return [false, `${outcome.script.command} could not start: ${outcome.message}`, 'Run it yourself to see why.'];
  const { result } = outcome;
  const seconds = (result.durationMs / 1000).toFixed(1);
  const tail = lastLine ? `; its last words: "${lastLine}"` : '';
  if (result.timedOut)
    return [
      false,
      `${outcome.script.command} was still running after ${timeoutSeconds} s${tail}`,
      'A setup script configures Vault and exits. Is it waiting for input (stdin is closed), or starting a server?',
    ];
  if (result.exitCode === 0) return [true, `${outcome.script.command} exited with status 0 after ${seconds} s`];
  const code =
    result.exitCode !== undefined ? `exited with status ${result.exitCode}` : `was killed by ${result.signal}`;
  let hint = missingDependencyHint(lastLine) ?? 'It stopped with an error: read its output above (redacted).';
  if (lastLine && /permission denied|\b403\b/i.test(lastLine)) hint = `Vault refused a request. ${rights}`;
  else if (lastLine && /\b(vault|bao)\b.*not found|needs the vault/i.test(lastLine))
    hint = 'It needs the vault CLI on PATH (OpenBao’s bao takes the same commands: pick whichever is there).';
  return [false, `${outcome.script.command} ${code} after ${seconds} s${tail}`, hint];
}

function leakVerdict({ outcome, leaks }: SetupEvidence): Verdict {
  if (outcome.kind === 'missing') return [true, 'no setup script: nothing to check'];
  if (outcome.output.overflow)
    return [
      false,
      'it printed more than 1 MB, more than the grader checks',
      'A setup script says what it did in a few lines: pipe the vault CLI’s answers to /dev/null or ask for one field.',
    ];
  if (leaks.length === 0)
    return [true, 'no value it stored, nor its token, appeared in its output (raw, base64, hex, URL-encoded)'];
  const described = leaks.slice(0, 4).map((leak) => `${leak.secret} (${leak.form === 'raw' ? 'as is' : leak.form})`);
  return [
    false,
    `it printed ${described.join('; ')}${leaks.length > 4 ? '; …' : ''}`,
    'Generate each value inside the command that stores it ($(openssl rand -hex 24)) and never echo it; `vault kv put` prints only the version. The token is as secret as what it opens.',
  ];
}

function hardcodedVerdict({ outcome, findings, storedInFiles, files }: SetupEvidence): Verdict {
  if (outcome.kind === 'missing') return [true, 'no setup script: nothing to check'];
  const written = storedInFiles
    .slice(0, 3)
    .map(
      (hit) =>
        `${hit.file}:${hit.line} holds ${hit.name}${files.has(hit.file) && hit.file !== outcome.script.file ? ' (written by the script)' : ''}`,
    );
  const scanned = findings.slice(0, 3).map((finding) => `${finding.file}:${finding.line}: ${finding.title}`);
  const problems = [...written, ...scanned];
  if (problems.length === 0)
    return [
      true,
      `the values Vault holds appear in no file of the folder, and the scanner finds nothing in ${[...files].join(', ')}`,
    ];
  const leftOnDisk = storedInFiles.some((hit) => hit.file !== outcome.script.file && files.has(hit.file));
  return [
    false,
    problems.join('; '),
    leftOnDisk
      ? 'A file the script wrote keeps a secret on disk: make key material in a private temporary folder (mktemp -d) and remove it when the script ends (trap).'
      : 'A value written in a file is not a secret any more: generate it inside the script ($(openssl rand -hex 24)) at the moment it is stored.',
  ];
}
