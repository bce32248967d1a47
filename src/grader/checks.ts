import type { ChallengeDefinition, ReadDefinition } from '../course/challenge-schema.js';
import type { Evidence } from './evidence.js';
import type { EnvFileCheck } from './git-env.js';
import { redactionHints } from './leak-hints.js';
import type { LeakFinding, SourceFinding } from './ports.js';
import type { CheckResult } from './report.js';
import type { RunResult } from './run-program.js';
import type { SourceHints } from './source-hints.js';

/**
 * Turns the evidence into the report's checks. Each failure says what was observed and, in the
 * hint, the likely mistake: a KV v1 path without /data/, a wrong variable name, a hard-coded
 * address, a login that never happened, a timeout before any request. Details never hold a
 * secret value: only paths, names, counts, times and redacted output lines.
 */
export type ProgramOutcome =
  | { kind: 'ran'; result: RunResult; allReadsSeen: boolean }
  | { kind: 'build-failed'; message: string }
  | { kind: 'spawn-failed'; message: string };

export interface CheckInputs {
  definition: ChallengeDefinition;
  evidence: Evidence;
  outcome: ProgramOutcome;
  timeoutSeconds: number;
  /** Last lines of stderr (or stdout), already redacted. */
  lastErrorLine?: string;
  leaks: LeakFinding[];
  sourceFindings: SourceFinding[];
  envFiles: EnvFileCheck;
  hints: SourceHints;
}

export interface PlannedCheck {
  id: string;
  title: string;
}

export function plannedChecks(definition: ChallengeDefinition): PlannedCheck[] {
  return [
    { id: 'login', title: 'Logs in with AppRole using the role_id and secret_id it was given' },
    ...definition.reads.map((read) => ({ id: read.id, title: read.title })),
    { id: 'exit', title: 'Exits with status 0 (or keeps serving once every read is done)' },
    { id: 'no-leak', title: 'Prints no secret value (raw, base64, hex or URL-encoded)' },
    { id: 'no-hardcoded-secret', title: 'No secret hard-coded in the source files' },
    { id: 'no-committed-env', title: 'No .env file committed to git' },
  ];
}

export function evaluateChecks(inputs: CheckInputs): CheckResult[] {
  const titles = new Map(plannedChecks(inputs.definition).map((check) => [check.id, check.title]));
  const make = (id: string, passed: boolean, detail: string, hint = ''): CheckResult => ({
    id,
    title: titles.get(id) ?? id,
    passed,
    detail,
    hint: passed ? '' : hint,
  });
  return [
    make('login', ...loginCheck(inputs)),
    ...inputs.definition.reads.map((read) => make(read.id, ...readCheck(inputs, read))),
    make('exit', ...exitCheck(inputs)),
    make('no-leak', ...leakCheck(inputs)),
    make('no-hardcoded-secret', ...sourceCheck(inputs)),
    make('no-committed-env', ...envFileCheck(inputs)),
  ];
}

type Verdict = [passed: boolean, detail: string, hint?: string];

