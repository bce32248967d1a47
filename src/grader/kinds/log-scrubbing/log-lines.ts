import { createHash } from 'node:crypto';
import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { PlannedCheck } from '../../planned-checks.js';
import { LineSplitter } from '../../program/line-splitter.js';
import type { OutputStream } from '../../program/run-program.js';
import type { CheckResult } from '../../report.js';
import type { RunWatcher } from '../vault-app/app-run.js';
import type { GeneratedSecret } from '../vault-app/secrets.js';

/**
 * The log-scrubbing challenge's checks on what the program logs (challenge.yaml `logs`):
 *
 * - a startup line per secret key: `loaded <path>#<key> version=<v> fingerprint=<12 hex>`, where
 *   the fingerprint is the first 12 hex digits of SHA-256 over the value exactly as read. A right
 *   fingerprint proves the program read the value, without the value ever being printed;
 * - request lines, `request <n> …`, at least `requestLines` distinct n.
 *
 * Lines may carry anything around these (a timestamp, a level, a logger name), on stdout or stderr.
 * The watcher sees the raw output (never shown to anyone) and keeps only what it needs: the parsed
 * fields of the expected names and the request numbers. Expected fingerprints never leave it.
 */
export const FINGERPRINT_HEX_DIGITS = 12;
const MAX_UNKNOWN_NAMES = 5;

export function fingerprintOf(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}

export function logCheckPlan(definition: ChallengeDefinition): PlannedCheck[] {
  if (!definition.logs) return [];
  return [
    {
      id: 'startup-lines',
      title: 'Logs a startup line per secret key: name, version and fingerprint, never the value',
    },
    {
      id: 'request-lines',
      title: `Keeps logging request lines (at least ${definition.logs.requestLines} "request <n>" lines)`,
    },
  ];
}

interface Expected {
  name: string;
  version: number;
  fingerprint: string;
  /** Of the value without surrounding whitespace (a PEM without its final newline): a hint, not a pass. */
  trimmedFingerprint: string;
}

interface Seen {
  version?: number;
  fingerprint?: string;
}

const STARTUP = /\bloaded\s+(\S+)(.*)$/;
const VERSION = /\bversion=(\d+)/;
const FINGERPRINT = /\bfingerprint=([0-9A-Fa-f]+)/;
const REQUEST = /\brequest\s+(\d+)\b/;

