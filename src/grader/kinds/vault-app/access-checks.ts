import type { ReadDefinition } from '../../../course/challenge-schema.js';
import type { Verdict } from '../../planned-checks.js';
import type { RunResult } from '../../program/run-program.js';
import type { SourceHints } from '../../source/hints.js';
import type { CheckInputs } from './checks.js';
import type { Evidence } from './evidence.js';

/**
 * The checks on the program's Vault requests: `login` (an AppRole login with the issued
 * credentials) and one per required read (a successful read with the token from that login).
 * A failure names the request that went wrong and the likely mistake behind it.
 */
export function loginCheck({ evidence, outcome, hints, timeoutSeconds }: CheckInputs): Verdict {
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

export function readCheck(inputs: CheckInputs, read: ReadDefinition): Verdict {
  const { definition, evidence, outcome } = inputs;
  const path = `${definition.mount}/data/${read.path}`;
  const seen = evidence.reads.get(read.id);
  if (seen) return [true, `read ${path} at ${clock(seen)} with the token from the login`];
  if (outcome.kind !== 'ran')
    return [false, 'the program did not run', 'Fix what stopped it first (see the `exit` check).'];
  const kvV2 = kvV2Usage(definition.mount, read.path, path);
  return (
    wrongPathVerdict(inputs, read, kvV2) ??
    failedAttemptVerdict(inputs, path, kvV2) ??
    missingReadVerdict(inputs, read, outcome.result, kvV2)
  );
}

/** It asked with a KV v1 path, or for the metadata. */
function wrongPathVerdict(
  { definition, evidence }: CheckInputs,
  read: ReadDefinition,
  kvV2: string,
): Verdict | undefined {
  const path = `${definition.mount}/data/${read.path}`;
  const v1Path = `${definition.mount}/${read.path}`;
  const metadataPath = `${definition.mount}/metadata/${read.path}`;
  const v1 = evidence.requests.find((request) => request.path === v1Path);
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
  return undefined;
}

/** It asked for the right path, and the last attempt failed: without a token, another token, or refused. */
function failedAttemptVerdict({ evidence }: CheckInputs, path: string, kvV2: string): Verdict | undefined {
  const attempt = evidence.requests.filter((request) => request.path === path).at(-1);
  if (!attempt) return undefined;
  const answer = attempt.error ? ` (Vault answered: ${attempt.error})` : '';
  if (!attempt.withToken) {
    return [
      false,
      `it asked for ${path} without a token${answer}`,
      'Send the token from the login with the request (header X-Vault-Token). hvac and node-vault keep it after their AppRole login call; with curl, add the header yourself.',
    ];
  }
  if (!attempt.withLoginToken) {
    return [
      false,
      `it asked for ${path} with a token that did not come from its AppRole login${answer}`,
      loggedIn(evidence)
        ? 'Use the auth.client_token returned by the login, not another token.'
        : 'Log in with AppRole first (see `login`) and use the token it returns.',
    ];
  }
  return [
    false,
    `it asked for ${path}, but the read failed${answer}`,
    `Read ${path} with the token from the login. ${kvV2}`,
  ];
}

/** It never asked for the path: no login, other paths, or nothing at all before it ended. */
function missingReadVerdict(
  { definition, evidence, timeoutSeconds }: CheckInputs,
  read: ReadDefinition,
  result: RunResult,
  kvV2: string,
): Verdict {
  const path = `${definition.mount}/data/${read.path}`;
  if (!loggedIn(evidence)) {
    return [
      false,
      `${path} was not read with a token from an AppRole login`,
      'Fix `login` first: reading a secret needs the token that the login returns.',
    ];
  }
  const required = new Set(definition.reads.map((r) => `${definition.mount}/data/${r.path}`));
  const others = [
    ...new Set(
      evidence.requests
        .filter((request) => request.path.startsWith(`${definition.mount}/`) && !required.has(request.path))
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
  const why = result.timedOut
    ? ` before the ${timeoutSeconds} s timeout`
    : result.exitCode !== undefined && result.exitCode !== 0
      ? ` before it exited with status ${result.exitCode}`
      : '';
  return [
    false,
    `no request for ${path} was seen${why}`,
    `Read ${read.what} from ${path} with the token from the login. ${kvV2}`,
  ];
}

function loggedIn(evidence: Evidence): boolean {
  return evidence.logins.some((login) => login.success && login.issuedRole);
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