function loginCheck({ evidence, outcome, hints, timeoutSeconds }: CheckInputs): Verdict {
  const good = evidence.logins.find((login) => login.success && login.issuedRole);
  if (good) return [true, `logged in at ${clock(good.time)} with the role_id and secret_id it was given`];
  if (outcome.kind !== 'ran')
    return [
      false,
      'the program did not run, so it could not log in',
      'Fix what stopped it first (see the `exit` check).',
    ];

  if (evidence.requestCount === 0) {
    const causes: string[] = [];
    if (outcome.result.timedOut) {
      causes.push(
        `A timeout before any request: the program was still running after ${timeoutSeconds} s and had not sent a single request to Vault. Is it waiting for input (stdin is closed), or talking to another address?`,
      );
    }
    causes.push(...addressHints(hints), ...variableHints(hints));
    if (outcome.result.exitCode !== undefined && outcome.result.exitCode !== 0) {
      causes.push(
        `It exited with status ${outcome.result.exitCode} before contacting Vault: see the error in the \`exit\` check.`,
      );
    }
    if (causes.length === 0) {
      causes.push(
        'A login that never happened: the program never contacted Vault. A program that keeps its password in the code instead of asking Vault fails here. Read VAULT_ADDR, VAULT_ROLE_ID and VAULT_SECRET_ID and log in with POST auth/approle/login.',
      );
    }
    return [false, 'no request reached the grading Vault', causes.join(' ')];
  }

  if (evidence.logins.length === 0) {
    const first = evidence.requests[0];
    const tokenHint = hints.wrongVariables.some((variable) => variable.name === 'VAULT_TOKEN')
      ? ' There is no VAULT_TOKEN: the token comes from the login.'
      : '';
    return [
      false,
      `${plural(evidence.requestCount, 'request')} reached Vault${first ? ` (the first: ${first.operation} ${first.path})` : ''}, but none was an AppRole login`,
      `A login that never happened: without it the program has no token.${tokenHint} POST auth/approle/login with role_id and secret_id, then send the auth.client_token it returns (X-Vault-Token) with every request.`,
    ];
  }

  const last = evidence.logins[evidence.logins.length - 1]!;
  const answer = last.error ? ` (Vault answered: ${last.error})` : '';
  if (last.missingRoleId || last.missingSecretId) {
    const missing = last.missingRoleId ? 'role_id' : 'secret_id';
    const variable = last.missingRoleId ? 'VAULT_ROLE_ID' : 'VAULT_SECRET_ID';
    const wrong = variableHints(hints);
    return [
      false,
      `${plural(evidence.logins.length, 'login attempt')}, the last without a ${missing}${answer}`,
      wrong.length > 0
        ? wrong.join(' ')
        : `A wrong variable name? The ${missing} is in ${variable}; check the exact name your code reads.`,
    ];
  }
  if (!last.issuedRole) {
    return [
      false,
      `${plural(evidence.logins.length, 'login attempt')} with a role_id that is not the one issued for this grade${answer}`,
      [
        'Use the role_id from VAULT_ROLE_ID as it is: every grade issues a new one, so one copied from your playground cannot work.',
        ...variableHints(hints),
      ].join(' '),
    ];
  }
  return [
    false,
    `${plural(evidence.logins.length, 'login attempt')} with the issued role_id, refused${answer}`,
    [
      'The secret_id was not accepted: send VAULT_SECRET_ID as it is, in the `secret_id` field.',
      ...variableHints(hints),
    ].join(' '),
  ];
}

function readCheck({ definition, evidence, outcome, timeoutSeconds }: CheckInputs, read: ReadDefinition): Verdict {
  const path = `${definition.mount}/data/${read.path}`;
  const seen = evidence.reads.get(read.id);
  if (seen) return [true, `read ${path} at ${clock(seen)} with the token from the login`];
  if (outcome.kind !== 'ran')
    return [false, 'the program did not run', 'Fix what stopped it first (see the `exit` check).'];

  const v1Path = `${definition.mount}/${read.path}`;
  const metadataPath = `${definition.mount}/metadata/${read.path}`;
  const attempts = evidence.requests.filter((request) => request.path === path);
  const v1 = evidence.requests.find((request) => request.path === v1Path);
  const kvV2 = kvV2Usage(definition.mount, read.path, path);
  if (v1) {
    return [
      false,
      `it asked for ${v1Path}${v1.error ? ` (Vault answered: ${v1.error})` : ''}, not ${path}`,
      `A KV v1 path without /data/: ${definition.mount}/ is a KV version 2 engine, so over HTTP the secret is at ${path}. ${kvV2}`,
    ];
  }
  if (evidence.requests.some((request) => request.path === metadataPath)) {
    return [
      false,
      `it read ${metadataPath} (the secret's metadata), not ${path}`,
      `The value is under data/, not metadata/: read ${path}. ${kvV2}`,
    ];
  }
  const loggedIn = evidence.logins.some((login) => login.success && login.issuedRole);
  const attempt = attempts[attempts.length - 1];
  if (attempt && !attempt.withToken) {
    return [
      false,
      `it asked for ${path} without a token${attempt.error ? ` (Vault answered: ${attempt.error})` : ''}`,
      'Send the token from the login with the request (header X-Vault-Token). hvac and node-vault keep it after their AppRole login call; with curl, add the header yourself.',
    ];
  }
  if (attempt && !attempt.withLoginToken) {
    return [
      false,
      `it asked for ${path} with a token that did not come from its AppRole login${attempt.error ? ` (Vault answered: ${attempt.error})` : ''}`,
      loggedIn
        ? 'Use the auth.client_token returned by the login, not another token.'
        : 'Log in with AppRole first (see `login`) and use the token it returns.',
    ];
  }
  if (attempt) {
    return [
      false,
      `it asked for ${path}, but the read failed${attempt.error ? ` (Vault answered: ${attempt.error})` : ''}`,
      `Read ${path} with the token from the login. ${kvV2}`,
    ];
  }
  if (!loggedIn) {
    return [
      false,
      `${path} was not read with a token from an AppRole login`,
      'Fix `login` first: reading a secret needs the token that the login returns.',
    ];
  }
  const others = [
    ...new Set(
      evidence.requests
        .filter(
          (request) =>
            request.path.startsWith(`${definition.mount}/`) &&
            !definition.reads.some((r) => request.path === `${definition.mount}/data/${r.path}`),
        )
        .map((request) => request.path),
    ),
  ];
  if (others.length > 0) {
    return [
      false,
      `no read of ${path}; it asked for ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}`,
      `Check the path: ${read.what} is at ${path} (the policy allows exactly the required paths).`,
    ];
  }
  const why = outcome.result.timedOut
    ? ` before the ${timeoutSeconds} s timeout`
    : outcome.result.exitCode !== undefined && outcome.result.exitCode !== 0
      ? ` before it exited with status ${outcome.result.exitCode}`
      : '';
  return [
    false,
    `no request for ${path} was seen${why}`,
    `Read ${read.what} from ${path} with the token from the login. ${kvV2}`,
  ];
}

