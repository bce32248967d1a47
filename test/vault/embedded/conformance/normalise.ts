import type { Observed } from './runner.js';

/**
 * Makes two runs comparable: random values (ids, tokens, accessors, salts, times) become
 * placeholders. Placeholders are numbered per kind in order of first appearance, so "the
 * accessor from the login equals the accessor in the lookup" is still checked, while the
 * values themselves are not.
 */
const KINDS: Array<[string, RegExp]> = [
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/],
  ['token', /^(s|hvs|hvb|b)\.[A-Za-z0-9_-]{20,}$/],
  ['id24', /^[A-Za-z0-9]{24}$/],
  ['hmac', /^hmac-sha256:[0-9a-f]{64}$/],
  ['mount-accessor', /^(kv|pki|system|cubbyhole|identity|auth_[a-z]+)_[0-9a-f]{8}$/],
  // PKI: certificate serials and PEM blocks (keys, certificates) are random on each server.
  ['serial', /^([0-9a-f]{2}:){7,}[0-9a-f]{2}$/],
  ['pem', /^-----BEGIN [A-Z ]+-----\n[\s\S]*-----END [A-Z ]+-----\n?$/],
];
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const CLUSTER = /^vault-cluster-[0-9a-f]{8}$/;
/** Numbers that are clock readings. */
const CLOCK_NUMBERS = new Set(['creation_time', 'server_time_utc', 'last_renewal_time']);
/** Remaining-time numbers: equal within a few seconds. */
const REMAINING = new Set(['ttl']);

export class Normaliser {
  readonly #seen = new Map<string, string>();
  readonly #counts = new Map<string, number>();

  normalise(value: unknown, key = ''): unknown {
    if (typeof value === 'string') return this.#string(value, key);
    if (typeof value === 'number') {
      if (CLOCK_NUMBERS.has(key)) return '<unix-time>';
      if (REMAINING.has(key)) return `<remaining:${value}>`;
      return value;
    }
    if (Array.isArray(value)) return value.map((item) => this.normalise(item, key));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const name of Object.keys(value).sort())
        out[this.#key(name)] = this.normalise((value as Record<string, unknown>)[name], name);
      return out;
    }
    return value;
  }

  #key(name: string): string {
    return KINDS.some(([, pattern]) => pattern.test(name)) ? this.#string(name, '') : name;
  }

  #string(value: string, key: string): string {
    // The one intentional difference: the embedded server reports `2.7.2+embedded` as its
    // version (sys/health, sys/seal-status), so nobody mistakes it for a real OpenBao.
    if (key === 'version') return '<server-version>';
    if (key === 'request_id') return value === '' ? '' : '<request-id>';
    if (TIME.test(value)) return '<time>';
    if (CLUSTER.test(value)) return '<cluster-name>';
    for (const [kind, pattern] of KINDS) {
      if (pattern.test(value)) return this.#placeholder(kind, value);
    }
    // Ids quoted inside messages ("failed to find accessor entry for …: \"<uuid>\"").
    return value.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) =>
      this.#placeholder('uuid', id),
    );
  }

  #placeholder(kind: string, value: string): string {
    let placeholder = this.#seen.get(value);
    if (!placeholder) {
      const n = (this.#counts.get(kind) ?? 0) + 1;
      this.#counts.set(kind, n);
      placeholder = `<${kind}#${n}>`;
      this.#seen.set(value, placeholder);
    }
    return placeholder;
  }
}

export interface Mismatch {
  step: string;
  differences: string[];
}

/** Compare two normalised observations: status, headers, then the body structure and values. */
export function compareObserved(
  real: Observed,
  embedded: Observed,
  realN: Normaliser,
  embeddedN: Normaliser,
): string[] {
  const differences: string[] = [];
  if (real.status !== embedded.status)
    differences.push(`status ${real.status} (real) vs ${embedded.status} (embedded)`);
  if (real.contentType !== embedded.contentType)
    differences.push(`content-type ${real.contentType} vs ${embedded.contentType}`);
  if (real.cacheControl !== embedded.cacheControl)
    differences.push(`cache-control ${real.cacheControl} vs ${embedded.cacheControl}`);
  const a = realN.normalise(real.body);
  const b = embeddedN.normalise(embedded.body);
  diff(a, b, '$', new Set(real.loose ?? []), differences);
  return differences;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function diff(a: unknown, b: unknown, where: string, loose: Set<string>, out: string[]): void {
  if (out.length > 12) return;
  const key = where.slice(where.lastIndexOf('.') + 1);
  if (typeOf(a) !== typeOf(b)) {
    out.push(`${where}: ${JSON.stringify(a)?.slice(0, 160)} (real) vs ${JSON.stringify(b)?.slice(0, 160)} (embedded)`);
    return;
  }
  if (loose.has(key)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(
        `${where}: ${a.length} items (real) vs ${b.length} (embedded): ${JSON.stringify(a).slice(0, 200)} vs ${JSON.stringify(b).slice(0, 200)}`,
      );
      return;
    }
    a.forEach((item, i) => diff(item, b[i], `${where}[${i}]`, loose, out));
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ak = Object.keys(a as object);
    const bk = Object.keys(b as object);
    const missing = ak.filter((k) => !(k in (b as object)));
    const extra = bk.filter((k) => !(k in (a as object)));
    if (missing.length) out.push(`${where}: keys only in real: ${missing.join(', ')}`);
    if (extra.length) out.push(`${where}: keys only in embedded: ${extra.join(', ')}`);
    for (const k of ak)
      if (k in (b as object))
        diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`, loose, out);
    return;
  }
  if (typeof a === 'string' && typeof b === 'string' && a.startsWith('<remaining:') && b.startsWith('<remaining:')) {
    const gap = Math.abs(Number(a.slice(11, -1)) - Number(b.slice(11, -1)));
    if (gap <= 3) return;
  }
  if (a !== b)
    out.push(`${where}: ${JSON.stringify(a)?.slice(0, 300)} (real) vs ${JSON.stringify(b)?.slice(0, 300)} (embedded)`);
}
