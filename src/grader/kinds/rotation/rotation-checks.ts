import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { RotationScenarioDefinition } from '../../../course/scenario-schema.js';
import type { Verdict } from '../../planned-checks.js';
import { durationSeconds, seconds, versionOf, type AppRequest, type AppTokens } from '../vault-app/app-tokens.js';
import type { ProgramOutcome } from '../vault-app/checks.js';

/**
 * The rotation scenario's verdicts, from the final audit trail: `read-rotated`, `token-renewed`,
 * `expired-token-recovered`, and `exit` replaced (this app must keep running). Details give
 * times relative to the rotation or the expiry, never a value.
 */
export interface RotationTimeline {
  firstRead?: AppRequest;
  /** When the grader wrote the new version (server ms) and its version number. */
  rotation?: { time: number; version: number };
  /** Why the grader could not write the new version (its own failure, not the program's). */
  rotationError?: string;
  /** From when the first token can no longer work (server ms), and why. */
  expiry?: { time: number; how: 'max-ttl' | 'fast-forward'; advancedSeconds?: number };
}

export interface RotationInputs {
  definition: ChallengeDefinition;
  scenario: RotationScenarioDefinition;
  maxTtlSeconds: number;
  tokens: AppTokens;
  timeline: RotationTimeline;
  outcome: ProgramOutcome;
  complete: boolean;
}

export function rotationVerdicts(input: RotationInputs): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>([
    ['read-rotated', readRotated(input)],
    ['token-renewed', tokenRenewed(input)],
    ['expired-token-recovered', expiredTokenRecovered(input)],
  ]);
  const exit = exitVerdict(input);
  if (exit) verdicts.set('exit', exit);
  return verdicts;
}

function secretPath({ definition, scenario }: RotationInputs): string {
  return `${definition.mount}/data/${scenario.path}`;
}

function readsOf(input: RotationInputs): AppRequest[] {
  const path = secretPath(input);
  return input.tokens.requests.filter((request) => request.path === path && request.operation === 'read');
}

function keepRunning({ scenario }: RotationInputs): string {
  return `This app must keep running, like a server: loop, re-read the secret at least every ${scenario.rereadSeconds} s, keep its token fresh, and never exit on its own. The grader stops it once it has seen the new version read and a read after the token's expiry.`;
}

function neverRereads({ scenario, definition }: RotationInputs): string {
  return `An app that never re-reads keeps the password it read at startup, so a rotation breaks it (its database would refuse the old password). Re-read ${definition.mount}/data/${scenario.path} at least every ${scenario.rereadSeconds} s and use the latest version; print the version number if you like, never the value.`;
}

function noRenewal({ definition, maxTtlSeconds }: RotationInputs, renewed: boolean): string {
  const ttl = durationSeconds(definition.role.tokenTtl);
  const capped = renewed
    ? ` Renewing is good, but a token cannot be renewed past token_max_ttl (${maxTtlSeconds} s): when a renewal comes back shorter than asked, or is refused, log in again.`
    : '';
  return `An app that does not renew or log in again: its token lives ${ttl} s (token_ttl) and at most ${maxTtlSeconds} s (token_max_ttl).${capped} Renew it (POST auth/token/renew-self) or log in again before the TTL runs out, and whenever Vault answers 403 permission denied, log in again with VAULT_ROLE_ID and VAULT_SECRET_ID and retry.`;
}

