import type { Verdict } from '../../planned-checks.js';
import { seconds } from '../vault-app/app-tokens.js';
import type { ProgramOutcome } from '../vault-app/checks.js';

/**
 * The orchestrator scenario's verdicts: `unwrap`, `unwrap-once`, and `login` replaced when the
 * program sent the wrapping token as its secret_id or had no secret_id at all (the standard
 * hint would point at a VAULT_SECRET_ID that this challenge does not set).
 */
export interface UnwrapAttempt {
  time: number;
  success: boolean;
  error?: string;
  /** With the wrapping token the grader made (as the client token or in the body). */
  ours: boolean;
}

export interface LoginAttemptSummary {
  success: boolean;
  error?: string;
  issuedRole: boolean;
  /** Which secret_id it sent, by HMAC: the one inside the wrapping token, the wrapping token itself, or something else. */
  secretId: 'unwrapped' | 'wrapping-token' | 'other';
  missingSecretId: boolean;
}

export interface OrchestratorInputs {
  unwraps: UnwrapAttempt[];
  logins: LoginAttemptSummary[];
  /** When the wrapping token was made (server ms) and its TTL. */
  createdAt: number;
  ttlSeconds: number;
  outcome: ProgramOutcome;
}

/** Where the program finds the file holding its wrapping token: this challenge's only new variable. */
export const WRAPPED_SECRET_ID_VARIABLE = 'VAULT_WRAPPED_SECRET_ID_FILE';
const VARIABLE = WRAPPED_SECRET_ID_VARIABLE;
const HOW_TO_UNWRAP =
  "POST sys/wrapping/unwrap with the wrapping token as X-Vault-Token; the answer's data.secret_id is the secret_id. hvac: hvac.Client(url=addr, token=wrapping_token).sys.unwrap(); node-vault: nodeVault({ endpoint, token: wrappingToken }).unwrap(); Go: client.Logical().Unwrap(wrappingToken).";
const WRAPPING_TOKEN_IS_NOT_THE_SECRET_ID = `The file holds a wrapping token, not the secret_id: unwrap it first. ${HOW_TO_UNWRAP} Then log in with VAULT_ROLE_ID and that secret_id.`;

export function orchestratorVerdicts(input: OrchestratorInputs): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>([
    ['unwrap', unwrap(input)],
    ['unwrap-once', unwrapOnce(input)],
  ]);
  const login = loginVerdict(input);
  if (login) verdicts.set('login', login);
  return verdicts;
}

function unwrap({ unwraps, logins, createdAt, ttlSeconds, outcome }: OrchestratorInputs): Verdict {
  const ours = unwraps.filter((attempt) => attempt.ours);
  const good = ours.find((attempt) => attempt.success);
  if (good)
    return [
      true,
      `unwrapped the wrapping token ${seconds(good.time - createdAt)} s after the orchestrator made it (its TTL: ${ttlSeconds} s)`,
    ];
  if (ours.length > 0) {
    const first = ours[0]!;
    const late = first.time - createdAt > ttlSeconds * 1000;
    return [
      false,
      `it tried to unwrap the token ${times(ours.length)} and Vault refused (${first.error ?? 'an error'})${late ? `: its ${ttlSeconds} s TTL had passed` : ''}`,
      late
        ? `Unwrap right at startup: the wrapping token lives ${ttlSeconds} s, so that a stolen copy is soon worthless.`
        : 'A wrapping token works once: was it already unwrapped (by a previous run)? Each grade makes a new one; read the file at startup.',
    ];
  }
  const others = unwraps.filter((attempt) => !attempt.ours);
  if (others.length > 0) {
    return [
      false,
      `it called sys/wrapping/unwrap ${times(others.length)}, never with the wrapping token from the file${others[0]!.error ? ` (Vault answered: ${others[0]!.error})` : ''}`,
      `Send the content of the file named by ${VARIABLE} (the token itself, not the file name; strip any trailing newline). ${HOW_TO_UNWRAP}`,
    ];
  }
  if (logins.some((login) => login.secretId === 'wrapping-token')) {
    return [
      false,
      'it never unwrapped the token: it sent it to auth/approle/login as if it were the secret_id',
      WRAPPING_TOKEN_IS_NOT_THE_SECRET_ID,
    ];
  }
  if (outcome.kind !== 'ran')
    return [false, 'the program did not run', 'Fix what stopped it first (see the `exit` check).'];
  return [
    false,
    'no unwrap of the wrapping token was seen',
    `Read the file named by ${VARIABLE}: it holds a wrapping token (the secret_id, response-wrapped), not the secret_id itself. ${HOW_TO_UNWRAP}`,
  ];
}

