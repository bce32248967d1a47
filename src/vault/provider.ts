import type { AuditTrail } from './audit/trail.js';
import { UserError } from '../util/errors.js';

export type ProviderName = 'docker' | 'binary' | 'embedded' | 'external';
export type ProviderChoice = ProviderName | 'auto';
export const PROVIDER_NAMES: readonly ProviderName[] = ['docker', 'binary', 'embedded', 'external'];
export const PROVIDER_CHOICES: readonly ProviderChoice[] = ['auto', ...PROVIDER_NAMES];
/** Where the course and grading run when `--vault` is not given. */
export const DEFAULT_PROVIDER_CHOICE: ProviderChoice = 'auto';

/** `--vault` values, checked in one place for every command: a typo is a usage error, not a silent fallback. */
export function parseProviderChoice(value: string | undefined): ProviderChoice {
  const choice = (value ?? 'auto').trim().toLowerCase();
  if ((PROVIDER_CHOICES as readonly string[]).includes(choice)) return choice as ProviderChoice;
  throw new UserError(`unknown --vault value '${value}' (choose ${PROVIDER_CHOICES.join(', ')})`);
}

export interface StartOptions {
  /** 127.0.0.1 port to listen on; a free random port when omitted. */
  port?: number;
  /** Root token to create; a random base62 token when omitted (Vault refuses a custom id with a `.`). */
  rootToken?: string;
  /**
   * Enable an audit device and expose its entries (the grader needs it; a playground may not).
   * Defaults to true.
   */
  audit?: boolean;
  /** Abort a slow start (image pull, a binary that never becomes healthy). */
  signal?: AbortSignal;
  /** Progress lines for the user ("pulling hashicorp/vault:…"); never contains a secret. */
  onProgress?: (message: string) => void;
}

/** A clock the owner of an embedded server can move forward (TTL and rotation tests in seconds). */
export interface VirtualClock {
  now(): number;
  advance(ms: number): void;
}

export interface RunningVault {
  provider: ProviderName;
  /** e.g. `http://127.0.0.1:8200`, no trailing slash. */
  address: string;
  /** A root token for provisioning. Never shown to learner programs, never printed (but by `vault up`). */
  rootToken: string;
  /** Present when started with `audit: true` (external: when the token may enable an audit device). */
  auditTrail?: AuditTrail;
  /** Only the embedded server has one; real servers run on wall-clock time. */
  clock?: VirtualClock;
  /** Human-readable server version, e.g. `OpenBao v2.7.2` or `embedded 0.1.0`. */
  version?: string;
  /**
   * From now on the provider's own requests (the audit trail's hashes and sync markers) use this
   * token instead of `rootToken`, which its owner is about to revoke.
   */
  useToken?(token: string): void;
  /** Stop the server and remove what it left (process, container, temp files). Idempotent. */
  stop(): Promise<void>;
}

export interface Availability {
  available: boolean;
  /** One line: why it is or is not available ("bao 2.7.2 at /usr/bin/bao", "no Docker engine answered"). */
  reason: string;
}

export interface VaultProvider {
  readonly name: ProviderName;
  /** Cheap check (well under a second when unavailable) used by `auto` and `doctor`. */
  availability(): Promise<Availability>;
  start(options?: StartOptions): Promise<RunningVault>;
}
