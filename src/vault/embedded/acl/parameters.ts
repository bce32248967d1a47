import type { Operation } from '../core/logical.js';
import type { HclObject, HclValue } from './hcl.js';

/**
 * A path rule's `allowed_parameters`, `denied_parameters` and `required_parameters` (OpenBao's
 * policy/acl.go): parameter names lower-cased; an empty value list means any value.
 */
export interface ParameterRules {
  allowed?: Map<string, unknown[]>;
  denied?: Map<string, unknown[]>;
  required?: string[];
}

/** `allowed_parameters = { "name" = ["value", "prefix*"] }` as policy.go reads it. */
export function parameterMap(value: HclValue): Map<string, unknown[]> {
  const map = new Map<string, unknown[]>();
  if (typeof value !== 'object' || Array.isArray(value)) return map;
  for (const item of (value as HclObject).items) {
    const values = Array.isArray(item.value) ? item.value : [item.value];
    map.set(item.key.toLowerCase(), values.map(plain));
  }
  return map;
}

function plain(value: HclValue): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') return Object.fromEntries(value.items.map((item) => [item.key, plain(item.value)]));
  return value;
}

/**
 * NewACL's merge of a second policy's rule for the same path into the first: lists of values
 * are appended, and an empty list (any value) on either side wins; required names are united.
 */
export function mergeParameters(existing: ParameterRules, incoming: ParameterRules): void {
  existing.allowed = mergeMaps(existing.allowed, incoming.allowed);
  existing.denied = mergeMaps(existing.denied, incoming.denied);
  if (incoming.required?.length) {
    const required = existing.required ?? [];
    for (const name of incoming.required) if (!required.includes(name)) required.push(name);
    existing.required = required;
  }
}

function mergeMaps(
  existing: Map<string, unknown[]> | undefined,
  incoming: Map<string, unknown[]> | undefined,
): Map<string, unknown[]> | undefined {
  if (!incoming?.size) return existing;
  if (!existing) return new Map(incoming);
  for (const [key, values] of incoming) {
    const current = existing.get(key);
    if (values.length === 0 || (current !== undefined && current.length === 0)) existing.set(key, []);
    else existing.set(key, [...values, ...(current ?? [])]);
  }
  return existing;
}

/** AllowOperation's parameter checks, for the operations that carry parameters. */
export function parametersAllow(
  rules: ParameterRules | undefined,
  operation: Operation,
  data: Record<string, unknown> | null,
): boolean {
  if (!rules || !['read', 'update', 'create', 'patch'].includes(operation)) return true;
  const fields = data ?? {};
  // Required names are looked up as written, lower-cased; the request's keys are not.
  for (const name of rules.required ?? []) if (!Object.hasOwn(fields, name.toLowerCase())) return false;
  const entries = Object.entries(fields);
  if (entries.length === 0) return true;
  if (rules.denied?.size) {
    if (rules.denied.has('*')) return false;
    for (const [name, value] of entries) {
      const denied = rules.denied.get(name.toLowerCase());
      if (denied && valueInList(value, denied)) return false;
    }
  }
  const allowed = rules.allowed;
  if (!allowed?.size) return true;
  const allowedAll = allowed.has('*');
  if (allowed.size === 1 && allowedAll) return true;
  return entries.every(([name, value]) => {
    const values = allowed.get(name.toLowerCase());
    if (values === undefined) return allowedAll;
    return valueInList(value, values);
  });
}

/** valueInParameterList: an empty list holds everything; strings match with a leading/trailing `*`. */
function valueInList(value: unknown, list: unknown[]): boolean {
  if (list.length === 0) return true;
  return list.some((item) => {
    if (item === null || value === null || value === undefined) return item === (value ?? null);
    if (typeof item === 'string' && typeof value === 'string') return globbedMatch(item, value);
    // JSON numbers arrive as json.Number and never equal a policy's number; the rest compare deeply.
    if (typeof value === 'number') return false;
    return JSON.stringify(item) === JSON.stringify(value);
  });
}

/** strutil.GlobbedStringsMatch. */
function globbedMatch(item: string, value: string): boolean {
  if (item.length < 2) return value === item;
  const prefix = item.startsWith('*');
  const suffix = item.endsWith('*');
  if (prefix && suffix) return value.includes(item.slice(1, -1));
  if (prefix) return value.endsWith(item.slice(1));
  if (suffix) return value.startsWith(item.slice(0, -1));
  return value === item;
}