export class LogLineWatcher implements RunWatcher {
  readonly #expected: Expected[];
  /** Every value, to make sure a "name" it logged is never a value before it is quoted in a hint. */
  readonly #values: string[];
  readonly #requestLines: number;
  readonly #seen = new Map<string, Seen>();
  readonly #unknownNames = new Set<string>();
  readonly #requests = new Set<number>();
  readonly #lines: Record<OutputStream, LineSplitter> = {
    stdout: new LineSplitter((line) => this.#line(line)),
    stderr: new LineSplitter((line) => this.#line(line)),
  };
  #satisfied = false;

  constructor(
    definition: ChallengeDefinition & { logs: NonNullable<ChallengeDefinition['logs']> },
    secrets: readonly GeneratedSecret[],
  ) {
    this.#requestLines = definition.logs.requestLines;
    this.#values = secrets
      .flatMap((secret) => Object.values(secret.data))
      .flatMap((value) => [value.trim(), ...value.split('\n').map((line) => line.trim())])
      .filter((value) => value.length >= 8);
    this.#expected = definition.secrets.flatMap((secret) => {
      const data = secrets.find((generated) => generated.path === secret.path)?.data ?? {};
      return Object.keys(secret.data).map((key) => ({
        name: `${secret.path}#${key}`,
        version: secret.versions,
        fingerprint: fingerprintOf(data[key] ?? ''),
        trimmedFingerprint: fingerprintOf((data[key] ?? '').trim()),
      }));
    });
  }

  /** True once enough request lines were seen: startup lines come before them. */
  get satisfied(): boolean {
    return this.#satisfied;
  }

  onOutput(stream: OutputStream, chunk: string): void {
    this.write(stream, chunk);
  }

  write(stream: OutputStream, chunk: string): void {
    this.#lines[stream].write(chunk);
  }

  finish(): void {
    this.#lines.stdout.finish();
    this.#lines.stderr.finish();
  }

  checks(titles: ReadonlyMap<string, string>): CheckResult[] {
    const make = (id: string, [passed, detail, hint]: [boolean, string, string?]): CheckResult => ({
      id,
      title: titles.get(id) ?? id,
      passed,
      detail,
      hint: passed ? '' : (hint ?? ''),
    });
    return [make('startup-lines', this.#startupVerdict()), make('request-lines', this.#requestVerdict())];
  }

  #line(line: string): void {
    const startup = STARTUP.exec(line);
    if (startup) {
      const name = startup[1]!;
      const rest = startup[2]!;
      if (this.#expected.some((expected) => expected.name === name)) {
        const version = VERSION.exec(rest)?.[1];
        const fingerprint = FINGERPRINT.exec(rest)?.[1];
        this.#seen.set(name, {
          version: version === undefined ? undefined : Number(version),
          fingerprint: fingerprint?.toLowerCase(),
        });
      } else if (this.#unknownNames.size < MAX_UNKNOWN_NAMES && this.#isPlainName(name)) {
        this.#unknownNames.add(name);
      }
    }
    const request = REQUEST.exec(line);
    if (request && this.#requests.size < 10_000) {
      this.#requests.add(Number(request[1]));
      if (this.#requests.size >= this.#requestLines) this.#satisfied = true;
    }
  }

  /** Short, made of name characters, and no part of any value: safe to quote back. */
  #isPlainName(name: string): boolean {
    if (!/^[A-Za-z0-9_.#/-]{1,60}$/.test(name)) return false;
    return !this.#values.some((value) => value.includes(name) || name.includes(value));
  }

  #startupVerdict(): [boolean, string, string?] {
    const problems: string[] = [];
    const hints = new Set<string>();
    const format = `loaded <path>#<key> version=<version> fingerprint=<first ${FINGERPRINT_HEX_DIGITS} hex digits of sha256(value)>`;
    for (const expected of this.#expected) {
      const seen = this.#seen.get(expected.name);
      if (!seen) {
        problems.push(`no "loaded ${expected.name} …" line`);
        hints.add(`Log one line per key, before the first request line: ${format}.`);
        if (this.#unknownNames.size > 0)
          hints.add(
            `Names are written <path>#<key>, e.g. ${expected.name}; it logged ${[...this.#unknownNames].slice(0, 3).join(', ')}.`,
          );
        continue;
      }
      if (seen.version === undefined || seen.fingerprint === undefined) {
        const missing = [
          seen.version === undefined ? 'version=' : '',
          seen.fingerprint === undefined ? 'fingerprint=' : '',
        ]
          .filter(Boolean)
          .join(' and ');
        problems.push(`the line for ${expected.name} has no ${missing}`);
        hints.add(`Each startup line reads: ${format}.`);
        continue;
      }
      if (seen.version !== expected.version) {
        problems.push(`${expected.name}: version=${seen.version}, but the version it read is ${expected.version}`);
        hints.add(
          'Log the version Vault returned with the secret, not a constant: data.metadata.version in the answer (hvac: response["data"]["metadata"]["version"]; node-vault: result.data.metadata.version; Go: secret.VersionMetadata.Version).',
        );
      }
      if (seen.fingerprint !== expected.fingerprint) {
        problems.push(`${expected.name}: the fingerprint does not match the value`);
        if (seen.fingerprint.length !== FINGERPRINT_HEX_DIGITS) {
          hints.add(
            `A fingerprint is exactly the first ${FINGERPRINT_HEX_DIGITS} hex digits of the SHA-256, not ${seen.fingerprint.length}.`,
          );
        } else if (seen.fingerprint === expected.trimmedFingerprint) {
          hints.add('Hash the value exactly as read: a PEM ends with a newline, and stripping it changes the hash.');
        } else {
          hints.add(
            `The fingerprint is SHA-256 over the UTF-8 bytes of the value exactly as read from Vault, as lower-case hex, first ${FINGERPRINT_HEX_DIGITS} digits (Python: hashlib.sha256(value.encode()).hexdigest()[:${FINGERPRINT_HEX_DIGITS}]).`,
          );
        }
      }
    }
    if (problems.length === 0) {
      return [
        true,
        `${this.#expected.length} startup lines, each with the version read and a fingerprint that matches the value`,
      ];
    }
    const shown = problems.slice(0, 4).join('; ') + (problems.length > 4 ? `; and ${problems.length - 4} more` : '');
    return [false, shown, [...hints].join(' ')];
  }

  #requestVerdict(): [boolean, string, string?] {
    const count = this.#requests.size;
    if (count >= this.#requestLines) return [true, `${count} request lines`];
    return [
      false,
      count === 0
        ? 'no "request <n>" line was seen'
        : `only ${count} request line${count === 1 ? '' : 's'} (request ${[...this.#requests].slice(0, 5).join(', ')})`,
      `After the startup lines, keep working and log one line per request, numbered: "request 1 …", "request 2 …" — at least ${this.#requestLines}, about one a second is plenty. The grader stops the program once it has seen them.`,
    ];
  }
}
