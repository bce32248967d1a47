import { parseDurationSeconds, DurationError } from './duration.js';
import { badRequest, VaultError } from './errors.js';
import { numberText, parseInt64 } from './number-literals.js';

/**
 * Field decoding as Vault's `framework.FieldData` does it (weakly typed: `"5"` is an int,
 * `"a,b"` is a list), with its error texts: `error converting input for field "x": …`.
 */
type Data = Record<string, unknown> | null | undefined;

function convertError(field: string, detail: string): VaultError {
  return badRequest(`error converting input for field ${JSON.stringify(field)}: ${detail}`);
}

export function has(data: Data, field: string): boolean {
  return !!data && Object.hasOwn(data, field) && data[field] !== undefined;
}

export function getString(data: Data, field: string, fallback = ''): string {
  const value = data?.[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw convertError(field, `'' expected type 'string', got unconvertible type '${goTypeName(value)}'`);
}

export function getInt(data: Data, field: string, fallback = 0): number {
  const value = data?.[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value ? 1 : 0;
  // Go parses the number's text (json.Number): `1e20` and `1.0` are not ints there.
  const text = typeof value === 'number' ? numberText(value) : typeof value === 'string' ? value : undefined;
  if (text === '') return 0;
  const parsed = text === undefined ? 'invalid syntax' : parseInt64(text);
  if (typeof parsed === 'bigint') return Number(parsed);
  throw convertError(field, `'' cannot parse value as 'int': strconv.ParseInt: ${parsed}`);
}

export function getBool(data: Data, field: string, fallback = false): boolean {
  const value = data?.[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    if (value === '') return false;
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  }
  throw convertError(field, `'' cannot parse value as 'bool': strconv.ParseBool: invalid syntax`);
}

/** TypeDurationSecond: seconds, never negative. */
export function getDuration(data: Data, field: string, fallback = 0): number {
  const seconds = getSignedDuration(data, field, fallback);
  if (seconds < 0) throw convertError(field, `cannot provide negative value '${seconds}'`);
  return seconds;
}

/** TypeSignedDurationSecond: seconds, negative allowed (KV's `delete_version_after: -1` disables it). */
export function getSignedDuration(data: Data, field: string, fallback = 0): number {
  const value = data?.[field];
  if (value === undefined || value === null) return fallback;
  try {
    return parseDurationSeconds(value);
  } catch (error) {
    if (error instanceof DurationError) throw convertError(field, error.message);
    throw error;
  }
}

/** TypeCommaStringSlice: `"a, b"` or `["a","b"]`, each item trimmed; `""` is the empty list, blanks inside stay. */
export function getStringList(data: Data, field: string): string[] | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  if (value === '') return [];
  const items = Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
    : String(value).split(',');
  return items.map((item) => item.trim());
}

/** `policyutil.SanitizePolicies`: trimmed, lower-cased, without duplicates, sorted. */
export function sanitizePolicies(policies: string[], addDefault: boolean): string[] {
  const set = new Set(policies.map((policy) => policy.trim().toLowerCase()).filter((policy) => policy !== ''));
  if (addDefault && !set.has('root')) set.add('default');
  return [...set].sort();
}

/** TypeStringSlice: a list, or one string taken whole (no comma splitting — token `policies`). */
export function getStringSlice(data: Data, field: string): string[] | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** TypeKVPairs / TypeMap of strings (token `meta`). */
export function getStringMap(data: Data, field: string): Record<string, string> | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw convertError(field, `'' expected a map, got '${goTypeName(value)}'`);
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = typeof item === 'string' ? item : JSON.stringify(item);
  return out;
}

/** TypeString, weakly: numbers and booleans become their text; Go's type name in the error otherwise. */
export function getWeakString(data: Data, field: string): string | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') return getString(data, field);
  const type = Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
  throw convertError(field, `'' expected type 'string', got unconvertible type '${type}'`);
}

/** TypeStringSlice, weakly: each item of a list (or a lone value) as a string, trimmed. */
export function getWeakStringSlice(data: Data, field: string): string[] | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  if (value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  const errors: string[] = [];
  const strings = items.map((item, index) => {
    if (item !== null && typeof item === 'object') {
      const type = Array.isArray(item) ? '[]interface {}' : 'map[string]interface {}';
      errors.push(`'[${index}]' expected type 'string', got unconvertible type '${type}'`);
      return '';
    }
    return item === null ? '' : typeof item === 'number' ? numberText(item) : String(item);
  });
  if (errors.length)
    throw convertError(field, `decoding failed due to the following error(s):\n\n${errors.join('\n')}`);
  return strings.map((item) => item.trim());
}

/** TypeMap: any JSON object, as is. */
export function getMap(data: Data, field: string): Record<string, unknown> | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const type = Array.isArray(value) ? '[]interface {}' : typeof value === 'number' ? 'json.Number' : typeof value;
  throw convertError(field, `'' expected type 'map[string]interface {}', got unconvertible type '${type}'`);
}

/**
 * TypeCommaIntSlice (mapstructure's weak decoding): `"1,2"` split on commas without trimming,
 * a lone value taken as a one-item list; every item that is not an int is reported.
 */
export function getCommaIntSlice(data: Data, field: string): number[] | undefined {
  const value = data?.[field];
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'number' ? numberText(value) : value;
  const items = Array.isArray(text) ? text : typeof text === 'string' ? (text === '' ? [] : text.split(',')) : [text];
  const errors: string[] = [];
  const numbers = items.map((item, index) => {
    const number = weakInt(item);
    if (typeof number === 'string') errors.push(`'[${index}]' ${number}`);
    return typeof number === 'number' ? number : 0;
  });
  if (errors.length)
    throw convertError(field, `decoding failed due to the following error(s):\n\n${errors.join('\n')}`);
  return numbers;
}

/** One item of a weakly decoded int list: the int, or mapstructure's complaint. */
function weakInt(item: unknown): number | string {
  if (item === null || item === undefined) return 0;
  if (typeof item === 'boolean') return item ? 1 : 0;
  if (typeof item === 'number' || typeof item === 'string') {
    const parsed = parseInt64(typeof item === 'number' ? numberText(item) : item);
    return typeof parsed === 'bigint' ? Number(parsed) : `cannot parse value as 'int': strconv.ParseInt: ${parsed}`;
  }
  const type = Array.isArray(item) ? '[]interface {}' : 'map[string]interface {}';
  return `expected type 'int', got unconvertible type '${type}'`;
}

export function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'slice';
  if (value === null) return 'nil';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'number') return 'json.Number';
  return typeof value;
}
