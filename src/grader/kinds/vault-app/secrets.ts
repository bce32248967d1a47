import { randomInt } from 'node:crypto';
import type { ChallengeDefinition, SecretField } from '../../../course/challenge-schema.js';
import { randomBase62 } from '../../../util/random.js';
import type { KnownSecret } from '../../scanner-port.js';
import { generateTlsPair } from './tls.js';

/**
 * Fresh values for every secret of a challenge, made for one grade and forgotten after it.
 * Nothing here is ever logged: the only consumers are the provisioning calls and the leak
 * detector.
 */
export interface GeneratedSecret {
  /** KV path under the mount (`database/backend`). */
  path: string;
  data: Record<string, string>;
}

export interface GeneratedSecrets {
  secrets: GeneratedSecret[];
  /** Values the program must not print (the sensitive fields and sensitive parts of them). */
  sensitive: KnownSecret[];
}

export async function generateSecrets(definition: ChallengeDefinition): Promise<GeneratedSecrets> {
  const secrets: GeneratedSecret[] = [];
  const sensitive: KnownSecret[] = [];
  for (const secret of definition.secrets) {
    const data: Record<string, string> = {};
    const fields = Object.entries(secret.data);
    const tlsField = fields.find(([, field]) => field.generator === 'tls-certificate')?.[1];
    const tls =
      tlsField?.generator === 'tls-certificate' ? await generateTlsPair(tlsField.commonName, tlsField.days) : undefined;
    for (const [key, field] of fields) {
      // What messages call it (`secret/database/backend password`); never the value.
      const name = `${definition.mount}/${secret.path} ${key}`;
      const { value, parts } = generateField(field, tls, data);
      data[key] = value;
      if (field.sensitive) {
        sensitive.push({ name, value });
        for (const part of parts) sensitive.push({ name: `${name} (${part.what})`, value: part.value });
      }
    }
    secrets.push({ path: secret.path, data });
  }
  return { secrets, sensitive };
}

interface Generated {
  value: string;
  /** Pieces that are secret on their own (the password inside a URL). */
  parts: Array<{ what: string; value: string }>;
}

function generateField(
  field: SecretField,
  tls: { certificate: string; privateKey: string } | undefined,
  earlier: Record<string, string>,
): Generated {
  switch (field.generator) {
    case 'password':
      return { value: randomValue(field.length, field.alphabet), parts: [] };
    case 'extends': {
      // The schema guarantees the key comes earlier in the same secret.
      const rest = randomValue(field.length, field.alphabet);
      return { value: earlier[field.key]! + rest, parts: [{ what: `the part after its ${field.key}`, value: rest }] };
    }
    case 'api-key':
      return { value: field.prefix + randomBase62(field.length), parts: [] };
    case 'database-url': {
      const password = randomBase62(32);
      return {
        value: `${field.scheme}://${field.user}:${password}@${field.host}:${field.port}/${field.database}`,
        parts: [{ what: 'its password', value: password }],
      };
    }
    case 'tls-certificate':
      return { value: tls!.certificate, parts: [] };
    case 'tls-private-key':
      return { value: tls!.privateKey, parts: [{ what: 'its key material', value: pemBody(tls!.privateKey) }] };
  }
}

/**
 * Characters that break a naive redactor: regex metacharacters (a value used as a pattern no
 * longer matches itself, or does not compile), and characters that URL-encoding and JSON escaping
 * change (so the encoded value differs from the raw one). No whitespace: values stay one word.
 */
const SYMBOLS = '.*+?^$()[]{}|\\/&%=#"';
/** Always present in a `symbols` value, so every naive shortcut fails on every grade. */
const REQUIRED_SYMBOLS = ['(', '+', '$', '\\', '.', '*', '[', '"'];

export function randomValue(length: number, alphabet: 'base62' | 'symbols'): string {
  if (alphabet === 'base62') return randomBase62(length);
  // Used as a pattern, it must not even compile (an unclosed group or class): a regex redactor fails loudly.
  for (;;) {
    const value = symbolsValue(length);
    if (!compiles(value)) return value;
  }
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function symbolsValue(length: number): string {
  const characters = [...REQUIRED_SYMBOLS];
  while (characters.length < length) {
    // Three parts letters and digits to one part symbols: the value still looks like a password.
    characters.push(randomInt(4) === 0 ? SYMBOLS[randomInt(SYMBOLS.length)]! : randomBase62(1));
  }
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join('');
}

/** The base64 body of a PEM block, on one line: what a program that strips the armour would print. */
export function pemBody(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');
}
