/**
 * Objects that never change once built (stored KV versions, their metadata). Work derived from
 * them — their JSON text, their hashed audit form — is done once and reused.
 */
const IMMUTABLE = new WeakSet<object>();
const JSON_TEXT = new WeakMap<object, string>();

export function markImmutable<T extends object>(value: T): T {
  IMMUTABLE.add(value);
  return value;
}

export function isImmutable(value: object): boolean {
  return IMMUTABLE.has(value);
}

/**
 * JSON.stringify, except that immutable objects (at the top or one level down) are serialised
 * once: a KV read's `{data, metadata}` costs two cache lookups.
 */
export function toJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  if (IMMUTABLE.has(value)) return cachedJson(value);
  let parts = '';
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    const text =
      item !== null && typeof item === 'object' && IMMUTABLE.has(item) ? cachedJson(item) : JSON.stringify(item);
    parts += `${parts ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `{${parts}}`;
}

function cachedJson(value: object): string {
  let text = JSON_TEXT.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    JSON_TEXT.set(value, text);
  }
  return text;
}