function readRotated(input: RotationInputs): Verdict {
  const { timeline, scenario } = input;
  const path = secretPath(input);
  if (!timeline.firstRead) {
    return [
      false,
      `there was no rotation: the program never read ${path} with a token from its login`,
      'Fix `read-password` first: the grader rotates the secret once the program has read it.',
    ];
  }
  const rotation = timeline.rotation;
  if (!rotation && timeline.rotationError) {
    return [
      false,
      `the grader could not write the new version (${timeline.rotationError})`,
      "That is the grader's failure, not your program's: grade again.",
    ];
  }
  if (!rotation)
    return [
      false,
      `the program stopped before the rotation, which comes ${scenario.rotateAfterSeconds} s after its first read`,
      keepRunning(input),
    ];
  const after = readsOf(input).filter((request) => request.time >= rotation.time);
  const fresh = after.find((request) => request.success && request.login && versionOf(request) >= rotation.version);
  if (fresh) {
    const delay = fresh.time - rotation.time;
    if (delay <= scenario.windowSeconds * 1000)
      return [
        true,
        `read version ${versionOf(fresh)} ${seconds(delay)} s after the rotation (the window is ${scenario.windowSeconds} s)`,
      ];
    return [
      false,
      `read version ${versionOf(fresh)} only ${seconds(delay)} s after the rotation (the window is ${scenario.windowSeconds} s)`,
      `Re-read more often: at least every ${scenario.rereadSeconds} s.`,
    ];
  }
  if (after.length === 0)
    return [
      false,
      `after the rotation (version ${rotation.version}) it never asked for ${path} again`,
      neverRereads(input),
    ];
  const good = after.filter((request) => request.success);
  if (good.length > 0) {
    return [
      false,
      `it read ${path} ${times(good.length)} after the rotation, and got version ${versionOf(good[0]!)} every time, not version ${rotation.version}`,
      'Read the latest version: do not ask for a version number (no ?version=) and do not serve a copy cached at startup.',
    ];
  }
  const last = after[after.length - 1]!;
  return [
    false,
    `it asked for ${path} ${times(after.length)} after the rotation, refused every time (Vault answered: ${last.error ?? 'an error'})`,
    last.deadToken
      ? 'Its token had expired by then: see `token-renewed`.'
      : `Read ${path} with the token from the login.`,
  ];
}

function tokenRenewed(input: RotationInputs): Verdict {
  const { tokens, timeline, scenario, maxTtlSeconds } = input;
  const path = secretPath(input);
  if (!tokens.firstLogin)
    return [false, 'the program never logged in, so it had no token to keep fresh', 'Fix `login` first.'];
  const renewals = tokens.requests.filter(
    (request) => request.success && request.login && /^auth\/token\/renew(-self)?$/.test(request.path),
  );
  const relogins = tokens.logins.slice(1);
  const activity = describeActivity(renewals.length, relogins.length);
  const expiry = timeline.expiry;
  if (!expiry)
    return [
      false,
      `${activity}, but the program stopped before its first token expired (${maxTtlSeconds} s after its login: token_max_ttl)`,
      keepRunning(input),
    ];

  const when =
    expiry.how === 'max-ttl'
      ? `its first token reached token_max_ttl (${maxTtlSeconds} s)`
      : `the grader fast-forwarded Vault's clock by ${expiry.advancedSeconds} s, past token_max_ttl (as if the app had been paused)`;
  const after = readsOf(input).filter(
    (request) => request.success && request.login && request.login.index > 0 && request.time > expiry.time,
  );
  if (after.length > 0) {
    const delay = after[0]!.time - expiry.time;
    if (delay <= scenario.windowSeconds * 1000)
      return [
        true,
        `${activity}; after ${when}, it read ${path} again ${seconds(delay)} s later with the token of a new login`,
      ];
    return [
      false,
      `${activity}; after ${when}, its next good read came only ${seconds(delay)} s later (the window is ${scenario.windowSeconds} s)`,
      noRenewal(input, renewals.length > 0),
    ];
  }
  const later = tokens.requests.filter((request) => request.time > expiry.time);
  const failedLogins = later.filter((request) => request.path === 'auth/approle/login' && !request.success);
  if (failedLogins.length > 0) {
    return [
      false,
      `${activity}; after ${when}, it tried to log in again and Vault refused (${failedLogins[0]!.error ?? 'an error'})`,
      `Log in again exactly as at startup, with VAULT_ROLE_ID and VAULT_SECRET_ID. The secret_id allows ${input.definition.role.secretIdNumUses ?? 'unlimited'} logins: enough to log in again when needed, not before every request.`,
    ];
  }
  const refused = later.filter((request) => request.deadToken);
  if (refused.length > 0) {
    return [
      false,
      `${activity}; after ${when}, ${plural(refused.length, 'request')} with its expired token ${refused.length === 1 ? 'was' : 'were'} refused (permission denied) and it never logged in again`,
      noRenewal(input, renewals.length > 0),
    ];
  }
  if (later.length === 0)
    return [
      false,
      `${activity}; it sent no request after ${when}`,
      `Keep re-reading (see \`read-rotated\`). ${noRenewal(input, renewals.length > 0)}`,
    ];
  return [false, `${activity}; after ${when}, no read of ${path} succeeded`, noRenewal(input, renewals.length > 0)];
}

