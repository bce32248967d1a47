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
  /** Where templated policies look up a token's entity (set when the server is wired together). */
  identity?: { templateValue(entityId: string, parameter: string): string | undefined };

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

  /** A token's entity, as templated policies see it. */
  entityOf(entityId: string | undefined) {
    const identity = this.identity;
    if (!entityId || !identity) return undefined;
    return { id: entityId, templateValue: (parameter: string) => identity.templateValue(entityId, parameter) };
  }

  /** Names a listing shows: sorted, `response-wrapping` hidden, `root` last. */
  names(): string[] {
    return [...this.#policies.keys()]
      .filter((name) => name !== 'response-wrapping')
      .sort()
      .concat('root');
  }

  /**
   * The ACL for a token's policies; unknown policy names simply contribute nothing. A templated
   * path (`{{identity.entity.aliases.<accessor>.metadata.role_name}}`) is filled in from the
   * token's entity through `templateValue`, and left out when a parameter has no value.
   */
  acl(policyNames: string[], entity?: { id: string; templateValue: (parameter: string) => string | undefined }): Acl {
    const templated = policyNames.some((name) => this.#policies.get(name)?.text.includes('{{'));
    const key = `${policyNames.join('\n')}${templated ? `\n@${entity?.id ?? ''}` : ''}`;
    let acl = this.#aclCache.get(key);
    if (!acl) {
      const policies: Policy[] = [];
      for (const name of policyNames) {
        if (name === 'root') policies.push({ name: 'root', rules: [] });
        else {
          const stored = this.#policies.get(name);
          if (stored) policies.push(fillTemplates(stored.policy, entity?.templateValue));
        }
      }
      acl = new Acl(policies);
      if (this.#aclCache.size > 1000) this.#aclCache.clear();
      this.#aclCache.set(key, acl);
    }
    return acl;
  }
}

const TEMPLATE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

function fillTemplates(policy: Policy, templateValue?: (parameter: string) => string | undefined): Policy {
  if (!policy.rules.some((rule) => rule.raw.includes('{{'))) return policy;
  const rules = policy.rules.flatMap((rule) => {
    if (!rule.raw.includes('{{')) return [rule];
    let missing = false;
    const fill = (text: string) =>
      text.replace(TEMPLATE, (_, parameter: string) => {
        const value = templateValue?.(parameter);
        // Vault refuses values that would widen the path (a glob or a path separator).
        if (value === undefined || /[*+/]/.test(value)) missing = true;
        return value ?? '';
      });
    const filled = { ...rule, path: fill(rule.path), raw: fill(rule.raw) };
    return missing ? [] : [filled];
  });
  return { ...policy, rules };
}
