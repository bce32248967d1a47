/** The checks a hands-on step can name (lesson front matter, challenge.yaml `setup`). */
export type VaultCheck =
  | { type: 'auth-enabled'; path: string; method: string }
  | { type: 'kv-v2-mounted'; path: string }
  /** A PKI engine with a CA and a role for these names, its certificates living at most maxTtlSeconds. */
  | { type: 'pki-role'; mount: string; role: string; allowedDomains?: string[]; maxTtlSeconds?: number }
  | { type: 'policy-exists'; name: string }
  | {
      /** The policy grants at least `capabilities` on `path`, and nothing on `deniedPath`. */
      type: 'policy-allows';
      name: string;
      path: string;
      capabilities: string[];
      deniedPath?: string;
      /** Capabilities the policy must NOT grant on `path` ("can only read": create, update, delete). */
      forbiddenCapabilities?: string[];
    }
  | {
      /**
       * For a policy the learner composes from a goal: a token holding only this policy has
       * exactly these capabilities on each path (no more, no fewer), and none on `denied`.
       */
      type: 'policy-grants';
      name: string;
      grants: Array<{ path: string; capabilities: string[] }>;
      denied?: string[];
    }
  | {
      type: 'approle-role';
      role: string;
      mount?: string;
      policies?: string[];
      /**
       * Role fields as Vault reports them on read (TTLs in seconds), e.g. `{ token_ttl: 3600 }`;
       * lists (token_policies, *_bound_cidrs) compare as sets, CIDRs with /32 and a bare address alike.
       */
      settings?: Record<string, number | boolean | string | string[]>;
      /** The role carries `policies` and no other (the `default` policy aside, which Vault adds unless told not to). */
      onlyPolicies?: boolean;
      /**
       * Numeric role fields within bounds (TTLs in seconds), for a role composed from a goal:
       * `{ token_max_ttl: { min: 1, max: 86400 } }` — set (0 means the server's 32-day default) and short.
       */
      limits?: Record<string, { min?: number; max?: number }>;
    }
  /** At least one secret_id has been issued for the role (and not yet used up or destroyed). */
  | { type: 'approle-secret-id'; role: string; mount?: string }
  /**
   * A response-wrapped secret_id of the role is waiting to be unwrapped: a live wrapping token
   * created at auth/<mount>/role/<role>/secret-id (a plain secret_id does not count), living at
   * most `maxTtl` seconds.
   */
  | { type: 'approle-wrapped-secret-id'; role: string; mount?: string; maxTtl?: number }
  | {
      type: 'kv-secret';
      mount: string;
      path: string;
      keys: string[];
      /** The current version is at least this (a rotation wrote a new version). */
      minVersion?: number;
      /** The secret's metadata keeps at most this many versions (`max_versions`). */
      maxVersions?: number;
      /** What some keys' values must be (checks/values.ts); judged in memory, never shown. */
      values?: Record<string, ValueRule>;
    }
  | {
      /**
       * A rotation that leaves nothing behind: the secret has a version after the first, and every
       * version before the current one is destroyed (a deleted version can be undeleted).
       */
      type: 'kv-old-versions-destroyed';
      mount: string;
      path: string;
    }
  | {
      /** A token with this display name (Vault stores it as `token-<name>`) that can never outlive `maxTtl` seconds. */
      type: 'token-exists';
      displayName: string;
      maxTtl?: number;
      policies?: string[];
    };

/** What a stored value must look like (a `kv-secret` check's `values`). */
export type ValueRule =
  /** `postgres://user:password@host/…` whose password is generated (at least `minPasswordLength`, default 16). */
  | { format: 'postgres-url'; minPasswordLength?: number }
  /** At least `minLength` characters that look generated (not words, not a pattern). */
  | { format: 'random'; minLength: number }
  /** A PEM certificate, valid now, for `host` (subjectAltName), whose key is the secret's `privateKey` key. */
  | { format: 'tls-certificate'; privateKey: string; host: string };

/** Checks of the learner's own files, relative to the folder the course was started in. */
export type LocalCheck =
  | {
      /** `repo` is a Git repository in which `file` exists, is ignored and was never committed; `committed` files are. */
      type: 'git-ignored';
      repo: string;
      file: string;
      committed?: string[];
    }
  | {
      /** `repo`'s pre-commit hook refuses a commit that adds a key, and lets a clean commit through. */
      type: 'hook-blocks-secret';
      repo: string;
    }
  | {
      /**
       * `repo`'s history was rewritten with git filter-repo, and `file` is in no commit reachable
       * from any ref or reflog entry, and no unreachable object is left in `.git`.
       */
      type: 'git-file-purged';
      repo: string;
      file: string;
    };

/** A file Vault Agent renders in the learner's folder holds the current value of a KV key (checks/rendered.ts). */
export interface RenderedFileCheck {
  type: 'rendered-file';
  /** Relative to the folder the course was started in. */
  file: string;
  mount: string;
  path: string;
  key: string;
}

export type StepCheck = VaultCheck | LocalCheck | RenderedFileCheck;

export interface CheckOutcome {
  done: boolean;
  /** One line: what is still missing, or what was found. Never a secret value. */
  detail: string;
}

const LOCAL_CHECK_TYPES: ReadonlySet<string> = new Set<LocalCheck['type']>([
  'git-ignored',
  'hook-blocks-secret',
  'git-file-purged',
]);

/** Checks about the learner's files and Git repositories: they need no Vault (and load no Vault client). */
export function isLocalCheck(check: StepCheck): check is LocalCheck {
  return LOCAL_CHECK_TYPES.has(check.type);
}

/** Checks judged by the playground Vault alone (not the learner's files, not a file compared with Vault). */
export function isVaultCheck(check: StepCheck): check is VaultCheck {
  return !isLocalCheck(check) && check.type !== 'rendered-file';
}
