import type { Verdict } from '../../planned-checks.js';
import type { CheckInputs } from './checks.js';
import { redactionHints } from './leak-hints.js';

/**
 * The checks on how the program behaved besides its Vault requests: how it ended (`exit`), what
 * it printed (`no-leak`), what its folder holds (`no-hardcoded-secret`, `no-committed-env`).
 */
export function exitCheck({ outcome, timeoutSeconds, lastErrorLine, evidence }: CheckInputs): Verdict {
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

export function leakCheck({ leaks }: CheckInputs): Verdict {
  if (leaks.length === 0)
    return [
      true,
      'no secret value appeared in its output, in any form the grader checks (raw, base64, hex, URL-encoded, JSON-escaped)',
    ];
  const described = leaks
    .slice(0, 4)
    .map((leak) => `${leak.secret} (${leak.form === 'raw' ? 'as is' : leak.form}) on ${leak.stream}`);
  return [
    false,
    `it printed ${described.join('; ')}${leaks.length > 4 ? '; …' : ''}`,
    [
      'Never print a secret, not even encoded: base64 or hex hides nothing. Log something harmless instead: a length, the secret version, a fingerprint.',
      ...redactionHints(leaks),
    ].join(' '),
  ];
}

export function sourceCheck({ sourceFindings }: CheckInputs): Verdict {
  if (sourceFindings.length === 0) return [true, 'no hard-coded secret found in its source files'];
  const described = sourceFindings.slice(0, 4).map((finding) => `${finding.file}:${finding.line}: ${finding.title}`);
  return [
    false,
    `${described.join('; ')}${sourceFindings.length > 4 ? `; and ${sourceFindings.length - 4} more` : ''}`,
    'Take it out of the code and get it from Vault at startup. A secret that was in a file stays in its history: rotate it.',
  ];
}

export function envFileCheck({ envFiles }: CheckInputs): Verdict {
  if (envFiles.kind === 'not-a-repo') return [true, 'not a git repository: nothing to check'];
  if (envFiles.kind === 'no-git') return [true, 'git is not installed: nothing to check'];
  if (envFiles.tracked.length === 0) return [true, 'git tracks no .env file'];
  return [
    false,
    `git tracks ${envFiles.tracked.join(', ')}`,
    `Stop tracking it (git rm --cached ${envFiles.tracked[0]}), add .env to .gitignore, and rotate what it held: it stays in the history.`,
  ];
}
