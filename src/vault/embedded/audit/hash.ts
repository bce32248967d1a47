import { createHmac } from 'node:crypto';
import { HMAC_PREFIX } from '../../audit/entry.js';
import { GoTime } from '../core/go-time.js';
import { uuid } from '../core/ids.js';
import { isImmutable } from '../core/immutable.js';

/**
 * The per-device salt and HMAC of Vault's audit devices (`hmac-sha256:<hex>`, key = a random
 * salt). The same value is hashed many times (a client token on every request), so results are
 * memoised in a bounded map — short values only: a memoised 30 MiB secret would stay in memory.
 */
const MEMOISED_LENGTH = 512;

export class AuditSalt {
  readonly #key = uuid();
  readonly #cache = new Map<string, string>();
  readonly #structures = new WeakMap<object, unknown>();

  hash(value: string): string {
    if (value.length > MEMOISED_LENGTH)
      return HMAC_PREFIX + createHmac('sha256', this.#key).update(value).digest('hex');
    let hashed = this.#cache.get(value);
    if (hashed === undefined) {
      hashed = HMAC_PREFIX + createHmac('sha256', this.#key).update(value).digest('hex');
      if (this.#cache.size >= 20_000) this.#cache.clear();
      this.#cache.set(value, hashed);
    }
    return hashed;
  }

  /**
   * A copy of `value` with every string replaced by its HMAC, at any depth (map keys stay
   * plain, numbers/booleans/null stay plain, Go time values become their plain text).
   */
  hashStructure(value: unknown, skipKeys?: ReadonlySet<string>): unknown {
    if (typeof value === 'string') return this.hash(value);
    if (value === null || typeof value !== 'object') return value;
    if (value instanceof GoTime) return value.text;
    // Immutable objects (stored KV versions) are hashed once per device.
    const cacheable = !skipKeys && isImmutable(value);
    if (cacheable) {
      const cached = this.#structures.get(value);
      if (cached !== undefined) return cached;
    }
    let out: unknown;
    if (Array.isArray(value)) out = value.map((item) => this.hashStructure(item));
    else {
      const copy: Record<string, unknown> = {};
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        copy[key] = skipKeys?.has(key) ? plain(item) : this.hashStructure(item);
      }
      out = copy;
    }
    if (cacheable) this.#structures.set(value, out);
    return out;
  }
}

function plain(value: unknown): unknown {
  return value instanceof GoTime ? value.text : value;
}