function expiredTokenRecovered(input: RotationInputs): Verdict {
  const { tokens, scenario } = input;
  const dead = tokens.requests.filter((request) => request.deadToken);
  if (dead.length === 0) {
    return [
      true,
      tokens.logins.length > 1 || tokens.requests.some((request) => /^auth\/token\/renew/.test(request.path))
        ? 'no request was refused for an expired token: it kept its token fresh ahead of time'
        : 'no request was refused for an expired token',
    ];
  }
  const goodReads = readsOf(input).filter((request) => request.success && request.login);
  const lastRequest = tokens.requests[tokens.requests.length - 1]!;
  const ranOn = input.outcome.kind === 'ran' && !input.outcome.result.stoppedByGrader;
  const unrecovered = dead.filter((refusal) => {
    const recovered = goodReads.some((read) => read.time > refusal.time && read.login!.time > refusal.time);
    // A refusal that was the program's very last request, cut short by the grader's stop, proves nothing either way.
    const inconclusive = !ranOn && refusal === lastRequest;
    return !recovered && !inconclusive;
  });
  if (unrecovered.length === 0) {
    const firstRecovery = goodReads.find((read) => read.time > dead[0]!.time && read.login!.time > dead[0]!.time);
    const delay = firstRecovery ? ` (${seconds(firstRecovery.time - dead[0]!.time)} s after the first refusal)` : '';
    return [
      true,
      `${plural(dead.length, 'request')} with an expired token ${dead.length === 1 ? 'was' : 'were'} refused, and it logged in again and read successfully${delay}`,
    ];
  }
  const first = unrecovered[0]!;
  return [
    false,
    `${plural(unrecovered.length, 'request')} with an expired token ${unrecovered.length === 1 ? 'was' : 'were'} refused and not followed by a new login and a good read (the first: ${first.operation} ${first.path}, Vault answered: ${first.error ?? 'permission denied'})`,
    `When Vault answers 403 permission denied, the token is gone (expired or revoked) and renewing cannot bring it back: log in again and retry the request. Reading every ${scenario.rereadSeconds} s, the app then recovers on its own.`,
  ];
}

function exitVerdict(input: RotationInputs): Verdict | undefined {
  const { outcome, timeline, complete } = input;
  if (outcome.kind !== 'ran') return undefined;
  const { result } = outcome;
  if (result.stoppedByGrader) {
    return [
      true,
      complete
        ? "it kept running through the rotation and its token's expiry; the grader stopped it once it had seen both (a long-running app is what this challenge asks for)"
        : 'it was still running when the grader ended the scenario, and was stopped (a long-running app is what this challenge asks for)',
    ];
  }
  if (result.timedOut || result.exitCode !== 0) return undefined;
  const phase = !timeline.rotation
    ? 'before the rotation'
    : !timeline.expiry
      ? 'before its first token expired'
      : "before the grader had seen a read after the token's expiry";
  return [false, `it exited with status 0 after ${seconds(result.durationMs)} s, ${phase}`, keepRunning(input)];
}

function describeActivity(renewals: number, relogins: number): string {
  if (renewals === 0 && relogins === 0) return 'it neither renewed its token nor logged in again';
  const parts: string[] = [];
  if (renewals > 0) parts.push(`renewed its token ${times(renewals)}`);
  if (relogins > 0) parts.push(`logged in again ${times(relogins)}`);
  return `it ${parts.join(' and ')}`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