function exitCheck({ outcome, timeoutSeconds, lastErrorLine, evidence }: CheckInputs): Verdict {
  const tail = lastErrorLine ? `; its last output line: "${lastErrorLine}"` : '';
  if (outcome.kind === 'build-failed') {
    return [
      false,
      `the build failed: ${outcome.message}`,
      missingDependencyHint(outcome.message) ??
        'Fix the build error; run the build yourself in the folder to see all of it.',
    ];
  }
  if (outcome.kind === 'spawn-failed') {
    return [
      false,
      `it could not be started: ${outcome.message}`,
      'Is the command installed and on PATH? Tell the grader what to run with --cmd "<command>".',
    ];
  }
  const { result } = outcome;
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.stoppedByGrader && outcome.allReadsSeen) {
    return [
      true,
      'it was still running when every read had been seen, and was stopped after a short grace period (servers pass)',
    ];
  }
  if (result.timedOut && outcome.allReadsSeen) {
    // Every read was done; what the grader still waited for is another check's business.
    return [
      true,
      `it was still running at the ${timeoutSeconds} s timeout, after every read (a program that keeps running passes)`,
    ];
  }
  if (result.timedOut) {
    const before = evidence.requestCount === 0 ? ', before sending any request to Vault' : '';
    return [
      false,
      `it was still running after the ${timeoutSeconds} s timeout${before}, and not every read had been seen${tail}`,
      evidence.requestCount === 0
        ? 'A timeout before any request: is it waiting for input (stdin is closed) or for a server that is not there? If it is only slow to start, raise --timeout.'
        : 'It never finished its reads: a program should read its secrets at startup, then exit 0 or go on serving. If it is only slow, raise --timeout.',
    ];
  }
  if (result.exitCode === 0) return [true, `exited with status 0 after ${seconds} s`];
  if (result.exitCode === 127 && evidence.requestCount === 0) {
    return [
      false,
      `exited with status 127: the command was not found${tail}`,
      'Is the command installed and on PATH? Tell the grader what to run with --cmd "<command>".',
    ];
  }
  if (result.exitCode !== undefined) {
    const after = outcome.allReadsSeen ? ' after reading every secret' : '';
    const hint = outcome.allReadsSeen
      ? 'It crashed after reading its secrets: read its error output above. Using the secrets is part of the job, so this still fails.'
      : (missingDependencyHint(lastErrorLine) ??
        'It stopped with an error: read its output above (it may come from a failed check above).');
    return [false, `exited with status ${result.exitCode}${after}${tail}`, hint];
  }
  if (result.signal)
    return [
      false,
      `it was killed by ${result.signal}${tail}`,
      'Something killed it (out of memory? a crash?): run it yourself to see.',
    ];
  return [false, 'it ended without an exit status', 'Run it yourself to see what happens.'];
}

/**
 * The most common first failure: the program's libraries are not installed where the grader runs
 * it (it runs the folder as it is and installs nothing). Recognised from the error line each
 * toolchain prints.
 */
