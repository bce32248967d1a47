import { HclError, parseHcl, type HclItem, type HclObject, type HclValue } from './hcl.js';
import { parameterMap, type ParameterRules } from './parameters.js';

/** Capability bits, as Vault's policy package keeps them. */
export const CAP = {
  deny: 1 << 0,
  create: 1 << 1,
  read: 1 << 2,
  update: 1 << 3,
  delete: 1 << 4,
  list: 1 << 5,
  sudo: 1 << 6,
  patch: 1 << 7,
  scan: 1 << 8,
} as const;
export type Capability = keyof typeof CAP;
export const CAPABILITY_NAMES = Object.keys(CAP) as Capability[];

/** Legacy `policy = "…"` shorthands. */
const LEGACY: Record<string, number> = {
  deny: CAP.deny,
  read: CAP.read | CAP.list,
  write: CAP.read | CAP.list | CAP.create | CAP.update | CAP.delete,
  sudo: CAP.read | CAP.list | CAP.create | CAP.update | CAP.delete | CAP.sudo,
};

const TOP_KEYS = new Set(['name', 'path']);
const PATH_KEYS = new Set([
  'comment',
  'policy',
  'capabilities',
  'allowed_parameters',
  'denied_parameters',
  'required_parameters',
  'min_wrapping_ttl',
  'max_wrapping_ttl',
  'mfa_methods',
  'control_group',
  'pagination_limit',
  'list_scan_response_keys_filter_path',
  'list_scan_response_relative_paths',
]);

export interface PathRule {
  /** The pattern without a leading `/` and without the trailing `*`. */
  path: string;
  /** Ended in `*`: a prefix glob. */
  isPrefix: boolean;
  /** Contains `+` segments. */
  hasSegmentWildcard: boolean;
  /** The pattern as written (minus a leading `/`), used for priority ordering. */
  raw: string;
  capabilities: number;
  /** Parameter constraints, when the rule has any. */
  parameters?: ParameterRules;
}

export interface Policy {
  name: string;
  rules: PathRule[];
}

export class PolicyParseError extends Error {}

/** Parse policy text (HCL or JSON) into path rules; errors read like OpenBao's. */
export function parsePolicy(name: string, text: string): Policy {
  let root: HclObject;
  try {
    root = text.trim().startsWith('{') ? fromJson(text) : parseHcl(text);
  } catch (error) {
    if (error instanceof HclError) throw new PolicyParseError(error.message);
    if (error instanceof SyntaxError) throw new PolicyParseError(error.message);
    throw error;
  }
  const badTop = root.items.find((item) => !TOP_KEYS.has(item.key));
  if (badTop) throw new PolicyParseError(multi(`invalid key ${JSON.stringify(badTop.key)} on line 0`));
  const rules: PathRule[] = [];
  for (const item of root.items) {
    if (item.key !== 'path') continue;
    for (const [pattern, body, bodyItem] of pathStanzas(item)) rules.push(parseRule(pattern, body, bodyItem));
  }
  return { name, rules };
}

function* pathStanzas(item: HclItem): Generator<[string, HclObject, HclItem]> {
  if (item.labels.length > 0) {
    if (isObject(item.value)) yield [item.labels[0]!, item.value, item];
    return;
  }
  // JSON form, or `path { "x" { … } }`: the keys of the object are the paths.
  if (!isObject(item.value)) return;
  for (const inner of item.value.items) {
    if (isObject(inner.value)) yield [inner.key, inner.value, inner];
  }
}

function parseRule(pattern: string, body: HclObject, item: HclItem): PathRule {
  const where = `path ${JSON.stringify(pattern)}`;
  const bad = body.items.find((entry) => !PATH_KEYS.has(entry.key));
  if (bad)
    throw new PolicyParseError(`${where}: ${multi(`invalid key ${JSON.stringify(bad.key)} on line ${bad.line}`)}`);
  let path = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  if (path.includes('+*'))
    throw new PolicyParseError(`${where}: ${where}: invalid use of wildcards ('+*' is forbidden)`);
  let capabilities = 0;
  for (const entry of body.items) {
    if (entry.key === 'policy') {
      const legacy = typeof entry.value === 'string' ? LEGACY[entry.value] : undefined;
      if (legacy === undefined)
        throw new PolicyParseError(`${where}: ${where}: invalid policy ${JSON.stringify(String(entry.value))}`);
      capabilities |= legacy;
    }
    if (entry.key === 'capabilities') {
      if (!Array.isArray(entry.value)) {
        throw new PolicyParseError(
          `${where}: ${where}: At ${entry.valueLine}:${entry.valueColumn}: unknown slice type: *ast.${isObject(entry.value) ? 'ObjectType' : 'LiteralType'}`,
        );
      }
      for (const capability of entry.value as HclValue[]) {
        const bit = typeof capability === 'string' ? CAP[capability as Capability] : undefined;
        if (bit === undefined)
          throw new PolicyParseError(`${where}: ${where}: invalid capability ${JSON.stringify(String(capability))}`);
        capabilities |= bit;
      }
    }
  }
  if (capabilities & CAP.deny) capabilities = CAP.deny;
  void item;
  const parameters = parameterRules(body);
  const raw = path;
  const isPrefix = path.endsWith('*');
  if (isPrefix) path = path.slice(0, -1);
  return {
    path,
    isPrefix,
    hasSegmentWildcard: path.split('/').includes('+'),
    raw,
    capabilities,
    ...(parameters && { parameters }),
  };
}

function parameterRules(body: HclObject): ParameterRules | undefined {
  const rules: ParameterRules = {};
  for (const entry of body.items) {
    if (entry.key === 'allowed_parameters') rules.allowed = parameterMap(entry.value);
    if (entry.key === 'denied_parameters') rules.denied = parameterMap(entry.value);
    if (entry.key === 'required_parameters' && Array.isArray(entry.value))
      rules.required = entry.value.map((name) => String(name));
  }
  return rules.allowed || rules.denied || rules.required?.length ? rules : undefined;
}

function fromJson(text: string): HclObject {
  return toObject(JSON.parse(text) as unknown);
}

function toObject(value: unknown): HclObject {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HclError('At 1:1: expected a JSON object');
  return {
    kind: 'object',
    items: Object.entries(value).map(([key, item]) => ({
      key,
      labels: [],
      value: toValue(item),
      line: 1,
      valueLine: 1,
      valueColumn: 1,
    })),
  };
}

function toValue(value: unknown): HclValue {
  if (Array.isArray(value)) return value.map(toValue);
  if (value && typeof value === 'object') return toObject(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return '';
}

function isObject(value: HclValue): value is HclObject {
  return typeof value === 'object' && !Array.isArray(value);
}

function multi(message: string): string {
  return `1 error occurred:\n\t* ${message}\n\n`;
}

/** Capability names of a bitmap, in Vault's order of listing (sorted). */
export function capabilityNames(bits: number): string[] {
  if (bits & CAP.deny) return ['deny'];
  return CAPABILITY_NAMES.filter((name) => name !== 'deny' && bits & CAP[name]).sort();
}
