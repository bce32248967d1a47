import type { Operation } from '../core/logical.js';
import { mergeParameters, parametersAllow, type ParameterRules } from './parameters.js';
import { CAP, type PathRule, type Policy } from './policy.js';

interface Rule {
  raw: string;
  path: string;
  isPrefix: boolean;
  segments?: string[];
  plusCount: number;
  firstWildcard: number;
  capabilities: number;
  policies: PolicyGrant[];
  parameters?: ParameterRules;
}

/** A policy and the capabilities it gave a rule (Vault's GrantingPoliciesMap, per capability). */
interface PolicyGrant {
  name: string;
  bits: number;
}

interface Grant {
  capabilities: number;
  policies: PolicyGrant[];
  parameters?: ParameterRules;
}

const OPERATION_CAP: Record<Operation, number> = {
  read: CAP.read,
  list: CAP.list,
  create: CAP.create,
  update: CAP.update,
  delete: CAP.delete,
  patch: CAP.patch,
  header: CAP.read,
};

/**
 * The compiled ACL of a set of policies (OpenBao's policy/acl.go rules): an exact rule wins;
 * otherwise the single highest-priority glob/`+` rule applies (capabilities are merged only
 * between identical patterns, never across patterns); `deny` beats everything; no rule = denied.
 */
export class Acl {
  readonly root: boolean;
  readonly #exact = new Map<string, Grant>();
  readonly #wild: Rule[] = [];

  constructor(policies: Policy[]) {
    this.root = policies.some((policy) => policy.name === 'root');
    const wild = new Map<string, Rule>();
    for (const policy of policies) {
      for (const rule of policy.rules) {
        if (!rule.isPrefix && !rule.hasSegmentWildcard) {
          const grant = this.#exact.get(rule.path);
          if (grant) addGrant(grant, rule, policy.name);
          else
            this.#exact.set(rule.path, {
              capabilities: merge(undefined, rule.capabilities),
              policies: [{ name: policy.name, bits: rule.capabilities }],
              parameters: copyParameters(rule),
            });
          continue;
        }
        const existing = wild.get(rule.raw);
        if (existing) addGrant(existing, rule, policy.name);
        else wild.set(rule.raw, compile(rule, policy.name));
      }
    }
    this.#wild = [...wild.values()];
  }

  /** The capability bits that apply to `path` for `operation` (list also tries without the slash). */
  capabilities(path: string, operation: Operation): number {
    if (this.root) return ~0 & ~CAP.deny;
    return this.#resolve(path, operation)?.capabilities ?? 0;
  }

  /** Names of the policies whose rule decided this request (audit `policy_results`). */
  granting(path: string, operation: Operation): string[] {
    if (this.root) return ['root'];
    const bit = OPERATION_CAP[operation];
    return (this.#resolve(path, operation)?.policies ?? []).filter((p) => p.bits & bit).map((p) => p.name);
  }

  /**
   * OpenBao 2.7's order (policy/acl.go AllowOperation): exact; for lists the exact path without
   * its slash; the best glob/`+` rule for the path; for lists, the best one without the slash.
   */
  #resolve(path: string, operation: Operation): Grant | undefined {
    const exact = this.#exact.get(path);
    if (exact !== undefined) return exact;
    const isList = operation === 'list';
    if (isList) {
      const trimmed = this.#exact.get(trimSlash(path));
      if (trimmed !== undefined) return trimmed;
    }
    const found = this.#nonExact(path);
    if (found !== undefined) return found;
    if (isList && path.endsWith('/')) return this.#nonExact(trimSlash(path));
    return undefined;
  }

  /**
   * Whether `operation` on `path` with these parameters is allowed; root-protected paths also
   * need `sudo`.
   */
  allows(path: string, operation: Operation, needsSudo: boolean, data: Record<string, unknown> | null = null): boolean {
    if (this.root) return true;
    const grant = this.#resolve(path, operation);
    const bits = grant?.capabilities ?? 0;
    if (bits & CAP.deny) return false;
    if (!(bits & OPERATION_CAP[operation])) return false;
    if (needsSudo && !(bits & CAP.sudo)) return false;
    return parametersAllow(grant?.parameters, operation, data);
  }

  /** True when any non-deny capability is granted on `prefix` or on a rule below it (preflight). */
  hasAccessBelow(prefix: string): boolean {
    if (this.root) return true;
    for (const [path, { capabilities: bits }] of this.#exact)
      if (path.startsWith(prefix) && !(bits & CAP.deny) && bits) return true;
    for (const rule of this.#wild) {
      if (rule.capabilities & CAP.deny || !rule.capabilities) continue;
      if (
        rule.path.startsWith(prefix) ||
        (rule.isPrefix && prefix.startsWith(rule.path)) ||
        (rule.segments && segmentMatch(rule, prefix))
      )
        return true;
    }
    return false;
  }

  #nonExact(path: string): Grant | undefined {
    let best: Rule | undefined;
    for (const rule of this.#wild) {
      if (!matches(rule, path)) continue;
      if (!best || higherPriority(rule, best)) best = rule;
    }
    return best;
  }
}

