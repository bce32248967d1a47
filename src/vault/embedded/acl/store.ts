import { rfc3339Nano, type ServerClock } from '../core/clock.js';
import { Acl } from './acl.js';
import { DEFAULT_POLICY, RESPONSE_WRAPPING_POLICY } from './builtin-policies.js';
import { parsePolicy, type Policy } from './policy.js';

export interface StoredPolicy {
  name: string;
  text: string;
  policy: Policy;
  modified: string;
  version: number;
}

/** Policies by name, plus a cache of compiled ACLs per policy set (cleared on any change). */
export class PolicyStore {
  readonly #policies = new Map<string, StoredPolicy>();
  readonly #aclCache = new Map<string, Acl>();
  /** Bumped on every policy change; a cached ACL from an older generation is stale. */
  generation = 0;

  constructor(private readonly clock: ServerClock) {
    this.set('default', DEFAULT_POLICY);
    this.set('response-wrapping', RESPONSE_WRAPPING_POLICY);
  }

  get(name: string): StoredPolicy | undefined {
    return this.#policies.get(name);
  }

  /** Parses first, so a bad policy never replaces a good one. Throws PolicyParseError. */
  set(name: string, text: string): StoredPolicy {
    const policy = parsePolicy(name, text);
    const previous = this.#policies.get(name);
    const stored: StoredPolicy = {
      name,
      text,
      policy,
      modified: rfc3339Nano(this.clock.now()),
      version: (previous?.version ?? 0) + 1,
    };
    this.#policies.set(name, stored);
    this.#aclCache.clear();
    this.generation++;
    return stored;
  }

  delete(name: string): void {
    this.#policies.delete(name);
    this.#aclCache.clear();
    this.generation++;
  }

  /** Names a listing shows: sorted, `response-wrapping` hidden, `root` last. */
  names(): string[] {
    return [...this.#policies.keys()]
      .filter((name) => name !== 'response-wrapping')
      .sort()
      .concat('root');
  }

  /** The ACL for a token's policies; unknown policy names simply contribute nothing. */
  acl(policyNames: string[]): Acl {
    const key = policyNames.join('\n');
    let acl = this.#aclCache.get(key);
    if (!acl) {
      const policies: Policy[] = [];
      for (const name of policyNames) {
        if (name === 'root') policies.push({ name: 'root', rules: [] });
        else {
          const stored = this.#policies.get(name);
          if (stored) policies.push(stored.policy);
        }
      }
      acl = new Acl(policies);
      if (this.#aclCache.size > 1000) this.#aclCache.clear();
      this.#aclCache.set(key, acl);
    }
    return acl;
  }
}