export function missingDependencyHint(errorLine: string | undefined): string | undefined {
  if (!errorLine) return undefined;
  if (/ERR_MODULE_NOT_FOUND|MODULE_NOT_FOUND|Cannot find (?:package|module) '/.test(errorLine)) {
    const name = /Cannot find (?:package|module) '([^']+)'/.exec(errorLine)?.[1];
    // A missing file of its own ('./config.js'), not a package.
    if (name && /^[./]/.test(name)) return undefined;
    return `Its dependencies are not installed${name ? ` (${name})` : ''}: run npm install in its folder. The grader runs the folder as it is and installs nothing.`;
  }
  const python = /ModuleNotFoundError: No module named '([^']+)'/.exec(errorLine);
  if (python) {
    return `Python cannot import ${python[1]}: install it for the python3 the grader runs (python3 -m pip install ${python[1]}, or -r requirements.txt). The grader installs nothing.`;
  }
  if (/no required module provides package|missing go\.sum entry|go: updates to go\.mod needed/.test(errorLine)) {
    return 'Its Go modules are not resolved: run go mod tidy in its folder (go.mod and go.sum must list github.com/hashicorp/vault/api).';
  }
  return undefined;
}

function leakCheck({ leaks }: CheckInputs): Verdict {
  if (leaks.length === 0)
    return [
      true,
      'no secret value appeared in its output, in any form the grader checks (raw, base64, hex, URL-encoded, JSON-escaped)',
    ];
  const described = leaks
    .slice(0, 4)
    .map((leak) => `${leak.label} (${leak.encoding === 'raw' ? 'as is' : leak.encoding}) on ${leak.stream}`);
  return [
    false,
    `it printed ${described.join('; ')}${leaks.length > 4 ? '; …' : ''}`,
    [
      'Never print a secret, not even encoded: base64 or hex hides nothing. Log something harmless instead: a length, the secret version, a fingerprint.',
      ...redactionHints(leaks),
    ].join(' '),
  ];
}

function sourceCheck({ sourceFindings }: CheckInputs): Verdict {
  if (sourceFindings.length === 0) return [true, 'no hard-coded secret found in its source files'];
  const described = sourceFindings
    .slice(0, 4)
    .map((finding) => `${finding.file}:${finding.line}: ${finding.description}`);
  return [
    false,
    `${described.join('; ')}${sourceFindings.length > 4 ? `; and ${sourceFindings.length - 4} more` : ''}`,
    'Take it out of the code and get it from Vault at startup. A secret that was in a file stays in its history: rotate it.',
  ];
}

function envFileCheck({ envFiles }: CheckInputs): Verdict {
  if (envFiles.kind === 'not-a-repo') return [true, 'not a git repository: nothing to check'];
  if (envFiles.kind === 'no-git') return [true, 'git is not installed: nothing to check'];
  if (envFiles.tracked.length === 0) return [true, 'git tracks no .env file'];
  return [
    false,
    `git tracks ${envFiles.tracked.join(', ')}`,
    `Stop tracking it (git rm --cached ${envFiles.tracked[0]}), add .env to .gitignore, and rotate what it held: it stays in the history.`,
  ];
}

function addressHints(hints: SourceHints): string[] {
  const address = hints.fixedAddresses[0];
  if (!address) return [];
  return [
    `A hard-coded address instead of VAULT_ADDR: ${address.file}:${address.line} uses ${address.text}. The grading Vault listens on a random port; read the address from VAULT_ADDR.`,
  ];
}

function variableHints(hints: SourceHints): string[] {
  return hints.wrongVariables
    .slice(0, 2)
    .map((variable) =>
      variable.meant
        ? `A wrong variable name: ${variable.file}:${variable.line} reads ${variable.name}, which is not set; the grader sets ${variable.meant}.`
        : `${variable.file}:${variable.line} reads ${variable.name}, which is not set: the grader sets only VAULT_ADDR, VAULT_ROLE_ID and VAULT_SECRET_ID.`,
    );
}

function kvV2Usage(mount: string, path: string, full: string): string {
  return `hvac: client.secrets.kv.v2.read_secret_version(path="${path}", mount_point="${mount}"); node-vault: vault.read("${full}"); Go: client.KVv2("${mount}").Get(ctx, "${path}").`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `HH:MM:SS` (UTC) of an audit timestamp. */
function clock(time: string): string {
  return /T(\d\d:\d\d:\d\d)/.exec(time)?.[1] ?? time;
}