function unwrapOnce({ unwraps }: OrchestratorInputs): Verdict {
  const ours = unwraps.filter((attempt) => attempt.ours);
  if (ours.length === 0) return [true, 'no second unwrap (it did not unwrap at all: see `unwrap`)'];
  if (ours.length === 1) return [true, 'it unwrapped the token once'];
  const refused = ours.find((attempt) => !attempt.success);
  return [
    false,
    `it unwrapped the token ${times(ours.length)}${refused ? `: Vault refused the ${ours[0]!.success ? 'second' : 'first'} time (${refused.error ?? 'an error'})` : ''}: a wrapping token works once`,
    'Unwrap it a single time and keep the secret_id in memory (or log in right away). A second unwrap always fails, and in production a wrapping token that will not unwrap although you never used it means someone else did: raise an alarm instead of retrying.',
  ];
}

function loginVerdict({ logins, unwraps }: OrchestratorInputs): Verdict | undefined {
  if (logins.some((login) => login.success && login.issuedRole && login.secretId === 'unwrapped')) {
    return [true, 'logged in with the role_id it was given and the secret_id it unwrapped'];
  }
  if (logins.some((login) => login.success && login.issuedRole)) return undefined;
  const withWrappingToken = logins.filter((login) => login.secretId === 'wrapping-token');
  if (withWrappingToken.length > 0) {
    return [
      false,
      `${plural(withWrappingToken.length, 'login attempt')} with the wrapping token as the secret_id${withWrappingToken[0]!.error ? ` (Vault answered: ${withWrappingToken[0]!.error})` : ''}`,
      WRAPPING_TOKEN_IS_NOT_THE_SECRET_ID,
    ];
  }
  const unwrapped = unwraps.some((attempt) => attempt.ours && attempt.success);
  if (!unwrapped && logins.every((login) => login.missingSecretId)) {
    return [
      false,
      logins.length > 0
        ? `${plural(logins.length, 'login attempt')} without a secret_id${logins[0]!.error ? ` (Vault answered: ${logins[0]!.error})` : ''}`
        : 'no AppRole login was seen',
      `The secret_id comes out of the wrapping token in the file named by ${VARIABLE} (there is no VAULT_SECRET_ID in this challenge): unwrap it first (see \`unwrap\`), then POST auth/approle/login with VAULT_ROLE_ID and that secret_id.`,
    ];
  }
  if (unwrapped && logins.length === 0) {
    return [
      false,
      'it unwrapped the secret_id but never logged in',
      "POST auth/approle/login with role_id (VAULT_ROLE_ID) and the unwrapped secret_id (data.secret_id of the unwrap answer); the answer's auth.client_token is the token for the read.",
    ];
  }
  const refused = logins.find((login) => login.issuedRole && login.secretId === 'other');
  if (refused) {
    return [
      false,
      `${plural(logins.length, 'login attempt')} with the issued role_id, refused${refused.error ? ` (Vault answered: ${refused.error})` : ''}`,
      'Send the secret_id from the unwrap answer (its data.secret_id), as it is: not the whole answer, not the wrapping token, not the file name.',
    ];
  }
  return undefined;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
