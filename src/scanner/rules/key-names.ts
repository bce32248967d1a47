/**
 * What a key name says about its value: `DB_PASSWORD` holds a password, `apiKey` a secret,
 * `integrity` a hash, `password_min_length` a number about a password.
 */
export type KeyKind = 'password' | 'secret' | 'hash' | 'neutral';

/** `spring.datasource.password` → [spring, datasource, password]; `apiKey` → [api, key]. */
export function keyWords(key: string): string[] {
  return (
    key
      // `contraseña` → `contrasena`: accents off, so names in other languages split into words.
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .replace(/([a-z])([0-9])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
  );
}

const HASH_WORDS = new Set([
  'hash',
  'hashed',
  'sha',
  'sha1',
  'sha256',
  'sha384',
  'sha512',
  'md5',
  'digest',
  'checksum',
  'integrity',
  'commit',
  'rev',
  'revision',
  'etag',
  'fingerprint',
  'uuid',
  'guid',
  'public',
  'pub',
  'pubkey',
  'pin',
  'nonce',
  'salt',
  // Per-request anti-forgery tokens, rendered into every page: not secrets in code.
  'csrf',
  'xsrf',
  'authenticity',
]);

/** Words saying the value is *about* a secret (its length, its file, its variable), not the secret. */
const ABOUT_WORDS = new Set([
  'length',
  'len',
  'min',
  'max',
  'policy',
  'policies',
  'field',
  'label',
  'prompt',
  'placeholder',
  'regex',
  'pattern',
  'rule',
  'rules',
  'file',
  'files',
  'path',
  'dir',
  'env',
  'var',
  'variable',
  'name',
  'type',
  'url',
  'uri',
  'endpoint',
  'header',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'lifetime',
  'count',
  'prefix',
  'version',
  'mode',
  'enabled',
  'enable',
  'required',
  'reset',
  'strength',
  'hint',
  'format',
  'encoding',
  'algorithm',
  'alg',
  'scope',
  'scopes',
  'provider',
  'source',
  'ref',
  'arn',
  'location',
  'store',
  'manager',
  'backend',
  'method',
  'kind',
  'id',
  'ids',
  'count',
  'limit',
  'uses',
  'num',
  'size',
  'timeout',
  'retries',
  'host',
  'port',
  'user',
  'username',
  'login',
  'email',
  'msg',
  'message',
  'error',
  'text',
  'title',
  'description',
  'help',
  'input',
  'button',
  'form',
  'key_id',
  'accessor',
  'role',
  'mount',
  'engine',
  'class',
  'validator',
]);

const SECRET_PAIRS: Array<[string, string]> = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['signing', 'key'],
  ['encryption', 'key'],
  ['master', 'key'],
  ['secret', 'key'],
  ['session', 'key'],
  ['client', 'key'],
  ['app', 'key'],
  ['auth', 'key'],
  ['license', 'key'],
  ['account', 'key'],
  ['storage', 'key'],
  ['crypt', 'key'],
  ['hmac', 'key'],
  ['aes', 'key'],
  ['cipher', 'key'],
  ['jwt', 'key'],
  ['webhook', 'key'],
  ['service', 'key'],
  ['db', 'key'],
  ['database', 'key'],
  ['priv', 'key'],
];
const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'signingkey',
  'credential',
  'credentials',
  'creds',
  'bearer',
  'jwt',
  'authtoken',
  'accesstoken',
  'refreshtoken',
  'clientsecret',
  'webhooksecret',
  'encryptionkey',
  'masterkey',
  'privkey',
  // Other languages, and the misspelling detect-secrets' keyword list also catches.
  'secrete',
  'secreto',
  'geheimnis',
]);

/** "Password" in Spanish, German, Portuguese, Dutch, French (`mot_de_passe`), Polish, Swedish. */
const OTHER_LANGUAGE_PASSWORDS = new Set([
  'contrasena',
  'passwort',
  'kennwort',
  'senha',
  'wachtwoord',
  'passe',
  'haslo',
  'losenord',
]);

function isPasswordWord(word: string): boolean {
  return (
    word.includes('passw') ||
    word === 'pwd' ||
    word.endsWith('pwd') ||
    word === 'pass' ||
    word === 'pw' ||
    word === 'passphrase' ||
    OTHER_LANGUAGE_PASSWORDS.has(word)
  );
}

const kinds = new Map<string, KeyKind>();

export function classifyKey(key: string): KeyKind {
  let kind = kinds.get(key);
  if (kind === undefined) {
    kind = classifyWords(key);
    if (kinds.size > 100_000) kinds.clear();
    kinds.set(key, kind);
  }
  return kind;
}

function classifyWords(key: string): KeyKind {
  const words = keyWords(key);
  if (words.length === 0) return 'neutral';
  const last = words[words.length - 1]!;
  // Vault's AppRole secret_id is a credential even though it ends in "id".
  const vaultSecretId = last === 'id' && words[words.length - 2] === 'secret';
  // "commit" is a digest as a noun (`commit_sha`, `last_commit`), not as a verb (`do_not_commit`).
  const hashWord = (word: string, i: number) =>
    HASH_WORDS.has(word) && !(word === 'commit' && /^(?:not|dont|never|no)$/.test(words[i - 1] ?? ''));
  if (words.some(hashWord)) return 'hash';
  // The secret-ness must survive to the end of the name: `password_file`, `token_ttl` are about one.
  if (
    !vaultSecretId &&
    words.some((word, i) => i > 0 && ABOUT_WORDS.has(word) && words.slice(0, i).some((w) => isSecretish(w, words)))
  ) {
    return 'neutral';
  }
  if (words.some(isPasswordWord)) return 'password';
  if (vaultSecretId || words.some((word) => SECRET_WORDS.has(word))) return 'secret';
  for (let i = 0; i + 1 < words.length; i++) {
    if (SECRET_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b)) return 'secret';
  }
  return 'neutral';
}

function isSecretish(word: string, words: string[]): boolean {
  return isPasswordWord(word) || SECRET_WORDS.has(word) || (word === 'key' && words.length > 1) || word === 'secret';
}