function compile(rule: PathRule, policy: string): Rule {
  const plusCount = rule.raw.split('/').filter((segment) => segment === '+').length;
  const indexes = [rule.raw.indexOf('+'), rule.raw.indexOf('*')].filter((index) => index >= 0);
  return {
    raw: rule.raw,
    path: rule.path,
    isPrefix: rule.isPrefix,
    segments: rule.hasSegmentWildcard ? rule.path.split('/') : undefined,
    plusCount,
    firstWildcard: indexes.length ? Math.min(...indexes) : rule.raw.length,
    capabilities: merge(undefined, rule.capabilities),
    policies: [{ name: policy, bits: rule.capabilities }],
    parameters: copyParameters(rule),
  };
}

function copyParameters(rule: PathRule): ParameterRules | undefined {
  if (!rule.parameters || rule.capabilities & CAP.deny) return undefined;
  const copy: ParameterRules = {};
  mergeParameters(copy, rule.parameters);
  return copy;
}

/** A second policy's rule for the same pattern (NewACL): a deny on either side wipes the rest. */
function addGrant(grant: Grant, rule: PathRule, policy: string): void {
  if (!(grant.capabilities & CAP.deny)) {
    if (rule.capabilities & CAP.deny) delete grant.parameters;
    else if (rule.parameters) mergeParameters((grant.parameters ??= {}), rule.parameters);
  }
  grant.capabilities = merge(grant.capabilities, rule.capabilities);
  const known = grant.policies.find((p) => p.name === policy);
  if (known) known.bits |= rule.capabilities;
  else grant.policies.push({ name: policy, bits: rule.capabilities });
}

function matches(rule: Rule, path: string): boolean {
  if (!rule.segments) return path.startsWith(rule.path);
  return segmentMatch(rule, path);
}

function segmentMatch(rule: Rule, path: string): boolean {
  const segments = rule.segments!;
  const parts = path.split('/');
  if (rule.isPrefix ? parts.length < segments.length : parts.length !== segments.length) return false;
  const last = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '+') continue;
    if (rule.isPrefix && i === last) {
      if (!parts[i]!.startsWith(segment)) return false;
    } else if (parts[i] !== segment) {
      return false;
    }
  }
  return true;
}

/**
 * Vault's documented priority between two matching non-exact patterns (lengths and order are
 * those of the pattern without its trailing `*`, as in acl.go).
 */
export function higherPriority(
  a: Pick<Rule, 'path' | 'firstWildcard' | 'isPrefix' | 'plusCount'>,
  b: typeof a,
): boolean {
  if (a.firstWildcard !== b.firstWildcard) return a.firstWildcard > b.firstWildcard;
  if (a.isPrefix !== b.isPrefix) return !a.isPrefix;
  if (a.plusCount !== b.plusCount) return a.plusCount < b.plusCount;
  if (a.path.length !== b.path.length) return a.path.length > b.path.length;
  return a.path > b.path;
}

function merge(current: number | undefined, bits: number): number {
  const merged = (current ?? 0) | bits;
  return merged & CAP.deny ? CAP.deny : merged;
}

function trimSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
